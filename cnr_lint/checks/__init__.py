"""Check kinds, one module each, registered by name; rules in YAML name a kind and its params.

A kind module defines `Params` (a pydantic model of the rule's params, each field described, the
profile names it holds typed `FigureName` or `ListName` so that the pack's loader checks them),
`FIELDS` (the names its message templates may use, with what each gives) and `check`; its scope
("document" or "corpus") is in `KINDS`:
- document kinds: `check(dossier, rule, context) -> Iterable[Finding]`
- corpus kinds: `check(group, rule, context) -> Iterable[Finding]`, the group a tuple of
  dossiers sharing a campaign and a region.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cnr_lint.models import Dossier, Finding
    from cnr_lint.pack import Rule
    from cnr_lint.pipeline import Context

# kind name: (module, scope). The scope is repeated here so that a run answered from the cache
# knows what each rule is without importing its module.
KINDS: dict[str, tuple[str, str]] = {
    "file-note": ("file_note", "document"),
    "not-a-dossier": ("not_a_dossier", "document"),
    "list-count": ("list_count", "document"),
    "sum-of-parts": ("sum_of_parts", "document"),
    "entry-status": ("entry_status", "document"),
    "weekday": ("weekday", "document"),
    "bounded-by": ("bounded_by", "document"),
    "reference": ("reference", "document"),
    "table-total": ("table_total", "document"),
    "limit": ("limit", "document"),
    "ratio": ("ratio", "document"),
    "required": ("required", "document"),
    "ungrouped": ("ungrouped", "document"),
    "agreement": ("agreement", "corpus"),
    "snapshot-order": ("snapshot_order", "corpus"),
    "group-sum": ("group_sum", "corpus"),
    "unused-suppression": ("unused_suppression", "suppression"),
}


_loaded: dict[str, ModuleType] = {}


def kind(name: str) -> ModuleType:
    module = _loaded.get(name)
    if module is None:  # import_module's own lookup costs more than a check of one dossier
        module = _loaded[name] = importlib.import_module(f"cnr_lint.checks.{KINDS[name][0]}")
    return module


def scope(name: str) -> str:
    return KINDS[name][1]


def document_findings(dossier: Dossier, rules: tuple[Rule, ...], context: Context) -> tuple[Finding, ...]:
    """What the document rules find in one dossier, those of its profile, in the rules' order."""
    return tuple(f for rule in rules if context.applies(rule, dossier.path)
                 for f in kind(rule.kind).check(dossier, rule, context))
