"""Words, clauses and codes of other hands (round 19).

- "4 réunions ont mobilisé 140 participants": meetings said to mobilise are held, as those said
  to gather ("ont rassemblé").
- "le Doubs voisin, où 9 réunions se sont tenues": "où" after a department's name opens a clause
  about that department, in another department's dossier too.
- "5 projets : 3 aboutis et 3 en déploiement": "en déploiement" is in progress in a breakdown,
  so the count is their total (CNR102 when they do not add up).
- Front matter may give the department by its INSEE code ("departement: \\"68\\"").
- "**État : réalisé.** Trois officines sont équipées ; …": a paragraph whose first sentence is a
  labelled status states it, the rest a comment.
- "123 projets sont nés ; au 31 octobre 2024, 81 sont réalisés": the parts after a semicolon
  are of the count before it, as after a full stop.
- The region's meetings "ont réuni", "se sont tenues dans la région" as "rencontres", or under a
  label "Rencontres organisées dans la région" / "… en Grand Est".
"""

from __future__ import annotations

from test_r14_tables import codes, dossier

BELFORT = """\
# CNR santé dans le Territoire de Belfort : 2 ans après

Belfort, mardi 19 novembre 2024

## Focus Territoire de Belfort (90)

Depuis, 4 réunions ont mobilisé 140 participants.

{stated} projets : 3 aboutis et 2 en déploiement au 31 octobre 2024.

Les projets de l'aire urbaine sont suivis avec le Doubs voisin, où 9 réunions se sont tenues.
"""


def figures(text: str, name: str = "dp.md") -> set[tuple[str, float, str | None]]:
    return {(f.name, f.low, f.department) for f in dossier(text, name).figures}


def test_meetings_that_mobilised_participants_are_the_department_s():
    assert ("department.meetings", 4, "Territoire de Belfort") in figures(BELFORT.format(stated=5))


def test_where_after_a_department_s_name_gives_it_the_clause_s_figures():
    found = figures(BELFORT.format(stated=5))
    assert ("department.meetings", 9, "Doubs") in found
    assert ("department.meetings", 9, "Territoire de Belfort") not in found


def test_a_breakdown_in_deployment_makes_the_count_a_total():
    assert codes({"dp.md": BELFORT.format(stated=5)}) == []
    assert [code for code, _, _ in codes({"dp.md": BELFORT.format(stated=6)})] == ["CNR102"]


HAUT_RHIN = """\
---
title: "CNR santé : deux ans après dans le Haut-Rhin"
departement: "{code}"
campagne: "2 ans après"
---

# Deux ans de CNR santé

Colmar, mardi 19 novembre 2024

## Dans le Haut-Rhin

Huit réunions se sont tenues. **2 projets** ont été retenus et accompagnés par la délégation.

### Mulhouse — une maison médicale de garde

Les médecins assurent les consultations du soir.

**État : réalisé.** Trois officines pilotes sont équipées ; l'extension reste à faire.

### Colmar — un centre de soins non programmés

Il accueille les patients sans rendez-vous.

**État : en cours.**
"""


def test_front_matter_may_name_the_department_by_its_code():
    read = dossier(HAUT_RHIN.format(code="68"), "dp.md")
    assert read.department == "Haut-Rhin" and read.region == "Grand Est"
    assert "CNR006" not in [code for code, _, _ in codes({"dp.md": HAUT_RHIN.format(code="68")})]
    assert "CNR006" in [code for code, _, _ in codes({"dp.md": HAUT_RHIN.format(code="99")})]


def test_a_labelled_status_opening_a_paragraph_is_the_entry_s_and_the_rest_a_comment():
    (projects,) = [lst for lst in dossier(HAUT_RHIN.format(code="68"), "dp.md").lists if lst.name == "department.projects"]
    assert [(entry.title, entry.status) for entry in projects.entries] == [
        ("Mulhouse — une maison médicale de garde", "realised"), ("Colmar — un centre de soins non programmés", "in_progress")]
    assert codes({"dp.md": HAUT_RHIN.format(code="68")}) == []


GRAND_EST = """\
# Le CNR santé en Moselle : deux ans après

Metz, mardi 19 novembre 2024

## Bilan régional

{meetings}

123 projets sont nés de ces échanges ; au 31 octobre 2024, 81 sont réalisés et 42 se poursuivent.

## La Moselle

Onze réunions se sont tenues.
"""


def test_the_parts_after_a_semicolon_are_of_the_count_before_it():
    found = figures(GRAND_EST.format(meetings=""))
    assert ("region.projects.realised", 81, None) in found and ("region.projects.in_progress", 42, None) in found


def test_the_region_s_meetings_as_other_hands_write_them():
    for sentence in ("En Grand Est, 124 rencontres ont réuni plus de 4 200 participants.",
                     "124 rencontres se sont tenues dans la région.",
                     "| Rencontres organisées dans la région | 124 |\n|---|---|",
                     "Rencontres organisées en Grand Est : 124"):
        assert ("region.meetings", 124, None) in figures(GRAND_EST.format(meetings=sentence)), sentence
