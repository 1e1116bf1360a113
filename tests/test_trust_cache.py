"""The cache in the working tree can be written by anyone (issue 9, items 2, 5, 6, 7 and 10).

No cache file runs code when read; a symlinked cache folder is never followed; only files cnr-lint
names are deleted; writes are atomic even when the disk fills up; an edit that keeps size and
modification time is seen; a damaged cache of any kind is said once on stderr and rebuilt.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cnr_lint.cache import CACHE_FOLDER, Cache, Entry, signature
from cnr_lint.read import file_digest
from test_hostile import REPO, assert_seed_conflict_found, cli, findings_of, no_traceback, run_process, seeds_into

WARNING = "cnr-lint: warning: the cache: "


def lint(cwd: Path, *args: str, timeout: float = 60):
    return run_process(cwd, "--format", "json", *args, "dossiers", timeout=timeout)


def primed(tmp_path: Path) -> tuple[Path, str]:
    """Seeds in tmp_path/dossiers, linted once: the cache folder and the reference JSON report."""
    seeds_into(tmp_path / "dossiers")
    first = lint(tmp_path)
    assert first.returncode == 1 and not first.stderr, first.describe()
    return tmp_path / CACHE_FOLDER, first.stdout


def index_of(cache: Path) -> Path:
    (index,) = cache.glob("*.index")
    return index


def dossiers_of(cache: Path) -> Path:
    (dossiers,) = cache.glob("*.dossiers")
    return dossiers


def test_cache_files_are_json_and_the_folder_is_tagged(tmp_path):
    cache, _ = primed(tmp_path)
    assert sorted(p.name for p in cache.iterdir() if p.name.startswith((".", "C"))) == [".gitignore", "CACHEDIR.TAG"]
    assert (cache / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    document = json.loads(index_of(cache).read_bytes())
    entries = document["entries"]
    assert document["format"] == 7 and entries["path"] == ["dossiers/bouches-du-rhone.txt", "dossiers/hautes-alpes.md"]
    blob = dossiers_of(cache).read_bytes()
    for path, offset, length in zip(entries["path"], entries["offset"], entries["length"]):
        assert json.loads(blob[offset:offset + length])["Dossier"][0] == path


class _Planted:
    def __reduce__(self):
        return os.system, ("touch PWNED",)


@pytest.mark.parametrize("where", ["index", "dossiers"])
def test_a_committed_pickle_in_the_cache_runs_no_code(tmp_path, where):
    """A `.cnr_lint_cache/*.index` from a pull request: before, unpickling it ran `touch PWNED`."""
    cache, reference = primed(tmp_path)
    target = index_of(cache) if where == "index" else dossiers_of(cache)
    target.write_bytes(pickle.dumps({"format": 6, "entries": _Planted()}))
    (tmp_path / "dossiers" / "hautes-alpes.md").touch()  # its dossier is fetched from the cache file again
    run = lint(tmp_path)
    assert not (tmp_path / "PWNED").exists()
    assert run.returncode == 1 and no_traceback(run.stderr) and run.stdout == reference, run.describe()
    assert run.stderr.count(WARNING) == 1 and "damaged" in run.stderr, run.describe()


def test_a_symlinked_cache_folder_is_neither_followed_nor_emptied(tmp_path):
    seeds_into(tmp_path / "dossiers")
    elsewhere = tmp_path / "precious"
    elsewhere.mkdir()
    names = ["a.tmp", "x.index", "notes.dossiers", "0.1.0-0123456789abcdef.index",
             ".0.1.0-0123456789abcdef.index.0123456789ab.tmp"]
    for name in names:
        (elsewhere / name).write_text(f"kept {name}\n", encoding="utf-8")
    (tmp_path / CACHE_FOLDER).symlink_to(elsewhere, target_is_directory=True)
    run = lint(tmp_path)
    assert run.returncode == 1 and no_traceback(run.stderr), run.describe()
    assert_seed_conflict_found(findings_of(run.stdout))
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted(names)
    assert all((elsewhere / n).read_text(encoding="utf-8") == f"kept {n}\n" for n in names)
    assert run.stderr.count(WARNING) == 1 and "symbolic link" in run.stderr, run.describe()


def test_only_files_cnr_lint_names_are_deleted(tmp_path):
    cache, reference = primed(tmp_path)
    foreign = ["notes.txt", "my.index", "backup.dossiers", "x.tmp", "0.1.0-e59a.index"]
    for name in foreign:
        (cache / name).write_text("mine\n", encoding="utf-8")
    stale = ["0.0.9-0123456789abcdef.index", "0.0.9-0123456789abcdef-0123456789ab.dossiers",
             ".0.0.9-0123456789abcdef.index.0123456789ab.tmp"]
    for name in stale:
        (cache / name).write_text("{}", encoding="utf-8")
    (tmp_path / "dossiers" / "hautes-alpes.md").touch()  # the run writes the cache again
    run = lint(tmp_path)
    assert run.stdout == reference and not run.stderr, run.describe()
    left = {p.name for p in cache.iterdir()}
    assert set(foreign) <= left and not set(stale) & left, left


def _limited_run(cwd: Path, limit: int, *args: str) -> subprocess.CompletedProcess:
    """cnr-lint in a child that cannot write a file past `limit` bytes, as on a full disk (EFBIG)."""

    def limit_writes() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "cnr_lint", *args], cwd=cwd, capture_output=True, text=True,
                          preexec_fn=limit_writes, env=dict(os.environ, NO_COLOR="1"), timeout=60)


def test_a_full_disk_leaves_the_previous_cache_and_no_temporary_file(tmp_path):
    cache, reference = primed(tmp_path)
    before = {p.name: p.read_bytes() for p in cache.iterdir()}
    largest = max(len(data) for data in before.values())
    (tmp_path / "dossiers" / "hautes-alpes.md").touch()
    run = _limited_run(tmp_path, largest // 2, "--format", "text", "dossiers")
    assert run.returncode == 1 and no_traceback(run.stderr) and "CNR201" in run.stdout, run.stderr
    assert {p.name: p.read_bytes() for p in cache.iterdir()} == before
    assert lint(tmp_path).stdout == reference


def test_an_edit_that_keeps_size_and_modification_time_is_seen(tmp_path):
    """`touch -r`: the status-change time moves, and the cache compares it as git's index does."""
    cache, reference = primed(tmp_path)
    victim = tmp_path / "dossiers" / "hautes-alpes.md"
    before = victim.stat()
    data = victim.read_bytes()
    edited = data.replace(b"14 projets r\xc3\xa9alis\xc3\xa9s", b"11 projets r\xc3\xa9alis\xc3\xa9s")
    edited = edited.replace(b"27 projets en cours", b"30 projets en cours")
    assert edited != data and len(edited) == len(data)
    victim.write_bytes(edited)
    os.utime(victim, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert victim.stat().st_mtime_ns == before.st_mtime_ns and victim.stat().st_size == before.st_size
    warm, cold = lint(tmp_path), lint(tmp_path, "--no-cache")
    assert warm.stdout == cold.stdout != reference, warm.describe()


def test_a_racily_clean_entry_is_confirmed_by_its_hash(tmp_path):
    """A file changed as late as the index was written may have unchanged status: it is hashed."""
    path = tmp_path / "a.md"
    path.write_text("12 réunions\n", encoding="utf-8")
    cache = Cache(tmp_path, "0" * 16)
    status = signature(path)
    right = Entry(status, file_digest(path), None, None, (), 0, 0)
    wrong = right._replace(digest="0" * 32)
    for written_ns, entry, expected in [
        (0, right, right),  # racy: hashed, same content
        (0, wrong, None),  # racy: hashed, other content
        (max(status.mtime_ns, status.ctime_ns) + 1, wrong, wrong),  # written after the change: not hashed
    ]:
        cache.entries[str(path)], cache._written_ns = entry, written_ns
        assert cache.fresh(str(path), status) == expected


def _damage(cache: Path, kind: str) -> None:
    index, dossiers = index_of(cache), dossiers_of(cache)
    data = index.read_bytes()
    document = json.loads(data)
    if kind == "zero-length":
        index.write_bytes(b"")
    elif kind == "truncated":
        index.write_bytes(data[: len(data) // 2])
    elif kind == "random":
        index.write_bytes(os.urandom(len(data)))
    elif kind == "not-json-utf8":
        index.write_bytes(b"\xff\xfe" + data)
    elif kind == "wrong-shape":
        index.write_text(json.dumps([1, 2, 3]), encoding="utf-8")
    elif kind == "wrong-entries":
        document["entries"]["size"] = ["x"] * len(document["entries"]["size"])
        index.write_text(json.dumps(document), encoding="utf-8")
    elif kind == "wrong-results":
        document["results"] = {key: '{"Span":[1,2,3,4]}' for key in document["results"]}
        index.write_text(json.dumps(document), encoding="utf-8")
    elif kind == "unknown-type":
        document["pack"] = '{"os.system":["touch PWNED"]}'
        index.write_text(json.dumps(document), encoding="utf-8")
    elif kind == "deep-json":
        index.write_bytes(b"[" * 200_000 + b"]" * 200_000)
    elif kind == "fifo":
        index.unlink()
        os.mkfifo(index)
    elif kind == "index-folder":
        index.unlink()
        index.mkdir()
    elif kind == "dossiers-truncated":
        dossiers.write_bytes(dossiers.read_bytes()[:100])
    elif kind == "dossiers-random":
        dossiers.write_bytes(os.urandom(dossiers.stat().st_size))
    elif kind == "dossiers-missing":
        dossiers.unlink()
    else:
        raise AssertionError(kind)


DAMAGE = ["zero-length", "truncated", "random", "not-json-utf8", "wrong-shape", "wrong-entries", "wrong-results",
          "unknown-type", "deep-json", "fifo", "index-folder", "dossiers-truncated", "dossiers-random",
          "dossiers-missing"]


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_cache_is_said_once_ignored_and_rebuilt(tmp_path, kind):
    """In this process (faster), but for the FIFO, which would hang a run that opened it."""
    seeds_into(tmp_path / "dossiers")
    first = cli(tmp_path, "--format", "json", "dossiers")
    assert first.exit_code == 1 and not first.stderr, first.output
    reference = first.stdout
    _damage(tmp_path / CACHE_FOLDER, kind)
    # One dossier edited: the checks run again, on the other one's dossier from the dossiers file.
    with open(tmp_path / "dossiers" / "hautes-alpes.md", "ab") as stream:
        stream.write(b"\n")  # a blank line at the end: the same findings
    if kind == "fifo":
        run = lint(tmp_path, timeout=20)
        assert not run.timed_out, run.describe()
        code, stdout, stderr = run.returncode, run.stdout, run.stderr
    else:
        result = cli(tmp_path, "--format", "json", "dossiers")
        code, stdout, stderr = result.exit_code, result.stdout, result.stderr
    assert code == 1 and no_traceback(stderr) and stdout == reference, stderr
    assert not (tmp_path / "PWNED").exists()
    assert stderr.count(WARNING) == 1 and len(stderr.splitlines()) == 1, stderr
    if kind != "index-folder":  # a folder in its place cannot be replaced: said again each run
        again = cli(tmp_path, "--format", "json", "dossiers")
        assert again.stdout == reference and not again.stderr, again.output


def test_the_cache_format_rebuilds_packs_and_dossiers_as_they_were():
    from cnr_lint import codec
    from cnr_lint.pack import load_packs
    from cnr_lint.pipeline import Context, load_dossier

    from cnr_lint.engine import DOSSIER_SUFFIXES

    pack = load_packs()
    assert codec.loads(codec.dumps(pack)) == pack
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    files = [p for p in sorted(fixtures.rglob("*")) if p.suffix.lower() in DOSSIER_SUFFIXES]
    kinds = set()
    for path in files:
        dossier = load_dossier(path, str(path), Context(pack))
        assert codec.loads(codec.dumps(dossier)) == dossier, path
        kinds.update(type(value).__name__ for value in (*dossier.figures, *dossier.lists, *dossier.dates,
                                                        *dossier.totals))
    assert {"Figure", "EntryList", "DateMention", "TableTotal"} <= kinds and len(files) > 50


@pytest.mark.parametrize("document", [
    '{"os.system": ["touch PWNED"]}', '{"subprocess.Popen": [["sh"]]}', '{"__import__": ["os"]}',
    '{"Span": [1, 2]}', '{"Span": [1, 2, 3, 4], "Figure": []}', '{"dict": [[1]]}', '{"Span": 5}', '[1, 2',
])
def test_the_cache_format_refuses_any_other_shape(document):
    from cnr_lint import codec

    with pytest.raises(codec.Damaged):
        codec.loads(document)


def test_the_cache_format_stores_only_its_own_types():
    from cnr_lint import codec

    with pytest.raises(TypeError):
        codec.dumps((1, _Planted()))


def test_a_new_build_of_the_same_version_starts_a_new_cache(tmp_path):
    """A pre-commit `rev` moved to a newer commit keeps the version: its findings must be its own."""
    build = tmp_path / "build"
    shutil.copytree(REPO / "cnr_lint", build / "cnr_lint", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "rules", build / "rules")
    seeds_into(tmp_path / "dossiers")

    def messages() -> list[str]:
        run = subprocess.run([sys.executable, "-m", "cnr_lint", "--format", "json", "dossiers"], cwd=tmp_path,
                             env=dict(os.environ, PYTHONPATH=str(build)), capture_output=True, text=True, timeout=60)
        assert run.returncode == 1 and not run.stderr, run.stderr
        return [finding["message"] for finding in json.loads(run.stdout)["findings"]]

    assert any(" states " in message for message in messages())
    agreement = build / "cnr_lint" / "checks" / "agreement.py"
    agreement.write_text(agreement.read_text(encoding="utf-8").replace(":{f.span.place} states ", ":{f.span.place} says "),
                         encoding="utf-8")
    rebuilt = messages()
    assert any(" says " in message for message in rebuilt) and not any(" states " in message for message in rebuilt)
    assert len(list((tmp_path / CACHE_FOLDER).glob("*.index"))) == 1  # the first build's files were removed as stale
