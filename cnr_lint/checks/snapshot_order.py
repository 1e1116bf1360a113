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

A dossier may also recall earlier snapshots: a point d'étape of the campaign ("au 30 avril
2025, 19 projets étaient réalisés", beside its 31 October figures), or one of the campaign
before, quoted ("l'an dernier, au 31 octobre 2024, 21 projets étaient réalisés"). A dossier's
current snapshot is of its campaign, stated in the present (none of the `recalled` words, the
past tense's auxiliaries, in its realised figure's text), and none of its own dated realised
figures is later; the others are its history. Realised projects do not become unrealised, so
in regression mode every dated realised figure is a snapshot, stated with its in-progress part
or alone: the dossiers' current snapshots are ordered across the group, and a dossier's history
against its own snapshots, wherever the two stand in it (another campaign's figures, and the
point d'étape a dossier recalls, are not the campaign's figures the other dossiers state). A
different total is a regression only between two snapshots of the campaign that both state their
parts (a campaign adds the projects of its own cycle to those of the one before). In stale mode
only a current snapshot is reported: one recalled beside a newer one is not left behind.

With `departments`, each department's own snapshots ("au 31 octobre 2023, 5 projets drômois
réalisés", then "au 30 septembre 2024, 3 projets réalisés") are ordered the same way, against
that department's alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Literal, NamedTuple

from pydantic import Field

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import FigureName, as_of_text, finding, number
from cnr_lint.models import Dossier, Figure, Location

FIELDS = {
    "realised": "the realised figure here",
    "in_progress": "the in-progress figure here",
    "as_of": "its as-of date",
    "other": "the other dossier",
    "other_realised": "its realised figure",
    "other_in_progress": "its in-progress figure",
    "other_as_of": "its as-of date",
    "problem": "what regressed (regression mode)",
    "snapshot": "the snapshot here as written: its realised figure, and its in-progress figure if stated",
    "other_snapshot": "the other snapshot's values: realised / in progress, or realised alone",
}


class Snapshots(_Params):
    """The figures of one progress snapshot: realised projects, and projects in progress."""

    realised: FigureName = Field(description="the figure of realised projects")
    in_progress: FigureName = Field(description="the figure of projects in progress")


class Params(_Params):
    realised: FigureName = Field(description="the figure of realised projects")
    in_progress: FigureName = Field(description="the figure of projects in progress")
    mode: Literal["stale", "regression"] = Field(
        description="stale: an older snapshot progress explains; regression: a later one with fewer realised or another total")
    recalled: tuple[str, ...] = Field(
        default=(), description='words that state a realised figure in the past, as a recollection: "étaient", "avaient"')
    departments: Snapshots | None = Field(
        default=None, description="the same figures of each department: its snapshots ordered against its own alone")


class _Snapshot(NamedTuple):
    dossier: Dossier
    realised: Figure
    in_progress: Figure | None  # None: the realised figure stated alone at its date (regression mode only)
    quoted: bool  # a figure of another campaign, quoted in this one's dossier
    current: bool = False  # the dossier's current snapshot (see the module's docstring)


def _quoted(figure: Figure) -> bool:
    """A region's or department's figure of another campaign that the dossier quotes ("l'an dernier")."""
    return figure.campaign is not None and figure.scope in ("region", "department")


def _dated(dossier: Dossier, name: str, quoted: bool) -> tuple[Figure, ...]:
    """The dossier's dated figures of that name: of its campaign, or quoted from another."""
    figures = (f for f in dossier.figures if f.name == name and _quoted(f)) if quoted else dossier.figures_named(name)
    return tuple(f for f in figures if f.as_of is not None)


def _snapshots(group, mode: str, names: Snapshots):
    alone = mode == "regression"
    for dossier in group:
        for quoted in ((False, True) if alone else (False,)):
            by_date: dict[object, list] = {}  # the in-progress figures of each department and date, in document order
            for figure in _dated(dossier, names.in_progress, quoted):
                by_date.setdefault((figure.department, figure.as_of), []).append((_position(figure.span), figure))
            for stated in by_date.values():
                stated.sort(key=lambda item: item[0])
            realised_figures = _dated(dossier, names.realised, quoted)
            for realised in realised_figures:
                stated = by_date.get((realised.department, realised.as_of))
                if stated:
                    yield _Snapshot(dossier, realised, _nearest(stated, realised.span), quoted)
                elif alone:
                    yield _Snapshot(dossier, realised, None, quoted)


