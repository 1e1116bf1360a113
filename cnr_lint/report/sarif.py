"""sarif: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers (DESIGN §7).

One run; the rules that ran in `tool.driver.rules`, each finding a result pointing at its rule
by id and index, its other places in `relatedLocations`. Paths become URI references relative
to the source root (`%SRCROOT%`), with forward slashes and percent-encoding; a path outside
the working folder becomes an absolute `file://` URI. `partialFingerprints` hash the rule, the
path and what the finding is about, not its line, so an alert survives edits above it. A
finding's fix is its result's `fixes` (Markdown and text dossiers only, as `--fix` writes them).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from cnr_lint import __version__
from cnr_lint.models import Finding, Fix, Location, Severity, Span
from cnr_lint.pack import Rule
from cnr_lint.report import printable
from cnr_lint.write import WRITABLE_SUFFIXES

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT_KEY = "cnrLint/v1"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub code scanning's own severity scale for rules: error, warning, recommendation.
_PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}
_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")


def _information_uri() -> dict:
    """The project's address as its package metadata gives it (`[project.urls]` of pyproject.toml),
    or nothing: cnr-lint is not on PyPI, and each copy lives at its own address."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("cnr-lint").get_all("Project-URL") or []
    except PackageNotFoundError:
        return {}
    address = next((url.split(",", 1)[1].strip() for url in urls if "," in url), None)
    return {"informationUri": address} if address else {}


def relative_path(path: str) -> str | None:
    """The path relative to the working folder, with forward slashes; None when it lies outside."""
    native = Path(path)
    if native.is_absolute():
        try:
            native = Path(os.path.relpath(native))
        except ValueError:  # another drive on Windows
            return None
    posix = PurePosixPath(os.path.normpath(str(native)).replace(os.sep, "/"))
    if posix.parts[:1] == ("..",) or posix.is_absolute():
        return None
    return str(posix)


def artifact_location(path: str) -> dict:
    relative = relative_path(path)
    if relative is None:
        return {"uri": Path(path).resolve().as_uri()}
    # The file name's bytes, percent-encoded: a name that is not UTF-8 (cp1252 from a Windows zip)
    # reaches us with surrogate escapes, which have no UTF-8 form of their own.
    return {"uri": quote(os.fsencode(relative), safe="/"), "uriBaseId": SOURCE_ROOT}


def _region(span: Span) -> dict:
    line = max(span.line, 1)
    column = max(span.column, 1)
    end_line = max(span.end_line, line)
    end_column = max(span.end_column, 1)
    if end_line == line:
        end_column = max(end_column, column)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _text(message: str) -> str:
    """Plain text for a SARIF message: what would read as an embedded link `[..](..)` is escaped."""
    message = printable(message)
    if _LINK.search(message):
        return message.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return message


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def rule_descriptor(rule: Rule) -> dict:
    summary = rule.summary[:1].upper() + rule.summary[1:]
    explain = rule.explain.strip() or summary + "."
    text, markdown = [explain], [explain]
    if rule.example:
        for label, texts in (("Example that fires", rule.example.bad), ("Example that passes", rule.example.good)):
            for example in rule.example.files(texts):
                fence = _fence(example)
                text.append(f"{label}:\n" + "\n".join(f"    {line}" for line in example.rstrip().splitlines()))
                markdown.append(f"**{label}:**\n\n{fence}text\n{example.rstrip()}\n{fence}")
    silence = f"<!-- cnr-lint: disable-next-line {rule.code} -->"
    text.append(f"To silence it on one line: {silence} on the line before.")
    markdown.append(f"To silence it on one line: `{silence}` on the line before.")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": explain},
        "help": {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["cnr-lint", rule.kind], "problem.severity": _PROBLEM_SEVERITY[rule.severity]},
    }


def _unknown_rule(finding: Finding) -> dict:
    """A finding whose rule is not among those given still needs a descriptor to point at."""
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
    }


def _fix(path: str, fix: Fix) -> dict:
    """A SARIF fix: the edits as replacements of regions of the dossier, with ruff's
    applicability in its properties (SARIF has no word for it). Only text dossiers get one: a
    region of a PDF or Word file is no place a tool could write to."""
    return {
        "description": {"text": _text(fix.message)},
        "artifactChanges": [{
            "artifactLocation": artifact_location(path),
            "replacements": [
                {"deletedRegion": _region(edit.span), "insertedContent": {"text": printable(edit.replacement)}}
                for edit in fix.edits
            ],
        }],
        "properties": {"applicability": "safe" if fix.safe else "unsafe"},
    }


def fingerprint(finding: Finding) -> str:
    """Stable across edits that move the finding: rule, file and what it is about; no line numbers."""
    path = relative_path(finding.location.path) or finding.location.path.replace(os.sep, "/")
    key = "\0".join((finding.code, path, finding.fingerprint))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def render(findings: list[Finding], files: list[str], rules: tuple[Rule, ...]) -> str:
    descriptors: list[dict] = []
    rule_index: dict[str, int] = {}
    for rule in rules:
        if rule.code not in rule_index:
            rule_index[rule.code] = len(descriptors)
            descriptors.append(rule_descriptor(rule))
    for finding in findings:
        if finding.code not in rule_index:
            rule_index[finding.code] = len(descriptors)
            descriptors.append(_unknown_rule(finding))

    artifacts: list[dict] = []
    artifact_index: dict[str, int] = {}

    def physical(place: Location) -> dict:
        location = artifact_location(place.path)
        index = artifact_index.get(location["uri"])
        if index is None:
            index = artifact_index[location["uri"]] = len(artifacts)
            artifacts.append({"location": dict(location)})
        found = {"artifactLocation": {**location, "index": index}, "region": _region(place.span)}
        if place.span.page:  # the region's lines are lines of that page of the PDF
            found["properties"] = {"page": place.span.page}
        return found

    for path in files:
        physical(Location(path, Span(1, 1, 1, 1)))
        artifacts[artifact_index[artifact_location(path)["uri"]]]["roles"] = ["analysisTarget"]

    seen: Counter[str] = Counter()
    results = []
    for finding in findings:
        digest = fingerprint(finding)
        seen[digest] += 1
        if seen[digest] > 1:  # the same thing twice in one file: tell the alerts apart by order
            digest = f"{digest}:{seen[digest]}"
        result = {
            "ruleId": finding.code,
            "ruleIndex": rule_index[finding.code],
            "level": LEVELS[finding.severity],
            "message": {"text": _text(finding.message)},
            "locations": [{"physicalLocation": physical(finding.location)}],
        }
        if finding.related:
            related = []
            for number, place in enumerate(finding.related, start=1):
                entry: dict = {"id": number, "physicalLocation": physical(place)}
                if place.message:
                    entry["message"] = {"text": _text(place.message)}
                related.append(entry)
            result["relatedLocations"] = related
        if finding.fix and finding.location.path.lower().endswith(WRITABLE_SUFFIXES):
            result["fixes"] = [_fix(finding.location.path, finding.fix)]
        result["partialFingerprints"] = {FINGERPRINT_KEY: digest}
        results.append(result)

    run = {
        "tool": {
            "driver": {
                "name": "cnr-lint",
                "version": __version__,
                "semanticVersion": __version__,
                **_information_uri(),
                "rules": descriptors,
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
    }
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
