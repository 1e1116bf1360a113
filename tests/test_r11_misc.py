"""PDF, OpenDocument and Markdown dossiers, second pass (round 11). From Reims (Grand Est, PDF):
a department's stated count that its own list contradicts ("Dix projets concrets", nine listed)
is CNR101's mistake; where the regional summary table gives the number listed, CNR205 does not
tell it again, at both ends."""

from __future__ import annotations

from pathlib import Path

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

BLIND = Path(__file__).parent.parent / "fixtures" / "blind"


def corpus_findings(*paths: Path) -> list[tuple[str, str, str]]:
    dossiers = [dossier_from_bytes(path.read_bytes(), str(path), CONTEXT) for path in paths]
    selection = engine.select_rules(CONTEXT, Config())
    found = engine.check(dossiers, {str(path) for path in paths}, CONTEXT, selection)
    return sorted((Path(f.location.path).name, f.code, f.message) for f in found)


def test_a_count_its_own_list_contradicts_is_not_compared_with_the_number_listed_elsewhere() -> None:
    reims = BLIND / "grand-est-reims" / "dossiers"
    found = corpus_findings(reims / "marne-2023.pdf", reims / "grand-est-synthese-2023.pdf")
    assert ("marne-2023.pdf", "CNR101") in {(name, code) for name, code, _ in found}  # ten stated, nine listed
    assert not [message for _, code, message in found if code == "CNR205" and message.startswith("Marne")]


def test_a_miscounted_list_still_conflicts_with_a_third_number() -> None:
    # Sarthe states 7 projects (its list, as read, is shorter); the summary table gives 8, neither
    # the number stated nor the number listed: a conflict, at both ends
    angers = BLIND / "pays-de-la-loire-angers" / "dossiers"
    found = corpus_findings(angers / "sarthe-2024.txt", angers / "pays-de-la-loire-synthese-2024.txt")
    conflicts = {name for name, code, message in found if code == "CNR205" and message.startswith("Sarthe")}
    assert conflicts == {"sarthe-2024.txt", "pays-de-la-loire-synthese-2024.txt"}
