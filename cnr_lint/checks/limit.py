"""A figure above a fixed maximum or below a fixed minimum ("a department that states more than
10 meetings"). Qualified figures are intervals: "plus de 10" is above 10, "près de 10" is not."""

from __future__ import annotations

from pydantic import Field

from cnr_lint.checks.common import Bounds, FigureName, derived_figures, finding, number

FIELDS = {
    "figure": "the figure's name",
    "text": "the figure as written",
    "value": "its value",
    "limit": "the maximum or minimum it passes",
    "direction": "\"more\" (above max) or \"less\" (below min)",
    "department": "the department the figure is about, or the dossier's",
}


class Params(Bounds):
    figure: FigureName = Field(description="the figure to bound")


def check(dossier, rule, context):
    params = rule.parsed_params
    for figure in derived_figures(dossier, params.figure):
        if params.max is not None and (figure.low > params.max or (figure.low == params.max and figure.low_open)):
            limit, direction = params.max, "more"
        elif params.min is not None and figure.high is not None and (
                figure.high < params.min or (figure.high == params.min and figure.high_open)):
            limit, direction = params.min, "less"
        else:
            continue
        yield finding(
            rule, dossier.path, figure.span,
            {"figure": params.figure, "text": figure.text, "value": number(figure.low), "limit": number(limit),
             "direction": direction, "department": figure.department or dossier.department or ""},
            key=f"{params.figure}:{figure.text}",
        )
