"""check: find the files, load the corpus, run the rules, keep the findings a user asked for.

Named files are linted; the rest of the corpus is context for the cross-dossier rules. A
finding is shown when one of its places lies in a named file, unless a suppression comment,
`ignore` or `per-file-ignores` says otherwise.
"""

from __future__ import annotations

import fnmatch
import hashlib
import itertools
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from cnr_lint import checks
from cnr_lint.config import Config
from cnr_lint.models import Dossier, Finding, Severity, Suppression
from cnr_lint.pack import Rule
from cnr_lint.cache import Cache
from cnr_lint.pipeline import Context, DocumentChecks, Loaded
from cnr_lint.read import DOCUMENT_SUFFIXES, TEXT_SUFFIXES
from cnr_lint.yamlfile import ConfigError, nearest, nearest_code

DOSSIER_SUFFIXES = TEXT_SUFFIXES + DOCUMENT_SUFFIXES
SKIPPED_FOLDERS = {".git", ".hg", ".svn", "node_modules", ".cnr_lint_cache", "__pycache__", ".venv", "venv", ".tox"}


@dataclass(frozen=True)
class Selection:
    """Which rules run, with which severity, failing from which severity on."""

    rules: tuple[Rule, ...]
    fail_on: Severity
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()


class Target(NamedTuple):
    """A file to load (a named tuple: ten thousand of them are made in a pre-commit run)."""

    path: str  # where to read it
    display: str  # how to name it, and a path to it from the working folder (shorter to stat)
    named: bool
    problem: str | None = None  # a folder that cannot be listed: why (reported as unreadable)


@dataclass(frozen=True)
class Outcome:
    findings: tuple[Finding, ...]
    named: tuple[str, ...]
    selection: Selection = field(repr=False)
    baselined: int = 0  # findings left out because the baseline records them

    @property
    def failed(self) -> bool:
        return any(f.severity.rank >= self.selection.fail_on.rank for f in self.findings)


def select_rules(context: Context, config: Config, select=None, ignore=(), extend_select=(), fail_on=None) -> Selection:
    """The rules a run checks. Every selector is a rule code, a prefix of codes (`CNR2`) or a
    rule's name (`figure-conflict`), in any case, as ruff takes them; one that names no rule is
    an error naming where it was given (the command line, or the configuration file and line)."""
    all_rules = context.pack.rules

    def codes(selectors, where: tuple[str, ...]) -> frozenset[str]:
        return frozenset(code for index, selector in enumerate(selectors)
                         for code in _codes_of(selector, all_rules, config, (*where, index)))

    def layer(chosen: frozenset[str], keys) -> frozenset[str]:
        """One layer of selection, as in ruff: its select replaces what was chosen below it, then
        its extend-select adds, its ignore removes. `keys`: (selectors, where) of each."""
        (selected, at_select), (extended, at_extend), (ignored, at_ignore) = keys
        if selected:
            chosen = codes(selected, at_select)
        return (chosen | codes(extended, at_extend)) - codes(ignored, at_ignore)

    # the file's layer over every rule, then the command line's over the file's
    command_line = ("command line",)
    in_file = layer(frozenset(r.code for r in all_rules),
                    ((config.select, ("select",)), (config.extend_select, ("extend-select",)), (config.ignore, ("ignore",))))
    chosen = layer(in_file, ((select, command_line), (extend_select, command_line), (ignore, command_line)))
    severity: dict[str, Severity] = {}
    for selector, level in config.severity.items():
        severity.update(dict.fromkeys(_codes_of(selector, all_rules, config, ("severity", selector)), level))
    per_file_ignores = tuple(
        (pattern, tuple(sorted(codes(ignored, ("per-file-ignores", pattern)))))
        for pattern, ignored in config.per_file_ignores.items()
    )
    rules = []
    for rule in all_rules:
        if rule.code not in chosen:
            continue
        override = severity.get(rule.code)
        rules.append(replace(rule, severity=override) if override else rule)
    return Selection(rules=tuple(rules), fail_on=Severity(fail_on or config.fail_on), per_file_ignores=per_file_ignores)


