"""json: the findings and a summary, for scripts (DESIGN §7)."""

from __future__ import annotations

import json
from collections import Counter

from cnr_lint import __version__
from cnr_lint.models import Finding, Fix
from cnr_lint.report import page_field, printable


def finding_json(finding: Finding) -> dict:
    span = finding.location.span
    return {
        "rule": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "path": printable(finding.location.path),
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        **page_field(span),
        "message": printable(finding.message),
        "related": [
            {"path": printable(p.path), **page_field(p.span), "line": p.span.line, "column": p.span.column,
             "message": printable(p.message)}
            for p in finding.related
        ],
        "fix": fix_json(finding.fix),
    }


def fix_json(fix: Fix | None) -> dict | None:
    if fix is None:
        return None
    return {
        "message": printable(fix.message),
        "applicability": "safe" if fix.safe else "unsafe",
        "edits": [
            {**page_field(e.span), "line": e.span.line, "column": e.span.column, "end_line": e.span.end_line,
             "end_column": e.span.end_column, "original": printable(e.original), "content": printable(e.replacement)}
            for e in fix.edits
        ],
    }


def render(findings: list[Finding], files: int, baselined: int = 0) -> str:
    by_rule = Counter(f.code for f in findings)
    by_severity = Counter(f.severity.value for f in findings)
    document = {
        "version": __version__,
        "findings": [finding_json(f) for f in findings],
        "summary": {
            "files": files,
            "findings": len(findings),
            "by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "by_rule": dict(sorted(by_rule.items())),
            "hidden_by_baseline": baselined,
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
