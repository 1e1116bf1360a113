"""Hostile inputs: files and rule packs built to crash, hang or exhaust cnr-lint.

Every test runs the real command line: in this process through click's CliRunner where a crash
is the only risk, in a child process (`python -m cnr_lint`) where the risk is a hang or a memory
blow-up, so that the child can be timed, measured and stopped. A child that overruns its time
limit is sent SIGABRT first: with PYTHONFAULTHANDLER set it prints where it was stuck, and that
stack appears in the failure message.

What is expected of every hostile input (DESIGN.md §1): exit 0 or 1 with findings for a bad
dossier (an unreadable one is CNR001, never a crash), exit 2 with a message naming the file
(and the line) for a bad rule pack or option, never a traceback, always in bounded time and
memory, and the other files of the run still checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cnr_lint.cli import main
from cnr_lint.pack import BUILTIN_PACK_NAME, builtin_pack_dir

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "fixtures" / "seeds"
SEED_NAMES = ("bouches-du-rhone.txt", "hautes-alpes.md")
MEMORY_CAP = 2 * 1024**3  # address-space limit of every child: a blow-up fails, it does not swap


# -- helpers -------------------------------------------------------------------------------------


def cli(cwd: Path, *args: str):
    """`cnr-lint ARGS` in this process, from `cwd`; an exception escaping it fails the test."""
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(previous)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    maxrss_mb: float
    timed_out: bool
    raw_stdout: bytes = b""

    def describe(self) -> str:
        state = "TIMED OUT" if self.timed_out else f"exit {self.returncode}"
        return (
            f"{state} after {self.seconds:.1f} s, max RSS {self.maxrss_mb:.0f} MB\n"
            f"--- stdout (tail) ---\n{self.stdout[-2000:]}\n--- stderr (tail) ---\n{self.stderr[-4000:]}"
        )


def _limit_memory() -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


# `python -m cnr_lint`, writing at exit the peak memory of its own process (VmHWM, in KiB).
# os.wait4's ru_maxrss would not do: a child forked from this test process starts with this
# process's resident pages, and Linux keeps that high-water mark across exec, so it would be
# the peak of pytest, grown by every test run before, not the peak of cnr-lint.
_MEASURED = """
import atexit, os, runpy
def _peak():
    try:
        with open("/proc/self/status") as status, open(os.environ["CNR_LINT_TEST_PEAK"], "w") as out:
            out.write(next((line.split()[1] for line in status if line.startswith("VmHWM:")), ""))
    except OSError:
        pass
atexit.register(_peak)
runpy.run_module("cnr_lint", run_name="__main__", alter_sys=True)
"""


def run_process(cwd: Path, *args: str, timeout: float) -> Run:
    """`python -m cnr_lint ARGS` in a child: its exit code, output, wall time and peak memory.

    The peak memory is the child's own (its VmHWM at exit; os.wait4's when it did not exit
    normally), not that of every child this test process ever started, which
    resource.getrusage(RUSAGE_CHILDREN) would give.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r", suffix=".peak") as peak:
        env = dict(os.environ, NO_COLOR="1", PYTHONFAULTHANDLER="1", CNR_LINT_TEST_PEAK=peak.name)
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", _MEASURED, *args], cwd=cwd, stdout=out, stderr=err, env=env,
            stdin=subprocess.DEVNULL, preexec_fn=_limit_memory,
        )
        timed_out = threading.Event()
        finished = threading.Event()

        def watchdog() -> None:
            if finished.wait(timeout):
                return
            timed_out.set()
            os.kill(child.pid, signal.SIGABRT)  # faulthandler prints the stuck stack
            if not finished.wait(3):
                os.kill(child.pid, signal.SIGKILL)

        guard = threading.Thread(target=watchdog, daemon=True)
        guard.start()
        _, status, usage = os.wait4(child.pid, 0)  # the only reaper: the pid cannot be reused
        finished.set()
        guard.join()
        seconds = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        raw_stdout = out.read()
        own_peak = peak.read().strip()
        return Run(
            child.returncode,
            raw_stdout.decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            (int(own_peak) if own_peak.isdigit() else usage.ru_maxrss) / 1024,  # KiB on Linux
            timed_out.is_set(),
            raw_stdout,
        )


def no_traceback(*texts: str) -> bool:
    return not any("Traceback (most recent call last)" in t or "Fatal Python error" in t for t in texts)


