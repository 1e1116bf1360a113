"""Subtitles, lists announced after another list, and status tables (round 19).

- The subtitle under a dossier's title ("Dix projets suivis, sept réalisés", a heading of a
  lower rank right under "Pyrénées-Atlantiques : le CNR santé a deux ans") sums the department
  up: its figures are the department's, never the region's, and it announces no list.
- A count of projects, then another list announced with its items ("quatre priorités :"), then
  the projects under a heading of their own: the projects are the count's entries, also in a
  format that marks no list boundaries (a PDF), and the heading over the other list's lead-in
  is not a project.
- A heading right over a table whose header has a status column ("Où en sont les projets ?",
  then "Projet | Lieu | Étape") heads the table of entries.
- "Étape :" labels a status as "Statut :" does, also when the status runs over the line break
  ("… Étape : en", then "fonctionnement."); "premiers patients accueillis" is realised.
- In a text export, an item numbered 10 or more whose marker touches its text ("10.Cellule
  d'écoute") is an item, as "9. Bus" is.
- A plain paragraph between the count and the entries' headings ("Deux d'entre eux sont portés
  avec …") is a remark, not an entry.
"""

from __future__ import annotations

from pathlib import Path

from cnr_lint.parse import parse_text
from cnr_lint.pipeline import load_dossier
from test_other_hands import CONTEXT
from test_r14_tables import codes, dossier

ROOT = Path(__file__).resolve().parent.parent
MONT_DE_MARSAN = ROOT / "fixtures" / "blind" / "nouvelle-aquitaine-mont-de-marsan" / "dossiers"

ATLANTIQUES = """\
# Pyrénées-Atlantiques : le CNR santé a deux ans

### {subtitle}

**Pau, mercredi 20 novembre 2024**

Deux ans après le lancement du Conseil national de la refondation en santé, le bilan régional.

**Repères régionaux**

Rencontres organisées : 71

Projets : 112

Réalisés au 30 septembre 2024 : 61

En cours au 30 septembre 2024 : 51

## En Pyrénées-Atlantiques

Sept rencontres ont réuni 400 participants. Elles ont fait émerger trois projets concrets.

- Maison de santé (Mauléon-Licharre) — réalisé
- Centre de soins non programmés (Saint-Jean-de-Luz) — réalisé
- Centre de santé (Orthez) — en cours
"""


def test_a_subtitle_s_figures_are_the_department_s_and_it_announces_no_list():
    read = dossier(ATLANTIQUES.format(subtitle="Trois projets suivis, deux réalisés"), "dp.md")
    by_name = {(f.name, f.low) for f in read.figures}
    assert ("department.projects.realised", 2) in by_name
    assert not any(f.scope == "region" and f.low in (2, 3) for f in read.figures)
    (projects,) = [lst for lst in read.lists if lst.name == "department.projects"]
    assert projects.stated == 3 and len(projects.entries) == 3
    assert codes({"dp.md": ATLANTIQUES.format(subtitle="Trois projets suivis, deux réalisés")}) == []


def test_a_subtitle_stating_another_count_than_the_region_s_is_no_conflict_with_it():
    # before: "Dix projets suivis" was the region's projects, against its 112 (CNR201, CNR102)
    text = ATLANTIQUES.format(subtitle="Dix projets suivis, sept réalisés")
    assert not any(f.name.startswith("region.") and f.low in (7, 10) for f in dossier(text, "dp.md").figures)


def test_a_paragraph_under_the_title_is_no_subtitle():
    text = ATLANTIQUES.format(subtitle="Le point d'étape").replace(
        "**Pau, mercredi 20 novembre 2024**", "**Pau, mercredi 20 novembre 2024**\n\nDans la région, 112 projets suivis.")
    assert ("region.projects.emerged", 112) in {(f.name, f.low) for f in dossier(text, "dp.md").figures}


def _projects_of(path: Path):
    (listed,) = [lst for lst in load_dossier(path, path.name, CONTEXT).lists if lst.name == "department.projects"]
    return listed


def test_projects_under_their_heading_after_another_announced_list_are_the_count_s_entries():
    listed = _projects_of(MONT_DE_MARSAN / "dp-cnr-sante-landes-2023.pdf")
    assert listed.stated == 9 and listed.understood and len(listed.entries) == 9
    assert [entry.status for entry in listed.entries] == [
        "in_progress", "realised", "in_progress", "realised", "realised", "in_progress", "realised", None, "in_progress"]
    # "Étape : en" / "fonctionnement." over the line break, and "premiers patients accueillis"
    assert listed.entries[6].title.startswith("Régulation libérale") and listed.entries[6].statuses == ("en fonctionnement",)
    assert listed.entries[4].statuses == ("premiers patients accueillis",)


