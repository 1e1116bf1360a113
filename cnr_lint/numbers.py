"""French numbers as press writing states them: "2,9 millions", "1 500", "quarante et un".

`NUMBER_PATTERN` finds one number expression; `parse_number` turns it into a value
and the precision the writer rounded to (`step`), which callers use to turn
"plus de 250" into the interval [250, 260).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cnr_lint.folding import lower

__all__ = ["NUMBER_PATTERN", "ParsedNumber", "integer_number", "parse_number"]

# Longer alternatives come first: the regex engine takes the first alternative
# that fits, and "dix" must not win over "dix-sept", nor "un" over "une".
_WORD_SEP = r"(?:\s+|-)"
_UNIT = r"(?:une|un|deux|trois|quatre|cinq|six|sept|huit|neuf)"
_TEEN = rf"(?:dix{_WORD_SEP}(?:sept|huit|neuf)|onze|douze|treize|quatorze|quinze|seize|dix)"
# Belgian and Swiss tens are accepted because text2num understands them.
_TENS = r"(?:vingt|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante)"
_TENS_AND_EIGHTY = rf"(?:quatre{_WORD_SEP}vingts?|{_TENS})"
# Loose about "et" ("quarante et deux"): text2num reads those sensibly, and
# each extra copy of the unit words makes every pattern that embeds this one
# slower to compile.
_BELOW_100 = (
    rf"(?:{_TENS_AND_EIGHTY}(?:{_WORD_SEP}(?:et{_WORD_SEP})?(?:{_TEEN}|{_UNIT}))?"
    rf"|{_TEEN}|{_UNIT})"
)
_BELOW_1000 = (
    rf"(?:(?:(?:deux|trois|quatre|cinq|six|sept|huit|neuf){_WORD_SEP})?cents?"
    rf"(?:{_WORD_SEP}{_BELOW_100})?|{_BELOW_100})"
)

# A number past 999 is a run of scaled chunks ("deux millions", "trois cent
# mille") ending with a chunk that may be unscaled. Nesting one level per
# magnitude would copy the hundreds group a dozen times, and every pattern that
# embeds this one is compiled at start-up; parse_number checks the order of the
# scales instead.
_SCALE = r"(?:milliards?|millions?|mille)"
# "3,1 M€", "250 k€", "1,2 Md€": abbreviated scales, only before the euro sign they qualify.
_SCALE_ABBREVIATION_WORD = r"(?:Mds?|M|k)"
_SCALE_ABBREVIATION = rf"{_SCALE_ABBREVIATION_WORD}(?=\s?€)"
_SCALED_CHUNK = rf"(?:{_BELOW_1000}{_WORD_SEP}{_SCALE}|mille)"
_WORDS = (
    rf"(?:(?:{_SCALED_CHUNK}{_WORD_SEP}){{0,3}}(?:{_BELOW_1000}(?:{_WORD_SEP}{_SCALE})?|mille)"
    rf"|z[ée]ro)"
)
# Checking the first word once, before the grammar, halves the scan time: the
# grammar tries its hundreds group several times before giving up on "des".
_FIRST_WORD = (
    r"(?=(?:une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
    r"|quinze|seize|vingt|trente|quarante|cinquante|soixante|septante|huitante|octante"
    r"|nonante|cents?|mille|z[ée]ro)(?!\w))"
)
# \w alone would let "vingt-cinq" match its "cinq"; the hyphen is part of words.
_WORDS_NUMBER = rf"(?<![\w-]){_FIRST_WORD}{_WORDS}(?![\w-])"

# Thousands separators as typeset in French: space, no-break space, narrow
# no-break space, thin space. Never a newline: a number does not wrap.
_THOUSANDS_SEP = "[ \u00a0\u202f\u2009]"
_DIGITS_BODY = (
    # Exactly three digits per group, so "en 2023 2 000 cas" stays two numbers.
    rf"(?:\d{{1,3}}(?:{_THOUSANDS_SEP}\d{{3}}(?!\d))+|\d+)"
)
_DIGITS_NUMBER = (
    # "2,9" must not yield a "9", and "2.9" (not French) must not yield a "2".
    rf"(?=\d)(?<!\w)(?<!\d[.,]){_DIGITS_BODY}(?:,\d+)?"
    # "3,1M€" glued, else a number ends at a word's end: "2.9" and "5km" are not numbers here.
    rf"(?:{_SCALE_ABBREVIATION}|(?!\w|[.,]\d)(?:\s+{_SCALE}(?![\w-])|\s{_SCALE_ABBREVIATION})?)"
)

# Cheap filter: a number starts with a digit or a letter that starts a number word.
NUMBER_PATTERN: str = rf"(?=[\dcdhmnoqstuvz])(?:{_DIGITS_NUMBER}|{_WORDS_NUMBER})"
"""Regex source for one number expression; only non-capturing groups, use with re.I."""

_DIGITS_PARSE_RE = re.compile(
    rf"(?P<integer>{_DIGITS_BODY})(?:,(?P<decimals>\d+))?(?:\s*(?P<multiplier>{_SCALE}|{_SCALE_ABBREVIATION_WORD}))?",
    re.IGNORECASE,
)
@functools.cache
def _words_re() -> re.Pattern[str]:
    # Compiled on first use: most runs never meet a number written in words.
    return re.compile(_WORDS, re.IGNORECASE)
_NOT_DIGIT_RE = re.compile(r"\D")
_SCALE_WORD_RE = re.compile(r"milliard|million|mille")
_WHITESPACE_RE = re.compile(r"\s+")

_MULTIPLIERS = {"mille": 10**3, "million": 10**6, "milliard": 10**9, "k": 10**3, "m": 10**6, "md": 10**9}
# Beyond this a float is meaningless and int() hits CPython's 4300-digit limit.
_MAX_DIGITS = 100
# Words text2num needs no help with, and the ones it rejects ("zero").
_SIMPLE_WORDS = {"un": 1, "une": 1, "zéro": 0, "zero": 0}


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number and the precision it was written to (one unit of its last digit)."""

    value: float
    step: float


