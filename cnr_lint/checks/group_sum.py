"""The departments' figures of one campaign cannot add up to more than the region states; nor can
one department's, against the region's figure stated in another dossier (CNR106 sees one dossier)."""

from __future__ import annotations

from pydantic import Field

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import PartOfWhole, derived_figures, finding, number
from cnr_lint.models import Location

FIELDS = {
    "part": "the department figure's name",
    "whole": "the regional figure's name",
    "sum": "what the departments add up to",
    "whole_value": "the regional figure's value",
    "whole_text": "the regional figure as written",
    "departments": "how many departments were added",
    "departments_text": "\"4 departments\", \"1 department\"",
}


class Params(_Params):
    pairs: tuple[PartOfWhole, ...] = Field(description="each department figure and the regional figure its sum may not exceed")


def check(group, rule, context):
    for pair in rule.parsed_params.pairs:
        parts = {id(dossier): _smallest_per_department(dossier, derived_figures(dossier, pair.part)) for dossier in group}
        per_department: dict[str, tuple] = {}
        for dossier in group:
            for department, figure in parts[id(dossier)].items():
                known = per_department.get(department)
                # A department stated twice counts with its smaller figure: the sum stays a floor.
                if known is None or figure.low < known[1].low:
                    per_department[department] = (dossier, figure)
        wholes = [(dossier, figure) for dossier in group for figure in derived_figures(dossier, pair.whole)]
        if len(per_department) == 1:
            # One department's figure against the region's of its own dossier is CNR106's alone.
            ((own, _),) = per_department.values()
            wholes = [(d, f) for d, f in wholes if d is not own]
        found = _exceeded(rule, pair, per_department, wholes)
        if found is not None:
            yield found
            continue
        # Within one dossier, the departments it states (a summary's rows, each at its smallest
        # in the group) against its own region's figure, though another dossier's is higher:
        # "132 réunions" above rows of 136.
        for dossier in group:
            own = {department: per_department[department] for department in parts[id(dossier)]}
            if len(own) > 1:
                found = _exceeded(rule, pair, own, [(d, f) for d, f in wholes if d is dossier])
                if found is not None:
                    yield found


def _smallest_per_department(dossier, figures) -> dict:
    found: dict = {}
    for figure in figures:
        department = figure.department or dossier.department
        if department is not None and (department not in found or figure.low < found[department].low):
            found[department] = figure
    return found


def _exceeded(rule, pair, per_department: dict, wholes: list):
    """The finding when the departments' figures add up to more than the highest of the wholes."""
    bounded = [(d, f) for d, f in wholes if f.high is not None]
    if not per_department or not bounded:
        return None
    total = sum(figure.low for _, figure in per_department.values())
    dossier, whole = max(bounded, key=lambda item: (item[1].high, item[0].path))
    if total <= whole.high:
        return None
    related = [
        Location(d.path, f.span, f"{department}: {f.text}") for department, (d, f) in sorted(per_department.items())
    ]
    return finding(
        rule, dossier.path, whole.span,
        {"part": pair.part, "whole": pair.whole, "sum": number(total), "whole_value": number(whole.high),
         "whole_text": whole.text, "departments": len(per_department),
         "departments_text": f"{len(per_department)} department{'s' if len(per_department) > 1 else ''}"},
        related=related, key=pair.whole,
    )
