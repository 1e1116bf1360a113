"""Dossiers of the fourth round's new hands read right: each test a layout or a header that a
new corpus showed cnr-lint misreading, in words of its own."""

from __future__ import annotations

import pytest

from test_other_hands import dossier, figures, findings

REGIONAL = "En Bretagne, 18 réunions de concertation se sont tenues et 34 projets ont émergé.\n\n"


@pytest.mark.parametrize("title", [
    "# Conseil national de la refondation en santé – Le Finistère, un an après",
    "# Conseil national de la refondation en santé : le Finistère, 1 an après",
    "## Conseil national de la refondation (CNR) santé — Finistère, un an après",
])
def test_the_full_name_of_the_cnr_titles_a_dossier(title: str) -> None:
    found = dossier(f"{title}\n\nQuimper, le jeudi 16 novembre 2023\n\n{REGIONAL}")
    assert (found.department, found.campaign) == ("Finistère", "1 an après 2023")


def test_the_publication_line_may_follow_the_agencys_name_in_its_block() -> None:
    text = ("# CNR santé dans le Finistère : 2 ans après\n\n"
            "**Dossier de presse – ARS Bretagne**\nConférence de presse à Quimper, mardi 19 novembre 2024\n\n"
            "- **36** réunions depuis octobre 2022\n- **40** réalisés au 30 septembre 2024\n")
    assert dossier(text).published == "2024-11-19"


def test_a_long_header_line_ending_with_its_date_is_the_publication() -> None:
    text = ("# CNR santé dans le Finistère : 2 ans après\n\n"
            "*Dossier de presse | Agence régionale de santé Bretagne | Quimper, lundi 18 novembre 2024*\n\n"
            + REGIONAL)
    assert dossier(text).published == "2024-11-18"


def test_a_key_figure_dated_by_its_period_is_no_publication_date() -> None:
    # Without a header date, the bullet's "depuis octobre 2022" must not date the dossier (it
    # would then be of a campaign of 2022).
    text = ("# CNR santé dans le Finistère : 2 ans après\n\n"
            "- **36** réunions de concertation depuis octobre 2022\n- **2 000** participants\n")
    assert dossier(text).published is None


@pytest.mark.parametrize("heading", ["## 2. Dans le Finistère", "## II. Dans le Finistère",
                                     "## Ce qui s'est passé dans le Finistère", "## 2.1 Le Finistère"])
def test_a_numbered_or_worded_heading_opens_the_departments_part(heading: str) -> None:
    text = ("# CNR santé dans le Finistère : 1 an après\n\n## 1. Le CNR santé en Bretagne\n\n" + REGIONAL
            + f"{heading}\n\nSix réunions ont été organisées et 5 projets ont émergé.\n\n"
            "## 3. Perspectives\n\nLa démarche se poursuit.\n")
    found = figures(text)
    assert ("department.meetings", 6, "Finistère") in found
    assert ("region.meetings", 18, None) in found
    assert not any(name == "region.meetings" and value == 6 for name, value, _ in found)


def test_a_numbered_section_end_closes_the_part() -> None:
    text = ("# CNR santé dans le Finistère : 1 an après\n\n" + REGIONAL + "## 2. Dans le Finistère\n\n"
            "Six réunions ont été organisées.\n\n## 3. Perspectives\n\n"
            "En Bretagne, 18 réunions de concertation ont été organisées.\n")
    found = figures(text)
    assert found.count(("region.meetings", 18, None)) == 2


def test_a_figure_at_the_start_of_a_heading_is_no_outline_number() -> None:
    text = ("# CNR santé dans le Finistère : 1 an après\n\n" + REGIONAL
            + "## 12 réunions dans le Finistère\n\nLes échanges ont été riches.\n")
    assert dossier(text).department == "Finistère"
    assert ("region.meetings", 18, None) in figures(text)



def _run_in_projects(stated: str, endings: list[str]) -> str:
    paragraphs = "".join(
        f"**Projet {number} : une action à Brest.** Les professionnels se sont organisés{ending}\n\n"
        for number, ending in enumerate(endings, start=1)
    )
    return ("# CNR santé dans le Finistère : 1 an après\n\n" + REGIONAL + "## Dans le Finistère\n\n"
            f"{stated} projets concrets ont vu le jour.\n\n" + paragraphs + "## Et maintenant ?\n\nLa suite.\n")


