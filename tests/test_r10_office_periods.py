"""Word and OpenDocument dossiers by other hands, round 10: a regional summary table whose
department cells carry an apposition ("Loire-Atlantique, délégation territoriale de Nantes"),
and a department's participants compared between its dossier and that table (CNR205)."""

from __future__ import annotations

from pathlib import Path

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT, figures, findings

BLIND = Path(__file__).parent.parent / "fixtures" / "blind"
SYNTHESIS = ("# CNR santé en Pays de la Loire : 2 ans après – synthèse régionale\n\nNantes, le 14 novembre 2024\n\n"
             "## Les départements en un coup d'œil\n\n"
             "| Département | Réunions | Participants |\n|---|---|---|\n"
             "| Loire-Atlantique, délégation territoriale de Nantes | 9 | 380 |\n"
             "| Maine-et-Loire – délégation d'Angers | 7 | 270 |\n"
             "| Mayenne (délégation de Laval) | 5 | 160 |\n"
             "| Total région | 21 | 810 |\n")


def test_a_department_cell_with_an_apposition_names_the_rows_department() -> None:
    found = {(name, department): value for name, value, department in figures(SYNTHESIS)}
    assert found[("department.meetings", "Loire-Atlantique")] == 9
    assert found[("department.participants", "Maine-et-Loire")] == 270
    assert found[("department.participants", "Mayenne")] == 160


def test_a_cell_of_text_naming_a_department_further_on_is_still_no_department() -> None:
    text = SYNTHESIS.replace("Loire-Atlantique, délégation territoriale de Nantes",
                             "Projets suivis en Loire-Atlantique, par la délégation")
    assert not [d for _, _, d in figures(text) if d == "Loire-Atlantique"]


def test_a_departments_participants_differing_in_its_dossier_and_the_summary_table_is_cnr205() -> None:
    folder = BLIND / "pays-de-la-loire-nantes" / "dossiers"
    paths = [folder / "maine-et-loire-2024.docx", folder / "pays-de-la-loire-synthese-2024.docx",
             folder / "mayenne-2024.docx"]
    dossiers = [dossier_from_bytes(p.read_bytes(), str(p), CONTEXT) for p in paths]
    found = engine.check(dossiers, {str(p) for p in paths}, CONTEXT, engine.select_rules(CONTEXT, Config()))
    conflicts = sorted((Path(f.location.path).name, f.location.span.line) for f in found if f.code == "CNR205")
    # Maine-et-Loire: 250 in its dossier, 270 in the table; Mayenne's 160 agrees in both.
    assert conflicts == [("maine-et-loire-2024.docx", 11), ("pays-de-la-loire-synthese-2024.docx", 14)]


def test_the_concertations_meetings_dated_by_its_months_are_this_campaigns_to_compare() -> None:
    # A "2 ans après" dossier recalls when the concertation took place: its meetings are the
    # figure every campaign states, compared with the summary table's row (CNR205 at both).
    part = ("# CNR santé dans le Gard : 2 ans après\n\nNîmes, le 19 novembre 2024\n\n## Le Gard, terre de projets\n\n"
            "Dans le Gard, six réunions de concertation se sont tenues entre novembre 2022 et mars 2023.\n")
    table = ("# CNR santé en Occitanie : 2 ans après – synthèse régionale\n\nMontpellier, le 19 novembre 2024\n\n"
             "| Département | Réunions |\n|---|---|\n| Gard (30) | 5 |\n| Aude (11) | 4 |\n")
    dossiers = [dossier_from_bytes(part.encode(), "gard.md", CONTEXT),
                dossier_from_bytes(table.encode(), "synthese.md", CONTEXT)]
    (meetings,) = [f for f in dossiers[0].figures if f.name == "department.meetings"]
    assert meetings.campaign is None
    found = engine.check(dossiers, {"gard.md", "synthese.md"}, CONTEXT, engine.select_rules(CONTEXT, Config()))
    assert sorted((f.location.path, f.code) for f in found if f.code == "CNR205") == [
        ("gard.md", "CNR205"), ("synthese.md", "CNR205")]


def test_a_snapshot_of_the_campaign_before_stays_the_campaign_befores() -> None:
    text = ("# CNR santé dans le Gard : 2 ans après\n\nNîmes, le 19 novembre 2024\n\n## Le Gard, terre de projets\n\n"
            "Dans le Gard, six réunions de concertation se sont tenues en 2023.\n")
    (meetings,) = [f for f in dossier_from_bytes(text.encode(), "gard.md", CONTEXT).figures
                   if f.name == "department.meetings"]
    assert meetings.campaign == "1 an après 2023"


def test_challenges_called_chantiers_are_counted_against_those_listed() -> None:
    text = ("# CNR santé en Vendée : 2 ans après\n\nLa Roche-sur-Yon, le 21 novembre 2024\n\n## Focus sur la Vendée\n\n"
            "Les réunions vendéennes ont permis d'identifier quatre chantiers : l'afflux saisonnier sur le "
            "littoral, l'accès aux soins dentaires et la santé mentale des jeunes.\n")
    assert [code for code, _ in findings(text) if code == "CNR103"] == ["CNR103"]
    assert not [code for code, _ in findings(text.replace("quatre chantiers", "trois chantiers")) if code == "CNR103"]
