from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from num2words import num2words

from cnr_lint.numbers import NUMBER_PATTERN, ParsedNumber, parse_number

NUMBER_RE = re.compile(NUMBER_PATTERN, re.IGNORECASE)
THOUSANDS_SEPARATORS = [" ", "\u00a0", "\u202f"]


def found(text: str) -> list[str]:
    return [m.group() for m in NUMBER_RE.finditer(text)]


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        # digits; integers are precise to their last non-zero digit
        ("41", 41, 1),
        ("700", 700, 100),
        ("250", 250, 10),
        ("3000", 3000, 1000),
        ("0", 0, 1),
        ("1 500", 1500, 100),
        ("1\u00a0501", 1501, 1),
        ("12\u202f000\u00a0000", 12_000_000, 1_000_000),
        ("2 900 000", 2_900_000, 100_000),
        # decimals are precise to their last written decimal
        ("2,9", 2.9, 0.1),
        ("1,50", 1.5, 0.01),
        ("0,05", 0.05, 0.01),
        ("2,9 millions", 2_900_000, 100_000),
        ("2,95 millions", 2_950_000, 10_000),
        ("2,90 millions", 2_900_000, 10_000),
        ("2 millions", 2_000_000, 1_000_000),
        ("12 milliards", 12_000_000_000, 1_000_000_000),
        ("1,2 milliard", 1_200_000_000, 100_000_000),
        ("5 mille", 5000, 1000),
        ("3 Millions", 3_000_000, 1_000_000),
        # words
        ("un", 1, 1),
        ("une", 1, 1),
        ("zéro", 0, 1),
        ("quatre", 4, 1),
        ("six", 6, 1),
        ("dix", 10, 10),
        ("dix-sept", 17, 1),
        ("vingt-cinq", 25, 1),
        ("quarante et un", 41, 1),
        ("vingt et une", 21, 1),
        ("soixante-dix-sept", 77, 1),
        ("soixante et onze", 71, 1),
        ("quatre-vingts", 80, 10),
        ("quatre-vingt-dix-neuf", 99, 1),
        ("cent", 100, 100),
        ("sept cents", 700, 100),
        ("deux cents", 200, 100),
        ("mille", 1000, 1000),
        ("trois mille deux cent cinquante", 3250, 10),
        ("deux millions", 2_000_000, 1_000_000),
        ("un million deux cent mille", 1_200_000, 100_000),
        ("Quarante  et\u00a0un", 41, 1),
        ("septante-cinq", 75, 1),
    ],
)
def test_parses_value_and_step(text: str, value: float, step: float) -> None:
    assert NUMBER_RE.fullmatch(text), text
    assert parse_number(text) == ParsedNumber(value=value, step=step)


def test_integral_value_is_an_int_valued_float() -> None:
    number = parse_number("2,9 millions")
    assert number is not None
    assert number.value == 2_900_000 and type(number.value) is float and number.value.is_integer()
    decimal = parse_number("2,9")
    assert decimal is not None and not decimal.value.is_integer()


@pytest.mark.parametrize(
    ("text", "value", "step"), [("3,1 M", 3_100_000, 100_000), ("250 k", 250_000, 10_000), ("1,2 Md", 1.2e9, 1e8)]
)
def test_abbreviated_scales(text: str, value: float, step: float) -> None:
    assert parse_number(text) == ParsedNumber(value, step)


def test_surrounding_blanks_are_ignored() -> None:
    assert parse_number("  1 500\n") == ParsedNumber(1500.0, 100.0)


