"""A department's figure cannot exceed the region's (meetings, projects, realised projects)."""

from __future__ import annotations

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import PartOfWhole, derived_by_name, finding, number
from cnr_lint.models import Location

FIELDS = ("part", "part_text", "whole", "whole_text", "department")


class Params(_Params):
    pairs: tuple[PartOfWhole, ...]


def check(dossier, rule, context):
    pairs = rule.parsed_params.pairs
    derived = derived_by_name(dossier, tuple(dict.fromkeys(n for pair in pairs for n in (pair.whole, pair.part))))
    for pair in pairs:
        bounded = [w for w in derived[pair.whole] if w.high is not None]
        if not bounded:
            continue
        # The strictest whole decides: a part above it is above the region's figure.
        whole = min(bounded, key=lambda w: (w.high, w.span.line, w.span.column))
        for part in derived[pair.part]:
            if part.low > whole.high or (part.low == whole.high and part.low_open):
                yield finding(
                    rule, dossier.path, part.span,
                    {"part": number(part.low), "part_text": part.text, "whole": number(whole.high),
                     "whole_text": whole.text, "department": part.department or dossier.department or "the department"},
                    related=[Location(dossier.path, whole.span, whole.text)],
                    key=pair.part,
                )
