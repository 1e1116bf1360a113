"""Dossiers by other hands in Word and OpenDocument: their readers give the same blocks as
Markdown, and what the officers of round 9 wrote differently is vocabulary. "Bouclé" for a
realised project (in a sentence, a status and a table's column), "c'est parti" and "en rodage"
for one under way, a status after an arrow ("Titre. Ce qui est fait. → bouclé") and followed by
a comment, another programme's figure "en parallèle du CNR santé"."""

from __future__ import annotations

from pathlib import Path

from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT, dossier, figures, findings

BLIND = Path(__file__).parent.parent / "fixtures" / "blind"
TITLE = "# CNR santé dans l'Aveyron : 2 ans après\n\nRodez, le 19 novembre 2024\n\n"
REGIONAL = ("## En résumé\n\nEn Occitanie, 58 réunions de concertation ont rassemblé 2 140 participants. "
            "Quatre-vingt-seize projets sont nés de ces échanges et, au 31 octobre 2024, quarante et un "
            "d'entre eux sont bouclés.\n\n")
PART = "## L'Aveyron, terre de projets\n\nDans l'Aveyron, quatre réunions de concertation se sont tenues.\n\n"


def statuses(text: str) -> list[tuple[str, ...]]:
    (projects,) = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    return [entry.statuses for entry in projects.entries]


def items(*lines: str) -> str:
    return "".join(f"- {line}\n" for line in lines) + "\n"


def test_a_project_said_bouclé_is_realised_in_a_sentence() -> None:
    found = figures(TITLE + REGIONAL + PART)
    assert ("region.projects.realised", 41, None) in found


def test_a_status_after_an_arrow_is_read_and_two_arrows_are_two_statuses() -> None:
    text = (TITLE + REGIONAL + PART + "De ces discussions sont sortis trois projets concrets.\n\n" + items(
        "Centre de santé de Decazeville. Une antenne avec quatre médecins salariés. → bouclé",
        "Logement des internes à Millau. Une résidence de huit studios. → c'est parti",
        "Protocoles infirmiers à Espalion. Les infirmiers assurent certains suivis. → en rodage → bouclé",
    ))
    assert statuses(text) == [("bouclé",), ("c'est parti",), ("en rodage", "bouclé")]
    assert findings(text) == [("CNR104", 17)]  # the third item, and only it


def test_a_status_after_an_arrow_may_be_followed_by_its_comment() -> None:
    text = (TITLE + REGIONAL + PART + "De ces discussions sont sortis deux projets concrets.\n\n" + items(
        "Médecins retraités à Mende. Des consultations pour les patients sans médecin. → bouclé",
        "Télémédecine en EHPAD. Des téléconsultations en gériatrie. → finalisé, et même au-delà : "
        "le dispositif a été étendu cette année aux EHPAD voisins",
    ))
    assert statuses(text) == [("bouclé",), ("finalisé",)]
    assert not [code for code, _ in findings(text) if code == "CNR104"]


def test_a_table_column_of_projects_bouclés_gives_the_realised() -> None:
    text = ("# CNR santé en Occitanie : 3 ans après – synthèse régionale\n\nMontpellier, le 18 novembre 2025\n\n"
            "## Les départements en chiffres\n\n"
            "| Département | Réunions | Projets | Bouclés au 31 octobre 2025 | En cours |\n|---|---|---|---|---|\n"
            "| Ariège (09) | 3 | 5 | 3 | 2 |\n| Aude (11) | 4 | 6 | 5 | 1 |\n")
    found = figures(text)
    assert ("department.projects.realised", 3, "Ariège") in found
    assert ("department.projects.realised", 5, "Aude") in found


def test_projects_of_a_programme_run_in_parallel_are_not_the_departments() -> None:
    text = (TITLE.replace("l'Aveyron", "le Gard") + "## Dans le Gard\n\nDans le Gard, six réunions de concertation "
            "se sont tenues. Huit projets concrets sont soutenus par l'ARS.\n\n"
            "En parallèle du CNR santé, quatorze projets gardois ont été retenus en 2025 à l'appel à projets "
            "régional.\n\n")
    assert [value for name, value, _ in figures(text) if name == "department.projects"] == []


def test_the_occitanie_odt_dossiers_read_their_arrows_and_table() -> None:
    folder = BLIND / "occitanie-nimes" / "dossiers"
    path = str(folder / "aveyron-2025.odt")
    aveyron = dossier_from_bytes((folder / "aveyron-2025.odt").read_bytes(), path, CONTEXT)
    (projects,) = [lst for lst in aveyron.lists if lst.name == "department.projects"]
    assert projects.entries[-1].statuses == ("c'est parti", "bouclé")
    path = str(folder / "occitanie-synthese-2025.odt")
    synthesis = dossier_from_bytes((folder / "occitanie-synthese-2025.odt").read_bytes(), path, CONTEXT)
    realised = {f.department: f.low for f in synthesis.figures if f.name == "department.projects.realised"}
    assert realised["Haute-Garonne"] == 10 and realised["Tarn-et-Garonne"] == 4


def test_a_status_after_a_colon_keeps_its_comment_apart_but_not_a_second_status() -> None:
    text = (TITLE + REGIONAL + PART + "Au total, trois projets concrets ont vu le jour dans le département.\n\n"
            "### Où en sont les projets ?\n\n" + items(
                "Maison médicale de garde de Rodez : mise en service",
                "Infirmiers en pratique avancée en Ehpad : en phase de test, étendu à quatre nouveaux Ehpad",
                "Bus dentaire de Millau : mis en service en mars 2025, démarrage prévu en 2026",
            ))
    (projects,) = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    assert [entry.status for entry in projects.entries][:2] == ["realised", "in_progress"]
    assert projects.entries[2].status is None  # "démarrage prévu": no comment on « mis en service »


def test_the_projects_under_way_after_tandis_que_are_the_rest_of_the_snapshot() -> None:
    text = TITLE + REGIONAL.replace("sont bouclés.", "sont bouclés tandis que cinquante-cinq sont encore en cours.") + PART
    found = figures(text)
    assert ("region.projects.realised", 41, None) in found
    assert ("region.projects.in_progress", 55, None) in found
