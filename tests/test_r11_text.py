"""Plain-text dossiers by other hands (round 11): Word's "Texte brut" exports, whose headings are
lines in capitals and whose key figures are "label<TAB>value" lines; a department's part headed
"DANS LE DÉPARTEMENT" rather than by its name; a department written as an interview, its
answers after its questions; the parts of a count that is none of the region's."""

from __future__ import annotations

from pathlib import Path

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import load_dossier
from test_extract_speed_equivalence import PROFILE
from test_other_hands import CONTEXT, dossier, figures, findings

BLIND = Path(__file__).parent.parent / "fixtures" / "blind" / "bretagne-brest" / "dossiers"

TITLE = "DOSSIER DE PRESSE\n=================\n\nCNR SANTÉ EN ILLE-ET-VILAINE : 1 AN APRÈS\n\nRennes, jeudi 16 novembre 2023\n\n"
KEY_FIGURES = ("LES CHIFFRES CLÉS EN BRETAGNE\n-----------------------------\n"
               "Réunions de concertation\tvingt-trois\nParticipants\t612\nProjets issus des débats\ttrente-huit\n"
               "Projets réalisés au 31/10/2023\t12\nProjets en cours au 31/10/2023\t26\n\n")


def _own_part(heading: str) -> str:
    return (TITLE + KEY_FIGURES + f"{heading}\n{'-' * len(heading)}\n\n"
            "Réunions organisées\t6\nParticipants\t160\n\n")


def test_a_heading_that_says_the_department_opens_its_part() -> None:
    for heading in ("DANS LE DÉPARTEMENT", "Au niveau départemental", "LES CHIFFRES CLÉS DU DÉPARTEMENT"):
        found = figures(_own_part(heading), "ille-et-vilaine-2023.txt")
        assert ("department.meetings", 6, "Ille-et-Vilaine") in found, heading
        assert ("department.participants", 160, "Ille-et-Vilaine") in found, heading
        assert [low for name, low, _ in found if name == "region.participants"] == [612], heading


def test_a_sentence_that_says_the_department_opens_no_part() -> None:
    # a line with a sentence in it, or with more words than a heading has, is no heading
    for line in ("Dans le département, la concertation continue.", "Ce que les habitants attendent du département et de l'ARS"):
        found = figures(_own_part(line), "ille-et-vilaine-2023.txt")
        assert not [name for name, _, _ in found if name.startswith("department.")], line


def test_a_regional_synthesis_has_no_part_of_its_own() -> None:
    text = _own_part("DANS LE DÉPARTEMENT").replace("CNR SANTÉ EN ILLE-ET-VILAINE : 1 AN APRÈS",
                                                     "CNR SANTÉ EN BRETAGNE : 1 AN APRÈS")
    assert not [name for name, _, _ in figures(text, "bretagne-2023.txt") if name.startswith("department.")]


def test_the_department_figures_under_such_a_heading_are_no_conflict_with_the_region() -> None:
    # Brest's Ille-et-Vilaine dossiers: "DANS LE DÉPARTEMENT", then its 8 (planted) meetings, 160
    # participants and 10 projects, once read as the region's 23, 612 and 38 (CNR201, CNR102)
    found = findings((BLIND / "ille-et-vilaine-2023.txt").read_text(encoding="utf-8"), "ille-et-vilaine-2023.txt")
    assert not [f for f in found if f[0] == "CNR102"]
    ours = dossier((BLIND / "ille-et-vilaine-2023.txt").read_text(encoding="utf-8"), "ille-et-vilaine-2023.txt")
    assert [(f.low, f.scope) for f in ours.figures if f.name.endswith(".meetings")] == [(23, "region"), (8, "department")]


