"""Key-figures tables with a column per scope (round 15). An officer sets the department's figures
beside the region's: "Indicateur | Aveyron | Occitanie", then a row a figure ("Participants | 240
| 3 180"). The column's header says whose figure a cell is; the row's label says which figure.
Such a table names the dossier's department even where its title does not ("Concertations CNR
santé — bilan à 1 an"). A number of years, months or days ("bilan à 1 an") is a duration, no
count of meetings."""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

DOSSIER = """\
# Concertations CNR santé — bilan à 1 an

Rodez, le mardi 14 novembre 2023

### Les chiffres clés au 31 octobre 2023

| Indicateur | {department} | Occitanie |
|---|---|---|
| Réunions de concertation | 5 | 58 |
| Participants | 240 | 3 180 |
| Projets terminés ou opérationnels | 3 | 30 |
| Projets en cours | 5 | 66 |

### Les projets de l'Aveyron

La concertation a fait émerger 8 projets.
"""


def read(text: str):
    return dossier_from_bytes(text.encode(), "aveyron-2023.md", CONTEXT)


def figures(dossier) -> list[tuple]:
    return sorted((f.name, f.low, f.department, f.as_of_text) for f in dossier.figures if f.name.endswith(
        ("meetings", "participants", "realised", "in_progress")))


def test_each_column_gives_its_scopes_figures() -> None:
    dossier = read(DOSSIER.format(department="Aveyron"))
    assert (dossier.department, dossier.region) == ("Aveyron", "Occitanie")
    assert figures(dossier) == [
        ("department.meetings", 5, "Aveyron", "au 31 octobre 2023"),
        ("department.participants", 240, "Aveyron", "au 31 octobre 2023"),
        ("department.projects.in_progress", 5, "Aveyron", "au 31 octobre 2023"),
        ("department.projects.realised", 3, "Aveyron", "au 31 octobre 2023"),
        ("region.meetings", 58, None, "au 31 octobre 2023"),
        ("region.participants", 3180, None, "au 31 octobre 2023"),
        ("region.projects.in_progress", 66, None, "au 31 octobre 2023"),
        ("region.projects.realised", 30, None, "au 31 octobre 2023"),
    ]


def test_swapped_columns_put_the_department_above_the_region() -> None:
    swapped = DOSSIER.format(department="Aveyron").replace("| Réunions de concertation | 5 | 58 |",
                                                            "| Réunions de concertation | 58 | 5 |")
    dossier = read(swapped)
    selection = engine.select_rules(CONTEXT, Config())
    found = [(f.code, f.location.span.line) for f in engine.check([dossier], {dossier.path}, CONTEXT, selection)]
    assert ("CNR106", 9) in found


def test_columns_of_other_scopes_are_not_read_so() -> None:
    # years, or a department of another region: whose figure each cell is, the headers do not say
    for header in ("| Indicateur | 2023 | 2024 |", "| Indicateur | Finistère | Occitanie |"):
        text = DOSSIER.format(department="Aveyron").replace("| Indicateur | Aveyron | Occitanie |", header)
        assert not [f for f in read(text).figures if f.span.line > 5 and f.name.endswith("meetings")], header
    # the nation's column is left unread, the department's still read
    text = DOSSIER.format(department="Aveyron").replace("| Aveyron | Occitanie |", "| Aveyron | National |")
    assert [(f.name, f.low) for f in read(text).figures if f.name.endswith("meetings")] == [("department.meetings", 5)]


def test_a_number_of_years_is_no_count() -> None:
    dossier = read(DOSSIER.format(department="Aveyron"))
    assert not [f for f in dossier.figures if f.span.line == 1]  # "Concertations … bilan à 1 an"
