"""check: find the files, load the corpus, run the rules, keep the findings a user asked for.

Named files are linted; the rest of the corpus is context for the cross-dossier rules. A
finding is shown when one of its places lies in a named file, unless a suppression comment,
`ignore` or `per-file-ignores` says otherwise.
"""

from __future__ import annotations

import fnmatch
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from cnr_lint import checks
from cnr_lint.config import Config
from cnr_lint.models import Dossier, Finding, Severity, Suppression
from cnr_lint.pack import Rule
from cnr_lint.pipeline import Context
from cnr_lint.yamlfile import ConfigError, nearest

DOSSIER_SUFFIXES = (".md", ".markdown", ".txt")
SKIPPED_FOLDERS = {".git", ".hg", ".svn", "node_modules", ".cnr_lint_cache", "__pycache__", ".venv", "venv", ".tox"}


@dataclass(frozen=True)
class Selection:
    """Which rules run, with which severity, failing from which severity on."""

    rules: tuple[Rule, ...]
    fail_on: Severity
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Target:
    path: Path  # where to read it
    display: str  # how to name it: as given on the command line, or relative to the working folder
    named: bool


@dataclass(frozen=True)
class Outcome:
    findings: tuple[Finding, ...]
    dossiers: tuple[Dossier, ...]
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
        rules.append(rule.model_copy(update={"severity": override}) if override else rule)
    return Selection(
        rules=tuple(rules),
        fail_on=Severity(fail_on or config.fail_on),
        per_file_ignores=tuple(config.per_file_ignores.items()),
    )


# -- files ---------------------------------------------------------------------------------------


def _walk(folder: Path) -> Iterable[Path]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(DOSSIER_SUFFIXES):
                yield Path(root) / name


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def targets(paths: tuple[str, ...], config: Config) -> list[Target]:
    """The named files, then the rest of their corpus as context, each file once."""
    found: dict[Path, Target] = {}
    context_roots: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                found.setdefault(file.resolve(), Target(file, os.path.normpath(str(file)), True))
        else:
            found.setdefault(path.resolve(), Target(path, given, True))
            context_roots.append(_corpus_root(path, config))
    context: list[Path] = []
    if config.corpus:
        for pattern in config.corpus:
            context.extend(p for p in sorted(config.root.glob(pattern)) if p.is_file())
    else:
        for root in dict.fromkeys(context_roots):
            context.extend(_walk(root))
    for file in context:
        resolved = file.resolve()
        if resolved not in found and file.name.lower().endswith(DOSSIER_SUFFIXES):
            found[resolved] = Target(file, _display(file), False)
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


def groups(dossiers: Iterable[Dossier]) -> dict[tuple[str, str], tuple[Dossier, ...]]:
    """Dossiers sharing a campaign and a region; the others are never compared."""
    grouped: dict[tuple[str, str], list[Dossier]] = defaultdict(list)
    for dossier in dossiers:
        if dossier.campaign and dossier.region:
            grouped[(dossier.campaign, dossier.region)].append(dossier)
    return {key: tuple(sorted(members, key=lambda d: d.path)) for key, members in grouped.items()}


def check(dossiers: list[Dossier], named: set[str], context: Context, selection: Selection) -> list[Finding]:
    rules_by_scope: dict[str, list[Rule]] = defaultdict(list)
    for rule in selection.rules:
        rules_by_scope[checks.kind(rule.kind).SCOPE].append(rule)
    raw: list[Finding] = []
    for dossier in dossiers:
        if dossier.path in named:
            for rule in rules_by_scope["document"]:
                raw.extend(checks.kind(rule.kind).check(dossier, rule, context))
    if rules_by_scope["corpus"]:
        for group in groups(dossiers).values():
            if not any(d.path in named for d in group):
                continue
            for rule in rules_by_scope["corpus"]:
                raw.extend(checks.kind(rule.kind).check(group, rule, context))
    shown = [f for f in raw if _touches(f, named)]
    return _suppress(shown, dossiers, named, selection, rules_by_scope["suppression"])


def _touches(finding: Finding, named: set[str]) -> bool:
    return finding.location.path in named or any(place.path in named for place in finding.related)


def _suppress(findings, dossiers, named, selection: Selection, unused_rules) -> list[Finding]:
    by_path = {d.path: d for d in dossiers}
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
        for dossier in dossiers:
            if dossier.path not in named:
                continue
            unused = [s for s in dossier.suppressions if s not in used]
            if unused:
                kept.extend(checks.kind(rule.kind).check(dossier, unused, rule))
    return sorted(set(kept), key=lambda f: f.sort_key)


def _silencer(finding: Finding, dossier: Dossier) -> Suppression | None:
    for suppression in dossier.suppressions:
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
