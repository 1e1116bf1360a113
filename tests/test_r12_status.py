"""Statuses of dossiers by other hands (round 12): a status after an arrow typed "=>", at the end of
a project's line or on the next one, in the officer's words ("c'est fait", "en route", "livré en
juin"); plain-text items bulleted with "+" (not "+ de 3 900"); two arrow lines under one
project that disagree."""

from __future__ import annotations

from pathlib import Path

from cnr_lint.parse import parse_text
from test_other_hands import dossier, findings

BLIND = Path(__file__).parent.parent / "fixtures" / "blind" / "paca-toulon" / "dossiers"

VAR_2024 = (BLIND / "var-2024.txt").read_text(encoding="utf-8")


def _projects(text: str, path: str = "var-2024.txt") -> list[tuple[str, tuple[str, ...]]]:
    (projects,) = [lst for lst in dossier(text, path).lists if lst.name == "department.projects"]
    assert projects.understood
    return [(entry.title.split(" :")[0], tuple(entry.statuses)) for entry in projects.entries]


def test_a_status_after_an_arrow_typed_as_two_characters() -> None:
    # at the end of the project's line or on the next one, with a comment after a comma, and
    # in the officer's words: "c'est fait", "livré en juin", "en route", "démarre en janvier"
    expected = [("Toulon", ("c'est fait",)), ("Brignoles", ("livré",)), ("Draguignan", ("c'est fait",)),
                ("Hyères", ("en route",)), ("La Seyne-sur-Mer", ("c'est fait",)),
                ("Fréjus-Saint-Raphaël", ("en cours d'instruction",)), ("Haut-Var", ("c'est fait",)),
                ("Tout le Var", ("démarre",))]
    assert _projects(VAR_2024) == expected
    # the same list bulleted with "+", as Markdown allows and officers type in plain text
    plus = VAR_2024.replace("\n- ", "\n+ ")
    assert plus != VAR_2024 and _projects(plus) == expected
    assert [code for code, _ in findings(plus, "var-2024.txt") if code in ("CNR101", "CNR104")] == []


def test_a_plus_meaning_more_than_is_no_bullet() -> None:
    # "+ de 3 900" in a column of key figures is "plus de 3 900", not an item
    text = "Les chiffres clés\n58\n+ de 3 900\n51\n\nréunions\nparticipants\nprojets\n"
    assert not any(block.kind == "item" for block in parse_text(tuple(text.splitlines())))
    assert [block.kind for block in parse_text(("Deux axes :", "+ des internes ;", "+ un bus."))][1:] == ["item", "item"]


def test_the_toulon_dossiers_state_each_status_they_give() -> None:
    warned = {}
    for path in sorted(BLIND.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        warned[path.name] = [line for code, line in findings(text, path.name) if code == "CNR104"]
    # the answer key's two: a project with no status, one with two that disagree
    assert {name: lines for name, lines in warned.items() if lines} == {
        "var-2025.txt": [90], "alpes-de-haute-provence-2025.txt": [51]}



AUDE_2025 = (BLIND.parent.parent / "occitanie-perpignan" / "dossiers" / "aude-2025.md").read_text(encoding="utf-8")


def test_two_statuses_in_one_cell_are_the_rows_two() -> None:
    cell = "🟢 terminé / 🟠 en cours"
    assert cell in AUDE_2025 and ("CNR104", 40) in findings(AUDE_2025, "aude-2025.md")
    # one status, or words that are not two statuses, stay the row's one
    for other in ("🟢 terminé", "🟠 en cours / phase 2"):
        assert ("CNR104", 40) not in findings(AUDE_2025.replace(cell, other), "aude-2025.md"), other
