"""Dossiers of other hands read right, or not at all: each test a layout or a scope cue that a
new corpus showed cnr-lint misreading, in words of its own."""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, dossier_from_bytes

CONTEXT = Context(load_packs(()))
TITLE = "# CNR santé dans le Finistère : 1 an après\n\n"
REGIONAL = "En Bretagne, 18 réunions de concertation se sont tenues et 34 projets ont émergé.\n\n"


def dossier(text: str, path: str = "dossier.md"):
    return dossier_from_bytes(text.encode("utf-8"), path, CONTEXT)


def figures(text: str, path: str = "dossier.md") -> list[tuple[str, float, str | None]]:
    return [(f.name, f.low, f.department) for f in dossier(text, path).figures if f.compared]


def findings(text: str, path: str = "dossier.md") -> list[tuple[str, int]]:
    selection = engine.select_rules(CONTEXT, Config())
    found = engine.check([dossier(text, path)], {path}, CONTEXT, selection)
    return sorted((f.code, f.location.span.line) for f in found if f.code != "CNR002")


def test_a_project_title_naming_the_department_keeps_its_part_open() -> None:
    # The second title names the Finistère: its part goes on, so the tally after the projects
    # is still the department's, and no regional figure is read from it.
    text = (TITLE + REGIONAL + "**Dans le Finistère**\n\n- Réunions organisées : 4\n\n"
            "## Une maison de santé à Brest\n\nÉtat : terminé\n\n"
            "## Le bus du Finistère\n\nÉtat : en cours\n\n"
            "## Des internes à Quimper\n\nÉtat : terminé\n\n"
            "Bilan dans le Finistère : deux projets terminés, un en cours.\n")
    found = figures(text)
    assert ("department.projects.realised", 2, "Finistère") in found
    assert [name for name, _, _ in found if name.startswith("region.projects.realised")] == []


def test_a_departmental_tally_is_the_departments_figure() -> None:
    # In a regional summary, after the department's part is over.
    text = ("# CNR santé en Bretagne : 1 an après\n\n" + REGIONAL + "## Dans le Finistère\n\n"
            "6 réunions se sont tenues.\n\n## Les projets\n\n"
            "Bilan départemental : 3 projets ont abouti, 2 sont en cours.\n")
    found = figures(text)
    assert ("department.projects.realised", 3, "Finistère") in found
    assert ("department.projects.in_progress", 2, "Finistère") in found
    assert not any(name.startswith("region.projects.realised") for name, _, _ in found)


def test_a_value_line_does_not_run_into_the_label_on_the_next_line() -> None:
    # Plain text: "Réunions : 29" then "Défis retenus : 4" are two label lines, not "29 Défis".
    text = ("CNR santé dans le Finistère : 1 an après\n\nDANS LE FINISTÈRE\n\n"
            "Réunions : 5\nDéfis retenus : 3\n\n- l'accès aux soins ;\n- la prévention ;\n- les jeunes.\n")
    found = dossier(text, "finistere.txt")
    assert [lst.stated for lst in found.lists if lst.name == "department.challenges"] != [5]
    assert ("department.meetings", 5, "Finistère") in figures(text, "finistere.txt")
    assert findings(text, "finistere.txt") == []


def test_a_line_in_capitals_after_the_last_project_ends_the_list() -> None:
    text = ("CNR santé dans le Finistère : 1 an après\n\nDANS LE FINISTÈRE\n\n"
            "Ces échanges ont débouché sur 2 projets concrets.\n\n"
            "PROJET 1 – Un centre de soins à Brest\nOuvert en mars.\nÉtat : terminé\n\n"
            "PROJET 2 – Un bus de dépistage\nÉtat : en cours\n\n"
            "AUTRES FINANCEMENTS\n\nLe Département a consacré 1 million d'euros aux médecins salariés.\n\n"
            "CONTACT PRESSE\n\nARS Bretagne\n")
    found = dossier(text, "finistere.txt")
    projects = [lst for lst in found.lists if lst.name == "department.projects"]
    assert [[e.status for e in lst.entries] for lst in projects] == [["realised", "in_progress"]]
    assert findings(text, "finistere.txt") == []


