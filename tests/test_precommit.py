"""cnr-lint as pre-commit runs it: the real pre-commit client, `pre-commit try-repo`, on a git
repository of dossiers.

pre-commit passes the hook only the files named; cnr-lint reads the rest of the repository's
dossiers as context. So naming only the Bouches-du-Rhône dossier still finds its conflict with
the Hautes-Alpes one, and mending the figures makes the hook pass.

`try-repo` installs the hook the way users get it: it clones this repository (when the working
tree has uncommitted changes to tracked files, it clones a temporary commit of them; untracked
files are left out) and builds a fresh virtualenv with `pip install .`, which fetches the
dependencies. It uses a throwaway store of its own for that, so each call builds the
environment again (about 20 s here); PRE_COMMIT_HOME only keeps pre-commit away from the
user's cache.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "fixtures" / "seeds"
NAMED = "bouches-du-rhone.txt"
CONTEXT = "hautes-alpes.md"
TIMEOUT = 300

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None,
                       reason="pre-commit is not installed (pip install -e '.[test]')"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed: pre-commit needs it"),
]


def _clean_env(pre_commit_home: Path) -> dict[str, str]:
    # Nothing from a surrounding git hook or pre-commit run may leak in (GIT_DIR, GIT_INDEX_FILE,
    # SKIP=...), and the hook's output must be plain text.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "SKIP"}
    env.update(PRE_COMMIT_HOME=str(pre_commit_home), NO_COLOR="1", GIT_TERMINAL_PROMPT="0")
    return env


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    env = _clean_env(tmp_path_factory.mktemp("pre-commit-home"))
    inside = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60)
    if inside.returncode != 0 or Path(inside.stdout.strip()).resolve() != REPO:
        pytest.skip(f"{REPO} is not the top of a git work tree, which pre-commit try-repo needs: "
                    f"{inside.stderr.strip()}")
    return env


@pytest.fixture
def dossiers(tmp_path, env) -> Path:
    """A git repository holding the two seed dossiers, committed."""
    repo = tmp_path / "dossiers"
    repo.mkdir()
    for name in (NAMED, CONTEXT):
        shutil.copy(SEEDS / name, repo / name)
    _git("init", "-q", cwd=repo, env=env)
    _git("config", "user.email", "tests@cnr-lint.invalid", cwd=repo, env=env)
    _git("config", "user.name", "cnr-lint tests", cwd=repo, env=env)
    _git("config", "commit.gpgsign", "false", cwd=repo, env=env)
    _git("add", NAMED, CONTEXT, cwd=repo, env=env)
    _git("commit", "-q", "-m", "the seed dossiers", cwd=repo, env=env)
    return repo


def try_repo(repo: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "cnr-lint", "--color", "never",
               "--files", *files]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=TIMEOUT)


def test_hook_fails_on_the_conflict_with_a_dossier_it_was_not_given(dossiers, env):
    result = try_repo(dossiers, env, NAMED)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output and "- hook id: cnr-lint" in output, output
    assert f"{NAMED}:21:85: CNR201 [error] 11 projets réalisés" in output, output
    assert f"{NAMED}:21:156: CNR201 [error] 30 projets en cours" in output, output
    # the other side of the conflict comes from the dossier pre-commit did not name: the context
    assert f"{CONTEXT}:21:93: 14 projets réalisés" in output, output


def test_hook_passes_once_the_figures_are_mended(dossiers, env):
    dossier = dossiers / NAMED
    data = dossier.read_bytes()  # bytes, so nothing else of the file changes
    for wrong, right in (("11 projets réalisés", "14 projets réalisés"), ("30 projets en cours", "27 projets en cours")):
        assert data.count(wrong.encode()) == 1, wrong
        data = data.replace(wrong.encode(), right.encode())
    dossier.write_bytes(data)
    _git("add", NAMED, cwd=dossiers, env=env)  # staged, as when committing
    result = try_repo(dossiers, env, NAMED)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "cnr-lint" in output and "Passed" in output, output
    assert "CNR" not in output.split("Using config:")[-1].split("=" * 79)[-1], output


def test_hook_takes_a_pdf_dossier(dossiers, env):
    """The hook's `files` pattern lets a PDF through; its conflict with the Markdown dossier is found."""
    pdf = "hautes-alpes.pdf"
    (dossiers / CONTEXT).unlink()
    shutil.copy(REPO / "fixtures" / "documents" / "seeds" / pdf, dossiers / pdf)
    _git("add", "-A", cwd=dossiers, env=env)
    result = try_repo(dossiers, env, pdf)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"{pdf}:p1:22:28: CNR201 [error] 14 projets réalisés" in output, output
    assert f"{NAMED}:21:85: 11 projets réalisés" in output, output
