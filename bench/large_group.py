#!/usr/bin/env python3
"""Every corpus check on one large group of dossiers: does its time grow as n log n?

    python bench/large_group.py [--sizes 1000 4000 16000] [--repeat 3]

One campaign and region, half of the dossiers stating an older progress snapshot and half a
newer one (as 800 dossiers did when CNR202 took 51 s, cubic in the group), a few of them
drifted. Each corpus rule of the built-in pack (CNR201..CNR205) is timed on the group alone
(CPU time, best of --repeat); the dossiers are built in memory, not read. Exit 0 when, from the
smallest size to the largest, each rule's time grows at most 1.5 x n log n would (a quadratic
check grows 16 times from 1,000 to 16,000 dossiers, cubic 4,096 times).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cnr_lint import checks  # noqa: E402
from cnr_lint.dates import Period  # noqa: E402
from cnr_lint.models import Dossier, Figure, Span  # noqa: E402
from cnr_lint.pack import load_packs  # noqa: E402
from cnr_lint.pipeline import Context  # noqa: E402

OLDER = Period(date(2023, 6, 30), date(2023, 6, 30))
NEWER = Period(date(2023, 11, 8), date(2023, 11, 8))
TARGET = 1.5  # times n log n growth


def _figure(name: str, value: int, as_of: Period | None, line: int, department: str | None = None) -> Figure:
    scope = name.split(".", 1)[0]
    return Figure(name=name, low=float(value), high=float(value), low_open=False, high_open=False, unit="projects",
                  qualifier=None, as_of=as_of, as_of_text=str(as_of.start) if as_of else None, scope=scope,
                  department=department, text=f"{value} {name}", span=Span(line, 1, line, 20))


def group(size: int, seed: int = 20231108) -> tuple[Dossier, ...]:
    rng = random.Random(seed)
    dossiers = []
    for index in range(size):
        older = index % 2 == 0
        realised = 10 if older else 14
        if rng.random() < 0.02:
            realised += rng.randint(1, 3)  # drifted
        as_of = OLDER if older else NEWER
        department = f"Département {index % 97}"
        figures = (
            _figure("region.meetings", 25 + (rng.random() < 0.02), None, 2),
            _figure("region.projects.realised", realised, as_of, 3),
            _figure("region.projects.in_progress", 41 - realised, as_of, 4),
            _figure("department.meetings", rng.randint(2, 6), None, 5, department),
        )
        dossiers.append(Dossier(path=f"dossiers/{index:05d}.md", fingerprint=f"{index:032x}", region="Région",
                                department=department, campaign="1 an après 2023", published=None, figures=figures,
                                lists=(), dates=()))
    return tuple(dossiers)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pack = load_packs()
    context = Context(pack)
    rules = [r for r in pack.rules if checks.scope(r.kind) == "corpus"]
    times: dict[str, list[float]] = {r.code: [] for r in rules}
    print(f"{'dossiers':>9} " + " ".join(f"{r.code:>16}" for r in rules))
    for size in args.sizes:
        members = group(size)
        row = []
        for rule in rules:
            best, count = math.inf, 0
            for _ in range(args.repeat):
                started = time.process_time()
                count = sum(1 for _ in checks.kind(rule.kind).check(members, rule, context))
                best = min(best, time.process_time() - started)
            times[rule.code].append(best)
            row.append(f"{best:8.3f}s {count:5d}f")
        print(f"{size:>9} " + " ".join(f"{cell:>16}" for cell in row))
    small, large = args.sizes[0], args.sizes[-1]
    allowed = TARGET * (large * math.log(large)) / (small * math.log(small))
    failed = False
    for code, measured in times.items():
        growth = measured[-1] / max(measured[0], 1e-4)
        verdict = "PASS" if growth <= allowed else "FAIL"
        failed |= verdict == "FAIL"
        print(f"{code}: {small:,} -> {large:,} dossiers: x{growth:.1f} (at most x{allowed:.1f}) {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