def test_a_label_of_the_noun_alone_names_the_only_figure_of_the_part_with_that_noun() -> None:
    part = TITLE + REGIONAL + "## Dans le Finistère\n\n"
    assert ("department.meetings", 7, "Finistère") in figures(part + "- Réunions : 7\n- Participants : 300\n")
    # In the regional part three figures count projects: "Projets : 34", the noun alone, is the
    # total of them (declared `elision: false`), never the realised or in-progress ones.
    assert figures(TITLE + "- Projets : 34\n") == [("region.projects.emerged", 34, None)]


def test_a_heading_naming_the_cnr_sante_and_a_department_is_the_title_not_a_part() -> None:
    text = ("Dossier de presse – 22 nov. 2023\n\n# Le CNR santé dans le Finistère\n\n"
            "| Indicateur | Valeur |\n|---|---|\n| Réunions de concertation | 18 |\n\n"
            "## Dans le Finistère\n\nQuatre réunions ont été organisées.\n")
    found = dossier(text)
    assert found.department == "Finistère"
    assert [(f.name, f.low) for f in found.figures if f.compared] == [
        ("department.meetings", 4), ("region.meetings", 18)]


def test_a_figure_counted_between_two_dates_belongs_to_the_campaign_its_period_ends_in() -> None:
    text = ("# CNR santé dans le Finistère : 1 an après\n\n"
            "En Bretagne, 18 réunions de concertation se sont tenues entre novembre 2022 et mars 2023.\n\n"
            "## Dans le Finistère\n\n- Réunions : 21\n")
    found = dossier(text)
    meetings = [f for f in found.figures if f.name == "region.meetings"]
    assert [(f.compared, str(f.as_of.start), str(f.as_of.end)) for f in meetings] == [(True, "2022-11-01", "2023-03-31")]
    assert findings(text) == [("CNR106", 7)]


def test_a_heading_naming_the_region_ends_the_departments_part() -> None:
    text = ("# CNR santé dans le Finistère : 1 an après\n\n## Dans le Finistère\n\n- Réunions : 4\n\n"
            "## Les chiffres clés en Bretagne\n\n- Réunions de concertation : 18\n")
    assert figures(text) == [("department.meetings", 4, "Finistère"), ("region.meetings", 18, None)]


def test_a_departments_parts_must_add_up_to_its_stated_projects() -> None:
    body = ("## Dans le Finistère\n\nHuit projets concrets sont suivis, dont cinq réalisés et quatre en cours.\n\n"
            + "".join(f"### Projet {n}\n\n{'RÉALISÉ' if n < 5 else 'EN COURS'}\n\n" for n in range(8)))
    assert findings(TITLE + REGIONAL + body) == [("CNR102", 7)]
    assert findings(TITLE + REGIONAL + body.replace("quatre", "trois")) == []


def test_headings_that_group_projects_carrying_their_statuses_are_no_projects() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\nTrois projets concrets ont été retenus.\n\n"
            "## Ce qui fonctionne\n\n**Une maison de santé à Brest** — achevé\nElle ouvre le soir.\n\n"
            "## Ce qui se prépare\n\n### Un bus de dépistage (en cours)\n\nIl passera dans vingt villages.\n\n"
            "### Des internes à Quimper (à l'étude)\n\nUn logement est cherché.\n\n"
            "## Des partenaires engagés\n\nLe Département a voté 2 millions d'euros.\n")
    projects = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    assert [[(e.title, e.status) for e in lst.entries] for lst in projects] == [[
        ("Une maison de santé à Brest", "realised"), ("Un bus de dépistage", "in_progress"),
        ("Des internes à Quimper", "in_progress")]]
    assert findings(text) == []


def test_projects_named_in_one_sentence_with_their_statuses_in_brackets_are_entries() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\nTrois projets concrets ont été retenus.\n\n"
            "## Ce qui est en place\n\nDeux sont en place : la maison de santé de Brest (achevée), qui ouvre le "
            "soir, et le réseau de médecins retraités du Léon (opérationnel).\n\n"
            "## Ce qui se prépare\n\n### Un bus de dépistage (en cours)\n\nBientôt.\n")
    projects = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    assert [[e.status for e in lst.entries] for lst in projects] == [["realised", "realised", "in_progress"]]
    assert findings(text) == []


