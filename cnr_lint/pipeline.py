"""One file through read, parse and extract; the whole run's shared, compiled context."""

from __future__ import annotations

import gc
import os
import signal
import threading
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cached_property
from pathlib import Path

from typing import TYPE_CHECKING

from cnr_lint import codec
from cnr_lint.cache import Cache, signature
from cnr_lint.models import Dossier, FileNote, Finding, Span
from cnr_lint.pack import Pack, Profile, Rule, reference_dir

if TYPE_CHECKING:
    from cnr_lint.extract import CompiledProfile
    from cnr_lint.read import Unreadable
    from cnr_lint.reference import Reference

# read, parse and extract are imported where a file is extracted: a run answered from the
# cache never needs them (nor markdown-it).


@dataclass(frozen=True)
class Context:
    pack: Pack
    # (glob, profile name) from the configuration's `profiles:`, the first that matches wins;
    # globs match the path from `root` (the configuration's folder), with / between folders.
    assigned: tuple[tuple[str, str], ...] = ()
    # The configuration's `assign`: (glob, ((field, value), ...)), globs relative to `root`.
    assign: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    root: Path = Path(".")
    _compiled: dict = field(default_factory=dict, compare=False, repr=False)
    _names: dict = field(default_factory=dict, compare=False, repr=False)  # path: its profile's name

    def assignment(self, path: str | Path) -> dict[str, str]:
        """The campaign, region or department the configuration assigns to the dossier at `path`
        (later globs win)."""
        if not self.assign:
            return {}
        absolute = Path(path).resolve()
        relative = absolute.relative_to(self.root).as_posix() if absolute.is_relative_to(self.root) else str(path)
        found: dict[str, str] = {}
        for pattern, values in self.assign:
            if fnmatchcase(relative, pattern):
                found.update(values)
        return found

    @cached_property
    def profile(self) -> CompiledProfile:
        """The default profile, compiled."""
        return self.compiled(self.pack.default)

    def compiled(self, name: str) -> CompiledProfile:
        found = self._compiled.get(name)
        if found is None:
            from cnr_lint.extract import CompiledProfile

            found = self._compiled[name] = CompiledProfile(self.pack.profiles[name])
        return found

    def profile_name(self, path: str) -> str:
        """The profile that applies to the file at `path` (as displayed: from the working folder)."""
        if not self.assigned:
            return self.pack.default
        found = self._names.get(path)
        if found is None:  # asked for each rule of each dossier: worked out once per file
            relative = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root)).replace(os.sep, "/")
            found = next((name for glob, name in self.assigned
                          if fnmatchcase(relative, glob) or fnmatchcase(path.replace(os.sep, "/"), glob)),
                         self.pack.default)
            self._names[path] = found
        return found

    def profile_of(self, path: str) -> Profile:
        return self.pack.profiles[self.profile_name(path)]

    def applies(self, rule: Rule, path: str) -> bool:
        """Whether the rule checks the dossier at `path` (a rule checks the dossiers of its own profile)."""
        return self.pack.applies(rule, self.profile_name(path))

    @cached_property
    def reference(self) -> Reference:
        from cnr_lint.reference import load_reference

        return load_reference(reference_dir() / "regions.yaml")


def unreadable_dossier(failure: Unreadable, noun: str = "file") -> Dossier:
    span = Span(failure.line, failure.column, failure.line, failure.column)
    return Dossier(
        path=failure.path, fingerprint="", region=None, department=None, campaign=None, published=None,
        figures=(), lists=(), dates=(), notes=(FileNote("unreadable", f"the {noun} {failure.reason}", span),),
        readable=False,
    )


def dossier_from_bytes(data: bytes, path: str, context: Context) -> Dossier:
    from cnr_lint.read import read_bytes

    return _understand(read_bytes(data, path), context)


def load_dossier(path: str | Path, display: str, context: Context) -> Dossier:
    from cnr_lint.read import read_path

    return _understand(read_path(path, display), context)


def _understand(source, context: Context) -> Dossier:
    from cnr_lint.extract import extract
    from cnr_lint.parse import parse
    from cnr_lint.read import Unreadable

    if isinstance(source, Unreadable):
        return unreadable_dossier(source)
    return extract(source, parse(source), context.compiled(context.profile_name(source.path)), context.reference,
                   context.assignment(source.path))


