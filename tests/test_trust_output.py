"""What cnr-lint writes when asked (issue 9, items 4, 6 and 12): never over a file it reads,
whole or not at all, and one line with exit code 2 when it cannot be written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from test_hostile import no_traceback, run_process, seeds_into
from test_trust_cache import _limited_run

OPTIONS = {"report": ("--format", "json", "--output"), "baseline": ("--write-baseline",)}


def _one_error_line(run, path: str, role: str) -> str:
    assert run.returncode == 2 and no_traceback(run.stderr), run.describe()
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"cnr-lint: error: {path}: cannot write the {role}"), line
    return line


@pytest.mark.parametrize("role", OPTIONS)
@pytest.mark.parametrize("spelling", ["same", "dot-slash", "hard-link", "symlink"])
def test_an_output_that_is_a_dossier_of_the_corpus_is_refused(tmp_path, role, spelling):
    folder = seeds_into(tmp_path / "dossiers")
    dossier = folder / "hautes-alpes.md"
    original = dossier.read_bytes()
    target = {"same": "dossiers/hautes-alpes.md", "dot-slash": "./dossiers/./hautes-alpes.md",
              "hard-link": "linked.md", "symlink": "pointer.json"}[spelling]
    if spelling == "hard-link":
        os.link(dossier, tmp_path / target)
    elif spelling == "symlink":
        (tmp_path / target).symlink_to(dossier)
    run = run_process(tmp_path, "--no-cache", *OPTIONS[role], target, "dossiers", timeout=30)
    assert "reads" in _one_error_line(run, target, role)
    assert dossier.read_bytes() == original and run.stdout == ""


@pytest.mark.parametrize("role", OPTIONS)
def test_an_output_that_is_the_baseline_being_read_is_refused(tmp_path, role):
    seeds_into(tmp_path / "dossiers")
    recorded = run_process(tmp_path, "--no-cache", "--write-baseline", "b.json", "dossiers", timeout=30)
    assert recorded.returncode == 0, recorded.describe()
    baseline = (tmp_path / "b.json").read_bytes()
    run = run_process(tmp_path, "--no-cache", "--baseline", "b.json", *OPTIONS[role], "b.json", "dossiers", timeout=30)
    assert "b.json" in _one_error_line(run, "b.json", role)
    assert (tmp_path / "b.json").read_bytes() == baseline


def test_a_named_dossier_outside_the_folder_walked_is_protected_too(tmp_path):
    """A file named on the command line is read even with a dot-dot path."""
    seeds_into(tmp_path / "dossiers")
    (tmp_path / "sub").mkdir()
    original = (tmp_path / "dossiers" / "hautes-alpes.md").read_bytes()
    run = run_process(tmp_path / "sub", "--no-cache", "-o", "../dossiers/hautes-alpes.md",
                      "../dossiers/hautes-alpes.md", timeout=30)
    _one_error_line(run, "../dossiers/hautes-alpes.md", "report")
    assert (tmp_path / "dossiers" / "hautes-alpes.md").read_bytes() == original


@pytest.mark.parametrize("role", OPTIONS)
@pytest.mark.parametrize("where", ["missing-folder", "a-folder", "dev-full", "read-only-folder", "proc"])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, role, where):
    seeds_into(tmp_path / "dossiers")
    if where == "read-only-folder":
        if os.geteuid() == 0:
            pytest.skip("root writes into a read-only folder; the 'proc' case stands for it")
        (tmp_path / "locked").mkdir(mode=0o500)
    if where == "a-folder":
        (tmp_path / "out").mkdir()
    if where == "dev-full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    if where == "proc" and not os.path.isdir("/proc/self"):
        pytest.skip("no /proc on this system")
    target = {"missing-folder": "no/such/folder/report.json", "a-folder": "out", "dev-full": "/dev/full",
              "read-only-folder": "locked/report.json", "proc": "/proc/cnr-lint-report.json"}[where]
    run = run_process(tmp_path, "--no-cache", *OPTIONS[role], target, "dossiers", timeout=30)
    _one_error_line(run, target, role)


@pytest.mark.parametrize("role", OPTIONS)
def test_a_failed_write_leaves_the_previous_file_and_no_temporary_file(tmp_path, role):
    """A full disk (RLIMIT_FSIZE) while writing: the previous report or baseline stays whole."""
    seeds_into(tmp_path / "dossiers")
    previous = "previous, complete\n"
    (tmp_path / "out.json").write_text(previous, encoding="utf-8")
    run = _limited_run(tmp_path, 100, "--no-cache", *OPTIONS[role], "out.json", "dossiers")
    assert run.returncode == 2 and no_traceback(run.stderr), run.stderr
    assert run.stderr.startswith(f"cnr-lint: error: out.json: cannot write the {role}: "), run.stderr
    assert len(run.stderr.splitlines()) == 1, run.stderr
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossiers", "out.json"]


@pytest.mark.parametrize("role", OPTIONS)
def test_a_written_report_or_baseline_is_whole_and_a_device_is_written_to(tmp_path, role):
    seeds_into(tmp_path / "dossiers")
    run = run_process(tmp_path, "--no-cache", *OPTIONS[role], "out.json", "dossiers", timeout=30)
    assert run.returncode == (1 if role == "report" else 0), run.describe()
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["findings"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossiers", "out.json"]
    if os.path.exists("/dev/null"):
        to_device = run_process(tmp_path, "--no-cache", *OPTIONS[role], "/dev/null", "dossiers", timeout=30)
        assert to_device.returncode in (0, 1) and not to_device.stderr.startswith("cnr-lint: error"), to_device.describe()
        assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_a_report_through_a_symbolic_link_is_written_where_it_points(tmp_path):
    seeds_into(tmp_path / "dossiers")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "latest.json").write_text("old\n", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(tmp_path / "reports" / "latest.json")
    run = run_process(tmp_path, "--no-cache", "--format", "json", "-o", "link.json", "dossiers", timeout=30)
    assert run.returncode == 1 and not run.stderr, run.describe()
    assert (tmp_path / "link.json").is_symlink()
    assert json.loads((tmp_path / "reports" / "latest.json").read_text(encoding="utf-8"))["findings"]
