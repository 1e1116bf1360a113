"""Stopping a run: Ctrl-C exits 130 with one line and leaves no worker; SIGTERM to the parent
stops the workers too.

A run over enough dossiers to start worker processes is started in a session of its own; the
test waits until its workers exist, signals it as a terminal would (Ctrl-C reaches the whole
foreground process group) or as a supervisor would (SIGTERM to the parent only), then looks in
/proc for any process of that group still alive.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc to see the workers")

SEEDS = REPO / "fixtures" / "seeds"
COPIES = 1500  # of each seed: several seconds of extraction on two workers


def _group(pgid: int) -> list[int]:
    """The live (not zombie) processes of a process group."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry))
    return members


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for seed in SEEDS.iterdir():
        if seed.suffix in (".md", ".txt"):
            data = seed.read_bytes()
            for number in range(COPIES):
                (folder / f"{number:04d}-{seed.name}").write_bytes(data)
    return folder


def _start(corpus: Path, jobs: int = 2) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-m", "cnr_lint", "--no-cache", "--jobs", str(jobs), "--format", "json",
                              "."], cwd=corpus, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             start_new_session=True, env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    deadline = time.monotonic() + 60
    while len(_group(child.pid)) < 1 + (jobs if jobs > 1 else 0):  # the parent and its workers
        if child.poll() is not None or time.monotonic() > deadline:
            child.kill()
            pytest.fail(f"the workers never started (exit {child.poll()}): {child.stderr.read()}")
        time.sleep(0.02)
    time.sleep(0.3 if jobs > 1 else 1.5)  # the workers are extracting (or, alone, the parent)
    return child


def _wait_for_empty_group(pgid: int, seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while _group(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _group(pgid)
    for pid in left:  # do not leave them to the next tests
        os.kill(pid, signal.SIGKILL)
    return left


def test_ctrl_c_exits_130_with_one_line_and_no_worker_left(corpus):
    child = _start(corpus)
    os.killpg(child.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert stderr == "cnr-lint: interrupted\n"
    assert _wait_for_empty_group(child.pid) == []


def test_sigterm_to_the_parent_stops_the_workers(corpus):
    child = _start(corpus)
    os.kill(child.pid, signal.SIGTERM)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 128 + signal.SIGTERM, stderr
    assert "Traceback" not in stderr, stderr
    assert _wait_for_empty_group(child.pid) == []


def test_ctrl_c_without_workers_exits_130_with_one_line(corpus):
    child = _start(corpus, jobs=1)
    os.killpg(child.pid, signal.SIGINT)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert stderr == "cnr-lint: interrupted\n"