@functools.lru_cache(maxsize=4096)
def parse_number(text: str) -> ParsedNumber | None:
    """Parse a whole number expression such as NUMBER_PATTERN matches; None if it is not one.
    (Kept per text for the run: dossiers write the same few numbers again and again.)"""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        return _parse_digits(text)
    return _parse_words(text)


def _parse_digits(text: str) -> ParsedNumber | None:
    if text.isdecimal():  # the most frequent form, "30": what the pattern below would find
        return integer_number(int(text)) if len(text) <= _MAX_DIGITS else None
    match = _DIGITS_PARSE_RE.fullmatch(text)
    if match is None:
        return None
    integer_digits = _NOT_DIGIT_RE.sub("", match["integer"])
    decimals = match["decimals"] or ""
    if len(integer_digits) + len(decimals) > _MAX_DIGITS:
        return None
    multiplier_word = match["multiplier"]
    multiplier = _MULTIPLIERS[lower(multiplier_word).rstrip("s")] if multiplier_word else 1
    if not decimals:
        return integer_number(int(integer_digits) * multiplier)
    # Exact integer arithmetic so "2,9 millions" is exactly 2900000.0.
    scaled = int(integer_digits + decimals) * multiplier
    divisor = 10 ** len(decimals)
    quotient, remainder = divmod(scaled, divisor)
    value = float(quotient) if remainder == 0 else scaled / divisor
    # Decimals state their precision explicitly: "2,90" is precise to 0,01.
    return ParsedNumber(value=value, step=multiplier / divisor)


def _parse_words(text: str) -> ParsedNumber | None:
    if _words_re().fullmatch(text) is None:
        return None
    words = _WHITESPACE_RE.sub(" ", lower(text))
    scales = [_MULTIPLIERS[scale] for scale in _SCALE_WORD_RE.findall(words)]
    if any(larger <= smaller for larger, smaller in zip(scales, scales[1:])):
        return None  # "deux mille trois millions": text2num would return a wrong value
    value = _SIMPLE_WORDS.get(words)
    if value is None:
        # Lazy: text2num costs ~20 ms to import and most files write digits.
        from text_to_num import text2num

        try:
            value = text2num(words, "fr")
        except ValueError:  # a word sequence the grammar admits but French does not
            return None
    return integer_number(value)


def integer_number(value: int) -> ParsedNumber:
    # Trailing zeros are rounding, not precision: "250" was rounded to the ten.
    digits = str(value)
    trailing_zeros = len(digits) - len(digits.rstrip("0")) if value else 0
    return ParsedNumber(value=float(value), step=float(10**trailing_zeros))


NUMBER_START_WORDS: tuple[str, ...] = (
    "une", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize", "vingt", "trente", "quarante", "cinquante",
    "soixante", "septante", "huitante", "octante", "nonante", "cent", "cents", "mille", "zéro", "zero",
)
"""Every word a number written in words can begin with: where a scan for numbers need look."""


@functools.cache
def _number_re() -> re.Pattern[str]:
    return re.compile(NUMBER_PATTERN, re.IGNORECASE)


def value_phrase(text: str) -> str | None:
    """A figure's text up to the end of its first number, its value as written: "près de 700"
    of "près de 700 participants", "trois" of "trois grands défis"; None without a number."""
    match = _number_re().search(text)
    return text[:match.end()] if match else None