@dataclass(frozen=True)
class DocumentChecks:
    """The rules that look at one dossier alone, run where the dossier is extracted (in a
    worker, while the others extract); `key` names the selection they belong to, so that the
    checks use their findings only for that selection."""

    rules: tuple[Rule, ...]
    key: str


class Loaded:
    """A dossier of the corpus, as the checks see it: its group and suppressions at hand, the
    dossier itself decoded from the cache only when a check has to run on it, and the findings
    of the document rules when they ran as it was extracted (`checked`: their key, findings)."""

    __slots__ = ("path", "digest", "campaign", "region", "suppressions", "checked", "_dossier", "_fetch")

    def __init__(self, path: str, digest: str, campaign, region, suppressions, dossier=None, fetch=None,
                 checked: tuple[str, tuple[Finding, ...]] | None = None) -> None:
        self.path, self.digest, self.campaign, self.region = path, digest, campaign, region
        self.suppressions = suppressions
        self.checked = checked
        self._dossier: Dossier | None = dossier
        self._fetch = fetch

    @classmethod
    def of(cls, dossier: Dossier, checked: tuple[str, tuple[Finding, ...]] | None = None) -> Loaded:
        return cls(dossier.path, dossier.fingerprint, dossier.campaign, dossier.region, dossier.suppressions, dossier,
                   checked=checked)

    @property
    def dossier(self) -> Dossier:
        if self._dossier is None:
            self._dossier = self._fetch(self.path)
        return self._dossier


def load_corpus(found, context: Context, cache: Cache | None = None, jobs: int = 1, progress=None,
                document: DocumentChecks | None = None) -> list[Loaded]:
    """Every target read, parsed and extracted (or found in the cache), in the order given.

    Extraction runs in `jobs` processes when there is enough of it to pay for them. The
    `document` checks run on each named target as soon as it is extracted, where it is.
    """
    # A corpus is tens of thousands of small objects, without cycles, kept to the end of the run:
    # the cyclic garbage collector would walk them again each time it runs as they pile up.
    # It is off while they are made, and they are left out of its walks afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        loaded = _load_corpus(found, context, cache, jobs, progress, document)
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    return loaded


def _load_corpus(found, context: Context, cache: Cache | None, jobs: int, progress,
                 document: DocumentChecks | None) -> list[Loaded]:
    loaded: list[Loaded | None] = [None] * len(found)
    signatures = [signature(target.display) for target in found] if cache else [None] * len(found)
    todo = []

    def fetch(display: str) -> Dossier:
        dossier = cache.fetch(display)
        if dossier is None:  # damaged in the cache: extracted again, and cached again
            dossier = load_dossier(display, display, context)
            status = signature(display)
            if status is not None:
                cache.store(display, status, dossier)
        return dossier

    for index, target in enumerate(found):
        if target.problem:
            loaded[index] = Loaded.of(unlisted_folder(target))
            continue
        entry = cache.fresh(target.display, signatures[index]) if cache else None
        if entry is not None:
            loaded[index] = Loaded(target.display, entry.digest, entry.campaign, entry.region, entry.suppressions,
                                   fetch=fetch)
        else:
            todo.append((index, str(target.path), target.display, target.named))
    if progress:
        progress(len(found) - len(todo))
    for index, dossier, encoded, checked in _extract_all(todo, context, jobs, cache is not None, document):
        loaded[index] = Loaded.of(dossier, checked)
        if cache and signatures[index] is not None:
            cache.store(dossier.path, signatures[index], dossier, encoded)
        if progress:
            progress(1)
    return loaded  # type: ignore[return-value]


def load_unmatched(path: str | Path, display: str, context: Context):
    """The dossier and the sentences its extraction passed over (`cnr_lint.unmatched`)."""
    from cnr_lint.extract import extract
    from cnr_lint.parse import parse
    from cnr_lint.read import Unreadable, read_path
    from cnr_lint.unmatched import unmatched

    source = read_path(path, display)
    if isinstance(source, Unreadable):
        return unreadable_dossier(source), ()
    parsed = parse(source)
    profile = context.compiled(context.profile_name(source.path))
    dossier = extract(source, parsed, profile, context.reference, context.assignment(source.path))
    return dossier, unmatched(parsed, dossier, profile, source.page_starts)