@pytest.mark.parametrize("text", ["", "abc", "deux trois", "cent cents", "2.9", "1er", "quatre-", "2,9 Mo"])
def test_rejects_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("le premier bilan comptabilise 14 projets", ["14"]),
        ("soit 2,9 millions de personnes", ["2,9 millions"]),
        # a thousands group has exactly three digits: two numbers side by side stay apart
        ("en 2023 2 000 cas", ["2023", "2 000"]),
        ("1 5000 doses", ["1", "5000"]),
        ("de 1 500 à 2 000", ["1 500", "2 000"]),
        ("vingt-cinq départements", ["vingt-cinq"]),
        ("quarante et un projets et deux autres", ["quarante et un", "deux"]),
        ("soixante-dix-sept communes", ["soixante-dix-sept"]),
        ("deux trois", ["deux", "trois"]),
        # parts of words and of other tokens are not numbers
        ("les deux-roues, le 1er, le 3e, H1N1, la vingtaine, centaine", []),
        ("2.9", []),
        ("mille-feuilles", []),
        ("les millions d'euros", []),
        # an abbreviated scale only before the euro sign: "3,1 M€", not "3,1 M de visiteurs"
        ("3,1 M€ et 250 k€, 1,2 Md€", ["3,1 M", "250 k", "1,2 Md"]),
        ("3,1 M de visiteurs, 5 km", ["3,1", "5"]),
    ],
)
def test_finds_numbers_in_prose(text: str, numbers: list[str]) -> None:
    assert found(text) == numbers


def test_pattern_has_no_capturing_groups() -> None:
    assert re.compile(NUMBER_PATTERN).groups == 0


@given(st.integers(min_value=0, max_value=999_999_999))
@example(71)
@example(80)
@example(81)
@example(91)
@example(180_000)
@example(1_000_000)
@example(200_000_000)
@example(999_999_999)
def test_num2words_round_trip(n: int) -> None:
    words = num2words(n, lang="fr")
    assert NUMBER_RE.fullmatch(words), words
    number = parse_number(words)
    assert number is not None and number.value == n
    assert found(f"soit {words} personnes") == [words]


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(THOUSANDS_SEPARATORS))
def test_digits_with_thousands_separators_round_trip(n: int, separator: str) -> None:
    text = f"{n:,}".replace(",", separator)
    assert NUMBER_RE.fullmatch(text), text
    assert found(f"au total {text} cas") == [text]
    number = parse_number(text)
    assert number is not None and number.value == n
    trailing_zeros = len(str(n)) - len(str(n).rstrip("0")) if n else 0
    assert number.step == 10**trailing_zeros


@given(
    st.integers(min_value=0, max_value=999),
    st.text(alphabet="0123456789", min_size=1, max_size=4),
    st.sampled_from([("", 1), (" millions", 10**6), (" milliards", 10**9)]),
)
def test_decimals_round_trip(integer: int, decimals: str, multiplier: tuple[str, int]) -> None:
    word, factor = multiplier
    number = parse_number(f"{integer},{decimals}{word}")
    assert number is not None
    assert number.value == pytest.approx(float(f"{integer}.{decimals}") * factor)
    assert number.step == pytest.approx(factor / 10 ** len(decimals))


def test_huge_input_is_safe_and_fast() -> None:
    huge = "1" * 200_000
    started = time.perf_counter()
    result = parse_number(huge)
    assert result is None or result.value > 0
    parse_number(huge + ",5 millions")  # must not raise
    assert len(found(huge)) == 1
    assert len(found("vingt " * 20_000)) == 20_000
    assert time.perf_counter() - started < 2


def test_digits_do_not_import_text2num() -> None:
    # Start-up time matters: text2num loads only for numbers written in words.
    code = (
        "import sys\n"
        "from cnr_lint.numbers import parse_number\n"
        "parse_number('2,9 millions')\n"
        "assert 'text_to_num' not in sys.modules\n"
        "parse_number('vingt-cinq')\n"
        "assert 'text_to_num' in sys.modules\n"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=root)


@given(
    st.integers(min_value=1, max_value=999),
    st.text(alphabet="0123456789", max_size=2),
    st.sampled_from([("k", 10**3), ("M", 10**6), ("Md", 10**9)]),
    st.sampled_from(["", " "]),
)
def test_abbreviated_scales_before_the_euro_sign_round_trip(integer: int, decimals: str, scale, space: str) -> None:
    abbreviation, factor = scale
    written = f"{integer},{decimals}" if decimals else str(integer)
    [number_text] = found(f"budget : {written}{space}{abbreviation}€ engagé")
    number = parse_number(number_text)
    expected = (int(str(integer) + decimals) * factor) / 10 ** len(decimals)
    assert number is not None and number.value == pytest.approx(expected)
