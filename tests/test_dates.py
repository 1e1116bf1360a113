from __future__ import annotations

import re
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnr_lint.dates import DATE_PATTERN, DateMatch, Period, find_dates, parse_date, weekday_name

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
          "août", "septembre", "octobre", "novembre", "décembre"]  # fmt: skip
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)


def day(year: int, month: int, day_of_month: int) -> Period:
    return Period(date(year, month, day_of_month), date(year, month, day_of_month))


def span(start: tuple[int, int, int], end: tuple[int, int, int]) -> Period:
    return Period(date(*start), date(*end))


def test_period_relations() -> None:
    q1 = span((2024, 1, 1), (2024, 3, 31))
    march = span((2024, 3, 1), (2024, 3, 31))
    april = span((2024, 4, 1), (2024, 4, 30))
    assert q1.overlaps(march) and march.overlaps(q1)
    assert not q1.overlaps(april)
    assert q1.before(april) and not april.before(q1)
    assert not q1.before(march)  # they share March
    with pytest.raises(ValueError):
        span((2024, 2, 1), (2024, 1, 1))


def test_weekday_name() -> None:
    assert weekday_name(date(2022, 10, 3)) == "lundi"
    assert weekday_name(date(2023, 11, 12)) == "dimanche"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2080, 12, 31)))
def test_written_day_round_trip(d: date) -> None:
    weekday = weekday_name(d).capitalize()
    day_text = "1er" if d.day == 1 else str(d.day)
    text = f"{weekday} {day_text} {MONTHS[d.month - 1]} {d.year}"
    parsed = parse_date(text, None)
    assert parsed == DateMatch(0, len(text), text, Period(d, d), weekday.lower(), is_day=True, has_year=True)
    sentence = f"Le comité s'est réuni le {text}, puis a rendu son avis."
    assert find_dates(sentence, None) == [
        DateMatch(25, 25 + len(text), text, Period(d, d), weekday.lower(), is_day=True, has_year=True)
    ]


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2080, 12, 31)), st.booleans())
def test_a_weekday_before_a_numeric_date_is_read_with_it(d: date, padded: bool) -> None:
    weekday = weekday_name(d)
    text = f"{weekday} {d.day:02d}/{d.month:02d}/{d.year}" if padded else f"{weekday} {d.day}/{d.month}/{d.year}"
    sentence = f"Réunion publique le {text} à Colmar."
    assert find_dates(sentence, None) == [DateMatch(20, 20 + len(text), text, Period(d, d), weekday, is_day=True, has_year=True)]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("3 octobre 2022", day(2022, 10, 3)),
        ("1er décembre 2024", day(2024, 12, 1)),
        ("1ᵉʳ mars 2021", day(2021, 3, 1)),
        ("29 février 2024", day(2024, 2, 29)),
        ("12 Aout 2020", day(2020, 8, 12)),
        ("5\u00a0decembre\u202f2019", day(2019, 12, 5)),
        ("novembre 2023", span((2023, 11, 1), (2023, 11, 30))),
        ("février 2024", span((2024, 2, 1), (2024, 2, 29))),
        ("l'année 2023", span((2023, 1, 1), (2023, 12, 31))),
        ("l’année 2023", span((2023, 1, 1), (2023, 12, 31))),
        ("année 2023", span((2023, 1, 1), (2023, 12, 31))),
        ("2023", span((2023, 1, 1), (2023, 12, 31))),
        ("premier trimestre 2024", span((2024, 1, 1), (2024, 3, 31))),
        ("1er trimestre 2024", span((2024, 1, 1), (2024, 3, 31))),
        ("deuxième trimestre 2024", span((2024, 4, 1), (2024, 6, 30))),
        ("second trimestre 2024", span((2024, 4, 1), (2024, 6, 30))),
        ("3e trimestre 2024", span((2024, 7, 1), (2024, 9, 30))),
        ("troisième trimestre 2024", span((2024, 7, 1), (2024, 9, 30))),
        ("quatrième trimestre 2024", span((2024, 10, 1), (2024, 12, 31))),
        ("T4 2024", span((2024, 10, 1), (2024, 12, 31))),
        ("premier semestre 2024", span((2024, 1, 1), (2024, 6, 30))),
        ("second semestre 2024", span((2024, 7, 1), (2024, 12, 31))),
        ("S2 2024", span((2024, 7, 1), (2024, 12, 31))),
        ("fin 2023", span((2023, 10, 1), (2023, 12, 31))),
        ("début 2024", span((2024, 1, 1), (2024, 3, 31))),
        ("Debut 2024", span((2024, 1, 1), (2024, 3, 31))),
        ("mi-2024", span((2024, 6, 1), (2024, 7, 31))),
        ("été 2022", span((2022, 6, 21), (2022, 9, 22))),
        ("printemps 2022", span((2022, 3, 20), (2022, 6, 20))),
        ("automne 2022", span((2022, 9, 22), (2022, 12, 20))),
    ],
)
def test_periods(text: str, period: Period) -> None:
    parsed = parse_date(text, None)
    assert parsed is not None, text
    assert (parsed.text, parsed.period, parsed.weekday) == (text, period, None)
    assert parsed.is_day == (period.start == period.end)
    assert parsed.has_year
    assert DATE_RE.fullmatch(text) or text == "2023"  # a bare year needs "en" in running text


