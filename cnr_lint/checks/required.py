"""A figure every dossier of a kind must state ("every department dossier states its number of
meetings"). A file in which nothing was recognised is CNR002's, not this rule's."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cnr_lint.checks.common import FigureName, derived_figures, finding
from cnr_lint.checks.common import Params as _Params
from cnr_lint.models import Span

FIELDS = {
    "figure": "the figure's name",
    "department": "the dossier's department, or nothing",
}


class Params(_Params):
    figure: FigureName = Field(description="the figure that must be stated")
    dossiers: Literal["department", "all"] = Field(
        default="department",
        description="department: only dossiers of one department must state it (a department figure, "
        "that department's own); all: every dossier")


def check(dossier, rule, context):
    params = rule.parsed_params
    if not dossier.readable or not (dossier.figures or dossier.lists):
        return
    if params.dossiers == "department" and dossier.department is None:
        return
    own = params.dossiers == "department" and params.figure.startswith("department.")
    stated = [f for f in derived_figures(dossier, params.figure)
              if not own or (f.department or dossier.department) == dossier.department]
    if not stated:
        yield finding(rule, dossier.path, Span(1, 1, 1, 1),
                      {"figure": params.figure, "department": dossier.department or ""}, key=params.figure)
