""""Près de" is a little under (round 16). "Près de 450" says the count is nearly 450: 446 is
"près de 450", 452 is "plus de 450". So "près de 2 100" and "près de 1 900" participants
disagree (two roundings that cannot be of one count), where [v - 5 %, v + 5 %] made them agree
at 1 995; "environ" and "autour de" stay on both sides."""

from __future__ import annotations

import pytest

from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT


def participants(text: str) -> tuple[float, float]:
    dossier = dossier_from_bytes(f"# CNR santé dans le Doubs : 1 an après\n\n{text}\n".encode(), "doubs-2023.md", CONTEXT)
    (figure,) = [f for f in dossier.figures if f.name == "region.participants"]
    return figure.low, figure.high


@pytest.mark.parametrize("words", ["près de", "presque", "pas loin de"])
def test_nearly_is_a_little_under(words: str) -> None:
    assert participants(f"Les réunions ont rassemblé {words} 2 000 participants.") == (1900, 2000)


@pytest.mark.parametrize("words", ["environ", "autour de"])
def test_about_is_on_both_sides(words: str) -> None:
    assert participants(f"Les réunions ont rassemblé {words} 2 000 participants.") == (1900, 2100)


def test_two_roundings_nearly_of_one_count_agree_and_of_two_counts_do_not() -> None:
    low, high = participants("Les réunions ont rassemblé près de 2 100 participants.")
    other_low, other_high = participants("Les réunions ont rassemblé près de 1 900 participants.")
    assert other_high < low  # no count is nearly both
    exact_low, exact_high = participants("Les réunions ont rassemblé 2 046 participants.")
    assert low <= exact_low <= high
