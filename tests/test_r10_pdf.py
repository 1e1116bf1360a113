"""PDF dossiers read as plain lines (round 10): what the Reims officer's PDFs (Grand Est) show
that other hands write too. A heading over projects whose titles are bold lines of their own
groups them and is none; a key-figure row's label ends at a colon ("3 450 | participants :
élus, …"); "se poursuit" is a status under way, "se poursuivent" a count of projects under way;
a count a list shows and the dossier states in words is one figure, compared once. From
Limoges (Nouvelle-Aquitaine): a weekday's date in brackets before a figure is an aside's event,
not the figure's date, and an aside holding a count of its own dates and scopes nothing outside
it; "depuis 2022" dates no count, in a sentence or a column header; a department's participants
stated two ways conflict (CNR205)."""

from __future__ import annotations

from pathlib import Path

import cnr_lint
from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT, dossier, figures, findings

REIMS = Path(__file__).parent.parent / "fixtures" / "blind" / "grand-est-reims" / "dossiers"
TITLE = "# CNR santé dans les Ardennes : 1 an après\n\nReims, le 14 novembre 2023\n\n"
KEY_FIGURES = ("## Le CNR santé en Grand Est : les chiffres clés\n\n| | |\n|---|---|\n"
               "| 42 | réunions de concertation organisées dans la région |\n"
               "| 3 450 | participants : élus, professionnels de santé, usagers |\n"
               "| 96 | projets issus des concertations |\n\n")
PART = ("## Dans les Ardennes\n\nDans les Ardennes, quatre réunions de concertation se sont tenues. "
        "Trois projets concrets ont émergé de ces échanges. Au 31 octobre 2023, un est réalisé et deux se poursuivent.\n\n")
PROJECTS = ("## Les projets dans les Ardennes\n\n"
            "**Un bus santé itinérant**\n\nLe bus assure des consultations dans les communes éloignées.\n\n"
            "*État d'avancement : en phase de lancement*\n\n"
            "**Des infirmiers en pratique avancée**\n\nDeux infirmiers exercent désormais en maison de santé.\n\n"
            "*État d'avancement : réalisé*\n\n"
            "**Un internat rural à Sedan**\n\nDes logements meublés sont mis à disposition des internes.\n\n"
            "*État d'avancement : se poursuit*\n\n"
            "## Prochaines étapes\n\nUn comité départemental de suivi réunira les porteurs de projets.\n")


def projects(found) -> list[tuple[str, str | None]]:
    (listed,) = [lst for lst in found.lists if lst.name == "department.projects"]
    return [(entry.title, entry.status) for entry in listed.entries]


def test_a_heading_over_bold_titles_groups_them_and_is_no_project() -> None:
    assert projects(dossier(TITLE + KEY_FIGURES + PART + PROJECTS)) == [
        ("Un bus santé itinérant", "in_progress"),
        ("Des infirmiers en pratique avancée", "realised"),
        ("Un internat rural à Sedan", "in_progress"),
    ]
    assert findings(TITLE + KEY_FIGURES + PART + PROJECTS) == []


def test_a_heading_over_its_own_description_is_still_a_project() -> None:
    # "## Titre", its description, then its status: the heading is the project's title
    text = (TITLE + PART.replace("Trois projets", "Deux projets").replace("un est réalisé et deux se poursuivent",
                                                                          "un est réalisé et un se poursuit")
            + "## Un bus santé itinérant\n\nLe bus assure des consultations.\n\n*État d'avancement : se poursuit*\n\n"
            + "## Un internat rural\n\n**Des logements meublés** sont mis à disposition.\n\n*État d'avancement : réalisé*\n")
    assert projects(dossier(text)) == [("Un bus santé itinérant", "in_progress"), ("Un internat rural", "realised")]


def test_the_reims_pdf_lists_its_projects_without_the_heading_over_them() -> None:
    found = dossier_from_bytes((REIMS / "ardennes-2023.pdf").read_bytes(), "ardennes-2023.pdf", CONTEXT)
    listed = projects(found)
    assert len(listed) == 6 and listed[0] == ("Un bus santé itinérant dans la Pointe des Ardennes", "in_progress")
    assert all(status is not None for _, status in listed)  # "se poursuit" is under way


