"""What a figure belongs to, and what a list counts: a department's share in a summary table,
people who are not the CNR's participants, a part of a period, the parts of a stated total.
Each test in words of its own; a figure that is not the region's is read as another's or not
at all (precision first)."""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from test_other_hands import CONTEXT, dossier
from test_other_hands import figures as compared  # (name, low, department) of the figures compared

TITLE = "# CNR santé dans le Cantal : 1 an après\n\n"
REGIONAL_TITLE = "# CNR santé en Auvergne-Rhône-Alpes : 1 an après\n\n"


def findings(texts: dict[str, str]) -> list[tuple[str, str, int]]:
    dossiers = [dossier(text, path) for path, text in texts.items()]
    selection = engine.select_rules(CONTEXT, Config())
    found = engine.check(dossiers, set(texts), CONTEXT, selection)
    return sorted((f.code, f.location.path, f.location.span.line) for f in found if f.code != "CNR002")


# -- a summary table's cells are the departments' shares ------------------------------------------


SUMMARY = (
    "| Département | Réunions | Crédits ARS |\n|---|---|---|\n"
    "| Cantal (15) | 4 | 300 000 € |\n| Allier (03) | 6 | 450 000 € |\n| **Total** | **10** | **750 000 €** |\n"
)


def test_a_summary_table_whose_department_cells_carry_a_code_gives_no_regional_amount() -> None:
    # The amount column has no department figure of its own: its cells are the departments'
    # shares of the budget, not three statements of the region's budget.
    text = REGIONAL_TITLE + "L'ARS a engagé 750 000 euros en 2023.\n\n" + SUMMARY
    budgets = [low for name, low, _ in compared(text) if name == "region.budget"]
    assert budgets == [750000]
    assert ("department.meetings", 4, "Cantal") in compared(text)


def test_a_key_figures_table_naming_no_department_still_gives_the_regions_figures() -> None:
    text = REGIONAL_TITLE + "| Indicateur | Valeur |\n|---|---|\n| Réunions de concertation | 31 |\n| Crédits | 2 millions d'euros |\n"
    assert ("region.meetings", 31, None) in compared(text)


def test_a_split_budget_is_no_conflict_with_the_regions_amount() -> None:
    regional = REGIONAL_TITLE + "Plus de 700 000 euros ont été engagés par l'ARS en 2023.\n\n" + SUMMARY
    department = TITLE + "Dans la région, plus de 700 000 euros ont été engagés par l'ARS en 2023.\n"
    assert [code for code, _, _ in findings({"region.md": regional, "cantal.md": department})] == []


# -- people who are not the CNR's participants -----------------------------------------------------


def test_a_count_of_people_is_participants_only_when_they_took_part() -> None:
    assert compared(TITLE + "Les rencontres ont réuni près de 400 personnes.\n") == [("region.participants", 380, None)]
    assert compared(TITLE + "Au total, 400 personnes y ont pris part.\n") == [("region.participants", 400, None)]
    assert compared(TITLE + "En été, la population peut dépasser 900 000 personnes.\n") == []
    assert compared(TITLE + "Dans le département, 40 000 personnes n'ont pas de médecin traitant.\n") == []
    # a label of people tells nothing of what they did
    assert compared(TITLE + "- Personnes : 12 000\n") == []


def test_participants_need_no_verb() -> None:
    assert compared(TITLE + "- Participants : 420\n") == [("region.participants", 420, None)]


# -- a dossier's date is its header's, not a key figure's -------------------------------------------


def test_a_key_figure_counted_since_a_month_does_not_date_the_dossier() -> None:
    text = ("# CNR santé dans le Cantal : 2 ans après\n\n**Aurillac, le 20 novembre 2024 – ARS, délégation du Cantal**\n\n"
            "Le CNR santé a été lancé le 3 octobre 2022.\n\n- 22 – réunions de concertation depuis octobre 2022\n")
    found = dossier(text)
    assert found.published == "2024-11-20"  # the header's date, not the key figure's October 2022
    assert found.campaign == "2 ans après 2024"


# -- a figure of several departments together -------------------------------------------------------


def scopes(text: str) -> list[tuple[str, float, str, str | None]]:
    return [(f.name, f.low, f.scope, f.department) for f in dossier(text).figures]


def test_a_figure_said_of_every_department_of_the_region_is_the_regions() -> None:
    text = "# CNR santé en Corse-du-Sud : 1 an après\n\nDe novembre à janvier, 9 réunions de concertation se sont tenues en Haute-Corse et en Corse-du-Sud.\n"
    assert scopes(text) == [("region.meetings", 9, "region", None)]


def test_a_figure_said_of_some_departments_is_no_ones_to_compare() -> None:
    text = TITLE + "Au total, 14 réunions de concertation ont eu lieu dans l'Allier, le Cantal et la Haute-Loire.\n"
    assert scopes(text) == [("region.meetings", 14, "departments", None)]
    assert compared(text) == []
    lead = TITLE + "En Savoie et en Haute-Savoie, 14 réunions de concertation ont eu lieu.\n"
    assert scopes(lead) == [("region.meetings", 14, "departments", None)]


def test_one_department_named_after_a_figure_still_makes_it_that_ones() -> None:
    text = TITLE + "Au total, 14 réunions de concertation ont eu lieu dans le Cantal, dont 3 à Aurillac.\n"
    assert ("department.meetings", 14, "department", "Cantal") in scopes(text)
    text = TITLE + "Au total, 14 réunions de concertation ont eu lieu dans le Cantal et 6 dans l'Allier.\n"
    assert ("department.meetings", 14, "department", "Cantal") in scopes(text)


