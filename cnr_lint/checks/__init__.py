"""Check kinds, one module each, registered by name; rules in YAML name a kind and its params.

A kind module defines `Params` (a pydantic model of the rule's params), `FIELDS` (the names its
message templates may use), `SCOPE` ("document" or "corpus") and `check`:
- document kinds: `check(dossier, rule, context) -> Iterable[Finding]`
- corpus kinds: `check(group, rule, context) -> Iterable[Finding]`, the group a tuple of
  dossiers sharing a campaign and a region.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KINDS: dict[str, str] = {
    "file-note": "file_note",
    "not-a-dossier": "not_a_dossier",
    "list-count": "list_count",
    "sum-of-parts": "sum_of_parts",
    "entry-status": "entry_status",
    "weekday": "weekday",
    "bounded-by": "bounded_by",
    "reference": "reference",
    "agreement": "agreement",
    "snapshot-order": "snapshot_order",
    "group-sum": "group_sum",
    "unused-suppression": "unused_suppression",
}


def kind(name: str) -> ModuleType:
    return importlib.import_module(f"cnr_lint.checks.{KINDS[name]}")
