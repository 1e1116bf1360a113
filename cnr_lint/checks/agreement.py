"""The same figure of one campaign and region, stated in several dossiers, must agree.

Statements compare when their as-of periods overlap or one is undated. A statement is
reported when it disagrees with another at least as well supported (by agreeing statements):
when five dossiers agree and one differs, only the one that differs is reported, with the
five as related places; when two differ, each is reported.
"""

from __future__ import annotations

from typing import Literal

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import as_of_text, derived_figures, finding, place, value_text

SCOPE = "corpus"
FIELDS = ("figure", "text", "value", "as_of", "others", "department")


class Params(_Params):
    scope: Literal["region", "department"]
    figures: tuple[str, ...]


def _comparable(a, b) -> bool:
    return a.as_of is None or b.as_of is None or a.as_of.overlaps(b.as_of)


def check(group, rule, context):
    params = rule.parsed_params
    for name in params.figures:
        statements: dict[object, list] = {}
        for dossier in group:
            for figure in derived_figures(dossier, name):
                key = figure.department if params.scope == "department" else None
                if params.scope == "department" and key is None:
                    continue
                statements.setdefault(key, []).append((dossier, figure))
        for key, stated in statements.items():
            yield from _disagreements(stated, rule, name, key)


def _disagreements(stated, rule, name, department):
    # Support is counted in dossiers, not statements: a dossier repeating its figure does not
    # outweigh two dossiers that agree with each other.
    support = []
    opponents = []
    for dossier, figure in stated:
        agreeing = {id(dossier)}
        against = []
        for other_dossier, other in stated:
            if other is figure or not _comparable(figure, other):
                continue
            if figure.agrees_with(other):
                agreeing.add(id(other_dossier))
            else:
                against.append((other_dossier, other))
        support.append(len(agreeing))
        opponents.append(against)
    strength = {id(figure): support[i] for i, (_, figure) in enumerate(stated)}
    for (dossier, figure), own, against in zip(stated, support, opponents):
        if not against or own > max(strength[id(other)] for _, other in against):
            continue
        others = "; ".join(
            f"{d.path}:{f.span.line} states {value_text(f)}{as_of_text(f)}" for d, f in against
        )
        yield finding(
            rule, dossier.path, figure.span,
            {"figure": name, "text": figure.text, "value": value_text(figure), "as_of": as_of_text(figure),
             "others": others, "department": department or ""},
            related=[place(d, f) for d, f in against],
            key=f"{name}:{department or ''}:{figure.text}",
        )
