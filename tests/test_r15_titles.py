"""Titles that give the campaign before the department (round 15): "CNR santé : 1 an après en
Essonne", "CNR santé, deux ans après dans le Cher". Such a title is the dossier's: it names its
department and campaign, and the region's key figures under it on the cover are the region's.
Unread, the title was taken for a heading of the department's part, opened on the cover: every
regional figure became the department's and was compared with the other dossiers' departments."""

from __future__ import annotations

import pytest

from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

DOSSIER = """\
Dossier de presse — Créteil, le mercredi 30 novembre 2023

# {title}

Lancé le lundi 3 octobre 2022, le CNR santé a réuni élus, soignants et usagers.

L'essentiel

74 RÉUNIONS DE CONCERTATION

84 PROJETS ISSUS DE LA CONCERTATION

## La région, un an après

Entre novembre 2022 et mars 2023, 74 réunions de concertation se sont tenues en Île-de-France.

## 91 — Essonne

En Essonne, 9 réunions ont rassemblé 480 participants.
"""


@pytest.mark.parametrize("title", ["CNR santé : 1 an après en Essonne", "CNR santé, un an après dans l'Essonne",
                                   "CNR Santé – 1 an après en Essonne"])
def test_a_title_with_the_campaign_first_names_the_dossier(title: str) -> None:
    read = dossier_from_bytes(DOSSIER.format(title=title).encode(), "essonne-2023.md", CONTEXT)
    assert (read.department, read.campaign) == ("Essonne", "1 an après 2023")
    figures = sorted((f.name, f.low) for f in read.figures)
    assert ("region.meetings", 74) in figures and ("region.projects.emerged", 84) in figures
    assert [f.low for f in read.figures if f.name == "department.meetings"] == [9]
    assert not [f for f in read.figures if f.name.startswith("department.projects")]


def test_a_campaign_and_a_department_in_a_sentence_is_no_title() -> None:
    # a sentence of the text, past the cover, names both and is no title
    text = DOSSIER.format(title="CNR santé : 1 an après en Essonne") + (
        "\nLe CNR santé, un an après dans l'Essonne, a tenu ses promesses : 3 projets sont réalisés.\n")
    read = dossier_from_bytes(text.encode(), "essonne-2023.md", CONTEXT)
    assert [f.low for f in read.figures if f.name == "department.projects.realised"] == [3]
