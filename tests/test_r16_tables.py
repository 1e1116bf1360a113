"""Summary and key-figure tables (round 16).

What dossiers do: a regional synthesis's summary table of some of the region's departments ends
with a Total row over them, then a row of the whole region ("Région (12 départements)") under
it; its text counts "les cinq départements" the table lists (one of its sentences naming a
river, "la vallée du Rhône", that is a department's name too). A department's dossier gives its
key figures side by side with the region's, a column each ("Indicateur | Lozère | Occitanie"),
under a title that says how long ago the campaign began ("Concertations CNR santé — bilan à 2
ans"). A synthesis's table of all the departments ends with the region's row, and the sentence
under it says that row counts the region's own projects too ("La ligne régionale inclut trois
projets à portée régionale, dont un réalisé").

What cnr-lint now understands: a Total row sums the rows above it, not the rows under it
(CNR108); a count of departments that is the number of departments a summary table lists is
that group's, not the region's (no CNR107); a table's columns headed by a department and by the
region give each its figures, by the label of the row; and a number that counts years or months
("2 ans") is no value of the label before it (no "2 meetings" read from the title); the counts
of the region's own part a sentence under the table gives are added to the rows of their column
(by the word after each), unless a row of the table is that part or the sentence says the total
leaves it out."""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from test_other_hands import CONTEXT
from test_r14_tables import codes, dossier

# -- a Total row over some departments, the region's row under it -------------------------------

FIVE_OF_TWELVE = (
    "# CNR santé en Auvergne-Rhône-Alpes : 2 ans après\n\n*Synthèse régionale — Lyon, vendredi 29 novembre 2024*\n\n"
    "Les concertations ont été organisées dans les douze départements de la région.\n\n"
    "## Département par département\n\n"
    "Le tableau ci-dessous reprend les cinq départements de l'arc alpin et de la vallée du Rhône.\n\n"
    "| Département | Réunions | Participants | Projets |\n|---|---:|---:|---:|\n"
    "| Ain | 6 | 390 | 9 |\n| Drôme | 6 | 350 | 7 |\n| Isère | 11 | 780 | 15 |\n"
    "| Savoie | 7 | 460 | 11 |\n| Haute-Savoie | 8 | 502 | 12 |\n"
    "| **Total (5 départements)** | **36** | **2 482** | **54** |\n"
    "| **Région (12 départements)** | **81** | **5 270** | **138** |\n\n"
    "Ces cinq départements portent 54 projets, soit 39 % des projets de la région.\n"
)
NAME = "synthese-regionale-2024.md"


def test_a_total_row_sums_the_rows_above_it_not_the_regions_row_under_it() -> None:
    totals = dossier(FIVE_OF_TWELVE, NAME).totals
    assert [(t.column, t.total, t.parts) for t in totals] == [
        ("Réunions", 36, (6, 6, 11, 7, 8)), ("Participants", 2482, (390, 350, 780, 460, 502)),
        ("Projets", 54, (9, 7, 15, 11, 12))]
    # only the meetings are wrong: 6 + 6 + 11 + 7 + 8 = 38
    assert [c for c in codes({NAME: FIVE_OF_TWELVE}) if c[0] == "CNR108"] == [("CNR108", NAME, 18)]


def test_the_count_of_the_departments_a_table_lists_is_no_count_of_the_regions() -> None:
    counts = [(f.scope, f.low) for f in dossier(FIVE_OF_TWELVE, NAME).figures if f.name == "region.departments"]
    assert counts == [("region", 12), ("departments", 5), ("departments", 5)]
    assert not [c for c in codes({NAME: FIVE_OF_TWELVE}) if c[0] == "CNR107"]


def test_a_count_of_departments_the_table_does_not_list_is_still_the_regions() -> None:
    text = FIVE_OF_TWELVE.replace("Ces cinq départements", "Les quatre départements")
    assert ("CNR107", NAME, 21) in codes({NAME: text})


# -- key figures, the department's and the region's side by side --------------------------------

SIDE_BY_SIDE = (
    "# Concertations CNR santé — bilan à 2 ans\n\n*Rodez, le mercredi 13 novembre 2024*\n\n"
    "## Les chiffres clés au 31 octobre 2024\n\n"
    "| Indicateur | Lozère | Occitanie |\n|---|---|---|\n"
    "| Réunions de concertation | 3 | 70 |\n"
    "| Projets issus des concertations | 5 | 112 |\n"
    "| Projets terminés ou opérationnels | 3 | 65 |\n"
    "| Projets en cours | 2 | 47 |\n"
)


def figures(text: str, name: str) -> list[tuple[str, str | None, float, str | None]]:
    return [(f.name, f.department, f.low, f.as_of_text) for f in dossier(text, name).figures]


