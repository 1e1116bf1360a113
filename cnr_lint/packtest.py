"""packtest: rule packs tested by annotated fixture dossiers, as Semgrep tests its rules.

A fixture folder is one corpus: every dossier file directly in it (.md, .markdown, .txt) is
linted with the others, so cross-dossier rules see the whole folder. Inside a dossier, an HTML
comment on its own line states what is expected on the line after it:

    <!-- ruleid: CNR101 -->        a finding of CNR101 starts on the next line
    <!-- ok: CNR201, CNR202 -->    no finding of CNR201 or CNR202 starts there

"The next line" is the next line that is neither blank nor itself an annotation comment, so
annotations can be stacked. Any other line counts, a `<!-- cnr-lint: ... -->` suppression
comment included (that is where CNR004 reports an unused suppression). An annotation at the
end of a line of text is about that line itself: that is how line 1 is annotated (CNR002 and
some CNR001 findings are reported there) and how a Markdown table row is, since a comment line
would end the table:

    | Var | 5 | 8 | <!-- ruleid: CNR205 -->

A finding "starts" on the line of its primary location; related places do not count.

The expectation is exact: the set of (file, line, code) of all findings must equal the set of
`ruleid` annotations. A finding nobody annotated is a failure, as is an annotation no finding
meets, or a finding on a line annotated `ok` for its code. The parser skips comment lines, so
annotations do not disturb extraction (in Markdown, keep them between blocks: an HTML comment
line ends the paragraph before it).

A folder may hold a file named XFAIL whose text says why the folder is known to fail (a
misreading not fixed yet, a design question not settled). It is still run and reported, as
XFAIL while it fails and XPASS once it passes, so the note can be removed.

    run_fixtures(pack_paths, fixtures_root)    every case folder under the root
    run_fixture_folder(folder, context, selection)
    run_examples(context, rules)               each rule's `example`: bad gives the rule, good does not
    render(results, examples)                  a pass/fail report, with details
"""

from __future__ import annotations

import difflib
import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.models import Finding, Severity
from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, load_targets

ANNOTATION = re.compile(r"^\s*<!--\s*(?P<kind>ruleid|ok)\s*:\s*(?P<codes>[^>]*?)\s*-->\s*$")
TRAILING_ANNOTATION = re.compile(r"\S\s*<!--\s*(?P<kind>ruleid|ok)\s*:\s*(?P<codes>[^>]*?)\s*-->\s*$")
_ANNOTATION_ANYWHERE = re.compile(r"<!--\s*(?:ruleid|ok)\s*:")
# Any comment's first word, to tell a misspelt annotation ("rule-id", "RuleID", "ruleid CNR101")
# from a comment about something else.
_COMMENT_WORD = re.compile(r"<!--\s*(?P<word>[A-Za-z][\w-]*)")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}\d{3}$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
XFAIL = "XFAIL"


@dataclass(frozen=True, order=True)
class Place:
    """Where a finding starts, or is expected: a file of the folder (relative, with /), a line, a code."""

    file: str
    line: int
    code: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.code}"


@dataclass(frozen=True)
class Annotation:
    kind: str  # "ruleid" or "ok"
    place: Place  # the line the annotation is about
    comment_line: int  # the line of the comment itself


@dataclass
class FolderResult:
    folder: Path
    passed: bool
    missing: list[Place] = field(default_factory=list)  # ruleid annotations no finding meets
    unexpected: list[tuple[Place, str]] = field(default_factory=list)  # findings nobody annotated: (place, message)
    ok_violations: list[tuple[Place, str]] = field(default_factory=list)  # findings where `ok` said none
    errors: list[str] = field(default_factory=list)  # malformed annotations, unknown codes, no dossier
    findings: list[Finding] = field(default_factory=list, repr=False)
    files: int = 0
    expected: int = 0  # ruleid annotations
    oks: int = 0  # ok annotations
    known_failure: str | None = None  # the text of the folder's XFAIL file, if any

    @property
    def name(self) -> str:
        return str(self.folder)

    @property
    def as_expected(self) -> bool:
        """Passed, or failed as its XFAIL file says it does: what a run's exit status should use."""
        return self.passed != bool(self.known_failure)


# -- annotations ---------------------------------------------------------------------------------


