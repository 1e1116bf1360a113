#!/usr/bin/env python3
"""How long `cnr-lint server` takes to answer an edit, in a workspace of N dossiers.

    python bench/lsp_latency.py [--size 1000] [--edits 40] [--python PATH] [--keep DIR]

Writes bench/run.py's synthetic corpus of N dossiers (groups of six sharing a campaign and a
region), starts `cnr-lint server` in it over stdio, opens one dossier, then edits it --edits
times, each edit a whole new text that changes one regional figure, and measures, from the
moment the edit is sent to the moment the diagnostics of that dossier arrive:

    change -> diagnostics   median and 95th percentile; the target is under 300 ms at 1,000
    round-trip floor        the same server answering a request that does no work (a hover on
                            a blank line), measured in the same run: what the pipe and the
                            protocol cost by themselves

and, once, the time from `initialized` to the first diagnostics (the workspace loaded through the
cache: a cold start, then a warm one). Standard library only; exits 1 when the median is over
the target.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_MS = 300.0
_MEETINGS = re.compile(r"(\d+) réunions")
TIMEOUT = 120


def _frame(payload: dict) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", **payload}).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Wire:
    """A minimal LSP client over a server's stdin and stdout: send messages, read them back."""

    def __init__(self, argv: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.buffer = b""
        self.next_id = 0

    def send_bytes(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send_bytes(_frame({"method": method, "params": params}))

    def request(self, method: str, params: dict | None = None) -> dict:
        self.next_id += 1
        self.send_bytes(_frame({"id": self.next_id, "method": method, **({"params": params} if params is not None else {})}))
        return self.response(self.next_id)

    def _read_some(self, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the server said nothing in time")
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], remaining)
        if ready:
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise EOFError("the server closed its output")
            self.buffer += chunk

    def receive(self) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            header_end = self.buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                headers = dict(line.split(": ", 1) for line in self.buffer[:header_end].decode("ascii").split("\r\n"))
                start = header_end + 4
                end = start + int(headers["Content-Length"])
                if len(self.buffer) >= end:
                    body, self.buffer = self.buffer[start:end], self.buffer[end:]
                    return json.loads(body)
            self._read_some(deadline)

    def response(self, request_id: int) -> dict:
        while True:
            message = self.receive()
            if message.get("id") == request_id and "method" not in message:
                return message

    def diagnostics(self, uri: str) -> list[dict]:
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]

    def initialize(self, root: Path) -> dict:
        answer = self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        return answer

    def close(self) -> int:
        self.request("shutdown")
        self.notify("exit", {})
        return self.process.wait(TIMEOUT)


def _bench_run():
    spec = importlib.util.spec_from_file_location("cnr_bench_run", HERE / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _open_and_wait(wire: Wire, path: Path) -> tuple[float, list[dict]]:
    started = time.perf_counter()
    wire.notify("textDocument/didOpen", {"textDocument": {
        "uri": path.as_uri(), "languageId": "markdown", "version": 1, "text": path.read_text(encoding="utf-8")}})
    found = wire.diagnostics(path.as_uri())
    return time.perf_counter() - started, found


def session(python: str, corpus: Path, target: Path, edits: int) -> dict:
    wire = Wire([python, "-m", "cnr_lint", "server"], corpus)
    wire.initialize(corpus)
    opened, first = _open_and_wait(wire, target)
    text = target.read_text(encoding="utf-8")
    lines = text.split("\n")
    blank = next(number for number, line in enumerate(lines) if not line.strip())
    floor, latency = [], []
    for edit in range(edits):
        started = time.perf_counter()
        wire.request("textDocument/hover", {"textDocument": {"uri": target.as_uri()}, "position": {"line": blank, "character": 0}})
        floor.append(time.perf_counter() - started)
        # Every other edit states the region's meetings one higher (a new conflict with the group),
        # the others give the agreement back; each also adds a line, as typing does.
        edited = text if edit % 2 else _MEETINGS.sub(lambda m: f"{int(m[1]) + 1} réunions", text, count=1)
        edited = edited.replace("\n", f"\n<!-- édition {edit} -->\n", 1)
        started = time.perf_counter()
        wire.notify("textDocument/didChange", {
            "textDocument": {"uri": target.as_uri(), "version": edit + 2},
            "contentChanges": [{"text": edited}]})
        wire.diagnostics(target.as_uri())
        latency.append(time.perf_counter() - started)
    code = wire.close()
    return {"opened": opened, "first": first, "floor": floor, "latency": latency, "exit": code}


def _ms(seconds: float) -> str:
    return f"{1000 * seconds:8.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="dossiers in the workspace")
    parser.add_argument("--edits", type=int, default=40, help="edits measured")
    parser.add_argument("--python", default=sys.executable, help="the Python where cnr-lint is installed")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it (outside any git repository)")
    arguments = parser.parse_args(argv)
    run = _bench_run()
    with tempfile.TemporaryDirectory(prefix="cnr-lsp-bench-") as scratch:
        work = arguments.keep or Path(scratch)
        corpus = work / f"n{arguments.size}"
        groups, manifest = run.write_corpus(corpus, arguments.size, run.SEED)
        target = corpus / (manifest["drifted"][0] if manifest["drifted"] else run.file_name(groups[0].members[0]))
        import shutil

        shutil.rmtree(corpus / ".cnr_lint_cache", ignore_errors=True)
        cold = session(arguments.python, corpus, target, arguments.edits)
        warm = session(arguments.python, corpus, target, arguments.edits)
    latency = sorted(warm["latency"] + cold["latency"])
    floor = sorted(warm["floor"] + cold["floor"])
    median = statistics.median(latency)
    p95 = latency[int(0.95 * (len(latency) - 1))]
    floor_median = statistics.median(floor)
    print(f"cnr-lint server, {arguments.size:,} dossiers in the workspace, {len(latency)} edits of {target.name}")
    print(f"  open -> first diagnostics, cold cache  {_ms(cold['opened'])}  ({len(cold['first'])} diagnostics)")
    print(f"  open -> first diagnostics, warm cache  {_ms(warm['opened'])}")
    print(f"  round-trip floor (median)             {_ms(floor_median)}")
    print(f"  change -> diagnostics, median         {_ms(median)}  ({median / floor_median:.1f} x the floor)")
    print(f"  change -> diagnostics, 95th pct       {_ms(p95)}")
    verdict = median * 1000 <= TARGET_MS
    print(f"  target: median <= {TARGET_MS:.0f} ms  {'PASS' if verdict else 'FAIL'}; server exit codes {cold['exit']}, {warm['exit']}")
    return 0 if verdict and cold["exit"] == warm["exit"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
