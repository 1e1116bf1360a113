"""A summary table's Total row against the sum of the rows above it, column by column."""

from __future__ import annotations

import math

from cnr_lint.checks.common import Params, finding, number

FIELDS = {
    "column": "the column's header",
    "total": "the Total row's figure as written",
    "sum": "what the rows above it add up to",
    "rows": "how many rows were added",
    "besides": "what the sum makes with the region's own part a sentence under the table counts in the Total "
               "row (\", 65 with the 4 stated under the table\"), or nothing",
}


def check(dossier, rule, context):
    for total in dossier.totals:
        added = math.fsum(total.parts)
        whole = added + total.besides
        if not math.isclose(whole, total.total, rel_tol=1e-9, abs_tol=1e-9):
            besides = f", {number(whole)} with the {number(total.besides)} stated under the table" if total.besides else ""
            yield finding(
                rule, dossier.path, total.span,
                {"column": total.column, "total": total.text, "sum": number(added), "rows": len(total.parts),
                 "besides": besides},
                key=total.column,
            )
