"""The cache in `.cnr_lint_cache/`: extracted dossiers, and the findings of the checks on them.

Two files per cnr-lint build (its version and the state of its own source files) and rule packs'
hash, so a new version, a new commit of the same version, or an edited pack starts afresh: an index (each file's status, content hash, campaign, region and suppressions; the
findings of checks; the validated packs) and the dossiers. Dossiers and findings are kept one
by one, and decoded only when a check or a report needs them. Findings are kept by what
produced them: the rules that ran and the content hashes of the dossiers they ran on, so an
unchanged corpus is answered without extracting or checking anything.

The folder lies in the working tree, where a commit can put anything, so:
- every file is JSON read by `codec`, which runs no code (pickle would);
- the folder is not used if it is a symbolic link, and no file in it is followed if it is one,
  nor read if it is not a regular file (a FIFO would hang the run);
- only files named as cnr-lint names them are ever deleted;
- every file is written atomically (`atomic.replace_file`);
- a damaged file is ignored, said once (`problem`), and rebuilt.

A file is not read again when what git's index compares is unchanged: size, modification and
status-change times (`touch -r` restores the first, not the second), inode. An entry whose file
changed as late as the index was written ("racily clean", in git's words) is confirmed by hashing
the file.
"""

from __future__ import annotations

import json
import mmap
import os
import re
import hashlib
import stat
from functools import partial
from pathlib import Path
from typing import NamedTuple

from cnr_lint import __version__, codec
from cnr_lint.models import Dossier, Finding
from cnr_lint.pack import Pack
from cnr_lint.atomic import replace_file

CACHE_FOLDER = ".cnr_lint_cache"
_FORMAT = 7
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_GITIGNORE = b"# Created by cnr-lint: the cache is never committed.\n*\n"
_TAG = (b"Signature: 8a477f597d28d172789f06886806bc55\n"
        b"# This file is a cache directory tag created by cnr-lint.\n"
        b"# For information about cache directory tags, see https://bford.info/cachedir/\n")
# What cnr-lint names: {version}-{packs}.index, {version}-{packs}-{random}.dossiers, and the
# temporary files of either (atomic.temporary_name). Nothing else is ever deleted. Earlier
# builds put 8 more hex digits (the configuration's `assign`) after {packs}: those files are
# matched too, so that they are deleted as stale.
_OURS = re.compile(r"(\.)?[0-9][0-9A-Za-z.+!_-]*-[0-9a-f]{16}(?:-[0-9a-f]{8})?(?:-[0-9a-f]{12})?\.(?:index|dossiers)"
                   r"(?(1)\.[0-9a-f]{12}\.tmp|)")


