"""`cnr-lint server` at the level of the wire: malformed, out-of-order and vanishing clients."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 60


def _frame(payload: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(payload) + payload


def _message(**fields) -> bytes:
    return _frame(json.dumps({"jsonrpc": "2.0", **fields}).encode("utf-8"))


class Wire:
    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cnr_lint", "server"], cwd=root,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.buffer = b""

    def send(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def _read_some(self, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the server said nothing in time")
        ready, _, _ = select.select([self.process.stdout], [], [], remaining)
        if ready:
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                raise EOFError("the server closed its output")
            self.buffer += chunk

    def receive(self) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            header_end = self.buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                headers = dict(
                    line.split(": ", 1) for line in self.buffer[:header_end].decode("ascii").split("\r\n")
                )
                length = int(headers["Content-Length"])
                start = header_end + 4
                if len(self.buffer) >= start + length:
                    body = self.buffer[start:start + length]
                    self.buffer = self.buffer[start + length:]
                    return json.loads(body)
            self._read_some(deadline)

    def response(self, request_id: int) -> dict:
        while True:
            message = self.receive()
            if message.get("id") == request_id and "method" not in message:
                return message


@pytest.fixture
def wire(tmp_path):
    shutil.copy(REPO / "fixtures" / "seeds" / "hautes-alpes.md", tmp_path)
    connection = Wire(tmp_path)
    yield connection
    if connection.process.poll() is None:
        connection.process.kill()
    connection.process.wait(TIMEOUT)


def _initialize(wire: Wire, root: Path, request_id: int = 1) -> dict:
    wire.send(_message(id=request_id, method="initialize", params={"processId": None, "rootUri": root.as_uri(), "capabilities": {}}))
    answer = wire.response(request_id)
    wire.send(_message(method="initialized", params={}))
    return answer


def test_garbage_and_out_of_order_messages_are_answered_and_the_server_serves_on(wire, tmp_path):
    # Before initialize: answered (with nothing to show), not a crash.
    wire.send(_message(id=7, method="textDocument/hover", params={"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}}))
    early = wire.response(7)
    assert early.get("result") is None
    assert "capabilities" in _initialize(wire, tmp_path)["result"]
    wire.send(_frame(b"{this is not json"))
    wire.send(_message(id=8, method="no/such/method", params={}))
    assert wire.response(8)["error"]["code"] == -32601
    # A change to a document that was never opened, then a hover with missing fields.
    wire.send(_message(method="textDocument/didChange", params={
        "textDocument": {"uri": (tmp_path / "hautes-alpes.md").as_uri(), "version": 2},
        "contentChanges": [{"text": "41 projets réalisés"}]}))
    wire.send(_message(id=9, method="textDocument/hover", params={"position": "nowhere"}))
    assert wire.response(9)["error"]["code"] == -32602  # invalid params
    # And it still serves: a hover on a figure of an opened dossier.
    document = tmp_path / "hautes-alpes.md"
    text = document.read_text(encoding="utf-8")
    wire.send(_message(method="textDocument/didOpen", params={"textDocument": {
        "uri": document.as_uri(), "languageId": "markdown", "version": 1, "text": text}}))
    line = text.splitlines()[20]
    wire.send(_message(id=10, method="textDocument/hover", params={
        "textDocument": {"uri": document.as_uri()}, "position": {"line": 20, "character": line.index("14 projets") + 1}}))
    assert "region.projects.realised" in wire.response(10)["result"]["contents"]["value"]
    wire.send(_message(id=11, method="shutdown"))
    assert wire.response(11)["result"] is None
    wire.send(_message(method="exit"))
    assert wire.process.wait(TIMEOUT) == 0


def test_a_client_that_vanishes_ends_the_server(wire, tmp_path):
    _initialize(wire, tmp_path)
    wire.process.stdin.close()
    assert wire.process.wait(TIMEOUT) is not None
