#!/usr/bin/env python3
"""Where a cold run's time goes, phase by phase, in one process (what `--jobs 1` does, timed).

    python bench/phases.py DIR            # every dossier of DIR (a bench corpus: bench/run.py --keep)

Prints the CPU seconds (this process's: other jobs on the machine move them less than wall
time) and CPU milliseconds per file of: importing cnr-lint, loading and compiling the
rule packs, walking the folder, reading, parsing, extracting, the document checks (run in the
extraction workers), the checks left to the main process (cross-dossier rules, suppressions),
and the pickle round trip an extraction worker's result makes to the main process. The cyclic
garbage collector is off during the phases, as `pipeline.load_corpus` has it.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import time


def main(folder: str) -> None:
    started = time.process_time()
    from cnr_lint import engine
    from cnr_lint.api import configuration, context
    from cnr_lint.extract import extract
    from cnr_lint.checks import document_findings
    from cnr_lint.parse import parse
    from cnr_lint.pipeline import Loaded
    from cnr_lint.read import read_path

    spent = {"imports": time.process_time() - started}
    os.chdir(folder)
    gc.disable()

    def timed(name, work):
        start = time.process_time()
        result = work()
        spent[name] = time.process_time() - start
        return result

    def packs():
        config = configuration(None)
        run_context, _ = context(config, ())
        run_context.profile, run_context.reference  # compiled now, as the first file would
        return config, run_context

    config, run_context = timed("packs and profile", packs)
    found = timed("walk", lambda: engine.targets((".",), config))
    sources = timed("read", lambda: [read_path(t.path, t.display) for t in found])
    parsed = timed("parse", lambda: [parse(source) for source in sources])
    dossiers = timed("extract", lambda: [extract(s, p, run_context.profile, run_context.reference, {})
                                         for s, p in zip(sources, parsed)])
    selection = engine.select_rules(run_context, config)
    document = engine.document_checks(run_context, selection)
    checked = timed("check (document, worker)",
                    lambda: [(document.key, document_findings(d, document.rules, run_context)) for d in dossiers])
    loaded = [Loaded.of(d, found) for d, found in zip(dossiers, checked)]
    findings = timed("check (corpus, main)", lambda: engine.check(loaded, {d.path for d in dossiers}, run_context, selection))
    blobs = timed("pickle (worker)", lambda: [pickle.dumps(d) for d in dossiers])
    timed("unpickle (main)", lambda: [pickle.loads(b) for b in blobs])
    count = len(found)
    print(f"{count} files, {len(findings)} findings")
    for name, seconds in spent.items():
        print(f"{name:<26}{seconds:>8.3f} s CPU{seconds / count * 1000:>9.3f} ms/file")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
