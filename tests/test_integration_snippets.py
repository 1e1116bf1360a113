"""The README's integration snippets work once what it says to replace is replaced, and nothing
else: the address `https://github.com/YOUR-ORG/cnr-lint` by a copy of this repository, with the
tag `v0.1.0` made in it as the README says.

The copy is a clone of this repository's HEAD made by the test, the tag is made in it, and each
snippet is run by its real client: `pre-commit run` (pre-commit clones the copy at `rev:` and
installs it with pip) and the CI jobs' `pip install` line in a fresh virtualenv, followed by the
job's lint command. Both fetch cnr-lint's dependencies from the package index, as users' CI does.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from test_docs import PIP_INSTALL, README, RUNS, SEED_NAMES, SEEDS, only_block
from test_precommit import REPO, TIMEOUT, _git, env, pytestmark  # noqa: F401  (env: a fixture; pytestmark: its skips)

PLACEHOLDER = "https://github.com/YOUR-ORG/cnr-lint"
TAG = "v0.1.0"


def test_the_readme_says_what_to_replace():
    text = README.read_text(encoding="utf-8")
    section = text.split(f"## {RUNS}", 1)[1].split("\n### ", 1)[0]
    assert f"replace `{PLACEHOLDER}`" in section and f"`{TAG}`" in section, section
    assert "not on PyPI" in section


@pytest.fixture(scope="module")
def copy(tmp_path_factory, env) -> Path:
    """A clone of this repository's HEAD, tagged as the README's snippets expect."""
    clone = tmp_path_factory.mktemp("copy") / "cnr-lint"
    _git("clone", "-q", "--no-hardlinks", str(REPO), str(clone), cwd=REPO, env=env)
    _git("-c", "user.email=tests@cnr-lint.invalid", "-c", "user.name=cnr-lint tests", "tag", "-a", TAG, "-m", TAG,
         cwd=clone, env=env)
    return clone


@pytest.fixture
def checkout(tmp_path, env) -> Path:
    """A repository of dossiers under `dossiers/`, committed."""
    repo = tmp_path / "checkout"
    (repo / "dossiers").mkdir(parents=True)
    for name in SEED_NAMES:
        (repo / "dossiers" / name).write_bytes((SEEDS / name).read_bytes())
    _git("init", "-q", cwd=repo, env=env)
    _git("add", ".", cwd=repo, env=env)
    _git("-c", "user.email=tests@cnr-lint.invalid", "-c", "user.name=cnr-lint tests", "-c", "commit.gpgsign=false",
         "commit", "-q", "-m", "dossiers", cwd=repo, env=env)
    return repo


def _replaced(snippet: str, address: str) -> str:
    assert PLACEHOLDER in snippet, snippet
    return snippet.replace(PLACEHOLDER, address)


def test_the_pre_commit_snippet_runs_the_hook(copy, checkout, env):
    config = _replaced(only_block("yaml", "pre-commit", "repos:").body, copy.as_uri())
    assert yaml.safe_load(config)["repos"][0]["rev"] == TAG
    (checkout / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never", "--files",
                             "dossiers/bouches-du-rhone.txt"], cwd=checkout, env=env, capture_output=True,
                            text=True, encoding="utf-8", errors="replace", timeout=TIMEOUT)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "- hook id: cnr-lint" in output and "Failed" in output, output
    assert "dossiers/bouches-du-rhone.txt:21:85: CNR201 [error] 11 projets réalisés" in output, output
    assert "dossiers/hautes-alpes.md:21:93: 14 projets réalisés" in output, output  # the context


def _ci_snippets() -> list[tuple[str, list[str]]]:
    """Each CI job's install line and cnr-lint commands, in the order the job runs them."""
    workflow = yaml.safe_load(only_block("yaml", "GitHub Actions", "jobs:").body)
    (job,) = workflow["jobs"].values()
    github = [step["run"] for step in job["steps"] if "run" in step]
    gitlab_config = yaml.safe_load(only_block("yaml", "GitLab CI").body)
    (gitlab,) = [value["script"] for value in gitlab_config.values() if isinstance(value, dict) and "script" in value]
    return [("GitHub Actions", github), ("GitLab CI", gitlab)]


def test_both_ci_jobs_install_with_the_same_line():
    for name, lines in _ci_snippets():
        assert lines[0] == PIP_INSTALL, name
        assert all(line.startswith("cnr-lint ") for line in lines[1:]), name


def test_the_ci_install_line_installs_a_cnr_lint_that_runs_the_jobs(copy, checkout, tmp_path, env):
    venv = tmp_path / "ci-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    # a requirement's URL names a host (PEP 508): file://localhost/..., where git takes file:///...
    words = shlex.split(_replaced(PIP_INSTALL, "file://localhost" + copy.as_posix()))
    assert words[:2] == ["pip", "install"]
    install = subprocess.run([str(venv / "bin" / "pip"), *words[1:]], cwd=checkout, env=env, capture_output=True,
                             text=True, timeout=TIMEOUT)
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-2000:]
    version = subprocess.run([str(venv / "bin" / "cnr-lint"), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("cnr-lint"), version.stderr
    for name, lines in _ci_snippets():
        for line in lines[1:]:
            words = shlex.split(line)
            result = subprocess.run([str(venv / "bin" / "cnr-lint"), *words[1:]], cwd=checkout,
                                    env={**env, "NO_COLOR": "1"}, capture_output=True, text=True, timeout=120)
            assert result.returncode == 1, f"{name}: {line}: {result.stderr}"  # the seeds' conflict
    assert (checkout / "cnr-lint.sarif").is_file() and (checkout / "cnr-lint.xml").is_file()
