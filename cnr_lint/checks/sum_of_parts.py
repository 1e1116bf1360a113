"""Parts that must add up to a total: realised + in progress = projects that emerged."""

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


class Params(_Params):
    parts: tuple[FigureName, ...] = Field(min_length=1, description="the figures that add up to the total")
    total: FigureName = Field(description="the figure they must add up to")


def check(dossier, rule, context):
    params = rule.parsed_params
    totals = derived_figures(dossier, params.total)
    parts = [derived_figures(dossier, name) for name in params.parts]
    if not totals or not all(parts):
        return
    chosen = [found[0] for found in parts]
    low = sum(f.low for f in chosen)
    high = None if any(f.high is None for f in chosen) else sum(f.high for f in chosen)
    for total in totals:
        fits_below = high is None or total.low <= high
        fits_above = total.high is None or low <= total.high
        if fits_below and fits_above:
            continue
        described = " + ".join(f.text for f in chosen)
        yield finding(
            rule,
            dossier.path,
            chosen[0].span,
            {"parts": described, "sum": number(low) if low == high else f"{number(low)}..{number(high)}",
             "total": number(total.low) if total.low == total.high else total.text, "total_text": total.text},
            related=[Location(dossier.path, total.span, total.text)],
            key=params.total,
        )
