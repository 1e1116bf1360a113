"""Defects QA found after issues 9, 11 and 13: each test runs the real command line (or the API)
on real dossiers and asserts what it prints."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from cnr_lint.cli import main

REPO = Path(__file__).parents[1]
SEEDS = REPO / "fixtures" / "seeds"
NOT_A_DOSSIER = "# Compte rendu\n\nRien à signaler.\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    """The two seeds and a file that is no dossier (CNR002, info), in the working folder."""
    for seed in ("bouches-du-rhone.txt", "hautes-alpes.md"):
        shutil.copy(SEEDS / seed, tmp_path / seed)
    (tmp_path / "notes.md").write_text(NOT_A_DOSSIER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- 1. junit agrees with the exit code ------------------------------------------------------------


def _cases(xml: str) -> tuple[ET.Element, dict[str, ET.Element]]:
    root = ET.fromstring(xml)
    return root, {case.get("name"): case for case in root.iter("testcase")}


def test_junit_info_findings_are_reported_but_do_not_fail(seeds):
    result = run("--no-cache", "--format", "junit", "--select", "CNR002", ".")
    assert result.exit_code == 0, result.output
    root, cases = _cases(result.stdout)
    assert root.get("failures") == root.find("testsuite").get("failures") == "0"
    assert not list(root.iter("failure"))
    (out,) = cases["notes.md"].findall("system-out")
    assert "notes.md:1:1: CNR002 [info] no figure of the cnr-sante profile recognised" in out.text


def test_junit_counts_as_failures_what_fails_the_run(seeds):
    result = run("--no-cache", "--format", "junit", ".")
    assert result.exit_code == 1
    root, cases = _cases(result.stdout)
    assert root.get("failures") == "2"  # the two seeds; notes.md only has its info note
    assert [f.get("type") for f in cases["hautes-alpes.md"].findall("failure")] == ["CNR201", "CNR201"]
    assert not cases["notes.md"].findall("failure") and cases["notes.md"].find("system-out") is not None
    strict = run("--no-cache", "--format", "junit", "--fail-on", "info", ".")
    assert strict.exit_code == 1
    root, cases = _cases(strict.stdout)
    assert root.get("failures") == "3"
    assert [f.get("type") for f in cases["notes.md"].findall("failure")] == ["CNR002"]
