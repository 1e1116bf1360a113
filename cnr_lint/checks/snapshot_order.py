"""Dated progress snapshots (realised, in progress) across the dossiers of one campaign.

Two snapshots are ordered only when their as-of periods do not overlap. Mode "stale": an
older snapshot differs from a newer one in a way progress explains (same total, no fewer
realised later); it names the newest such snapshot, the most agreed one among equals.
Mode "regression": a later snapshot has fewer realised projects, or a different total, than
an earlier one.
"""

from __future__ import annotations

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
        realised = dossier.figures_named(params.realised)
        in_progress = dossier.figures_named(params.in_progress)
        if realised and in_progress and realised[0].as_of is not None:
            yield dossier, realised[0], in_progress[0]


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
    if params.mode == "regression":
        yield from _regressions(snapshots, rule)
    else:
        yield from _stale(snapshots, rule)


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


def _regressions(snapshots, rule):
    for index, later in enumerate(snapshots):
        for earlier in snapshots[:index]:
            if not earlier[1].as_of.before(later[1].as_of):
                continue
            problems = []
            if later[1].high is not None and later[1].high < earlier[1].low:
                problems.append("fewer realised projects")
            if _totals_differ(_total(earlier[1], earlier[2]), _total(later[1], later[2])):
                problems.append("a different total")
            if problems:
                yield finding(
                    rule, later[0].path, later[1].span, _fields(later, earlier, " and ".join(problems)),
                    related=_related(earlier), key=f"{later[1].name}:{later[1].text}",
                )
                break


def _stale(snapshots, rule):
    """Each older snapshot against the newer ones it precedes, not only the last in sort order:
    among several snapshots of the newest date, the last by path may be the one in error."""
    for index, older in enumerate(snapshots):
        newer = [s for s in snapshots[index + 1:] if older[1].as_of.before(s[1].as_of) and _progress_explains(older, s)]
        if not newer:
            continue
        by_path = sorted(newer, key=lambda s: s[0].path)  # max keeps the first of equals
        newest = max(by_path, key=lambda s: (s[1].as_of.start, s[1].as_of.end, _support(s, newer)))
        yield finding(
            rule, older[0].path, older[1].span, _fields(older, newest),
            related=_related(newest), key=f"{older[1].name}:{older[1].text}",
        )


def _progress_explains(older, newer) -> bool:
    same_total = not _totals_differ(_total(older[1], older[2]), _total(newer[1], newer[2]))
    progressed = newer[1].high is None or older[1].low <= newer[1].high
    differs = not older[1].agrees_with(newer[1]) or not older[2].agrees_with(newer[2])
    return same_total and progressed and differs


def _support(snapshot, others) -> int:
    """How many of the others give the same split at the same date."""
    _, realised, in_progress = snapshot
    return sum(
        1 for _, r, p in others
        if r.as_of == realised.as_of and r.agrees_with(realised) and p.agrees_with(in_progress)
    )