INTERVIEW = ("CNR SANTÉ DANS LE FINISTÈRE : 1 AN APRÈS\nENTRETIEN AVEC LE DÉLÉGUÉ DÉPARTEMENTAL\n\n"
             "Brest, le 16/11/2023\n\n" + KEY_FIGURES +
             "QUESTIONS – RÉPONSES\n--------------------\n\n"
             "{question}\nNous avons tenu sept réunions avec 190 participants au total. Onze projets concrets en sont "
             "sortis : quatre sont réalisés et sept en cours au 31/10/2023.\n\n"
             "Et la suite ?\nUn nouveau cycle de concertations s'ouvrira en décembre.\n")


def test_an_answer_to_a_question_naming_the_department_is_its_part() -> None:
    text = INTERVIEW.format(question="Un an après, quel bilan tirez-vous du CNR santé dans le Finistère ?")
    found = figures(text, "finistere-2023.txt")
    assert ("department.participants", 190, "Finistère") in found
    assert ("department.projects.realised", 4, "Finistère") in found
    assert ("department.projects.in_progress", 7, "Finistère") in found
    assert [low for name, low, _ in found if name == "region.participants"] == [612]
    assert not [f for f in findings(text, "finistere-2023.txt") if f[0] in ("CNR102", "CNR201")]
    stated = [entries.stated for entries in dossier(text, "finistere-2023.txt").lists if entries.name == "department.projects"]
    assert stated == [11]


def test_a_question_naming_another_department_opens_no_part() -> None:
    text = INTERVIEW.format(question="Un an après, où en est-on par rapport au Morbihan ?")
    assert not [name for name, _, _ in figures(text, "finistere-2023.txt") if name.startswith("department.")]


OTHER_COUNT = ("CNR SANTÉ DANS LE FINISTÈRE : 2 ANS APRÈS\n\nBrest, jeudi 14 novembre 2024\n\n"
               "LA BRETAGNE EN CHIFFRES\n-----------------------\nRéunions de concertation\t23\n"
               "Projets issus du CNR santé\t38\nProjets réalisés au 31/10/2024\t24\nProjets en cours au 31/10/2024\t14\n\n"
               "QUESTIONS – RÉPONSES\n--------------------\n\n"
               "Deux ans après, où en sont les projets ?\n"
               "Les concertations ont donné {whole} projets. Au 31/10/2024, sept sont réalisés et quatre en cours.\n")


def test_the_parts_of_a_count_that_is_none_of_the_regions_are_nobodys() -> None:
    # "onze projets", then "sept sont réalisés et quatre en cours": seven and four of those eleven
    # (whose, the text does not say), not of the region's 38: no CNR102, no CNR201 against 24 / 14
    text = OTHER_COUNT.format(whole="onze")
    found = figures(text, "finistere-2024.txt")
    assert [low for name, low, _ in found if name == "region.projects.realised"] == [24]
    assert [low for name, low, _ in found if name == "region.projects.in_progress"] == [14]
    assert not [f for f in findings(text, "finistere-2024.txt") if f[0] in ("CNR102", "CNR201")]


def test_the_parts_of_the_regions_count_are_the_regions() -> None:
    found = figures(OTHER_COUNT.format(whole="38"), "finistere-2024.txt")
    assert sorted(low for name, low, _ in found if name == "region.projects.realised") == [7, 24]


def test_a_sibling_count_is_no_whole() -> None:
    # "14 projets réalisés et 27 en cours": 27 is no part of the 14
    text = ("CNR SANTÉ DANS LE FINISTÈRE : 2 ANS APRÈS\n\nEn Bretagne, 41 projets sont issus des concertations. "
            "Au 31/10/2024, 14 projets réalisés et 27 en cours.\n")
    found = figures(text, "finistere-2024.txt")
    assert ("region.projects.in_progress", 27, None) in found


SNAPSHOTS = ("CNR SANTÉ DANS LES CÔTES-D'ARMOR : 2 ANS APRÈS\n\nSaint-Brieuc, jeudi 14 novembre 2024\n\n"
             "LA BRETAGNE EN CHIFFRES\n-----------------------\nProjets issus du CNR santé\t38\n"
             "Projets réalisés au 31/10/2024\t{realised}\nProjets en cours au 31/10/2024\t14\n\n"
             "Au 30/04/2024, neuf projets étaient réalisés dans la région ; le rythme s'est accéléré depuis.\n")