@pytest.mark.parametrize(
    "text",
    ["31 février 2023", "29 février 2023", "31 avril 2024", "32 mai 2024", "3 octobre 1850",
     "mai 1899", "en 2101", "4 novembre", "trimestre 2024", "cinquième trimestre 2024", ""],
)  # fmt: skip
def test_rejects(text: str) -> None:
    assert parse_date(text, None) is None


def test_day_without_year_takes_context_year() -> None:
    parsed = parse_date("4 novembre", 2023)
    assert parsed is not None
    assert (parsed.period, parsed.has_year, parsed.is_day) == (day(2023, 11, 4), False, True)
    # an explicit year that is out of range is not replaced by the context year
    assert find_dates("le 3 octobre 1850", 2023) == []


def test_announcement_date() -> None:
    text = "Plus d'un an après le lancement du CNR, au 8 novembre 2023, le premier bilan comptabilise 14 projets"
    (found,) = find_dates(text, None)
    assert found == DateMatch(43, 58, "8 novembre 2023", day(2023, 11, 8), None, is_day=True, has_year=True)
    assert text[found.start : found.end] == "8 novembre 2023"


def test_year_of_a_review() -> None:
    text = "A 1 an du lancement de la démarche, sur l'année 2023, le premier bilan"
    (found,) = find_dates(text, None)
    assert (found.text, found.period, found.is_day) == ("l'année 2023", span((2023, 1, 1), (2023, 12, 31)), False)
    assert text[found.start : found.end] == found.text


def test_day_without_year_and_a_quarter() -> None:
    text = (
        "dès le 14 novembre dans les Hautes-Alpes et aboutira, comme l'année précédente, "
        "à une restitution au cours du premier trimestre 2024"
    )
    first, second = find_dates(text, 2023)
    assert (first.text, first.period, first.has_year, first.is_day) == ("14 novembre", day(2023, 11, 14), False, True)
    assert (second.text, second.period, second.has_year) == (
        "premier trimestre 2024",
        span((2024, 1, 1), (2024, 3, 31)),
        True,
    )
    assert [text[d.start : d.end] for d in (first, second)] == [first.text, second.text]
    # without a context year the day cannot be placed, and is skipped
    assert [d.text for d in find_dates(text, None)] == ["premier trimestre 2024"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2 nouveaux postes seront créés en 2024.", ["2024"]),
        ("depuis 2019, et dès 2025", ["2019", "2025"]),
        ("jusqu’en 2025", ["2025"]),
        ("expérimentée à partir de l'été 2022, est pérennisée en 2023 et 2024", ["été 2022", "2023", "2024"]),
        # a number that merely looks like a year is not one without "en", "depuis", "dès"
        ("2000 personnes et 2 024 doses", []),
        ("Lundi 3 octobre 2022 puis le mardi 4 octobre 2022", ["Lundi 3 octobre 2022", "mardi 4 octobre 2022"]),
        ("du 3 au 5 mars 2021", ["5 mars 2021"]),
        ("le 31 février 2023, en novembre 2023", ["novembre 2023"]),
        ("à la mi-novembre 2023", ["mi-novembre 2023"]),  # a third of the month (issue 10)
        ("3 maisons ont ouvert en 2020", ["2020"]),
        ("quatrième\u00a0trimestre 2021 et 2e semestre 2022", ["quatrième\u00a0trimestre 2021", "2e semestre 2022"]),
    ],
)
def test_finds_in_prose(text: str, found: list[str]) -> None:
    assert [d.text for d in find_dates(text, None)] == found


