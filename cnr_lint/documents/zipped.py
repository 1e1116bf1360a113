"""The parts of a zip-packaged document (.docx, .odt), read within bounds.

A zip bomb declares small compressed sizes and huge uncompressed ones; Python's zipfile never
returns more bytes than a member declares, so refusing large declared sizes bounds memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from cnr_lint.documents import DocumentError

# A dossier's text is tens of kilobytes; its XML a few hundred. Pictures are never read.
MAX_PART_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_RATIO = 200  # deflated XML compresses about 10:1; a bomb about 1000:1


def open_package(data: bytes, format_name: str, required: str) -> zipfile.ZipFile:
    """The document's zip archive, refused when it is no zip, lacks `required`, or is a bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    # NotImplementedError: a central directory asking for a zip version Python cannot unpack
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError) as error:
        raise DocumentError(f"is not a {format_name} file: it is not a valid zip package ({error})") from None
    names = {member.filename for member in members}
    if required not in names:
        raise DocumentError(
            f"is not a {format_name} file: its zip archive has no {required} (it holds {_some(sorted(names))})"
        )
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        raise DocumentError(f"unpacks to {total // (1024 * 1024)} MB, more than a dossier holds (a zip bomb?)")
    for member in members:
        _refuse_bomb(member)
    return archive


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member's bytes, when it is within the size and compression-ratio bounds."""
    member = archive.getinfo(name)
    if member.file_size > MAX_PART_BYTES:
        raise DocumentError(f"{name} unpacks to {member.file_size // (1024 * 1024)} MB, more than a dossier holds")
    try:
        data = archive.read(name)
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError, NotImplementedError) as error:
        raise DocumentError(f"is damaged: {name} cannot be unpacked ({error})") from None
    if b"<!ENTITY" in data:  # entity definitions have no place in a document part; expanded, they can explode
        raise DocumentError(f"{name} defines XML entities, which documents never do")
    return data


def _refuse_bomb(member: zipfile.ZipInfo) -> None:
    if member.file_size > MAX_RATIO * max(member.compress_size, 1024):
        raise DocumentError(
            f"{member.filename} unpacks to {member.file_size // 1024} KB from {member.compress_size // 1024} KB:"
            " a zip bomb, not a dossier"
        )


def _some(names: list[str]) -> str:
    if not names:
        return "nothing"
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")
