"""Key figures and lists as plain-text and word-processor dossiers lay them out (round 19).

- A line of its own right over a table or a list is its caption, and a date in it dates the
  figures below ("LA RÉGION EN CHIFFRES (situation au 31/10/2023)", then dot-leader lines).
- "13 / 25   projets réalisés / en cours": two values a slash pairs; the label after the second
  is the pair's, so it is read as neither's figure (it was read as 25 realised).
- "La plus suivie, …, a réuni 80 personnes": one meeting's attendance, never compared.
- A lead-in line after a list's items ("Quelques précisions :") and its items are another list,
  unless the list's own items came under lead-ins ("Issus du premier cycle :", "Issus du
  second cycle :"): those group one list.
- A text table's header whose headings two spaces part, over a rule and rows whose cells wider
  gaps part, is its header: the rows are read as a summary table's.
- In a key-figures row, a count after "dont" is a part of the row's value ("88 | réunions …,
  dont 5 rencontres régionales"), not the figure again.
- A dossier stating the region's figure twice, differently, bounds its departments' figures by
  the higher statement (CNR106): a department above the lower one only is not surely above the
  region's.
"""

from __future__ import annotations

from test_r14_tables import codes, dossier

MAYENNE = """\
CNR SANTÉ EN MAYENNE : UN AN DÉJÀ
=================================

Laval, le jeudi 16 novembre 2023

LA RÉGION EN CHIFFRES (situation au 31/10/2023)
-----------------------------------------------
   30 ......... réunions de concertation
   38 ......... projets issus des échanges
   {split}

>> EN MAYENNE
=============

En Mayenne, 5 réunions ont rassemblé 180 participants. {attendance}

Au total, 3 projets : 2 réalisés et 1 en cours.

 1) Laval - Service d'accès aux soins ........ RÉALISÉ
 2) Mayenne - Centre de soins non programmés . RÉALISÉ
 3) Craon - Maison de santé .................. EN COURS

{after}

ET APRÈS ?
----------

Un nouveau cycle s'ouvre.
"""

PAIRS = "13 / 25   projets réalisés / en cours"
LINES = "13 ......... projets réalisés\n   25 ......... projets en cours"


def text(split=LINES, attendance="", after="") -> str:
    return MAYENNE.format(split=split, attendance=attendance, after=after)


def found(content: str) -> set[tuple[str, float, str | None]]:
    return {(f.name, f.low, f.as_of_text) for f in dossier(content, "dp.txt").figures}


def test_a_caption_line_over_key_figures_dates_them():
    assert ("region.projects.realised", 13, "au 31/10/2023") in found(text())
    assert ("region.projects.in_progress", 25, "au 31/10/2023") in found(text())


def test_two_values_a_slash_pairs_are_read_as_neither_s_figure():
    names = {name for name, _, _ in found(text(split=PAIRS))}
    assert "region.projects.realised" not in names and "region.projects.in_progress" not in names


def test_the_most_attended_meeting_s_attendance_is_no_department_figure():
    content = text(attendance="La plus suivie, à Craon, a réuni 80 personnes.")
    scopes = {(f.low, f.scope) for f in dossier(content, "dp.txt").figures if f.name == "department.participants"}
    assert scopes == {(180, "department"), (80, "meeting")}


def projects(content: str, name: str = "dp.txt"):
    (listed,) = [lst for lst in dossier(content, name).lists if lst.name == "department.projects"]
    return listed


def test_a_lead_in_and_its_items_after_the_list_are_another_list():
    after = "Quelques précisions :\n - le SAS traite 400 appels par jour ;\n - la maison de santé ouvrira en 2025."
    listed = projects(text(after=after))
    assert len(listed.entries) == 3 and listed.understood
    assert codes({"dp.txt": text(after=after)}) == []


LOIRE = """\
# CNR santé en Loire-Atlantique : 2 ans après

Nantes, mardi 12 novembre 2024

## En Loire-Atlantique

En Loire-Atlantique, {stated} projets concrets sont aujourd'hui accompagnés par l'ARS.

Issus du premier cycle :

- Équipe traitante à Saint-Nazaire : réalisé
- Maison médicale de garde de Châteaubriant : réalisé

Issus du second cycle :

- Centre de soins non programmés à Pornic : en cours
"""


def test_lead_ins_that_open_the_list_group_it():
    listed = projects(LOIRE.format(stated="trois"), "dp.md")
    assert [entry.status for entry in listed.entries] == ["realised", "realised", "in_progress"]
    assert codes({"dp.md": LOIRE.format(stated="trois")}) == []
    assert [code for code, _, _ in codes({"dp.md": LOIRE.format(stated="quatre")})] == ["CNR101"]


SUMMARY = """\
CNR SANTÉ EN PAYS DE LA LOIRE : 2 ANS APRÈS
===========================================

Nantes, le mercredi 20 novembre 2024

En Pays de la Loire, 52 rencontres se sont tenues depuis le lancement.

LES CINQ DÉPARTEMENTS
-----------------------------------------------------------------
Département        Rencontres  Participants  Projets
-----------------------------------------------------------------
Loire-Atlantique           14           560       16
Maine-et-Loire             11           430       13
Mayenne                     9           330       10
Sarthe                      9           360       11
Vendée                      9           370       11
-----------------------------------------------------------------
TOTAL                      52         2 050       61
"""

LOIRE_ATLANTIQUE = """\
CNR SANTÉ EN LOIRE-ATLANTIQUE : 2 ANS APRÈS
===========================================

Nantes, le mardi 12 novembre 2024

>> EN LOIRE-ATLANTIQUE

En Loire-Atlantique, 14 rencontres ont réuni {participants} participants depuis 2022.
"""


def test_a_text_table_header_parted_by_two_spaces_heads_its_rows():
    rows = {(f.name, f.department, f.low) for f in dossier(SUMMARY, "synthese.txt").figures}
    assert ("department.participants", "Loire-Atlantique", 560) in rows
    assert ("department.meetings", "Vendée", 9) in rows
    conflict = codes({"synthese.txt": SUMMARY, "la.txt": LOIRE_ATLANTIQUE.format(participants="5 600")})
    assert [code for code, _, _ in conflict] == ["CNR205", "CNR205"]
    assert codes({"synthese.txt": SUMMARY, "la.txt": LOIRE_ATLANTIQUE.format(participants="560")}) == []


IDF = """\
# CNR santé en Île-de-France : 2 ans après

Saint-Denis, lundi 18 novembre 2024

Le bilan régional au 31 octobre 2024

| | |
|---|---|
| 88 | réunions de concertation depuis novembre 2022, dont 5 rencontres régionales |
| 3 350 | participants |

## Les huit départements

| Département | Réunions | Participants |
|---|---|---|
| Paris (75) | 20 | 560 |
| Yvelines (78) | {yvelines} | 410 |

S'y ajoutent 5 rencontres régionales, qui ont réuni environ 150 participants.
"""


def test_a_count_after_dont_in_a_key_figures_row_is_a_part_of_the_row_s_value():
    meetings = [f.low for f in dossier(IDF.format(yvelines=10), "dp.md").figures if f.name == "region.meetings"]
    assert 88 in meetings and 5 not in meetings


def test_a_department_figure_is_bounded_by_the_higher_of_two_region_statements():
    assert "CNR106" not in [code for code, _, _ in codes({"dp.md": IDF.format(yvelines=10)})]
    # above the higher one too, it is reported
    assert "CNR106" in [code for code, _, _ in codes({"dp.md": IDF.format(yvelines=95)})]
