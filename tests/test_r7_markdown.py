"""Markdown dossiers by other hands (round 7): front matter in French, key-figure tables with a
column of changes, statuses in the officers' words, a legend of the marks, a summary table
recalling last year's column. Each test a dossier of its own, in words of its own."""

from __future__ import annotations

from test_other_hands import dossier, figures, findings
from test_sixth_hands import projects

TITLE = "# CNR santé dans la Nièvre : 2 ans après\n\n*Nevers, le mardi 19 novembre 2024*\n\n"
KEY_FIGURES = ("## En région\n\n- 40 réunions de concertation se sont tenues dans la région.\n"
               "- 80 projets ont émergé.\n\n")


# -- front matter ---------------------------------------------------------------------------------


def test_front_matter_in_french_keys_is_read_and_not_reported() -> None:
    text = ("---\ntitre: \"CNR santé dans la Nièvre\"\nPublié: 2024-11-18\nrégion: Bourgogne-Franche-Comté\n"
            "département: Nièvre\nauteur: service communication\nrubrique: presse\n---\n\n"
            "# CNR santé dans la Nièvre : 2 ans après\n\nQuarante réunions de concertation se sont tenues.\n")
    read = dossier(text)
    assert (read.published, read.region, read.department) == ("2024-11-18", "Bourgogne-Franche-Comté", "Nièvre")
    assert findings(text) == []


def test_a_french_key_written_without_accent_or_with_underscores_is_read() -> None:
    text = ("---\npublie: 2024-11-18\ndate_de_publication: 2024-11-18\n---\n\n"
            "# CNR santé dans la Nièvre : 2 ans après\n\nQuarante réunions de concertation se sont tenues.\n")
    assert dossier(text).published == "2024-11-18"
    # two keys for one: the second is noted, which of them the dossier means is not known
    assert findings(text) == [("CNR006", 3)]


def test_a_misspelt_key_is_still_reported_and_a_bad_french_value_too() -> None:
    text = ("---\nregoin: Bourgogne-Franche-Comté\ndépartement: Nièvres-et-Loire\n---\n\n"
            "# CNR santé dans la Nièvre : 2 ans après\n\nQuarante réunions de concertation se sont tenues.\n")
    assert findings(text) == [("CNR006", 2), ("CNR006", 3)]
    assert dossier(text).department == "Nièvre"  # the title's, the front matter's value left out


# -- key-figure tables ------------------------------------------------------------------------


def test_a_column_of_signed_changes_gives_no_figure() -> None:
    text = (TITLE + "| Chiffre | Ce qu'il recouvre | Évolution |\n|---|---|---|\n"
            "| 40 | réunions de concertation | = |\n"
            "| 31 | projets réalisés au 31 octobre 2024 | +12 (19 en 2023) |\n"
            "| 17 | projets en cours au 31 octobre 2024 | −9 |\n"
            "| 4,2 M€ | engagés par l'ARS depuis 2023 | +1,3 M€ |\n")
    found = figures(text)
    assert ("region.projects.realised", 31, None) in found
    assert ("region.projects.in_progress", 17, None) in found
    assert [low for name, low, _ in found if name == "region.budget"] == [4_200_000]
    assert not any(low in (12, 9, 1_300_000) for _, low, _ in found)
    assert findings(text) == []


def test_a_hyphen_inside_a_word_still_leaves_its_number_alone() -> None:
    text = TITLE + "- Réunions de concertation : 12\n- Projets réalisés en lien avec la Covid-19 : 5\n"
    assert ("region.meetings", 12, None) in figures(text)


# -- statuses ------------------------------------------------------------------------------------


def test_statuses_of_a_pilot_phase_and_of_ca_avance_are_in_progress() -> None:
    text = (TITLE + KEY_FIGURES + "## Dans la Nièvre\n\nTrois projets concrets sont suivis.\n\n"
            "1. **Un bus de dépistage** — en phase pilote\n2. **Des internes à Cosne** — ça avance\n"
            "3. **Un centre de santé à Clamecy** — c'est fait\n")
    assert [entry.status for entry in projects(text).entries] == ["in_progress", "in_progress", "realised"]
    assert findings(text) == []


def test_a_legend_of_the_marks_is_no_project() -> None:
    text = (TITLE + KEY_FIGURES + "## Dans la Nièvre\n\nTrois projets concrets sont suivis.\n\n"
            "Légende : ✅ réalisé — 🔄 en cours\n\n"
            "- ✅ **Un centre de santé à Clamecy.** Il a ouvert en mai.\n"
            "- 🔄 **Un bus de dépistage.** Il roulera au printemps.\n"
            "- 🔄 **Des internes à Cosne.** Deux logements sont trouvés.\n")
    listed = projects(text)
    assert len(listed.entries) == 3 and not any("Légende" in entry.title for entry in listed.entries)
    assert [entry.status for entry in listed.entries] == ["realised", "in_progress", "in_progress"]
    assert findings(text) == []


def test_a_line_of_one_mark_and_its_words_is_still_a_project() -> None:
    text = (TITLE + KEY_FIGURES + "## Dans la Nièvre\n\nDeux projets concrets sont suivis.\n\n"
            "- ✅ Un centre de santé à Clamecy\n- 🔄 Un bus de dépistage\n")
    assert [entry.status for entry in projects(text).entries] == ["realised", "in_progress"]


