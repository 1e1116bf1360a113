"""write: the fixes of findings applied to their dossiers (--fix), or shown as a diff (--diff).

Only the characters of each edit's span change: the file keeps its encoding (UTF-8, UTF-8 with
a byte order mark, cp1252), its line ends (LF, CRLF, lone CR, even mixed) and every other byte.
A file is replaced atomically (a temporary file in its folder, then a rename), so an
interrupted run leaves either the old file or the new one. Only text formats are written: the
fixes of a PDF or a Word file stay in the report, as text, for a person to make.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, NamedTuple

from cnr_lint.atomic import replace_file
from cnr_lint.models import Edit, Finding
from cnr_lint.read import MAX_FILE_BYTES, UTF8_BOM, NotAFile, Source, decode, read_regular_file

WRITABLE_SUFFIXES = (".md", ".markdown", ".txt")
_LINE_END = re.compile(r"(\r\n|\r|\n)")


@dataclass(frozen=True)
class Rewrite:
    """One file's new bytes, and the findings whose fixes make them."""

    path: str
    before: bytes
    after: bytes
    fixed: tuple[Finding, ...]

    def diff(self) -> str:
        encoding = _codec(decode(self.before, self.path).encoding)
        old = _text(self.before, encoding).splitlines(keepends=True)
        new = _text(self.after, encoding).splitlines(keepends=True)
        lines = difflib.unified_diff(old, new, f"a/{self.path}", f"b/{self.path}")
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


class Plan(NamedTuple):
    """What --fix writes, what it could not, and the fixes only a person can make."""

    rewrites: list[Rewrite]
    notes: list[str]  # why a fix was left out, one line each
    by_hand: list[Finding]  # fixes of files cnr-lint never writes (PDF, Word, OpenDocument)


def plan(findings: Iterable[Finding], unsafe: bool, named: set[str] | None = None) -> Plan:
    """The rewrites the applicable fixes make, one per file, and why any fix was left out.

    With `named`, only those files are written: a finding shown because it cites a named file
    may lie in a file of the corpus that is only context.
    """
    by_path: dict[str, list[Finding]] = {}
    notes, by_hand = [], []
    for finding in findings:
        fix = finding.fix
        path = finding.location.path
        if fix is None or not (fix.safe or unsafe) or (named is not None and path not in named):
            continue
        if not path.lower().endswith(WRITABLE_SUFFIXES):
            by_hand.append(finding)
            notes.append(_by_hand(finding))
            continue
        by_path.setdefault(path, []).append(finding)
    rewrites = []
    for path, fixable in sorted(by_path.items()):
        rewrite, skipped = _rewrite(path, fixable)
        notes.extend(skipped)
        if rewrite is not None:
            rewrites.append(rewrite)
    return Plan(rewrites, notes, by_hand)


def _by_hand(finding: Finding) -> str:
    span = finding.location.span
    edits = ", ".join(f'{e.span.place}:{e.span.column} "{e.original}" -> "{e.replacement}"' for e in finding.fix.edits)
    return (f"{finding.location.path}:{span.place}:{span.column}: {finding.code} cannot be fixed in place (cnr-lint "
            f"writes only Markdown and text files); by hand: {finding.fix.message}: {edits}")


def _rewrite(path: str, fixable: list[Finding]) -> tuple[Rewrite | None, list[str]]:
    try:
        before = _read(path)
    except NotAFile as refusal:
        return None, [f"{path}: {refusal}; not fixed"]
    except OSError as error:
        return None, [f"{path}: cannot be read: {error.strerror or error}; not fixed"]
    source = decode(before, path)
    if not isinstance(source, Source):
        return None, [f"{path}: {source.reason}; not fixed"]
    encoding = _codec(source.encoding)
    parts = _LINE_END.split(_text(before, encoding))  # content, end, content, end, ..., content
    lines, ends = parts[0::2], parts[1::2]
    taken: list[Edit] = []
    fixed, notes = [], []
    for finding in sorted(fixable, key=lambda f: f.sort_key):
        edits = finding.fix.edits
        if any(_overlap(edit, other) for edit in edits for other in taken):
            notes.append(f"{path}:{finding.location.span.line}: {finding.code} fix overlaps another; run --fix again")
            continue
        if not all(_reads(lines, edit) for edit in edits):
            notes.append(f"{path}:{finding.location.span.line}: {finding.code} fix no longer matches the file; not applied")
            continue
        taken.extend(edits)
        fixed.append(finding)
    # Right to left on each line, so that the columns of the edits still to make stay valid.
    for edit in sorted(taken, key=lambda e: (e.span.line, e.span.column), reverse=True):
        index, start = edit.span.line - 1, edit.span.column - 1
        line = lines[index]
        lines[index] = line[:start] + edit.replacement + line[start + len(edit.original):]
    text = "".join(content + end for content, end in zip(lines, ends)) + lines[-1]
    try:
        # A BOM is kept even before cp1252 text (read strips it, then falls back to cp1252).
        after = (UTF8_BOM if before.startswith(UTF8_BOM) else b"") + text.encode(encoding)
    except UnicodeEncodeError as error:
        return None, [f"{path}: a fix writes {error.object[error.start]!r}, which {encoding} cannot hold; not fixed"]
    if not fixed:
        return None, notes
    return Rewrite(path, before, after, tuple(fixed)), notes


def apply(rewrite: Rewrite) -> bool:
    """Replace the file by its new bytes atomically, keeping its permissions; False, writing
    nothing, when it changed since it was read. A symbolic link stays one: its target is written."""
    target = Path(rewrite.path).resolve()
    if _read(target) != rewrite.before:
        return False
    replace_file(str(target), (rewrite.after,), durable=True, mode=target.stat().st_mode & 0o7777)
    return True


def _read(path: str | Path) -> bytes:
    """The file's bytes, as the linter reads them: a pipe or a device is refused, never opened."""
    return read_regular_file(path, MAX_FILE_BYTES, "a dossier")


def _codec(encoding: str) -> str:
    """The codec of the text after its byte order mark (which is written back separately)."""
    return "utf-8" if encoding == "utf-8-sig" else encoding


def _text(data: bytes, encoding: str) -> str:
    return data[len(UTF8_BOM):].decode(encoding) if data.startswith(UTF8_BOM) else data.decode(encoding)


def _reads(lines: list[str], edit: Edit) -> bool:
    span = edit.span
    if span.line != span.end_line or not 0 < span.line <= len(lines):
        return False
    return lines[span.line - 1][span.column - 1:span.end_column - 1] == edit.original


def _overlap(a: Edit, b: Edit) -> bool:
    return a.span.line == b.span.line and a.span.column < b.span.end_column and b.span.column < a.span.end_column
