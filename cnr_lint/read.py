"""read: bytes to decoded lines, each keeping its original line number.

Lines end at LF, CRLF or a lone CR; a form feed is not a line break (editors do not break
there either), so it stays inside the line for the parser to treat as a page break.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

UTF8_BOM = b"\xef\xbb\xbf"
TEXT_SUFFIXES = (".md", ".markdown", ".txt")
DOCUMENT_SUFFIXES = (".docx", ".odt", ".pdf")
# A dossier is a press release: a few hundred kilobytes at most. Anything much larger is not one,
# and reading it whole would only exhaust memory (a symlink to /dev/zero never ends).
MAX_FILE_BYTES = 64 * 1024 * 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BYTE_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
# Control characters that never occur in a text dossier; a file full of them is binary.
_BINARY_BYTES = bytes(range(0, 8)) + bytes(range(14, 27)) + bytes(range(28, 32))
_BINARY_TABLE = bytes.maketrans(b"", b"")


@dataclass(frozen=True, slots=True)
class StyledLine:
    """A paragraph of a Word or OpenDocument file, or a text line of a PDF, with its layout.

    kind is "heading", "paragraph", "item" or "row" (a table row, its cells `(start, end)` in
    text); a PDF line also says whether a vertical gap opens a new block before it, whether
    it sits in the page's top or bottom margin, where running headers and footers are, and
    whether all its letters are italic (a block of such lines is emphasised, as "*…*" is).
    """

    text: str
    kind: str = "paragraph"
    level: int = 0
    bold: bool = False
    cells: tuple[tuple[int, int], ...] = ()
    page: int = 0  # 1-based in a PDF; 0 in a file without pages
    new_block: bool = True
    margin: bool = False
    italic: bool = False
    starts_list: bool = False  # an item that begins a list of its own (a new `text:list`, Word numbering)


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    lines: tuple[str, ...]
    encoding: str  # "utf-8", "utf-8-sig" or "cp1252"
    digest: str  # of the bytes: the cache key of everything extracted from them
    fallback_line: int = 0  # where UTF-8 decoding first failed, when decoded as cp1252
    styled: tuple[StyledLine, ...] = ()  # a Word, OpenDocument or PDF file: its lines are these texts
    page_starts: tuple[int, ...] = ()  # a PDF: the first line of each page (1-based)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class Unreadable:
    path: str
    reason: str
    line: int = 1
    column: int = 1


def read_path(path: str | Path, display: str | None = None) -> Source | Unreadable:
    shown = display if display is not None else str(path)
    suffix = os.path.splitext(shown)[1].lower()
    if suffix and suffix not in TEXT_SUFFIXES + DOCUMENT_SUFFIXES:  # a file named on the command line
        return Unreadable(shown, f"is a {suffix} file, a format cnr-lint cannot read (it reads {_READABLE})")
    try:
        data = read_regular_file(path, MAX_FILE_BYTES, "a dossier")
    except NotAFile as refusal:
        return Unreadable(shown, str(refusal))
    except OSError as error:
        return Unreadable(shown, f"cannot be read: {error.strerror or error}")
    return read_bytes(data, shown)


def read_bytes(data: bytes, path: str) -> Source | Unreadable:
    """The file's bytes read as the document format its suffix names, or, for a file named
    without a suffix, the one its first bytes show; else decoded as text (only with a suffix that
    says which text: Markdown or plain)."""
    suffix = os.path.splitext(path)[1].lower()
    kind = suffix if suffix in DOCUMENT_SUFFIXES else (_sniffed(data, path) if not suffix else None)
    if isinstance(kind, Unreadable):
        return kind
    if kind:
        from cnr_lint.documents import read_document  # their libraries only when one is read

        return read_document(data, path, kind)
    if not suffix:  # Markdown or plain text: read as the wrong one, its lists would be misread
        return Unreadable(path, "has no suffix and is no PDF, Word or OpenDocument file: name it .md (Markdown) "
                                "or .txt (plain text), so that cnr-lint knows how to read it")
    return decode(data, path)


# PDF allows its header anywhere in the first kilobyte; a zip starts with a local file header.
_PDF_HEADER = b"%PDF-"
_ZIP_HEADER = b"PK\x03\x04"
# The part each zip-packaged format cannot do without (the readers ask for the same).
_PACKAGED = (("word/document.xml", ".docx"), ("content.xml", ".odt"))


def _sniffed(data: bytes, path: str) -> str | Unreadable | None:
    """The document format of a file without a suffix, by its first bytes (as `file` tells
    them); None for anything else. A zip archive that is neither Word nor OpenDocument is
    unreadable, and said so."""
    if _PDF_HEADER in data[:1024]:
        return ".pdf"
    if not data.startswith(_ZIP_HEADER):
        return None
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())  # the central directory only
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError):
        names = set()
    found = next((kind for part, kind in _PACKAGED if part in names), None)
    return found or Unreadable(path, "is a zip archive but neither a Word (.docx) nor an OpenDocument text (.odt) "
                                     "document")


_READABLE = "Markdown, text, Word .docx, OpenDocument .odt and PDF"


def lines_of(path: str | Path) -> tuple[str, ...]:
    """The decoded lines of a file as editors count them, or () when it cannot be read."""
    source = read_path(path)
    return source.lines if isinstance(source, Source) else ()


def paged_lines_of(path: str | Path) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The decoded lines of a file and, for a PDF, the first line of each of its pages."""
    source = read_path(path)
    return (source.lines, source.page_starts) if isinstance(source, Source) else ((), ())


