"""Project lists grouped by where they stand, and the dates and words other hands use (round 18).

- A bold line of its own over a list's items gives them its status, as a heading does, with the
  count it may end with ("Déjà réalisés (5)"); under it, what an item's line ends with that is no
  status ("Maison de santé – Vire") is not one: it names the town.
- A line that starts with an em dash ("— Maison de santé – Vire") is a list item in text and PDF
  dossiers, as one with an en dash is.
- A count of projects its breakdown follows is their total: "50 projets : 20 réalisés, 30 en
  cours", "41 projets (14 réalisés, 27 en cours)", "Douze projets : huit réalisés, cinq en cours".
- The launch day dates no figure ("Trois ans après le lundi 3 octobre 2022, … 42 réunions").
- "rencontres" are meetings, as "réunions" are: "34 rencontres locales", "Le département a
  accueilli 8 rencontres".
- A heading naming the region by its adjective ("Et à l'échelle normande") closes the
  department's part, as one naming the region does.
"""

from __future__ import annotations

from test_r14_tables import codes, dossier

CALVADOS = """\
# CNR santé dans le Calvados : 2 ans après

Caen, lundi 18 novembre 2024

## Dans le Calvados

Trois projets concrets ont été retenus. Voici où ils en sont.

**Déjà réalisés (2)**

- Maison de santé pluriprofessionnelle – Vire
- Centre de soins non programmés – {second}

**En cours (1)**

- Guichet d'accueil des internes – Caen

## La suite

Une nouvelle série de rencontres est prévue.
"""


def projects(text: str, name: str = "dp.md") -> list[tuple[str, str | None]]:
    (listed,) = [lst for lst in dossier(text, name).lists if lst.name == "department.projects"]
    return [(entry.title, entry.status) for entry in listed.entries]


def test_a_bold_line_over_items_gives_them_its_status_and_a_town_after_a_dash_is_none():
    assert projects(CALVADOS.format(second="Lisieux")) == [
        ("Maison de santé pluriprofessionnelle – Vire", "realised"),
        ("Centre de soins non programmés – Lisieux", "realised"),
        ("Guichet d'accueil des internes – Caen", "in_progress"),
    ]
    assert codes({"dp.md": CALVADOS.format(second="Lisieux")}) == []


def test_a_status_the_item_states_beside_its_group_s_still_counts():
    text = CALVADOS.format(second="Lisieux – en construction")
    assert ("CNR104", "dp.md", 12) in codes({"dp.md": text})


def test_an_em_dash_starts_an_item_in_plain_text():
    text = ("CNR santé dans le Calvados : 2 ans après\n\nDans le Calvados\n\nDeux projets concrets ont été retenus.\n\n"
            "— Maison de santé – Vire : ouverte\n— Centre de soins – Lisieux : en travaux\n")
    assert projects(text, "dp.txt") == [("Maison de santé – Vire", "realised"), ("Centre de soins – Lisieux", "in_progress")]


BREAKDOWN = """\
# CNR santé dans le Var : 1 an après

Toulon, le mardi 14 novembre 2023

## En région

Au 31 octobre 2023, {region}.

## Dans le Var

{department}

- Maison de santé (Brignoles) : ouverte
- Centre de santé (Hyères) : en travaux
"""


def breakdown(region: str, department: str = "Deux projets : un réalisé, un en cours.") -> str:
    return BREAKDOWN.format(region=region, department=department)


def test_a_count_of_projects_before_its_breakdown_is_their_total():
    for region in ("41 projets : 14 réalisés, 27 en cours", "41 projets (14 réalisés, 27 en cours)",
                   "41 projets, dont 14 réalisés et 27 en cours"):
        found = {f.name: f.low for f in dossier(breakdown(region), "var.md").figures}
        assert found["region.projects.emerged"] == 41, region
    assert ("CNR102", "var.md", 7) in codes({"var.md": breakdown("42 projets : 14 réalisés, 27 en cours")})
    assert codes({"var.md": breakdown("41 projets : 14 réalisés, 27 en cours")}) == []


def test_a_department_s_count_before_its_breakdown_states_its_list():
    text = breakdown("41 projets : 14 réalisés, 27 en cours", "Trois projets : deux réalisés, un en cours.")
    assert ("CNR101", "var.md", 11) in codes({"var.md": text})


def test_a_count_of_projects_without_a_breakdown_after_it_is_no_total():
    found = {f.name for f in dossier(breakdown("41 projets : des maisons de santé, des bus"), "var.md").figures}
    assert "region.projects.emerged" not in found


CHER = """\
# CNR santé : trois ans après, où en est le Cher ?

Bourges, jeudi 27 novembre 2025

Trois ans après le lundi 3 octobre 2022, le CNR santé en Centre-Val de Loire, ce sont 42 réunions de
concertation, 1 580 participants et 57 projets issus des échanges.

## Dans le Cher

Sept réunions se sont tenues dans le Cher.
"""


def test_the_launch_day_dates_no_figure():
    read = dossier(CHER, "cher.md")
    meetings = next(f for f in read.figures if f.name == "region.meetings")
    assert (meetings.low, meetings.as_of, meetings.campaign) == (42, None, None)
    assert read.campaign == "3 ans après 2025"


ORNE = """\
# CNR santé dans l'Orne : 2 ans après

Alençon, mardi 19 novembre 2024

## En bref

- 34 rencontres locales en Normandie depuis l'automne 2022
- 1 230 participants

## Dans l'Orne

Le département a accueilli 6 rencontres, qui ont réuni 210 participants.

## Et à l'échelle normande

Les cinq départements ont réuni 1 230 participants.
"""


def test_meetings_called_rencontres_and_a_region_named_by_its_adjective():
    found = {(f.name, f.low, f.department) for f in dossier(ORNE, "orne.md").figures}
    assert ("region.meetings", 34, None) in found
    assert ("department.meetings", 6, "Orne") in found
    assert ("department.participants", 210, "Orne") in found
    assert ("department.participants", 1230, "Orne") not in found
    assert codes({"orne.md": ORNE}) == []


SUMMARY = """\
# Trois ans de CNR santé en Normandie

Caen, lundi 3 novembre 2025

## Les chiffres clés

- 41 rencontres locales
- 59 projets
- 4,6 M€ engagés par l'ARS Normandie

## Le détail par département

| Département | Rencontres | Projets |
|---|---|---|
| Calvados | 9 | 14 |
| Orne | 7 | 10 |
"""


def test_a_rencontres_column_and_a_bare_count_of_projects_among_the_key_figures():
    found = {(f.name, f.low, f.department) for f in dossier(SUMMARY, "synthese.md").figures}
    assert ("region.projects.emerged", 59, None) in found
    assert ("department.meetings", 7, "Orne") in found and ("department.meetings", 9, "Calvados") in found


def test_a_bare_count_of_projects_inside_a_sentence_is_no_total():
    text = SUMMARY.replace("- 59 projets\n", "- Parmi eux, 59 projets\n")
    assert "region.projects.emerged" not in {f.name for f in dossier(text, "synthese.md").figures}