def test_pattern_has_no_capturing_groups() -> None:
    assert re.compile(DATE_PATTERN).groups == 0


def test_pattern_embeds_in_a_larger_pattern() -> None:
    embedded = re.compile(rf"au\s+(?P<date>{DATE_PATTERN}),", re.IGNORECASE)
    match = embedded.search("Plus d'un an après, au 8 novembre 2023, le premier bilan")
    assert match is not None and match.group("date") == "8 novembre 2023"


TOKENS = ["le", "Lundi", "mardi", "3", "1er", "31", "14", "octobre", "février", "mai", "2023", "1850",
          "20222", "en", "depuis", "dès", "l'année", "année", "premier", "trimestre", "semestre", "second",
          "T2", "S1", "fin", "début", "mi-2024", "été", "2,5", "projets", ",", "au", "maisons", "et"]  # fmt: skip


@given(
    st.lists(
        st.tuples(st.sampled_from(TOKENS), st.sampled_from([" ", "  ", "\u00a0", "\n", "-", "'"])),
        max_size=14,
    ),
    st.one_of(st.none(), st.integers(min_value=1990, max_value=2030)),
)
def test_find_dates_agrees_with_scanning_every_position(
    tokens: list[tuple[str, str]], context_year: int | None
) -> None:
    # find_dates only looks near digits for speed; it must find what a plain scan finds.
    text = "".join(token + separator for token, separator in tokens)
    expected = []
    for match in DATE_RE.finditer(text):
        parsed = parse_date(match.group(), context_year)
        if parsed is not None:
            expected.append((match.start(), match.group(), parsed.period))
    assert [(d.start, d.text, d.period) for d in find_dates(text, context_year)] == expected


def test_long_text_is_fast() -> None:
    paragraph = (
        "Plus d'un an après le lancement du CNR, au 8 novembre 2023, le premier bilan comptabilise "
        "14 projets et 2,9 millions de personnes, avec une restitution au premier trimestre 2024. "
    )
    text = paragraph * 2000  # about 350 kB
    started = time.perf_counter()
    found = find_dates(text, None)
    assert len(found) == 4000
    assert time.perf_counter() - started < 2


def test_the_letters_the_regex_engine_folds_are_all_known() -> None:
    """folding.lower must map every letter re.IGNORECASE takes for a letter of a French date word
    but str.lower() does not lower to it; derived from the engine itself."""
    from cnr_lint.folding import REGEX_CASE_EQUIVALENTS, lower

    letters = "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùü"
    every_character = "".join(chr(c) for c in range(0x80, 0x30000) if not 0xD800 <= c <= 0xDFFF)
    matched = re.findall(f"[{letters}]", every_character, re.IGNORECASE)
    odd = {c for c in matched if c.lower() not in letters}
    assert odd == set(REGEX_CASE_EQUIVALENTS)
    assert all(lower(c) in letters for c in odd)