# -- the parts of a stated total ---------------------------------------------------------------------


def codes(text: str) -> list[str]:
    return [code for code, _, _ in findings({"dossier.txt": text})]


def test_parts_after_parmi_lesquels_are_parts_of_the_total() -> None:
    text = TITLE + "Au total, 12 projets ont émergé, parmi lesquels 5 sont achevés et 6 en cours.\n"
    assert ("region.projects.realised", 5, None) in compared(text)
    assert codes(text) == ["CNR102"]


def test_projects_put_in_service_are_realised_and_those_in_preparation_in_progress() -> None:
    text = TITLE + "Au 1er octobre 2023, 3 projets sont mis en service et 8 en préparation.\n"
    assert compared(text) == [("region.projects.realised", 3, None), ("region.projects.in_progress", 8, None)]
    assert compared(TITLE + "Au total, 4 projets ont démarré.\n") == [("region.projects.in_progress", 4, None)]


def test_a_label_of_the_noun_alone_is_the_total_when_the_other_figures_are_its_parts() -> None:
    text = TITLE + "- Projets : 30\n\nAu 31 octobre, 12 projets ont abouti et 16 sont en cours.\n"
    assert ("region.projects.emerged", 30, None) in compared(text)
    assert codes(text) == ["CNR102"]


def test_a_label_of_the_noun_alone_in_a_departments_part_names_no_figure() -> None:
    # no total of the department's own among its figures: realised or in progress, it does not say
    text = TITLE + "## Dans le Cantal\n\n- Projets : 30\n"
    assert [name for name, _, _ in compared(text)] == []


# -- lists lettered a), b), c) -------------------------------------------------------------------------


def test_a_lettered_list_in_plain_text_is_counted_entry_by_entry() -> None:
    # the second entry's status is no word of the vocabulary: it is still an entry, not the
    # first one's description
    entries = "".join(
        f"{letter}) Lieu {letter} : une action de santé de proximité.\nUne description de l'action.\n{status}\n\n"
        for letter, status in zip("abcd", ("EN COURS", "SUSPENDU", "RÉALISÉ", "EN COURS"))
    )
    text = TITLE + "## Dans le Cantal\n\nQuatre projets concrets ont été retenus.\n\n" + entries
    [projects] = [lst for lst in dossier(text, "dossier.txt").lists if lst.name == "department.projects"]
    assert (projects.stated, [e.title[:6] for e in projects.entries]) == (4, ["Lieu a", "Lieu b", "Lieu c", "Lieu d"])
    assert "CNR101" not in codes(text)


def test_a_total_in_a_relative_clause() -> None:
    text = TITLE + "Ce sont au total 50 projets qui ont émergé. À ce jour, 20 d'entre eux sont réalisés et 25 en cours.\n"
    assert ("region.projects.emerged", 50, None) in compared(text)
    assert codes(text) == ["CNR102"]


# -- a department's meetings, the verb first ---------------------------------------------------------------


def test_a_departments_meetings_with_the_verb_before_them() -> None:
    part = TITLE + "## Dans le Cantal\n\n"
    assert ("department.meetings", 12, "Cantal") in compared(part + "Le Cantal a accueilli 12 réunions de proximité.\n")
    text = part + "Se sont tenues dans le département, au cours du second cycle, 9 réunions, à Aurillac et Mauriac.\n"
    assert ("department.meetings", 9, "Cantal") in compared(text)
    # in the region's part, "réunions" alone names no figure
    assert compared(TITLE + "La région a accueilli 12 réunions publiques.\n") == []


def test_a_body_named_as_a_place_the_sentence_opens_on_is_no_bodys_figure() -> None:
    part = "# CNR santé dans le Rhône : 1 an après\n\n## Dans le Rhône\n\n"
    text = part + "Dans le Rhône et la Métropole de Lyon, 40 réunions de concertation ont été organisées.\n"
    assert ("department.meetings", 40, "Rhône") in compared(text)
    # the body named after the opening places still owns the money
    text = part + "Dans le Rhône, la Métropole de Lyon a consacré 2 millions d'euros aux centres de santé.\n"
    assert [name for name, _, _ in compared(text)] == []


def test_meetings_that_took_place_there() -> None:
    text = TITLE + "## Dans le Cantal\n\nQuatre réunions s'y sont déroulées, à Aurillac, Mauriac, Murat et Riom.\n"
    assert ("department.meetings", 4, "Cantal") in compared(text)


def test_an_enumeration_ends_at_its_et_whatever_follows_the_last_item() -> None:
    text = (TITLE + "## Dans le Cantal\n\nLes participants ont retenu deux défis : garder des médecins dans les bourgs, "
            "et mieux soigner les aînés, en ville comme à la campagne.\n")
    [challenges] = [lst for lst in dossier(text).lists if lst.name == "department.challenges"]
    assert [e.title for e in challenges.entries] == [
        "garder des médecins dans les bourgs", "mieux soigner les aînés, en ville comme à la campagne"]


def test_a_count_of_the_departments_own_projects_named_by_its_people() -> None:
    text = (TITLE + "## Dans le Cantal\n\nAujourd'hui, 5 projets cantaliens sont suivis par l'ARS : "
            "2 sont réalisés et 2 sont en cours.\n")
    [projects] = [lst for lst in dossier(text).lists if lst.name == "department.projects"]
    assert projects.stated == 5
    assert "CNR102" in codes(text)