def test_parts_of_two_snapshots_are_not_added_up() -> None:
    # nine realised at 30/04 and 14 in progress at 31/10 are of two dates: no sum of 23 to compare with 38
    assert not [f for f in findings(SNAPSHOTS.format(realised=24), "cotes-d-armor-2024.txt") if f[0] == "CNR102"]


def test_parts_of_one_snapshot_still_add_up_to_the_total() -> None:
    found = findings(SNAPSHOTS.format(realised=25), "cotes-d-armor-2024.txt")
    assert ("CNR102", 8) in found  # 25 + 14 at 31/10/2024 make 39, not 38


def test_a_status_may_say_since_when() -> None:
    vocabulary = PROFILE.statuses
    assert vocabulary.value("opérationnel depuis mai") == "realised"
    assert vocabulary.value("en cours depuis le 1er mars 2024") == "in_progress"
    assert vocabulary.value("en pause depuis mai") is None  # a word it does not know, before "depuis"
    assert vocabulary.value("opérationnel depuis mai, bientôt étendu") is None  # a word that changes it


def test_an_entry_operational_since_a_month_has_its_status() -> None:
    text = (TITLE + "DANS LE DÉPARTEMENT\n-------------------\n\nDeux projets concrets en sont issus.\n\n"
            "• Vitré : un centre de soins non programmés (opérationnel depuis mai)\n"
            "• Redon : une maison de santé universitaire (en cours)\n")
    projects = [e for e in dossier(text, "ille-et-vilaine-2023.txt").lists if e.name == "department.projects"]
    assert [entry.status for entry in projects[0].entries] == ["realised", "in_progress"]
    assert not [f for f in findings(text, "ille-et-vilaine-2023.txt") if f[0] == "CNR104"]


def test_meetings_held_in_the_active_voice_are_the_departments() -> None:
    text = INTERVIEW.format(question="Un an après, quel bilan tirez-vous du CNR santé dans le Finistère ?")
    assert ("department.meetings", 7, "Finistère") in figures(text, "finistere-2023.txt")


def test_the_interviewed_departments_meetings_add_up_with_the_others() -> None:
    # Brest's 2023 dossiers: 5 + 7 ("Nous avons tenu sept réunions") + 8 (planted) + 5 = 25 > 23
    paths = sorted(BLIND.glob("*-2023.txt"))
    found = engine.check([load_dossier(p, str(p), CONTEXT) for p in paths], {str(p) for p in paths}, CONTEXT,
                         engine.select_rules(CONTEXT, Config()))
    assert any(f.code == "CNR204" and "meetings" in f.message for f in found)


COLUMNS = ("ARS Hauts-de-France – Dossier de presse – Arras, mercredi 20 novembre 2025\n\n"
           "CNR santé dans le Pas-de-Calais : 3 ans après\n"
           "Trois ans plus tard, voici où en sont les projets du Pas-de-Calais.\n"
           "Hauts-de-France : les chiffres clés\n58\n+ de 3 900\n51\n41\n10\n\n"
           "réunions de concertation depuis 2022\nparticipants\nprojets issus des débats\n"
           "projets réalisés fin octobre 2025\nprojets en cours à la même date\n")


def test_a_column_of_values_then_a_column_of_labels_pair_by_rank() -> None:
    # `pdftotext` of a key-figures box of two columns: the values, then their labels
    found = {f.name: f for f in dossier(COLUMNS, "pas-de-calais-2025.txt").figures}
    assert (found["region.meetings"].low, found["region.meetings"].as_of) == (58, None)  # "depuis 2022" dates nothing
    assert (found["region.participants"].low, found["region.participants"].high) == (3_900, 4_000)  # "+ de"
    assert found["region.projects.emerged"].low == 51
    realised, in_progress = found["region.projects.realised"], found["region.projects.in_progress"]
    assert (realised.low, realised.as_of_text, realised.span.line) == (41, "fin octobre 2025", 9)
    assert (in_progress.low, in_progress.as_of) == (10, realised.as_of)  # "à la même date"