def seeds_into(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in SEED_NAMES:
        shutil.copy(SEEDS / name, folder / name)
        (folder / name).chmod(0o644)
    return folder


def findings_of(stdout: str) -> list[dict]:
    return json.loads(stdout)["findings"]


def assert_seed_conflict_found(findings: list[dict]) -> None:
    """The two seeds' known CNR201 conflict is reported: the real dossiers were still checked.

    Each seed takes part in a CNR201 finding, as its place or as a related place (when a copy of
    a seed stands beside it, the seed agrees with the copy and only the other one is reported).
    """
    involved = set()
    for finding in findings:
        if finding["rule"] == "CNR201":
            involved.add(Path(finding["path"]).name)
            involved.update(Path(place["path"]).name for place in finding["related"])
    assert set(SEED_NAMES) <= involved, f"the seeds were not checked: {findings}"


def builtin_profile() -> dict:
    path = builtin_pack_dir() / BUILTIN_PACK_NAME / "profile.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_yaml(path: Path, data: dict) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")
    return text


def line_containing(text: str, fragment: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in the written file")


def reported_line(stderr: str, name: str) -> int | None:
    match = re.search(rf"{re.escape(name)}:(\d+)", stderr)
    return int(match.group(1)) if match else None


FRONT_MATTER = "---\nregion: Provence-Alpes-Côte d'Azur\ncampaign: 1 an après 2023\n---\n"


# -- unreadable and odd dossiers ------------------------------------------------------------------


def _random_binary(kind: str) -> bytes:
    data = os.urandom(64 * 1024)
    if kind == "raw":
        return data
    if kind == "no-nul":  # no NUL byte: the control-character test must catch it
        return data.replace(b"\x00", b"")
    # only high bytes: no control characters at all; neither UTF-8 nor cp1252 can decode it
    return bytes(b | 0x80 for b in data) + b"\x81"


@pytest.mark.parametrize("kind", ["raw", "no-nul", "high-bytes"])
def test_random_binary_named_md_is_cnr001_and_other_files_still_checked(tmp_path, kind):
    folder = seeds_into(tmp_path / "dossiers")
    (folder / "junk.md").write_bytes(_random_binary(kind))
    result = cli(tmp_path, "--no-cache", "--format", "json", "dossiers")
    assert result.exit_code == 1, result.output
    assert no_traceback(result.output)
    findings = findings_of(result.stdout)
    junk = [f for f in findings if f["path"].endswith("junk.md")]
    assert [f["rule"] for f in junk] == ["CNR001"], junk
    assert_seed_conflict_found(findings)

    text = cli(tmp_path, "--no-cache", "dossiers")
    assert re.search(r"^dossiers/junk\.md:\d+:\d+: CNR001 \[error\] ", text.stdout, re.M), text.output


def test_nul_byte_in_a_text_file_is_cnr001_at_its_line(tmp_path):
    folder = seeds_into(tmp_path / "dossiers")
    lines = (SEEDS / "hautes-alpes.md").read_bytes().split(b"\n")
    lines[19] = lines[19][:10] + b"\x00" + lines[19][10:]
    (folder / "nul.md").write_bytes(b"\n".join(lines))
    result = cli(tmp_path, "--no-cache", "--format", "json", "dossiers")
    assert result.exit_code == 1 and no_traceback(result.output), result.output
    findings = findings_of(result.stdout)
    nul = [f for f in findings if f["path"].endswith("nul.md")]
    assert [(f["rule"], f["line"]) for f in nul] == [("CNR001", 20)], nul
    assert_seed_conflict_found(findings)


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"\n\n\n", b"\r\n\r\n", b"\r\r", b"   \t  \n", b"\f\f\f", b"---\n---\n", b"<!-- -->"],
    ids=["empty", "bom-only", "newlines", "crlf-only", "cr-only", "blanks", "form-feeds", "empty-front-matter", "comment"],
)
@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_empty_or_blank_file_is_at_most_not_a_dossier(tmp_path, content, suffix):
    folder = seeds_into(tmp_path / "dossiers")
    (folder / f"empty{suffix}").write_bytes(content)
    result = cli(tmp_path, "--no-cache", "--format", "json", "dossiers")
    assert result.exit_code in (0, 1) and no_traceback(result.output), result.output
    findings = findings_of(result.stdout)
    assert {f["rule"] for f in findings if f["path"].endswith(f"empty{suffix}")} <= {"CNR002"}, findings
    assert_seed_conflict_found(findings)
    alone = cli(tmp_path, "--no-cache", f"dossiers/empty{suffix}")
    assert alone.exit_code in (0, 1) and no_traceback(alone.output), alone.output


def _facts(cwd: Path, path: str) -> dict:
    result = cli(cwd, "facts", "--format", "json", path)
    assert result.exit_code == 0 and no_traceback(result.output), result.output
    [facts] = json.loads(result.stdout)
    facts.pop("path")
    return facts