def test_paragraphs_opening_with_a_bold_title_are_entries() -> None:
    text = _run_in_projects("Quatre", [" : projet réalisé.", " : projet en cours.", " : projet réalisé."])
    projects = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    assert [(lst.stated, len(lst.entries)) for lst in projects] == [(4, 3)]
    assert "CNR101" in [code for code, _ in findings(text)]


def test_run_in_entries_whose_statuses_are_not_read_are_not_counted_against_the_stated_number() -> None:
    # Five projects, each described in prose; only two end with a status cnr-lint reads: the
    # list is not told apart, so no CNR101 "5 stated, 2 listed".
    text = _run_in_projects("Cinq", [" : projet réalisé.", ", et la démarche se poursuit.",
                                      ", comme prévu.", " : projet en cours.", " depuis juin."])
    assert [code for code, _ in findings(text)] == []


def test_a_box_in_a_block_quote_after_the_list_is_no_entry() -> None:
    text = ("# CNR santé dans le Finistère : 1 an après\n\n" + REGIONAL + "## Dans le Finistère\n\n"
            "Deux projets concrets ont vu le jour.\n\n### Les projets\n\n"
            "1. Une maison de santé – Brest – réalisé\n2. Un bus de prévention – Morlaix – en cours\n\n"
            "> **Zoom sur… le bus de prévention**\n>\n> Il sillonne le département depuis mars.\n\n"
            "## Et maintenant ?\n\nLa suite.\n")
    projects = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    assert [(lst.stated, len(lst.entries)) for lst in projects] == [(2, 2)]
    assert findings(text) == []


@pytest.mark.parametrize("label", ["Réunions de concertation (2022-2025)", "Réunions de concertation 2022–2025",
                                   "Réunions de concertation, saison 2024/2025"])
def test_a_period_of_years_in_a_label_is_no_value(label: str) -> None:
    text = ("# CNR santé dans le Finistère : 3 ans après\n\n| Indicateur | Valeur |\n|---|---|\n"
            f"| {label} | 32 |\n| Participants | 2 600 |\n")
    values = [value for name, value, _ in figures(text) if name == "region.meetings"]
    assert all(value == 32 for value in values)


KEY_FIGURES_TITLE = "CNR SANTÉ DANS LES VOSGES\n1 an après\n==========\n\nLe bilan régional\n-----------------\n"


def test_a_value_before_its_label_after_a_dot_leader_is_read() -> None:
    text = KEY_FIGURES_TITLE + " * 62 .......... projets ont émergé\n * 41 .......... projets en cours de déploiement\n"
    found = figures(text, "vosges.txt")
    assert ("region.projects.emerged", 62, None) in found
    assert ("region.projects.in_progress", 41, None) in found


def test_every_part_line_under_a_label_is_read_as_its_part() -> None:
    text = KEY_FIGURES_TITLE + ("Projets ayant émergé ........ 62\n  dont réalisés (au 31/10/2023) ........ 21\n"
                                "  dont en cours (au 31/10/2023) ........ 41\n")
    found = figures(text, "vosges.txt")
    assert ("region.projects.realised", 21, None) in found
    assert ("region.projects.in_progress", 41, None) in found


def test_an_ellipsis_in_brackets_is_no_dot_leader() -> None:
    # "[...] En cours" under each project of a text export: a mark before the status, not a
    # table's cells (which swallowed the projects between two such lines).
    projects = "".join(
        f"{number}) Projet numéro {number} à Colmar\n   Une description du projet.\n   {mark}\n\n"
        for number, mark in enumerate(["[✔] Réalisé", "[...] En cours", "[✔] Réalisé", "[...] En cours"], start=1)
    )
    text = ("CNR santé dans le Haut-Rhin : 1 an après\n\nDANS LE HAUT-RHIN\n\n"
            "Les débats ont donné naissance à 4 projets concrets :\n\n" + projects + "Et maintenant ?\n\nLa suite.\n")
    found = dossier(text, "haut-rhin.txt")
    [projects_list] = [lst for lst in found.lists if lst.name == "department.projects"]
    assert [entry.status for entry in projects_list.entries] == ["realised", "in_progress", "realised", "in_progress"]
    assert findings(text, "haut-rhin.txt") == []