def test_a_key_figure_label_ends_at_its_colon() -> None:
    assert ("region.participants", 3450, None) in figures(TITLE + KEY_FIGURES)
    found = dossier_from_bytes((REIMS / "ardennes-2024.pdf").read_bytes(), "ardennes-2024.pdf", CONTEXT)
    assert [f.low for f in found.figures if f.name == "region.participants"] == [3450]


def test_projects_that_se_poursuivent_are_under_way() -> None:
    found = figures(TITLE + KEY_FIGURES + PART + PROJECTS)
    assert ("department.projects.in_progress", 2, "Ardennes") in found


def test_a_count_the_list_shows_and_the_text_states_is_one_conflict_with_a_summary_table() -> None:
    result = cnr_lint.lint([str(REIMS)], cache=False, select=["CNR205"])
    aube = [f for f in result.findings if f.location.path.endswith("aube-2024.pdf")]
    assert len(aube) == 1 and "six sont réalisés" in aube[0].message


NA_TITLE = "# CNR santé en Haute-Vienne : 1 an après\n\nLimoges, le lundi 20 novembre 2023\n\n"


def test_a_day_in_an_aside_before_a_figure_does_not_date_it() -> None:
    text = (NA_TITLE + "En Nouvelle-Aquitaine, 48 réunions de concertation se sont tenues (la toute première, le mardi "
            "29 novembre 2022, à Limoges), faisant émerger 96 projets.\n\n## En Haute-Vienne\n\n"
            "- 99 projets issus des concertations haut-viennoises\n")
    (emerged,) = [f for f in dossier(text).figures if f.name == "region.projects.emerged"]
    assert emerged.as_of is None and emerged.compared  # the campaign's figure, not the first meeting's
    assert ("CNR106", 9) in findings(text)  # 99 projects of the department, above the 96 of the region


def test_a_period_in_brackets_still_dates_the_count_it_follows() -> None:
    text = (NA_TITLE + "Le premier cycle (novembre 2022 – janvier 2023) avait compté 48 réunions de concertation.\n")
    (meetings,) = [f for f in dossier(text).figures if f.name == "region.meetings"]
    assert meetings.as_of is not None and meetings.as_of.end.year == 2023


def test_a_departments_participants_stated_twice_differently_conflict() -> None:
    own = ("# CNR santé dans la Creuse : 1 an après\n\nGuéret, le 20 novembre 2023\n\n## Dans la Creuse\n\n"
           "Dans la Creuse, trois réunions de concertation ont rassemblé 140 participants.\n")
    summary = ("# CNR santé en Nouvelle-Aquitaine : 1 an après\n\nBordeaux, le 20 novembre 2023\n\n"
               "| Département | Réunions | Participants |\n|---|---|---|\n| Creuse | 3 | 120 |\n| Corrèze | 4 | 210 |\n")
    dossiers = [dossier(own, "creuse.md"), dossier(summary, "synthese.md")]
    found = engine.check(dossiers, {"creuse.md", "synthese.md"}, CONTEXT, engine.select_rules(CONTEXT, Config()))
    assert sorted((f.code, f.location.path) for f in found if f.code == "CNR205") == [
        ("CNR205", "creuse.md"), ("CNR205", "synthese.md")]


def test_an_aside_with_a_count_of_its_own_dates_and_scopes_nothing_outside_it() -> None:
    text = ("# CNR santé en Haute-Vienne : 2 ans après\n\nLimoges, le 18 novembre 2024\n\n"
            "Dans notre région, 131 projets ont émergé ; au 15 novembre 2024, 74 projets sont réalisés et 57 en cours "
            "de déploiement (il y a un an, au 31 octobre 2023, 38 des 96 projets alors recensés étaient réalisés), et "
            "l'ARS a engagé 11,3 millions d'euros pour les accompagner.\n")
    found = {f.name: f for f in dossier(text).figures if f.name != "region.projects.realised" or f.low == 74}
    in_progress, budget = found["region.projects.in_progress"], found["region.budget"]
    assert in_progress.campaign is None and in_progress.as_of.start.day == 15  # this campaign's, not last year's
    assert budget.as_of.start.year == 2024  # the sentence's 15 novembre 2024, not the aside's 31 octobre 2023