def _current(snapshots: list[_Snapshot], params, realised_name: str) -> list[_Snapshot]:
    """The snapshots, each marked whether it is its dossier's current one (for its department)."""
    recalled = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in params.recalled) + r")(?!\w)",
                          re.IGNORECASE) if params.recalled else None
    dates: dict[tuple, list] = {}  # the as-of dates of each dossier's own realised figures, by department
    for snapshot in snapshots:
        key = (id(snapshot.dossier), snapshot.realised.department)
        if key not in dates:
            dates[key] = [f.as_of for f in _dated(snapshot.dossier, realised_name, False)
                          if f.department == snapshot.realised.department]
    return [s._replace(current=not s.quoted
                       and not (recalled is not None and recalled.search(s.realised.text))
                       and not any(s.realised.as_of.before(other) for other in dates[(id(s.dossier), s.realised.department)]))
            for s in snapshots]


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
    yield from _ordered(group, rule, params, Snapshots(realised=params.realised, in_progress=params.in_progress))
    if params.departments is not None:
        yield from _ordered(group, rule, params, params.departments)


def _ordered(group, rule, params, names: Snapshots):
    snapshots = sorted(_snapshots(group, params.mode, names), key=lambda s: (s.realised.as_of.start, s.realised.as_of.end, s.dossier.path))
    if len(snapshots) < 2:
        return
    realised, in_progress = _Votes(group, names.realised), _Votes(group, names.in_progress)
    by_department: dict[str | None, list[_Snapshot]] = {}  # a region's figures: all of one (None)
    for snapshot in _current(snapshots, params, names.realised):
        by_department.setdefault(snapshot.realised.department, []).append(snapshot)
    for of_one in by_department.values():
        if len(of_one) < 2:
            continue
        states = _agreed(_states(of_one), realised, in_progress)
        if params.mode == "regression":
            yield from _regressions(states, rule)
        else:
            yield from _stale(states, rule)


class _State:
    """The snapshots stating the same split at the same date: every comparison treats them alike,
    so a group of thousands of dossiers at a few dates costs a few comparisons, not millions."""

    __slots__ = ("members", "dossiers", "realised", "in_progress", "quoted", "as_of", "first_current", "by_dossier")

    def __init__(self, first: _Snapshot) -> None:
        self.members = [first]  # in snapshot order: by date, then path
        self.dossiers = {id(first.dossier)}
        _, self.realised, self.in_progress, self.quoted, _ = first
        self.as_of = self.realised.as_of
        self.first_current = first if first.current else None
        self.by_dossier = {id(first.dossier): first}  # each dossier's first member

    def add(self, snapshot: _Snapshot) -> None:
        self.members.append(snapshot)
        self.dossiers.add(id(snapshot.dossier))
        self.by_dossier.setdefault(id(snapshot.dossier), snapshot)
        if self.first_current is None and snapshot.current:
            self.first_current = snapshot

    def compared_with(self, snapshot: _Snapshot) -> _Snapshot | None:
        """The member a snapshot is ordered against: a current one, for a current snapshot; else
        one of the snapshot's own dossier."""
        if snapshot.current and self.first_current is not None:
            return self.first_current
        return self.by_dossier.get(id(snapshot.dossier))

    def agrees_with(self, other: _State) -> bool:
        return (self.realised.agrees_with(other.realised) and self.in_progress is not None
                and other.in_progress is not None and self.in_progress.agrees_with(other.in_progress))


def _states(snapshots) -> list[_State]:
    states: dict[tuple, _State] = {}
    for snapshot in snapshots:
        _, realised, in_progress, quoted, _ = snapshot
        key = (realised.as_of, quoted, *_value(realised), *(_value(in_progress) if in_progress is not None else ()))
        state = states.get(key)
        if state is None:
            states[key] = _State(snapshot)
        else:
            state.add(snapshot)
    return list(states.values())  # in the order of their first member


class _Votes:
    """Every dated statement of one figure in the group (a dossier stating it alone too, without
    its other part; quoted from another campaign too), by date and value: how many dossiers agree
    with a value at its date."""

    def __init__(self, group, name: str) -> None:
        self.by_date: dict[tuple, dict[tuple, tuple]] = {}  # (department, date) -> value -> (a figure, its dossiers)
        self.supports: dict[tuple, int] = {}
        for dossier in group:
            for figure in (*_dated(dossier, name, False), *_dated(dossier, name, True)):
                values = self.by_date.setdefault((figure.department, figure.as_of), {})
                values.setdefault(_value(figure), (figure, set()))[1].add(id(dossier))

    def support(self, figure) -> int:
        key = (figure.department, figure.as_of, _value(figure))
        if key not in self.supports:
            values = self.by_date.get((figure.department, figure.as_of), {})
            self.supports[key] = len(set().union(*(d for other, d in values.values() if other.agrees_with(figure))))
        return self.supports[key]

    def outvoted(self, figure) -> bool:
        """Whether another value of its date, disagreeing with it, is stated by as many dossiers or more."""
        own = self.support(figure)
        return any(not other.agrees_with(figure) and self.support(other) >= own
                   for other, _ in self.by_date.get((figure.department, figure.as_of), {}).values())


