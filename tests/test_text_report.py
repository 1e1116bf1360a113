"""The text report tells the truth: a file name cannot forge a line of it, and a run with a
baseline says how many findings the baseline hid."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import REPO, invoke

SEEDS = REPO / "fixtures" / "seeds"
FINDING_LINE = re.compile(r"^(\S.*?):(\d+):(\d+): ([A-Z][A-Z0-9]*[0-9]{3}) \[(error|warning|info)\] (.*)$")
FORGED = "fake.md:1:1: CNR999 [error] forged finding"


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    (tmp_path / "d").mkdir()
    for seed in SEEDS.iterdir():
        if seed.suffix in (".md", ".txt"):
            shutil.copy(seed, tmp_path / "d" / seed.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "d"


@pytest.mark.parametrize("breaker, shown", [("\n", "\\n"), ("\r", "\\r"), ("\x1b", "\\x1b"), ("\u2028", "\\u2028")])
def test_a_line_break_in_a_file_name_cannot_forge_a_finding(seeds, breaker, shown):
    name = f"var{breaker}{FORGED}.md"
    (seeds / "hautes-alpes.md").rename(seeds / name)
    result = invoke("--no-cache", "d")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert not any(line.startswith(FORGED) for line in lines), result.stdout
    assert len([line for line in lines if FINDING_LINE.match(line)]) == 4  # the seeds' four findings, no fifth
    escaped = f"d/var{shown}{FORGED}.md"
    assert f"{escaped}:21:93: CNR201 [error]" in result.stdout
    assert f"    {escaped}:21:93: 14 projets réalisés" in result.stdout  # as a related place too
    # JSON keeps the real name, escaped by JSON itself
    document = json.loads(invoke("--no-cache", "--format", "json", "d").stdout)
    assert f"d/{name}" in {finding["path"] for finding in document["findings"]}


def test_the_summary_says_how_many_findings_the_baseline_hid(seeds, tmp_path):
    baseline = tmp_path / "baseline.json"
    recorded = invoke("--no-cache", "--write-baseline", str(baseline), "d")
    assert recorded.exit_code == 0, recorded.output
    quiet = invoke("--no-cache", "--baseline", str(baseline), "d")
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout.strip().splitlines()[-1] == "No findings in 2 files (4 hidden by the baseline)."
    document = json.loads(invoke("--no-cache", "--format", "json", "--baseline", str(baseline), "d").stdout)
    assert document["summary"]["findings"] == 0 and document["summary"]["hidden_by_baseline"] == 4

    # a new conflict: shown, and the recorded ones still counted as hidden
    dossier = seeds / "hautes-alpes.md"
    text = dossier.read_text(encoding="utf-8")
    assert text.count("25 réunions") == 1
    dossier.write_text(text.replace("25 réunions", "26 réunions"), encoding="utf-8")
    partial = invoke("--no-cache", "--baseline", str(baseline), "d")
    assert partial.exit_code == 1, partial.output
    last = partial.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"(\d+) findings? \(.*\) in 2 files \(4 hidden by the baseline\)\.", last), last


def test_without_a_baseline_the_summary_does_not_mention_one(seeds):
    result = invoke("--no-cache", "d")
    assert result.stdout.strip().splitlines()[-1] == "4 findings (4 errors) in 2 files."
    document = json.loads(invoke("--no-cache", "--format", "json", "d").stdout)
    assert document["summary"]["hidden_by_baseline"] == 0
