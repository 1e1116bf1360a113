"""Key figures as other hands lay them out (round 18).

- A key-figure table's rows may label a part by its predicate alone, under the total's row
  ("Projets suivis | 61", "Réalisés au 15 octobre 2024 | 34", "En cours au 15 octobre 2024 |
  27"): each part's row reads the noun from the row above the parts.
- A cover title that names the department in a wording no title pattern knows ("Saône-et-Loire :
  deux ans de CNR santé") heads the dossier, not the department's part, when a heading past the
  cover opens that part: the key figures between them are the region's.
- "Le département suit huit projets": following projects counts them, as "compte" does.
- A region's one-word alias that is a common word ("Centre") names no region when words run on
  after it ("Centre de santé, Fontenay-le-Comte").
- "La mobilisation : 6 réunions depuis 2022": a count of meetings after a colon opens its clause,
  as one that opens the line does.
"""

from __future__ import annotations

from pathlib import Path

from cnr_lint.reference import load_reference
from test_r14_tables import codes, dossier

ROOT = Path(__file__).resolve().parent.parent

NIEVRE = """\
# Saône-et-Loire : deux ans de CNR santé

CNR santé – 2 ans après

Mâcon, jeudi 7 novembre 2024

## Chiffres clés

| Chiffres clés | |
|---|---|
| Participants au second cycle | 480 |
| Projets suivis depuis le lancement | 61 |
| Réalisés au {date} | {realised} |
| En cours au {date} | {in_progress} |

## En Saône-et-Loire

Deux réunions du second cycle ont rassemblé 90 participants. Le département suit {stated} projets.

1. Centre de santé (Digoin) — opérationnel
2. Maison médicale de garde (Louhans) — opérationnelle
3. Résidence pour les internes (Le Creusot) — en construction
"""


def nievre(date="4 novembre 2024", realised=31, in_progress=30, stated="trois") -> str:
    return NIEVRE.format(date=date, realised=realised, in_progress=in_progress, stated=stated)


def figures(text: str, name: str = "dp.md") -> dict[str, tuple[float, str | None, str | None]]:
    return {f.name: (f.low, f.as_of_text, f.department) for f in dossier(text, name).figures}


def test_rows_labelled_by_their_predicate_are_the_parts_of_the_total_above():
    found = figures(nievre())
    assert found["region.projects.emerged"][0] == 61
    assert found["region.projects.realised"] == (31, "au 4 novembre 2024", None)
    assert found["region.projects.in_progress"] == (30, "au 4 novembre 2024", None)


def test_a_predicate_row_with_no_total_row_above_labels_nothing():
    text = nievre().replace("| Projets suivis depuis le lancement | 61 |\n", "")
    found = figures(text)
    assert "region.projects.realised" not in found and "region.projects.in_progress" not in found


def test_the_cover_title_leaves_the_key_figures_to_the_region_when_a_heading_opens_the_part():
    found = figures(nievre())
    assert found["region.participants"] == (480, None, None)
    assert found["department.participants"] == (90, None, "Saône-et-Loire")
    read = dossier(nievre(), "dp.md")
    assert read.department == "Saône-et-Loire"


def test_the_parts_rows_take_part_in_cross_dossier_checks():
    later = nievre(date="4 novembre 2024", realised=31, in_progress=30)
    earlier = nievre(date="15 octobre 2024", realised=34, in_progress=27).replace("Mâcon, jeudi 7", "Mâcon, mardi 5")
    found = codes({"a.md": earlier, "b.md": later})
    assert ("CNR203", "b.md", 13) in found


def test_following_projects_states_their_count():
    assert ("CNR101", "dp.md", 18) in codes({"dp.md": nievre(stated="quatre")})
    assert not [c for c in codes({"dp.md": nievre(stated="trois")}) if c[0] == "CNR101"]


def test_a_common_word_alias_followed_by_words_names_no_region():
    reference = load_reference(ROOT / "rules" / "reference" / "regions.yaml")
    assert reference.find_region("Centre de santé, Fontenay-le-Comte : inauguré en juin") is None
    assert reference.find_region("Réunion de lancement à Laval") is None
    assert reference.find_region("Centre 15 de Mâcon") is None
    assert reference.find_region("ARS Centre").name == "Centre-Val de Loire"
    assert reference.find_region("la région Centre, avec ses six départements").name == "Centre-Val de Loire"


VENDEE = """\
# Chez nous, en Vendée : le CNR santé a trois ans

La Roche-sur-Yon, jeudi 20 novembre 2025

## À l'échelle régionale

34 réunions de concertation, près de 1 400 participants, cinq départements.

## Le territoire vendéen

La mobilisation : 6 réunions depuis 2022, 250 participants.

Trois projets concrets sont suivis :

- Maison médicale de garde, Challans : c'est fait
- Centre de santé, Fontenay-le-Comte : inauguré en juin
- Télé-expertise en cardiologie, Luçon : démarré
"""


def test_a_health_centre_in_a_list_does_not_move_the_dossier_to_another_region():
    read = dossier(VENDEE, "vendee.md")
    assert (read.region, read.department) == ("Pays de la Loire", "Vendée")
    assert not [c for c in codes({"vendee.md": VENDEE}) if c[0] == "CNR107"]


def test_a_count_of_meetings_after_a_colon_is_the_department_s():
    found = figures(VENDEE, "vendee.md")
    assert found["department.meetings"] == (6, None, "Vendée")
    assert found["department.participants"] == (250, None, "Vendée")
