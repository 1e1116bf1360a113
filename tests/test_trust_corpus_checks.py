"""Corpus checks cost at most n log n in the group size (issue 9, item 15), with the same findings.

CNR202 compared every older snapshot with every newer one, and counted each one's support among
all of them: cubic (800 dossiers of one group took 51 s). The snapshots that state the same split
at the same date are now compared once. A brute-force reference (the former code) checks that
the findings are the same on random groups (the snapshot a date's dossiers agree on only, as
issue 10 has it); bench/large_group.py measures the growth (speed
is measured in bench/, not by timed tests).
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from cnr_lint.checks import snapshot_order
from cnr_lint.checks.common import finding
from cnr_lint.dates import Period
from cnr_lint.models import Dossier, Figure, Span
from cnr_lint.pack import load_packs

PACK = load_packs()
PERIODS = [Period(date(2023, 1, 1), date(2023, 12, 31)), Period(date(2023, 6, 30), date(2023, 6, 30)),
           Period(date(2023, 11, 8), date(2023, 11, 8)), Period(date(2024, 3, 1), date(2024, 3, 31)),
           Period(date(2024, 6, 1), date(2024, 6, 1))]


def _figure(name: str, value: int, qualified: bool, as_of: Period, line: int) -> Figure:
    high, high_open = (value + 1, False) if qualified else (value, False)
    return Figure(name=name, low=float(value), high=float(high), low_open=qualified, high_open=high_open,
                  unit="projects", qualifier="plus de" if qualified else None, as_of=as_of, as_of_text=str(as_of.start),
                  scope="region", department=None, text=f"{'plus de ' if qualified else ''}{value} projets",
                  span=Span(line, 1, line, 10))


def _dossier(index: int, rng: random.Random) -> Dossier:
    as_of = rng.choice(PERIODS)
    realised = rng.randint(9, 14)
    total = rng.choice((41, 41, 41, 42))
    figures = (_figure("region.projects.realised", realised, rng.random() < 0.15, as_of, 3),
               _figure("region.projects.in_progress", total - realised, rng.random() < 0.15, as_of, 4))
    return Dossier(path=f"d/{index:03d}.md", fingerprint=str(index), region="R", department=None, campaign="C",
                   published=None, figures=figures, lists=(), dates=())


# -- the former code, as the reference ------------------------------------------------------------


def _agreed(snapshots):
    """Those whose realised and in-progress figures every other value of their date is stated
    by fewer dossiers than (issue 10); each random dossier states one snapshot, so its figures
    are all the statements."""
    def outvoted(snapshot, part):
        def support(figure):
            return len({id(o[0]) for o in snapshots if o[part].as_of == figure.as_of and o[part].agrees_with(figure)})

        own = snapshot[part]
        return any(support(o[part]) >= support(own) for o in snapshots
                   if o[part].as_of == own.as_of and not o[part].agrees_with(own))

    return [s for s in snapshots if not outvoted(s, 1) and not outvoted(s, 2)]


def _reference(group, rule):
    params = rule.parsed_params
    names = snapshot_order.Snapshots(realised=params.realised, in_progress=params.in_progress)  # the region's
    snapshots = _agreed(sorted(snapshot_order._snapshots(group, params.mode, names),
                               key=lambda s: (s[1].as_of.start, s[1].as_of.end, s[0].path)))
    if len(snapshots) < 2:
        return []
    total, differ = snapshot_order._total, snapshot_order._totals_differ
    fields, related = snapshot_order._fields, snapshot_order._related
    found = []
    if params.mode == "regression":
        for index, later in enumerate(snapshots):
            for earlier in snapshots[:index]:
                if not earlier[1].as_of.before(later[1].as_of):
                    continue
                problems = []
                if later[1].high is not None and later[1].high < earlier[1].low:
                    problems.append("fewer realised projects")
                if differ(total(earlier[1], earlier[2]), total(later[1], later[2])):
                    problems.append("a different total")
                if problems:
                    found.append(finding(rule, later[0].path, later[1].span, fields(later, earlier, " and ".join(problems)),
                                         related=related(earlier), key=f"{later[1].name}:{later[1].text}"))
                    break
        return found

    def explains(older, newer):
        same = not differ(total(older[1], older[2]), total(newer[1], newer[2]))
        progressed = newer[1].high is None or older[1].low <= newer[1].high
        differs = not older[1].agrees_with(newer[1]) or not older[2].agrees_with(newer[2])
        return same and progressed and differs

    def support(snapshot, others):
        r, p = snapshot.realised, snapshot.in_progress
        return sum(1 for o in others if o.realised.as_of == r.as_of and o.realised.agrees_with(r) and o.in_progress.agrees_with(p))

    for index, older in enumerate(snapshots):
        newer = [s for s in snapshots[index + 1:] if older[1].as_of.before(s[1].as_of) and explains(older, s)]
        if newer:
            by_path = sorted(newer, key=lambda s: s[0].path)
            newest = max(by_path, key=lambda s: (s[1].as_of.start, s[1].as_of.end, support(s, newer)))
            found.append(finding(rule, older[0].path, older[1].span, fields(older, newest), related=related(newest),
                                 key=f"{older[1].name}:{older[1].text}"))
    return found


def _key(f):
    return (f.location.path, f.location.span.line, f.message, f.related, f.fingerprint)


@pytest.mark.parametrize("code", ["CNR202", "CNR203"])
def test_snapshot_order_finds_what_the_former_code_found(code):
    rule = PACK.rule(code)
    compared = 0
    for seed in range(400):
        rng = random.Random(seed)
        group = tuple(_dossier(i, rng) for i in range(rng.randint(2, 14)))
        new = sorted(map(_key, snapshot_order.check(group, rule, None)))
        assert new == sorted(map(_key, _reference(group, rule))), seed
        compared += len(new)
    # the random groups do have findings to compare (fewer since a split outvoted at its date is not ordered)
    assert compared > 150
