"""Dossiers of two more hands (PACA, a second Normandie officer) read right, or not at all:
each test a cause one of them showed, in words of its own."""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, dossier_from_bytes

CONTEXT = Context(load_packs(()))


def dossier(text: str, path: str = "dossier.md"):
    return dossier_from_bytes(text.encode("utf-8"), path, CONTEXT)


def compared(text: str, path: str = "dossier.md") -> list[tuple[str, float]]:
    return [(f.name, f.low) for f in dossier(text, path).figures if f.compared]


def test_a_figure_of_the_campaign_its_sentence_names_is_that_campaigns() -> None:
    later = ("# CNR santé dans la Creuse : 2 ans après\n\nLimoges, le 20 novembre 2024\n\n"
             "Au 31/10/2024, 30 projets réalisés.\n\n"
             "Souvenir : au bilan « un an après », l'agence dénombrait 12 projets réalisés.\n")
    found = dossier(later)
    assert [(f.low, f.campaign) for f in found.figures if f.name == "region.projects.realised"] == [
        (30, None), (12, "1 an après 2023")]
    # In the dossier of the campaign it names, the figure is the dossier's own.
    first = ("# CNR santé dans la Creuse : 1 an après\n\nLimoges, le 20 novembre 2023\n\n"
             "Un an après le lancement, 12 projets réalisés.\n")
    assert ("region.projects.realised", 12) in compared(first)


def test_a_table_with_a_column_per_status_takes_each_rows_ticks() -> None:
    text = ("# CNR santé dans la Creuse : 1 an après\n\n## En Creuse\n\n3 projets concrets sont soutenus.\n\n"
            "| Action | Terminé | En cours |\n|---|:-:|:-:|\n"
            "| Guéret : une maison de santé | ✅ | |\n| Aubusson : un bus dentaire | | x |\n"
            "| Bourganeuf : des internes logés | ✅ | ✅ |\n")
    (projects,) = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    assert [(e.title, e.status, len(e.statuses)) for e in projects.entries] == [
        ("Guéret : une maison de santé", "realised", 1), ("Aubusson : un bus dentaire", "in_progress", 1),
        ("Bourganeuf : des internes logés", None, 2)]


def test_status_sub_headings_give_their_status_to_the_entries_under_them() -> None:
    text = ("# CNR santé dans la Creuse : 1 an après\n\n## En Creuse\n\n4 projets concrets sont soutenus.\n\n"
            "### Ce qui est fait\n\n- **Guéret – une maison de santé**\n  - 900 patients suivis.\n"
            "- **Aubusson – un bus dentaire**\n\n"
            "### Ce qui avance\n\n- **Bourganeuf – des internes logés**\n\n"
            "## Et ensuite\n\n- Un bilan au printemps.\n")
    (projects,) = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    assert [(e.title, e.status) for e in projects.entries] == [
        ("Guéret – une maison de santé", "realised"), ("Aubusson – un bus dentaire", "realised"),
        ("Bourganeuf – des internes logés", "in_progress")]
    assert [f.code for f in engine.check([dossier(text)], {"dossier.md"}, CONTEXT,
                                          engine.select_rules(CONTEXT, Config()))
            if f.code == "CNR101"] == ["CNR101"]


def test_a_part_of_a_figure_after_dont_is_not_that_figure_again() -> None:
    text = ("# CNR santé dans la Creuse : 2 ans après\n\nLimoges, le 20 novembre 2024\n\n"
            "Depuis 2023, l'agence a engagé 5,2 millions d'euros, dont 2,1 M€ la première année.\n\n"
            "41 projets ont émergé, dont 14 réalisés.\n")
    found = compared(text)
    assert [value for name, value in found if name == "region.budget"] == [5_200_000]
    assert ("region.projects.realised", 14) in found


def test_a_status_to_come_is_counted_in_progress() -> None:
    text = ("# CNR santé dans la Creuse : 1 an après\n\n## En Creuse\n\n2 projets concrets sont soutenus.\n\n"
            "1. **Guéret — une maison de santé** — **terminé**\n"
            "2. **Aubusson — un bus dentaire** — **à venir**\n")
    (projects,) = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    assert [e.status for e in projects.entries] == ["realised", "in_progress"]


def test_a_status_followed_by_a_long_comment_in_brackets_is_still_read() -> None:
    comment = "(une première tranche livrée au printemps sur le nord du département ; la seconde attendue pour 2026)"
    text = ("# CNR santé dans la Creuse : 1 an après\n\n## En Creuse\n\n2 projets concrets sont soutenus.\n\n"
            "1. **Guéret — une maison de santé** — **terminé**\n"
            f"2. **Aubusson — un bus dentaire** pour les villages — **en cours** {comment}\n")
    (projects,) = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    assert [(e.title, e.status) for e in projects.entries] == [
        ("Guéret — une maison de santé", "realised"), ("Aubusson — un bus dentaire pour les villages", "in_progress")]


def test_a_count_of_meetings_opening_a_line_of_a_departments_part_is_its_meetings() -> None:
    text = ("# CNR santé dans la Creuse : 1 an après\n\n"
            "En Nouvelle-Aquitaine, 30 réunions de concertation se sont tenues.\n\n## En Creuse\n\n"
            "- 4 réunions, de Guéret à Aubusson.\n"
            "- L'an dernier, les 3 réunions du lancement avaient ouvert la voie.\n")
    assert [(name, value) for name, value in compared(text) if "meetings" in name] == [
        ("region.meetings", 30), ("department.meetings", 4)]