@pytest.mark.parametrize("seed", SEED_NAMES)
@pytest.mark.parametrize("ending", [b"\r\n", b"\r"], ids=["crlf", "lone-cr"])
def test_bom_with_crlf_reads_as_the_plain_file(tmp_path, seed, ending):
    """Same figures at the same lines and columns, and the same findings, as the LF original."""
    plain = seeds_into(tmp_path / "plain")
    converted = seeds_into(tmp_path / "converted")
    (converted / seed).write_bytes(b"\xef\xbb\xbf" + (SEEDS / seed).read_bytes().replace(b"\n", ending))
    assert _facts(tmp_path, f"converted/{seed}") == _facts(tmp_path, f"plain/{seed}")

    def located(folder: str) -> list[tuple]:
        result = cli(tmp_path, "--no-cache", "--format", "json", folder)
        assert result.exit_code == 1 and no_traceback(result.output), result.output
        return [
            (f["rule"], Path(f["path"]).name, f["line"], f["column"], f["end_line"], f["end_column"])
            for f in findings_of(result.stdout)
        ]

    assert located("converted") == located("plain")


@pytest.mark.parametrize("seed", SEED_NAMES)
@pytest.mark.parametrize("swap", [("i", "ı"), ("i", "İ"), ("s", "ſ")], ids=["dotless-i", "dotted-capital-i", "long-s"])
def test_letters_the_regex_engine_folds_read_as_their_plain_letters(tmp_path, seed, swap):
    """re.IGNORECASE matches "avrıl" and "mİllions"; what it matched must be understood the same."""
    plain = seeds_into(tmp_path / "plain")
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / seed).write_text((plain / seed).read_text(encoding="utf-8").replace(*swap), encoding="utf-8")

    def values(folder: str) -> list[tuple]:
        facts = _facts(tmp_path, f"{folder}/{seed}")
        return [(f["name"], f["low"], f["high"], f["line"], f["column"], f.get("as_of")) for f in facts["figures"]]

    assert values("odd") == values("plain")


@pytest.mark.parametrize(
    "name, body",
    [
        ("digits.md", "Au total " + "1" * 200_000 + " projets réalisés."),
        ("digits.txt", "Au total " + "1" * 200_000 + " projets réalisés."),
        ("groups.md", "Au total " + " ".join(["111"] * 66_667) + " projets réalisés."),
        ("decimals.txt", "Au total " + "1" * 100_000 + "," + "1" * 100_000 + " millions de projets réalisés."),
        ("dated.md", "Le " + "1" * 200_000 + " octobre 2022, " + "9" * 200_000 + " réunions de concertation."),
        ("table.md", "| Département | Projets |\n|---|---|\n| Hautes-Alpes | " + "1" * 200_000 + " |"),
        ("hundred-digits.md", "Au total " + "9" * 100 + " projets réalisés et " + "9" * 99 + " milliards d'euros."),
    ],
)
def test_a_200000_digit_number_neither_hangs_nor_crashes(tmp_path, name, body):
    folder = seeds_into(tmp_path / "dossiers")
    (folder / name).write_text(FRONT_MATTER + "# CNR santé dans les Hautes-Alpes : 1 an après\n\n" + body + "\n", encoding="utf-8")
    run = run_process(tmp_path, "--no-cache", "--format", "json", "dossiers", timeout=15)
    assert not run.timed_out and run.returncode in (0, 1) and no_traceback(run.stderr), run.describe()
    assert_seed_conflict_found(findings_of(run.stdout))


def _nested(kind: str, depth: int = 3000) -> str:
    if kind == "indented-list":  # each level indented under the previous item's text
        return "".join("  " * level + "- niveau\n" for level in range(depth))
    if kind == "one-line-list":
        return "- " * depth + "25 réunions de concertation\n"
    if kind == "ordered-list":
        return "".join("   " * level + "1. niveau\n" for level in range(depth))
    if kind == "blockquotes":
        return ">" * depth + " 25 réunions de concertation\n"
    return "> - " * depth + "25 réunions de concertation\n"  # quotes and lists mixed


@pytest.mark.parametrize("kind", ["indented-list", "one-line-list", "ordered-list", "blockquotes", "mixed"])
def test_markdown_nested_3000_levels_deep(tmp_path, kind):
    folder = seeds_into(tmp_path / "dossiers")
    (folder / "nested.md").write_text(_nested(kind), encoding="utf-8")
    run = run_process(tmp_path, "--no-cache", "--format", "json", "dossiers", timeout=30)
    assert not run.timed_out and run.returncode in (0, 1) and no_traceback(run.stderr), run.describe()
    assert_seed_conflict_found(findings_of(run.stdout))


