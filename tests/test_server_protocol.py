"""`cnr-lint server` at the level of the wire: malformed, out-of-order and vanishing clients."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _wire_class():
    """The standard-library LSP client of bench/lsp_latency.py."""
    spec = importlib.util.spec_from_file_location("cnr_bench_lsp", REPO / "bench" / "lsp_latency.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Wire


Wire = _wire_class()


@pytest.fixture
def wire(tmp_path):
    shutil.copy(REPO / "fixtures" / "seeds" / "hautes-alpes.md", tmp_path)
    connection = Wire([sys.executable, "-m", "cnr_lint", "server"], tmp_path)
    yield connection
    if connection.process.poll() is None:
        connection.process.kill()
    connection.process.wait(60)


def test_garbage_and_out_of_order_messages_are_answered_and_the_server_serves_on(wire, tmp_path):
    # Before initialize: answered (with nothing to show), not a crash.
    early = wire.request("textDocument/hover", {"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}})
    assert early.get("result") is None
    assert "capabilities" in wire.initialize(tmp_path)["result"]
    wire.send_bytes(b"Content-Length: 17\r\n\r\n{this is not json")
    assert wire.request("no/such/method", {})["error"]["code"] == -32601
    # A change to a document that was never opened, then a hover with its fields wrong.
    document = tmp_path / "hautes-alpes.md"
    wire.notify("textDocument/didChange", {
        "textDocument": {"uri": document.as_uri(), "version": 2},
        "contentChanges": [{"text": "41 projets réalisés"}]})
    assert wire.request("textDocument/hover", {"position": "nowhere"})["error"]["code"] == -32602  # invalid params
    # And it still serves: a hover on a figure of an opened dossier.
    text = document.read_text(encoding="utf-8")
    wire.notify("textDocument/didOpen", {"textDocument": {
        "uri": document.as_uri(), "languageId": "markdown", "version": 1, "text": text}})
    line = text.splitlines()[20]
    hover = wire.request("textDocument/hover", {
        "textDocument": {"uri": document.as_uri()}, "position": {"line": 20, "character": line.index("14 projets") + 1}})
    assert "region.projects.realised" in hover["result"]["contents"]["value"]
    assert wire.close() == 0


def test_a_client_that_vanishes_ends_the_server(wire, tmp_path):
    wire.initialize(tmp_path)
    wire.process.stdin.close()
    assert wire.process.wait(60) is not None


def test_the_latency_benchmark_runs_on_a_small_workspace():
    spec = importlib.util.spec_from_file_location("cnr_bench_lsp_main", REPO / "bench" / "lsp_latency.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--size", "48", "--edits", "4"]) == 0