def _codes_of(selector: str, rules: tuple[Rule, ...], config: Config, where: tuple) -> tuple[str, ...]:
    """The codes a selector stands for; `where` is ("command line", index) or the configuration
    key's path, for the error."""
    wanted = selector.strip().upper()
    found = tuple(r.code for r in rules if r.code.startswith(wanted) or r.name.upper() == wanted)
    if found:
        return found
    hint = nearest_code(wanted, [r.code for r in rules]) or nearest(selector.strip().lower(), [r.name for r in rules])
    if where[0] == "command line":
        raise ConfigError("command line", None, f"unknown rule code {selector!r}{hint}")
    from cnr_lint.config import value_line

    raise ConfigError(config.source or "configuration", value_line(config, where[:-1]),
                      f"{'.'.join(map(str, where[:-1]))}: unknown rule code {selector!r}{hint}")


# -- files ---------------------------------------------------------------------------------------


class Walked(NamedTuple):
    path: str  # as reached from the folder walked
    real: str  # absolute, symbolic links resolved: what tells two files apart
    problem: str | None = None  # why a folder could not be listed (the path is then the folder's)


def _walk(folder: str) -> Iterator[Walked]:
    """The dossier files under `folder`, in name order, depth first, with a stack instead of
    recursion (a tree 1,100 folders deep is walked too). A folder that cannot be listed
    (unreadable, or a path longer than the system allows) is yielded with the reason, never
    skipped in silence. Symbolic links to folders are not followed; only the links among the
    files are resolved, one by one: resolving every path would cost more than reading the files.
    """
    real_root = os.path.realpath(folder)
    pending = [(folder, real_root)]
    while pending:
        current, real = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            yield Walked(current, real, f"cannot be read: {error.strerror or error}")
            continue
        prefix = current if current.endswith(os.sep) else current + os.sep
        real_prefix = real if real.endswith(os.sep) else real + os.sep
        folders = []
        for entry in entries:
            if _is_folder(entry):
                if entry.name not in SKIPPED_FOLDERS and not entry.name.startswith(".") and not entry.is_symlink():
                    folders.append((prefix + entry.name, real_prefix + entry.name))
            elif entry.name.lower().endswith(DOSSIER_SUFFIXES):
                path = prefix + entry.name
                yield Walked(path, os.path.realpath(path) if entry.is_symlink() else real_prefix + entry.name)
        pending.extend(reversed(folders))


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link whose target cannot be reached: read as a file, it says why
        return False


def _glob(root: Path, pattern: str) -> Iterator[Walked]:
    """The files under `root` matching a `corpus` glob (`*`, `?`, `[...]` within a name, `**`
    for any folders), found by the same walk as the named folders."""
    segments = pattern.split("/")
    literal = list(itertools.takewhile(lambda s: not _WILDCARD.search(s), segments))
    base = os.path.normpath(os.path.join(str(root), *literal))
    if len(literal) == len(segments):
        if os.path.isfile(base):
            yield Walked(base, os.path.realpath(base))
        return
    if not os.path.isdir(base):
        return
    # `**` is any number of folders, each with its slash; a name is followed by one.
    regex = "".join("(?:[^/]+/)*" if s == "**" else _segment_regex(s) + "/" for s in segments[len(literal):])
    matcher = re.compile(regex.removesuffix("/"))
    start = len(base.rstrip(os.sep)) + 1
    for walked in _walk(base):
        if walked.problem or matcher.fullmatch(walked.path[start:].replace(os.sep, "/")):
            yield walked


_WILDCARD = re.compile(r"[*?[]")


