"""Two statuses written as one (round 15): a project's cell "Achevé – en cours de réalisation",
a line "Livré / en construction", "Terminé ; en cours". Each part is a status of the vocabulary
on its own and they disagree: the project states two statuses (CNR104), as it would on two lines.
A part that is no status ("Livré – deuxième tranche en cours")
leaves the phrase one status, not understood, and no finding; brackets hold a status's comment
("Réalisé (ouvert en mars)"), no second status."""

from __future__ import annotations

import pytest

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

DOSSIER = """\
# CNR santé dans le Loiret : 2 ans après

## Dans le Loiret

Les concertations ont fait émerger 3 projets concrets :

| Projet | Où en est-on ? |
|---|---|
| Maison de santé de Gien | Réalisé |
| Bus santé du Giennois | {status} |
| Centre de soins non programmés d'Orléans | En cours |
"""


def findings(status: str):
    dossier = dossier_from_bytes(DOSSIER.format(status=status).encode(), "loiret-2024.md", CONTEXT)
    selection = engine.select_rules(CONTEXT, Config())
    return dossier, [f for f in engine.check([dossier], {dossier.path}, CONTEXT, selection) if f.code == "CNR104"]


@pytest.mark.parametrize("status", ["Achevé – en cours de réalisation", "Livré / en construction",
                                    "Terminé ; en cours", "Réalisé puis en cours"])
def test_two_statuses_joined_disagree(status: str) -> None:
    dossier, found = findings(status)
    (entry,) = [e for lst in dossier.lists for e in lst.entries if e.title.startswith("Bus")]
    assert len(entry.statuses) == 2 and entry.status is None and entry.understood
    assert [f.location.span.line for f in found] == [10]
    assert "disagree" in found[0].message


@pytest.mark.parametrize("status", ["Livré – deuxième tranche en cours", "Réalisé – seconde tranche à l'étude"])
def test_a_part_that_is_no_status_leaves_one_status_not_understood(status: str) -> None:
    dossier, found = findings(status)
    (entry,) = [e for lst in dossier.lists for e in lst.entries if e.title.startswith("Bus")]
    assert entry.statuses == (status,) and not entry.understood
    assert found == []


def test_two_parts_of_one_meaning_are_one_status() -> None:
    dossier, found = findings("Réalisé – opérationnel")
    (entry,) = [e for lst in dossier.lists for e in lst.entries if e.title.startswith("Bus")]
    assert entry.status == "realised" and found == []