@pytest.mark.parametrize("text", ["avrıl 2023", "le 3 ſeptembre 2023", "fın 2023", "premıer trimestre 2024", "AVRİL 2023"])
def test_dates_with_letters_the_regex_engine_folds(text: str) -> None:
    plain = text.replace("ı", "i").replace("ſ", "s").replace("İ", "I")
    assert [d.period for d in find_dates(text, None)] == [d.period for d in find_dates(plain, None)] != []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("début décembre 2022", date(2022, 12, 1), date(2022, 12, 10)),
        ("à la mi-novembre 2022", date(2022, 11, 11), date(2022, 11, 20)),
        ("fin octobre 2022", date(2022, 10, 21), date(2022, 10, 31)),
        ("fin février 2024", date(2024, 2, 21), date(2024, 2, 29)),
        ("fin novembre", date(2023, 11, 21), date(2023, 11, 30)),  # the context year
        ("Mi-novembre", date(2023, 11, 11), date(2023, 11, 20)),
    ],
)
def test_thirds_of_a_month(text: str, start: date, end: date) -> None:
    [found] = find_dates(text, 2023)
    assert (found.period.start, found.period.end, found.is_day) == (start, end, False)


def test_a_third_of_a_month_without_year_or_context_is_no_date() -> None:
    assert find_dates("fin novembre", None) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 16 nov. 2022", date(2022, 11, 16)),
        ("le 3 janv. 2023", date(2023, 1, 3)),
        ("Mercredi 7 déc. 2022", date(2022, 12, 7)),
        ("le 25/11/2022", date(2022, 11, 25)),
        ("le 1/2/2023", date(2023, 2, 1)),
    ],
)
def test_abbreviated_and_numeric_days(text: str, expected: date) -> None:
    [found] = find_dates(text, None)
    assert found.period == Period(expected, expected) and found.is_day and found.has_year


@pytest.mark.parametrize("text", ["le 31/02/2022", "les sept projets", "page 25/11", "1/13/2022"])
def test_what_is_not_an_abbreviated_or_numeric_day(text: str) -> None:
    assert [d for d in find_dates(text, 2023) if d.is_day] == []


@settings(max_examples=80, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_numeric_dates_round_trip(d: date) -> None:
    [found] = find_dates(f"le {d.day:02d}/{d.month:02d}/{d.year}", None)
    assert found.period == Period(d, d)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("du mardi 6 février au jeudi 23 mai 2024", [date(2024, 2, 6), date(2024, 5, 23)]),
        ("le 4 novembre et le 8 décembre 2022", [date(2022, 11, 4), date(2022, 12, 8)]),
    ],
)
def test_the_first_day_of_a_range_takes_the_year_of_the_last(text: str, expected: list[date]) -> None:
    assert [d.period.start for d in find_dates(text, 2023)] == expected


_THIRD_TEXT = st.lists(st.sampled_from(["fin", "début", "debut", "mi", "f", "d", "m", "in", "-", " ", "\n", "\xa0",
                                        "nov", "févr", "juil", "a", "é", "_", "1", "'"]), max_size=10).map("".join)


@given(_THIRD_TEXT)
def test_the_third_hint_finds_a_third_word_at_a_word_start_then_a_month(text):
    """dates._THIRD_HINT tests the word's start after its first letter (for speed): it finds what
    the plain form, a lookbehind then the words, finds."""
    from cnr_lint import dates

    assert dates._MONTH_PART == r"(?:fin|d[ée]but|mi)", "the hint spells the words of _MONTH_PART"
    plain = re.compile(rf"(?<!\w){dates._MONTH_PART}(?:\s+|-)"
                       r"(?:janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]|sept|oct|nov|d[ée]c)")
    assert (dates._THIRD_HINT.search(text) is None) == (plain.search(text) is None)
    for start in range(len(text) + 1):  # and from every position, as a search from a block's middle would
        assert (dates._THIRD_HINT.search(text, start) is None) == (plain.search(text, start) is None)
