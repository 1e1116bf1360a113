"""The command line as users meet it: commands, options, exit codes, output destinations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cnr_lint import __version__
from cnr_lint.cli import main

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
ALL_CODES = [f"CNR00{i}" for i in range(1, 5)] + [f"CNR10{i}" for i in range(1, 8)] + [f"CNR20{i}" for i in range(1, 6)]


@pytest.fixture()
def seeds(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "dossiers"
    folder.mkdir()
    for name in ("bouches-du-rhone.txt", "hautes-alpes.md"):
        shutil.copy(SEEDS / name, folder / name)
    monkeypatch.chdir(tmp_path)
    return folder


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version_and_help():
    assert run("--version").output.strip() == f"cnr-lint, version {__version__}"
    result = run("--help")
    assert result.exit_code == 0
    for command in ("check", "facts", "rules", "explain", "schema"):
        assert command in result.output


def test_rules_lists_every_code():
    result = run("rules")
    assert result.exit_code == 0
    for code in ALL_CODES:
        assert code in result.output
    assert "figure-conflict" in result.output


def test_explain_gives_text_example_and_silencing():
    result = run("explain", "CNR202")
    assert result.exit_code == 0
    assert result.output.startswith("CNR202 stale-figure [warning]")
    assert "Example that fires (dossier 1):" in result.output and "Au 30 juin 2023" in result.output
    assert "disable-next-line CNR202" in result.output


def test_explain_unknown_code_exits_2_with_suggestion():
    result = CliRunner().invoke(main, ["explain", "CNR2001"])
    assert result.exit_code == 2
    assert "unknown rule code" in result.output


def test_default_command_lints_a_folder_and_exits_1(seeds):
    result = run("dossiers")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "dossiers/bouches-du-rhone.txt:21:85: CNR201 [error] 11 projets réalisés (sur l'année 2023) here; "
        "dossiers/hautes-alpes.md:21 states 14 (au 8 novembre 2023)"
    )
    assert lines[1] == "    dossiers/hautes-alpes.md:21:93: 14 projets réalisés (au 8 novembre 2023)"
    assert "4 findings (4 errors) in 2 files." in result.output
    assert "\033[" not in result.output  # no colour when not on a terminal


def test_select_ignore_and_fail_on(seeds):
    assert run("--ignore", "CNR201", "dossiers").exit_code == 0
    assert run("--select", "CNR1", "dossiers").exit_code == 0
    assert run("--select", "CNR2", "dossiers").exit_code == 1
    result = run("--select", "CNR999", "dossiers")
    assert result.exit_code == 2
    assert "unknown rule code 'CNR999'" in result.output


def test_json_output_contract(seeds):
    result = run("--format", "json", "dossiers")
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document["version"] == __version__
    assert document["summary"]["findings"] == 4
    first = document["findings"][0]
    assert set(first) == {"rule", "name", "severity", "path", "line", "column", "end_line", "end_column",
                          "message", "related", "fix"}
    assert (first["rule"], first["path"], first["line"], first["column"]) == (
        "CNR201", "dossiers/bouches-du-rhone.txt", 21, 85)
    assert first["related"] == [{"path": "dossiers/hautes-alpes.md", "line": 21, "column": 93,
                                 "message": "14 projets réalisés (au 8 novembre 2023)"}]
    keys = [(f["path"], f["line"], f["column"], f["rule"]) for f in document["findings"]]
    assert keys == sorted(keys)


def test_output_file(seeds, tmp_path):
    target = tmp_path / "report.json"
    result = run("--format", "json", "--output", str(target), "dossiers")
    assert result.exit_code == 1
    assert result.output == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["findings"] == 4


def test_missing_path_is_a_usage_error(seeds):
    result = CliRunner().invoke(main, ["nowhere/"])
    assert result.exit_code == 2
    assert "nowhere/" in result.output


def test_configuration_from_pyproject(seeds, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cnr-lint]\nignore = ["CNR201"]\n', encoding="utf-8")
    assert run("dossiers").exit_code == 0
    # the command line wins over the file: its select replaces the file's select and ignore
    assert run("--select", "CNR201", "--ignore", "CNR1", "dossiers").exit_code == 1
    assert run("--select", "CNR2", "--ignore", "CNR201", "dossiers").exit_code == 0
    assert run("--config", str(tmp_path / "none.yaml"), "dossiers").exit_code == 2


def test_configuration_errors_name_file_line_and_key(seeds, tmp_path):
    (tmp_path / ".cnr-lint.yaml").write_text("select: [CNR2]\nfail_onn: error\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["dossiers"])
    assert result.exit_code == 2
    assert ".cnr-lint.yaml:2: fail_onn: unknown key 'fail_onn' (did you mean \"fail-on\"?)" in result.output


def test_fail_on_and_severity_override(seeds, tmp_path):
    (tmp_path / ".cnr-lint.yaml").write_text("severity: {CNR201: warning}\n", encoding="utf-8")
    assert run("dossiers").exit_code == 1
    assert run("--fail-on", "error", "dossiers").exit_code == 0
    assert "CNR201 [warning]" in run("dossiers").output


def test_per_file_ignores(seeds, tmp_path):
    (tmp_path / ".cnr-lint.yaml").write_text('per-file-ignores: {"*.txt": [CNR201]}\n', encoding="utf-8")
    result = run("--format", "json", "dossiers")
    paths = {f["path"] for f in json.loads(result.output)["findings"]}
    assert paths == {"dossiers/hautes-alpes.md"}