def test_since_a_year_dates_no_count_in_a_sentence_nor_in_a_column_header() -> None:
    own = ("# CNR santé dans les Hauts-de-Seine : 3 ans après\n\nNanterre, le 18 novembre 2025\n\n"
           "## Dans les Hauts-de-Seine\n\nDans les Hauts-de-Seine, 45 réunions se sont tenues depuis 2022.\n")
    summary = ("# CNR santé en Île-de-France : 3 ans après\n\nParis, le 18 novembre 2025\n\n"
               "| Département | Réunions depuis 2022 |\n|---|---|\n| Hauts-de-Seine (92) | 5 |\n| Paris (75) | 7 |\n")
    dossiers = [dossier(own, "92.md"), dossier(summary, "idf.md")]
    assert all(f.as_of is None for d in dossiers for f in d.figures if f.name == "department.meetings")
    found = engine.check(dossiers, {"92.md", "idf.md"}, CONTEXT, engine.select_rules(CONTEXT, Config()))
    assert sorted(f.location.path for f in found if f.code == "CNR205") == ["92.md", "idf.md"]


def test_a_since_date_before_a_figure_leaves_it_to_the_date_after_it() -> None:
    text = ("# CNR santé dans les Alpes-Maritimes : 2 ans après\n\nNice, le 19/11/2024\n\n"
            "➔ plus de 1 400 participants depuis 2022\n➔ 45 projets réalisés et 23 en cours, au 31/10/2024\n")
    (realised,) = [f for f in dossier(text).figures if f.name == "region.projects.realised"]
    assert realised.as_of is not None and (realised.as_of.start.month, realised.as_of.start.day) == (10, 31)


def test_a_part_whose_total_its_sentence_does_not_state_is_no_figure() -> None:
    text = ("# CNR santé en Nouvelle-Aquitaine : 2 ans après\n\nBordeaux, le 18 novembre 2024\n\n"
            "L'ARS a engagé 11,3 millions d'euros depuis 2023.\n\n"
            "Montant cumulé 2023-2024 (fonds d'intervention régional), dont 6,4 millions d'euros dès 2023.\n\n"
            "En Nouvelle-Aquitaine, 131 projets ont émergé, dont 74 projets réalisés.\n")
    found = figures(text)
    assert [low for name, low, _ in found if name == "region.budget"] == [11_300_000]
    assert ("region.projects.realised", 74, None) in found  # its total is in its sentence


def test_challenges_stated_autour_de_a_count_are_that_count() -> None:
    def text(stated: str, items: int) -> str:
        lines = ["l'accès à un médecin traitant ;", "les soins non programmés ;", "la prévention ;", "la mobilité."]
        return (TITLE + "## Dans les Ardennes\n\nLes réunions ont rassemblé 410 participants "
                f"{stated} :\n\n" + "".join(f"- {line}\n" for line in lines[:items]))
    (challenges,) = [lst for lst in dossier(text("autour de trois grands défis", 4)).lists if lst.name == "department.challenges"]
    assert challenges.stated == 3
    assert ("CNR103", 7) in findings(text("autour de trois grands défis", 4))
    assert not [code for code, _ in findings(text("autour de quatre grands défis", 4)) if code == "CNR103"]
    # a bound is no count: "plus de trois" may be four
    (bounded,) = [lst for lst in dossier(text("autour de plus de trois défis", 4)).lists if lst.name == "department.challenges"]
    assert bounded.stated is None


def test_the_departments_of_another_area_are_not_the_regions_count() -> None:
    def text(sentence: str) -> str:
        return (TITLE + "En Grand Est, 42 réunions de concertation se sont tenues.\n\n" + sentence + "\n")
    assert not findings(text("Un bilan commun aux quatre départements de Champagne-Ardenne sera présenté à l'automne."))
    assert ("CNR107", 7) in findings(text("Les neuf départements de la région ont participé."))
    assert ("CNR107", 7) in findings(text("Les neuf départements du Grand Est ont participé."))
    found = dossier_from_bytes((REIMS / "ardennes-2023.pdf").read_bytes(), "ardennes-2023.pdf", CONTEXT)
    assert [f.scope for f in found.figures if f.name == "region.departments" and f.low == 4] == ["departments"]
