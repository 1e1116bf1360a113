"""Dossiers of the fifth round's new hands read right: each test a layout or a phrasing that a
new corpus showed cnr-lint misreading, in words of its own."""

from __future__ import annotations

from test_other_hands import dossier, figures, findings

TITLE = "# CNR santé dans le Finistère : 1 an après\n\nQuimper, le jeudi 16 novembre 2023\n\n"
REGIONAL = "En Bretagne, 18 réunions de concertation se sont tenues et 34 projets ont émergé.\n\n"
PART = "## Dans le Finistère\n\nSept réunions se sont tenues à Brest et Quimper.\n\n"


def projects(text: str):
    [found] = [entry_list for entry_list in dossier(text).lists if entry_list.name == "department.projects"]
    return found


def test_a_heading_opening_on_the_department_opens_its_part_whatever_follows_the_comma() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère, une mobilisation des quatre pays du département\n\n"
            "Sept réunions se sont tenues à Brest, Morlaix et Quimper.\n")
    found = figures(text)
    assert ("department.meetings", 7, "Finistère") in found
    assert not any(name == "region.meetings" and value == 7 for name, value, _ in found)


def test_a_figure_after_several_departments_is_theirs_not_the_regions() -> None:
    text = (TITLE + REGIONAL
            + "Pour l'ouest breton (Finistère, Morbihan, Côtes-d'Armor), les rencontres ont réuni 900 participants.\n")
    assert not any(name.endswith("participants") for name, _, _ in figures(text))
    assert findings(text) == []


def test_in_a_departments_part_a_figure_of_a_group_of_departments_is_not_its_own() -> None:
    text = (TITLE + REGIONAL + PART
            + "### Et chez nos voisins\n\nLe même travail a été conduit dans le Morbihan et les Côtes-d'Armor : "
            "11 réunions de concertation se sont tenues et 22 projets concrets en sont issus.\n")
    found = figures(text)
    assert ("department.meetings", 7, "Finistère") in found
    assert not any(value in (11, 22) for _, value, _ in found)
    # the group's 22 projects are no stated count of the Finistère's list
    assert all(entry_list.stated != 22 for entry_list in dossier(text).lists)


def test_processes_under_way_are_statuses_in_progress() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\nTrois projets concrets ont été retenus :\n\n"
            "1. Un bus de prévention — réalisé\n2. Une maison de santé — en cours de labellisation\n"
            "3. Des consultations avancées — en cours de contractualisation\n")
    listed = projects(text)
    assert [entry.status for entry in listed.entries] == ["realised", "in_progress", "in_progress"]
    assert findings(text) == []


def test_an_item_whose_status_is_not_understood_is_still_an_entry_of_the_list() -> None:
    # Under a heading, the items are the entries: the last one's words ("à relancer") are not a
    # status cnr-lint knows, but it is a project all the same, so the count of four holds.
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\nQuatre projets concrets sont portés.\n\n"
            "## Où en sont les projets ?\n\n1. Un bus de prévention — réalisé\n2. Une maison de santé — en cours\n"
            "3. Un centre de santé — réalisé\n4. Des gardes en pharmacie — à relancer\n\n## Contacts\n\nPresse.\n")
    listed = projects(text)
    assert len(listed.entries) == 4
    assert not listed.entries[-1].understood
    assert ("CNR101", 5) not in findings(text)


def test_a_count_of_the_departments_a_summary_presents_is_not_the_regions() -> None:
    summary = ("# CNR santé en Bretagne : 1 an après — synthèse de l'ouest\n\nRennes, le jeudi 16 novembre 2023\n\n"
               "## Les trois départements de l'ouest\n\n| Département | Réunions |\n|---|---|\n"
               "| Finistère | 7 |\n| Morbihan | 5 |\n| Côtes-d'Armor | 6 |\n")
    assert [code for code, _ in findings(summary, "synthese.md")] == []
    # a count that is not the number of departments the dossier names is still checked
    wrong = summary.replace("Les trois départements de l'ouest", "Dans les cinq départements de la région")
    assert [code for code, _ in findings(wrong, "synthese.md")] == ["CNR107"]


