"""Defects a QA engineer found using cnr-lint as a new user (second round): each test runs the
real command line (or the Python API) on copies of the seeds and asserts what it prints."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import REPO, invoke

SEEDS = REPO / "fixtures" / "seeds"


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    """The two seeds, in the working folder."""
    for seed in ("bouches-du-rhone.txt", "hautes-alpes.md"):
        shutil.copy(SEEDS / seed, tmp_path / seed)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- 1. `assign` in the configuration and the cache -------------------------------------------


def test_a_warm_cache_with_assign_is_reused_silently_and_stale_files_are_deleted(tmp_path, monkeypatch):
    folder = tmp_path / "2023" / "paca"
    folder.mkdir(parents=True)
    for name in ("a.md", "b.md"):
        shutil.copy(SEEDS / "hautes-alpes.md", folder / name)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cnr-lint.assign]\n"2023/**" = {campaign = "1 an après 2023"}\n', encoding="utf-8")
    cache = tmp_path / ".cnr_lint_cache"
    cache.mkdir()
    # what an earlier build left: its packs' digest followed by 8 hex digits of `assign`
    legacy = cache / "0.1.0-0dddda0c450a7896-820db15b-e7254bd46e74.dossiers"
    legacy.write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    runs = [invoke("--format", "json", ".") for _ in range(3)]
    assert [r.stderr for r in runs] == ["", "", ""]
    assert len({r.stdout for r in runs}) == 1
    kept = sorted(p.suffix for p in cache.iterdir() if p.suffix in (".index", ".dossiers"))
    assert kept == [".dossiers", ".index"] and not legacy.exists()
    written = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    invoke(".")
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == written  # nothing to rewrite


# -- 2. the command line's select replaces the file's, as in ruff ------------------------------

COUNT_MISMATCH = REPO / "fixtures" / "rules" / "CNR101" / "more-stated" / "var.md"  # CNR101, nothing else


@pytest.mark.parametrize(("configured", "arguments", "expected"), [
    ('ignore = ["CNR101"]', ("--select", "CNR101"), {"CNR101"}),  # the file's ignore is replaced
    ('ignore = ["CNR101"]', (), set()),
    ('ignore = ["CNR101"]', ("--extend-select", "CNR101"), {"CNR101"}),  # a layer above adds it back
    ('select = ["CNR2"]', ("--select", "CNR1"), {"CNR101"}),
    ('select = ["CNR2"]', ("--extend-select", "count-mismatch"), {"CNR101"}),
    ('select = ["CNR2"]', (), set()),
    ('select = ["CNR101"]', ("--ignore", "CNR101"), set()),
    ('select = ["CNR1"]\nignore = ["CNR101"]', ("--select", "CNR1"), {"CNR101"}),
])
def test_select_on_the_command_line_replaces_the_files_selection(tmp_path, monkeypatch, configured, arguments, expected):
    shutil.copy(COUNT_MISMATCH, tmp_path / "var.md")
    (tmp_path / "pyproject.toml").write_text(f"[tool.cnr-lint]\n{configured}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("--no-cache", "--format", "json", *arguments, "var.md")
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} == expected, result.output
