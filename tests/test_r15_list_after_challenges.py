"""The projects' table after the challenges' list (round 15). A department's part states its
count of projects among its key figures, then "les participants ont retenu quatre défis :" and
their four items, then a sentence, then the projects' table. The challenges are their own list,
announced by their own count: the projects are the table after them, not a list whose entries
cannot be told apart."""

from __future__ import annotations

from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

DOSSIER = """\
# CNR santé dans le Cher : 1 an après

## Le Cher, territoire d'initiatives

#### 60 réunions • 170 participants • 3 projets

De Bourges à Vierzon, les participants ont retenu quatre défis :

- l'accès à un médecin traitant ;
- une réponse aux soins non programmés ;
- l'attractivité du territoire ;
- la prévention.

Parmi les projets du Cher, deux sont d'ores et déjà réalisés et un est en cours.

| Intitulé | Territoire | Où en est-on ? |
|---|---|---|
| Maison médicale de garde | Vierzon | Achevé |
| Cabinet éphémère | Aubigny-sur-Nère | Achevé |
| Transport à la demande | Sancerrois | {status} |
"""


def lists(status: str = "En cours") -> dict:
    dossier = dossier_from_bytes(DOSSIER.format(status=status).encode(), "cher-2023.md", CONTEXT)
    return {lst.name: lst for lst in dossier.lists}


def test_the_table_after_the_challenges_is_the_projects_list() -> None:
    found = lists()
    assert (found["department.challenges"].stated, len(found["department.challenges"].entries)) == (4, 4)
    projects = found["department.projects"]
    assert projects.understood and projects.stated == 3
    assert [(e.title, e.status) for e in projects.entries] == [
        ("Maison médicale de garde", "realised"), ("Cabinet éphémère", "realised"),
        ("Transport à la demande", "in_progress")]


def test_an_empty_status_cell_is_a_project_without_status() -> None:
    projects = lists(status="")["department.projects"]
    assert [e.statuses for e in projects.entries][-1] == ()