def test_a_20_mb_file_completes_in_bounded_time(tmp_path):
    folder = seeds_into(tmp_path / "dossiers")
    seed = (SEEDS / "hautes-alpes.md").read_bytes()
    (folder / "huge.md").write_bytes(seed * (20_000_000 // len(seed) + 1))
    run = run_process(tmp_path, "--no-cache", "--format", "json", "dossiers", timeout=60)
    assert not run.timed_out and run.returncode in (0, 1) and no_traceback(run.stderr), run.describe()
    assert_seed_conflict_found(findings_of(run.stdout))


_SEED_TEXT = (SEEDS / "hautes-alpes.md").read_text(encoding="utf-8")
_MIDDLE = _SEED_TEXT.index("## Dans les Hautes-Alpes")


@pytest.mark.parametrize(
    "text",
    [
        "```\n" + _SEED_TEXT,
        _SEED_TEXT[:_MIDDLE] + "```python\n" + _SEED_TEXT[_MIDDLE:],
        "~~~~\n" + _SEED_TEXT,
        "**" + _SEED_TEXT,
        _SEED_TEXT[:_MIDDLE] + "**__*_ " + _SEED_TEXT[_MIDDLE:],
        "<!--\n" + _SEED_TEXT,
        _SEED_TEXT[:_MIDDLE] + "<!-- cnr-lint: disable CNR101\n" + _SEED_TEXT[_MIDDLE:],
        "<div>\n" + _SEED_TEXT,
        "---\nregion: [unclosed\n" + _SEED_TEXT,
        "---\n" + "x: 1\n" * 300 + "---\n" + _SEED_TEXT,
        "| a | b\n|---|\n" + _SEED_TEXT,
        "[lien](" + _SEED_TEXT,
        _SEED_TEXT + "\n\\",
    ],
    ids=["fence-top", "fence-middle", "tilde-fence", "bold", "mixed-emphasis", "comment-top",
         "suppression-comment", "html-block", "front-matter-unterminated-flow", "front-matter-unclosed",
         "table-broken", "link", "trailing-backslash"],
)
def test_unterminated_markdown(tmp_path, text):
    folder = seeds_into(tmp_path / "dossiers")
    (folder / "open.md").write_text(text, encoding="utf-8")
    result = cli(tmp_path, "--no-cache", "--format", "json", "dossiers")
    assert result.exit_code in (0, 1) and no_traceback(result.output), result.output
    assert_seed_conflict_found(findings_of(result.stdout))
    facts = cli(tmp_path, "facts", "--format", "json", "dossiers/open.md")
    assert facts.exit_code == 0 and no_traceback(facts.output), facts.output


def test_unclosed_bold_around_the_whole_dossier_keeps_its_figures(tmp_path):
    folder = seeds_into(tmp_path / "dossiers")
    (folder / "bold.md").write_text("**" + _SEED_TEXT, encoding="utf-8")
    assert _facts(tmp_path, "dossiers/bold.md")["figures"] == _facts(tmp_path, "dossiers/hautes-alpes.md")["figures"]


_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_front_matter_alias_bomb_in_a_dossier(tmp_path):
    """Front matter is YAML too: a billion laughs there must not hang the run or eat memory."""
    folder = seeds_into(tmp_path / "dossiers")
    front = _BOMB + "campaign: *i\nregion: *i\ndepartment: *i\npublished: *i\nas_of: *i\n"
    (folder / "bomb.md").write_text("---\n" + front + "---\n" + _SEED_TEXT, encoding="utf-8")
    run = run_process(tmp_path, "--no-cache", "--format", "json", "dossiers", timeout=20)
    assert not run.timed_out and run.returncode in (0, 1) and no_traceback(run.stderr), run.describe()
    assert run.maxrss_mb < 200, run.describe()
    assert_seed_conflict_found(findings_of(run.stdout))


def test_front_matter_nested_50000_deep(tmp_path):
    """A deeply nested flow collection in front matter: a finding at most, not a crashed run."""
    folder = seeds_into(tmp_path / "dossiers")
    depth = 50_000
    (folder / "deep.md").write_text("---\nregion: " + "[" * depth + "]" * depth + "\n---\n" + _SEED_TEXT, encoding="utf-8")
    run = run_process(tmp_path, "--no-cache", "--format", "json", "dossiers", timeout=20)
    assert not run.timed_out and run.returncode in (0, 1) and no_traceback(run.stderr), run.describe()
    assert_seed_conflict_found(findings_of(run.stdout))


def test_a_fifo_named_md_does_not_hang_the_run(tmp_path):
    """A named pipe in the tree (left by a tool, or planted) is not a dossier: never block on it."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    folder = seeds_into(tmp_path / "dossiers")
    os.mkfifo(folder / "pipe.md")
    run = run_process(tmp_path, "--no-cache", "--format", "json", "dossiers", timeout=15)
    assert not run.timed_out and run.returncode in (0, 1) and no_traceback(run.stderr), run.describe()
    assert_seed_conflict_found(findings_of(run.stdout))


def test_a_symlink_to_an_endless_device_does_not_exhaust_memory(tmp_path):
    """`zero.md -> /dev/zero`: reading it whole never ends; it is a CNR001, not a 2 GB read."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this platform")
    folder = seeds_into(tmp_path / "dossiers")
    (folder / "zero.md").symlink_to("/dev/zero")
    (folder / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    run = run_process(tmp_path, "--no-cache", "--format", "json", "dossiers", timeout=15)
    assert not run.timed_out and run.returncode == 1 and no_traceback(run.stderr), run.describe()
    assert run.maxrss_mb < 200, run.describe()
    findings = findings_of(run.stdout)
    for name in ("zero.md", "dangling.md"):
        assert [f["rule"] for f in findings if f["path"].endswith(name)] == ["CNR001"], findings
    assert_seed_conflict_found(findings)


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "junit"])
def test_a_file_name_that_is_not_utf8(tmp_path, output_format):
    """Zip archives from Windows leave cp1252 file names: every report format must survive them."""
    if sys.platform in ("win32", "darwin"):
        pytest.skip("file names are always Unicode on this platform")
    folder = seeds_into(tmp_path / "dossiers")
    try:
        with open(os.path.join(os.fsencode(folder), b"r\xe9sum\xe9.md"), "wb") as stream:
            stream.write(b"\x00binary")
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 names")
    run = run_process(tmp_path, "--no-cache", "--format", output_format, "dossiers", timeout=30)
    assert not run.timed_out and run.returncode == 1 and no_traceback(run.stderr), run.describe()
    if output_format in ("json", "sarif"):
        # JSON is UTF-8 (RFC 8259): a raw undecodable byte of the name makes the report unreadable
        json.loads(run.raw_stdout.decode("utf-8"))