def test_a_figure_of_the_year_before_stays_the_campaign_befores_beside_the_regions_own_word() -> None:
    text = TITLE + "Un an plus tôt, l'agence comptait vingt projets achevés.\n"
    found = [f for f in dossier(text).figures if f.name == "region.projects.realised"]
    assert [(f.low, f.compared) for f in found] == [(20, False)]


def test_a_title_naming_the_department_then_the_campaign_after_a_comma() -> None:
    found = dossier("# Dans le Finistère, un an après le lancement du CNR santé\n\n" + REGIONAL)
    assert (found.department, found.campaign is not None) == ("Finistère", True)


def test_a_running_header_with_its_page_number_is_dropped_without_form_feeds() -> None:
    header = "ARS Bretagne – Dossier de presse – CNR santé dans le Finistère        {}\n\n"
    text = ("CNR santé dans le Finistère : 1 an après\n\n" + header.format(1) + "DANS LE FINISTÈRE\n\n"
            "Deux projets concrets sont suivis :\n\n1. Un centre de soins à Brest — RÉALISÉ\n"
            "2. Un bus de dépistage — EN COURS\n\n" + header.format(2) + "Et maintenant ?\n")
    projects = [lst for lst in dossier(text, "finistere.txt").lists if lst.name == "department.projects"]
    assert [[e.status for e in lst.entries] for lst in projects] == [["realised", "in_progress"]]


def test_a_status_line_under_a_title_that_ends_with_another_gives_the_entry_two() -> None:
    text = ("CNR santé dans le Finistère : 1 an après\n\nDANS LE FINISTÈRE\n\n"
            "Deux projets concrets sont suivis :\n\n1. Un centre de soins à Brest — RÉALISÉ\n"
            "   Il ouvrira en 2025.\n   Statut : en cours\n2. Un bus de dépistage — EN COURS\n")
    assert [code for code, _ in findings(text, "finistere.txt")] == ["CNR104"]


def test_a_number_inside_a_label_is_not_its_value() -> None:
    found = figures(TITLE + "- Projets issus des deux cycles : 63\n")
    assert found == [("region.projects.emerged", 63, None)]


def test_the_projects_named_again_after_an_article_are_no_figure() -> None:
    assert figures(TITLE + "L'ARS suivra l'aboutissement des trois projets encore en cours.\n") == []


def test_a_list_item_led_by_a_departments_name_gives_that_departments_figure() -> None:
    text = "# CNR santé en Bretagne : 1 an après\n\n- **Morbihan** : quatre projets sont déjà réalisés.\n"
    assert figures(text) == [("department.projects.realised", 4, "Morbihan")]


def test_a_text_table_with_rules_and_a_two_line_header_is_one_table_with_its_total() -> None:
    text = ("CNR santé en Bretagne : 1 an après\n\n"
            "     Département        Réunions     dont réalisés\n"
            "                                     au 31/10/2023\n"
            "     ──────────────────────────────────────────────\n"
            "     Finistère              5             3\n"
            "     Morbihan               4             2\n"
            "     ──────────────────────────────────────────────\n"
            "     Total                  9             5\n")
    found = dossier(text, "bretagne.txt")
    assert sorted((f.name, f.department, f.low) for f in found.figures if f.compared) == [
        ("department.meetings", "Finistère", 5), ("department.meetings", "Morbihan", 4),
        ("department.projects.realised", "Finistère", 3), ("department.projects.realised", "Morbihan", 2)]
    assert findings(text, "bretagne.txt") == []
    assert [code for code, _ in findings(text.replace("Total                  9", "Total                  8"),
                                         "bretagne.txt")] == ["CNR108"]


def test_a_status_back_under_an_items_text_after_its_sub_items_is_the_items() -> None:
    text = ("CNR santé dans le Finistère : 1 an après\n\nDANS LE FINISTÈRE\n\n"
            "     Deux projets concrets ont vu le jour.\n\n"
            "     1) Brest : un parcours pour les internes, qui comprend :\n"
            "          – un logement ;\n          – un tuteur.\n"
            "        ✔ RÉALISÉ\n"
            "     2) Quimper : un bus de dépistage\n        ➜ EN COURS\n")
    projects = [lst for lst in dossier(text, "finistere.txt").lists if lst.name == "department.projects"]
    assert [[e.status for e in lst.entries] for lst in projects] == [["realised", "in_progress"]]