def _agreed(states: list[_State], realised: _Votes, in_progress: _Votes) -> list[_State]:
    """The states whose realised and in-progress figures are each the one the most dossiers state
    at their date, as CNR201 counts them; a tie is no agreement."""
    return [state for state in states if not realised.outvoted(state.realised)
            and (state.in_progress is None or not in_progress.outvoted(state.in_progress))]


def _value(figure) -> tuple:
    return figure.low, figure.high, figure.low_open, figure.high_open


def _fields(snapshot: _Snapshot, other: _Snapshot, problem=""):
    _, realised, in_progress, _, _ = snapshot
    other_dossier, other_realised, other_in_progress, _, _ = other
    other_values = [number(other_realised.low)] + ([number(other_in_progress.low)] if other_in_progress else [])
    return {
        "realised": realised.text, "in_progress": in_progress.text if in_progress else "", "as_of": as_of_text(realised),
        "other": f"{other_dossier.path}:{other_realised.span.place}",
        "other_realised": number(other_realised.low),
        "other_in_progress": number(other_in_progress.low) if other_in_progress else "",
        "other_as_of": as_of_text(other_realised), "problem": problem,
        "snapshot": " / ".join(f.text for f in (realised, in_progress) if f is not None),
        "other_snapshot": " / ".join(other_values),
    }


def _related(snapshot: _Snapshot):
    dossier, realised, in_progress, _, _ = snapshot
    places = [Location(dossier.path, realised.span, f"{realised.text}{as_of_text(realised)}")]
    return places + ([Location(dossier.path, in_progress.span, in_progress.text)] if in_progress else [])


def _regressions(states, rule):
    """Each later snapshot against the first earlier one (by date, then path) it regresses from,
    of those it is ordered against (`_State.compared_with`)."""
    for later in states:
        regressed = [earlier for earlier in states if earlier.as_of.before(later.as_of) and _problems(earlier, later)]
        if not regressed:
            continue
        problem = {id(earlier): _problems(earlier, later) for earlier in regressed}
        for snapshot in later.members:
            against = [(earlier, earlier.compared_with(snapshot)) for earlier in regressed]
            against = [(earlier, member) for earlier, member in against if member is not None]
            if not against:
                continue
            first, member = min(against, key=lambda pair: _order(pair[1]))
            yield finding(
                rule, snapshot.dossier.path, snapshot.realised.span, _fields(snapshot, member, problem[id(first)]),
                related=_related(member), key=f"{snapshot.realised.name}:{snapshot.realised.text}",
            )


def _order(snapshot: _Snapshot) -> tuple:
    return snapshot.realised.as_of.start, snapshot.realised.as_of.end, snapshot.dossier.path


def _problems(earlier: _State, later: _State) -> str:
    problems = []
    if later.realised.high is not None and later.realised.high < earlier.realised.low:
        problems.append("fewer realised projects")
    if (not earlier.quoted and not later.quoted and earlier.in_progress is not None and later.in_progress is not None
            and _totals_differ(_total(earlier.realised, earlier.in_progress), _total(later.realised, later.in_progress))):
        problems.append("a different total")
    return " and ".join(problems)


def _stale(states, rule):
    """Each older snapshot against the newer ones it precedes, not only the last in sort order:
    among several snapshots of the newest date, the last by path may be the one in error. The
    newest is the one of the latest date stated by the most snapshots agreeing with it, the
    first by path among equals. Only the members that are their dossier's current snapshot are
    reported."""
    for older in states:
        newer = [s for s in states if older.as_of.before(s.as_of) and _progress_explains(older, s)]
        if not newer:
            continue
        latest = max((s.as_of.start, s.as_of.end) for s in newer)
        at_latest = [s for s in newer if (s.as_of.start, s.as_of.end) == latest]
        newest = min(at_latest, key=lambda s: (-_support(s, at_latest), s.members[0].dossier.path))
        for snapshot in older.members:
            if snapshot.current:
                yield finding(
                    rule, snapshot.dossier.path, snapshot.realised.span, _fields(snapshot, newest.members[0]),
                    related=_related(newest.members[0]), key=f"{snapshot.realised.name}:{snapshot.realised.text}",
                )


def _progress_explains(older: _State, newer: _State) -> bool:
    same_total = not _totals_differ(_total(older.realised, older.in_progress), _total(newer.realised, newer.in_progress))
    progressed = newer.realised.high is None or older.realised.low <= newer.realised.high
    differs = not older.realised.agrees_with(newer.realised) or not older.in_progress.agrees_with(newer.in_progress)
    return same_total and progressed and differs


def _support(state: _State, others: list[_State]) -> int:
    """How many snapshots of the others give a split agreeing with this one's, at its date."""
    return sum(len(other.members) for other in others if other.as_of == state.as_of and other.agrees_with(state))
