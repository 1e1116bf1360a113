"""text: `path:line:col: CODE [severity] message`, related places indented, then a summary table."""

from __future__ import annotations

from collections import Counter

from cnr_lint.models import Finding
from cnr_lint.report import one_line

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def render(findings: list[Finding], files: int, colour: bool, baselined: int = 0) -> str:
    lines = []
    for finding in findings:
        span = finding.location.span
        severity = finding.severity.value
        where = f"{one_line(finding.location.path)}:{span.place}:{span.column}:"
        code = f"{finding.code} [{severity}]"
        if colour:
            where = f"{_BOLD}{where}{_RESET}"
            code = f"{_COLOURS[severity]}{code}{_RESET}"
        lines.append(f"{where} {code} {one_line(finding.message)}")
        for place in finding.related:
            related = f"    {one_line(place.path)}:{place.span.place}:{place.span.column}: {one_line(place.message)}".rstrip(": ")
            lines.append(f"{_DIM}{related}{_RESET}" if colour else related)
    lines.append(summary(findings, files, baselined))
    return "\n".join(lines) + "\n"


def counted(count: int, noun: str) -> str:
    """"1 file", "2 files"."""
    return f"{count} {noun}{'s' if count != 1 else ''}"


def summary(findings: list[Finding], files: int, baselined: int = 0) -> str:
    from tabulate import tabulate

    hidden = f" ({baselined} hidden by the baseline)" if baselined else ""
    if not findings:
        return f"No findings in {counted(files, 'file')}{hidden}."
    counts = Counter((f.code, f.name, f.severity.value) for f in findings)
    rows = [(code, name, severity, count) for (code, name, severity), count in sorted(counts.items())]
    table = tabulate(rows, headers=("code", "name", "severity", "count"), tablefmt="simple")
    by_severity = Counter(f.severity.value for f in findings)
    totals = ", ".join(f"{by_severity[s]} {s}{'s' if by_severity[s] != 1 else ''}" for s in ("error", "warning", "info") if by_severity[s])
    return f"\n{table}\n\n{counted(len(findings), 'finding')} ({totals}) in {counted(files, 'file')}{hidden}."
