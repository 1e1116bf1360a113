"""The Python API that the command line, the language server and other tools share.

    import cnr_lint
    result = cnr_lint.lint(["dossiers/"])          # every finding of a corpus
    for finding in result.findings:
        print(finding.location.path, finding.location.span.line, finding.code, finding.message)
    (dossier,) = cnr_lint.facts("dossiers/var.md")  # what cnr-lint understood of one dossier

Paths are shown as the command line shows them: relative to the working folder when they lie
below it. The names exported by `cnr_lint` (`lint`, `facts`, `Workspace`, `LintResult`,
`Config`, `Dossier`, `Figure`, `Finding`, ...) are the stable API; the modules behind them are not.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from cnr_lint.config import Config, find_config, load_config
from cnr_lint.models import Dossier, Figure, Finding

PathLike = str | os.PathLike


@dataclass(frozen=True)
class LintResult:
    """The findings of one run, sorted, and the files that were linted (the rest was context)."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    failed: bool  # a finding at or above the configuration's `fail-on` severity


def configuration(config: Config | PathLike | None = None, start: PathLike = ".") -> Config:
    """A `Config` as given, read from a file, or found upward from `start` as the CLI finds it.

    Raises `ConfigError` (its message names the file, line and key) for a file cnr-lint cannot use.
    """
    if isinstance(config, Config):
        return config
    if config is not None:
        return load_config(Path(config))
    return load_config(find_config(Path(start)))


def context(config: Config, rules: Sequence[PathLike] = (), use_cache: bool = False):
    """The run's compiled rule packs, and its cache when asked (a validated pack is kept there)."""
    from cnr_lint.pack import load_packs, pack_files, packs_digest
    from cnr_lint.pipeline import Context

    files = pack_files(tuple(str(config.root / p) for p in config.rules) + tuple(str(p) for p in rules))
    assigned = tuple(config.profiles.items())
    cache = None
    if use_cache:
        from cnr_lint.cache import Cache

        cache = Cache(config.root if config.source else Path.cwd(), _cache_key(packs_digest(files, assigned), config))
        cache.load()
    pack = cache.pack if cache else None
    if pack is None:
        pack = load_packs(files=files, assigned=assigned, source=config.source or "configuration")
        if cache:
            cache.store_pack(pack)
    assign = tuple((pattern, tuple(sorted(values.items()))) for pattern, values in config.assign.items())
    found = Context(pack, assigned=assigned, assign=assign, root=config.root)
    if config.assign:
        _check_assign(config, found)
    return found, cache


def _check_assign(config: Config, found) -> None:
    """Each value `assign` gives must be one the front matter could give: a region or department
    of the reference data, a campaign the titles name. A misspelt one would put every dossier
    under its glob in a group of its own, where no cross-dossier rule compares it."""
    from cnr_lint.config import value_line
    from cnr_lint.extract import front_value
    from cnr_lint.yamlfile import ConfigError

    for pattern, values in config.assign.items():
        for key, value in values.items():
            _, problem = front_value(key, value, found.compiled(found.profile_name(pattern)), found.reference)
            if problem:
                detail = problem.removesuffix("; it is ignored")
                line = value_line(config, ("assign", pattern, key))
                raise ConfigError(str(config.source), line, f"assign.{pattern}.{detail}")


def _cache_key(packs: str, config: Config) -> str:
    """The rule packs' digest, with the configuration's `assign` folded in (a dossier extracted
    under other assignments is extracted again); 16 hex digits, as the cache names its files."""
    if not config.assign:
        return packs
    import hashlib

    return hashlib.sha256(f"{packs}\0{sorted(config.assign.items())!r}".encode()).hexdigest()[:16]


def _many(given: PathLike | Sequence[PathLike]) -> tuple[str, ...]:
    """What a list argument holds, one str (or Path) being one item, not a sequence of characters."""
    return (str(given),) if isinstance(given, (str, os.PathLike)) else tuple(str(item) for item in given)


def _existing(paths: tuple[str, ...]) -> tuple[str, ...]:
    """The paths, each of which must exist, as on the command line (a missing one is a usage error there)."""
    for path in paths:
        if not os.path.lexists(path):
            raise FileNotFoundError(path)
    return paths