class Stat(NamedTuple):
    """What is compared to tell whether a file changed, as git's index does."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


class Entry(NamedTuple):
    stat: Stat
    digest: str
    campaign: str | None
    region: str | None
    suppressions: tuple
    offset: int  # where the dossier's JSON starts in the dossiers file (-1: not written yet)
    length: int


def _build_digest(pack_digest: str) -> str:
    """The packs' digest mixed with the name, size and modification time of every source file of
    cnr-lint: two builds of one version (a pre-commit `rev` moved to a newer commit, an editable
    install being worked on) would otherwise answer each other's findings from the cache."""
    digest = hashlib.sha256(pack_digest.encode())
    package = os.path.dirname(__file__)
    for folder, subfolders, names in os.walk(package):
        subfolders.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                digest.update(f"{folder[len(package):]}/{name}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]


def signature(path: str | Path) -> Stat | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return Stat(status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


class Cache:
    def __init__(self, root: Path, pack_digest: str) -> None:
        self.folder = root / CACHE_FOLDER
        self.stem = f"{__version__}-{_build_digest(pack_digest)}"
        self.index_name = f"{self.stem}.index"
        self.entries: dict[str, Entry] = {}
        self.results: dict[str, str] = {}  # findings' JSON, decoded when a run uses them
        self._pack_text: str | None = None  # the validated rule packs these files are named after
        self.used_results: set[str] = set()
        self.changed = False
        self.problem: str | None = None  # the first damage found, for one line on stderr
        self.usable = True
        self._written_ns = 0  # when the index was written: entries changed since are hashed
        self._new: dict[str, bytes] = {}  # dossiers of this run, not written yet
        self._stored: mmap.mmap | None = None

    def _damaged(self, what: str) -> None:
        if self.problem is None:
            self.problem = f"{what}: ignored, and rebuilt"
        self.changed = True

    def _open_folder(self) -> int | None:
        """The folder, opened without following a link; None when it does not exist (or when files
        cannot be opened relative to it, as on Windows: then no cache)."""
        if os.open not in os.supports_dir_fd:
            self.usable = False
            return None
        try:
            return os.open(self.folder, os.O_RDONLY | _DIRECTORY | _NO_FOLLOW)
        except FileNotFoundError:
            return None
        except OSError:
            self.usable = False
            try:
                status = os.lstat(self.folder)
            except OSError:
                return None  # gone meanwhile, or not ours to look at: no cache this run
            kind = "a symbolic link" if stat.S_ISLNK(status.st_mode) else "not a folder"
            self.problem = f"{self.folder} is {kind}: not used, nor followed"
            return None

    def load(self) -> None:
        folder = self._open_folder()
        if folder is None:
            return
        try:
            document, written = _read_json(self.index_name, folder)
            if document is None:
                return  # none yet
            if not (isinstance(document, dict) and document.get("format") == _FORMAT):
                self._damaged(f"{self.folder / self.index_name} is not a cnr-lint {_FORMAT} index")
                return
            entries = _entries(document["entries"])
            results, pack = document["results"], document["pack"]
            if not (isinstance(results, dict) and (pack is None or isinstance(pack, str))):
                raise codec.Damaged("results or packs of another shape")
            stored = self._map(document["dossiers"], folder, sum(e.length for e in entries.values() if e.offset >= 0))
        except (codec.Damaged, OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
            self._damaged(f"{self.folder / self.index_name} is damaged ({error})")
            return
        finally:
            os.close(folder)
        self.entries, self.results, self._pack_text = entries, results, pack
        self._stored, self._written_ns = stored, written

    def _map(self, name: str, folder: int, expected: int) -> mmap.mmap | None:
        if not isinstance(name, str) or not _OURS.fullmatch(name):
            raise codec.Damaged(f"names the dossiers file {name!r}")
        handle = _open_regular(name, folder)
        try:
            size = os.fstat(handle).st_size
            if size != expected:
                raise codec.Damaged(f"{name} holds {size} bytes, not {expected}")
            return mmap.mmap(handle, 0, access=mmap.ACCESS_READ) if size else None
        finally:
            os.close(handle)

    @property
    def pack(self):
        """The validated rule packs, or None; as they were stored, before any check ran."""
        if self._pack_text is None:
            return None
        try:
            pack = codec.loads(self._pack_text)
            if type(pack) is not Pack:
                raise codec.Damaged(f"a {type(pack).__name__}, not rule packs")
        except codec.Damaged as error:
            self._damaged(f"the rule packs in {self.folder / self.index_name} are damaged ({error})")
            return None
        return pack

    def store_pack(self, pack) -> None:
        try:
            self._pack_text = codec.dumps(pack).decode("utf-8")
        except TypeError:  # a value YAML gave a pack's params that the cache does not keep
            return
        self.changed = True

    def fresh(self, display: str, status: Stat | None) -> Entry | None:
        """The cached entry when the file is unchanged."""
        entry = self.entries.get(display)
        if entry is None or status is None or entry.stat != status:
            return None
        if max(status.mtime_ns, status.ctime_ns) >= self._written_ns:
            from cnr_lint.read import file_digest

            if file_digest(display) != entry.digest:
                return None
        return entry

    def fetch(self, display: str) -> Dossier | None:
        """The cached dossier of a file, decoded now; None when damaged (said once)."""
        blob = self._new.get(display)
        if blob is None:
            entry = self.entries[display]
            blob = self._stored[entry.offset:entry.offset + entry.length]
        try:
            dossier = codec.loads(blob)
            if type(dossier) is not Dossier or dossier.path != display or dossier.fingerprint != self.entries[display].digest:
                raise codec.Damaged(f"not the dossier of {display}")
        except codec.Damaged as error:
            self._damaged(f"a dossier in {self.folder} is damaged ({error})")
            self.entries.pop(display, None)
            return None
        return dossier

    def store(self, display: str, status: Stat, dossier: Dossier, encoded: bytes | None = None) -> None:
        """Keep the dossier, whose `codec.dumps` is `encoded` when a worker made it already."""
        if not dossier.fingerprint:  # unreadable: read it again next time
            return
        self._new[display] = encoded if encoded is not None else codec.dumps(dossier)
        self.entries[display] = Entry(status, dossier.fingerprint, dossier.campaign, dossier.region,
                                      dossier.suppressions, -1, 0)
        self.changed = True

    def result(self, key: str) -> tuple | None:
        found = self.results.get(key)
        if found is None:
            return None
        if found == "[]":  # most checks find nothing
            self.used_results.add(key)
            return ()
        try:
            findings = codec.loads(found)
        except codec.Damaged as error:
            self._damaged(f"findings in {self.folder / self.index_name} are damaged ({error})")
            return None
        if type(findings) is not tuple or not all(type(f) is Finding for f in findings):
            self._damaged(f"findings in {self.folder / self.index_name} are not a list of findings")
            return None
        self.used_results.add(key)
        return findings

    def store_result(self, key: str, findings: tuple) -> None:
        self.results[key] = codec.dumps(findings).decode("utf-8")
        self.used_results.add(key)
        self.changed = True

    def save(self, keep: set[str], complete: bool) -> None:
        """Write the entries of this run's files and the findings it used; never fail the lint.

        A run that checked every file of the corpus (`complete`) drops the findings it did not
        use; a run on a few named files keeps them for the next full run.
        """
        stale_entries = not set(self.entries) <= keep
        stale_results = complete and not set(self.results) <= self.used_results
        if not self.usable or not (self.changed or stale_entries or stale_results):
            return
        try:
            os.mkdir(self.folder)
        except FileExistsError:
            pass
        except OSError:
            return  # a read-only checkout still gets its findings
        folder = self._open_folder()
        if folder is None:
            return
        try:
            for name, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _TAG)):
                _create(name, content, folder)
            dossiers_name = f"{self.stem}-{os.urandom(6).hex()}.dossiers"
            entries = self._write_dossiers(dossiers_name, keep, folder)
            document = {
                "format": _FORMAT,
                "dossiers": dossiers_name,
                "pack": self._pack_text,
                "entries": entries,
                "results": {k: v for k, v in self.results.items() if not complete or k in self.used_results},
            }
            # The index names its dossiers file, and replacing the index is the one step that
            # commits: a run stopped half-way leaves the previous index and its own file intact.
            try:
                # ASCII (the few accents escaped): read back, it is decoded as fast as it is copied
                replace_file(self.index_name, (json.dumps(document).encode("ascii"),), folder)
            except OSError:
                os.unlink(dossiers_name, dir_fd=folder)  # named by no index: nothing left behind
                raise
            for name in os.listdir(folder):
                if name not in (self.index_name, dossiers_name) and _OURS.fullmatch(name):
                    try:
                        os.unlink(name, dir_fd=folder)
                    except OSError:
                        continue  # a folder of that name: not cnr-lint's
        except OSError:
            pass  # a full disk or a read-only checkout still gets its findings
        finally:
            os.close(folder)

    def _write_dossiers(self, name: str, keep: set[str], folder: int) -> dict[str, list]:
        """The dossiers file written; the index's entries, as columns (see `_entries`)."""
        columns: dict[str, list] = {column: [] for column in _COLUMNS}

        def blobs():
            offset = 0
            for display, entry in self.entries.items():
                if display not in keep:
                    continue
                blob = self._new.get(display)
                if blob is None:
                    blob = self._stored[entry.offset:entry.offset + entry.length]
                yield blob
                row = (display, *entry.stat, entry.digest, entry.campaign, entry.region,
                       codec.encode(entry.suppressions) if entry.suppressions else None, offset, len(blob))
                for column, value in zip(columns.values(), row):
                    column.append(value)
                offset += len(blob)

        try:
            replace_file(name, blobs(), folder)
        finally:
            if self._stored is not None:
                self._stored.close()
                self._stored = None
        return columns


# The index's entries, one list per field (checked and zipped in C: ten thousand of them are
# read on every run), and the types each may hold.
_COLUMNS = {
    "path": {str}, "size": {int}, "mtime_ns": {int}, "ctime_ns": {int}, "inode": {int}, "digest": {str},
    "campaign": {str, type(None)}, "region": {str, type(None)}, "suppressions": {list, type(None)},
    "offset": {int}, "length": {int},
}


def _entries(columns: dict) -> dict[str, Entry]:
    if set(columns) != set(_COLUMNS):
        raise codec.Damaged("entries of another shape")
    count = len(columns["path"])
    for name, allowed in _COLUMNS.items():
        values = columns[name]
        if type(values) is not list or len(values) != count or not set(map(type, values)) <= allowed:
            raise codec.Damaged(f"the entries' {name} are not {' or '.join(sorted(t.__name__ for t in allowed))}")
    suppressions = [codec.decode(value) if value else () for value in columns["suppressions"]]
    # tuple.__new__ makes the named tuples from the zipped rows in C, without a Python call each
    stats = map(partial(tuple.__new__, Stat), zip(columns["size"], columns["mtime_ns"], columns["ctime_ns"],
                                                  columns["inode"]))
    rows = zip(stats, columns["digest"], columns["campaign"], columns["region"], suppressions, columns["offset"],
               columns["length"])
    return dict(zip(columns["path"], map(partial(tuple.__new__, Entry), rows)))


def _open_regular(name: str, folder: int) -> int:
    """A file of the folder opened for reading: never through a link, never a FIFO or a device."""
    handle = os.open(name, os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=folder)
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise codec.Damaged(f"{name} is not a regular file")
    return handle


def _read_json(name: str, folder: int) -> tuple[object, int]:
    """The JSON document of a file of the folder, and when it was written; (None, 0) if absent."""
    try:
        handle = _open_regular(name, folder)
    except FileNotFoundError:
        return None, 0
    with os.fdopen(handle, "rb") as stream:
        written = os.fstat(handle).st_mtime_ns
        return json.loads(stream.read()), written


def _create(name: str, content: bytes, folder: int) -> None:
    """A small file of the folder, written once (atomically) if it is not there."""
    try:
        os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        replace_file(name, (content,), folder)
