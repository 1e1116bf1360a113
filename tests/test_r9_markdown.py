"""Markdown dossiers by other hands (round 9): projects written as a task list ("- [x]", "- [ ]")
whose boxes a legend line explains, and the legend line itself, which is no project."""

from __future__ import annotations

from test_other_hands import dossier, findings
from test_sixth_hands import projects

TITLE = "# CNR santé dans la Nièvre : 2 ans après\n\n*Nevers, le mardi 19 novembre 2024*\n\n"
KEY_FIGURES = ("## En région\n\n- 40 réunions de concertation se sont tenues dans la région.\n"
               "- 80 projets ont émergé.\n\n")
PART = "## Dans la Nièvre\n\nTrois projets concrets sont suivis.\n\n"


def test_a_task_list_takes_its_statuses_from_its_legend() -> None:
    text = (TITLE + KEY_FIGURES + PART + "Légende : [x] projet réalisé – [ ] projet en cours\n\n"
            "- [x] Un centre de santé à Clamecy\n- [ ] Un bus de dépistage (Cosne)\n- [X] Des internes à Nevers\n")
    listed = projects(text)
    assert [entry.title for entry in listed.entries] == [
        "Un centre de santé à Clamecy", "Un bus de dépistage (Cosne)", "Des internes à Nevers"]
    assert [entry.status for entry in listed.entries] == ["realised", "in_progress", "realised"]
    assert findings(text) == []


def test_the_legend_may_say_what_the_empty_box_means_in_other_words() -> None:
    text = (TITLE + KEY_FIGURES + PART + "[ ] en chantier · [x] livré\n\n"
            "- [ ] Un bus de dépistage\n- [x] Un centre de santé\n- [x] Des internes à Nevers\n")
    assert [entry.status for entry in projects(text).entries] == ["in_progress", "realised", "realised"]


def test_without_a_legend_a_box_means_what_the_profile_marks_say() -> None:
    # A legend says what the boxes mean; without one, the profile's status marks do ("[x]" done,
    # "[ ]" not done yet, which in a list split into realised and in progress is in progress).
    text = TITLE + KEY_FIGURES + PART + "- [x] Un centre de santé\n- [ ] Un bus de dépistage\n- [x] Des internes\n"
    assert [entry.status for entry in projects(text).entries] == ["realised", "in_progress", "realised"]


def test_a_box_and_a_status_after_the_title_that_disagree_give_none() -> None:
    text = (TITLE + KEY_FIGURES + PART + "Légende : [x] réalisé – [ ] en cours\n\n"
            "- [x] Un centre de santé\n- [x] Un bus de dépistage – en cours\n- [ ] Des internes\n")
    listed = projects(text)
    assert [entry.status for entry in listed.entries] == ["realised", None, "in_progress"]
    assert listed.entries[1].title == "Un bus de dépistage"


def test_a_count_naming_the_region_in_a_departments_dossier_is_no_list_of_its_own() -> None:
    # The department's "onze projets" is its list; the recap of the region's, whose sentence
    # names the region after the count, is not a second list of the department's.
    text = ("# CNR santé dans le Doubs : 2 ans après\n\n*Besançon, le mardi 19 novembre 2024*\n\n"
            "## Dans le Doubs\n\nOnze projets sont suivis par la délégation départementale.\n\n"
            "## En résumé\n\nDepuis octobre 2022, 87 projets ont vu le jour en Bourgogne-Franche-Comté.\n")
    listed = [found for found in dossier(text).lists if found.name == "department.projects"]
    assert [found.stated for found in listed] == [11]
    assert not [code for code, _ in findings(text) if code == "CNR205"]


def test_entries_under_status_headings_keep_the_headings_status_beside_their_own() -> None:
    # "### Les projets aboutis" gives its status to the bold titles under it; one that states
    # its own as well ("Statut : en cours") has two, which disagree (CNR104), and the entries
    # after it, under the same heading and the next, are still counted.
    text = (TITLE + KEY_FIGURES + "## Dans la Nièvre\n\nQuatre projets concrets sont suivis.\n\n"
            "### Les projets aboutis\n\n**Clamecy — un centre de santé**\nIl a ouvert en mai.\n\n"
            "**Cosne — une navette**\nLes rotations ont commencé.\nStatut : en cours\n\n"
            "**Nevers — des ateliers**\nTrente ateliers animés.\n\n"
            "### Les projets en chantier\n\n**Decize — des logements**\nDeux sur trois sont livrés.\n")
    listed = projects(text)
    assert [entry.status for entry in listed.entries] == ["realised", None, "realised", "in_progress"]
    assert [code for code, _ in findings(text) if code in ("CNR101", "CNR104")] == ["CNR104"]
