"""Each listed entry has one status: none while its siblings state theirs, or two that say
different things, is a finding. A status not understood is no finding: `facts --unmatched`
shows it."""

from __future__ import annotations

from pydantic import Field

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import ListName, finding

FIELDS = {
    "title": "the entry's title",
    "problem": "what is wrong (\"has no status\", \"has 2 statuses that disagree: Livré / En construction\")",
    "statuses": "the status words written",
}


class Params(_Params):
    list: ListName = Field(description="the list of entries whose statuses are checked")


def check(dossier, rule, context):
    for entry_list in dossier.lists:
        if entry_list.name != rule.parsed_params.list:
            continue
        # A list whose entries carry no status at all does not state them: nothing is missing.
        states_statuses = any(entry.statuses for entry in entry_list.entries)
        for entry in entry_list.entries:
            if not entry.statuses:
                if not states_statuses:
                    continue
                problem = "has no status"
            elif entry.understood and entry.status is None:
                problem = f"has {len(entry.statuses)} statuses that disagree: {' / '.join(entry.statuses)}"
            else:
                continue
            title = entry.title if len(entry.title) <= 60 else entry.title[:57] + "..."
            yield finding(
                rule, dossier.path, entry.span,
                {"title": title, "problem": problem, "statuses": " / ".join(entry.statuses) or "none"},
                key=entry.title,
            )