NIEVRE = """\
# La Nièvre : un an de CNR santé

Nevers, jeudi 16 novembre 2023

## Côté nivernais

Les échanges ont fait émerger {stated} projets concrets.

## Ce que la Nièvre a retenu

Les participants se sont accordés sur deux priorités :

1. trouver un médecin traitant ;
2. faire de la prévention une affaire de proximité.

## Les projets, un par un

1. Bus santé itinérant (Château-Chinon) — lancé
2. Maison médicale de garde (Cosne-Cours-sur-Loire) — opérationnelle
"""


def test_a_heading_over_another_list_s_lead_in_is_no_project():
    read = dossier(NIEVRE.format(stated="deux"), "dp.md")
    (projects,) = [lst for lst in read.lists if lst.name == "department.projects"]
    assert [entry.title for entry in projects.entries] == [
        "Bus santé itinérant (Château-Chinon)", "Maison médicale de garde (Cosne-Cours-sur-Loire)"]
    assert codes({"dp.md": NIEVRE.format(stated="deux")}) == []
    assert [code for code, _, _ in codes({"dp.md": NIEVRE.format(stated="trois")})] == ["CNR101"]


GIRONDE = """\
# La Gironde et le CNR santé

Bordeaux, jeudi 16 novembre 2023

## La Gironde en chiffres

En Gironde, 8 réunions ont rassemblé 460 participants et fait émerger trois projets concrets.

Deux défis ont été retenus :

- garantir l'accès à un médecin traitant ;
- prendre soin de la santé mentale des jeunes.

### Où en sont les projets ?

| Projet | Lieu | Étape |
|---|---|---|
| Centre de santé intercommunal | Lesparre-Médoc | en recrutement |
| Maison médicale de garde | Libourne | en fonctionnement |
{third}
Prochaine étape : un second cycle de rencontres début 2024.
"""


def test_a_heading_over_a_table_with_a_status_column_heads_the_table_of_entries():
    text = GIRONDE.format(third="| Médecins solidaires | Blaye | premiers patients accueillis |\n")
    (projects,) = [lst for lst in dossier(text, "dp.md").lists if lst.name == "department.projects"]
    assert [(entry.title, entry.status) for entry in projects.entries] == [
        ("Centre de santé intercommunal", "in_progress"), ("Maison médicale de garde", "realised"),
        ("Médecins solidaires", "realised")]
    assert codes({"dp.md": text}) == []
    assert [code for code, _, _ in codes({"dp.md": GIRONDE.format(third="")})] == ["CNR101"]


def test_headings_each_over_a_table_group_one_list():
    text = GIRONDE.format(third="").replace(
        "Prochaine étape", "### Urgences\n\n| Projet | Lieu | Étape |\n|---|---|---|\n| Bus dentaire | Pauillac | en cours |\n\nProchaine étape")
    (projects,) = [lst for lst in dossier(text, "dp.md").lists if lst.name == "department.projects"]
    assert len(projects.entries) == 3
    assert codes({"dp.md": text}) == []


def test_an_item_numbered_ten_whose_marker_touches_its_text_is_an_item():
    lines = ("Les projets", "", "9. Bus de prévention (Auxonne) — en phase de test",
             "10.Cellule d'écoute en santé mentale (Dijon) — lancée", "11.Cabinet de pédiatrie (Nuits) — lancé")
    items = [block.text for block in parse_text(lines) if block.kind == "item"]
    assert items == ["Bus de prévention (Auxonne) — en phase de test", "Cellule d'écoute en santé mentale (Dijon) — lancée",
                     "Cabinet de pédiatrie (Nuits) — lancé"]
    # a decimal or a section number is no marker
    assert [b.kind for b in parse_text(("Le budget atteint 12.5 millions.",))] == ["paragraph"]


BAS_RHIN = """\
# CNR santé dans le Bas-Rhin : deux ans après

Strasbourg, mardi 19 novembre 2024

## Le Bas-Rhin

Au total, {stated} projets concrets sont soutenus par l'ARS.

Deux d'entre eux sont portés avec la Collectivité européenne d'Alsace.

#### Strasbourg : un centre de santé participatif

Habitants et soignants ont co-construit un centre de santé.

> Statut : **réalisé**

#### Haguenau : la régulation libérale

Les médecins régulent aux côtés du Samu.

> Statut : **en cours**
"""


def test_a_remark_between_the_count_and_the_entries_headings_is_no_entry():
    listed = _projects_in(BAS_RHIN.format(stated="deux"))
    assert listed.understood and [entry.status for entry in listed.entries] == ["realised", "in_progress"]
    assert codes({"dp.md": BAS_RHIN.format(stated="deux")}) == []
    assert [code for code, _, _ in codes({"dp.md": BAS_RHIN.format(stated="trois")})] == ["CNR101"]


def _projects_in(text: str):
    (listed,) = [lst for lst in dossier(text, "dp.md").lists if lst.name == "department.projects"]
    return listed