def lint(
    paths: PathLike | Sequence[PathLike] = (),
    config: Config | PathLike | None = None,
    *,
    rules: PathLike | Sequence[PathLike] = (),
    select: str | Sequence[str] = (),
    ignore: str | Sequence[str] = (),
    extend_select: str | Sequence[str] = (),
    fail_on: str | None = None,
    cache: bool = True,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> LintResult:
    """Lint files or folders (default: the configuration's `corpus`, else the working folder).

    Named files are linted; the rest of their corpus is read as context for the cross-dossier
    rules, as on the command line. A str or Path is one path (one code, for `select`...). Raises
    `ConfigError` for a configuration, pack, rule code or `fail_on` it cannot use, and
    `FileNotFoundError` for a path that does not exist.
    """
    from cnr_lint import engine
    from cnr_lint.models import Severity
    from cnr_lint.pipeline import load_corpus, usable_cores
    from cnr_lint.yamlfile import ConfigError

    if fail_on is not None and fail_on not in {s.value for s in Severity}:
        raise ConfigError("fail_on", None, f"{fail_on!r} is not a severity: error, warning or info")
    chosen = configuration(config)
    run_context, run_cache = context(chosen, _many(rules), use_cache=cache)
    selection = engine.select_rules(run_context, chosen, _many(select), _many(ignore), _many(extend_select), fail_on)
    given = _existing(_many(paths)) or (() if chosen.corpus else (".",))
    found = engine.targets(given, chosen)
    corpus = load_corpus(found, run_context, run_cache, jobs or usable_cores(), progress,
                         engine.document_checks(run_context, selection))
    named = {t.display for t in found if t.named}
    findings = engine.check(corpus, named, run_context, selection, run_cache)
    if run_cache:
        run_cache.save({t.display for t in found}, complete=all(t.named for t in found))
    outcome = engine.Outcome(tuple(findings), tuple(sorted(named)), selection)
    return LintResult(outcome.findings, outcome.named, outcome.failed)


def facts(path: PathLike, config: Config | PathLike | None = None, *,
          rules: PathLike | Sequence[PathLike] = ()) -> tuple[Dossier, ...]:
    """What cnr-lint understood of a dossier, or of each dossier of a folder, in path order.

    Raises `FileNotFoundError` for a path that does not exist, as `lint` does; a file that exists
    but cannot be read is a Dossier with `readable` False, its reason in its `notes`.
    """
    from cnr_lint import engine
    from cnr_lint.pipeline import load_targets

    chosen = configuration(config)
    run_context, _ = context(chosen, _many(rules))
    named = [t for t in engine.targets(_existing((str(path),)), replace(chosen, corpus=())) if t.named]
    return tuple(load_targets(named, run_context))


class Workspace:
    """A corpus kept in memory, whose files an editor may replace by unsaved text.

    Loaded once (through the cache), then each `update` re-reads only the file it names, and
    `findings` checks only the dossiers asked for and the groups they belong to.
    """

    def __init__(self, config: Config | PathLike | None = None, *, rules: Sequence[PathLike] = (), root: PathLike = ".") -> None:
        from cnr_lint import engine
        from cnr_lint.pipeline import load_corpus, usable_cores

        self.config = configuration(config, start=root)
        self.context, cache = context(self.config, rules, use_cache=True)
        self.selection = engine.select_rules(self.context, self.config)
        found = engine.targets((str(root),) if not self.config.corpus else (), self.config)
        corpus = load_corpus(found, self.context, cache, usable_cores())
        if cache:
            cache.save({t.display for t in found}, complete=True)
        self._on_disk = {item.path: item for item in corpus}
        self._items = dict(self._on_disk)
        self._buffers: dict[str, str] = {}

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(self._items)

    def update(self, path: str, text: str | None) -> None:
        """`path` now reads `text` (an unsaved buffer), or what is on disk again when `text` is None."""
        from cnr_lint.pipeline import Loaded, dossier_from_bytes, load_dossier

        if text is None:
            self._buffers.pop(path, None)
            if os.path.isfile(path):
                self._on_disk[path] = Loaded.of(load_dossier(path, path, self.context))
                self._items[path] = self._on_disk[path]
            else:
                self._on_disk.pop(path, None)
                self._items.pop(path, None)
            return
        if self._buffers.get(path) == text:
            return
        self._buffers[path] = text
        data = text.encode("utf-8", "surrogatepass")
        if path in self._on_disk and _same_lines(path, data):
            # What the editor shows is what is on disk: keep what was read from the file itself
            # (its encoding, hence its findings, may differ from the editor's UTF-8 copy).
            self._items[path] = self._on_disk[path]
        else:
            self._items[path] = Loaded.of(dossier_from_bytes(data, path, self.context))

    def dossier(self, path: str) -> Dossier | None:
        item = self._items.get(path)
        return item.dossier if item else None

    def findings(self, paths: Iterable[str]) -> dict[str, list[Finding]]:
        """The findings placed in each of `paths`, cross-dossier ones included (their other places
        are `related`), each with its fix when one is known."""
        from cnr_lint import engine

        from cnr_lint import fix

        named = set(paths)
        by_path: dict[str, list[Finding]] = {path: [] for path in named}
        found = engine.check(self._items.values(), named, self.context, self.selection)
        for finding in fix.propose(found, self._items.values(), self.selection, self._lines):
            if finding.location.path in by_path:
                by_path[finding.location.path].append(finding)
        return by_path

    def _lines(self, path: str) -> tuple[str, ...]:
        """What fixes are checked against: the unsaved text of an edited file, else the file's."""
        from cnr_lint.read import Source, decode, lines_of

        if path in self._buffers:
            source = decode(self._buffers[path].encode("utf-8", "surrogatepass"), path)
            return source.lines if isinstance(source, Source) else ()
        return lines_of(path)

    def group_of(self, path: str) -> tuple[str, ...]:
        """The other dossiers that the cross-dossier rules compare `path` with."""
        item = self._items.get(path)
        if item is None or not item.campaign or not item.region:
            return ()
        return tuple(
            other.path for other in self._items.values()
            if other.path != path and other.campaign == item.campaign and other.region == item.region
        )

    def compared_figures(self, path: str, figure: Figure) -> list[tuple[str, Figure]]:
        """The figures of the same name, scope and department that the other dossiers of the group state."""
        found = []
        for other in self.group_of(path):
            dossier = self.dossier(other)
            if dossier is None:
                continue
            for candidate in dossier.figures_named(figure.name):
                if candidate.scope == figure.scope and candidate.department == figure.department:
                    found.append((other, candidate))
        return found


def _same_lines(path: str, data: bytes) -> bool:
    from cnr_lint.read import Source, decode, read_path

    on_disk, edited = read_path(path), decode(data, path)
    return isinstance(on_disk, Source) and isinstance(edited, Source) and on_disk.lines == edited.lines