def test_a_dated_lead_in_line_dates_the_figures_listed_under_it() -> None:
    text = TITLE + "**Avancement au 31 octobre 2023**\n\n- Projets réalisés : 14\n- Projets en cours : 27\n\nLa suite.\n\n- Projets : 41\n"
    found = [(f.name, f.as_of_text) for f in dossier(text).figures]
    assert found == [("region.projects.realised", "au 31 octobre 2023"), ("region.projects.in_progress", "au 31 octobre 2023"),
                     ("region.projects.emerged", None)]


def test_a_figure_at_the_same_date_takes_the_date_of_the_one_before() -> None:
    text = TITLE + ("| **29** | projets réalisés au 4 novembre 2023 |\n|---|---|\n"
                    "| **13** | projets en cours de déploiement à la même date |\n")
    found = [(f.name, f.low, str(f.as_of.start) if f.as_of else None) for f in dossier(text).figures]
    assert found == [("region.projects.realised", 29, "2023-11-04"), ("region.projects.in_progress", 13, "2023-11-04")]


def test_a_count_and_more_is_at_least_that_count() -> None:
    [figure] = [f for f in dossier(TITLE + "- 2 400 participants et plus\n").figures]
    assert (figure.low, figure.high, figure.low_open) == (2400, 2500, False)
    [figure] = [f for f in dossier(TITLE + "- 2 400 participants et plus de 30 élus\n").figures
                if f.name == "region.participants"]
    assert (figure.low, figure.high) == (2400, 2400)


def test_a_bold_title_line_without_a_status_is_an_entry_with_none() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\nTrois projets concrets ont été retenus.\n\n## Les projets\n\n"
            "**Une maison de santé à Brest** *(achevé)*\nElle ouvre le soir.\n\n"
            "**Une équipe de médiation à Quimper**\nDeux médiateurs vont vers les habitants.\n\n"
            "**Un bus de dépistage** *(en cours)*\nIl passera dans vingt villages.\n")
    assert [code for code, _ in findings(text)] == ["CNR104"]


def test_brackets_the_vocabulary_does_not_know_beside_ones_it_does_leave_the_list_unread() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\nQuatre projets concrets ont été retenus.\n\n"
            "## Ce qui est en place\n\nDeux sont en place : la maison de santé de Brest (rénovée l'an dernier), "
            "qui ouvre le soir, et le réseau de médecins retraités du Léon (opérationnel).\n\n"
            "## Ce qui se prépare\n\n### Un bus de dépistage (en cours)\n\nBientôt.\n")
    assert findings(text) == []
    assert [lst.understood for lst in dossier(text).lists if lst.name == "department.projects"] == [False]


def test_another_programmes_word_after_a_year_and_an_article_still_scopes_the_figure() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\nPar ailleurs, 14 projets ont été retenus en 2023 "
            "au titre d'un appel à projets, qui relève d'un dispositif distinct du CNR.\n")
    assert [lst for lst in dossier(text).lists if lst.name == "department.projects"] == []



def test_a_partner_named_after_the_figures_clause_does_not_make_it_the_partners() -> None:
    found = dossier(TITLE + "Les concertations ont couvert les cinq départements, avec l'Assurance maladie.\n").figures
    assert [(f.name, f.scope) for f in found] == [("region.departments", "region")]
    found = dossier(TITLE + "Le conseil départemental a financé 12 bourses et 3 millions d'euros.\n").figures
    assert [f.scope for f in found if f.name == "region.budget"] == ["programme"]


def test_a_wrong_count_of_the_regions_departments_is_wrong_in_any_campaign() -> None:
    text = "# CNR santé dans le Finistère : 2 ans après\n\nEn 2022-2023, les six départements bretons ont concerté.\n"
    assert findings(text) == [("CNR107", 3)]


