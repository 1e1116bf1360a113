"""Whose figure it is, and at which date, in the sentences and tables of other hands (round 19).

- A table whose header is dated ("Indicateur (au 15 novembre 2023) | Auvergne-Rhône-Alpes |
  Isère") dates the figures of its rows: a later snapshot elsewhere is ordered after them, not
  in conflict with them.
- A sentence that says "dans la région" is the region's, even when it names the dossier's
  department for a part ("41 projets déjà réalisés dans la région, dont cinq en Isère").
- A clause after a semicolon that opens on a department ("…, 64 réunions ; en Isère, huit
  réunions se sont tenues…") gives that department its figures, as a sentence that opens so does.
- The department's people may qualify the noun of any department figure ("5 projets drômois
  réalisés"), as they did the stated count of its projects.
- A department's own snapshots are ordered as the region's are (CNR203), each department's
  against its own alone.
- A figure of the campaign before ("Il y a un an, … 38 projets étaient réalisés dans la région,
  dont un seul en Haute-Marne") still takes the scope its words give it: the region's.
"""

from __future__ import annotations

from test_r14_tables import codes, dossier

ISERE = """\
# CNR santé en Isère : 1 an après

Grenoble, lundi 20 novembre 2023

## Les chiffres

En Auvergne-Rhône-Alpes, 64 réunions de concertation ont été organisées{joined}en Isère, huit réunions se sont tenues.

| Indicateur{dated} | Auvergne-Rhône-Alpes | Isère |
|---|---|---|
| Participants | 2 380 | 360 |
| Projets réalisés | 41 | 5 |
| Projets en cours | 77 | 9 |

Soit 41 projets déjà réalisés dans la région, dont cinq en Isère.

## En Isère

Le département suit quatorze projets.
"""

ARDECHE = """\
# CNR santé en Ardèche : 1 an après

Privas, mercredi 6 décembre 2023

## Les chiffres

En Auvergne-Rhône-Alpes, 64 réunions de concertation ont été organisées.
Au 4 décembre 2023, 39 de ces projets sont réalisés et 79 sont en cours de déploiement.

## En Ardèche

Le département suit neuf projets.
"""


def figures(text: str) -> set[tuple[str, float, str | None, str | None]]:
    return {(f.name, f.low, f.department, f.as_of_text) for f in dossier(text, "dp.md").figures}


def test_a_dated_table_header_dates_the_figures_of_its_rows():
    found = figures(ISERE.format(joined=". En Isère, ", dated=" (au 15 novembre 2023)").replace("En Isère, en Isère", "En Isère"))
    assert ("region.projects.realised", 41, None, "au 15 novembre 2023") in found
    assert ("department.projects.in_progress", 9, "Isère", "au 15 novembre 2023") in found
    undated = figures(ISERE.format(joined=". ", dated=""))
    assert ("region.projects.realised", 41, None, None) in undated


def test_a_later_snapshot_than_a_dated_table_s_is_ordered_after_it_not_in_conflict():
    isere = ISERE.format(joined=". ", dated=" (au 15 novembre 2023)")
    found = [code for code, _, _ in codes({"isere.md": isere, "ardeche.md": ARDECHE})]
    assert "CNR201" not in found and "CNR203" in found
    undated = [code for code, _, _ in codes({"isere.md": ISERE.format(joined=". ", dated=""), "ardeche.md": ARDECHE})]
    assert "CNR201" in undated


def test_a_sentence_saying_the_region_is_the_region_s_though_it_names_the_department():
    found = figures(ISERE.format(joined=". ", dated=""))
    assert ("region.projects.realised", 41, None, None) in found
    assert not any(name == "department.projects.realised" and low == 41 for name, low, _, _ in found)


def test_a_clause_after_a_semicolon_opening_on_a_department_gives_it_its_figures():
    found = figures(ISERE.format(joined=" ; ", dated=""))
    assert ("region.meetings", 64, None, None) in found
    assert ("department.meetings", 8, "Isère", None) in found
    # a clause that opens on no department leaves the figure where it was
    text = ISERE.format(joined=" ; ", dated="").replace("; en Isère, huit réunions", "; huit réunions")
    assert not any(name == "department.meetings" for name, _, _, _ in figures(text))


DROME = """\
# CNR santé dans la Drôme : 2 ans après

Valence, lundi 25 novembre 2024

## Dans la Drôme

Les concertations ont fait émerger 7 projets concrets.

Au 31 octobre 2023 : {earlier} projets drômois réalisés.
Au 30 septembre 2024 : 3 projets réalisés, 4 en cours.
"""


def test_the_department_s_people_may_qualify_the_noun_of_any_department_figure():
    assert ("department.projects.realised", 5, "Drôme", "Au 31 octobre 2023") in figures(DROME.format(earlier=5))


def test_a_department_s_later_snapshot_with_fewer_realised_projects_is_a_regression():
    assert [code for code, _, line in codes({"drome.md": DROME.format(earlier=5)})] == ["CNR203"]
    assert codes({"drome.md": DROME.format(earlier=2)}) == []


def test_departments_snapshots_are_ordered_each_against_its_own():
    # the Drôme's 3 realised at a later date than the Ardèche's 5: two departments, no order
    ardeche = DROME.format(earlier=2).replace("Drôme", "Ardèche").replace("drômois", "ardéchois").replace(
        "3 projets réalisés, 4 en cours", "5 projets réalisés, 2 en cours").replace("30 septembre 2024", "31 août 2024")
    assert codes({"drome.md": DROME.format(earlier=2), "ardeche.md": ardeche}) == []


MARNE = """\
# CNR santé en Haute-Marne : 2 ans après

Chaumont, mardi 19 novembre 2024

## Les chiffres clés en Grand Est

- 71 projets réalisés au 31 octobre 2024
- 25 projets en cours au 31 octobre 2024

## En Haute-Marne

Les cinq projets concrets ont avancé. Au 31 octobre 2024, trois sont réalisés et deux se
poursuivent. Il y a un an, au 31 octobre 2023, 38 projets étaient réalisés {where}, dont un seul en Haute-Marne.
"""


def test_last_year_s_figure_said_of_the_region_in_a_department_s_part_is_the_region_s():
    found = figures(MARNE.format(where="dans la région"))
    assert any(name == "region.projects.realised" and low == 38 for name, low, _, _ in found)
    assert not any(name == "department.projects.realised" and low == 38 for name, low, _, _ in found)
    assert codes({"dp.md": MARNE.format(where="dans la région")}) == []
    # said of no other scope, it stays the department's (and its regression is reported)
    assert any(name == "department.projects.realised" and low == 38 for name, low, _, _ in figures(MARNE.format(where="ici")))
