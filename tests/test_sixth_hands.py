"""Dossiers of the sixth round's new hands read right (Word files, website Markdown): each test a
layout or a phrasing that a new corpus showed cnr-lint misreading, in words of its own."""

from __future__ import annotations

from test_other_hands import dossier, figures, findings

TITLE = "# CNR santé dans la Drôme : 2 ans après\n\nValence, le mardi 19 novembre 2024\n\n"
KEY_FIGURES = ("## L'essentiel\n\n- Quarante réunions de concertation se sont tenues dans la région.\n"
               "- Quatre-vingts projets ont émergé.\n")


def projects(text: str):
    [found] = [entry_list for entry_list in dossier(text).lists if entry_list.name == "department.projects"]
    return found


def test_a_key_figure_opening_on_the_department_is_read_as_its_part_reads_it() -> None:
    # Among the region's figures, "Dans la Drôme, …" makes the sentence the department's, where
    # "réunions" alone counts the meetings.
    text = TITLE + KEY_FIGURES + "- Dans la Drôme, 45 réunions se sont tenues.\n"
    assert ("department.meetings", 45, "Drôme") in figures(text)
    assert ("CNR106", 9) in findings(text)


def test_a_key_figure_naming_another_department_is_not_the_dossiers() -> None:
    text = TITLE + KEY_FIGURES + "- Dans l'Ardèche, 4 réunions se sont tenues.\n"
    assert not any(name == "department.meetings" for name, _, _ in figures(text))


def test_the_first_item_with_a_status_not_understood_is_an_entry_beside_items_stating_theirs() -> None:
    text = (TITLE + KEY_FIGURES + "\n## Dans la Drôme\n\nTrois projets concrets ont vu le jour.\n\n"
            "## Où en sont les projets ?\n\n1. Une maison de garde à Die : reçoit ses patients\n"
            "2. Un bus santé dans le Diois : réalisé\n3. Des internes à Montélimar : en cours\n")
    listed = projects(text)
    assert [entry.title for entry in listed.entries][0] == "Une maison de garde à Die"
    assert [entry.status for entry in listed.entries] == [None, "realised", "in_progress"]
    # its words are not a status cnr-lint knows: not understood, never "no status"
    assert findings(text) == []


def test_a_dated_plan_after_the_colon_is_a_status_not_understood_not_a_missing_one() -> None:
    text = (TITLE + KEY_FIGURES + "\n## Dans la Drôme\n\nTrois projets concrets ont vu le jour.\n\n"
            "1. Un bus santé dans le Diois : réalisé\n2. Des internes à Montélimar : en cours\n"
            "3. Une équipe mobile à Romans : démarrage prévu en 2026\n")
    listed = projects(text)
    assert listed.entries[2].statuses == ("démarrage prévu en 2026",)
    assert findings(text) == []


def test_a_labelled_status_with_a_long_comment_is_not_understood_rather_than_missing() -> None:
    text = (TITLE + KEY_FIGURES + "\n## Dans la Drôme\n\nDeux projets concrets ont vu le jour.\n\n"
            "### Un centre de santé à Nyons\n\nÉtat : réalisé\n\n"
            "### Un groupe d'entraide à Crest\n\n"
            "Où en est-on : les travaux commencent dans les locaux de l'ancienne gare, prêtés par la commune.\n")
    assert findings(text) == []


def test_a_count_of_the_departments_a_paragraph_names_is_theirs_not_the_regions() -> None:
    text = (TITLE + "Ce bilan complète les dossiers de trois départements (Drôme, Ardèche et Isère), "
            "en ligne sur le site de l'agence.\n")
    assert not any(name == "region.departments" for name, _, _ in figures(text))
    assert findings(text) == []


def test_a_count_of_the_regions_departments_stays_the_regions_when_one_is_forgotten() -> None:
    text = TITLE + "Les trois départements de la région (Drôme, Ardèche et Isère) ont tous tenu leurs réunions.\n"
    assert ("CNR107", 5) in findings(text)


def test_front_matter_naming_the_region_as_department_is_the_regions_dossier() -> None:
    text = ("---\ndepartment: Auvergne-Rhône-Alpes (toute la région)\n---\n\n"
            "# CNR santé en Auvergne-Rhône-Alpes : 2 ans après\n\n" + KEY_FIGURES)
    found = dossier(text)
    assert found.department is None and found.region == "Auvergne-Rhône-Alpes"
    assert findings(text) == []
