"""The shortcuts that make extraction fast find what the plain searches they stand for find.

Each shortcut is checked against the plain search, written out here:
- `patterns.prefix_tree` against the set of words it is built from;
- the number scan (start words factored by prefix, first characters tested first) against the
  flat alternation of the start words;
- find_dates, which skips the runs of digits that start no expression, against trying every run;
- figure and list patterns tried only where their text after {n} follows the number
  (`CompiledProfile.followers`), against every pattern tried on every number;
- sentence bounds found from the punctuation and looked up by bisection, against a lookbehind
  and a linear search;
- page numbers and numbered headers looked for only on the lines that end in a digit or a
  dash, against every line tried;
- a block's span found with both its ends at once, against each end looked up alone.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cnr_lint import dates, extract, patterns
from cnr_lint.numbers import NUMBER_START_WORDS
from cnr_lint.pack import load_packs
from cnr_lint.parse import parse
from cnr_lint.pipeline import Context
from cnr_lint.read import Source, decode, read_path

REPO = Path(__file__).resolve().parents[1]
CONTEXT = Context(load_packs())
PROFILE = CONTEXT.profile
EQUIVALENCE = settings(
    max_examples=300,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the shared tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_NUMBER_FRAGMENTS = [
    "un", "une", "UNE", "deux", "dix", "dix-sept", "dix sept", "vingt", "quatre-vingts", "cent", "cents",
    "mille", "millions", "zéro", "zero", "près de", "plus d'", "plus de", "au-delà de", "au moins",
    "un peu plus de", "moins d'", "une dizaine de", "une centaine", "12", "1 500", "1\u00a0500", "2,9",
    "2.9", "000", "-", "x", "é", "ſix", "K", "'", ",", ".", " ", " ", "  ", "\n", "participants",
]  # fmt: skip

# Date expressions of every form, their parts drawn apart, and what surrounds them in prose.
# A long space puts what comes before a year out of reach of its lead: a day, a rank or a quarter
# number must then be tried from its own digits.
_SPACES = st.sampled_from([" ", " ", "  ", "\u00a0", "\n", "", " " * 45])
_YEARS = st.sampled_from(["2023", "1999", "2100", "2101", "20233", "٢٠٢٣", "203"])
_DATE_PARTS = st.one_of(
    st.tuples(
        st.sampled_from(["", "lundi ", "Dimanche "]),
        st.sampled_from(["1", "1er", "1ᵉʳ", "01", "9", "12", "31", "32", "0"]),
        _SPACES,
        st.sampled_from(["janvier", "Février", "AOÛT", "decembre", "mars"]),
        st.sampled_from(["", " 2023", " 2101"]),
    ),
    st.tuples(
        st.sampled_from(["premier", "1er", "2e", "2ᵉ", "3ème", "3eme", "2nd", "5e", "second", "Quatrième"]),
        _SPACES,
        st.sampled_from(["trimestre", "semestre", "Trimestre"]),
        _SPACES,
        _YEARS,
    ),
    st.tuples(st.sampled_from(["T", "t", "S", "s"]), st.sampled_from(["1", "2", "4", "5"]), _SPACES, _YEARS),
    st.tuples(
        st.sampled_from(["fin", "début", "mi", "été", "automne", "mars", "l'année", "l’ année", "année"]),
        _SPACES,
        _YEARS,
    ),
    st.tuples(st.sampled_from(["en", "dès", "depuis", "2022 et", "2022 ou", "le", "au"]), _SPACES, _YEARS),
    st.sampled_from(["30 réunions", "8,6", "750", "x", "-", ",", ".", " et ", "\n"]).map(lambda text: (text,)),
).map("".join)


def _texts(fragments) -> st.SearchStrategy[str]:
    parts = fragments if isinstance(fragments, st.SearchStrategy) else st.sampled_from(fragments)
    return st.lists(parts, max_size=24).map("".join)


@EQUIVALENCE
@given(st.sets(st.text(alphabet="ab-é", max_size=4), max_size=6), st.text(alphabet="ab-é", max_size=5))
def test_prefix_tree_matches_exactly_its_words(words, probe):
    assert bool(re.fullmatch(patterns.prefix_tree(words), probe)) == (probe in words)


@EQUIVALENCE
@given(_texts(_NUMBER_FRAGMENTS))
def test_number_scan_finds_what_the_flat_alternation_finds(text):
    q = PROFILE.profile.qualifiers
    first_words = {w.split()[0].rstrip("'")
                   for w in (*q.approximately.words, *q.nearly.words, *q.more_than.words, *q.less_than.words)}
    starts = sorted({*NUMBER_START_WORDS, *first_words}, key=len, reverse=True)
    plain = re.compile(
        r"(?=(?<!\w)\d|(?<![\w-])(?:" + "|".join(map(re.escape, starts)) + r")(?!\w))" + PROFILE.number.pattern,
        re.IGNORECASE,
    )
    found = [(m.span(), m.groupdict()) for m in extract.numbers_in(text, PROFILE)]
    assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]


_FAR = " " * 45  # farther than a year's lead is read


@EQUIVALENCE
@given(_texts(st.one_of(_DATE_PARTS, _SPACES)), st.sampled_from([None, 2020]))
@example("Lundi 3 octobre 2023", None)
@example("1ᵉʳ janvier", 2020)
@example(f"1er{_FAR}trimestre 2024", None)
@example(f"2nd{_FAR}semestre 2024", None)
@example(f"2ᵉ{_FAR}semestre 2024", None)
@example(f"3ème{_FAR}trimestre 2024", None)
@example(f"T1{_FAR}2024", None)
def test_find_dates_finds_what_trying_every_run_of_digits_finds(text, context_year):
    found = dates.find_dates(text, context_year)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_first_digits_re", lambda: re.compile(""))
        assert dates.find_dates(text, context_year) == found


def _every_pattern_tried(profile: extract.CompiledProfile) -> extract.CompiledProfile:
    plain = extract.CompiledProfile(profile.profile)
    plain.any_follower = None
    plain.followers = re.compile("(?=())" * (len(plain.figures) + len(plain.lists)))
    return plain


_DOSSIERS = sorted(
    p for p in (REPO / "fixtures").rglob("*") if p.suffix in (".md", ".txt") and isinstance(read_path(p), Source)
)


@pytest.mark.parametrize("path", _DOSSIERS, ids=lambda p: str(p.relative_to(REPO)))
def test_patterns_tried_after_their_text_only_find_every_figure_and_list(path):
    source = read_path(path)
    parsed = parse(source)
    plain = _every_pattern_tried(PROFILE)
    assert extract.extract(source, parsed, PROFILE, CONTEXT.reference) == extract.extract(
        source, parsed, plain, CONTEXT.reference
    )


_PARTS_AND_COUNTS = [
    *_NUMBER_FRAGMENTS, " projets concrets", " grands défis", " réunions de concertation", " Réunions", "\n\n## ",
    "\n\nDans les Hautes-Alpes\n\n", "\n\nEt maintenant\n\n",
]  # fmt: skip


@EQUIVALENCE
@given(_texts(_PARTS_AND_COUNTS))
def test_patterns_of_other_shapes_find_every_figure_and_list(text):
    """Patterns whose text after {n} starts with a class have no literal head, and are tried on
    every number; one that is case-sensitive has its head found without regard to case."""
    profile = PROFILE.profile
    headless = ("{n}\\s+participants", "{n} (?-i:Réunions)", "{n}(?: |-)x")
    figures = (*profile.figures, dataclasses.replace(profile.figures[0], name="region.test", patterns=headless))
    compiled = extract.CompiledProfile(dataclasses.replace(profile, figures=figures))
    source = decode(text.encode("utf-8"), "generated.md")
    parsed = parse(source)
    assert extract.extract(source, parsed, compiled, CONTEXT.reference) == extract.extract(
        source, parsed, _every_pattern_tried(compiled), CONTEXT.reference
    )


@EQUIVALENCE
@given(st.text(alphabet=".!?… \n\u00a0aAÉŒ0«(-", max_size=30))
def test_sentences_are_those_of_a_lookbehind_and_a_linear_search(text):
    breaks = re.compile(r"(?<=[.!?…])\s+(?=[^\s\w]*[A-ZÀ-ÝŒ0-9])")
    bounds, start = [], 0
    for match in breaks.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    assert extract._sentences(text) == tuple(bounds)
    for offset in range(len(text) + 1):
        linear = next(((s, e) for s, e in bounds if s <= offset <= e), bounds[-1])
        assert extract._sentence_of(bounds, offset) == linear


@pytest.mark.parametrize(
    "pattern, sentence",
    [
        ("{n} projets(?: concrets|-phares)", "Ils ont lancé 4 projets concrets."),
        ("{n} projets(?: concrets|-phares)", "Ils ont lancé 4 projets-phares."),
        ("{n} (?:projets|actions) concrets", "Ils ont lancé 4 actions concrets."),
        ("{n} réunions? (?:de|du) (?:concertation|CNR)", "5 réunions du CNR"),
    ],
)
def test_a_block_that_matches_holds_one_of_the_pattern_keywords(pattern, sentence):
    """The keyword prefilter (a block without any is not scanned) must never hide a match."""
    slot = patterns.slot_pattern(pattern)
    number = re.search(r"\d+", sentence)
    assert slot.match_at(sentence, number.start(), number.end()) is not None
    assert slot.keywords and any(keyword in sentence.lower() for keyword in slot.keywords), slot.keywords


_LAYOUT_FRAGMENTS = [
    "Page", "page ", "p.", "2", "12", "٣", "12345", " / ", "/", " sur ", "- ", "– ", "-", "–", "   ", "  ", " ",
    "\t", "\xa0", "\u2028", "\f", "ARS Normandie", " Dossier de presse", "x", "é", "*", "\n",
]  # fmt: skip



@EQUIVALENCE
@given(_texts(_LAYOUT_FRAGMENTS))
@example("ARS Normandie – Dossier de presse      2")
@example("- 2 -")
@example("Page 3 / 4\xa0")
@example("p. ٣\u2028")
def test_only_a_line_ending_in_a_digit_or_a_dash_is_a_page_number_or_a_numbered_header(line):
    from cnr_lint import parse as parsing

    lines = tuple(line.split("\n"))
    candidates = [n for n, text in enumerate(lines) if (end := text.rstrip()[-1:]).isdecimal() or end in ("-", "–")]
    for n, text in enumerate(lines):
        if parsing._PAGE_NUMBER.match(text) or parsing._NUMBERED_HEADER.match(text):
            assert n in candidates
    assert parsing._numbered_headers(lines, candidates) == parsing._numbered_headers(lines, list(range(len(lines))))


@st.composite
def _anchored(draw):
    """A block's text length, ascending anchors over it, and a (start, end) inside it."""
    length = draw(st.integers(1, 60))
    offsets = sorted(draw(st.sets(st.integers(0, length - 1), max_size=6)))
    anchors = tuple((offset, draw(st.integers(1, 9)), draw(st.integers(1, 80))) for offset in offsets)
    start = draw(st.integers(0, length))
    return length, anchors, start, draw(st.integers(start, length))


@EQUIVALENCE
@given(_anchored())
def test_a_span_is_its_two_ends_each_looked_up_alone(case):
    from bisect import bisect_right

    from cnr_lint.models import Span
    from cnr_lint.parse import Block

    length, anchors, start, end = case
    block = Block("paragraph", 0, "x" * length, 3, 9, anchors)

    def position(offset):
        if not anchors:
            return block.line, 1
        index = bisect_right(anchors, (offset, 1 << 62, 0)) - 1
        anchor_offset, line, column = anchors[max(index, 0)]
        return line, column + max(offset - anchor_offset, 0)

    line, column = position(start)
    end_line, end_column = position(max(end - 1, start))
    assert block.span(start, end) == Span(line, column, end_line, end_column + 1)
    assert block.position(start) == (line, column)
