"""The cache in `.cnr_lint_cache/`: extracted dossiers, and the findings of the checks on them.

Two files per cnr-lint version and rule packs' hash, so a new version or an edited pack starts
afresh: an index (each file's size, modification time, content hash, campaign, region and
suppressions; the findings of checks; the validated packs) and the dossiers. Dossiers and
findings are pickled one by one, and unpickled only when a check or a report needs them. Like
git's index, an unchanged size and modification time mean the file is not read again. Findings
are kept by what produced them: the rules that ran and the content hashes of the dossiers they
ran on, so an unchanged corpus is answered without extracting or checking anything.
"""

from __future__ import annotations

import mmap
import os
import pickle
from pathlib import Path

from cnr_lint import __version__
from cnr_lint.models import Dossier

CACHE_FOLDER = ".cnr_lint_cache"
_FORMAT = 6
_PROTOCOL = pickle.HIGHEST_PROTOCOL

# (size, mtime_ns, digest, campaign, region, suppressions, offset, length): offset and length
# locate the pickled dossier in the dossiers file (offset -1: not written yet).
Entry = tuple


def signature(path: str | Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


class Cache:
    def __init__(self, root: Path, pack_digest: str) -> None:
        self.folder = root / CACHE_FOLDER
        self.stem = f"{__version__}-{pack_digest}"
        self.index_file = self.folder / f"{self.stem}.index"
        self.entries: dict[str, Entry] = {}
        self.results: dict[str, bytes] = {}  # pickled findings, unpickled when a run uses them
        self._pack_blob: bytes | None = None  # the validated rule packs these files are named after
        self.used_results: set[str] = set()
        self.changed = False
        self._new: dict[str, bytes] = {}  # pickled dossiers of this run, not written yet
        self._stored: mmap.mmap | None = None

    def load(self) -> None:
        try:
            with open(self.index_file, "rb") as stream:
                loaded = pickle.load(stream)
            if isinstance(loaded, dict) and loaded.get("format") == _FORMAT:
                with open(self.folder / loaded["dossiers"], "rb") as stream:
                    size = os.fstat(stream.fileno()).st_size
                    self._stored = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) if size else None
                self.entries, self.results, self._pack_blob = loaded["entries"], loaded["results"], loaded["pack"]
        except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
                IndexError, KeyError):
            self.entries, self.results, self._pack_blob = {}, {}, None  # none yet, or incompatible: start afresh

    @property
    def pack(self):
        """The validated rule packs, or None; unpickled as they were stored, before any check ran."""
        if self._pack_blob is None:
            return None
        try:
            return pickle.loads(self._pack_blob)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None  # damaged: the packs are validated again

    def store_pack(self, pack) -> None:
        self._pack_blob = pickle.dumps(pack, protocol=_PROTOCOL)
        self.changed = True

    def fresh(self, display: str, stat: tuple[int, int] | None) -> Entry | None:
        """The cached entry when the file's size and modification time are unchanged."""
        entry = self.entries.get(display)
        if entry is None or stat is None or (entry[0], entry[1]) != stat:
            return None
        return entry

    def fetch(self, display: str) -> Dossier:
        """The cached dossier of a file, unpickled now."""
        blob = self._new.get(display)
        if blob is None:
            offset, length = self.entries[display][6:8]
            blob = self._stored[offset:offset + length]
        return pickle.loads(blob)

    def store(self, display: str, stat: tuple[int, int], dossier: Dossier) -> None:
        if not dossier.fingerprint:  # unreadable: read it again next time
            return
        self._new[display] = pickle.dumps(dossier, protocol=_PROTOCOL)
        self.entries[display] = (stat[0], stat[1], dossier.fingerprint, dossier.campaign, dossier.region,
                                 dossier.suppressions, -1, 0)
        self.changed = True

    def result(self, key: str) -> tuple | None:
        found = self.results.get(key)
        if found is None:
            return None
        self.used_results.add(key)
        return pickle.loads(found)

    def store_result(self, key: str, findings: tuple) -> None:
        self.results[key] = pickle.dumps(findings, protocol=_PROTOCOL)
        self.used_results.add(key)
        self.changed = True

    def save(self, keep: set[str], complete: bool) -> None:
        """Write the entries of this run's files and the findings it used; never fail the lint.

        A run that checked every file of the corpus (`complete`) drops the findings it did not
        use; a run on a few named files keeps them for the next full run.
        """
        stale_entries = not set(self.entries) <= keep
        stale_results = complete and not set(self.results) <= self.used_results
        if not (self.changed or stale_entries or stale_results):
            return
        try:
            self.folder.mkdir(exist_ok=True)
            gitignore = self.folder / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# Created by cnr-lint: the cache is never committed.\n*\n", encoding="utf-8")
            dossiers_file, entries = self._write_dossiers(keep)
            document = {
                "format": _FORMAT,
                "dossiers": dossiers_file.name,
                "pack": self._pack_blob,
                "entries": entries,
                "results": {k: v for k, v in self.results.items() if not complete or k in self.used_results},
            }
            # The index names its dossiers file, and replacing the index is the one step that
            # commits: a run stopped half-way leaves the previous index and its own file intact.
            self._replace(self.index_file, pickle.dumps(document, protocol=_PROTOCOL))
            for stale in self.folder.iterdir():
                if stale.suffix in (".index", ".dossiers", ".tmp") and stale not in (self.index_file, dossiers_file):
                    stale.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only checkout still gets its findings

    def _write_dossiers(self, keep: set[str]) -> tuple[Path, dict[str, Entry]]:
        import tempfile  # only a run that changed something writes
        import uuid

        entries = {}
        target = self.folder / f"{self.stem}-{uuid.uuid4().hex[:12]}.dossiers"
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            offset = 0
            for display, entry in self.entries.items():
                if display not in keep:
                    continue
                blob = self._new.get(display)
                if blob is None:
                    blob = self._stored[entry[6]:entry[6] + entry[7]]
                stream.write(blob)
                entries[display] = entry[:6] + (offset, len(blob))
                offset += len(blob)
        if self._stored is not None:
            self._stored.close()
            self._stored = None
        os.replace(temporary, target)
        return target, entries

    def _replace(self, target: Path, data: bytes) -> None:
        import tempfile

        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
