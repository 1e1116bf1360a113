"""A summary table's Total row against the sum of the rows above it, column by column."""

from __future__ import annotations

import math

from cnr_lint.checks.common import Params, finding, number

FIELDS = ("column", "total", "sum", "rows")


def check(dossier, rule, context):
    for total in dossier.totals:
        added = math.fsum(total.parts)
        if not math.isclose(added, total.total, rel_tol=1e-9, abs_tol=1e-9):
            yield finding(
                rule, dossier.path, total.span,
                {"column": total.column, "total": total.text, "sum": number(added), "rows": len(total.parts)},
                key=total.column,
            )