def document_line(page_starts: tuple[int, ...], page: int, line: int) -> int:
    """The line of the whole file (1-based) that a place names: line `line` of PDF page `page`,
    or, in a file without pages (page 0), that line itself; 0 for a page the file lacks."""
    if not page:
        return line
    return page_starts[page - 1] + line - 1 if page <= len(page_starts) else 0


class NotAFile(Exception):
    """The path is readable but is not something to read as a dossier; the message says why."""


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refuse_unless_regular(mode: int, size: int, limit: int, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise NotAFile("cannot be read: is a folder, not a file")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise NotAFile(f"is not a regular file ({kind})")
    if size > limit:
        raise NotAFile(_too_large(limit, what))


def _too_large(limit: int, what: str) -> str:
    megabytes, rest = divmod(limit, 1024 * 1024)
    return f"is larger than {f'{megabytes} MB' if not rest else f'{limit:,} bytes'}, the most {what} may hold"


def read_regular_file(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; never blocks on a pipe or a device.

    The path is checked before it is opened (opening a named pipe blocks until a writer comes,
    opening a device may have effects), and the open file is checked again in case the path was
    replaced in between: it is opened without blocking, and at most one byte more than the cap
    is ever read.
    """
    status = os.stat(path)  # follows symbolic links: a link to a regular file is read
    _refuse_unless_regular(status.st_mode, status.st_size, limit, what)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        _refuse_unless_regular(status.st_mode, status.st_size, limit, what)
        data = _read_at_most(descriptor, limit + 1, status.st_size)
    finally:
        os.close(descriptor)
    if len(data) > limit:  # it grew after the check
        raise NotAFile(_too_large(limit, what))
    return data


def _read_at_most(descriptor: int, count: int, size: int) -> bytes:
    """Up to `count` bytes of an open file, to its end, in reads of its `size` and one more byte
    (a dossier is read whole: no buffered file object is made for it)."""
    chunks = []
    while count > 0:
        chunk = os.read(descriptor, min(count, max(size + 1, 1 << 16)))
        if not chunk:
            break
        chunks.append(chunk)
        count -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(path: str | Path) -> str | None:
    """The content digest of a dossier file, None when it cannot be read."""
    try:
        return content_digest(read_regular_file(path, MAX_FILE_BYTES, "a dossier"))
    except (OSError, NotAFile):
        return None


def decode(data: bytes, path: str) -> Source | Unreadable:
    digest = content_digest(data)
    fallback_line = 0
    if data.startswith(UTF8_BOM):
        data, encoding = data[len(UTF8_BOM):], "utf-8-sig"
    else:
        encoding = "utf-8"
    if b"\x00" in data:
        line, column = _byte_position(data, data.index(b"\x00"))
        return Unreadable(path, "is binary (contains NUL bytes)", line, column)
    control = len(data) - len(data.translate(_BINARY_TABLE, _BINARY_BYTES))
    if control and control * 20 > len(data):
        return Unreadable(path, "is binary (mostly control characters)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    else:
        first_bad = -1
    if first_bad >= 0:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            line, column = _byte_position(data, error.start)
            return Unreadable(
                path, f"is neither UTF-8 nor cp1252 (byte 0x{data[error.start]:02x})", line, column
            )
        encoding = "cp1252"
        # cp1252 is one byte per character: the byte offset is the character offset.
        fallback_line = len(_LINE_BREAK.findall(text[:first_bad])) + 1
    lines = _LINE_BREAK.split(text) if "\r" in text else text.split("\n")  # the split is faster
    return Source(path, tuple(lines), encoding, digest, fallback_line)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of a byte of data that cannot be decoded, lines broken as in text.

    The column counts the characters before it when they are UTF-8, else bytes (which are
    cp1252's characters, one byte each).
    """
    line, line_start = 1, 0
    for match in _BYTE_LINE_BREAK.finditer(data, 0, offset):
        line, line_start = line + 1, match.end()
    before = data[line_start:offset]
    try:
        return line, len(before.decode("utf-8")) + 1
    except UnicodeDecodeError:
        return line, len(before) + 1