@pytest.mark.parametrize("bullet", ["o", "▪", "■", "◦", "\uf0a7"])
def test_word_bullets_in_a_text_export_are_list_markers(bullet: str) -> None:
    text = ("CNR santé dans le Haut-Rhin : 1 an après\n\nDANS LE HAUT-RHIN\n\n"
            "Les échanges ont fait ressortir trois défis :\n"
            f" {bullet} l'accès aux soins ;\n {bullet} les urgences ;\n {bullet} la prévention.\n\nEt maintenant ?\n")
    [challenges] = [lst for lst in dossier(text, "haut-rhin.txt").lists if lst.name == "department.challenges"]
    assert [entry.title.rstrip(" ;.") for entry in challenges.entries] == ["l'accès aux soins", "les urgences", "la prévention"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Dans le département se sont tenues 10 réunions.", ("department.meetings", 10)),
    ("Ont été organisées 8 réunions, de Brest à Quimper.", ("department.meetings", 8)),
    ("Le Finistère a accueilli 35 réunions.", ("department.meetings", 35)),
    ("De ces échanges sont nés quatre-vingt-seize projets.", ("region.projects.emerged", 96)),
])
def test_the_verb_may_come_before_the_figure(sentence: str, expected: tuple[str, int]) -> None:
    part = "## Dans le Finistère\n\n" if expected[0].startswith("department") else ""
    found = figures("# CNR santé dans le Finistère : 1 an après\n\n" + part + sentence + "\n")
    assert [(name, value) for name, value, _ in found] == [expected]


def test_a_participle_ending_the_line_above_does_not_qualify_the_next_lines_number() -> None:
    text = ("CNR santé dans le Finistère : 1 an après\n\nLE BILAN RÉGIONAL\n\n"
            "  96 projets identifiés\n  61 projets finalisés et 35 encore en cours\n")
    found = figures(text, "finistere.txt")
    assert [value for name, value, _ in found if name == "region.projects.emerged"] == [96]


def test_a_total_stated_twice_gives_one_parts_mismatch() -> None:
    text = ("# CNR santé dans le Finistère : 1 an après\n\n| Indicateur | Valeur |\n|---|---|\n"
            "| Projets issus des concertations | 96 |\n\nDe ces échanges sont nés quatre-vingt-seize projets.\n\n"
            "Au 16/11/2023, 31 projets sont réalisés et 56 sont en cours.\n")
    assert [code for code, _ in findings(text)] == ["CNR102"]


@pytest.mark.parametrize(("enumeration", "count"), [
    ("deux défis : organiser les soins non programmés, et mieux accompagner les jeunes, de part et d'autre de la frontière.", 2),
    ("trois défis : l'accès aux soins, la prévention, et la santé mentale, en lien avec les écoles.", 3),
    ("trois défis : l'accès aux soins, la prévention et la santé mentale.", 3),
])
def test_the_item_that_et_opens_is_the_last_of_an_inline_enumeration(enumeration: str, count: int) -> None:
    text = ("# CNR santé dans le Finistère : 1 an après\n\n## Dans le Finistère\n\n"
            f"Les participants se sont accordés sur {enumeration}\n")
    [challenges] = [lst for lst in dossier(text).lists if lst.name == "department.challenges"]
    assert len(challenges.entries) == count
    assert findings(text) == []


def test_a_relative_clause_qualifies_the_figure() -> None:
    text = ("# CNR santé dans le Finistère : 2 ans après\n\n"
            "Ce sont au total cent onze projets qui ont émergé des concertations.\n")
    assert ("region.projects.emerged", 111, None) in figures(text)


def test_a_sentence_opening_with_a_section_end_word_does_not_end_the_list() -> None:
    # "Après" ends a part as a heading ("Et après ?"), not as the first word of a description.
    text = ("CNR santé dans le Finistère : 1 an après\n\nDANS LE FINISTÈRE\n\n"
            "Ces discussions ont permis de faire émerger 2 projets concrets.\n\n"
            "Une maison de santé à Brest.\n\nAprès un diagnostic partagé, les médecins se sont regroupés.\n\n"
            "EN COURS\n\nUn bus de prévention à Morlaix.\n\nIl circule depuis mars.\n\nEN COURS\n\n"
            "Et après ?\n\nLa démarche se poursuit.\n")
    [projects] = [lst for lst in dossier(text, "finistere.txt").lists if lst.name == "department.projects"]
    assert (projects.stated, len(projects.entries)) == (2, 2)
    assert findings(text, "finistere.txt") == []
