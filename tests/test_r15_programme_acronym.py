"""The agency's fund named by its acronym (round 15): "2,4 M€ au titre du FIR ont soutenu
l'exercice coordonné" is money of the Fonds d'intervention régional, another programme's, as the
fund's full name already said; it is not the CNR's budget and is compared with nothing."""

from __future__ import annotations

from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

TEXT = """\
# CNR santé dans la Nièvre : 2 ans après

L'ARS a engagé 4,3 M€ pour les projets du CNR santé. En parallèle, 2,4 M€ au titre du FIR ont soutenu
l'exercice coordonné.
"""


def test_money_of_the_fund_named_by_its_acronym_is_another_programmes() -> None:
    dossier = dossier_from_bytes(TEXT.encode(), "nievre-2024.md", CONTEXT)
    assert sorted((f.low, f.scope) for f in dossier.figures if f.name == "region.budget") == [
        (2_400_000, "programme"), (4_300_000, "region")]


def test_the_acronym_counts_only_as_written() -> None:
    # "fir" inside a word or in lower case is no acronym
    text = TEXT.replace("au titre du FIR", "au titre du firmament")
    dossier = dossier_from_bytes(text.encode(), "nievre-2024.md", CONTEXT)
    assert [f.scope for f in dossier.figures if f.name == "region.budget" and f.low == 2_400_000] == ["region"]


def test_the_facts_table_marks_a_figure_compared_with_nothing(tmp_path) -> None:
    from conftest import invoke

    path = tmp_path / "nievre-2024.md"
    path.write_text(TEXT, encoding="utf-8")
    result = invoke("facts", str(path))
    assert result.exit_code == 0
    budgets = [line.split()[:2] for line in result.output.splitlines() if line.startswith("region.budget")]
    assert budgets == [["region.budget", "4"], ["region.budget", "[programme]"]]
