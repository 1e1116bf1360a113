"""The progress bar: on a terminal for long text runs only; never in pipes, CI or machine formats."""

from __future__ import annotations

import io

import pytest

from cnr_lint import cli


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def on_terminal(monkeypatch) -> _Terminal:
    # Installed in the test body: pytest's own capture replaces sys.stderr after fixtures run.
    stream = _Terminal()
    monkeypatch.setattr(cli.sys, "stderr", stream)
    monkeypatch.delenv("CI", raising=False)
    return stream


def test_long_text_run_on_a_terminal_shows_progress_and_clears_it(monkeypatch):
    terminal = on_terminal(monkeypatch)
    with cli._progress(1000, "text") as advance:
        assert advance is not None
        advance(400)
        advance(600)
    written = terminal.getvalue()
    assert "400/1000" in written and "1000/1000" in written
    assert written.endswith("\r")


@pytest.mark.parametrize("total, output_format, env", [
    (1000, "json", {}),
    (1000, "sarif", {}),
    (10, "text", {}),
    (1000, "text", {"CI": "true"}),
])
def test_no_progress_for_machine_formats_short_runs_or_ci(monkeypatch, total, output_format, env):
    terminal = on_terminal(monkeypatch)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with cli._progress(total, output_format) as advance:
        assert advance is None
    assert terminal.getvalue() == ""


def test_no_progress_in_a_pipe(monkeypatch):
    stream = io.StringIO()  # not a terminal
    monkeypatch.setattr(cli.sys, "stderr", stream)
    monkeypatch.delenv("CI", raising=False)
    with cli._progress(1000, "text") as advance:
        assert advance is None
    assert stream.getvalue() == ""