def test_labels_that_are_not_as_many_as_the_values_pair_nothing() -> None:
    text = COLUMNS.replace("projets en cours à la même date\n", "")
    assert not [f for f in dossier(text, "pas-de-calais-2025.txt").figures if f.name.startswith("region.")]


def test_a_column_of_lines_with_numbers_of_their_own_is_no_column_of_labels() -> None:
    text = COLUMNS.replace("participants\n", "participants en 12 ateliers\n")
    assert not [f for f in dossier(text, "pas-de-calais-2025.txt").figures if f.name.startswith("region.")]


RUN_IN = ("CNR santé dans le Nord :\n3 ans après\nDossier de presse – Lille, lundi 17 novembre 2025\n"
          "L'ARS revient sur les projets nés dans le département du Nord.\n"
          "En Hauts-de-France, à la mi-octobre 2025\n"
          "58 réunions de concertation ont été organisées depuis 2022.\n"
          "Plus de 3 900 personnes y ont pris part. Sur les 51 projets qui en\n"
          "sont issus, 43 sont réalisés et 8 restent en cours.\n")


def test_a_dated_heading_run_into_a_paragraph_dates_the_figures_after_it() -> None:
    found = {f.name: f for f in dossier(RUN_IN, "nord-2025.txt").figures}
    assert found["region.projects.realised"].as_of_text == "à la mi-octobre 2025"
    assert found["region.projects.in_progress"].as_of_text == "à la mi-octobre 2025"


def test_a_dated_line_that_goes_on_with_its_sentence_is_no_heading() -> None:
    text = RUN_IN.replace("L'ARS revient sur les projets nés dans le département du Nord.\n",
                          "L'ARS revient sur les projets nés dans le département du Nord et\n")
    found = {f.name: f for f in dossier(text, "nord-2025.txt").figures}
    assert found["region.projects.realised"].as_of is None


def test_the_two_columns_and_the_run_in_heading_order_two_snapshots() -> None:
    # 43 realised at mi-October, 41 at the end of October: a regression (CNR203), no conflict
    from cnr_lint.pipeline import dossier_from_bytes

    dossiers = [dossier_from_bytes(text.encode("utf-8"), path, CONTEXT)
                for text, path in ((COLUMNS, "pas-de-calais-2025.txt"), (RUN_IN, "nord-2025.txt"))]
    found = engine.check(dossiers, {"pas-de-calais-2025.txt", "nord-2025.txt"}, CONTEXT, engine.select_rules(CONTEXT, Config()))
    codes = sorted((f.code, f.location.path, f.location.span.line) for f in found if f.code.startswith("CNR2"))
    assert codes == [("CNR203", "pas-de-calais-2025.txt", 9)]


def test_the_items_another_count_announces_are_that_lists_not_the_projects() -> None:
    # the interview: "Onze projets concrets", then the challenges "fixés au niveau national :"
    # and their four items, then the eleven projects
    found = dossier((BLIND / "finistere-2023.txt").read_text(encoding="utf-8"), "finistere-2023.txt")
    lists = {entries.name: entries for entries in found.lists}
    assert (lists["department.challenges"].stated, len(lists["department.challenges"].entries)) == (4, 4)
    assert (lists["department.projects"].stated, len(lists["department.projects"].entries)) == (11, 11)
    assert lists["department.projects"].entries[0].title.startswith("Brest")
    assert not findings((BLIND / "finistere-2023.txt").read_text(encoding="utf-8"), "finistere-2023.txt")


def test_a_national_count_that_opens_no_list_is_no_list() -> None:
    text = INTERVIEW.format(question="Un an après, quel bilan tirez-vous du CNR santé dans le Finistère ?").replace(
        "Et la suite ?", "Les quatre grands défis fixés au niveau national restent les mêmes.\n\nEt la suite ?")
    assert "department.challenges" not in {entries.name for entries in dossier(text, "finistere-2023.txt").lists}