# -- hostile rule packs and options ---------------------------------------------------------------


@pytest.mark.parametrize("where", ["rules", "config"])
def test_yaml_alias_bomb_pack_is_refused_fast_and_small(tmp_path, where):
    seeds_into(tmp_path / "dossiers")
    name = "bomb.yaml" if where == "rules" else ".cnr-lint.yaml"
    (tmp_path / name).write_text(_BOMB + ("rules: *i\n" if where == "rules" else "select: *i\n"), encoding="utf-8")
    args = ("--rules", name) if where == "rules" else ("--config", name)
    run = run_process(tmp_path, "--no-cache", *args, "dossiers", timeout=10)
    assert not run.timed_out and run.returncode == 2 and no_traceback(run.stderr), run.describe()
    assert name in run.stderr, run.describe()
    assert run.seconds < 10 and run.maxrss_mb < 200, run.describe()


# (pattern, adversarial sentence): each pattern may be refused at load time or must run in
# bounded time on its sentence, which is built to make a backtracking engine explode on it.
_REDOS = [
    ("(a+)+$ {n} x", "a" * 40 + "! 12 y"),
    (r"(\w|\w\w)* {n}", "a" * 40 + "! 12 y"),
    (r"(?:\w+\s?)+ {n} x", "aa " * 30 + "! 12 y"),
    (r"(?:(?:a{1,99}){1,99}){1,99}x {n}", "a" * 40 + " 12 y"),
    (r"(?:a|aa){1,100}x {n}", "a" * 60 + " 12 y"),
    (r"(?:.*){1,100}x {n}", "b" * 200 + " 12 y"),
    (r"[\s\S]*[\s\S]*[\s\S]*[\s\S]*[\s\S]*x {n}", "b" * 300 + " 12 y"),
    (r"\w*\w*\w*\w*\w*\w*\w*\w*z {n}", "a" * 60 + " 12 y"),
]


# Figure patterns with every sentence; list patterns (validated by the same code) with two.
_REDOS_CASES = [("figures", p, s) for p, s in _REDOS] + [("lists", *_REDOS[0]), ("lists", *_REDOS[6])]


