"""A weekday written with a date must be that date's weekday."""

from __future__ import annotations

from cnr_lint.checks.common import Params, finding
from cnr_lint.dates import weekday_name

FIELDS = {"text": "the date as written", "weekday": "the weekday written", "actual": "the date's real weekday"}


def check(dossier, rule, context):
    for mention in dossier.dates:
        if not mention.weekday or not mention.is_day:
            continue
        actual = weekday_name(mention.period.start)
        if actual != mention.weekday.lower():
            yield finding(
                rule, dossier.path, mention.span,
                {"text": mention.text, "weekday": mention.weekday, "actual": actual},
                key=mention.text,
            )
