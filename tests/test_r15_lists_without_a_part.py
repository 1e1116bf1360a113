"""A department's dossier that heads no part of its own (round 16): its title names no department
("Concertations CNR santé — bilan à 2 ans"), its key figures stand side by side with the region's
("Indicateur | Lozère | Occitanie"), then its text. Nothing says where the department's part
begins, so its figures keep what their words say; but its lists of challenges and projects are
the department's, from the top down to where a part ends ("Et maintenant ?")."""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

DOSSIER = """\
# Concertations CNR santé — bilan à 2 ans

Mende, le mercredi 13 novembre 2024

### Les chiffres clés au 31 octobre 2024

| Indicateur | Lozère | Occitanie |
|---|---|---|
| Réunions de concertation | 3 | 70 |

Les quatre priorités retenues :

- l'accès à un médecin traitant ;
- les soins non programmés ;
- l'attractivité du territoire ;
- la prévention ;
- la santé mentale en milieu rural.

### Et maintenant ?

Les trois chantiers de l'an prochain :

- un ;
- deux.
"""


def test_the_lists_are_the_departments_down_to_the_end_of_its_part() -> None:
    dossier = dossier_from_bytes(DOSSIER.encode(), "lozere-2024.md", CONTEXT)
    assert dossier.department == "Lozère"
    (challenges,) = [lst for lst in dossier.lists if lst.name == "department.challenges"]
    assert (challenges.stated, len(challenges.entries), challenges.department) == (4, 5, "Lozère")
    found = engine.check([dossier], {dossier.path}, CONTEXT, engine.select_rules(CONTEXT, Config()))
    # the list after "Et maintenant ?" is no department's list: only the first is checked
    assert [(f.code, f.location.span.line) for f in found if f.code == "CNR103"] == [("CNR103", 11)]
