"""Department parts named by their adjective, and statuses where a list's layout puts them (round 17).

- A heading may name the department's part by its adjective ("Sur le terrain vosgien", "Côté
  nivernais"): the reference data give each department's (rules/reference/regions.yaml), and
  cnr-lint reads its feminine and plural forms.
- A dossier whose title names no department is the dossier of the one department whose part it
  opens: that part runs on under headings of its level ("Ce qui a changé"), as in a dossier whose
  title names it.
- A short emphasised line where the entries above have their status line is this entry's
  status, understood or not ("*en réflexion*"), not another entry.
- A plain paragraph between bold titles is a description; with a status line under it, right
  after its entry's status, that status is the entry's second (two statuses that disagree).
- "Toul – une maison de santé : en réflexion" beside "Briey – un bus : ✔ livré": the words after
  the colon are a status not understood; the dash inside the siblings' titles does not say they
  are titles' words.
"""

from __future__ import annotations

from cnr_lint.reference import _inflected, fold
from test_r14_tables import codes, dossier

REGION = """\
# Les Vosges et le CNR santé : où en est-on, deux ans après ?

Épinal, mardi 19 novembre 2024

## Deux ans de concertation

Dans la région, 42 réunions de concertation ont rassemblé 1 980 participants. Au 31 octobre 2024,
38 projets sont réalisés et 58 sont en cours, sur 96 projets.

## {heading}

Les Vosges ont accueilli 4 réunions de concertation.

## Ce qui a changé

De ces échanges sont nés 3 projets concrets. Deux sont livrés, un est en cours.

### Remiremont : une maison médicale de garde

Les médecins assurent les gardes.

*✔ livré*

### Saint-Dié : un bus de prévention

Dépistages et vaccination.

*➜ en cours*

### Épinal : des logements pour les internes

Des logements meublés.

*{last}*
"""


def test_a_department_adjective_gives_each_of_its_forms():
    assert _inflected(fold("vosgien")) == ("vosgien", "vosgiens", "vosgienne", "vosgiennes")
    assert _inflected(fold("tourangeau")) == ("tourangeau", "tourangeaux", "tourangelle", "tourangelles")
    assert "haute-marnaise" in _inflected(fold("haut-marnais"))


def test_a_heading_naming_the_department_by_its_adjective_opens_its_part():
    read = dossier(REGION.format(heading="Sur le terrain vosgien", last="✔ livré"), "vosges.md")
    scopes = {(f.name, f.scope, f.low) for f in read.figures}
    assert ("department.meetings", "department", 4) in scopes
    # the part runs on under "Ce qui a changé": its projects are the department's
    assert ("department.projects.realised", "department", 2) in scopes
    assert not any(f.scope == "region" and f.low in (2, 3) for f in read.figures)
    assert [lst.stated for lst in read.lists if lst.name == "department.projects"] == [3]


def test_a_heading_without_the_adjective_leaves_the_figures_the_region_s():
    read = dossier(REGION.format(heading="Sur le terrain", last="✔ livré"), "vosges.md")
    assert not any(f.name == "department.projects.realised" for f in read.figures)


def test_an_emphasised_line_in_the_status_place_is_the_entry_s_status_not_an_entry():
    read = dossier(REGION.format(heading="Sur le terrain vosgien", last="en réflexion"), "vosges.md")
    (projects,) = [lst for lst in read.lists if lst.name == "department.projects"]
    assert [e.status for e in projects.entries] == ["realised", "in_progress", None]
    assert (projects.entries[-1].statuses, projects.entries[-1].understood) == (("en réflexion",), False)
    found = codes({"vosges.md": REGION.format(heading="Sur le terrain vosgien", last="en réflexion")})
    assert not [c for c in found if c[0] in ("CNR101", "CNR104")]


BOLD_TITLES = """\
# CNR santé en Meurthe-et-Moselle : 3 ans après

## En Meurthe-et-Moselle

Trois projets sont suivis : deux sont réalisés, un en cours.

**Nancy – le centre de soins non programmés**

Statut : réalisé

**Lunéville – la maison médicale de garde**

Statut : réalisé

La maison ouvre aussi le dimanche.

Statut : en cours

**Toul – la maison de santé universitaire**

Statut : en cours
"""


def test_a_description_s_status_line_is_a_second_status_of_the_entry_above():
    (projects,) = [lst for lst in dossier(BOLD_TITLES, "mm.md").lists if lst.name == "department.projects"]
    assert [e.title for e in projects.entries] == [
        "Nancy – le centre de soins non programmés", "Lunéville – la maison médicale de garde",
        "Toul – la maison de santé universitaire"]
    assert projects.entries[1].statuses == ("réalisé", "en cours") and projects.entries[1].status is None
    found = codes({"mm.md": BOLD_TITLES})
    assert [c[0] for c in found if c[0] in ("CNR101", "CNR104")] == ["CNR104"]


COLON_STATUSES = """\
# CNR santé en Meurthe-et-Moselle : 2 ans après

## En Meurthe-et-Moselle

Les échanges ont abouti à 4 projets concrets :

- Nancy – un centre de soins : réalisé
- Briey – un bus santé : réalisé
- Toul – une maison de santé : en réflexion
- Jarny – un cabinet médical secondaire
"""


def test_words_after_a_colon_are_a_status_not_understood_though_sibling_titles_hold_a_dash():
    (projects,) = [lst for lst in dossier(COLON_STATUSES, "mm.md").lists if lst.name == "department.projects"]
    toul, jarny = projects.entries[2:]
    assert (toul.title, toul.statuses, toul.understood) == ("Toul – une maison de santé", ("en réflexion",), False)
    assert jarny.statuses == ()  # its dash is its title's, as its siblings' are
    found = codes({"mm.md": COLON_STATUSES})
    assert [(c[0], c[2]) for c in found if c[0] == "CNR104"] == [("CNR104", 10)]
