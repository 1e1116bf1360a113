"""A key-figures box dates its progress snapshot once (round 15): "41 projets réalisés au 31
octobre 2025", then on the next line "23 projets en cours". The count in progress right under the
dated count of realised ones is the same snapshot, at its date; left undated, it was compared
with an older snapshot the text recalls ("au 30 juin 2025, 33 projets étaient réalisés et 31 en
cours") as if both were of one date, a false conflict."""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

BOX = """\
# CNR santé dans la Somme : 3 ans après

Amiens, le jeudi 20 novembre 2025

41 projets réalisés au 31 octobre 2025

23 projets en cours

Dans les cinq départements, 64 projets ont émergé. Au 30 juin 2025, 33 projets étaient réalisés et 31 en cours.
"""


def read(text: str):
    return dossier_from_bytes(text.encode(), "somme-2025.md", CONTEXT)


def test_the_count_in_progress_under_a_dated_count_of_realised_takes_its_date() -> None:
    dossier = read(BOX)
    in_progress = sorted((f.low, f.as_of_text) for f in dossier.figures if f.name == "region.projects.in_progress")
    assert in_progress == [(23, "au 31 octobre 2025"), (31, "Au 30 juin 2025")]
    selection = engine.select_rules(CONTEXT, Config())
    assert not [f for f in engine.check([dossier], {dossier.path}, CONTEXT, selection) if f.code == "CNR201"]


def test_a_count_in_progress_far_below_stays_undated() -> None:
    far = BOX.replace("23 projets en cours", "Le texte qui suit.\n\nUn autre paragraphe.\n\n23 projets en cours")
    assert [f.as_of for f in read(far).figures if f.name == "region.projects.in_progress" and f.low == 23] == [None]
