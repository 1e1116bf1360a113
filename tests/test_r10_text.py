"""Plain-text dossiers by other hands: "au moins une concertation" (there is one or more in each
department, no count of the whole), a key-figures row that a text export did not lay out in
cells ("Crédits engagés par l'ARS 3 800 000 € 7 200 000 €", a column a year), a count of the
projects in one state that is no list's stated count ("la région compte 77 projets réalisés"),
and a table's header laid out a cell a line ("Projet (porteur)", then "Avancement")."""

from __future__ import annotations

from pathlib import Path

from cnr_lint import extract
from cnr_lint.parse import parse
from cnr_lint.read import decode
from test_extract_speed_equivalence import CONTEXT, PROFILE, _every_pattern_tried
from test_other_hands import dossier, figures, findings

BLIND = Path(__file__).parent.parent / "fixtures" / "blind" / "occitanie-toulouse" / "dossiers"

HEAD = ("CNR SANTÉ EN OCCITANIE : 2 ANS APRÈS\n\n"
        "En Occitanie, 47 réunions de concertation se sont tenues et près de 3 400 participants ont apporté leurs\n"
        "idées. ")


def test_at_least_one_meeting_in_each_department_is_no_count_of_meetings() -> None:
    text = HEAD + "Les 13 départements de la région ont tous accueilli au moins une concertation.\n"
    assert [(name, low) for name, low, _ in figures(text, "tarn.txt") if name == "region.meetings"] == [
        ("region.meetings", 47)]
    assert not [f for f in findings(text, "tarn.txt") if f[0].startswith("CNR2")]


def test_at_least_two_meetings_is_still_a_count() -> None:
    text = HEAD + "Le Tarn a accueilli au moins deux réunions de concertation.\n"
    assert any(name.endswith("meetings") and low == 2 for name, low, _ in figures(text, "tarn.txt"))


BOX = ("Les chiffres clés en Occitanie\n"
       "                                  2023           2024\n"
       "    Indicateur régional\n"
       "                             (au 30 sept.) (au 30 sept.)\n"
       "Réunions de concertation            47             47\n"
       "Crédits engagés par l'ARS 3 800 000 € 7 200 000 €\n")


def test_two_amounts_side_by_side_in_a_year_column_row_give_no_budget() -> None:
    found = dossier(HEAD + "\n\n" + BOX, "tarn.txt").figures
    assert not [f for f in found if f.name == "region.budget"]


def test_a_value_after_a_date_on_the_line_before_is_no_value_side_by_side() -> None:
    # a key-figure box whose lines a paragraph joins: the year ends a date, the number after it
    # is the next line's value and states its figure
    box = ("L'OCCITANIE, DEUX ANS APRÈS\n"
           "     52     réunions de concertation depuis novembre 2022\n"
           "     3 100  participants environ (élus, soignants, usagers)\n")
    source = decode((HEAD + "\n\n" + box).encode("utf-8"), "tarn.txt")
    parsed = parse(source)
    for profile in (PROFILE, _every_pattern_tried(PROFILE)):  # whichever numbers patterns are tried on
        found = extract.extract(source, parsed, profile, CONTEXT.reference).figures
        assert 3_100 in [f.low for f in found if f.name == "region.participants"]


def test_an_amount_and_its_sentence_still_give_the_budget() -> None:
    text = HEAD + "Plus de 3 800 000 € ont été engagés par l'ARS Occitanie en 2023, et 7 200 000 € depuis.\n"
    found = dossier(text, "tarn.txt").figures
    assert [f.low for f in found if f.name == "region.budget"] == [3_800_000, 7_200_000]


def test_the_blind_tarn_dossiers_raise_no_cross_dossier_alarm_on_these_lines() -> None:
    paths = [BLIND / "tarn-2023.txt", BLIND / "tarn-2024.txt"]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        names = [(f.name, f.span.line) for f in dossier(text, path.name).figures]
        assert ("region.meetings", 11) not in names
        assert ("region.budget", 24) not in names


def test_a_count_of_realised_projects_states_no_list_of_projects() -> None:
    text = (BLIND / "haute-garonne-2024.txt").read_text(encoding="utf-8")
    stated = [(lst.stated, lst.span.line) for lst in dossier(text, "haute-garonne-2024.txt").lists
              if lst.name == "department.projects"]
    assert stated == [(8, 40)]  # not the 77 realised "la région compte" on line 73


def test_a_verb_of_counting_before_all_the_projects_still_states_the_list() -> None:
    text = ("CNR SANTÉ DANS LE GERS : 2 ANS APRÈS\n\nGERS (32)\n\n"
            "Le département compte 2 projets.\n\n"
            "- Une maison de santé à Auch – réalisé\n- Un bus de prévention – en cours\n")
    (found,) = [lst for lst in dossier(text, "gers.txt").lists if lst.name == "department.projects"]
    assert found.stated == 2 and len(found.entries) == 2


def test_a_status_header_cell_on_a_line_of_its_own_is_no_project() -> None:
    # A text export lays the table "Projet (porteur) | Avancement" out a cell a line.
    text = ("CNR SANTÉ DANS LE NORD : 2 ANS APRÈS\n\nNORD (59)\n\n"
            "Deux projets concrets en sont issus.\n\nProjet (porteur)\n\nAvancement\n\n"
            "Centre de soins non programmés de Maubeuge (CH de Sambre-Avesnois)\n\nRéalisé\n\n"
            "Bus santé itinérant dans l'Avesnois (CPTS Sud Avesnois)\n\nEn cours\n")
    (found,) = [lst for lst in dossier(text, "nord.txt").lists if lst.name == "department.projects"]
    assert [(e.title, e.statuses) for e in found.entries] == [
        ("Centre de soins non programmés de Maubeuge (CH de Sambre-Avesnois)", ("Réalisé",)),
        ("Bus santé itinérant dans l'Avesnois (CPTS Sud Avesnois)", ("En cours",))]
    assert not [f for f in findings(text, "nord.txt") if f[0] in ("CNR101", "CNR104")]