def load_targets(found, context: Context) -> list[Dossier]:
    """Every target read, parsed and extracted, in the order given (no cache, one process)."""
    return [unlisted_folder(t) if t.problem else load_dossier(t.path, t.display, context) for t in found]


def unlisted_folder(target) -> Dossier:
    """A folder of the corpus that could not be listed: unreadable, as a file would be."""
    from cnr_lint.read import Unreadable

    return unreadable_dossier(Unreadable(target.display, target.problem), "folder")


def usable_cores() -> int:
    """The cores this process may run on (fewer than the machine's under an affinity mask or a
    container's CPU set): the default of `--jobs`."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


_MIN_FILES_PER_PROCESS = 48
_worker_context: Context | None = None
_worker_encodes = False  # the run has a cache: workers give each dossier in the cache's form too
_worker_checks: DocumentChecks | None = None


def _extract_all(todo, context: Context, jobs: int, encode: bool, document: DocumentChecks | None):
    """(index, dossier, its cache document or None, its document findings or None) of each file
    to extract, in any order.

    Workers encode the dossiers for the cache themselves (`encode`), in parallel: the main
    process then only unpickles each dossier, and stores the document as it came. They run the
    `document` checks too: only the checks that compare dossiers wait for all of them."""
    # the pool's signal handling (below) can only be set from the main thread
    in_main_thread = threading.current_thread() is threading.main_thread()
    if jobs <= 1 or len(todo) < 2 * _MIN_FILES_PER_PROCESS or not in_main_thread:
        for index, path, display, named in todo:
            dossier = load_dossier(path, display, context)
            yield index, dossier, None, _checked(dossier, named, document, context)
        return
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    processes = min(jobs, len(todo) // _MIN_FILES_PER_PROCESS)
    chunk = max(1, min(64, len(todo) // (processes * 8)))
    if method == "fork":
        _prepare(context, todo, document)
    # What the workers inherit stays out of their collector's walks (and their pages shared):
    # the collection is off in the parent, frozen right before the fork, on in each worker.
    gc.freeze()
    # Ctrl-C reaches the whole process group: the workers are born ignoring it, so that only the
    # parent stops (once, without a traceback per worker) and terminates them as it leaves the
    # pool. A SIGTERM reaches the parent only: it is made an exit, so the pool is left the same way.
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pool = multiprocessing.get_context(method).Pool(processes, _start_worker, (context, encode, document))
    finally:
        signal.signal(signal.SIGINT, interrupt)
    terminate = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        with pool:
            yield from pool.imap_unordered(_extract_one, todo, chunksize=chunk)
    finally:
        signal.signal(signal.SIGTERM, terminate)


def _prepare(context: Context, todo, document: DocumentChecks | None) -> None:
    """What each worker would otherwise build for itself, built once before they are forked from
    this process: the modules that extract and check, the profiles the files use compiled, the
    reference data."""
    from cnr_lint import checks, extract, parse, read  # noqa: F401

    for name in {context.profile_name(display) for _, _, display, _ in todo}:
        context.compiled(name)
    context.reference
    for rule in document.rules if document else ():
        checks.kind(rule.kind)


def _checked(dossier: Dossier, named: bool, document: DocumentChecks | None,
             context: Context) -> tuple[str, tuple[Finding, ...]] | None:
    """The document checks' key and findings for a named dossier; None when they did not run."""
    if document is None or not named:
        return None
    from cnr_lint.checks import document_findings

    return document.key, document_findings(dossier, document.rules, context)


def _exit_on_sigterm(signum: int, frame) -> None:
    raise SystemExit(128 + signum)


def _start_worker(context: Context, encode: bool, document: DocumentChecks | None) -> None:
    global _worker_context, _worker_encodes, _worker_checks
    _worker_context, _worker_encodes, _worker_checks = context, encode, document
    gc.enable()


def _extract_one(item) -> tuple[int, Dossier, bytes | None, tuple[str, tuple[Finding, ...]] | None]:
    index, path, display, named = item
    assert _worker_context is not None
    dossier = load_dossier(path, display, _worker_context)
    encoded = codec.dumps(dossier) if _worker_encodes and dossier.fingerprint else None
    return index, dossier, encoded, _checked(dossier, named, _worker_checks, _worker_context)
