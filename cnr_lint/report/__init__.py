"""report: one formatter per output format, all fed the same sorted findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cnr_lint.models import Span


def page_field(span: Span) -> dict:
    """`{"page": N}` for a place in a PDF (its line is then a line of that page), else nothing."""
    return {"page": span.page} if span.page else {}


def printable(text: str) -> str:
    """`text` as valid, printable Unicode, for any report.

    File names that are not UTF-8 (a zip archive from Windows leaves cp1252 names) reach
    cnr-lint as str with surrogate escapes (os.fsdecode): "r\\udce9sum\\udce9.md". Written as they
    are, they either fail to encode or put raw bytes into output that must be UTF-8 (JSON,
    SARIF). Each undecodable byte is shown as a backslash escape instead: "r\\xe9sum\\xe9.md".
    Text that is valid Unicode already is returned unchanged.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


# Characters that would break a line of a text report, or drive the terminal showing it: C0 and
# C1 controls (newline, carriage return, escape...), DEL, and the Unicode line separators.
_BREAKING = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_BREAKING.update({0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def one_line(text: str) -> str:
    """`text` as printable Unicode on one line, for the text formats: a newline in a file name is
    shown as `\\n`, as JSON shows it, instead of starting a line that reads as another finding."""
    return printable(text).translate(_BREAKING)
