"""Parts that must add up to a total: realised + in progress = projects that emerged (the region's),
or = the projects a department's part states (each department's own)."""

from __future__ import annotations

from pydantic import Field

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import FigureName, derived_figures, finding, number
from cnr_lint.models import Location

FIELDS = {
    "parts": "the parts as written, joined by +",
    "sum": "what they add up to",
    "total": "the total stated",
    "total_text": "the total as written",
}


class Sum(_Params):
    parts: tuple[FigureName, ...] = Field(min_length=1, description="the figures that add up to the total")
    total: FigureName = Field(description="the figure they must add up to")


class Params(_Params):
    sums: tuple[Sum, ...] = Field(
        min_length=1, description="each total and its parts; department figures are summed department by department"
    )


def check(dossier, rule, context):
    for params in rule.parsed_params.sums:
        yield from _check_sum(dossier, rule, params)


def _check_sum(dossier, rule, params: Sum):
    # The parts as stated: a count of the entries listed with a status is CNR101's to compare.
    by_department = params.total.startswith("department.")
    totals = _grouped(derived_figures(dossier, params.total), by_department)
    parts = [_grouped(dossier.figures_named(name), by_department) for name in params.parts]
    for department, department_totals in totals.items():
        stated = [found.get(department) for found in parts]
        if not all(stated):
            continue
        chosen = _one_snapshot(stated)
        if chosen is None:
            continue
        low = sum(f.low for f in chosen)
        high = None if any(f.high is None for f in chosen) else sum(f.high for f in chosen)
        # One mistake, one finding: a total stated twice (a key figure, then a sentence) is
        # named once, the other place related.
        differing = [total for total in department_totals
                     if not ((high is None or total.low <= high) and (total.high is None or low <= total.high))]
        if not differing:
            continue
        total = differing[0]
        described = " + ".join(f.text for f in chosen)
        yield finding(
            rule,
            dossier.path,
            chosen[0].span,
            {"parts": described, "sum": number(low) if low == high else f"{number(low)}..{number(high)}",
             "total": number(total.low) if total.low == total.high else total.text, "total_text": total.text},
            related=[Location(dossier.path, t.span, t.text) for t in differing],
            key=params.total,
        )


def _one_snapshot(stated: list[list]) -> list | None:
    """The first parts, in the dossier's order, that may state one snapshot: realised "au
    30/04/2024" and in progress "au 31/10/2024" are parts of two (an older sentence beside the
    key figures), whose sum is no total's. Parts of one date, or all undated, are one snapshot
    before parts one of which is undated: "Réalisés : 6" and "En cours : 4", the key figures,
    rather than "au 31 mars 2024, sept projets étaient déjà réalisés" and the 4."""
    ordered = [sorted(found, key=lambda f: (f.span.page, f.span.line, f.span.column)) for found in stated]
    for same in (lambda a, b: a.as_of == b.as_of, lambda a, b: a.at_same_time(b)):
        for first in ordered[0]:
            others = [next((f for f in found if same(f, first)), None) for found in ordered[1:]]
            if all(others):
                return [first, *others]
    return None


def _grouped(figures, by_department: bool) -> dict:
    grouped: dict = {}
    for figure in figures:
        grouped.setdefault(figure.department if by_department else None, []).append(figure)
    return grouped