def _segment_regex(segment: str) -> str:
    """One name of a glob as a regular expression: its wildcards never match a slash."""
    parts, index = [], 0
    while index < len(segment):
        char = segment[index]
        index += 1
        if char == "*":
            parts.append("[^/]*")
        elif char == "?":
            parts.append("[^/]")
        elif char == "[" and (close := _class_end(segment, index)) > 0:
            body = segment[index:close].replace("\\", "\\\\").replace("[", "\\[")
            parts.append("(?!/)[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            index = close + 1
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _class_end(segment: str, start: int) -> int:
    """Where the `[...]` class opened before `start` closes (a `]` first in it is a member), or -1."""
    index = start + 1 if segment[start:start + 1] == "!" else start
    return segment.find("]", index + 1 if segment[index:index + 1] == "]" else index)


def targets(paths: tuple[str, ...], config: Config) -> list[Target]:
    """The named files, then the rest of their corpus as context, each file once however it is
    spelled (`./d/var.md`, `d/var.md`, or through a symbolic link to its folder). With no path,
    the configuration's `corpus` is what is linted, every file of it named."""
    prefix = os.getcwd().rstrip(os.sep) + os.sep
    found: dict[str, Target] = {}
    context_roots: list[Path] = []
    for given in paths:
        if os.path.isdir(given):
            shown = _shown_below(given, prefix)
            for walked in _walk(given):
                found.setdefault(walked.real, Target(walked.path, shown(walked.path), True, walked.problem))
        else:
            found.setdefault(os.path.realpath(given), Target(given, shown_path(given, prefix), True))
            context_roots.append(_corpus_root(Path(given), config))
    context: list[Walked] = []
    if config.corpus:
        for pattern in config.corpus:
            context.extend(_glob(config.root, pattern))
    else:
        for root in dict.fromkeys(context_roots):
            context.extend(_walk(str(root)))
    for walked in context:  # walked from an absolute root: the configuration's folder, or a repository's
        absolute = walked.path
        if walked.real not in found and (walked.problem or absolute.lower().endswith(DOSSIER_SUFFIXES)):
            # below the working folder, a resolved root and listed names: abspath would not change it
            shown = absolute[len(prefix):] if absolute.startswith(prefix) else shown_path(absolute, prefix)
            found[walked.real] = Target(absolute, shown, not paths, walked.problem)
    return list(found.values())


def _shown_below(folder: str, prefix: str):
    """`shown_path` for the paths `_walk(folder)` yields. Below the folder they are its path, a
    separator and names from the listing, which `abspath` leaves as they are: only the folder's
    own part is made absolute, once, rather than every path of ten thousand (but each one when the
    working folder lies inside the folder: some of its paths are shown from there, others not)."""
    start = len(folder if folder.endswith(os.sep) else folder + os.sep)
    absolute = os.path.abspath(folder)
    absolute = absolute if absolute.endswith(os.sep) else absolute + os.sep
    if prefix.startswith(absolute) and prefix != absolute:
        return lambda path: shown_path(path, prefix)
    head = absolute[len(prefix):] if absolute.startswith(prefix) else absolute

    def shown(path: str) -> str:
        return head + path[start:] if len(path) > start else shown_path(path, prefix)

    return shown


def shown_path(path: str, prefix: str | None = None) -> str:
    """How every report names a file, however it was given: from the working folder (`prefix`,
    with its trailing separator; by default the current one) when it lies below it, else
    absolute, as ruff names them."""
    prefix = prefix or os.getcwd().rstrip(os.sep) + os.sep
    absolute = os.path.abspath(path)
    return absolute[len(prefix):] if absolute.startswith(prefix) else absolute


def _corpus_root(file: Path, config: Config) -> Path:
    """The repository the file lives in; else the configuration's folder; else the file's folder."""
    folder = file.resolve().parent
    for candidate in (folder, *folder.parents):
        if os.path.exists(candidate / ".git"):  # False, not PermissionError, in a folder it may not enter
            return candidate
    if config.source and folder.is_relative_to(config.root):
        return config.root
    return folder


# -- checking ------------------------------------------------------------------------------------


def groups(dossiers: Iterable) -> dict[tuple[str, str], tuple]:
    """Dossiers sharing a campaign and a region; the others are never compared."""
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    for dossier in dossiers:
        if dossier.campaign and dossier.region:
            grouped[(dossier.campaign, dossier.region)].append(dossier)
    return {key: tuple(sorted(members, key=lambda d: d.path)) for key, members in grouped.items()}


def document_checks(context: Context, selection: Selection) -> DocumentChecks:
    """The selection's document rules, for `load_corpus` to run as each dossier is extracted."""
    rules = tuple(rule for rule in selection.rules if checks.scope(rule.kind) == "document")
    return DocumentChecks(rules, _rules_key(context, selection))


def _rules_key(context: Context, selection: Selection) -> str:
    return _digest([context.pack.digest, *(f"{r.code}={r.severity.value}" for r in selection.rules)])


def check(items: Iterable[Dossier | Loaded], named: set[str], context: Context, selection: Selection,
          cache: Cache | None = None) -> list[Finding]:
    """The findings to show for the named files. With a cache, findings of checks that already ran
    on the same dossiers with the same rules are reused, and those dossiers are never decoded.
    Document findings worked out as a dossier was extracted (`Loaded.checked`) are used as they came."""
    loaded = [item if isinstance(item, Loaded) else Loaded.of(item) for item in items]
    by_scope: dict[str, list[Rule]] = defaultdict(list)
    for rule in selection.rules:
        by_scope[checks.scope(rule.kind)].append(rule)
    rules_key = _rules_key(context, selection)

    def cached(key: str, run) -> tuple[Finding, ...]:
        found = cache.result(key) if cache else None
        if found is None:
            found = tuple(run())
            if cache:
                cache.store_result(key, found)
        return found

    raw: list[Finding] = []
    document_rules = tuple(by_scope["document"])
    for item in loaded:
        if item.path in named and document_rules:
            key = f"d:{rules_key}:{item.digest}:{item.path}"
            if item.checked is not None and item.checked[0] == rules_key:
                found = item.checked[1]
                if cache:
                    cache.store_result(key, found)
                raw.extend(found)
            else:
                raw.extend(cached(key, lambda item=item: checks.document_findings(item.dossier, document_rules, context)))
    corpus_rules = by_scope["corpus"]
    if corpus_rules:
        for members in groups(loaded).values():
            if not any(m.path in named for m in members):
                continue
            key = "g:" + rules_key + ":" + _digest([f"{m.path}\0{m.digest}" for m in members])
            raw.extend(cached(key, lambda members=members: _check_group(members, corpus_rules, context)))
    shown = [f for f in raw if _touches(f, named)]
    known = frozenset(rule.code for rule in context.pack.rules)
    return _suppress(shown, loaded, named, selection, by_scope["suppression"], known)


def _check_group(members, corpus_rules, context) -> list[Finding]:
    """Each rule on the members it checks (those of its profile)."""
    found = []
    for rule in corpus_rules:
        group = tuple(m.dossier for m in members if context.applies(rule, m.path))
        if group:
            found.extend(checks.kind(rule.kind).check(group, rule, context))
    return found


def _digest(parts: list[str]) -> str:
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


def _touches(finding: Finding, named: set[str]) -> bool:
    return finding.location.path in named or any(place.path in named for place in finding.related)


def _suppress(findings, loaded, named, selection: Selection, unused_rules, known: frozenset[str]) -> list[Finding]:
    """The findings no comment, `per-file-ignores` or file ignore silences; then the comments that
    silenced nothing (`known`: every rule code of the packs, to tell a code that names no rule)."""
    by_path = {item.path: item for item in loaded}
    used: set[Suppression] = set()
    kept = []
    for finding in findings:
        if _ignored_for_file(finding, selection):
            continue
        dossier = by_path.get(finding.location.path)
        silencer = _silencer(finding, dossier) if dossier else None
        if silencer is not None:
            used.add(silencer)
            continue
        kept.append(finding)
    for rule in unused_rules:
        for item in loaded:
            if item.path not in named:
                continue
            unused = [s for s in item.suppressions if s not in used]
            if unused:  # the kind's module is imported only then: most runs have no suppression
                kept.extend(checks.kind(rule.kind).check(item, unused, rule, known))
    return sorted(set(kept), key=lambda f: f.sort_key)


def _silencer(finding: Finding, item: Loaded) -> Suppression | None:
    span = finding.location.span
    for suppression in item.suppressions:
        if finding.code in suppression.codes and (
            suppression.line is None or (suppression.line, suppression.page) == (span.line, span.page)
        ):
            return suppression
    return None


def _ignored_for_file(finding: Finding, selection: Selection) -> bool:
    path = finding.location.path.replace(os.sep, "/")
    for pattern, codes in selection.per_file_ignores:
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            if finding.code in codes:
                return True
    return False