@pytest.mark.parametrize("field, pattern, sentence", _REDOS_CASES, ids=[f"{f}:{p}" for f, p, _ in _REDOS_CASES])
def test_catastrophic_pattern_is_refused_or_bounded(tmp_path, field, pattern, sentence):
    pack = builtin_profile()
    if field == "figures":
        pack["profile"]["figures"][0]["patterns"] = [pattern]
    else:
        pack["profile"]["lists"][0]["stated"] = [pattern]
    text = write_yaml(tmp_path / "redos.yaml", pack)
    folder = seeds_into(tmp_path / "dossiers")
    (folder / "evil.md").write_text(
        FRONT_MATTER + "# CNR santé dans les Hautes-Alpes : 1 an après\n\n" + sentence + "\n\n## Dans les Hautes-Alpes\n\n"
        + sentence + "\n", encoding="utf-8",
    )
    run = run_process(tmp_path, "--no-cache", "--rules", "redos.yaml", "dossiers", timeout=8)
    assert not run.timed_out and no_traceback(run.stderr), run.describe()
    if run.returncode == 2:  # refused: the message names the file and the line of the pattern
        line = reported_line(run.stderr, "redos.yaml")
        pattern_line = line_containing(text, pattern[:8])
        assert line is not None and pattern_line - 5 <= line <= pattern_line, (pattern_line, run.describe())
    else:
        assert run.returncode in (0, 1), run.describe()


@pytest.mark.parametrize("field", ["title", "department_section"])
def test_polynomial_block_pattern_is_refused_or_bounded(tmp_path, field):
    """Block patterns (title, sections) run on every heading or paragraph: same demand."""
    pattern = r"[\s\S]*[\s\S]*[\s\S]*[\s\S]*[\s\S]*x$"
    pack = builtin_profile()
    pack["profile"][field] = [pattern]
    text = write_yaml(tmp_path / "redos.yaml", pack)
    folder = seeds_into(tmp_path / "dossiers")
    (folder / "evil.md").write_text("# " + "b" * 400 + "\n\n" + "b" * 400 + "\n", encoding="utf-8")
    run = run_process(tmp_path, "--no-cache", "--rules", "redos.yaml", "dossiers", timeout=8)
    assert not run.timed_out and no_traceback(run.stderr), run.describe()
    if run.returncode == 2:
        line = reported_line(run.stderr, "redos.yaml")
        pattern_line = line_containing(text, "[\\s\\S]*")
        assert line is not None and pattern_line - 2 <= line <= pattern_line, (pattern_line, run.describe())
    else:
        assert run.returncode in (0, 1), run.describe()


def _pack_with(tmp_path: Path, edit) -> tuple[str, str]:
    pack = builtin_profile()
    edit(pack["profile"]["qualifiers"])
    return "numbers.yaml", write_yaml(tmp_path / "numbers.yaml", pack)


@pytest.mark.parametrize(
    "edit, key",
    [
        (lambda q: q["round_nouns"].update(dizaine=[-5, 10]), "round_nouns"),
        (lambda q: q["round_nouns"].update(dizaine=[0, 1e30]), "round_nouns"),
        (lambda q: q["round_nouns"].update(dizaine=[0, 10**40]), "round_nouns"),
        (lambda q: q["round_nouns"].update(dizaine=[12, 8]), "round_nouns"),
        (lambda q: q["round_nouns"].update(dizaine=[0, float("inf")]), "round_nouns"),
        (lambda q: q["round_nouns"].update(dizaine=[float("nan"), 3]), "round_nouns"),
        (lambda q: q["round_nouns"].update(dizaine=[1, 2, 3]), "round_nouns"),
        (lambda q: q["round_nouns"].update(dizaine="beaucoup"), "round_nouns"),
        (lambda q: q["approximately"].update(share=5), "share"),
        (lambda q: q["approximately"].update(share=-0.5), "share"),
        (lambda q: q["approximately"].update(share=float("nan")), "share"),
        (lambda q: q["approximately"].update(share=float("inf")), "share"),
        (lambda q: q["more_than"].update(share=1e308), "share"),
    ],
    ids=["negative", "1e30", "10**40", "reversed", "inf", "nan", "three", "string",
         "share-5", "share-negative", "share-nan", "share-inf", "share-1e308"],
)
def test_out_of_range_numbers_in_a_pack(tmp_path, edit, key):
    seeds_into(tmp_path / "dossiers")
    name, _ = _pack_with(tmp_path, edit)
    result = cli(tmp_path, "--no-cache", "--rules", name, "dossiers")
    assert result.exit_code == 2 and no_traceback(result.output), result.output
    assert re.search(rf"{re.escape(name)}:\d+", result.stderr), result.output
    assert key in result.stderr, result.output


