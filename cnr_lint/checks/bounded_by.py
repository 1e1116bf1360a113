"""A figure cannot exceed the figure that bounds it in the same dossier: a department's meetings the
region's, a department's realised projects its projects (each department's own, row by row in a
summary table)."""

from __future__ import annotations

from pydantic import Field

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import PartOfWhole, derived_by_name, finding, number
from cnr_lint.models import Location

FIELDS = {
    "part": "the part's value",
    "part_text": "the part as written",
    "whole": "the bound's value",
    "whole_text": "the bound as written",
    "department": "the department the part is about",
}


class Params(_Params):
    pairs: tuple[PartOfWhole, ...] = Field(description="each part and the whole it may not exceed")


def check(dossier, rule, context):
    pairs = rule.parsed_params.pairs
    derived = derived_by_name(dossier, tuple(dict.fromkeys(n for pair in pairs for n in (pair.whole, pair.part))))
    for pair in pairs:
        # A department's whole bounds that department's parts only: a summary table's row is
        # compared with the same row, not with the host dossier's own department.
        by_department = pair.whole.startswith("department.")
        # The loosest whole decides: a dossier stating the region's figure twice, and differently
        # ("3 350 participants", then "5 rencontres régionales, qui ont réuni environ 150
        # participants"), bounds a part surely by the higher only.
        loosest: dict[str | None, object] = {}
        for whole in derived[pair.whole]:
            if whole.high is None:
                continue
            key = whole.department if by_department else None
            known = loosest.get(key)
            if known is None or (-whole.high, whole.span.line, whole.span.column) < (
                    -known.high, known.span.line, known.span.column):
                loosest[key] = whole
        for part in derived[pair.part]:
            whole = loosest.get(part.department if by_department else None)
            if whole is None:
                continue
            if part.low > whole.high or (part.low == whole.high and part.low_open):
                yield finding(
                    rule, dossier.path, part.span,
                    {"part": number(part.low), "part_text": part.text, "whole": number(whole.high),
                     "whole_text": whole.text, "department": part.department or dossier.department or "the department"},
                    related=[Location(dossier.path, whole.span, whole.text)],
                    key=pair.part,
                )