def test_counts_are_not_derived_from_a_list_missing_a_status_or_a_project() -> None:
    # The text's own "deux réalisés" is compared with the table's row; the list, which leaves
    # a project's status out (CNR104), is not counted as "1 listed as realised" against them.
    text = (TITLE + KEY_FIGURES + "## Dans la Nièvre\n\nTrois projets concrets sont suivis, dont deux réalisés.\n\n"
            "1. **Un centre de santé à Clamecy** — réalisé\n2. **Un bus de dépistage**\n"
            "3. **Des internes à Cosne** — en cours\n\n"
            "## Les départements\n\n| Département | Réalisés |\n|---|---|\n| Nièvre | 2 |\n| Yonne | 4 |\n")
    assert not projects(text).counts_statuses
    assert [code for code, _ in findings(text)] == ["CNR104"]
    # a project left out of the list (CNR101): its counts are no more known
    text = text.replace("3. **Des internes à Cosne** — en cours\n", "").replace("2. **Un bus de dépistage**\n",
                                                                                 "2. **Un bus de dépistage** — réalisé\n")
    assert not projects(text).counts_statuses
    assert [code for code, _ in findings(text)] == ["CNR101"]


# -- summary tables -----------------------------------------------------------------------------


def test_a_column_recalling_last_years_figures_is_of_the_campaign_before() -> None:
    text = ("# CNR santé en Bourgogne-Franche-Comté : 2 ans après\n\n*Dijon, le jeudi 21 novembre 2024*\n\n"
            "| Département | Réunions | Projets | Réalisés | En cours | Projets (rappel 2023) |\n"
            "|---|---|---|---|---|---|\n"
            "| Nièvre | 4 | 7 | 4 | 3 | 6 |\n| Yonne | 4 | 7 | 5 | 2 | 5 |\n| Jura | 3 | 6 | 4 | 2 | 6 |\n")
    compared = [(name, low, department) for name, low, department in figures(text) if name == "department.projects"]
    assert sorted(compared) == [("department.projects", 6, "Jura"), ("department.projects", 7, "Nièvre"),
                                ("department.projects", 7, "Yonne")]
    recalled = [f for f in dossier(text).figures if f.name == "department.projects" and not f.compared]
    assert len(recalled) == 3 and all(f.as_of_text == "2023" for f in recalled)
    assert findings(text) == []


# -- figures -------------------------------------------------------------------------------------


def test_a_part_of_a_total_is_not_the_total() -> None:
    # "cinq des sept projets nés…": five of the seven, neither the count that emerged
    text = (TITLE + "Deux ans après, cinq des sept projets nés des concertations fonctionnent.\n\n"
            "- 40 réunions de concertation se sont tenues dans la région.\n- 80 projets ont émergé.\n")
    assert [low for name, low, _ in figures(text) if name == "region.projects.emerged"] == [80]
    assert findings(text) == []


def test_parts_said_delivered_and_still_moving_are_realised_and_in_progress() -> None:
    text = (TITLE + KEY_FIGURES + "## Dans la Nièvre\n\n"
            "Résultat : douze projets concrets, dont huit sont livrés et cinq avancent encore.\n")
    found = figures(text)
    assert ("department.projects.realised", 8, "Nièvre") in found
    assert ("department.projects.in_progress", 5, "Nièvre") in found
    assert ("CNR102", 12) in findings(text)


# -- dates --------------------------------------------------------------------------------------


def test_a_weekday_with_a_day_and_month_in_digits_takes_the_year_around_the_publication() -> None:
    # Published on Tuesday 19 November 2024: "jeudi 21/11" is right, "mercredi 26/11" is not,
    # and "mardi 14/01" is in 2025, a Tuesday; an older full date does not give them its year.
    text = (TITLE + "La première réunion s'est tenue le jeudi 24 novembre 2022.\n\n## À noter\n\n"
            "- le jeudi 21/11 : visite du centre de santé.\n- le mercredi 26/11 : comité.\n"
            "- le mardi 14/01 : bilan.\n")
    assert [(m.text, m.period.start.isoformat()) for m in dossier(text).dates if "/" in m.text] == [
        ("jeudi 21/11", "2024-11-21"), ("mercredi 26/11", "2024-11-26"), ("mardi 14/01", "2025-01-14")]
    assert findings(text) == [("CNR105", 10)]


def test_a_day_and_month_in_digits_without_a_weekday_or_a_publication_day_is_no_date() -> None:
    text = "# CNR santé dans la Nièvre : 2 ans après\n\n- le 20/11 : visite.\n- le jeudi 21/11 : comité.\n"
    assert [m.text for m in dossier(text).dates if "/" in m.text] == []
    # far from the publication day, its year is not known
    text = TITLE + "- le jeudi 21/05 : comité.\n- le 20/11 : visite.\n"
    assert [m.text for m in dossier(text).dates if "/" in m.text] == []


def test_projects_under_construction_are_in_progress_figures() -> None:
    text = (TITLE + KEY_FIGURES + "## Dans la Nièvre\n\n"
            "Neuf projets concrets sont suivis : quatre sont opérationnels, six en construction.\n")
    assert ("department.projects.in_progress", 6, "Nièvre") in figures(text)
    assert ("CNR102", 12) in findings(text)