_RULE = """\
rules:
  - code: XYZ001
    name: my-rule
    severity: error
    kind: {kind}
    params:
      scope: region
      figures: [region.meetings]
    summary: the meetings figure differs
    message: "{message}"
"""


def test_misspelt_check_kind_names_file_line_and_suggests(tmp_path):
    seeds_into(tmp_path / "dossiers")
    (tmp_path / "mine.yaml").write_text(_RULE.format(kind="agreemnt", message="{text}"), encoding="utf-8")
    result = cli(tmp_path, "--no-cache", "--rules", "mine.yaml", "dossiers")
    assert result.exit_code == 2 and no_traceback(result.output), result.output
    assert "mine.yaml:5" in result.stderr, result.output
    assert '"agreement"' in result.stderr, result.output


def test_misspelt_rule_key_and_message_field_are_suggested(tmp_path):
    seeds_into(tmp_path / "dossiers")
    (tmp_path / "key.yaml").write_text(
        _RULE.format(kind="agreement", message="{text}").replace("severity:", "severty:"), encoding="utf-8"
    )
    result = cli(tmp_path, "--no-cache", "--rules", "key.yaml", "dossiers")
    assert result.exit_code == 2 and no_traceback(result.output), result.output
    assert "key.yaml:" in result.stderr and '"severity"' in result.stderr, result.output

    (tmp_path / "field.yaml").write_text(_RULE.format(kind="agreement", message="{txet}"), encoding="utf-8")
    result = cli(tmp_path, "--no-cache", "--rules", "field.yaml", "dossiers")
    assert result.exit_code == 2 and no_traceback(result.output), result.output
    assert "field.yaml:" in result.stderr and '"text"' in result.stderr, result.output


@pytest.mark.parametrize(
    "content, bad_line",
    [
        ("rules:\n  - code: XYZ001\n    name: [unclosed\n    severity: error\n", 3),
        ("rules:\n  - code: XYZ001\n\tname: tab\n", 3),
        ("rules: {\n", 1),
        ("rules:\n  - code: 'XYZ001\n", 2),
        ("rules:\n- a\n b: c\n", 2),
        ("rules: !!python/object/apply:os.system ['echo pwned']\n", 1),
        ("rules: []\n---\nrules: []\n", 3),
    ],
    ids=["unclosed-flow", "tab", "unclosed-mapping", "unclosed-quote", "bad-indent", "python-tag", "two-documents"],
)
def test_broken_yaml_pack_names_file_and_line(tmp_path, content, bad_line):
    seeds_into(tmp_path / "dossiers")
    (tmp_path / "broken.yaml").write_text(content, encoding="utf-8")
    result = cli(tmp_path, "--no-cache", "--rules", "broken.yaml", "dossiers")
    assert result.exit_code == 2 and no_traceback(result.output), result.output
    assert "pwned" not in result.output
    line = reported_line(result.stderr, "broken.yaml")
    assert line is not None and 1 <= line <= content.count("\n") + 1, result.output
    assert abs(line - bad_line) <= 1, result.output


def test_a_key_given_twice_in_a_pack_names_file_line_and_key(tmp_path):
    """YAML silently keeps the last of two equal keys: the pack author meant one of them."""
    seeds_into(tmp_path / "dossiers")
    text = _RULE.format(kind="agreement", message="{text}").replace("    severity:", "    name: other-name\n    severity:")
    (tmp_path / "twice.yaml").write_text(text, encoding="utf-8")
    result = cli(tmp_path, "--no-cache", "--rules", "twice.yaml", "dossiers")
    assert result.exit_code == 2 and no_traceback(result.output), result.output
    assert reported_line(result.stderr, "twice.yaml") == line_containing(text, "other-name"), result.output
    assert "name" in result.stderr and "twice" in result.stderr, result.output


