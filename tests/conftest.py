"""Fixtures shared by the test modules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from cnr_lint.cli import main

# Property tests check what is parsed, never how fast: on a loaded CI machine hypothesis's
# default 200 ms deadline per example failed a run now and then.
settings.register_profile("cnr-lint", deadline=None)
settings.load_profile("cnr-lint")

REPO = Path(__file__).resolve().parents[1]
# The official SARIF 2.1.0 schema (OASIS, errata 01), kept with the tests so that every clone
# validates against it: beside the repository it was absent from a clean CI clone, and the
# validation was skipped.
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"


def validate_sarif(document: dict) -> None:
    """Raises when `document` is not a valid SARIF 2.1.0 log."""
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(document)


def invoke(*args: str, input: str | bytes | None = None) -> Result:
    """`cnr-lint ARGS...` in this process. Exceptions propagate (a traceback fails the test);
    the result has `exit_code`, `stdout` and `stderr` (separate) and `output` (both)."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture()
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Runs cnr-lint from the repository root, so `fixtures/seeds/x.md` paths show as given."""
    monkeypatch.chdir(REPO)
    return invoke
