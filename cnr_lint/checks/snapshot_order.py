"""Dated progress snapshots (realised, in progress) across the dossiers of one campaign.

Two snapshots are ordered only when their as-of periods do not overlap. Mode "stale": an
older snapshot differs from a newer one in a way progress explains (same total, no fewer
realised later); it names the newest such snapshot, the most agreed one among equals.
Mode "regression": a later snapshot has fewer realised projects, or a different total, than
an earlier one.

A dossier gives a snapshot for each realised figure it states, with the in-progress figure of
the same date nearest to it: a dossier repeating its snapshot (a key-figures box, then the
text) is reported at each statement, as a figure conflict is. Only the snapshot the dossiers
agree on at each as-of date is ordered: one whose realised or in-progress figure another value
of the same date outnumbers, or ties, in dossiers stating it (alone or in a snapshot), is
already a figure conflict there (CNR201), and ordering it again against another date would
report one mistake twice.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Literal

from pydantic import Field

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import FigureName, as_of_text, finding, number
from cnr_lint.models import Location

FIELDS = {
    "realised": "the realised figure here",
    "in_progress": "the in-progress figure here",
    "as_of": "its as-of date",
    "other": "the other dossier",
    "other_realised": "its realised figure",
    "other_in_progress": "its in-progress figure",
    "other_as_of": "its as-of date",
    "problem": "what regressed (regression mode)",
}


class Params(_Params):
    realised: FigureName = Field(description="the figure of realised projects")
    in_progress: FigureName = Field(description="the figure of projects in progress")
    mode: Literal["stale", "regression"] = Field(
        description="stale: an older snapshot progress explains; regression: a later one with fewer realised or another total")


def _snapshots(group, params):
    for dossier in group:
        by_date: dict[object, list] = {}  # the in-progress figures of each date, in document order
        for figure in dossier.figures_named(params.in_progress):
            if figure.as_of is not None:
                by_date.setdefault(figure.as_of, []).append((_position(figure.span), figure))
        for stated in by_date.values():
            stated.sort(key=lambda item: item[0])
        for realised in dossier.figures_named(params.realised):
            stated = by_date.get(realised.as_of)
            if stated:
                yield dossier, realised, _nearest(stated, realised.span)


def _position(span) -> tuple[int, int, int]:
    return span.page, span.line, span.column


def _nearest(stated: list, span):
    """Of figures in document order, the one nearest the span: the last before it or the first after."""
    index = bisect_left(stated, _position(span), key=lambda item: item[0])
    around = [item[1] for item in stated[max(index - 1, 0):index + 1]]
    return min(around, key=lambda f: (abs(f.span.page - span.page), abs(f.span.line - span.line),
                                      abs(f.span.column - span.column)))


def _total(realised, in_progress) -> tuple[float, float | None]:
    high = None if realised.high is None or in_progress.high is None else realised.high + in_progress.high
    return realised.low + in_progress.low, high


def _totals_differ(a, b) -> bool:
    (a_low, a_high), (b_low, b_high) = a, b
    return (a_high is not None and b_low > a_high) or (b_high is not None and a_low > b_high)


def check(group, rule, context):
    params = rule.parsed_params
    snapshots = sorted(_snapshots(group, params), key=lambda s: (s[1].as_of.start, s[1].as_of.end, s[0].path))
    if len(snapshots) < 2:
        return
    states = _agreed(_states(snapshots), _Votes(group, params.realised), _Votes(group, params.in_progress))
    if params.mode == "regression":
        yield from _regressions(states, rule)
    else:
        yield from _stale(states, rule)


class _State:
    """The snapshots stating the same split at the same date: every comparison treats them alike,
    so a group of thousands of dossiers at a few dates costs a few comparisons, not millions."""

    __slots__ = ("members", "dossiers", "realised", "in_progress", "as_of")

    def __init__(self, first) -> None:
        self.members = [first]  # in snapshot order: by date, then path
        self.dossiers = {id(first[0])}
        _, self.realised, self.in_progress = first
        self.as_of = self.realised.as_of

    def agrees_with(self, other: _State) -> bool:
        return self.realised.agrees_with(other.realised) and self.in_progress.agrees_with(other.in_progress)


def _states(snapshots) -> list[_State]:
    states: dict[tuple, _State] = {}
    for snapshot in snapshots:
        _, realised, in_progress = snapshot
        key = (realised.as_of, *_value(realised), *_value(in_progress))
        state = states.get(key)
        if state is None:
            states[key] = _State(snapshot)
        else:
            state.members.append(snapshot)
            state.dossiers.add(id(snapshot[0]))
    return list(states.values())  # in the order of their first member


class _Votes:
    """Every dated statement of one figure in the group (a dossier stating it alone too, without
    its other part), by date and value: how many dossiers agree with a value at its date."""

    def __init__(self, group, name: str) -> None:
        self.by_date: dict[object, dict[tuple, tuple]] = {}  # date -> value -> (a figure, its dossiers)
        self.supports: dict[tuple, int] = {}
        for dossier in group:
            for figure in dossier.figures_named(name):
                if figure.as_of is not None:
                    values = self.by_date.setdefault(figure.as_of, {})
                    values.setdefault(_value(figure), (figure, set()))[1].add(id(dossier))

    def support(self, figure) -> int:
        key = (figure.as_of, _value(figure))
        if key not in self.supports:
            values = self.by_date.get(figure.as_of, {})
            self.supports[key] = len(set().union(*(d for other, d in values.values() if other.agrees_with(figure))))
        return self.supports[key]

    def outvoted(self, figure) -> bool:
        """Whether another value of its date, disagreeing with it, is stated by as many dossiers or more."""
        own = self.support(figure)
        return any(not other.agrees_with(figure) and self.support(other) >= own
                   for other, _ in self.by_date.get(figure.as_of, {}).values())


def _agreed(states: list[_State], realised: _Votes, in_progress: _Votes) -> list[_State]:
    """The states whose realised and in-progress figures are each the one the most dossiers state
    at their date, as CNR201 counts them; a tie is no agreement."""
    return [state for state in states
            if not realised.outvoted(state.realised) and not in_progress.outvoted(state.in_progress)]


def _value(figure) -> tuple:
    return figure.low, figure.high, figure.low_open, figure.high_open


def _fields(snapshot, other, problem=""):
    _, realised, in_progress = snapshot
    other_dossier, other_realised, other_in_progress = other
    return {
        "realised": realised.text, "in_progress": in_progress.text, "as_of": as_of_text(realised),
        "other": f"{other_dossier.path}:{other_realised.span.place}",
        "other_realised": number(other_realised.low), "other_in_progress": number(other_in_progress.low),
        "other_as_of": as_of_text(other_realised), "problem": problem,
    }


def _related(snapshot):
    dossier, realised, in_progress = snapshot
    return [Location(dossier.path, realised.span, f"{realised.text}{as_of_text(realised)}"),
            Location(dossier.path, in_progress.span, in_progress.text)]


def _regressions(states, rule):
    """Each later snapshot against the first earlier one (by date, then path) it regresses from."""
    for later in states:
        first = None
        for earlier in states:
            if first is not None and _order(earlier) >= _order(first):
                continue
            if earlier.as_of.before(later.as_of) and _problems(earlier, later):
                first = earlier
        if first is None:
            continue
        problem = _problems(first, later)
        for snapshot in later.members:
            yield finding(
                rule, snapshot[0].path, snapshot[1].span, _fields(snapshot, first.members[0], problem),
                related=_related(first.members[0]), key=f"{snapshot[1].name}:{snapshot[1].text}",
            )


def _order(state: _State) -> tuple:
    return state.as_of.start, state.as_of.end, state.members[0][0].path


def _problems(earlier: _State, later: _State) -> str:
    problems = []
    if later.realised.high is not None and later.realised.high < earlier.realised.low:
        problems.append("fewer realised projects")
    if _totals_differ(_total(earlier.realised, earlier.in_progress), _total(later.realised, later.in_progress)):
        problems.append("a different total")
    return " and ".join(problems)


def _stale(states, rule):
    """Each older snapshot against the newer ones it precedes, not only the last in sort order:
    among several snapshots of the newest date, the last by path may be the one in error. The
    newest is the one of the latest date stated by the most snapshots agreeing with it, the
    first by path among equals."""
    for older in states:
        newer = [s for s in states if older.as_of.before(s.as_of) and _progress_explains(older, s)]
        if not newer:
            continue
        latest = max((s.as_of.start, s.as_of.end) for s in newer)
        at_latest = [s for s in newer if (s.as_of.start, s.as_of.end) == latest]
        newest = min(at_latest, key=lambda s: (-_support(s, at_latest), s.members[0][0].path))
        for snapshot in older.members:
            yield finding(
                rule, snapshot[0].path, snapshot[1].span, _fields(snapshot, newest.members[0]),
                related=_related(newest.members[0]), key=f"{snapshot[1].name}:{snapshot[1].text}",
            )


def _progress_explains(older: _State, newer: _State) -> bool:
    same_total = not _totals_differ(_total(older.realised, older.in_progress), _total(newer.realised, newer.in_progress))
    progressed = newer.realised.high is None or older.realised.low <= newer.realised.high
    differs = not older.realised.agrees_with(newer.realised) or not older.in_progress.agrees_with(newer.in_progress)
    return same_total and progressed and differs


def _support(state: _State, others: list[_State]) -> int:
    """How many snapshots of the others give a split agreeing with this one's, at its date."""
    return sum(len(other.members) for other in others if other.as_of == state.as_of and other.agrees_with(state))