def test_the_parts_of_a_count_stated_in_the_sentence_before() -> None:
    text = TITLE + REGIONAL + "## Dans le Finistère\n\nDix projets concrets en sont issus. Un an après, cinq sont réalisés et quatre en cours.\n"
    found = figures(text)
    assert ("department.projects.realised", 5, "Finistère") in found
    assert ("department.projects.in_progress", 4, "Finistère") in found
    assert [code for code, _ in findings(text)] == ["CNR102"]
    # Two sentences away, or with another sentence's number first, nothing is read.
    assert figures(TITLE + "Dix projets sont issus des débats. Ils sont suivis. Cinq sont réalisés.\n") == [
        ("region.projects.emerged", 10, None)]


def test_a_key_figure_of_the_projects_states_the_list_of_entries() -> None:
    text = (TITLE + REGIONAL + "**Dans le Finistère**\n\n- Réunions : 4\n- Projets concrets : 3\n\n"
            "## Une maison de santé à Brest\n\nÉtat : terminé\n\n## Un bus de dépistage\n\nÉtat : en cours\n")
    projects = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    assert [(lst.stated, len(lst.entries)) for lst in projects] == [(3, 2)]
    assert [code for code, _ in findings(text)] == ["CNR101"]


def test_the_word_launch_inside_another_word_dates_no_launch() -> None:
    text = ("# CNR santé dans le Finistère : 2 ans après\n\nLe 3 octobre 2022, le CNR santé était lancé.\n\n"
            "En novembre 2023, un an après le lancement, 12 projets étaient réalisés.\n")
    assert dossier(text).campaign == "2 ans après 2024"


def test_the_first_line_of_a_header_block_dates_the_dossier() -> None:
    text = "# CNR santé dans le Finistère : 1 an après\n\nBrest, le 14 novembre 2023\nARS Bretagne – délégation du Finistère\n"
    assert dossier(text).published == "2023-11-14"


def test_the_full_name_of_the_meetings_needs_no_verb_in_a_departments_part() -> None:
    text = (TITLE + "En Bretagne, 8 réunions de concertation se sont tenues.\n\n## Dans le Finistère\n\n"
            "Le Finistère a accueilli neuf réunions de concertation, à Brest et Quimper, la rencontre de Brest "
            "ayant rassemblé à elle seule deux cents personnes.\n")
    assert ("department.meetings", 9, "Finistère") in figures(text)
    assert [code for code, _ in findings(text)] == ["CNR106"]


def test_a_table_of_projects_under_a_key_figure_line_states_and_lists_them() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\nProjets concrets : 2\n\n| Projet | Avancement |\n|---|---|\n"
            "| Une maison de santé | Réalisé |\n| Un bus de dépistage | |\n")
    assert [code for code, _ in findings(text)] == ["CNR104"]


def test_a_count_since_a_season_of_the_year_before_is_of_this_campaign() -> None:
    text = ("# CNR santé dans le Finistère : 2 ans après\n\nRéunions de concertation depuis 2022 : 7\n\n"
            "## Dans le Finistère\n\nDepuis l'automne 2022, 9 réunions de concertation se sont tenues dans le Finistère.\n")
    assert [code for code, _ in findings(text)] == ["CNR106"]
    other = TITLE + "## Dans le Finistère\n\nDans le Finistère, 4 réunions ont rassemblé les élus.\n"
    assert figures(other) == [("department.meetings", 4, "Finistère")]


def test_since_the_end_of_the_year_before_is_a_since_date() -> None:
    text = "# CNR santé dans le Finistère : 2 ans après\n\n## Dans le Finistère\n\nSix réunions de concertation se sont tenues depuis la fin 2022.\n"
    assert [(f.name, f.compared) for f in dossier(text).figures] == [("department.meetings", True)]


def test_a_meeting_of_the_cycle_after_the_last_campaigns_dossiers_is_of_this_campaign() -> None:
    text = ("# CNR santé dans le Finistère : 2 ans après\n\nLe 3 octobre 2022, le CNR santé a été lancé.\n\n"
            "## Dans le Finistère\n\nLe mardi 12 décembre 2023, à Brest, la première réunion a réuni 130 participants. "
            "Au 6 novembre 2023, 9 réunions de concertation s'étaient tenues.\n\n"
            "En 2023, 12 projets étaient réalisés.\n")
    found = {f.text: f.campaign for f in dossier(text).figures}
    assert found["9 réunions de concertation"] == "1 an après 2023"
    assert found["12 projets étaient réalisés"] == "1 an après 2023"
    assert found["130 participants"] is None