def test_a_label_may_name_the_count_of_its_noun() -> None:
    text = (TITLE + "- Nombre de réunions de concertation : 18\n- 34 : c'est le nombre de projets identifiés ;\n"
            "\n| Nombre total de participants | 900 |\n|---|---|\n")
    found = figures(text)
    assert ("region.meetings", 18, None) in found
    assert ("region.projects.emerged", 34, None) in found
    assert ("region.participants", 900, None) in found


def test_a_labels_since_date_dates_nothing() -> None:
    # "depuis le 14 novembre 2022" is where the count starts: the figure is of the dossier's
    # campaign, undated, and a department's 44 meetings are more than it.
    text = (TITLE + "- 41 : c'est le nombre de concertations organisées dans la région depuis le 14 novembre 2022 ;\n\n"
            "## Dans le Finistère\n\nQuarante-quatre réunions se sont tenues dans le Finistère.\n")
    [meetings] = [f for f in dossier(text).figures if f.name == "region.meetings"]
    assert meetings.as_of is None
    assert [code for code, _ in findings(text)] == ["CNR106"]


def test_a_year_before_a_noun_on_the_next_line_is_no_count() -> None:
    # a `pdftotext` export lays a box's labels out line after line: "… depuis 2022", then
    # "participants"
    text = TITLE + "Chiffres clés\n\nréunions de concertation depuis 2022\nparticipants\n"
    assert figures(text, "dossier.txt") == []


def test_a_heading_run_into_its_paragraph_opens_the_departments_part() -> None:
    text = (TITLE + REGIONAL + "Ce qu'il faut retenir pour le Finistère\nSept réunions se sont tenues à Brest et Quimper. "
            "Cinq projets concrets en sont issus, dont trois réalisés et deux en cours.\n")
    found = figures(text, "dossier.txt")
    assert ("department.meetings", 7, "Finistère") in found
    assert ("department.projects.realised", 3, "Finistère") in found
    assert not any(name.startswith("region.projects.realised") for name, _, _ in found)


def test_the_agencys_header_naming_the_department_opens_no_part() -> None:
    text = ("ARS Bretagne - Délégation du Finistère\nDossier de presse - jeudi 16 novembre 2023\n\n"
            "CNR SANTÉ DANS LE FINISTÈRE : 1 AN APRÈS\n\nProjets réalisés au 31/10/2023 ........ 21\n")
    assert ("region.projects.realised", 21, None) in figures(text, "dossier.txt")


def test_a_status_line_may_carry_a_comment_after_a_dash() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\nDeux projets concrets ont été retenus :\n\n"
            "1. Un médecin salarié itinérant\n   Réalisé – premières consultations à Carhaix depuis mai 2023\n"
            "2. Une maison de santé à Morlaix\n   En cours – les travaux s'achèveront au printemps\n")
    listed = projects(text)
    assert [entry.status for entry in listed.entries] == ["realised", "in_progress"]
    assert findings(text) == []


def test_another_bodys_money_in_the_label_after_its_value_is_not_the_regions() -> None:
    text = (TITLE + "- 4,1 millions d'euros — engagés par l'ARS Bretagne depuis 2022\n"
            "- 1,5 million d'euros — apportés par la Région (maisons de santé)\n")
    assert [(name, value) for name, value, _ in figures(text)] == [("region.budget", 4_100_000)]


def test_a_recap_naming_the_dossiers_department_outside_its_part_is_the_departments() -> None:
    text = (TITLE + REGIONAL + PART
            + "## Et maintenant ?\n\nSept réunions, cinq projets dont trois déjà opérationnels : "
            "le bilan du Finistère est encourageant.\n")
    found = figures(text)
    assert ("department.projects.realised", 3, "Finistère") in found
    assert not any(name == "region.projects.realised" for name, _, _ in found)


