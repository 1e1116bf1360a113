"""Figures that reference data settles: how many departments the region has."""

from __future__ import annotations

from pydantic import Field

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import FigureName, finding

FIELDS = {
    "text": "the figure as written",
    "stated": "the same",
    "expected": "the number of departments of the region",
    "region": "the region",
}


class Params(_Params):
    figure: FigureName = Field(description="the figure that states how many departments the region has")


def check(dossier, rule, context):
    region = context.reference.region(dossier.region)
    if region is None:
        return
    expected = len(region.departments)
    for figure in dossier.figures_named(rule.parsed_params.figure):
        inside = figure.low <= expected and (figure.high is None or expected <= figure.high)
        if not inside:
            yield finding(
                rule, dossier.path, figure.span,
                {"text": figure.text, "stated": figure.text, "expected": expected, "region": region.name},
                key=figure.name,
            )
