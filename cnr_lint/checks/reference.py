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


_OF_THE_REGION = ("region", "programme")


class Params(_Params):
    figure: FigureName = Field(description="the figure that states how many departments the region has")


def check(dossier, rule, context):
    region = context.reference.region(dossier.region)
    if region is None:
        return
    expected = len(region.departments)
    # Whatever the campaign or the programme a sentence speaks of, the region keeps its
    # departments: only the nation's count ("101 départements") is another.
    stated = (f for f in dossier.figures if f.name == rule.parsed_params.figure and f.scope in _OF_THE_REGION)
    for figure in stated:
        inside = figure.low <= expected and (figure.high is None or expected <= figure.high)
        if not inside:
            yield finding(
                rule, dossier.path, figure.span,
                {"text": figure.text, "stated": figure.text, "expected": expected, "region": region.name},
                key=figure.name,
            )