def _decoded_lines(path: Path) -> list[str]:
    """The file's lines, numbered as cnr-lint numbers them (LF, CRLF or CR), whatever the bytes."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return _LINE_BREAK.split(text)


def read_annotations(path: Path, name: str, known_codes: set[str]) -> tuple[list[Annotation], list[str]]:
    """The annotations of one file, each resolved to the line it is about; and the problems found."""
    lines = _decoded_lines(path)
    annotations: list[Annotation] = []
    errors: list[str] = []
    for index, line in enumerate(lines):
        match = ANNOTATION.match(line)
        target: int | None = None
        if match is None:
            match = TRAILING_ANNOTATION.search(line)
            if match is None:
                if _ANNOTATION_ANYWHERE.search(line) and "-->" in line[line.index("<!--"):]:
                    errors.append(f"{name}:{index + 1}: an annotation must end its line: {line.strip()!r}")
                else:
                    malformed = _malformed(line)
                    if malformed:
                        errors.append(f"{name}:{index + 1}: {malformed}: {line.strip()!r}")
                continue
            target = index
        codes = [c for c in re.split(r"[\s,]+", match.group("codes")) if c]
        if not codes:
            errors.append(f"{name}:{index + 1}: annotation names no rule code")
            continue
        if target is None:
            target = next(
                (n for n in range(index + 1, len(lines)) if lines[n].strip() and not ANNOTATION.match(lines[n])), None
            )
        if target is None:
            errors.append(f"{name}:{index + 1}: annotation is followed by no line to apply to")
            continue
        for code in codes:
            if not _CODE.match(code) or (known_codes and code not in known_codes):
                errors.append(f"{name}:{index + 1}: unknown rule code {code!r} in annotation")
                continue
            annotations.append(Annotation(match.group("kind"), Place(name, target + 1, code), index + 1))
    return annotations, errors


def _malformed(line: str) -> str | None:
    """Why a line's comment that is meant as an annotation is not one, or None when none is meant."""
    for found in _COMMENT_WORD.finditer(line):
        word = found.group("word")
        meant = difflib.get_close_matches(word.lower(), ("ruleid", "ok"), n=1, cutoff=0.7)
        if not meant:
            continue
        if "-->" not in line[found.start():]:
            return "an annotation comment that is not closed (-->)"
        return f"not an annotation: write <!-- {meant[0]}: CODE --> (lowercase, with a colon)"
    return None


# -- running -------------------------------------------------------------------------------------


def dossier_files(folder: Path) -> list[Path]:
    """The dossier files directly in a folder (not in its subfolders), sorted."""
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.name.lower().endswith(engine.DOSSIER_SUFFIXES)
    )


def run_fixture_folder(folder: Path, context: Context, selection: engine.Selection) -> FolderResult:
    """Lint the folder's dossiers as one corpus and compare the findings with the annotations."""
    folder = Path(folder)
    files = dossier_files(folder)
    result = FolderResult(folder=folder, passed=False, files=len(files))
    xfail = folder / XFAIL
    if xfail.is_file():
        result.known_failure = xfail.read_text(encoding="utf-8").strip() or "known failure"
    if not files:
        result.errors.append(f"{folder}: no dossier file (.md, .markdown, .txt) in the folder")
        return result
    # The folder's files, and nothing else, are the corpus: named, with no context from around them.
    config = Config(corpus=tuple(glob.escape(p.name) for p in files), root=folder.resolve())
    found = engine.targets(tuple(str(p) for p in files), config)
    relative = {t.display: _relative(t.path, folder) for t in found}
    dossiers = load_targets(found, context)
    named = {t.display for t in found if t.named}
    findings = engine.check(dossiers, named, context, selection)
    result.findings = list(findings)

    known = {rule.code for rule in context.pack.rules}
    annotations: list[Annotation] = []
    for path in files:
        file_annotations, errors = read_annotations(path, _relative(path, folder), known)
        annotations.extend(file_annotations)
        result.errors.extend(errors)
    expected = {a.place for a in annotations if a.kind == "ruleid"}
    forbidden = {a.place for a in annotations if a.kind == "ok"}
    result.expected, result.oks = len(expected), len(forbidden)
    for both in sorted(expected & forbidden):
        result.errors.append(f"{both}: annotated both ruleid and ok")

    actual: dict[Place, str] = {}
    prefixes = sorted({t.display[: -len(rel)] for t in found for rel in [relative[t.display]]
                       if t.display.replace(os.sep, "/").endswith(rel) and len(t.display) > len(rel)}, key=len, reverse=True)
    for finding in findings:
        span = finding.location.span
        place = Place(relative.get(finding.location.path, finding.location.path), span.line, finding.code)
        message = finding.message
        for prefix in prefixes:  # paths in messages, shown relative to the folder
            message = message.replace(prefix, "")
        actual.setdefault(place, message)
    result.missing = sorted(expected - set(actual))
    result.ok_violations = sorted((p, m) for p, m in actual.items() if p in forbidden and p not in expected)
    result.unexpected = sorted((p, m) for p, m in actual.items() if p not in expected and p not in forbidden)
    result.passed = not (result.missing or result.unexpected or result.ok_violations or result.errors)
    return result


