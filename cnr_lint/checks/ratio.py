"""The ratio of two figures of one dossier kept within bounds ("students vaccinated" at most the
"students" of the same department: max 1). Figures are intervals; the ratio is reported only
when every value they allow is out of bounds. A department figure is divided by the same
department's figure."""

from __future__ import annotations

from pydantic import Field

from cnr_lint.checks.common import Bounds, FigureName, derived_by_name, finding, number
from cnr_lint.models import Location

FIELDS = {
    "numerator": "the numerator's name",
    "numerator_text": "the numerator as written",
    "denominator": "the denominator's name",
    "denominator_text": "the denominator as written",
    "ratio": "numerator / denominator (\"1,25\")",
    "percent": "the ratio as a percentage (\"125 %\")",
    "limit": "the max or min it passes",
    "department": "the department, for department figures",
}


class Params(Bounds):
    """`max: 1`: the numerator is at most the denominator."""

    numerator: FigureName = Field(description="the figure divided")
    denominator: FigureName = Field(description="the figure it is divided by")


def check(dossier, rule, context):
    params = rule.parsed_params
    derived = derived_by_name(dossier, (params.numerator, params.denominator))
    denominators = {}
    for figure in derived[params.denominator]:
        if figure.low > 0 and figure.high is not None:
            denominators.setdefault(figure.department, figure)  # the first one stated
    for top in derived[params.numerator]:
        bottom = denominators.get(top.department)
        if bottom is None:
            continue
        lowest = top.low / bottom.high
        highest = None if top.high is None else top.high / bottom.low
        if params.max is not None and lowest > params.max:
            limit = params.max
        elif params.min is not None and highest is not None and highest < params.min:
            limit = params.min
        else:
            continue
        ratio = top.low / bottom.low
        yield finding(
            rule, dossier.path, top.span,
            {"numerator": params.numerator, "numerator_text": top.text, "denominator": params.denominator,
             "denominator_text": bottom.text, "ratio": number(round(ratio, 2)), "percent": f"{number(round(ratio * 100))} %",
             "limit": number(limit), "department": top.department or dossier.department or ""},
            related=[Location(dossier.path, bottom.span, bottom.text)],
            key=f"{params.numerator}/{params.denominator}:{top.text}",
        )