@pytest.mark.parametrize("where", ["rules", "config"])
def test_a_pack_nested_50000_deep_is_refused_fast_with_its_line(tmp_path, where):
    seeds_into(tmp_path / "dossiers")
    name = "deep.yaml" if where == "rules" else ".cnr-lint.yaml"
    key = "rules" if where == "rules" else "select"
    (tmp_path / name).write_text(f"{key}:\n  - " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    args = ("--rules", name) if where == "rules" else ("--config", name)
    run = run_process(tmp_path, "--no-cache", *args, "dossiers", timeout=10)
    assert not run.timed_out and run.returncode == 2 and no_traceback(run.stderr), run.describe()
    assert "nested too deeply" in run.stderr and reported_line(run.stderr, name) == 2, run.describe()


def test_a_figure_stated_thousands_of_times_gives_bounded_related_places(tmp_path):
    """One dossier repeating its figures 400 times: the dossier that disagrees with it is reported
    once per statement, each finding naming at most 20 other places and how many more there are."""
    folder = seeds_into(tmp_path / "dossiers")
    (folder / "repeated.md").write_text(_SEED_TEXT * 400, encoding="utf-8")
    run = run_process(tmp_path, "--no-cache", "--format", "json", "dossiers", timeout=60)
    assert not run.timed_out and run.returncode == 1 and no_traceback(run.stderr), run.describe()
    findings = findings_of(run.stdout)
    assert_seed_conflict_found(findings)
    assert all(len(f["related"]) <= 20 for f in findings), max(len(f["related"]) for f in findings)
    capped = [f for f in findings if f["rule"] == "CNR201" and re.search(r"; and \d+ more$", f["message"])]
    assert capped, [f["message"] for f in findings if f["rule"] == "CNR201"]
    for finding in capped:  # the seed that agrees with the repeated one is among the places shown
        assert {"hautes-alpes.md", "repeated.md"} <= {Path(p["path"]).name for p in finding["related"]}, finding


@pytest.mark.parametrize("content", [b"\xff\xfe\x00r", b"rules: [\x00]\n", b""], ids=["utf16", "nul", "empty"])
def test_undecodable_or_empty_pack_is_a_usage_error(tmp_path, content):
    seeds_into(tmp_path / "dossiers")
    (tmp_path / "odd.yaml").write_bytes(content)
    result = cli(tmp_path, "--no-cache", "--rules", "odd.yaml", "dossiers")
    assert result.exit_code == 2 and no_traceback(result.output), result.output
    assert "odd.yaml" in result.stderr, result.output


@pytest.mark.parametrize(
    "option, value, suggestion",
    [("--select", "CNR999", None), ("--select", "CNR2O1", "CNR201"), ("--ignore", "CNR1O1", "CNR101"),
     ("--extend-select", "CRN201", "CNR201"), ("--select", "CNR201,CNR999", None)],
)
def test_unknown_rule_code_in_options(tmp_path, option, value, suggestion):
    seeds_into(tmp_path / "dossiers")
    result = cli(tmp_path, "--no-cache", option, value, "dossiers")
    assert result.exit_code == 2 and no_traceback(result.output), result.output
    # a suggestion only for a code one slip away: CNR999 is close to no code
    hint = f'(did you mean "{suggestion}"?)' if suggestion else None
    assert (hint in result.stderr) if hint else "did you mean" not in result.stderr, result.output
    explain = cli(tmp_path, "explain", value.split(",")[-1])
    assert explain.exit_code == 2, explain.output
    assert (hint in explain.stderr) if hint else "did you mean" not in explain.stderr, explain.output


# -- a lint run is read-only ---------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    state = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if relative.split("/")[0] == ".cnr_lint_cache":
            continue
        if path.is_file():
            state[relative] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        else:
            state[relative] = ("folder", 0)
    return state


@pytest.mark.parametrize("inside", [True, False], ids=["run-inside-the-dossier-folder", "run-from-its-parent"])
def test_a_lint_run_never_writes_to_a_dossier(tmp_path, inside):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    for path in folder.iterdir():
        path.chmod(0o644)
    sub = folder / "sub"
    sub.mkdir()
    (sub / "broken.md").write_bytes(b"\xef\xbb\xbf" + (SEEDS / "hautes-alpes.md").read_bytes().replace(b"\n", b"\r\n")[:3000])
    (sub / "cp1252.txt").write_bytes((SEEDS / "bouches-du-rhone.txt").read_text(encoding="utf-8").encode("cp1252", "replace"))
    before = _snapshot(folder)
    cwd, target = (folder, ".") if inside else (tmp_path, "seeds")
    commands = [
        (target,), ("--format", "json", target), ("--format", "sarif", target), ("--format", "github", target),
        ("--format", "junit", target), (f"{target}/hautes-alpes.md",), (f"{target}/hautes-alpes.md",),
        ("facts", f"{target}/hautes-alpes.md", f"{target}/bouches-du-rhone.txt"),
        ("facts", "--format", "json", target), ("rules",), ("explain", "CNR201"),
    ]
    for args in commands:
        result = cli(cwd, *args)
        assert result.exit_code in (0, 1) and no_traceback(result.output), (args, result.output)
    after = _snapshot(folder)
    assert after == before
    extra = {p.name for p in folder.iterdir()} - {p.split("/")[0] for p in before}
    assert extra <= {".cnr_lint_cache"}, extra
