"""A stated count ("6 projets concrets", "quatre grands défis") against the items listed below it."""

from __future__ import annotations

from pydantic import Field

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import ListName, finding

FIELDS = {
    "stated": "the count stated",
    "stated_text": "the count as written (\"4 projets concrets\")",
    "listed": "how many items or entries are listed",
    "list": "the list's name",
}


class Params(_Params):
    list: ListName = Field(description="the list whose stated count is checked")


def check(dossier, rule, context):
    name = rule.parsed_params.list
    for entry_list in dossier.lists:
        if entry_list.name != name or entry_list.stated is None or not entry_list.understood:
            continue
        listed = len(entry_list.entries)
        if listed != entry_list.stated:
            yield finding(
                rule,
                dossier.path,
                entry_list.span,
                {"stated": entry_list.stated, "stated_text": entry_list.stated_text, "listed": listed, "list": name},
                key=name,
            )
