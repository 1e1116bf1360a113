"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result

from cnr_lint.cli import main

REPO = Path(__file__).resolve().parents[1]
# The SARIF 2.1.0 schema lies beside the repository, in the shared folder: one level up from the
# main checkout, two from a worktree.
SARIF_SCHEMA = next((folder / "shared/data/sarif-schema-2.1.0.json" for folder in REPO.parents
                     if (folder / "shared/data/sarif-schema-2.1.0.json").is_file()), REPO.parent / "shared/data")


def invoke(*args: str, input: str | bytes | None = None) -> Result:
    """`cnr-lint ARGS...` in this process. Exceptions propagate (a traceback fails the test);
    the result has `exit_code`, `stdout` and `stderr` (separate) and `output` (both)."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture()
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Runs cnr-lint from the repository root, so `fixtures/seeds/x.md` paths show as given."""
    monkeypatch.chdir(REPO)
    return invoke
