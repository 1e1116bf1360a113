"""Tables in office documents (round 14): a summary table whose cells carry their column's noun
("36 réunions" under "Réunions") has its Total row checked (CNR108); the region's own row under
the rows of all its departments states the region's figures (CNR201 against another dossier),
a "Total" row and a row over some of its departments do not."""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT


def dossier(text: str, name: str):
    return dossier_from_bytes(text.encode(), name, CONTEXT)


def codes(texts: dict[str, str]) -> list[tuple[str, str, int]]:
    read = [dossier(text, name) for name, text in texts.items()]
    selection = engine.select_rules(CONTEXT, Config())
    found = engine.check(read, set(texts), CONTEXT, selection)
    return sorted((f.code, f.location.path, f.location.span.line) for f in found)


def region_figures(text: str, name: str) -> dict[str, float]:
    return {f.name: f.low for f in dossier(text, name).figures if f.scope == "region" and f.span.line >= 11}


# -- a summary table's cells with their column's noun ----------------------------------------

LORRAINE = (
    "# CNR santé en Meurthe-et-Moselle : 3 ans après\n\n*Nancy, le vendredi 21 novembre 2025*\n\n"
    "## Le CNR santé en Lorraine\n\n"
    "| Département | Réunions | Participants | Projets |\n|---|---|---|---|\n"
    "| Meurthe-et-Moselle | 10 réunions | 480 participants | 12 projets |\n"
    "| Meuse | 6 réunions | 205 participants | 8 projets |\n"
    "| Moselle | 11 réunions | 560 participants | 13 projets |\n"
    "| Vosges | 8 réunions | 330 participants | 9 projets |\n"
    "| Total | 35 réunions | 1 575 participants | 44 projets |\n"
)


def test_a_total_cell_with_its_columns_noun_is_checked() -> None:
    found = codes({"meurthe-et-moselle-2025.md": LORRAINE})
    assert found == [("CNR108", "meurthe-et-moselle-2025.md", 13)]
    totals = dossier(LORRAINE, "meurthe-et-moselle-2025.md").totals
    assert [(t.column, t.total, t.parts) for t in totals] == [
        ("Réunions", 35, (10, 6, 11, 8)), ("Participants", 1575, (480, 205, 560, 330)), ("Projets", 44, (12, 8, 13, 9))]


def test_a_cell_of_another_noun_than_its_columns_is_no_plain_number() -> None:
    text = LORRAINE.replace("| 44 projets |", "| 44 actions |")
    assert [t.column for t in dossier(text, "meurthe-et-moselle-2025.md").totals] == ["Réunions", "Participants"]


def test_a_lorraine_total_over_four_departments_is_no_regional_figure() -> None:
    # the Grand Est has ten departments: four of them are no region
    assert region_figures(LORRAINE.replace("| Total |", "| **Grand Est** |"), "meurthe-et-moselle-2025.md") == {}


# -- the region's row under all its departments -----------------------------------------------

SYNTHESIS = (
    "# CNR santé en Normandie : 3 ans après\n\n*Dossier de presse — ARS Normandie — jeudi 27 novembre 2025*\n\n"
    "Trente-huit réunions de concertation se sont tenues dans les cinq départements de Normandie.\n\n"
    "## Département par département\n\n"
    "| Département | Réunions | Participants | Projets |\n|---|---|---|---|\n"
    "| Calvados | 9 | 280 | 12 |\n| Eure | 8 | 231 | 10 |\n| Manche | 7 | 204 | 9 |\n"
    "| Orne | 5 | 137 | 7 |\n| Seine-Maritime | 9 | 294 | 14 |\n"
    "| **Normandie** | **38** | **1 164** | **52** |\n"
)
ORNE = (
    "# CNR santé dans l'Orne : 3 ans après\n\n*Dossier de presse — ARS Normandie — jeudi 27 novembre 2025*\n\n"
    "En Normandie, 38 réunions de concertation ont rassemblé 1 146 participants et fait émerger 52 projets.\n"
)


def test_the_regions_row_under_all_its_departments_states_its_figures() -> None:
    # the meetings restate the sentence above the table (no statement of their own), the
    # participants and projects are the region's
    assert region_figures(SYNTHESIS, "synthese-2025.md") == {"region.participants": 1164, "region.projects.emerged": 52}
    found = codes({"synthese-2025.md": SYNTHESIS, "orne-2025.md": ORNE})
    assert ("CNR201", "synthese-2025.md", 16) in found  # 1 164 against the Orne's 1 146 (two dossiers, each reported)
    assert ("CNR108", "synthese-2025.md", 16) in found  # and against its own rows, 1 146


def test_a_total_row_is_the_sum_of_the_rows_not_a_statement_of_the_region() -> None:
    for label in ("Total", "Total Normandie"):
        text = SYNTHESIS.replace("**Normandie**", label)
        assert region_figures(text, "synthese-2025.md") == {}
        assert ("CNR201", "synthese-2025.md", 16) not in codes({"synthese-2025.md": text, "orne-2025.md": ORNE})


def test_the_regions_row_under_some_of_its_departments_states_nothing() -> None:
    text = SYNTHESIS.replace("| Seine-Maritime | 9 | 294 | 14 |\n", "")
    assert region_figures(text, "synthese-2025.md") == {}
