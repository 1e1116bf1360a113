"""check: find the files, load the corpus, run the rules, keep the findings a user asked for.

Named files are linted; the rest of the corpus is context for the cross-dossier rules. A
finding is shown when one of its places lies in a named file, unless a suppression comment,
`ignore` or `per-file-ignores` says otherwise.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, NamedTuple

from cnr_lint import checks
from cnr_lint.config import Config
from cnr_lint.models import Dossier, Finding, Severity, Suppression
from cnr_lint.pack import Rule
from cnr_lint.cache import Cache
from cnr_lint.pipeline import Context, Loaded
from cnr_lint.yamlfile import ConfigError, nearest

DOSSIER_SUFFIXES = (".md", ".markdown", ".txt")
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


@dataclass(frozen=True)
class Outcome:
    findings: tuple[Finding, ...]
    named: tuple[str, ...]
    selection: Selection = field(repr=False)

    @property
    def failed(self) -> bool:
        return any(f.severity.rank >= self.selection.fail_on.rank for f in self.findings)


def select_rules(context: Context, config: Config, select=None, ignore=(), extend_select=(), fail_on=None) -> Selection:
    all_rules = context.pack.rules
    codes = [r.code for r in all_rules]
    chosen_select = tuple(select) if select else (config.select or ("",))
    chosen_ignore = tuple(config.ignore) + tuple(ignore)
    extra = tuple(config.extend_select) + tuple(extend_select)
    for selector in (*chosen_select, *chosen_ignore, *extra, *config.severity):
        if selector and not any(code.startswith(selector) for code in codes):
            raise ConfigError(config.source or "command line", None, f"unknown rule code {selector!r}{nearest(selector, codes)}")
    for pattern, ignored in config.per_file_ignores.items():
        for selector in ignored:
            if not any(code.startswith(selector) for code in codes):
                raise ConfigError(config.source or "command line", None,
                                  f"per-file-ignores.{pattern}: unknown rule code {selector!r}{nearest(selector, codes)}")

    def matches(code: str, selectors: tuple[str, ...]) -> bool:
        return any(code.startswith(s) for s in selectors)

    rules = []
    for rule in all_rules:
        if not (matches(rule.code, chosen_select) or matches(rule.code, extra)) or matches(rule.code, chosen_ignore):
            continue
        override = config.severity.get(rule.code)
        rules.append(replace(rule, severity=override) if override else rule)
    return Selection(
        rules=tuple(rules),
        fail_on=Severity(fail_on or config.fail_on),
        per_file_ignores=tuple(config.per_file_ignores.items()),
    )


# -- files ---------------------------------------------------------------------------------------


def _walk(folder: str) -> Iterable[str]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith("."))
        prefix = root if root.endswith(os.sep) else root + os.sep
        for name in sorted(files):
            if name.lower().endswith(DOSSIER_SUFFIXES):
                yield prefix + name


def targets(paths: tuple[str, ...], config: Config) -> list[Target]:
    """The named files, then the rest of their corpus as context, each file once.

    Files are told apart by absolute path (symbolic links are not followed to compare them):
    resolving ten thousand paths one by one would cost more than reading the files.
    """
    cwd = os.getcwd()
    found: dict[str, Target] = {}
    context_roots: list[Path] = []
    for given in paths:
        if os.path.isdir(given):
            for file in _walk(given):
                found.setdefault(os.path.normpath(os.path.join(cwd, file)), Target(file, os.path.normpath(file), True))
        else:
            found.setdefault(os.path.normpath(os.path.join(cwd, given)), Target(given, given, True))
            context_roots.append(_corpus_root(Path(given), config))
    context: list[str] = []
    if config.corpus:
        for pattern in config.corpus:
            context.extend(str(p) for p in sorted(config.root.glob(pattern)) if p.is_file())
    else:
        for root in dict.fromkeys(context_roots):
            context.extend(_walk(str(root)))
    prefix = cwd.rstrip(os.sep) + os.sep
    for file in context:
        absolute = file  # walked from an absolute root, or globbed from the configuration's folder
        if absolute not in found and file.lower().endswith(DOSSIER_SUFFIXES):
            display = absolute[len(prefix):] if absolute.startswith(prefix) else absolute
            found[absolute] = Target(file, display, False)
    return list(found.values())


def _corpus_root(file: Path, config: Config) -> Path:
    """The repository the file lives in; else the configuration's folder; else the file's folder."""
    folder = file.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
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


def check(items: Iterable[Dossier | Loaded], named: set[str], context: Context, selection: Selection,
          cache: Cache | None = None) -> list[Finding]:
    """The findings to show for the named files. With a cache, findings of checks that already ran
    on the same dossiers with the same rules are reused, and those dossiers are never unpickled."""
    loaded = [item if isinstance(item, Loaded) else Loaded.of(item) for item in items]
    by_scope: dict[str, list[Rule]] = defaultdict(list)
    for rule in selection.rules:
        by_scope[checks.scope(rule.kind)].append(rule)
    rules_key = _digest([context.pack.digest, *(f"{r.code}={r.severity.value}" for r in selection.rules)])

    def cached(key: str, run) -> tuple[Finding, ...]:
        found = cache.result(key) if cache else None
        if found is None:
            found = tuple(run())
            if cache:
                cache.store_result(key, found)
        return found

    raw: list[Finding] = []
    document_rules = by_scope["document"]
    for item in loaded:
        if item.path in named and document_rules:
            raw.extend(cached(
                f"d:{rules_key}:{item.digest}:{item.path}",
                lambda item=item: (
                    f for rule in document_rules for f in checks.kind(rule.kind).check(item.dossier, rule, context)
                ),
            ))
    corpus_rules = by_scope["corpus"]
    if corpus_rules:
        for members in groups(loaded).values():
            if not any(m.path in named for m in members):
                continue
            key = "g:" + rules_key + ":" + _digest([f"{m.path}\0{m.digest}" for m in members])
            raw.extend(cached(key, lambda members=members: _check_group(members, corpus_rules, context)))
    shown = [f for f in raw if _touches(f, named)]
    return _suppress(shown, loaded, named, selection, by_scope["suppression"])


def _check_group(members, corpus_rules, context) -> list[Finding]:
    group = tuple(m.dossier for m in members)
    return [f for rule in corpus_rules for f in checks.kind(rule.kind).check(group, rule, context)]


def _digest(parts: list[str]) -> str:
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


def _touches(finding: Finding, named: set[str]) -> bool:
    return finding.location.path in named or any(place.path in named for place in finding.related)


def _suppress(findings, loaded, named, selection: Selection, unused_rules) -> list[Finding]:
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
                kept.extend(checks.kind(rule.kind).check(item, unused, rule))
    return sorted(set(kept), key=lambda f: f.sort_key)


def _silencer(finding: Finding, item: Loaded) -> Suppression | None:
    for suppression in item.suppressions:
        if finding.code in suppression.codes and suppression.line in (None, finding.location.span.line):
            return suppression
    return None


def _ignored_for_file(finding: Finding, selection: Selection) -> bool:
    path = finding.location.path.replace(os.sep, "/")
    for pattern, codes in selection.per_file_ignores:
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            if any(finding.code.startswith(c) for c in codes):
                return True
    return False
