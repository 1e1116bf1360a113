"""Markdown dossiers by other hands (round 10): a dateline's abbreviated weekday, a status
written in a block quote under its project's heading, and a count in an aside dated by the
aside's own date."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from cnr_lint.dates import find_dates, weekday_name
from test_other_hands import dossier, findings
from test_sixth_hands import projects

TITLE = "# CNR santé dans le Vaucluse : 3 ans après\n\n"
KEY_FIGURES = ("## Les chiffres clés\n\n- **25** réunions de concertation\n- **41** projets issus des débats\n"
               "- **32** projets réalisés et **9** en cours au 31 octobre 2025\n\n")


def test_an_abbreviated_weekday_is_checked_against_its_date() -> None:
    text = TITLE + "**Dossier de presse – jeu. 21 nov. 2025**\n\n" + KEY_FIGURES
    assert ("CNR105", 3) in findings(text)
    assert [(m.text, m.weekday) for m in dossier(text).dates if m.weekday] == [("jeu. 21 nov. 2025", "jeudi")]


def test_a_right_abbreviated_weekday_is_no_finding() -> None:
    text = TITLE + "**Dossier de presse – jeu. 20 nov. 2025**\n\n" + KEY_FIGURES
    assert not [code for code, _ in findings(text) if code == "CNR105"]


@given(st.dates(datetime.date(1990, 1, 1), datetime.date(2090, 12, 31)), st.booleans())
def test_every_weekday_abbreviation_names_its_day(day: datetime.date, capital: bool) -> None:
    written = weekday_name(day)[:3] + "."
    written = written.capitalize() if capital else written
    [found] = find_dates(f"le {written} {day.day} {_MONTHS[day.month - 1]} {day.year}", None)
    assert found.period.start == day
    assert found.weekday == weekday_name(day)


_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")


PART = ("## Dans le Vaucluse\n\n**3 projets concrets** en sont issus : 2 réalisés, 1 en cours.\n\n"
        "#### Maison médicale de garde (Carpentras)\n\nOuverte les soirs de semaine.\n\n> Statut : réalisé\n\n"
        "#### Télé-expertise en cardiologie (Orange)\n\nUn avis cardiologique en moins de 72 heures.\n\n"
        "#### Bus de prévention (Cavaillon)\n\n> Statut : en cours\n\n## Prochaines étapes\n\nLa suite.\n")


def test_a_status_in_a_block_quote_is_its_projects() -> None:
    listed = projects(TITLE + KEY_FIGURES + PART)
    assert [(entry.title, entry.status) for entry in listed.entries] == [
        ("Maison médicale de garde (Carpentras)", "realised"),
        ("Télé-expertise en cardiologie (Orange)", None),
        ("Bus de prévention (Cavaillon)", "in_progress"),
    ]
    assert ("CNR104", 19) in findings(TITLE + KEY_FIGURES + PART)


def test_a_box_in_a_block_quote_is_still_no_entry() -> None:
    text = TITLE + KEY_FIGURES + PART.replace("## Prochaines", "> **Zoom sur** le bus, qui dessert dix communes.\n\n## Prochaines")
    assert len(projects(text).entries) == 3


def test_a_count_in_an_aside_takes_the_asides_date() -> None:
    # "(contre … 18 en cours au 31 octobre 2024)" is last year's snapshot, not a second count
    # of the projects in progress at 31 October 2025.
    text = TITLE + KEY_FIGURES.replace(
        "au 31 octobre 2025\n", "au 31 octobre 2025 (contre 23 réalisés et 18 en cours au 31 octobre 2024)\n")
    dated = {(f.name, f.low): f.as_of.start.isoformat() for f in dossier(text).figures if f.as_of}
    assert dated[("region.projects.in_progress", 9)] == "2025-10-31"
    assert dated[("region.projects.in_progress", 18)] == "2024-10-31"
    assert not [code for code, _ in findings(text) if code == "CNR201"]


def _corpus_findings(texts: dict[str, str]) -> list[tuple[str, str, int]]:
    from cnr_lint import engine
    from cnr_lint.config import Config
    from test_other_hands import CONTEXT

    dossiers = [dossier(text, path) for path, text in texts.items()]
    found = engine.check(dossiers, set(texts), CONTEXT, engine.select_rules(CONTEXT, Config()))
    return sorted((f.code, f.location.path, f.location.span.line) for f in found if f.code != "CNR002")


SYNTHESIS = ("# CNR santé en Provence-Alpes-Côte d'Azur : 3 ans après\n\n## Synthèse régionale\n\n"
             "- **25** réunions de concertation\n\n"
             "| Département | Réunions | Participants |\n|---|---:|---:|\n"
             "| Var | 4 | 118 |\n| Vaucluse | 4 | 102 |\n")
OWN = TITLE + "## Dans le Vaucluse\n\n**4 réunions**, **{n} participants** : les concertations vauclusiennes.\n"


def test_a_departments_participants_stated_two_ways_conflict() -> None:
    found = _corpus_findings({"synthese.md": SYNTHESIS, "vaucluse.md": OWN.format(n=112)})
    assert [(code, path) for code, path, _ in found if code == "CNR205"] == [
        ("CNR205", "synthese.md"), ("CNR205", "vaucluse.md")]
    assert not [code for code, _, _ in _corpus_findings({"synthese.md": SYNTHESIS, "vaucluse.md": OWN.format(n=102)})
                if code == "CNR205"]


VOSGES = ("# CNR santé dans les Vosges : 2 ans après\n\n*ARS Grand Est – novembre 2024*\n\n"
          "> Deux ans après son lancement, le CNR santé a donné lieu à **82** réunions de concertation.\n\n"
          "## Zoom départemental\n\nDans les Vosges, le bilan 2023 recensait sept projets, dont trois aboutis.\n\n"
          "Cinq projets concrets sont aujourd'hui engagés dans le département :\n\n"
          "- **[Abouti]** Maison médicale de garde.\n- **[Abouti]** Internes en Vosges.\n"
          "- **[Abouti]** Régulation des soins.\n- **[Abouti]** Centre de santé.\n- **[Abouti]** Bus de dépistage.\n")


def test_a_count_of_a_bilan_named_by_its_year_is_that_campaigns() -> None:
    [three] = [f for f in dossier(VOSGES).figures if f.name == "department.projects.realised"]
    assert (three.low, three.campaign, three.as_of.start.year) == (3, "1 an après 2023", 2023)
    assert not [code for code, _ in findings(VOSGES) if code == "CNR205"]


def test_european_funds_are_another_bodys_money() -> None:
    text = (TITLE + KEY_FIGURES + "L'ARS a engagé 4,6 millions d'euros en 2023.\n\n"
            "Le projet de coopération franco-allemande mobilise 3,5 millions d'euros de fonds européens.\n")
    budgets = {f.low: f.scope for f in dossier(text).figures if f.name == "region.budget"}
    assert budgets == {4_600_000: "region", 3_500_000: "programme"}
    assert not [code for code, _ in findings(text) if code == "CNR201"]


def _challenges(text: str):
    [found] = [entry_list for entry_list in dossier(text).lists if entry_list.name == "department.challenges"]
    return found


JURA = ("# CNR santé dans le Jura : 2 ans après\n\n*Lons-le-Saunier, le mardi 19 novembre 2024*\n\n"
        "En région, les chiffres de ce second cycle :\n\n"
        "- Réunions organisées pendant le second cycle : 12\n- Participants : près de 800\n"
        "- Crédits ARS engagés depuis 2023 : 6,1 millions d'euros\n\n"
        "Ces crédits proviennent du Fonds d'intervention régional, dont l'enveloppe totale dépasse 180 millions "
        "d'euros en 2024, toutes politiques confondues.\n\n"
        "## Focus sur le Jura\n\nDans le Jura, 13 réunions se sont tenues au cours de ce second cycle.\n")


def test_a_key_figures_label_saying_the_meetings_were_held_gives_the_regions_meetings() -> None:
    meetings = {(f.name, f.low) for f in dossier(JURA).figures if f.name.endswith("meetings")}
    assert meetings == {("region.meetings", 12), ("department.meetings", 13)}
    assert ("CNR106", 15) in findings(JURA)


def test_an_envelope_over_every_policy_is_another_programmes_money() -> None:
    budgets = {f.low: f.scope for f in dossier(JURA).figures if f.name == "region.budget"}
    assert budgets == {6_100_000: "region", 180_000_000: "programme"}


def test_a_cycle_that_gave_rise_to_meetings_in_the_department_counts_them() -> None:
    text = JURA.replace("Dans le Jura, 13 réunions se sont tenues au cours de ce second cycle.",
                        "Le second cycle a donné lieu à trois réunions dans le Jura : à Dole, à Lons et à Morez.")
    meetings = {(f.name, f.low) for f in dossier(text).figures if f.name.endswith("meetings")}
    assert meetings == {("region.meetings", 12), ("department.meetings", 3)}


NUMBERED = ("## Dans le Vaucluse\n\nTrois projets concrets sont suivis : deux sont opérationnels, un en construction.\n\n"
            "1. **Régulation libérale du SAS** — opérationnel\n   Les médecins régulent le dimanche.\n"
            "2. **Transport solidaire** — finalisé ({aside})\n   Une trentaine de trajets par mois.\n"
            "3. **Maison des internes** — en construction\n   Le chantier s'achève au printemps.\n")


def test_a_status_in_brackets_after_another_is_a_second_status() -> None:
    text = TITLE + NUMBERED.format(aside="en phase pilote")
    [_, second, _] = projects(text).entries
    assert (second.title, second.statuses, second.status) == ("Transport solidaire", ("finalisé", "en phase pilote"), None)
    assert ("CNR104", 9) in findings(text)


def test_a_comment_in_brackets_after_a_status_is_no_second_status() -> None:
    text = TITLE + NUMBERED.format(aside="depuis septembre 2024").replace("deux sont", "trois sont").replace(
        ", un en construction", "")
    [_, second, _] = projects(text).entries
    assert (second.statuses, second.status) == (("finalisé",), "realised")


def test_a_semicolon_enumeration_agreeing_with_neither_reading_of_its_count_is_a_mismatch() -> None:
    # "trois grands défis : a ; b ; c ; d et e": four items or five, never three.
    text = (TITLE + "## Dans le Vaucluse\n\nLes participants avaient retenu trois grands défis : l'accès à un médecin "
            "traitant ; la réponse aux soins non programmés ; l'attractivité du département ; la santé des jeunes "
            "et la prévention.\n")
    found = _challenges(text)
    assert (found.stated, len(found.entries)) == (3, 4)
    assert ("CNR103", 5) in findings(text)


TOURAINE = ("# CNR santé en Indre-et-Loire : 1 an après\n\n## La démarche en région\n\n"
            "- 24 — réunions de concertation organisées en Centre-Val de Loire\n"
            "- 38 — projets issus des échanges\n- 12 — projets réalisés au 6/11/2023\n\n"
            "## Et la suite ?\n\nEn résumé : sept rencontres en Touraine, quatre défis, {whole} projets dont trois "
            "déjà opérationnels.\n")


def test_a_part_of_a_whole_that_is_not_the_regions_total_is_nobodys() -> None:
    # "huit projets dont trois": three of some eight projects, not of the region's 38.
    realised = [f.low for f in dossier(TOURAINE.format(whole="huit")).figures if f.name == "region.projects.realised"]
    assert realised == [12]
    assert not findings(TOURAINE.format(whole="huit"))


def test_a_part_of_the_regions_total_is_the_regions() -> None:
    realised = [f.low for f in dossier(TOURAINE.format(whole="38")).figures if f.name == "region.projects.realised"]
    assert sorted(realised) == [3, 12]


def test_where_a_status_is_does_not_hide_it() -> None:
    from test_other_hands import CONTEXT

    vocabulary = CONTEXT.profile.statuses
    assert vocabulary.value("déploiement en cours dans les écoles du bassin grassois") == "in_progress"
    assert vocabulary.value("déployé dans tout le département") == "realised"
    assert vocabulary.value("en cours dans les écoles, bientôt au collège") is None  # "bientôt" changes it
    assert vocabulary.value("dans les écoles du bassin") is None  # where, but no status


def test_a_ticked_box_and_a_status_after_the_title_that_disagree_are_two_statuses() -> None:
    text = (TITLE + "## Dans le Vaucluse\n\nSur les **3 projets** retenus, **2** sont réalisés et **1** en cours.\n\n"
            "Légende : [x] réalisé – [ ] en cours\n\n- [x] Maison médicale de garde (Cannes)\n"
            "- [x] Dépistage bucco-dentaire (Grasse) – déploiement en cours dans les écoles du bassin grassois\n"
            "- [ ] Logements pour les internes\n")
    entries = projects(text).entries
    assert [entry.status for entry in entries] == ["realised", None, "in_progress"]
    assert entries[1].statuses == ("réalisé", "déploiement en cours dans les écoles du bassin grassois")
    assert ("CNR104", 10) in findings(text)
