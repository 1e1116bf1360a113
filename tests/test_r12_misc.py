"""Snapshots and cross-dossier checks (round 12). From Beauvais (Hauts-de-France, .odt): a title
asked as a question, its campaign the heading under it ("CNR Santé – Où en sommes-nous dans
l'Oise ?", then "2 ans après"), gives the dossier its campaign, so that its dated snapshots and
its money are compared with the other dossiers of that campaign (CNR201, CNR202, CNR203); the
launch named by its noun ("le lancement national du CNR santé, le lundi 3 octobre 2022") dates
the campaign before a second cycle that "sera lancé début 2024"."""

from __future__ import annotations

from pathlib import Path

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

BEAUVAIS = Path(__file__).parent.parent / "fixtures" / "blind" / "hauts-de-france-beauvais" / "dossiers"


def dossier(text: str, name: str = "oise-2024.md"):
    return dossier_from_bytes(text.encode(), name, CONTEXT)


def corpus_findings(*paths: Path) -> set[tuple[str, str]]:
    dossiers = [dossier_from_bytes(path.read_bytes(), str(path), CONTEXT) for path in paths]
    selection = engine.select_rules(CONTEXT, Config())
    found = engine.check(dossiers, {str(path) for path in paths}, CONTEXT, selection)
    return {(Path(f.location.path).name, f.code) for f in found}


def test_a_question_title_with_its_campaign_under_it_gives_department_and_campaign() -> None:
    read = dossier(
        "CNR Santé – Où en sommes-nous dans l'Oise ?\n\n## 2 ans après\n\n"
        "Au 31 octobre 2024, 36 projets sont réalisés et 22 restent en cours en Hauts-de-France.\n"
    )
    assert read.department == "Oise"
    assert read.campaign == "2 ans après 2024"


def test_a_question_title_without_a_campaign_gives_none() -> None:
    read = dossier("CNR Santé – Où en sommes-nous dans l'Oise ?\n\n## Les projets\n\nRien de neuf.\n")
    assert read.campaign is None


def test_the_launch_named_by_its_noun_dates_the_campaign_before_a_later_cycle() -> None:
    path = BEAUVAIS / "synthese-regionale-2023.odt"
    read = dossier_from_bytes(path.read_bytes(), str(path), CONTEXT)
    assert read.campaign == "1 an après 2023"  # not 2025, from "sera lancé début 2024"


def test_the_snapshots_and_money_of_question_titled_dossiers_are_compared() -> None:
    found = corpus_findings(*sorted(BEAUVAIS.glob("*-2024.odt")))
    assert {("oise-2024.odt", "CNR201"), ("somme-2024.odt", "CNR202"), ("aisne-2024.odt", "CNR203")} <= found
