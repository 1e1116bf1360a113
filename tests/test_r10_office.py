"""Word and OpenDocument dossiers of round 10: a remark in prose between a stated count and the
table of its projects is no project, a summary table's department cell may qualify the
department after a comma ("Loire-Atlantique, délégation territoriale de Nantes"), and a
department's participants compare across dossiers as its meetings do (CNR205)."""

from __future__ import annotations

from pathlib import Path

from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT, dossier, figures, findings

BLIND = Path(__file__).parent.parent / "fixtures" / "blind"
TITLE = "# CNR santé dans la Sarthe : 2 ans après\n\nLe Mans, le mardi 26 novembre 2024\n\n"
REGIONAL = ("## En Pays de la Loire\n\nEn Pays de la Loire, 32 réunions de concertation ont rassemblé "
            "1 240 participants. 33 projets en sont issus.\n\n")
PART = "## Focus sur la Sarthe\n\nEn Sarthe, 6 réunions ont réuni 230 participants.\n\n"
TABLE = ("| Projet | Territoire | Où en est-on ? |\n|---|---|---|\n"
         "| Régulation libérale | Tout le département | Opérationnelle depuis le 1er mars |\n"
         "| Maison des internes | La Flèche | En cours |\n")


def projects(text: str):
    (found,) = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    return found


def test_a_remark_in_prose_between_the_count_and_its_table_is_no_project() -> None:
    text = (TITLE + REGIONAL + PART + "Le département compte trois projets.\n\n"
            "Le conseil départemental a pour sa part apporté 1,5 M€ à la maison des internes.\n\n" + TABLE)
    found = projects(text)
    assert [entry.title for entry in found.entries] == ["Régulation libérale", "Maison des internes"]
    assert ("CNR101", 13) in findings(text)  # three stated, two listed


def test_a_title_above_a_table_that_is_no_sentence_still_keeps_the_rows_apart() -> None:
    # "Nos 2 projets phares" is neither a caption (it has a digit) nor prose: no entries are given
    text = TITLE + REGIONAL + PART + "Le département compte deux projets.\n\nNos 2 projets phares\n\n" + TABLE
    assert projects(text).entries == ()


def test_a_department_cell_qualified_after_a_comma_names_the_department() -> None:
    text = ("# CNR santé en Pays de la Loire : 2 ans après – synthèse régionale\n\nNantes, le 14 novembre 2024\n\n"
            "## Les départements\n\n| Département | Réunions | Participants |\n|---|---|---|\n"
            "| Loire-Atlantique, délégation territoriale de Nantes | 9 | 380 |\n"
            "| Sarthe – délégation du Mans | 6 | 230 |\n"
            "| Mayenne, Sarthe | 11 | 390 |\n")
    found = figures(text)
    assert ("department.participants", 380, "Loire-Atlantique") in found
    assert ("department.meetings", 6, "Sarthe") in found
    assert not [f for f in found if f[1] in (11, 390)]  # two departments in a cell: whose is not told


def test_the_nantes_synthesis_table_gives_each_departments_participants_and_conflicts_with_its_dossier() -> None:
    folder = BLIND / "pays-de-la-loire-nantes" / "dossiers"
    path = str(folder / "pays-de-la-loire-synthese-2024.docx")
    synthesis = dossier_from_bytes((folder / "pays-de-la-loire-synthese-2024.docx").read_bytes(), path, CONTEXT)
    participants = {f.department: f.low for f in synthesis.figures if f.name == "department.participants"}
    assert participants == {"Loire-Atlantique": 380, "Maine-et-Loire": 270, "Mayenne": 160, "Sarthe": 230, "Vendée": 200}


def test_a_departments_participants_stated_two_ways_is_a_department_figure_conflict() -> None:
    from cnr_lint import engine
    from cnr_lint.config import Config

    own = dossier(TITLE + REGIONAL + PART.replace("230", "250"), "sarthe.md")
    summary = dossier("# CNR santé en Pays de la Loire : 2 ans après\n\nNantes, le 14 novembre 2024\n\n" + REGIONAL
                      + "| Département | Réunions | Participants |\n|---|---|---|\n"
                      "| Sarthe | 6 | 230 |\n| Mayenne | 5 | 160 |\n", "synthese.md")
    found = engine.check([own, summary], {"sarthe.md", "synthese.md"}, CONTEXT, engine.select_rules(CONTEXT, Config()))
    assert sorted({(f.code, f.location.path) for f in found if f.code == "CNR205"}) == [
        ("CNR205", "sarthe.md"), ("CNR205", "synthese.md")]


def test_an_average_per_project_is_not_the_regions_budget() -> None:
    text = (TITLE + REGIONAL.replace("issus.", "issus. L'ARS a engagé 2 850 k€.")
            + "Les 2,85 M€ engagés par l'ARS se répartissent entre les cinq départements, "
            "soit en moyenne 86 k€ par projet.\n\n")
    assert [value for name, value, _ in figures(text) if name == "region.budget"] == [2_850_000, 2_850_000]
    assert not findings(text)
