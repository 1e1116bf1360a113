"""Every file cnr-lint writes (cache, report, baseline, fixed dossier): whole or not at all.

A file is written into a new temporary file beside it, then renamed over it: a full disk or an
interrupted run leaves the previous file as it was, and the temporary file is removed. A report
asked for on a device or a pipe (`-o /dev/stdout`) is written to it as it is: it cannot be
replaced, and nothing there is lost.
"""

from __future__ import annotations

import os
import stat
from typing import Iterable

from cnr_lint.yamlfile import ConfigError

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def temporary_name(name: str) -> str:
    """The temporary file `replace_file` writes first, beside `name` (see also cache._OURS)."""
    folder, base = os.path.split(name)
    return os.path.join(folder, f".{base}.{os.urandom(6).hex()}.tmp")


def replace_file(name: str, chunks: Iterable[bytes], dir_fd: int | None = None, durable: bool = False,
                 mode: int | None = None) -> None:
    """Write `name` (relative to `dir_fd` when given) atomically, with permissions `mode` when
    given (else the umask's); OSError when it cannot be."""
    temporary = temporary_name(name)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o666, dir_fd=dir_fd)
    try:
        if mode is not None:
            os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        try:
            os.unlink(temporary, dir_fd=dir_fd)
        except OSError:
            pass
        raise


def refuse_unwritable(path: str, role: str, protected: Iterable[str]) -> None:
    """ConfigError, before any work, when `path` cannot take the `role` ("report", "baseline"):
    a folder, in a folder that does not exist, or the same file as one of `protected` (a dossier
    of the corpus, the baseline being read)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        folder = os.path.dirname(path) or "."
        if not os.path.isdir(folder):
            raise ConfigError(path, None, f"cannot write the {role}: the folder {folder} does not exist") from None
        return
    except OSError as error:
        raise ConfigError(shown, None, f"cannot write the {role}: {error.strerror or error}") from None
    if stat.S_ISDIR(status.st_mode):
        raise ConfigError(path, None, f"cannot write the {role}: it is a folder")
    if not stat.S_ISREG(status.st_mode):
        return  # a device or a pipe (-o /dev/null): no dossier, and written to, not replaced
    for other in protected:
        try:
            if os.path.samestat(status, os.stat(other)):
                raise ConfigError(path, None, f"cannot write the {role} over {other}, which cnr-lint reads")
        except OSError:
            continue


def write_output(path: str, text: str, role: str) -> None:
    """The report or baseline written to `path`; ConfigError (one line) when it cannot be."""
    shown = path
    data = text.encode("utf-8")
    if os.path.islink(path) and os.path.isfile(path):  # written where the link points, the link kept
        path = os.path.realpath(path)
    try:
        try:
            regular = stat.S_ISREG(os.stat(path).st_mode)
        except FileNotFoundError:
            regular = True
        if regular:
            replace_file(path, (data,), durable=True)
        else:
            with open(path, "wb") as stream:
                stream.write(data)
    except OSError as error:
        raise ConfigError(shown, None, f"cannot write the {role}: {error.strerror or error}") from None
