"""A summary table's Total row against the sum of the rows above it, column by column."""

from __future__ import annotations

import math

from cnr_lint.checks.common import Params, finding, number

FIELDS = {
    "column": "the column's header",
    "total": "the Total row's figure as written",
    "sum": "what the rows above it add up to",
    "rows": "how many rows were added",
}


def check(dossier, rule, context):
    for total in dossier.totals:
        added = math.fsum(total.parts)
        if not math.isclose(added, total.total, rel_tol=1e-9, abs_tol=1e-9):
            yield finding(
                rule, dossier.path, total.span,
                {"column": total.column, "total": total.text, "sum": number(added), "rows": len(total.parts)},
                key=total.column,
            )
