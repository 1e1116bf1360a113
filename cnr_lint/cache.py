"""The cache in `.cnr_lint_cache/`: extracted dossiers, and the findings of the checks on them.

One file per cnr-lint version and rule packs' hash, so a new version or an edited pack starts
afresh. Each dossier is kept by its content hash, pickled on its own and unpickled only when a
check has to run on it; like git's index, an entry also remembers the file's size and
modification time, so an unchanged file is not even read. Findings are kept by what produced
them: the rules that ran and the content hashes of the dossiers they ran on. An unchanged
corpus is then answered from the cache without extracting or checking anything.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from cnr_lint import __version__
from cnr_lint.models import Dossier

CACHE_FOLDER = ".cnr_lint_cache"
_FORMAT = 2

# (size, mtime_ns, digest, campaign, region, suppressions, pickled dossier)
Entry = tuple


def signature(path: str | Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def entry_for(stat: tuple[int, int], dossier: Dossier, blob: bytes | None = None) -> Entry:
    return (stat[0], stat[1], dossier.fingerprint, dossier.campaign, dossier.region, dossier.suppressions,
            blob if blob is not None else pickle.dumps(dossier, protocol=pickle.HIGHEST_PROTOCOL))


class Cache:
    def __init__(self, root: Path, pack_digest: str) -> None:
        self.folder = root / CACHE_FOLDER
        self.file = self.folder / f"{__version__}-{pack_digest}.pickle"
        self.entries: dict[str, Entry] = {}
        self.results: dict[str, tuple] = {}
        self.pack = None  # the validated rule packs this file is named after
        self.used_results: set[str] = set()
        self.changed = False

    def load(self) -> None:
        try:
            with open(self.file, "rb") as stream:
                loaded = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
                IndexError, KeyError):
            return  # no cache yet, or one from an incompatible build: start afresh
        if isinstance(loaded, dict) and loaded.get("format") == _FORMAT:
            self.entries = loaded.get("entries", {})
            self.results = loaded.get("results", {})
            self.pack = loaded.get("pack")

    def fresh(self, display: str, stat: tuple[int, int] | None) -> Entry | None:
        """The cached entry when the file's size and modification time are unchanged."""
        entry = self.entries.get(display)
        if entry is None or stat is None or (entry[0], entry[1]) != stat:
            return None
        return entry

    def store(self, display: str, entry: Entry) -> None:
        if entry[2]:  # unreadable files have no content hash: read them again next time
            self.entries[display] = entry
            self.changed = True

    def result(self, key: str) -> tuple | None:
        found = self.results.get(key)
        if found is not None:
            self.used_results.add(key)
        return found

    def store_result(self, key: str, findings: tuple) -> None:
        self.results[key] = findings
        self.used_results.add(key)
        self.changed = True

    def save(self, keep: set[str]) -> None:
        """Write the entries of this run's files and the findings it used; never fail the lint."""
        stale_entries = not set(self.entries) <= keep
        stale_results = not set(self.results) <= self.used_results
        if not (self.changed or stale_entries or stale_results):
            return
        document = {
            "format": _FORMAT,
            "pack": self.pack,
            "entries": {k: v for k, v in self.entries.items() if k in keep},
            "results": {k: v for k, v in self.results.items() if k in self.used_results},
        }
        try:
            self.folder.mkdir(exist_ok=True)
            gitignore = self.folder / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# Created by cnr-lint: the cache is never committed.\n*\n", encoding="utf-8")
            for stale in self.folder.glob("*.pickle"):
                if stale != self.file:
                    stale.unlink(missing_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(document, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)
        except OSError:
            pass  # a read-only checkout still gets its findings
