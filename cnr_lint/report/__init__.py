"""report: one formatter per output format, all fed the same sorted findings."""

from __future__ import annotations


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
