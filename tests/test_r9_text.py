"""Plain-text dossiers (a PDF's `pdftotext -layout` or Word's "text only"): a legend in words
under a project table, a caption over it, a table row the export did not lay out in columns, a
key-figures box with a column a year whose cells hold "realised / in progress" pairs, and
projects "engagés" counted as in progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_other_hands import dossier, findings

BLIND = Path(__file__).parent.parent / "fixtures" / "blind" / "normandie-saint-lo" / "dossiers"

HEAD = ("DOSSIER DE PRESSE CNR SANTÉ DANS LE CALVADOS : 1 AN APRÈS\n\n"
        "27 réunions de concertation se sont tenues dans la région. 38 projets ont émergé de ces échanges.\n\n"
        "CALVADOS (14)\n"
        "Dans le Calvados, 6 réunions de concertation se sont tenues.\n")
LEGEND = "Terminé / Opérationnel : projet réalisé. Démarré / Phase d'étude : projet en cours.\n"


def table(*rows: tuple[str, str, str]) -> str:
    lines = [f"{'N°':<6}{'Projet':<50}{'Commune':<22}Avancement"]
    lines += [f"{number:<6}{title:<50}{town:<22}{status}" for number, (title, town, status) in enumerate(rows, 1)]
    return "\n".join(lines) + "\n"


THREE = (("Maison médicale de garde", "Lisieux", "Opérationnel"),
         ("Antenne du centre de santé", "Vire Normandie", "Terminé"),
         ("Bus de prévention itinérant", "Falaise", "Phase d'étude"))


def projects(text: str):
    (found,) = [lst for lst in dossier(text, "calvados.txt").lists if lst.name == "department.projects"]
    return found


def test_a_legend_in_words_under_the_table_is_no_project() -> None:
    text = HEAD + "Ces échanges ont fait émerger 3 projets concrets.\n\nLes projets, un par un\n\n" + table(*THREE) + LEGEND
    found = projects(text)
    assert [(e.title, e.statuses) for e in found.entries] == [
        ("1", ("Opérationnel",)), ("2", ("Terminé",)), ("3", ("Phase d'étude",))]
    assert not [f for f in findings(text, "calvados.txt") if f[0] == "CNR101"]


def test_a_table_listing_more_projects_than_stated_is_found() -> None:
    text = HEAD + "Ces échanges ont fait émerger 2 projets concrets.\n\nLes projets, un par un\n\n" + table(*THREE) + LEGEND
    assert ("CNR101", 7) in findings(text, "calvados.txt")


def test_a_row_not_laid_out_in_columns_leaves_the_rows_not_told_apart() -> None:
    rows = table(*THREE).splitlines()
    rows[2] = "2 Antenne du centre de santé Vire Normandie Terminé"  # the export lost its columns
    text = (HEAD + "Ces échanges ont fait émerger 3 projets concrets.\n\nLes projets, un par un\n\n"
            + "\n".join(rows) + "\n" + LEGEND)
    assert not [f for f in findings(text, "calvados.txt") if f[0] == "CNR101"]


@pytest.mark.parametrize("legend", [
    "Légende : réalisé, en cours.",  # no statuses keyed to a meaning
    "Maison de santé : réalisé. Bus : en cours.",  # titles, not statuses, before the colons
])
def test_lines_that_are_no_key_in_words(legend: str) -> None:
    from cnr_lint.extract import _is_status_key
    from test_other_hands import CONTEXT
    assert not _is_status_key(legend, CONTEXT.profile)


def test_a_box_with_a_column_a_year_gives_no_undated_realised_count() -> None:
    box = ("L'ESSENTIEL\n"
           f"{'':<60}2023{'':<20}2024\n"
           f"{'Réunions de concertation en Normandie':<60}27{'':<22}27\n"
           f"{'Projets réalisés / en cours':<60}12 / 26{'':<17}19 / 19\n\n")
    text = box + HEAD
    names = [f.name for f in dossier(text, "calvados.txt").figures]
    assert "region.projects.realised" not in names


def test_projects_engaged_are_in_progress_and_their_sum_is_checked() -> None:
    text = HEAD + "Ces échanges ont fait émerger 7 projets concrets.\nAu 31 octobre 2023, 2 sont terminés ou opérationnels et 4 sont engagés.\n"
    assert ("CNR102", 8) in findings(text, "calvados.txt")


def test_the_saint_lo_dossiers_give_no_count_mismatch_from_their_legend() -> None:
    found = [(path.name, code) for path in sorted(BLIND.glob("*.txt"))
             for code, _ in findings(path.read_text(encoding="utf-8"), path.name) if code == "CNR101"]
    assert found == [("orne-2023.txt", "CNR101")]  # its table lists 7 projects for 6 stated


def test_projects_run_together_without_blank_lines_are_not_told_apart() -> None:
    # Word's "text only" export: each project a title, a sentence, a status sentence, the next
    # one on the following line with no blank line between: one block, no count to compare.
    text = (HEAD + "Ils ont débouché sur quatre projets concrets, dont trois sont réalisés et un en cours.\n\n"
            "Les projets, un par un\n"
            "Bus santé de l'Avesnois. Il dessert chaque semaine quinze communes rurales. Réalisé.\n"
            "Médiateurs en santé à Roubaix. Six médiateurs sont désormais en poste dans les quartiers\n"
            "prioritaires : le projet est réalisé.\n"
            "Logements pour internes à Hazebrouck. La résidence affiche complet. Réalisé.\n"
            "Guichet unique d'installation. Il accompagne les professionnels. Le projet est en cours.\n")
    assert not [f for f in findings(text, "nord.txt") if f[0] == "CNR101"]
