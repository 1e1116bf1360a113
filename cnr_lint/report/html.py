"""html: one self-contained page for the people who sign a dossier off (DESIGN §7).

For each campaign and region: a matrix, one row per dossier and one column per figure, each cell
the values as written (their interval on hover), cells a finding points at lit with its rule and
message, the quoted sentence one click away (a <details>: keyboard-operable, no script); a chart
of the progress snapshots over their as-of dates (inline SVG). Then a summary of the findings by
rule and the document checks of each dossier. No script, font or image is fetched: the page
works offline and can be attached to an e-mail. The template escapes everything it is given.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from cnr_lint import __version__, checks
from cnr_lint.checks.common import as_of_text, derived_by_name, number
from cnr_lint.engine import Selection, groups
from cnr_lint.models import Dossier, Figure, Finding
from cnr_lint.numbers import value_phrase
from cnr_lint.read import document_line, paged_lines_of
from cnr_lint.report import printable

_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_FORMATS = {".md": "Markdown", ".markdown": "Markdown", ".txt": "text"}


@dataclass(frozen=True)
class Statement:
    source: str  # the dossier's file name, with as many folders as tell it from the others
    value: str
    interval: str
    quote: str
    where: str
    findings: tuple[Finding, ...]
    cited_by: tuple[Finding, ...]


@dataclass(frozen=True)
class Row:
    path: str
    name: str
    anchor: str
    department: str
    as_of: str
    format: str
    cells: tuple[tuple[Statement, ...], ...]


@dataclass(frozen=True)
class Bar:
    label: str
    as_of: str
    realised: float
    in_progress: float


@dataclass(frozen=True)
class Matrix:
    title: str
    anchor: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    department_columns: tuple[str, ...]
    department_rows: tuple[tuple[str, tuple[tuple[Statement, ...], ...]], ...]
    findings: tuple[Finding, ...]
    bars: tuple[Bar, ...]


def render(findings: list[Finding], corpus, named: set[str], selection: Selection) -> str:
    from jinja2 import Environment, FileSystemLoader

    environment = Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=True,
        trim_blocks=True, lstrip_blocks=True,
    )
    environment.filters["text"] = printable
    scopes = {rule.code: checks.scope(rule.kind) for rule in selection.rules}
    snapshot = next((r.params for r in selection.rules if r.kind == "snapshot-order"), None)
    at = _by_place(findings)
    across = [f for f in findings if scopes.get(f.code) == "corpus"]
    matrices = []
    for index, ((campaign, region), members) in enumerate(sorted(groups(corpus).items())):
        if any(m.path in named for m in members):
            dossiers = [m.dossier for m in members]
            matrices.append(_matrix(f"{campaign} — {region}", f"g{index}", dossiers, across, at, snapshot))
    counts = Counter((f.code, f.name, f.severity.value) for f in findings)
    by_path = {}
    for finding in findings:
        if scopes.get(finding.code) != "corpus":
            by_path.setdefault(finding.location.path, []).append(finding)
    return environment.get_template("report.html.j2").render(
        version=__version__, matrices=matrices, files=len(named),
        summary=[(code, name, severity, count) for (code, name, severity), count in sorted(counts.items())],
        total=len(findings), documents=[(path, by_path.get(path, [])) for path in sorted(named)],
    )


def _place(path: str, span) -> tuple:
    return path, span.page, span.line, span.column


def _by_place(findings: list[Finding]) -> dict[tuple, tuple[list[Finding], list[Finding]]]:
    """Findings by (path, page, line, column): those located there, and those citing it."""
    places: dict[tuple, tuple[list[Finding], list[Finding]]] = {}
    for finding in findings:
        location = finding.location
        places.setdefault(_place(location.path, location.span), ([], []))[0].append(finding)
        for related in finding.related:
            places.setdefault(_place(related.path, related.span), ([], []))[1].append(finding)
    return places


def _matrix(title, anchor, dossiers: list[Dossier], across: list[Finding], at, snapshot) -> Matrix:
    """Regional figures: a row per dossier. Department figures: a row per department, each cell
    what every dossier states of it (a regional summary table and the department's own dossier)."""
    names = sorted({f.name for d in dossiers for f in d.figures} | {e.name for d in dossiers for e in d.lists})
    stated = {d.path: derived_by_name(d, tuple(names)) for d in dossiers}
    regional = sorted({n for d in dossiers for n, fs in stated[d.path].items() for f in fs if f.scope == "region"})
    local = sorted({n for d in dossiers for n, fs in stated[d.path].items() for f in fs if f.scope != "region" and f.department})
    departments = sorted({f.department for d in dossiers for n in local for f in stated[d.path][n] if f.department})
    lines = {d.path: paged_lines_of(d.path) for d in dossiers}
    shown = _distinguishing([d.path for d in dossiers])
    rows = []
    for row_index, dossier in enumerate(dossiers):
        cells = tuple(
            tuple(_statement(dossier, shown, f, lines[dossier.path], at) for f in stated[dossier.path][name] if f.scope == "region")
            for name in regional
        )
        rows.append(Row(dossier.path, shown[dossier.path], f"{anchor}-r{row_index}", dossier.department or "—",
                        _dossier_as_of(dossier), _FORMATS.get(Path(dossier.path).suffix.lower(), Path(dossier.path).suffix), cells))
    department_rows = []
    for department in departments:
        cells = tuple(
            tuple(_statement(d, shown, f, lines[d.path], at) for d in dossiers for f in stated[d.path][name] if f.department == department)
            for name in local
        )
        department_rows.append((department, cells))
    paths = {d.path for d in dossiers}
    own = tuple(f for f in across if f.location.path in paths)
    return Matrix(title, anchor, tuple(_label(n) for n in regional), tuple(rows),
                  tuple(_label(n) for n in local), tuple(department_rows), own, _bars(dossiers, snapshot))


def _label(name: str) -> str:
    return name.split(".", 1)[-1].replace(".", " ").replace("_", " ")


def _distinguishing(paths: list[str]) -> dict[str, str]:
    """Each path as its file name, with as many of its last folders as tell it from the others'
    ("2023/var.md" and "2024/var.md" when both are "var.md")."""
    parts = {path: Path(path).parts for path in paths}
    shown = {}
    for path, own in parts.items():
        for count in range(1, len(own) + 1):
            tail = own[-count:]
            if all(other[-count:] != tail for other_path, other in parts.items() if other_path != path):
                break
        shown[path] = "/".join(tail)
    return shown


def _statement(dossier: Dossier, shown: dict[str, str], figure: Figure, text: tuple[tuple[str, ...], tuple[int, ...]],
               at) -> Statement:
    span = figure.span
    lines, page_starts = text
    number = document_line(page_starts, span.page, span.line)  # a PDF's lines are counted on their page
    located, cited = at.get(_place(dossier.path, span), ([], []))
    where = f"{dossier.path}, line {span.line}"
    page = span.page or _page(lines, span.line)
    if page:
        where = f"{dossier.path}, page {page}, line {span.line}"
    return Statement(
        source=shown[dossier.path], value=value_phrase(figure.text) or figure.text,
        interval=_interval(figure) + as_of_text(figure),
        quote=_sentence(lines, number, span.column) or figure.text,
        where=where, findings=tuple(located), cited_by=tuple(cited),
    )


def _interval(figure: Figure) -> str:
    if figure.low == figure.high and figure.bounds == "[]":
        return number(figure.low)
    return f"{figure.bounds[0]}{number(figure.low)}, {number(figure.high) if figure.high is not None else '∞'}{figure.bounds[1]}"


def _dossier_as_of(dossier: Dossier) -> str:
    dated = sorted({f.as_of_text for f in dossier.figures if f.as_of is not None and f.as_of_text})
    return ", ".join(dated) or (dossier.published or "—")


def _bars(dossiers: list[Dossier], snapshot) -> tuple[Bar, ...]:
    if snapshot is None:
        return ()
    bars = []
    for dossier in dossiers:
        realised, in_progress = dossier.figures_named(snapshot["realised"]), dossier.figures_named(snapshot["in_progress"])
        if realised and in_progress and realised[0].as_of is not None:
            bars.append((realised[0].as_of.start, dossier.path,
                         Bar(dossier.department or Path(dossier.path).stem, realised[0].as_of_text or str(realised[0].as_of.start),
                             realised[0].low, in_progress[0].low)))
    return tuple(bar for *_, bar in sorted(bars, key=lambda b: (b[0], b[1])))


def _page(lines: tuple[str, ...], line: int) -> int:
    """The page of a line in text as pdftotext leaves it (pages end at form feeds); 0 when none."""
    if not any("\f" in text for text in lines):
        return 0
    return 1 + sum(text.count("\f") for text in lines[:line - 1])


def _sentence(lines: tuple[str, ...], line: int, column: int) -> str:
    """The sentence of the line around the column, without Markdown's emphasis marks."""
    if not 0 < line <= len(lines):
        return ""
    text = lines[line - 1].replace("\f", " ")
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, max(column - 1, 0)):
        start = match.end()
    end = _SENTENCE_END.search(text, max(column - 1, 0))
    return text[start:end.end() if end else len(text)].strip().strip("*_#> ").strip()
