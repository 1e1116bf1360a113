"""Whose figure it is, and at which date, in the sentences and tables of other hands (round 19).

- A table whose header is dated ("Indicateur (au 15 novembre 2023) | Auvergne-Rhône-Alpes |
  Isère") dates the figures of its rows: a later snapshot elsewhere is ordered after them, not
  in conflict with them.
- A sentence that says "dans la région" is the region's, even when it names the dossier's
  department for a part ("41 projets déjà réalisés dans la région, dont cinq en Isère").
- A clause after a semicolon that opens on a department ("…, 64 réunions ; en Isère, huit
  réunions se sont tenues…") gives that department its figures, as a sentence that opens so does.
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
