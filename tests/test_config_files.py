"""Configuration and baseline files that cannot be used: one line naming the file (and the line
and key when there is one), exit 2, in bounded time and memory; never a hang or a traceback.

Each case runs `python -m cnr_lint` in a child, timed and with its memory capped (test_hostile's
`run_process`), on the seed dossiers.
"""

from __future__ import annotations

import os

import pytest

from test_hostile import no_traceback, run_process, seeds_into

TIMEOUT = 30


def _refused(run, *expected: str) -> str:
    assert not run.timed_out and run.seconds < TIMEOUT, run.describe()
    assert run.returncode == 2, run.describe()
    assert no_traceback(run.stdout, run.stderr), run.describe()
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cnr-lint: error: "), run.describe()
    for fragment in expected:
        assert fragment in lines[0], run.describe()
    assert run.maxrss_mb < 300, run.describe()
    return lines[0]


def _deep_json(depth: int = 100_000) -> str:
    return "[" * depth + "]" * depth


@pytest.fixture
def dossiers(tmp_path):
    return seeds_into(tmp_path / "d")


@pytest.mark.parametrize("option", ["--baseline", "--config"])
def test_a_fifo_is_refused_without_waiting_for_a_writer(dossiers, option):
    os.mkfifo(dossiers.parent / "pipe.json")
    run = run_process(dossiers.parent, "--no-cache", option, "pipe.json", "d", timeout=TIMEOUT)
    _refused(run, "pipe.json: is not a regular file (a named pipe)")


@pytest.mark.parametrize("option", ["--baseline", "--config"])
def test_an_endless_device_is_refused_without_reading_it(dossiers, option):
    run = run_process(dossiers.parent, "--no-cache", option, "/dev/zero", "d", timeout=TIMEOUT)
    _refused(run, "/dev/zero: is not a regular file (a character device)")


def test_a_baseline_nested_100000_deep_is_refused(dossiers):
    (dossiers.parent / "deep.json").write_text(_deep_json(), encoding="utf-8")
    run = run_process(dossiers.parent, "--no-cache", "--baseline", "deep.json", "d", timeout=TIMEOUT)
    _refused(run, "deep.json: is not a cnr-lint baseline (nested too deeply)")


def test_a_configuration_nested_100000_deep_is_refused(dossiers):
    (dossiers.parent / "deep.json").write_text(_deep_json(), encoding="utf-8")
    run = run_process(dossiers.parent, "--no-cache", "--config", "deep.json", "d", timeout=TIMEOUT)
    _refused(run, "deep.json:1: ", "nest")


def test_a_pyproject_nested_100000_deep_is_refused(dossiers):
    (dossiers.parent / "pyproject.toml").write_text(f"[tool.cnr-lint]\n\n[other]\na = {_deep_json()}\n",
                                                   encoding="utf-8")
    run = run_process(dossiers.parent, "--no-cache", "d", timeout=TIMEOUT)
    _refused(run, "pyproject.toml: is not valid TOML: nested too deeply")


# -- pyproject.toml ------------------------------------------------------------------------------


UNUSABLE_PYPROJECTS = [
    (b'[tool.cnr-lint]\nignore = ["CNR\xe9"]\n', "pyproject.toml:2: is not UTF-8 text"),
    (b"tool = 5\n", "pyproject.toml:1: tool: must be a table"),
    (b"[tool]\ncnr-lint = 5\n", "pyproject.toml:2: tool.cnr-lint: must be a table"),
    (b'[tool.cnr-lint]\ncorpus = ["/abs/*"]\n',
     "pyproject.toml:2: corpus[0]: '/abs/*' is absolute; corpus globs are relative to the configuration's folder"),
    (b'[tool.cnr-lint]\ncorpus = [""]\n', "pyproject.toml:2: corpus[0]: '' is empty"),
    (b'[tool.cnr-lint]\nfail-on = "error"\ncorpus = ["d/*.md", "../*/*.md"]\n',
     "pyproject.toml:3: corpus[1]: '../*/*.md' leaves the configuration's folder"),
    (b'[tool.cnr-lint]\ncorpus = ["d/**/../../*.md"]\n', "corpus[0]: 'd/**/../../*.md' leaves the configuration's folder"),
]


@pytest.mark.parametrize("content, expected", UNUSABLE_PYPROJECTS)
def test_a_pyproject_given_with_config_that_cannot_be_used_names_file_line_and_key(dossiers, content, expected):
    (dossiers.parent / "pyproject.toml").write_bytes(content)
    run = run_process(dossiers.parent, "--no-cache", "--config", "pyproject.toml", "d/hautes-alpes.md", timeout=TIMEOUT)
    _refused(run, expected)


# a pyproject.toml found upward is cnr-lint's configuration only when it has a [tool.cnr-lint] table
@pytest.mark.parametrize("content, expected", [case for case in UNUSABLE_PYPROJECTS if b"[tool.cnr-lint]" in case[0]])
def test_a_pyproject_found_upward_that_cannot_be_used_names_file_line_and_key(dossiers, content, expected):
    (dossiers.parent / "pyproject.toml").write_bytes(content)
    run = run_process(dossiers, "--no-cache", "hautes-alpes.md", timeout=TIMEOUT)
    _refused(run, expected)


def test_a_corpus_glob_in_a_yaml_configuration_is_refused_with_its_line(dossiers):
    (dossiers.parent / ".cnr-lint.yaml").write_text("corpus:\n  - d/*.md\n  - /etc/*\n", encoding="utf-8")
    run = run_process(dossiers.parent, "--no-cache", "d", timeout=TIMEOUT)
    _refused(run, ".cnr-lint.yaml:3: corpus[1]: '/etc/*' is absolute")


def test_a_toml_configuration_not_named_pyproject_is_read_as_toml(dossiers):
    (dossiers.parent / "cnr-lint.toml").write_text('[tool.cnr-lint]\nignore = ["CNR201"]\n', encoding="utf-8")
    run = run_process(dossiers.parent, "--no-cache", "--config", "cnr-lint.toml", "d", timeout=TIMEOUT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings" in run.stdout


def test_with_a_corpus_in_the_configuration_and_no_path_the_corpus_is_linted(dossiers):
    (dossiers.parent / ".cnr-lint.yaml").write_text('corpus: ["d/*.md", "d/*.txt"]\n', encoding="utf-8")
    run = run_process(dossiers.parent, "--no-cache", "--format", "json", timeout=TIMEOUT)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.count('"rule": "CNR201"') == 4