def _relative(path: Path, folder: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()
    except ValueError:
        return Path(path).as_posix()


def case_folders(fixtures_root: Path) -> list[Path]:
    """Every folder under the root (itself included) that directly holds a dossier file."""
    root = Path(fixtures_root)
    cases = []
    for current, folders, _ in os.walk(root):
        folders[:] = sorted(f for f in folders if f not in engine.SKIPPED_FOLDERS and not f.startswith("."))
        if dossier_files(Path(current)):
            cases.append(Path(current))
    return sorted(cases)


def pack_context(pack_paths: tuple[str, ...], config: Config = Config()) -> Context:
    """The built-in pack plus `pack_paths` (and the configuration's packs and profiles)."""
    assigned = tuple(config.profiles.items())
    packs = tuple(str(config.root / p) for p in config.rules) + tuple(pack_paths)
    return Context(load_packs(packs, assigned=assigned, source=config.source or "configuration"), assigned=assigned, root=config.root)


def own_rules(context: Context) -> tuple:
    """The rules of the run's packs that are not the built-in pack's."""
    builtin = {rule.code for rule in load_packs(()).rules}
    return tuple(rule for rule in context.pack.rules if rule.code not in builtin)


def run_fixtures(pack_paths: tuple[str, ...], fixtures_root: Path, own_only: bool = False,
                 config: Config = Config()) -> list[FolderResult]:
    """Each case folder under the root, checked with the built-in pack plus `pack_paths`: every
    rule on, or (`own_only`) only the rules of `pack_paths`, so built-in findings need no annotation."""
    context = pack_context(pack_paths, config)
    selection = engine.select_rules(context, Config())
    if own_only:
        selection = engine.Selection(rules=own_rules(context), fail_on=selection.fail_on)
    return [run_fixture_folder(folder, context, selection) for folder in case_folders(Path(fixtures_root))]


# -- examples ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExampleResult:
    """A rule's `example` run: its bad dossiers must give the rule, its good ones must not."""

    code: str
    problems: tuple[str, ...]  # empty when the example behaves as it says

    @property
    def passed(self) -> bool:
        return not self.problems


def run_examples(context: Context, rules) -> list[ExampleResult]:
    """Each rule's example, linted with every rule (a suppression is used only when the rule it
    silences runs) and the profile the rule checks; only the rule's own findings count."""
    from cnr_lint.pipeline import dossier_from_bytes

    selection = engine.Selection(rules=context.pack.rules, fail_on=Severity.INFO)
    results = []
    for rule in rules:
        if rule.example is None:
            results.append(ExampleResult(rule.code, ("has no example (example: {bad: ..., good: ...})",)))
            continue
        profiles = [name for name in context.pack.profiles if context.pack.applies(rule, name)]
        profile = context.pack.default if context.pack.default in profiles else profiles[0]
        example_context = Context(context.pack, (("*", profile),))
        problems = []
        for which in ("bad", "good"):
            texts = rule.example.files(getattr(rule.example, which))
            paths = [f"example/{which}-{number}.md" for number in range(1, len(texts) + 1)]
            dossiers = [dossier_from_bytes(text.encode(rule.example.encoding), path, example_context)
                        for text, path in zip(texts, paths)]
            found = [f for f in engine.check(dossiers, set(paths), example_context, selection) if f.code == rule.code]
            if which == "bad" and not found:
                problems.append(f"example.bad gives no {rule.code} finding")
            if which == "good" and found:
                problems.append(f"example.good gives {rule.code}: {found[0].message}")
        results.append(ExampleResult(rule.code, tuple(problems)))
    return results


# -- report --------------------------------------------------------------------------------------


def status(result: FolderResult) -> str:
    if result.known_failure:
        return "XPASS" if result.passed else "XFAIL"
    return "PASS" if result.passed else "FAIL"


def describe(result: FolderResult) -> str:
    status_word = status(result)
    head = (f"{status_word} {result.folder} ({result.files} files, {result.expected} ruleid, "
            f"{result.oks} ok, {len(result.findings)} findings)")
    lines = [head]
    if result.known_failure:
        lines.append("    known failure (XFAIL): " + " ".join(result.known_failure.split()))
    for error in result.errors:
        lines.append(f"    annotation error: {error}")
    for place in result.missing:
        lines.append(f"    missing: {place} (annotated ruleid, no such finding)")
    for place, message in result.unexpected:
        lines.append(f"    unexpected: {place} {message}")
    for place, message in result.ok_violations:
        lines.append(f"    ok violated: {place} {message}")
    return "\n".join(lines)


def render(results: list[FolderResult], examples: list[ExampleResult] = ()) -> str:
    body = [f"{'PASS' if e.passed else 'FAIL'} example of {e.code}" + "".join(f"\n    {p}" for p in e.problems)
            for e in examples]
    if examples:
        body.append(f"{sum(1 for e in examples if e.passed)} of {len(examples)} rule examples passed.")
    if results or not examples:
        passed = sum(1 for r in results if r.passed)
        known = sum(1 for r in results if r.known_failure and not r.passed)
        body += [describe(r) for r in results]
        tail = f", {known} known failure{'s' if known != 1 else ''} (XFAIL)" if known else ""
        body.append(f"{passed} of {len(results)} fixture folders passed{tail}.")
    return "\n".join(body) + "\n"
