"""github: GitHub Actions workflow commands, one annotation per finding (DESIGN §7).

`::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message`, with
`warning` for warnings and `notice` for info. Escaped as @actions/core escapes them: the
message `%`, CR and LF; property values also `:` and `,`. Columns are only given when the
finding lies on one line, as GitHub ignores them otherwise.
"""

from __future__ import annotations

import os

from cnr_lint.models import Finding, Location, Severity
from cnr_lint.pack import Rule
from cnr_lint.report import printable

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str) -> str:
    """Relative to the working folder (the checkout) when it lies inside, with forward slashes."""
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            relative = path
        if not relative.startswith(".."):
            path = relative
    return printable(path.replace(os.sep, "/"))


def _place(place: Location) -> str:
    return f"{annotation_path(place.path)}:{place.span.place}"


def command(finding: Finding) -> str:
    span = finding.location.span
    properties = [("file", annotation_path(finding.location.path)), ("line", str(span.line))]
    if span.end_line == span.line:
        properties.append(("col", str(span.column)))
    properties.append(("endLine", str(max(span.end_line, span.line))))
    if span.end_line == span.line:
        properties.append(("endColumn", str(max(span.end_column, span.column))))
    properties.append(("title", f"{finding.code} {finding.name}"))
    message = printable(finding.message)
    if span.page:  # GitHub shows a PDF's annotation at a line of no file it can display
        message = f"page {span.page}, line {span.line}: {message}"
    if finding.related:  # an annotation names lines: two figures of one line are one place to see
        message += f" (see {', '.join(dict.fromkeys(_place(p) for p in finding.related))})"
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(message)}"


def render(findings: list[Finding], files: list[str], rules: tuple[Rule, ...]) -> str:
    return "".join(command(finding) + "\n" for finding in findings)