def test_a_column_per_scope_gives_the_departments_and_the_regions_figures() -> None:
    date = "au 31 octobre 2024"
    assert figures(SIDE_BY_SIDE, "lozere-2024.md") == [
        ("department.meetings", "Lozère", 3, date), ("region.meetings", None, 70, date),
        ("department.projects", "Lozère", 5, date), ("region.projects.emerged", None, 112, date),
        ("department.projects.realised", "Lozère", 3, date), ("region.projects.realised", None, 65, date),
        ("department.projects.in_progress", "Lozère", 2, date), ("region.projects.in_progress", None, 47, date),
    ]


def test_the_department_above_the_region_in_the_same_row_is_reported() -> None:
    swapped = SIDE_BY_SIDE.replace("| Réunions de concertation | 3 | 70 |", "| Réunions de concertation | 70 | 3 |")
    assert ("CNR106", "lozere-2024.md", 9) in codes({"lozere-2024.md": swapped})


def test_a_column_of_another_scope_is_left_unread() -> None:
    text = SIDE_BY_SIDE.replace("| Indicateur | Lozère | Occitanie |\n|---|---|---|", "| Indicateur | Lozère | France |\n|---|---|---|")
    assert {name for name, *_ in figures(text, "lozere-2024.md")} == {
        "department.meetings", "department.projects", "department.projects.realised", "department.projects.in_progress"}


def test_a_title_counting_years_states_no_meetings() -> None:
    for title in ("bilan à 2 ans", "bilan à deux ans", "bilan à 18 mois"):
        text = SIDE_BY_SIDE.replace("bilan à 2 ans", title)
        assert [value for name, _, value, _ in figures(text, "lozere-2024.md") if name == "region.meetings"] == [70]


# -- the region's own part, stated under the table ---------------------------------------------

REGIONAL_PART = (
    "# CNR santé en Hauts-de-France : deux ans après\n\n*Lille, jeudi 21/11/2024*\n\n"
    "## Le bilan par département\n\n"
    "| Département | Réunions | Projets | dont réalisés |\n|---|---|---|---|\n"
    "| Aisne | 6 | 8 | 4 |\n| Nord | 11 | 10 | 5 |\n| Oise | 7 | 10 | 5 |\n"
    "| Pas-de-Calais | 11 | 12 | 6 |\n| Somme | 5 | 7 | 3 |\n"
    "| Hauts-de-France | 38 | 50 | 24 |\n\n"
    "La ligne régionale inclut trois projets à portée régionale, dont un réalisé, qui ne relèvent d'aucun "
    "département en particulier.\n"
)
LAON = "synthese-regionale-2024.md"


def test_the_regions_own_part_stated_under_the_table_is_a_part_of_its_last_row() -> None:
    totals = {t.column: (t.total, sum(t.parts), t.besides) for t in dossier(REGIONAL_PART, LAON).totals}
    assert totals == {"Réunions": (38, 40, 0), "Projets": (50, 47, 3), "dont réalisés": (24, 23, 1)}
    # 47 + 3 = 50 and 23 + 1 = 24; the meetings, of which the sentence says nothing, are wrong
    assert [c for c in codes({LAON: REGIONAL_PART}) if c[0] == "CNR108"] == [("CNR108", LAON, 14)]


def test_a_wrong_total_with_the_regions_part_says_what_it_adds() -> None:
    text = REGIONAL_PART.replace("| Hauts-de-France | 38 | 50 |", "| Hauts-de-France | 40 | 49 |")
    found = engine.check([dossier(text, LAON)], {LAON}, CONTEXT, engine.select_rules(CONTEXT, Config()))
    assert [f.message for f in found if f.code == "CNR108"] == [
        "Projets: the Total row gives 49, but the 5 rows above add up to 47, 50 with the 3 stated under the table"]


def test_a_sentence_that_the_total_leaves_the_regions_part_out_adds_nothing() -> None:
    text = REGIONAL_PART.replace("La ligne régionale inclut", "Les totaux ne comprennent pas les")
    assert {t.column: t.besides for t in dossier(text, LAON).totals} == {"Réunions": 0, "Projets": 0, "dont réalisés": 0}


def test_a_table_with_a_row_of_the_regions_own_takes_no_part_from_the_sentence_under_it() -> None:
    # the row is the part the sentence describes: counting it twice would be wrong
    text = REGIONAL_PART.replace("| Hauts-de-France |", "| Échelle régionale | 0 | 3 | 1 |\n| Hauts-de-France |")
    assert {t.column: t.besides for t in dossier(text, LAON).totals} == {"Réunions": 0, "Projets": 0, "dont réalisés": 0}
