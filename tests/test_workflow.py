"""How teams adopt and run cnr-lint: one named file in a corpus, suppressions, baselines, cache."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cnr_lint.cli import main

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
BDR, HA = "bouches-du-rhone.txt", "hautes-alpes.md"


@pytest.fixture()
def repo(tmp_path, monkeypatch) -> Path:
    """A dossier repository holding the two seeds, with no configuration at all."""
    for name in (BDR, HA):
        shutil.copy(SEEDS / name, tmp_path / name)
    (tmp_path / ".git").mkdir()  # the corpus root of a named file is its repository
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["--format", "json", *args], catch_exceptions=False)
    return result.exit_code, json.loads(result.output)["findings"]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_one_named_file_is_checked_against_the_rest_of_the_corpus(repo):
    code, findings = lint(BDR)
    assert code == 1
    assert {(f["rule"], f["path"]) for f in findings} == {("CNR201", BDR), ("CNR201", HA)}
    # every finding touches the named file
    assert all(f["path"] == BDR or any(r["path"] == BDR for r in f["related"]) for f in findings)
    replace_in(repo / BDR, "11 projets réalisés", "14 projets réalisés")
    replace_in(repo / BDR, "30 projets en cours", "27 projets en cours")
    assert lint(BDR) == (0, [])


def test_disable_next_line_silences_exactly_that_rule_on_that_line(repo):
    replace_in(repo / BDR, "A 1 an du lancement", "<!-- cnr-lint: disable-next-line CNR201 -->\nA 1 an du lancement")
    code, findings = lint("--no-cache", ".")
    assert code == 1
    assert [(f["path"], f["line"]) for f in findings] == [(HA, 21), (HA, 21)]


def test_disable_next_line_of_another_rule_silences_nothing_and_is_reported(repo):
    replace_in(repo / BDR, "A 1 an du lancement", "<!-- cnr-lint: disable-next-line CNR101 -->\nA 1 an du lancement")
    code, findings = lint("--no-cache", ".")
    codes = sorted((f["rule"], f["path"], f["line"]) for f in findings)
    assert ("CNR004", BDR, 21) in codes
    assert [c for c in codes if c[0] == "CNR201" and c[1] == BDR] == [("CNR201", BDR, 22), ("CNR201", BDR, 22)]


def test_disable_for_the_whole_file(repo):
    (repo / HA).write_text("<!-- cnr-lint: disable CNR201 -->\n" + (repo / HA).read_text(encoding="utf-8"), encoding="utf-8")
    code, findings = lint("--no-cache", ".")
    assert {f["path"] for f in findings} == {BDR}


def test_baseline_absorbs_todays_findings_and_catches_new_ones(repo):
    result = CliRunner().invoke(main, ["--write-baseline", "baseline.json", "."])
    assert result.exit_code == 0
    recorded = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert len(recorded) == 4
    assert lint("--baseline", "baseline.json", ".") == (0, [])

    # the conflicting sentence moves five lines down: still the same findings
    replace_in(repo / BDR, "A 1 an du lancement", "\n\n\n\n\nA 1 an du lancement")
    code, findings = lint("--baseline", "baseline.json", ".")
    assert (code, findings) == (0, [])

    # a new conflict is not in the baseline
    replace_in(repo / BDR, "25 réunions de concertation", "26 réunions de concertation")
    code, findings = lint("--baseline", "baseline.json", ".")
    assert code == 1
    assert {(f["rule"], f["message"].split(" here")[0]) for f in findings} == {
        ("CNR201", "26 réunions de concertation"), ("CNR201", "25 réunions de concertation")}


def test_broken_baseline_is_a_usage_error(repo):
    (repo / "baseline.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["--baseline", "baseline.json", "."])
    assert result.exit_code == 2
    assert "baseline.json" in result.output


def test_cache_is_ignored_by_git_reused_and_invalidated(repo):
    cold = lint(".")
    cache = repo / ".cnr_lint_cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    assert len(list(cache.glob("*.index"))) == 1 and len(list(cache.glob("*.dossiers"))) == 1
    assert lint(".") == cold
    replace_in(repo / HA, "au 8 novembre 2023, le premier bilan comptabilise 14", "au 8 novembre 2023, le premier bilan comptabilise 11")
    replace_in(repo / HA, "27 projets en cours", "30 projets en cours")
    assert lint(".") == (0, [])


def test_no_cache_writes_no_cache(repo):
    lint("--no-cache", ".")
    assert not (repo / ".cnr_lint_cache").exists()


def test_git_ignores_the_cache_folder(repo):
    shutil.rmtree(repo / ".git")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    lint(".")
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo,
                            capture_output=True, text=True, check=True).stdout
    assert ".cnr_lint_cache" not in status
    assert BDR in status
