"""Round 14's shortcuts find what the plain readings they stand for find.

- `_title_lines` reads a block's entries once per text, kind, cells and line starts
  (`_title_lines_of_text`, kept for the run) and maps their offsets to the block's spans: the
  same entries as the reading done afresh for that block, whatever block held the text before;
- `_names_region` looks for a region's folded names in one pattern compiled once per region,
  where it searched each name alone (the plain search, written out here).
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnr_lint import extract
from cnr_lint.pack import load_packs
from cnr_lint.parse import Block
from cnr_lint.pipeline import Context
from cnr_lint.reference import fold

CONTEXT = Context(load_packs())
PROFILE = CONTEXT.profile
REFERENCE = CONTEXT.reference
EQUIVALENCE = settings(
    max_examples=300,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the shared tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Title lines, statuses after their separators, marks and boxes, descriptions: the parts
# `_title_lines` reads, one line of a block each.
_LINES = st.lists(
    st.builds(
        "".join,
        st.lists(
            st.sampled_from([
                "Maison de santé de Brest", "Un bus santé", " — ", " : ", " – ", " (", ")", "réalisé", "EN COURS",
                "Statut : en cours", "PROJET RÉALISÉ", "finalisé, étendu à Quimper", "✅ ", "[x] ", "☐ ", ", ",
                "Le centre ouvre le soir.", " 2024", "en juin 2023", "Livré", "à venir", "x",
            ]),
            min_size=1, max_size=6,
        ),
    ),
    min_size=1, max_size=4,
)


def _block(lines: list[str], kind: str, line: int) -> Block:
    """The block of these lines from source line `line` on, each line's start anchored."""
    anchors, offset = [], 0
    for number, text in enumerate(lines):
        anchors.append((offset, line + number, 3))
        offset += len(text) + 1
    text = "\n".join(lines)
    cells = ((0, len(lines[0])), (len(lines[0]), len(text))) if kind == "item" and len(lines) == 2 else ()
    return Block(kind, 1 if kind == "item" else 0, text, line, line + len(lines) - 1, tuple(anchors), cells=cells)


def _fresh(block: Block) -> list[tuple[str, list[str], object]]:
    """`_title_lines` read afresh: the text's reading without what was kept."""
    found = extract._title_lines_of_text.__wrapped__(block.text, block.kind, block.cells, block.line_starts(), PROFILE)
    return [(title, list(statuses), extract._block_span(block) if start is None else block.span(start, end))
            for title, statuses, start, end in found]


@EQUIVALENCE
@given(_LINES, st.sampled_from(["paragraph", "item", "heading"]), st.integers(1, 40), st.integers(1, 40))
def test_title_lines_kept_per_text_give_each_block_its_own_spans(lines, kind, first, other):
    block = _block(lines, kind, first)
    assert extract._title_lines(block, PROFILE) == _fresh(block)
    # the same text further down a dossier (kept now): the entries there, their spans its own
    moved = _block(lines, kind, other)
    assert extract._title_lines(moved, PROFILE) == _fresh(moved)


def test_a_title_line_and_its_status_kept_then_moved():
    first = _block(["Un bus santé — réalisé"], "paragraph", 3)
    later = _block(["Un bus santé — réalisé"], "paragraph", 30)
    assert extract._title_lines(first, PROFILE) == [("Un bus santé", ["réalisé"], first.span(0, len(first.text)))]
    assert extract._title_lines(later, PROFILE)[0][2].line == 30


def _names_region_plainly(text: str, region) -> bool:
    """The search of round 13: each of the region's folded names alone, compiled at each call."""
    if extract._REGIONAL.search(text):
        return not REFERENCE.departments_named(fold(text))
    found = REFERENCE.find_region(text)
    if found is None and text.isupper():
        folded = fold(text)
        return any(re.search(r"(?<![\w-])" + re.escape(fold(name)) + r"(?![\w-])", folded)
                   for name in (region.name, *(a for a in region.aliases if len(extract._WORD.findall(a)) > 1)))
    return found is not None and found.name == region.name


_HEADING_WORDS = st.sampled_from([
    "EN", "LES CHIFFRES CLÉS", "Les chiffres clés en", "PROVENCE-ALPES-CÔTE D'AZUR", "PACA", "CENTRE-VAL DE LOIRE",
    "CENTRE", "Centre-Val de Loire", "BRETAGNE", "Bretagne", "ÎLE-DE-FRANCE", "ILE DE FRANCE", "HAUTS-DE-FRANCE",
    "DU FINISTÈRE", "RÉGIONAL", "bilan régional", "SUD-BRETAGNE", "-", " ", "'",
])


@EQUIVALENCE
@given(st.lists(_HEADING_WORDS, min_size=1, max_size=5), st.sampled_from(REFERENCE.regions))
def test_a_regions_names_found_in_one_pattern_as_one_by_one(words, region):
    text = " ".join(words)
    assert extract._names_region(text, region, REFERENCE) == _names_region_plainly(text, region)
