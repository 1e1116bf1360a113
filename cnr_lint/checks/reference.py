"""Figures that reference data settles: how many departments the region has."""

from __future__ import annotations

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import finding

FIELDS = ("text", "stated", "expected", "region")


class Params(_Params):
    figure: str


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
