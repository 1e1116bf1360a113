"""Finding the files: one file is one dossier however it is spelled, folders that cannot be
listed are reported (CNR001), and deep trees are walked without recursion.

Root ignores permissions; run as root, the permission cases start cnr-lint in a subprocess
without that privilege.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, invoke

MAJORITY = REPO / "fixtures" / "rules" / "CNR201" / "majority"
OLDER = REPO / "fixtures" / "rules" / "CNR202" / "older-snapshot"


def _findings(*args: str) -> list[dict]:
    result = invoke("--no-cache", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def _places(findings: list[dict]) -> list[tuple]:
    """Rule and places of each finding, the folder (`d/` or its link `link/`) taken off the paths,
    to compare runs that spell it differently (messages list places sorted by path: left out)."""
    def strip(path: str) -> str:
        return path.removeprefix("d/").removeprefix("link/")
    return sorted((f["rule"], strip(f["path"]), f["line"], f["column"],
                   tuple(sorted((strip(r["path"]), r["line"], r["column"]) for r in f["related"]))) for f in findings)


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    """Two campaigns' worth of dossiers in `d/`, and `link`, a symbolic link to `d`."""
    (tmp_path / "d").mkdir()
    for source in (MAJORITY, OLDER):
        for file in source.iterdir():
            if file.suffix in (".md", ".txt"):
                shutil.copy(file, tmp_path / "d" / f"{source.name}-{file.name}")
    (tmp_path / "link").symlink_to("d")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", ["older-snapshot-var.md", "majority-var.md", "majority-alpes-maritimes.md"])
def test_a_file_gives_the_same_findings_however_its_path_is_spelled(corpus, name):
    plain = _findings(f"d/{name}")
    assert plain, "the fixture dossiers disagree: there is something to compare"
    assert _findings(f"./d/{name}") == plain
    assert _findings(f"d/../d/{name}") == plain


@pytest.mark.parametrize("name", ["older-snapshot-var.md", "majority-var.md"])
def test_a_file_named_through_a_linked_folder_is_one_dossier(corpus, name):
    plain = _places(_findings(f"d/{name}"))
    through_link = _findings(f"link/{name}")
    assert not any(r["path"].startswith("d/") and r["path"].endswith(name)
                   for f in through_link for r in f["related"]), "the named file was loaded twice"
    assert _places(through_link) == plain


def test_a_folder_and_its_link_named_together_are_walked_once(corpus):
    once = _findings("d")
    assert _findings("d", "link", "./d") == once


def test_corpus_globs_find_the_same_files_as_the_walk(corpus):
    walked = _findings("d/majority-var.md")
    (corpus / "pyproject.toml").write_text('[tool.cnr-lint]\ncorpus = ["d/**/*.md", "d/*.txt"]\n', encoding="utf-8")
    assert _findings("d/majority-var.md") == walked


# -- deep trees -----------------------------------------------------------------------------------


@pytest.fixture
def deep_tmp(tmp_path):
    """tmp_path, emptied at the end by a walk without recursion through folder descriptors:
    pytest's own clean-up (shutil.rmtree) recurses, and fails on these trees, for every later run."""
    yield tmp_path
    stack = [(os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY), None)]
    while stack:
        descriptor = stack[-1][0]
        below = None
        for entry in os.scandir(descriptor):
            if entry.is_dir(follow_symlinks=False):
                below = entry.name
                break
            os.unlink(entry.name, dir_fd=descriptor)
        if below is not None:
            stack.append((os.open(below, os.O_RDONLY | os.O_DIRECTORY, dir_fd=descriptor), below))
            continue
        os.close(descriptor)
        name = stack.pop()[1]
        if stack:
            os.rmdir(name, dir_fd=stack[-1][0])


def _deep_folder(root: Path, depth: int) -> Path:
    """`root/a/a/.../a` (depth folders), made one level at a time: os.makedirs itself recurses."""
    folder = root
    for _ in range(depth):
        folder = folder / "a"
        folder.mkdir()
    return folder


def test_a_tree_1100_folders_deep_is_walked(deep_tmp, monkeypatch):
    tmp_path = deep_tmp
    (tmp_path / "tree").mkdir()
    deepest = _deep_folder(tmp_path / "tree", 1100)
    shutil.copy(REPO / "fixtures" / "seeds" / "hautes-alpes.md", deepest / "hautes-alpes.md")
    shutil.copy(REPO / "fixtures" / "seeds" / "bouches-du-rhone.txt", tmp_path / "tree" / "bouches-du-rhone.txt")
    monkeypatch.chdir(tmp_path)
    findings = _findings("tree")
    assert {f["rule"] for f in findings} == {"CNR201"}
    assert any(f["path"].endswith("/a/hautes-alpes.md") for f in findings)
    # and as the context of a named file, found through the configuration's corpus globs
    (tmp_path / "pyproject.toml").write_text('[tool.cnr-lint]\ncorpus = ["tree/**/*.md"]\n', encoding="utf-8")
    named = _findings("tree/bouches-du-rhone.txt")
    assert len(named) == 4  # both sides of both conflicts: each touches the named file
    assert all({f["path"], *(r["path"] for r in f["related"])} == {"tree/bouches-du-rhone.txt", findings[0]["path"]}
               for f in named if f["path"].endswith("hautes-alpes.md"))


