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
    assert figures(text) == [("region.meetings", 18, None), ("region.projects.emerged", 34, None),
                             ("department.meetings", 4, "Finistère")]


def test_a_departmental_tally_is_the_departments_figure() -> None:
    text = (TITLE + REGIONAL + "## Dans le Finistère\n\n6 réunions se sont tenues.\n\n## Les projets\n\n"
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
    # In the regional part three figures count projects: "Projets : 34" names none of them.
    assert figures(TITLE + "- Projets : 34\n") == []


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
