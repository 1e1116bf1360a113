"""read, for the formats agencies write and publish: Word (.docx), OpenDocument (.odt), PDF.

Each format's module turns the file's bytes into styled lines (`read.StyledLine`), which
`parse` makes into the same blocks as Markdown. A module and its library are imported only
when a file of its format is read. A file that cannot be read as its suffix says is
`Unreadable`, with the reason in words a user can act on.
"""

from __future__ import annotations

import hashlib
import importlib

from cnr_lint.read import Source, StyledLine, Unreadable

_MODULES = {".docx": "docx", ".odt": "odt", ".pdf": "pdf"}


class DocumentError(Exception):
    """The file is not a readable document of its format; the message says why, for CNR001."""


def read_document(data: bytes, path: str, suffix: str) -> Source | Unreadable:
    """The document's lines; `suffix` names its format (".pdf"), which a file named without
    one is known by from its bytes."""
    reader = importlib.import_module(f"cnr_lint.documents.{_MODULES[suffix]}")
    try:
        styled = tuple(line for line in reader.read(data) if line.text.strip())
    except DocumentError as error:
        return Unreadable(path, str(error))
    page_starts: list[int] = []
    for number, line in enumerate(styled, 1):
        if line.page > len(page_starts):
            page_starts.extend([number] * (line.page - len(page_starts)))
    return Source(
        path=path,
        lines=tuple(line.text for line in styled),
        encoding="utf-8",
        digest=hashlib.blake2b(data, digest_size=16).hexdigest(),
        styled=styled,
        page_starts=tuple(page_starts),
    )


def row(cells: list[str]) -> StyledLine:
    """A table row: its cells' texts joined by " | ", as a Markdown row reads."""
    spans, parts, offset = [], [], 0
    for cell in cells:
        if parts:
            offset += 3
        spans.append((offset, offset + len(cell)))
        parts.append(cell)
        offset += len(cell)
    return StyledLine(" | ".join(parts), "row", cells=tuple(spans))
