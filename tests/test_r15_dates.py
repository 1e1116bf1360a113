"""Dates typed with dots (round 15): "Au 31.10.2024, vingt-six projets sont réalisés", as many
officers type a date. It is the same day as "31/10/2024"; a number with dots ("1.250.000 euros",
"3.4 millions") is no date. Left unread, the snapshot it dates was taken for an undated one and
compared with every other date's."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from cnr_lint.dates import find_dates
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT


@given(day=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2099, 12, 31)),
       padded=st.booleans())
def test_a_dotted_date_is_the_day_its_slashed_form_is(day: datetime.date, padded: bool) -> None:
    written = f"{day.day:02d}.{day.month:02d}.{day.year}" if padded else f"{day.day}.{day.month}.{day.year}"
    (dotted,) = find_dates(f"Au {written}, le bilan", None)
    (slashed,) = find_dates(f"Au {written.replace('.', '/')}, le bilan", None)
    assert dotted.period == slashed.period and dotted.period.start == day
    assert dotted.text == written


def test_numbers_with_dots_are_no_dates() -> None:
    assert find_dates("1.250.000 euros, soit 3.4 millions, et 12.2024 projets", None) == []


def test_a_dotted_date_dates_its_snapshot() -> None:
    text = ("# CNR santé dans le Var : 2 ans après\n\n"
            "Où en est-on ? Au 31.10.2024, vingt-six projets sont réalisés et dix-huit sont en cours.\n")
    dossier = dossier_from_bytes(text.encode(), "var-2024.md", CONTEXT)
    assert sorted((f.name, f.low, f.as_of.start) for f in dossier.figures if f.as_of) == [
        ("region.projects.in_progress", 18, datetime.date(2024, 10, 31)),
        ("region.projects.realised", 26, datetime.date(2024, 10, 31)),
    ]