def test_a_folder_path_longer_than_path_max_is_reported(deep_tmp, monkeypatch):
    """Folders nested past PATH_MAX (4096 bytes on Linux) cannot be listed by their path: CNR001."""
    tmp_path = deep_tmp
    monkeypatch.chdir(tmp_path)
    shutil.copy(REPO / "fixtures" / "seeds" / "hautes-alpes.md", tmp_path / "hautes-alpes.md")
    os.mkdir("long")
    descriptor = os.open("long", os.O_RDONLY)
    name = "n" * 250
    try:
        for _ in range(20):  # 20 x 251 bytes: past 4096, made relative to the folder above
            os.mkdir(name, dir_fd=descriptor)
            below = os.open(name, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = below
    finally:
        os.close(descriptor)
    result = invoke("--no-cache", "--format", "json", ".")
    assert result.exit_code == 1, result.output
    unreadable = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "CNR001"]
    assert len(unreadable) == 1, unreadable
    assert unreadable[0]["path"].startswith("long/" + name) and "folder cannot be read" in unreadable[0]["message"]
    assert "too long" in unreadable[0]["message"].lower()


# -- permissions ---------------------------------------------------------------------------------------


def _drop_permission_override() -> None:
    """In the child, before exec: drop the capabilities that let root ignore file permissions
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from its bounding set, so the program it runs is root
    that obeys permissions, like any user. Still root, it may read the interpreter under /root."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _run_obeying_permissions(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "cnr_lint", *args]
    options = {"cwd": cwd, "capture_output": True, "text": True, "timeout": 120,
               "env": {**os.environ, "NO_COLOR": "1"}}
    if os.geteuid() != 0:
        return subprocess.run(command, **options)
    if not sys.platform.startswith("linux"):
        pytest.skip("running as root, which ignores permissions, and not on Linux, where it could be dropped")
    probe = subprocess.run([sys.executable, "-c", "import os; os.listdir('.')"], cwd=cwd.parent / "locked-probe",
                           preexec_fn=_drop_permission_override, capture_output=True, text=True)
    if probe.returncode == 0 or "PermissionError" not in probe.stderr:
        pytest.skip(f"running as root, and root's permission override could not be dropped: {probe.stderr.strip()[-200:]}")
    return subprocess.run(command, preexec_fn=_drop_permission_override, **options)


@pytest.fixture
def locked(tmp_path) -> Path:
    """`d/hautes-alpes.md` readable, `d/locked/b.txt` in a folder nobody may list or enter."""
    root = tmp_path / "corpus"
    (root / "d" / "locked").mkdir(parents=True)
    shutil.copy(REPO / "fixtures" / "seeds" / "hautes-alpes.md", root / "d" / "hautes-alpes.md")
    shutil.copy(REPO / "fixtures" / "seeds" / "bouches-du-rhone.txt", root / "d" / "locked" / "b.txt")
    (tmp_path / "locked-probe").mkdir()
    for folder in (root / "d" / "locked", tmp_path / "locked-probe"):
        folder.chmod(0o000)
    yield root
    for folder in (root / "d" / "locked", tmp_path / "locked-probe"):
        folder.chmod(0o755)


def test_an_unreadable_sub_folder_is_cnr001_naming_it(locked):
    result = _run_obeying_permissions(locked, "--no-cache", "--format", "json", "d")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    (unreadable,) = [f for f in report["findings"] if f["rule"] == "CNR001"]
    assert unreadable["path"] == "d/locked"
    assert unreadable["message"] == "the folder cannot be read: Permission denied"
    assert report["summary"]["files"] == 2  # the readable dossier is still checked, and the folder


def test_a_named_file_in_an_unreadable_folder_is_cnr001_not_a_traceback(locked):
    result = _run_obeying_permissions(locked, "--no-cache", "--format", "json", "d/locked/b.txt", "d/hautes-alpes.md")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    messages = {(f["path"], f["message"]) for f in findings if f["rule"] == "CNR001"}
    assert ("d/locked/b.txt", "the file cannot be read: Permission denied") in messages
    assert ("d/locked", "the folder cannot be read: Permission denied") in messages  # met as context


def test_facts_of_a_file_in_an_unreadable_folder_says_why_it_has_none(locked):
    result = _run_obeying_permissions(locked, "facts", "--format", "json", "d/locked/b.txt")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr  # as `check`, where it is CNR001
    (dossier,) = json.loads(result.stdout)  # the named file only: facts has no context
    assert dossier["path"] == "d/locked/b.txt" and dossier["error"] == "the file cannot be read: Permission denied"
    assert result.stderr == "cnr-lint: error: d/locked/b.txt: the file cannot be read: Permission denied\n"


@pytest.mark.parametrize("spelled", [".", "./", "d", "d/", "./d", "d/../d", "link", "{tmp}", "{tmp}/d/", "{tmp}/d/../d",
                                     "sub", "..", "../{name}/d"])
def test_the_walks_show_each_file_as_shown_path_does(corpus, spelled):
    """A folder's files are named without making each path absolute (engine._shown_below): the
    names are those `shown_path` gives, from the working folder below it, from above and outside."""
    from cnr_lint.engine import _shown_below, _walk, shown_path

    (corpus / "d" / "sub").mkdir()
    (corpus / "d" / "sub" / "x.md").write_text("# x\n", encoding="utf-8")
    if spelled == "sub":
        os.chdir(corpus / "d")
    folder = spelled.format(tmp=corpus, name=corpus.name)
    prefix = os.getcwd().rstrip(os.sep) + os.sep
    shown = _shown_below(folder, prefix)
    walked = [w.path for w in _walk(folder)]
    assert walked
    assert [shown(path) for path in walked] == [shown_path(path, prefix) for path in walked]
    assert shown(folder) == shown_path(folder, prefix)