def test_a_verb_of_counting_states_the_departments_projects() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\nLe département compte 3 projets, dont 2 réalisés et 2 en cours :\n\n"
            "1. Un bus de prévention — réalisé\n2. Une maison de santé — réalisé\n3. Un centre de santé — en cours\n")
    listed = projects(text)
    assert (listed.stated, len(listed.entries)) == (3, 3)
    assert [code for code, _ in findings(text)] == ["CNR102"]


def test_projects_made_to_emerge_are_the_projects_that_emerged() -> None:
    text = TITLE + "Ces rencontres ont permis de faire émerger 63 projets.\n"
    assert figures(text) == [("region.projects.emerged", 63, None)]


def test_a_count_out_of_a_whole_is_the_count() -> None:
    text = TITLE + "Au 1er octobre 2023, 14 des 41 projets régionaux sont réalisés et 27 restent en cours.\n"
    found = figures(text)
    assert ("region.projects.realised", 14, None) in found
    assert ("region.projects.in_progress", 27, None) in found
    assert not any(value == 41 for _, value, _ in found)


def test_meetings_after_the_concertations_their_sentence_names_are_the_regions() -> None:
    text = ("# CNR santé dans le Finistère : 2 ans après\n\nQuimper, le mardi 19 novembre 2024\n\n"
            "Le second cycle de concertations, ouvert à l'automne 2023, a donné lieu à vingt-six réunions.\n\n"
            "Les réunions de quartier ont été 40 à Brest.\n\n## Dans le Finistère\n\n"
            "Se sont tenues dans le Finistère 28 réunions.\n")
    found = figures(text)
    assert ("region.meetings", 26, None) in found  # of the dossier's campaign: "ouvert à" dates nothing
    assert not any(value == 40 for _, value, _ in found)
    assert [code for code, _ in findings(text)] == ["CNR106"]


def test_a_sentence_opening_on_the_departments_meetings_counts_them() -> None:
    text = TITLE + REGIONAL + "## Dans le Finistère\n\nAvec 11 réunions, le Finistère a été très mobilisé.\n"
    assert ("department.meetings", 11, "Finistère") in figures(text)


def test_a_day_named_after_a_count_dates_an_event_not_the_count() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\nLe Finistère a accueilli six réunions, à Brest le lundi "
            "28 novembre 2022, puis à Quimper et Morlaix.\n")
    [meetings] = [f for f in dossier(text).figures if f.name == "department.meetings"]
    assert (meetings.low, meetings.as_of) == (6, None)


def test_a_column_of_statuses_laid_out_after_the_titles_tells_no_project_apart() -> None:
    # A text export of a table, column after column: the titles, then the header "Avancement"
    # over one status a line. Which status is whose is not told: no count, no finding.
    titles = "\n\n".join(f"Projet numéro {n} à Quimper" for n in ("un", "deux", "trois"))
    text = (TITLE + REGIONAL + "Dans le Finistère\n\nDeux projets concrets ont été retenus :\n\nProjet\n\n"
            + titles + "\n\nAvancement\n\nRéalisé\n\nEn cours\n\nRéalisé\n")
    assert all(not entry_list.understood for entry_list in dossier(text, "dossier.txt").lists
               if entry_list.name == "department.projects")
    assert findings(text, "dossier.txt") == []


def test_a_label_after_its_value_ends_at_its_first_comma_and_may_end_with_a_period() -> None:
    text = (TITLE + "- 28 : c'est le nombre de concertations organisées dans la région entre novembre 2022 et mars 2023 ;\n"
            "- plus de 1 850 : c'est le nombre de participants, élus, soignants, usagers et partenaires ;\n"
            "- 38 : c'est le nombre de projets qui en sont issus ;\n- Personnes mobilisées ........ 1 900\n")
    [meetings] = [f for f in dossier(text).figures if f.name == "region.meetings"]
    assert meetings.low == 28
    assert (meetings.as_of.start.isoformat(), meetings.as_of.end.isoformat()) == ("2022-11-01", "2023-03-31")
    assert [(name, value) for name, value, _ in figures(text) if name != "region.meetings"] == [
        ("region.participants", 1850), ("region.projects.emerged", 38), ("region.participants", 1900)]
