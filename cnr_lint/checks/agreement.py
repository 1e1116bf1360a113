"""The same figure of one campaign and region, stated in several dossiers, must agree.

Statements compare when their as-of periods overlap or one is undated. A statement is
reported when it disagrees with another at least as well supported (by agreeing statements):
when five dossiers agree and one differs, only the one that differs is reported, with the
five as related places; when two differ, each is reported. A dossier that states a figure two
ways, with no other dossier involved, is reported once: at its later statement, the earlier related.

Statements with the same interval and as-of period behave alike, so they are grouped into
classes and the classes compared (a long dossier may state one figure thousands of times, in a
handful of values). A finding names at most MAX_RELATED other places, one per dossier first,
and says how many more there are.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Literal

from pydantic import Field

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import FigureName, as_of_text, derived_by_name, finding, place, value_text

FIELDS = {
    "figure": "the figure's name",
    "text": "the figure as written here",
    "value": "its value (\"14\", or the qualified text)",
    "as_of": "\" (au 8 novembre 2023)\", or nothing when undated",
    "others": "the other dossiers' statements it disagrees with",
    "department": "the department (scope department)",
}
MAX_RELATED = 20
_LOOK_AT = 10 * MAX_RELATED  # disagreeing statements looked at to choose the related places


class Params(_Params):
    scope: Literal["region", "department"] = Field(
        description="region: compare each figure across the dossiers of a campaign and region; "
        "department: compare each department's figure wherever it is stated")
    figures: tuple[FigureName, ...] = Field(description="the figures to compare")


def check(group, rule, context):
    params = rule.parsed_params
    by_name: dict[str, dict[object, list]] = {name: {} for name in params.figures}
    # A list's stated count that its own entries contradict ("Dix projets concrets", nine
    # listed): by (dossier, list, place), the number listed.
    miscounts: dict[tuple, int] = {}
    for dossier in group:
        for entry_list in dossier.lists:
            if entry_list.understood and entry_list.entries and not entry_list.complete:
                miscounts[id(dossier), entry_list.name, entry_list.span] = len(entry_list.entries)
        for name, figures in derived_by_name(dossier, params.figures).items():
            statements = by_name[name]
            for figure in figures:
                key = figure.department if params.scope == "department" else None
                if params.scope == "department" and key is None:
                    continue
                statements.setdefault(key, []).append((dossier, figure))
    for name, statements in by_name.items():
        for key, stated in statements.items():
            if miscounts:
                stated = _without_miscounts(stated, miscounts)
            yield from _disagreements(stated, rule, name, key)


def _without_miscounts(stated: list, miscounts: dict[tuple, int]) -> list:
    """The statements less a miscounted list's stated count where another dossier states the
    number listed: that count is CNR101's mistake, and compared with the other dossier it would
    be the same mistake told again, at both ends."""
    def stated_elsewhere(dossier, listed: int) -> bool:
        return any(d is not dossier and f.low == f.high == listed for d, f in stated)

    return [(d, f) for d, f in stated
            if (listed := miscounts.get((id(d), f.name, f.span))) is None or not stated_elsewhere(d, listed)]


class _Class:
    """Statements of one figure with the same interval and as-of period, in the order stated."""

    __slots__ = ("figure", "exact", "members", "dossiers", "period", "agreeing", "agreeing_classes",
                 "against_statements", "self_against", "best", "outside", "strongest", "related")

    def __init__(self, figure) -> None:
        self.figure = figure  # any member: all share the fields comparisons read
        # One value, both ends closed ("14"): agrees with the same value only, found by lookup.
        self.exact = figure.high == figure.low and not figure.low_open and not figure.high_open
        self.members: list[int] = []  # indexes into the statements
        self.dossiers: set[int] = set()  # id() of the dossiers stating it
        self.period: _Period | None = None
        self.agreeing: set[int] = set()  # dossiers of every comparable statement that agrees with it
        self.agreeing_classes: set[int] = set()  # id() of the comparable classes that agree with it
        self.against_statements = 0  # how many comparable statements disagree with it
        self.self_against = False  # an interval that does not meet itself ("(5, 5]")
        self.best = 0  # the most support one of its statements has
        self.outside = 0  # how many of its statements come from a dossier not in `agreeing`
        self.strongest = 0  # the best support among the other classes against it
        self.related: tuple[list[int], int] | None = None

    def support(self, dossier) -> int:
        """In dossiers: this one and those of every comparable statement that agrees with it."""
        return len(self.agreeing) + (id(dossier) not in self.agreeing)

    def is_against(self, other: _Class) -> bool:
        if other is self:
            return self.self_against
        return other.period.key in self.period.comparable and id(other) not in self.agreeing_classes


class _Period:
    """The classes of one as-of period (or of undated statements)."""

    def __init__(self, key, classes: list[_Class]) -> None:
        self.key = key
        self.classes = classes
        self.statements = sum(len(one.members) for one in classes)
        self.exact: dict[float, list[_Class]] = {}
        for one in classes:
            if one.exact:
                self.exact.setdefault(one.figure.low, []).append(one)
        self.values = sorted(self.exact)
        self.intervals = [one for one in classes if not one.exact]
        self.comparable: dict[object, _Period] = {}  # by key, this one included
        self.by_best: list[_Class] = []

    def agreeing(self, one: _Class) -> list[_Class]:
        """Its classes that agree with `one` (a class of a comparable period)."""
        figure = one.figure
        if one.exact:
            found = list(self.exact.get(figure.low, ()))
        else:
            start = (bisect_right if figure.low_open else bisect_left)(self.values, figure.low)
            if figure.high is None:
                end = len(self.values)
            else:
                end = (bisect_left if figure.high_open else bisect_right)(self.values, figure.high)
            found = [other for value in self.values[start:end] for other in self.exact[value]]
        found.extend(other for other in self.intervals if figure.agrees_with(other.figure))
        return found


def _classes(stated) -> list[_Class]:
    """The class of each statement, with how the classes compare worked out.

    Comparing every class with every other would take time quadratic in the number of distinct
    values; exact values are looked up instead (one value agrees with that value only), so only
    intervals ("près de 700") are compared one by one, and there are few of them.
    """
    by_key: dict[tuple, _Class] = {}
    of_statement = []
    for index, (dossier, figure) in enumerate(stated):
        key = _statement_key(figure)
        found = by_key.get(key)
        if found is None:
            found = by_key[key] = _Class(figure)
        found.members.append(index)
        found.dossiers.add(id(dossier))
        of_statement.append(found)
    classes = list(by_key.values())
    grouped: dict[object, list[_Class]] = {}
    for one in classes:
        grouped.setdefault(one.figure.as_of, []).append(one)
    periods = [_Period(key, ones) for key, ones in grouped.items()]
    for period in periods:
        for one in period.classes:
            one.period = period
        for other in periods:
            if period.classes[0].figure.at_same_time(other.classes[0].figure):
                period.comparable[other.key] = other
    for one in classes:
        agreeing_statements = 0
        for period in one.period.comparable.values():
            for other in period.agreeing(one):
                one.agreeing |= other.dossiers
                one.agreeing_classes.add(id(other))
                agreeing_statements += len(other.members)
        comparable = sum(period.statements for period in one.period.comparable.values())
        one.against_statements = comparable - agreeing_statements
        one.self_against = id(one) not in one.agreeing_classes
    for one in classes:
        one.outside = sum(1 for index in one.members if id(stated[index][0]) not in one.agreeing)
        one.best = len(one.agreeing) + (1 if one.outside else 0)
    for period in periods:
        period.by_best = sorted(period.classes, key=lambda one: -one.best)
    for one in classes:
        # The strongest class against it: the first of each period, by support, that does not agree.
        for period in one.period.comparable.values():
            for other in period.by_best:
                if other is not one and id(other) not in one.agreeing_classes:
                    one.strongest = max(one.strongest, other.best)
                    break
    return of_statement


def _statement_key(figure) -> tuple:
    return figure.low, figure.high, figure.low_open, figure.high_open, figure.as_of


def _all_alike(stated) -> bool:
    """Every statement has the same interval and period, one that meets itself: nothing disagrees.

    The case of almost every group of dossiers, answered without building the classes.
    """
    first = stated[0][1]
    key = _statement_key(first)
    return first.agrees_with(first) and all(_statement_key(figure) == key for _, figure in stated)


def _disagreements(stated, rule, name, department):
    if _all_alike(stated):
        return
    # Support is counted in dossiers, not statements: a dossier repeating its figure does not
    # outweigh two dossiers that agree with each other.
    of_statement = _classes(stated)
    for index, (dossier, figure) in enumerate(stated):
        own = of_statement[index]
        # The statements against this one: its own class's others too, when it does not meet itself.
        if own.against_statements - own.self_against <= 0:
            continue
        strongest = own.strongest
        if own.self_against and len(own.members) > 1:
            outside = own.outside - (id(dossier) not in own.agreeing)
            strongest = max(strongest, len(own.agreeing) + (1 if outside else 0))
        if own.support(dossier) > strongest:
            continue
        shown, total = _related(stated, of_statement, own, index)
        if all(d is dossier for d, _ in shown) and (
            any(_position(f) > _position(figure) for _, f in shown)
            or any(stated[i][0] is dossier and _position(stated[i][1]) > _position(figure) for i in own.members)
        ):
            continue  # a dossier at odds with itself alone: reported once, at its latest statement (of any value)
        others = "; ".join(f"{d.path}:{f.span.place} states {value_text(f)}{as_of_text(f)}" for d, f in shown)
        if total > len(shown):
            others += f"; and {total - len(shown)} more"
        yield finding(
            rule, dossier.path, figure.span,
            {"figure": name, "text": figure.text, "value": value_text(figure), "as_of": as_of_text(figure),
             "others": others, "department": department or ""},
            related=[place(d, f) for d, f in shown],
            key=f"{name}:{department or ''}:{figure.text}",
        )


def _position(figure) -> tuple[int, int, int]:
    return figure.span.page, figure.span.line, figure.span.column


def _related(stated, of_statement: list, own: _Class, index: int) -> tuple[list, int]:
    """The statements that disagree with statement `index` of class `own`, at most MAX_RELATED of
    them (the first of each dossier, then the earliest others), in the order stated; and how many
    disagree in all. Only the first few hundred of them are looked at to choose."""
    exclude = index if own.self_against else None
    if exclude is None and own.related is not None:
        chosen, total = own.related
    else:
        total = own.against_statements - (exclude is not None)
        chosen, earliest, dossiers = [], [], set()
        looked = 0
        for candidate, found in enumerate(of_statement):
            if candidate == exclude or not own.is_against(found):
                continue
            if len(earliest) < MAX_RELATED:
                earliest.append(candidate)
            dossier = id(stated[candidate][0])
            if dossier not in dossiers:
                dossiers.add(dossier)
                chosen.append(candidate)
                if len(chosen) == MAX_RELATED:
                    break
            looked += 1
            if looked >= _LOOK_AT:
                break
        picked = set(chosen)
        chosen += [candidate for candidate in earliest if candidate not in picked][: MAX_RELATED - len(chosen)]
        chosen.sort()
        if exclude is None:
            own.related = (chosen, total)
    return [stated[i] for i in chosen], total
