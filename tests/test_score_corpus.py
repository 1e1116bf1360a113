"""bench/score_corpus.py, the scorer of the corpora written with their answer keys."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCORER = REPO / "bench" / "score_corpus.py"


def _score(*corpora: Path) -> list[dict]:
    completed = subprocess.run(
        [sys.executable, str(SCORER), "--json", *map(str, corpora)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    return json.loads(completed.stdout)


def test_the_campaign_fixture_scores_full_marks():
    (result,) = _score(REPO / "fixtures" / "campaign")
    assert (result["expected"], result["found"]) == (15, 15)
    assert (result["recall"], result["precision"]) == (1.0, 1.0)


def _campaign_key_with(tmp_path: Path, row: str) -> Path:
    """A copy of the campaign fixture whose answer key gives var-2023.md's CNR101 as `row`."""
    corpus = tmp_path / "campaign"
    shutil.copytree(REPO / "fixtures" / "campaign", corpus)
    key = corpus / "MISTAKES.md"
    key.write_text(key.read_text(encoding="utf-8").replace("| var-2023.md | 36 | CNR101 |", row), encoding="utf-8")
    return corpus


def test_a_wrong_answer_key_row_is_one_miss_and_one_false_alarm(tmp_path):
    # The CNR101 of var-2023.md moved ten lines down: its finding no longer finds it.
    (result,) = _score(_campaign_key_with(tmp_path, "| var-2023.md | 46 | CNR101 |"))
    assert [(row["file"], row["first"], row["code"]) for row in result["missed"]] == [("var-2023.md", 46, "CNR101")]
    assert [(alarm["file"], alarm["line"], alarm["code"]) for alarm in result["false_alarms"]] == [
        ("var-2023.md", 36, "CNR101")
    ]
    assert result["recall"] == 14 / 15 and result["precision"] == 14 / 15


def test_a_range_in_the_answer_key_accepts_any_line_of_it(tmp_path):
    (result,) = _score(_campaign_key_with(tmp_path, "| var-2023.md | 30-40 | CNR101 |"))
    assert result["missed"] == [] and result["false_alarms"] == []


def test_a_quote_in_the_answer_key_places_the_row_at_the_line_that_holds_it(tmp_path):
    # Written for Word and PDF dossiers, whose lines only cnr-lint's reader counts; case, spaces
    # and the apostrophe's form aside.
    (result,) = _score(_campaign_key_with(tmp_path, "| var-2023.md | «faire  ÉMERGER 8 projets concrets» | CNR101 |"))
    assert result["missed"] == [] and result["false_alarms"] == []


def test_a_remark_in_brackets_after_the_quote_is_no_part_of_it(tmp_path):
    (result,) = _score(_campaign_key_with(
        tmp_path, "| var-2023.md | «8 projets concrets» (the stated count, column «Projets») | CNR101 |"))
    assert result["missed"] == [] and result["false_alarms"] == []


def test_a_file_named_from_the_corpus_folder_is_the_file_in_dossiers(tmp_path):
    (result,) = _score(_campaign_key_with(tmp_path, "| `dossiers/var-2023.md` | 36 | CNR101 |"))
    assert result["missed"] == [] and result["false_alarms"] == []


def test_a_file_in_a_folder_of_dossiers_is_named_by_its_path_there(tmp_path):
    # dossier repositories keep a folder per campaign: "2023/var-2023.md"
    corpus = _campaign_key_with(tmp_path, "| 2023/var-2023.md | 36 | CNR101 |")
    (corpus / "dossiers" / "2023").mkdir()
    (corpus / "dossiers" / "var-2023.md").rename(corpus / "dossiers" / "2023" / "var-2023.md")
    key = corpus / "MISTAKES.md"
    key.write_text(key.read_text(encoding="utf-8").replace("| var-2023.md |", "| 2023/var-2023.md |"), encoding="utf-8")
    (result,) = _score(corpus)
    assert result["missed"] == [] and result["false_alarms"] == []


def test_a_quote_on_no_line_is_a_miss(tmp_path):
    (result,) = _score(_campaign_key_with(tmp_path, "| var-2023.md | «neuf projets concrets» | CNR101 |"))
    assert [(row["file"], row["first"], row["code"]) for row in result["missed"]] == [("var-2023.md", 0, "CNR101")]
    assert len(result["false_alarms"]) == 1


def test_every_blind_corpus_has_a_readable_answer_key_naming_its_own_files():
    sys.path.insert(0, str(SCORER.parent))
    try:
        import score_corpus
    finally:
        sys.path.pop(0)
    corpora = sorted(path.parent for path in (REPO / "fixtures" / "blind").glob("*/ANSWERS.md"))
    assert len(corpora) >= 3
    for corpus in corpora:
        rows = score_corpus.answer_key(corpus)
        # a key read as (nearly) empty; the smallest, auvergne-rhone-alpes-grenoble, has 7 rows
        assert len(rows) >= 5, corpus
        names = {path.relative_to(corpus / "dossiers").as_posix() for path in (corpus / "dossiers").rglob("*") if path.is_file()}
        assert {row.file for row in rows} <= names, corpus
        assert all(row.first <= row.last for row in rows)


def test_a_finding_on_a_later_page_of_a_pdf_is_placed_at_its_line_of_the_whole_file(tmp_path):
    # cnr-lint places a PDF finding at a line of its page ("p2:3"); a quote places the row at a
    # line of the whole file, as cnr-lint reads it: the scorer counts both the same way.
    corpus = tmp_path / "documents"
    shutil.copytree(REPO / "fixtures" / "documents" / "campaign" / "dossiers", corpus / "dossiers")
    (corpus / "ANSWERS.md").write_text(
        "| # | file | line | code | what |\n|---|---|---|---|---|\n"
        "| 1 | var.pdf | «faire émerger 8 projets concrets» | CNR101 | page 2 |\n"
        "| 2 | var.pdf | «dans les cinq départements» | CNR107 | page 3 |\n",
        encoding="utf-8",
    )
    (result,) = _score(corpus)
    assert result["missed"] == []


def test_a_corpus_wide_row_takes_the_finding_of_its_own_campaign_first(monkeypatch):
    sys.path.insert(0, str(SCORER.parent))
    try:
        import score_corpus
    finally:
        sys.path.pop(0)
    # two CNR204 findings, one per campaign; the key lists only the 2024 one, at the summary
    row = score_corpus.Expected("synthese-2024.md", 11, 11, "CNR204", "departments above the region")
    found_2023 = score_corpus.Found("tarn-2023.md", 10, "CNR204", "55 > 47", frozenset({"tarn-2023.md", "gard-2023.md"}))
    found_2024 = score_corpus.Found("tarn-2024.md", 10, "CNR204", "51 > 47", frozenset({"tarn-2024.md", "synthese-2024.md"}))
    monkeypatch.setattr(score_corpus, "placed", lambda rows, python, dossiers: rows)
    monkeypatch.setattr(score_corpus, "answer_key", lambda corpus: (row,))
    monkeypatch.setattr(score_corpus, "lint", lambda python, dossiers: (found_2023, found_2024))
    result = score_corpus.score(Path("corpus"), sys.executable)
    assert result.missed == () and result.false_alarms == (found_2023,)
