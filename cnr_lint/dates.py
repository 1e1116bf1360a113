"""French dates and periods ("lundi 3 octobre 2022", "premier trimestre 2024", "fin 2023") as intervals.

A match's `text` is the date expression itself: introducing words such as "le",
"au", "dès le", "en", "depuis" are context, not part of it. Noun phrases keep
their noun: "l'année 2023", "premier trimestre 2024", "mi-2024".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from cnr_lint.folding import lower
from cnr_lint.pickling import by_arguments

__all__ = ["DATE_PATTERN", "DateMatch", "Period", "find_dates", "may_hold_thirds", "parse_date", "weekday_name"]

_MIN_YEAR = 1900
_MAX_YEAR = 2100

_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# Abbreviations as a dateline or an agenda writes them, with their full stop: "jeu. 21 nov. 2025".
_WEEKDAY_ABBREVIATIONS = {day[:3] + ".": day for day in _WEEKDAYS}
_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
# Abbreviations as French typography writes them, with their full stop: "16 nov. 2022".
_MONTH_ABBREVIATIONS = {
    "janv.": 1, "fevr.": 2, "fev.": 2, "avr.": 4, "juil.": 7, "sept.": 9, "oct.": 10, "nov.": 11, "dec.": 12,
}  # fmt: skip
# Thirds of a month: "début décembre", "mi-novembre", "fin octobre" (the last one to the month's end).
_MONTH_THIRDS = {"debut": (1, 10), "mi": (11, 20), "fin": (21, 31)}
_RANK_WORDS = {
    "premier": 1, "deuxieme": 2, "second": 2, "troisieme": 3, "quatrieme": 4,
}  # fmt: skip
# Calendar spans of the vague periods, as (month, day) bounds within the year.
_YEAR_PARTS = {
    "debut": ((1, 1), (3, 31)),
    "mi": ((6, 1), (7, 31)),
    "fin": ((10, 1), (12, 31)),
    "printemps": ((3, 20), (6, 20)),
    "ete": ((6, 21), (9, 22)),
    "automne": ((9, 22), (12, 20)),
}
# Writers and keyboards drop accents; lookups compare unaccented lowercase.
_UNACCENT = str.maketrans("éèêûô", "eeeuo")

_SPACE = r"\s+"  # \s covers the no-break spaces of French typography
_YEAR = r"(?<!\d)(?:19\d\d|20\d\d|2100)(?!\d)"
_MONTH = (
    r"(?:(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t"
    r"|septembre|octobre|novembre|d[ée]cembre)(?!\w)|(?:janv|f[ée]vr?|avr|juil|sept|oct|nov|d[ée]c)\.)"
)
_MONTH_PART = r"(?:fin|d[ée]but|mi)"
_WEEKDAY = rf"(?:(?:{'|'.join(_WEEKDAYS)})(?!\w)|(?:{'|'.join(day[:3] for day in _WEEKDAYS)})\.)"
# "1er" before the two-digit days, so "12" is not read as "1" + junk.
_DAY = r"(?<!\d[.,])(?:1(?:er|ᵉʳ)|[12]\d|3[01]|0?[1-9])(?!\d)"
_ORDINAL_DIGIT_SUFFIX = r"(?:[eᵉ]|[èe]me)"
_QUARTER_RANK = (
    rf"(?:premier|1(?:er|ᵉʳ)|deuxi[èe]me|second|troisi[èe]me|quatri[èe]me"
    rf"|2nd|[234]{_ORDINAL_DIGIT_SUFFIX})"
)
_SEMESTER_RANK = rf"(?:premier|1(?:er|ᵉʳ)|deuxi[èe]me|second|2nd|2{_ORDINAL_DIGIT_SUFFIX})"
# Bare years are too ambiguous ("2000 personnes") without an introducing word
# ("le bilan 2023": the report of that year, which dates what it counted),
# or a year they are coordinated with ("en 2023 et 2024"); one lookbehind per
# word because Python lookbehinds must be fixed-width.
_YEAR_INTRO = (
    r"(?:(?<=\ben\s)|(?<=\bdès\s)|(?<=\bdepuis\s)"
    r"|(?<=\bbilan\s)|(?<=\b\d{4}\set\s)|(?<=\b\d{4}\sou\s))"
)

# Each alternative is wrapped in a group named after its kind so that
# `match.lastgroup` (the outermost group, which closes last) tells them apart.
_ALTERNATIVES = (
    rf"(?P<day_date>(?:(?P<weekday>{_WEEKDAY}){_SPACE})?(?P<day>{_DAY}){_SPACE}"
    # A written year outside 1900..2100 must not be replaced by the context year.
    rf"(?P<day_month>{_MONTH})(?:{_SPACE}(?P<day_year>{_YEAR})|(?!{_SPACE}\d{{4}})))",
    rf"(?P<quarter>(?:(?P<quarter_rank>{_QUARTER_RANK}){_SPACE}trimestre|T(?P<quarter_number>[1-4]))"
    rf"{_SPACE}(?P<quarter_year>{_YEAR}))",
    rf"(?P<semester>(?:(?P<semester_rank>{_SEMESTER_RANK}){_SPACE}semestre|S(?P<semester_number>[12]))"
    rf"{_SPACE}(?P<semester_year>{_YEAR}))",
    rf"(?P<year_part>(?P<part>fin|d[ée]but|mi|printemps|[ée]t[ée]|automne)(?:{_SPACE}|-)"
    rf"(?P<part_year>{_YEAR}))",
    rf"(?P<month_date>(?P<month>{_MONTH}){_SPACE}(?P<month_year>{_YEAR}))",
    rf"(?P<year_noun>(?:l['’]\s?)?ann[ée]e{_SPACE}(?P<noun_year>{_YEAR}))",
    rf"(?P<year_bare>{_YEAR_INTRO}(?P<bare_year>{_YEAR}))",
    # Rarer than the others: tried last.
    rf"(?P<numeric_date>(?:(?P<numeric_weekday>{_WEEKDAY}){_SPACE})?"
    # "25/11/2022", or with dots as many officers type it: "31.10.2024"
    rf"(?P<numeric_day>{_DAY})(?:/(?P<numeric_month>0?[1-9]|1[0-2])/|\.(?P<dotted_month>0?[1-9]|1[0-2])\.)"
    rf"(?P<numeric_year>{_YEAR}))",
    rf"(?P<month_third>(?P<third>{_MONTH_PART})(?:{_SPACE}|-)(?P<third_month>{_MONTH})"
    rf"(?:{_SPACE}(?P<third_year>{_YEAR})|(?!{_SPACE}\d{{4}})))",
)
# Every expression starts a word, with a digit or one of these letters; both
# checks reject most positions before the alternatives are tried.
_NAMED_DATE_PATTERN = rf"(?<!\w)(?=[\dadefjlmnopqstvé])(?:{'|'.join(_ALTERNATIVES)})"
@functools.cache
def _date_re() -> re.Pattern[str]:
    # Compiled on first use: a run answered from the cache never reads a date.
    return re.compile(_NAMED_DATE_PATTERN, re.IGNORECASE)
# parse_date accepts a year on its own: the caller has already chosen the text.
_YEAR_ONLY_RE = re.compile(rf"(?P<year_bare>(?P<bare_year>{_YEAR}))")
# find_dates tries the regex only at the word starts just before each run of
# digits, since every expression contains one: twice as fast on press prose as
# trying every word start, which counts over a 10,000-file corpus. Written
# "\d\d*" rather than "\d+": re skips ahead to a pattern's first character only
# when that is a plain character class, which halves the scan of digitless text.
_DIGITS_RE = re.compile(r"\d\d*")
# The first run of digits of an expression is its year ("fin 2023", "en 2023"), or a
# day, an ordinal rank or a quarter or semester number, which its month ("3 octobre",
# "1er mars"), "trimestre" or "semestre" ("2e trimestre") or its year ("T1 2024")
# follows. The leads of other runs ("30 réunions", "8,6 millions") are not tried.
@functools.cache
def _first_digits_re() -> re.Pattern[str]:
    return re.compile(
        rf"{_YEAR}|\d+(?:er|ᵉʳ|nd|{_ORDINAL_DIGIT_SUFFIX})?{_SPACE}(?:{_MONTH}|trimestre|semestre|\d)|\d\d?/\d\d?/|\d\d?\.\d\d?\.",
        re.IGNORECASE,
    )
# Read backwards from a run of digits: the part of its own word glued before it
# ("T" of "T1"), then up to two words. No expression has a longer lead than two
# words ("quatrième trimestre 2024", "l'année 2023", "Lundi 3 octobre").
_REVERSED_LEAD_RE = re.compile(r"(\w*)(?:\W+(\w+))?(?:\W+(\w+))?")
_MAX_LEAD = 40  # characters; bounds the slice that is reversed

DATE_PATTERN: str = re.sub(r"\(\?P<\w+>", "(?:", _NAMED_DATE_PATTERN)
"""Regex source for one date expression; only non-capturing groups, use with re.I."""


@by_arguments
@dataclass(frozen=True, slots=True)
class Period:
    """Inclusive range of days."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"period starts after it ends: {self.start} > {self.end}")

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def before(self, other: Period) -> bool:
        """True when this period ends strictly before the other starts."""
        return self.end < other.start


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in a text; `start`/`end` are offsets in that text."""

    start: int
    end: int
    text: str
    period: Period
    weekday: str | None  # its full name, lowercase ("jeu." is "jeudi"); checked against the date by callers
    is_day: bool
    has_year: bool


# "le jeudi 20/11", as an agenda writes it: a day and month in digits, no year. Without its
# weekday it may be anything ("20/20", "3/4 des projets"); with it, it is a day.
_WEEKDAY_DAY_MONTH = re.compile(
    rf"(?<!\w)(?P<weekday>{_WEEKDAY}){_SPACE}(?P<day>{_DAY})/(?P<month>0?[1-9]|1[0-2])(?![/\d])", re.IGNORECASE
)
NEAR_DAYS = 120  # how far from the dossier's own day a day without its year may be, to take its year


def find_weekday_days(text: str, around: date) -> list[DateMatch]:
    """The days of the text written "jeudi 20/11", each of the year that puts it nearest
    `around` (the dossier's publication: "jeudi 05/12" in a dossier of November 2024 is in
    2024, "mardi 14/01" in 2025), when that is within NEAR_DAYS days; else which year is meant
    is not known, and it is no date."""
    found = []
    for match in _WEEKDAY_DAY_MONTH.finditer(text) if "/" in text else ():
        days = []
        for year in (around.year - 1, around.year, around.year + 1):
            try:
                days.append(date(year, int(match["month"]), int(match["day"])))
            except ValueError:  # 31/02; 29/02 of a common year
                continue
        nearest = min(days, key=lambda day: abs(day - around), default=None)
        if nearest is None or abs(nearest - around).days > NEAR_DAYS:
            continue
        found.append(DateMatch(match.start(), match.end(), match.group(), Period(nearest, nearest),
                               _weekday(match["weekday"]), is_day=True, has_year=False))
    return found


def weekday_name(d: date) -> str:
    """French lowercase weekday name: weekday_name(date(2022, 10, 3)) == "lundi"."""
    return _WEEKDAYS[d.weekday()]


# Where a third of a month may start: its word ("mi", "fin", "début") then a space of any kind or
# a hyphen, as the date pattern itself reads it ("mi-novembre", "fin\u00a0octobre"). One search
# of the folded text, far cheaper than trying the date pattern everywhere; most texts hold none.
# A third without its year is the one date with no digit.
_THIRD_START = re.compile(rf"{_MONTH_PART}(?:\s|-)")


# A third's word (_MONTH_PART, at a word's start), then a month's first letters: enough to tell
# a text that may hold one. The word's start is tested after its first letter, (?<!\w.) there
# being (?<!\w) before it: a pattern that starts with a letter lets re skip to where one of its
# first letters stands, where a leading lookbehind is tried at every position (3 times slower).
_THIRD_HINT = re.compile(
    r"(?:f(?<!\w.)in|d(?<!\w.)[ée]but|m(?<!\w.)i)(?:\s+|-)"
    r"(?:janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]|sept|oct|nov|d[ée]c)"
)


def may_hold_thirds(text: str) -> bool:
    """Whether the text may hold a third of a month without its year: one test for a whole
    document, rather than one per block."""
    return _THIRD_HINT.search(lower(text)) is not None


def _third_starts(text: str) -> list[int]:
    folded = lower(text)
    if len(folded) != len(text):  # a letter whose lower case is longer: offsets would shift
        folded = text
    return [
        found.start() for found in _THIRD_START.finditer(folded)
        if found.start() == 0 or not folded[found.start() - 1].isalnum()
    ]


def find_dates(text: str, context_year: int | None, thirds: bool = True) -> list[DateMatch]:
    """All date and period expressions in `text`, in order, non-overlapping.

    A day written without its year ("4 novembre") takes `context_year`, and is
    skipped when that is None. Impossible dates ("31 février") are skipped.
    `thirds=False` says the text holds no third of a month without its year (see
    `may_hold_thirds`): it is not looked for.
    """
    found = _dates_with_digits(text, context_year)
    if thirds and context_year is not None:
        thirds = []
        for start in _third_starts(text):
            match = _date_re().match(text, start)
            if match is not None and match.lastgroup == "month_third":
                third = _to_date_match(match, context_year)
                if third is not None and not any(d.start < third.end and third.start < d.end for d in found):
                    thirds.append(third)
        if thirds:
            found = sorted(found + thirds, key=lambda d: d.start)
    return found


def _dates_with_digits(text: str, context_year: int | None) -> list[DateMatch]:
    found: list[DateMatch] = []
    covered = 0  # end of the last expression: expressions never overlap
    for digits in _DIGITS_RE.finditer(text):
        first_digit = digits.start()
        if first_digit < covered or not _first_digits_re().match(text, first_digit):
            continue
        for start in _candidate_starts(text, max(covered, first_digit - _MAX_LEAD), first_digit):
            match = _date_re().match(text, start)
            if match is not None:
                covered = match.end()
                date_match = _to_date_match(match, _range_year(text, match) or context_year)
                if date_match is not None:
                    found.append(date_match)
                break
    return found


# "du mardi 6 février au jeudi 23 mai 2024": the first day of a range takes the year of the last.
_RANGE_LINK = re.compile(r"\s+(?:au|à|et|jusqu'au)\s+(?:le\s+)?|\s*[-–]\s*")


def _range_year(text: str, match: re.Match[str]) -> int | None:
    """The year of the day that ends a range a yearless day starts, if it is written."""
    if match.lastgroup != "day_date" or match["day_year"]:
        return None
    link = _RANGE_LINK.match(text, match.end())
    end = _date_re().match(text, link.end()) if link else None
    if end is None or end.lastgroup != "day_date" or not end["day_year"]:
        return None
    return int(end["day_year"])


def _candidate_starts(text: str, window_start: int, first_digit: int) -> list[int]:
    """Starts of the last two words before `first_digit` and of its own word, leftmost first.

    A start cut by `window_start` may fall mid-word; the pattern's (?<!\\w) rejects it.
    """
    lead = _REVERSED_LEAD_RE.match(text[window_start:first_digit][::-1])
    assert lead is not None  # every group is optional
    return [first_digit - lead.end(group) for group in (3, 2, 1) if lead.group(group) is not None]


def parse_date(text: str, context_year: int | None) -> DateMatch | None:
    """The date expression that is the whole of `text` (surrounding blanks aside), or None.

    A bare year ("2023") is accepted here, though find_dates wants it introduced
    ("en 2023"): whoever calls this has already decided the text is a date.
    """
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    match = _date_re().fullmatch(text, start, end) or _YEAR_ONLY_RE.fullmatch(text, start, end)
    return None if match is None else _to_date_match(match, context_year)


def _to_date_match(match: re.Match[str], context_year: int | None) -> DateMatch | None:
    kind = match.lastgroup
    weekday: str | None = None
    if kind == "day_date":
        year_text = match["day_year"]
        year = int(year_text) if year_text else context_year
        if year is None or not _MIN_YEAR <= year <= _MAX_YEAR:
            return None
        try:
            day = date(year, _month(match["day_month"]), _leading_number(match["day"]))
        except ValueError:  # 31 février, 29 février of a common year
            return None
        period = Period(day, day)
        if match["weekday"]:
            weekday = _weekday(match["weekday"])
    elif kind == "numeric_date":
        try:
            day = date(int(match["numeric_year"]), int(match["numeric_month"] or match["dotted_month"]),
                       int(match["numeric_day"]))
        except ValueError:
            return None
        period = Period(day, day)
        if match["numeric_weekday"]:
            weekday = _weekday(match["numeric_weekday"])
    elif kind == "month_third":
        year = int(match["third_year"]) if match["third_year"] else context_year
        if year is None:
            return None
        month = _month(match["third_month"])
        first, last = _MONTH_THIRDS[_fold(match["third"])]
        last_day = _months(year, month, month).end.day
        period = Period(date(year, month, first), date(year, month, min(last, last_day)))
    elif kind == "month_date":
        month = _month(match["month"])
        period = _months(int(match["month_year"]), month, month)
    elif kind == "quarter":
        quarter = _rank(match["quarter_rank"] or match["quarter_number"])
        period = _months(int(match["quarter_year"]), 3 * quarter - 2, 3 * quarter)
    elif kind == "semester":
        semester = _rank(match["semester_rank"] or match["semester_number"])
        period = _months(int(match["semester_year"]), 6 * semester - 5, 6 * semester)
    elif kind == "year_part":
        year = int(match["part_year"])
        (start_month, start_day), (end_month, end_day) = _YEAR_PARTS[_fold(match["part"])]
        period = Period(date(year, start_month, start_day), date(year, end_month, end_day))
    else:
        year = int(match["noun_year" if kind == "year_noun" else "bare_year"])
        period = Period(date(year, 1, 1), date(year, 12, 31))
    return DateMatch(
        start=match.start(),
        end=match.end(),
        text=match.group(),
        period=period,
        weekday=weekday,
        is_day=kind in ("day_date", "numeric_date"),
        has_year=(kind != "day_date" or match["day_year"] is not None)
        and (kind != "month_third" or match["third_year"] is not None),
    )


def _month(word: str) -> int:
    folded = _fold(word)
    return _MONTHS.get(folded) or _MONTH_ABBREVIATIONS[folded]


def _weekday(word: str) -> str:
    """The weekday's full name, lowercase: "Jeu." -> "jeudi"."""
    folded = _fold(word)
    return _WEEKDAY_ABBREVIATIONS.get(folded, folded)


def _fold(word: str) -> str:
    return lower(word).translate(_UNACCENT)


def _leading_number(text: str) -> int:
    """The digits a day or rank starts with: "1er" -> 1, "31" -> 31."""
    end = 0
    while end < len(text) and text[end].isdigit():
        end += 1
    return int(text[:end])


def _rank(text: str) -> int:
    """Ordinal as written: "premier" -> 1, "2e" -> 2, "3" (from "T3") -> 3."""
    return _leading_number(text) if text[0].isdigit() else _RANK_WORDS[_fold(text)]


def _months(year: int, first_month: int, last_month: int) -> Period:
    """From the first day of `first_month` to the last day of `last_month`."""
    after_last = date(year + last_month // 12, last_month % 12 + 1, 1)
    return Period(date(year, first_month, 1), after_last - timedelta(days=1))
