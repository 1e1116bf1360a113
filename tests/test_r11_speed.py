"""Round 11's shortcuts find what the searches they skip would find (issue 15: cold-run cost).

- `parse._may_part_cells`: a line without three spaces, dots, an ellipsis or a tab is one cell
  without the `_CELL_GAP` scan, and a text without a figureless line holding one is not read
  for grouped tables (`_grouped_table_rows`): parse_text reads the same blocks with the
  shortcut switched off, on layout texts drawn by Hypothesis and on every text fixture;
- `_status_suffix` tries its commented-status pattern only where a comma is, `_figures` the
  part lead ("dont trois") only where "dont" stands between the sentence's start and the number.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnr_lint import extract, parse
from cnr_lint.read import Unreadable, read_path

REPO = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

_CELLS = st.sampled_from([
    "Projet", "Statut", "Département", "Maison de santé", "En cours", "Réalisé", "Calvados (14)", "12", "2024.",
    "Réunions de", "concertation", "La Flèche", "• Cholet", "1. Albi", "**Titre**", "Page 2 / 3", "-----",
    "", "<!-- note -->", "Total", "ouverture programmée en janvier",
])  # fmt: skip
_GAPS = st.sampled_from([" ", "  ", "   ", "      ", " ... ", "…", "\t", " \f ", " (...) ", "\xa0\xa0\xa0"])
_LINES = st.lists(
    st.tuples(st.sampled_from(["", " ", "    ", "\f"]), st.lists(st.tuples(_CELLS, _GAPS), max_size=4)).map(
        lambda line: line[0] + "".join(cell + gap for cell, gap in line[1])
    ),
    max_size=14,
)


def _without_shortcut(lines: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> list[parse.Block]:
    with monkeypatch.context() as patched:
        patched.setattr(parse, "_may_part_cells", lambda text: True)
        return parse.parse_text(lines)


@SETTINGS
@given(_LINES)
def test_layout_texts_read_the_same_without_the_gap_shortcut(lines: list[str]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert parse.parse_text(tuple(lines)) == _without_shortcut(tuple(lines), monkeypatch)


@SETTINGS
@given(st.text(st.sampled_from(" .…\tab\f\xa0"), max_size=30))
def test_a_line_without_a_gap_is_one_cell(line: str) -> None:
    cells = []
    start = len(line) - len(line.lstrip())
    end_of_text = len(line.rstrip())
    for gap in parse._CELL_GAP.finditer(line, start, end_of_text):  # the scan the shortcut skips
        if gap.start() > start:
            cells.append((start, gap.start()))
        start = gap.end()
    if end_of_text > start:
        cells.append((start, end_of_text))
    assert parse._text_cells(line) == cells


def test_every_text_fixture_reads_the_same_without_the_gap_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = sorted((REPO / "fixtures").rglob("*.txt"))
    grouped = 0
    for path in texts:
        source = read_path(path, path.name)
        if isinstance(source, Unreadable):
            continue  # the fixtures of unreadable files
        lines = source.lines
        assert parse.parse_text(lines) == _without_shortcut(lines, monkeypatch), path
        grouped += bool(parse._grouped_table_rows(lines, parse._page_furniture(lines), {}))
    assert len(texts) > 100 and grouped >= 3  # the wrapped tables of the blind corpora are among them


@SETTINGS
@given(st.text(st.sampled_from("Titre : réalisé,— →-( )dont trois 12"), max_size=40), st.data())
def test_the_skipped_searches_find_nothing(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    if text.find(",", start, end) < 0:
        assert extract._COMMENTED_SUFFIX.search(text, start, end) is None
    if text.find("dont", start, end) < 0:
        assert extract._PART_LEAD.search(text, start, end) is None
