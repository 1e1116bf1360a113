"""The cache of extracted dossiers, in `.cnr_lint_cache/`.

Entries are keyed by the file's content hash, under a file named for cnr-lint's version and
the rule packs' hash, so a new version or an edited pack starts afresh. Like git's index, an
entry also remembers the file's size and modification time: when those have not changed the
file is not even read again.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cnr_lint import __version__
from cnr_lint.models import Dossier

CACHE_FOLDER = ".cnr_lint_cache"


@dataclass(frozen=True, slots=True)
class Entry:
    size: int
    mtime_ns: int
    digest: str
    dossier: Dossier


def signature(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


class Cache:
    def __init__(self, root: Path, pack_digest: str) -> None:
        self.folder = root / CACHE_FOLDER
        self.file = self.folder / f"{__version__}-{pack_digest}.pickle"
        self.entries: dict[str, Entry] = {}
        self.changed = False

    def load(self) -> None:
        try:
            with open(self.file, "rb") as stream:
                loaded = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return  # no cache yet, or one from an incompatible build: start afresh
        if isinstance(loaded, dict):
            self.entries = loaded

    def fresh(self, display: str, stat: tuple[int, int] | None) -> Dossier | None:
        """The cached dossier when the file's size and modification time are unchanged."""
        entry = self.entries.get(display)
        if entry is None or stat is None or (entry.size, entry.mtime_ns) != stat:
            return None
        return entry.dossier

    def by_digest(self, display: str, digest: str) -> Dossier | None:
        entry = self.entries.get(display)
        return entry.dossier if entry is not None and entry.digest == digest else None

    def store(self, display: str, stat: tuple[int, int] | None, dossier: Dossier) -> None:
        if stat is None or not dossier.fingerprint:
            return
        self.entries[display] = Entry(stat[0], stat[1], dossier.fingerprint, dossier)
        self.changed = True

    def save(self, keep: set[str]) -> None:
        """Write the entries of this run's files (others are dropped); never fail the lint."""
        if not self.changed and set(self.entries) <= keep:
            return
        entries = {k: v for k, v in self.entries.items() if k in keep}
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
                pickle.dump(entries, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)
        except OSError:
            pass  # a read-only checkout still gets its findings
