"""Phrasing: the ways other hands state a figure, each read to the same figure, and the
sentences that look like one but are not, read to nothing (precision first)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, dossier_from_bytes

CONTEXT = Context(load_packs())
TITLE = "# CNR santé dans le Finistère : 1 an après\n\n"


def figures(body: str, name: str = "t.md") -> list[tuple[str, float, float | None, str]]:
    dossier = dossier_from_bytes((TITLE + body).encode("utf-8"), name, CONTEXT)
    return [(f.name, f.low, f.high, f.text) for f in dossier.figures]


def values(body: str, name: str = "t.md") -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    for name, low, high, _ in figures(body, name):
        found.setdefault(name, []).append(low if low == high else (low, high))
    return found


REALISED = "region.projects.realised"
IN_PROGRESS = "region.projects.in_progress"


@pytest.mark.parametrize(
    "sentence",
    [
        "Au total, 14 projets ont été réalisés.",
        "À ce jour, 14 projets sont réalisés.",
        "Au total, 14 projets sont d'ores et déjà réalisés.",
        "Au total, 14 projets ont abouti.",
        "Quatorze projets sont achevés.",
        "Le bilan : 14 projets réalisés.",
    ],
)
def test_verb_forms_and_word_order(sentence: str) -> None:
    assert values(sentence + "\n") == {REALISED: [14]}


def test_the_noun_left_out_after_a_count_of_it() -> None:
    found = values("Sur 41 projets, dont 14 réalisés et 27 en cours, aucun n'est abandonné.\n")
    assert found[REALISED] == [14] and found[IN_PROGRESS] == [27]
    found = values("Sur les 41 projets, 15 sont d'ores et déjà réalisés et 26 sont en cours de déploiement.\n")
    assert found == {REALISED: [15], IN_PROGRESS: [26]}


def test_a_part_of_the_same_figure_is_not_the_figure() -> None:
    # "dont 3 réalisés en 2022" after "14 projets réalisés": a part, with the same predicate
    assert values("14 projets réalisés, dont 3 réalisés en 2022.\n") == {REALISED: [14]}


def test_a_noun_stated_without_a_count_still_names_the_parts() -> None:
    assert values("Les projets avancent : 14 réalisés.\n") == {REALISED: [14]}


@pytest.mark.parametrize(
    "sentence",
    [
        "Parmi les partenaires, 14 sont réalisés.",  # the noun is not "projets"
        "Parmi eux, 14 sont réalisés.",  # which noun "eux" stands for is not said
        "Grâce aux 3 réunions, 14 ont abouti.",  # the count before is of another noun
        "Des projets. 14 sont réalisés.",  # the noun is in another sentence
    ],
)
def test_a_predicate_without_its_noun_is_not_read(sentence: str) -> None:
    assert values(sentence + "\n") == {}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("- Projets réalisés : 14\n", 14),
        ("- ✅ **Projets réalisés** — 14\n", 14),
        ("Projets réalisés : quatorze\n", 14),
        ("| Chiffres clés | |\n|---|---|\n| Projets réalisés | 14 |\n", 14),
        ("| Chiffres clés | |\n|---|---|\n| 14 | projets réalisés |\n", 14),
        ("- 14 : projets réalisés\n", 14),
    ],
)
def test_label_then_value_and_value_then_label(body: str, expected: int) -> None:
    assert values(body) == {REALISED: [expected]}


def test_a_label_of_the_noun_alone_is_the_total_never_a_part() -> None:
    # "Projets : 41" counts all the projects: the total (declared `elision: false`), never the
    # realised or in-progress ones, which need their predicate
    assert values("- Projets : 41\n") == {"region.projects.emerged": [41]}


def test_several_labelled_values_on_one_line() -> None:
    found = values("- Projets réalisés : 14 ; projets en cours : 27\n")
    assert found == {REALISED: [14], IN_PROGRESS: [27]}


def test_a_long_sentence_is_no_label() -> None:
    sentence = "Les projets réalisés dans le département depuis le lancement de la démarche en 2022 " * 2
    assert values(sentence + ": 14\n") == {}


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Un budget de 3,1 M€ a été engagé.", 3_100_000, 3_100_000),
        ("Un budget de 1,2 million d'euros a été engagé.", 1_200_000, 1_200_000),
        ("Plus de trois millions d'euros ont été engagés.", 3_000_000, 4_000_000),
        ("Un budget de 250 k€ a été engagé.", 250_000, 250_000),
        ("Un budget de 2 500 000 € a été engagé.", 2_500_000, 2_500_000),
    ],
)
def test_amounts(sentence: str, low: float, high: float) -> None:
    [(name, found_low, found_high, _)] = figures(sentence + "\n")
    assert (name, found_low, found_high) == ("region.budget", low, high)


@pytest.mark.parametrize(
    ("sentence", "low", "high", "bounds"),
    [
        ("Plus d'une centaine de participants.", 100, 200, "[)"),
        ("Près d'une centaine de participants.", 80, 120, "[]"),
        ("Une centaine de participants.", 80, 120, "[]"),
        ("Moins d'une cinquantaine de participants.", 40, 50, "(]"),
    ],
)
def test_qualifiers_with_round_nouns(sentence: str, low: float, high: float, bounds: str) -> None:
    dossier = dossier_from_bytes((TITLE + sentence + "\n").encode(), "t.md", CONTEXT)
    [figure] = dossier.figures
    assert (figure.name, figure.low, figure.high, figure.bounds) == ("region.participants", low, high, bounds)


def test_numbers_in_words_anywhere() -> None:
    found = values("Vingt-trois réunions de concertation ont réuni quatre cent cinquante participants.\n")
    assert found == {"region.meetings": [23], "region.participants": [450]}


def test_department_meetings_in_other_words() -> None:
    body = "## Dans le Finistère\n\nTrois réunions ont été organisées à Brest. 5 temps d'échange ont eu lieu.\n"
    found = values(body)
    assert found == {"department.meetings": [3, 5]}


def test_the_seeds_phrasing_is_unchanged() -> None:
    # the words of the built-in profile read the seeds' sentences as the patterns they replace
    found = figures(
        "25 réunions de concertation se sont ainsi tenues. 41 projets ont émergé de ces débats. "
        "Au 8 novembre 2023, le bilan comptabilise 14 projets réalisés, et 27 projets en cours de déploiement.\n"
    )
    assert [(n, low, text) for n, low, _, text in found] == [
        ("region.meetings", 25, "25 réunions de concertation"),
        ("region.projects.emerged", 41, "41 projets ont émergé"),
        (REALISED, 14, "14 projets réalisés"),
        (IN_PROGRESS, 27, "27 projets en cours"),
    ]


_FILLERS = st.lists(st.sampled_from(["ont", "été", "sont", "déjà", "d'ores et déjà", "désormais", "ainsi"]), max_size=4)


@settings(max_examples=60, deadline=None)
@given(value=st.integers(min_value=2, max_value=999), fillers=_FILLERS, singular=st.booleans())
def test_any_between_words_in_any_order_give_the_figure(value: int, fillers: list[str], singular: bool) -> None:
    noun = "projet" if singular else "projets"
    sentence = f"Le bilan compte {value} {noun} {' '.join(fillers + ['réalisés'])}.\n"
    assert values(sentence) == {REALISED: [value]}


# -- scope: whose figure it is ----------------------------------------------------------------------


def scoped(body: str, title: str = TITLE) -> list[tuple[str, float, str, str | None, str | None]]:
    dossier = dossier_from_bytes((title + body).encode("utf-8"), "t.md", CONTEXT)
    return [(f.name, f.low, f.scope, f.department, f.campaign) for f in dossier.figures]


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("Au niveau national, plus de 1 000 réunions de concertation ont eu lieu.", "national"),
        ("En France, 1 500 projets ont émergé.", "national"),
        ("Hors CNR, 14 projets sont réalisés.", "programme"),
        ("Au titre du Ségur de la santé, 14 projets sont réalisés.", "programme"),
        ("La Région a consacré 3,5 millions d'euros aux centres de santé.", "programme"),
        ("Le conseil départemental a, de son côté, consacré 1,8 million d'euros aux internes.", "programme"),
        ("La réunion de Lorient a rassemblé à elle seule 140 personnes.", "meeting"),
        ("Une centaine de personnes ont participé à chaque réunion.", "meeting"),
    ],
)
def test_figures_of_another_scope_are_never_the_regions(sentence: str, scope: str) -> None:
    [(_, _, found_scope, _, _)] = scoped(sentence + "\n")
    assert found_scope == scope


def test_the_nearest_scope_word_wins() -> None:
    # the seeds' sentence: the Assurance maladie is named, but "dans notre région" is nearer
    sentence = ("Les préfectures, l'Assurance maladie et la MSA ont contribué à ces événements qui ont réuni "
                "près de 700 participants dans notre région.")
    assert [s for _, _, s, _, _ in scoped(sentence + "\n")] == ["region"]
    # a word after the figure counts only up to the next number
    assert [s for _, _, s, _, _ in scoped("En Bretagne, 41 projets ont émergé, contre 1 500 au niveau national.\n")] == [
        "region"
    ]


def test_the_parts_of_a_national_figure_are_national() -> None:
    found = scoped("Au niveau national, 1 200 projets ont émergé, dont 400 réalisés et 800 en cours.\n")
    assert [s for _, _, s, _, _ in found] == ["national"] * 3


def test_a_department_named_with_a_regional_figure_makes_it_the_departments() -> None:
    found = scoped("Au total, 1 310 participants ont pris part aux échanges en Ille-et-Vilaine.\n")
    assert found == [("department.participants", 1310, "department", "Ille-et-Vilaine", None)]
    found = scoped("En Seine-Maritime, 11 réunions de concertation ont été organisées.\n")
    assert found == [("department.meetings", 11, "department", "Seine-Maritime", None)]
    # a region or a word that is no department changes nothing
    assert scoped("En Bretagne, 18 réunions de concertation.\n")[0][2] == "region"


TITLE_2024 = "# CNR santé dans le Finistère : 2 ans après\n\nLancée en octobre 2022, la démarche se poursuit.\n\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "L'an dernier, 13 projets étaient réalisés.",
        "Pour mémoire, il y a un an, le bilan faisait état de 13 projets réalisés.",
        "Au 6 novembre 2023, 13 projets étaient réalisés.",  # dated in the year before the campaign's
    ],
)
def test_figures_of_the_previous_campaign_carry_it(sentence: str) -> None:
    [(name, _, scope, _, campaign)] = scoped(sentence + "\n", TITLE_2024)
    assert (name, scope, campaign) == (REALISED, "region", "1 an après 2023")


def test_a_figure_counted_since_last_year_is_this_campaigns() -> None:
    [(_, _, _, _, campaign)] = scoped("Depuis novembre 2023, 31 réunions de concertation.\n", TITLE_2024)
    assert campaign is None


def test_figures_of_another_scope_or_campaign_are_not_compared() -> None:
    dossier = dossier_from_bytes(
        (TITLE_2024 + "Au niveau national, 1 500 projets réalisés. L'an dernier, 13 projets réalisés. "
         "Au 4 novembre 2024, 29 projets réalisés.\n").encode(), "t.md", CONTEXT,
    )
    assert [f.low for f in dossier.figures_named(REALISED)] == [29]


# -- campaign of a dated dossier ----------------------------------------------------------------------


def campaign(text: str) -> tuple[str | None, str | None]:
    dossier = dossier_from_bytes(text.encode("utf-8"), "t.md", CONTEXT)
    return dossier.campaign, dossier.published


def test_the_publication_line_dates_the_campaign_not_the_first_date_mentioned() -> None:
    text = ("# CNR santé dans le Nord : 2 ans après\n\n**ARS Hauts-de-France – Lille, mardi 12 novembre 2024**\n\n"
            "Un premier cycle, ouvert le jeudi 17 novembre 2022, avait réuni près de 1 400 participants.\n")
    assert campaign(text) == ("2 ans après 2024", "2024-11-12")


def test_n_years_after_counts_from_the_launch_before_the_first_dated_figure() -> None:
    text = ("# CNR santé dans le Nord : 2 ans après\n\nLe CNR santé, lancé le 3 octobre 2022, se poursuit.\n\n"
            "Un premier cycle avait réuni près de 1 400 participants le 17 novembre 2022.\n")
    assert campaign(text) == ("2 ans après 2024", None)


def test_a_dated_dossier_without_n_years_after_gets_the_years_since_the_launch() -> None:
    text = ("# Le CNR santé dans le Nord\n\nLille, le 12 novembre 2024\n\n"
            "Le CNR santé, lancé le 3 octobre 2022, a réuni 900 participants.\n")
    assert campaign(text) == ("2 ans après 2024", "2024-11-12")


def test_a_dated_dossier_that_states_no_launch_counts_from_the_launch_its_profile_knows() -> None:
    # The CNR santé started on 3 October 2022 (the built-in profile's `launched`), however the
    # dossier words it ("donnait le coup d'envoi"), or if it does not say it at all.
    text = ("Dossier de presse – 28 nov. 2024\n\n# Bilan du CNR santé en Sarthe\n\n"
            "Le ministre donnait le coup d'envoi du CNR en santé à l'automne.\n")
    assert campaign(text) == ("2 ans après 2024", "2024-11-28")
    without = load_packs()
    profile = without.profiles[without.default]
    import dataclasses

    unlaunched = dataclasses.replace(without, profiles={**without.profiles, without.default: dataclasses.replace(profile, launched=None)})
    dossier = dossier_from_bytes(text.encode("utf-8"), "t.md", Context(unlaunched))
    assert dossier.campaign is None  # no launch stated or known: no campaign, and CNR005 says so


def test_a_sentence_ending_with_a_date_is_no_publication_line() -> None:
    text = "# CNR santé dans le Var : 1 an après.\n\nLe centre a ouvert ses portes le 2 octobre 2023.\n"
    assert campaign(text)[1] is None


def test_a_total_is_never_read_with_its_noun_left_out() -> None:
    # emerged is declared `elision: false`: "dont deux issus du second cycle" is a part of ten
    found = values("Dix projets ont été soutenus, dont deux issus du second cycle.\n")
    assert "region.projects.emerged" not in found
    assert values("Au total, 34 projets issus des échanges.\n") == {"region.projects.emerged": [34]}


@pytest.mark.parametrize(
    ("body", "name", "value"),
    [
        ("      Réunions de concertation depuis novembre 2022 ........ 41\n", "region.meetings", 41),
        ("      Projets issus de la concertation ........ 63\n", "region.projects.emerged", 63),
        ("- 31 | réunions de concertation depuis novembre 2022\n", "region.meetings", 31),
        ("- Réunions de concertation tenues dans la région : vingt-huit\n", "region.meetings", 28),
    ],
)
def test_labels_with_more_words_and_a_date(body: str, name: str, value: int) -> None:
    assert values(body, "t.txt") == {name: [value]}


def test_a_label_naming_a_department_gives_the_departments_figure() -> None:
    assert scoped("- Participants dans le Finistère : 310\n") == [
        ("department.participants", 310, "department", "Finistère", None)
    ]


def test_a_layout_export_keeps_each_value_with_its_own_label() -> None:
    body = ("Key figures\n\n      Projets issus de la concertation ........ 63\n"
            "      Projets réalisés au 30 septembre 2024 ........ 39\n"
            "      Projets en cours au 30 septembre 2024 ........ 24\n")
    dossier = dossier_from_bytes(("CNR santé dans le Calvados : 2 ans après\n\n" + body).encode(), "t.txt", CONTEXT)
    found = [(f.name, f.low, f.as_of_text) for f in dossier.figures]
    assert found == [
        ("region.projects.emerged", 63, None),
        (REALISED, 39, "au 30 septembre 2024"),
        (IN_PROGRESS, 24, "au 30 septembre 2024"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Dix projets ont été retenus et soutenus par l'ARS en 2023.",
        "Au total, 10 projets concrets sont aujourd'hui portés dans le département.",
        "Ces discussions ont permis de faire émerger 10 projets concrets qui ont été soutenus par l'ARS.",
        "Dix projets concrets ont été soutenus par l'ARS.",  # the pattern and the words: one list
    ],
)
def test_a_departments_stated_count_of_projects_in_other_words(sentence: str) -> None:
    body = f"## Dans le Finistère\n\n{sentence}\n\n### Un projet\n\nEN COURS\n"
    dossier = dossier_from_bytes((TITLE + body).encode(), "t.md", CONTEXT)
    assert [(lst.name, lst.stated, len(lst.entries)) for lst in dossier.lists] == [("department.projects", 10, 1)]


def test_a_part_named_again_with_its_article_is_not_the_figure() -> None:
    # "Les trois projets encore en cours feront…": the parts counted before, named again
    assert values("Les trois projets encore en cours feront l'objet d'un suivi.\n") == {}
    # a count of the region's departments is stated with its article
    assert values("Dans les six départements, de nouvelles réunions.\n") == {"region.departments": [6]}


def test_a_stated_list_of_another_programme_is_no_list() -> None:
    body = ("## Dans le Finistère\n\nAu titre du Ségur, 14 projets ont été retenus.\n\n"
            "Dix projets ont été retenus par l'ARS.\n\n### Un projet\n\nEN COURS\n")
    dossier = dossier_from_bytes((TITLE + body).encode(), "t.md", CONTEXT)
    assert [(lst.name, lst.stated) for lst in dossier.lists] == [("department.projects", 10)]


def test_a_departments_participants() -> None:
    body = "## Dans le Finistère\n\nLes réunions ont réuni 310 participants. La rencontre de Brest a réuni à elle seule 90 personnes.\n"
    assert scoped(body) == [
        ("department.participants", 310, "department", "Finistère", None),
        ("department.participants", 90, "meeting", None, None),
    ]
