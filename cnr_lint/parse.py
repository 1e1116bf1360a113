"""parse: decoded lines to blocks (headings, paragraphs, list items, table rows, status lines).

Markdown goes through markdown-it-py's block parser only (its tokens carry line maps; inline
structure is not needed, so the inline pass is switched off). Plain text, as pdftotext leaves
it, is split into the same kinds of blocks. Each block's text is cleaned of markup, page
furniture and line-break hyphenation, and keeps anchors back to the original line and column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from cnr_lint.read import Source

MARKDOWN_SUFFIXES = (".md", ".markdown")

_FRONT_MATTER_FENCE = "---"
# Inline markup removed from block text: emphasis, code ticks, HTML comments, escapes.
_INLINE_MARKUP = re.compile(r"<!--.*?-->|\*\*|__|\*|(?<![\w])_|_(?![\w])|`|\\(?=[*_`#|\\])")
_HEADING_PREFIX = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_HEADING_SUFFIX = re.compile(r"\s+#+\s*$")
_CONTAINER_PREFIX = re.compile(r"^\s*(?:>\s?)*")
_LIST_MARKER = re.compile(r"^\s*(?:>\s?)*\s*(?:\d{1,9}[.)]|[-+*•–])\s+")
_TEXT_LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•–*])\s+")
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|p\.)\s*)?\d{1,4}\s*(?:/|sur)\s*\d{1,4}\s*$|^\s*(?:page|p\.)\s*\d{1,4}\s*$|^\s*[-–]\s*\d{1,4}\s*[-–]\s*$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
_HYPHENATED_END = re.compile(r"[^\W\d_]-$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of text: kind is "heading", "paragraph", "item" or "row"."""

    kind: str
    level: int  # heading level, list depth, or 0
    text: str
    line: int  # first source line, 1-based
    end_line: int
    anchors: tuple[tuple[int, int, int], ...]  # (offset in text, line, column), ascending
    emphasised: bool = False  # the whole block is bold or italic ("**EN COURS**")
    cells: tuple[tuple[int, int], ...] = ()  # table rows: (start, end) of each cell in text

    def position(self, offset: int) -> tuple[int, int]:
        """The original (line, column) of the character at `offset` in `text`."""
        if not self.anchors:
            return self.line, 1
        index = bisect_right(self.anchors, (offset, 1 << 62, 0)) - 1
        start, line, column = self.anchors[max(index, 0)]
        return line, column + max(offset - start, 0)

    def cell_texts(self) -> tuple[str, ...]:
        return tuple(self.text[start:end] for start, end in self.cells)


@dataclass(frozen=True, slots=True)
class Parsed:
    blocks: tuple[Block, ...]
    front_matter: dict
    front_matter_error: str | None


# Characters the builder writes as a plain space: page breaks and the spaces of French typography.
_AS_SPACE = str.maketrans({"\f": " ", "\xa0": " ", "\u202f": " ", "\t": " "})


class _TextBuilder:
    """Accumulates cleaned text from source lines while recording where each run came from.

    Every character of the text is a character of the source at its anchored position, except
    the characters of `_AS_SPACE` (written as spaces) and synthetic characters (the space that
    joins two lines, a table's cell separator), which are anchored at the same position as the
    character after them, so that a span never points outside what it quotes.
    """

    __slots__ = ("parts", "anchors", "length", "line_break")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int, int]] = []
        self.length = 0
        self.line_break = False  # a line ended since the last character written

    def add_line(self, line_number: int, line: str, start_column: int) -> None:
        """Add a line from `start_column` on; a line break joins it to the text before."""
        self.line_break = self.length > 0
        self.add_run(line_number, line, start_column, len(line))

    def add_run(self, line_number: int, line: str, start: int, end: int) -> None:
        """Add `line[start:end]` without its inline markup and trailing blanks."""
        line = line[:end]
        position = start
        for markup in _INLINE_MARKUP.finditer(line, start):
            self.add(line[position:markup.start()], line_number, position)
            position = markup.end()
        self.add(line[position:].rstrip(), line_number, position)

    def add(self, text: str, line_number: int, index: int) -> None:
        """Add source text found at 0-based `index` of line `line_number`."""
        if not text:
            return
        text = text.translate(_AS_SPACE)
        if self.line_break:
            # Joined here, once the line's first kept character is known (markup may precede it).
            self.line_break = False
            self._join(text, line_number, index)
        self._append(text, line_number, index)

    def add_synthetic(self, text: str, line_number: int, index: int) -> None:
        """Add text that is not in the source, anchored at the source character that follows it."""
        self._append(text, line_number, index)

    def _join(self, text: str, line_number: int, index: int) -> None:
        previous = self.parts[-1]
        if _HYPHENATED_END.search(previous) and text[:1].islower():
            # "dé-" / "ploiement": a word cut by the page layout, joined back.
            self.parts[-1] = previous[:-1]
            self.length -= 1
        elif not (previous.endswith("-") or previous[-1:].isspace() or text[:1].isspace()):
            self._append(" ", line_number, index)

    def _append(self, text: str, line_number: int, index: int) -> None:
        self.anchors.append((self.length, line_number, index + 1))
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> tuple[str, tuple[tuple[int, int, int], ...]]:
        raw = "".join(self.parts)
        stripped = raw.lstrip()
        shift = len(raw) - len(stripped)
        text = stripped.rstrip()
        if not shift:
            return text, tuple(self.anchors)
        return text, _shift_anchors(self.anchors, shift)


def _shift_anchors(anchors: list[tuple[int, int, int]], shift: int) -> tuple[tuple[int, int, int], ...]:
    """The anchors once the text's first `shift` characters (blanks) are cut off."""
    shifted = []
    ends = [offset for offset, _, _ in anchors[1:]] + [1 << 62]
    for (offset, line, column), end in zip(anchors, ends):
        if end <= shift:
            continue  # the whole run was cut
        if offset < shift:
            column += shift - offset
            offset = shift
        shifted.append((offset - shift, line, column))
    return tuple(shifted)


def _block(kind: str, level: int, lines: Iterable[tuple[int, str, int]]) -> Block | None:
    """Build a block from (line number, line, start column) triples; None when it has no text."""
    builder = _TextBuilder()
    first = last = 0
    raw_parts = []
    for number, line, start in lines:
        builder.add_line(number, line, start)
        raw_parts.append(line[start:].strip())
        first = first or number
        last = number
    text, anchors = builder.build()
    if not text:
        return None
    raw = " ".join(raw_parts)
    emphasised = len(raw) > 2 and raw[0] in "*_" and raw[-1] in "*_"
    return Block(kind, level, text, first, last, anchors, emphasised)


def split_front_matter(lines: tuple[str, ...]) -> tuple[tuple[str, ...], dict, str | None]:
    """Separate YAML front matter, blanking its lines so line numbers stay true."""
    if not lines or lines[0].strip() != _FRONT_MATTER_FENCE:
        return lines, {}, None
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in (_FRONT_MATTER_FENCE, "..."):
            break
    else:
        return lines, {}, None
    import yaml

    body = "\n".join(lines[1:end])
    try:
        loaded = yaml.load(body, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        return _blank(lines, end), {}, f"{where}{getattr(error, 'problem', None) or error}"
    if not isinstance(loaded, dict):
        return _blank(lines, end), {}, "front matter is not a mapping"
    return _blank(lines, end), {str(k): v for k, v in loaded.items()}, None


def _blank(lines: tuple[str, ...], end: int) -> tuple[str, ...]:
    return ("",) * (end + 1) + lines[end + 1:]


def parse(source: Source) -> Parsed:
    lines, front_matter, error = split_front_matter(source.lines)
    if source.path.lower().endswith(MARKDOWN_SUFFIXES):
        blocks = parse_markdown(lines)
    else:
        blocks = parse_text(lines)
    return Parsed(tuple(blocks), front_matter, error)


# -- Markdown -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _markdown_parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    parser.disable(["inline", "text_join"], ignoreInvalid=True)
    return parser


def parse_markdown(lines: tuple[str, ...]) -> list[Block]:
    tokens = _markdown_parser().parse("\n".join(lines))
    blocks: list[Block] = []
    list_depth = 0
    item_first_paragraph = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open":
            item_first_paragraph = True
        elif kind == "heading_open" and token.map:
            start, end = token.map
            level = int(token.tag[1:])
            block = _markdown_heading(lines, start, end, level)
            if block:
                blocks.append(block)
        elif kind == "paragraph_open" and token.map:
            start, end = token.map
            in_item = list_depth > 0 and item_first_paragraph
            item_first_paragraph = False
            block = _block(
                "item" if list_depth else "paragraph",
                list_depth,
                _paragraph_lines(lines, start, end, in_item),
            )
            if block:
                blocks.append(block)
        elif kind == "tr_open" and token.map:
            row = _table_row(lines, token.map[0])
            if row:
                blocks.append(row)
        index += 1
    return blocks


def _markdown_heading(lines: tuple[str, ...], start: int, end: int, level: int) -> Block | None:
    first = lines[start]
    prefix = _HEADING_PREFIX.match(first)
    if prefix:  # ATX heading: one line
        suffix = _HEADING_SUFFIX.search(first)
        content = first[: suffix.start()] if suffix and suffix.start() >= prefix.end() else first
        return _block("heading", level, [(start + 1, content, prefix.end())])
    # Setext heading: the text lines, then the underline.
    return _block(
        "heading", level, [(n + 1, lines[n], _CONTAINER_PREFIX.match(lines[n]).end()) for n in range(start, end - 1)]
    )


def _paragraph_lines(lines: tuple[str, ...], start: int, end: int, first_has_marker: bool):
    for number in range(start, min(end, len(lines))):
        line = lines[number]
        if number == start and first_has_marker:
            marker = _LIST_MARKER.match(line)
            column = marker.end() if marker else _CONTAINER_PREFIX.match(line).end()
        else:
            column = _CONTAINER_PREFIX.match(line).end()
        if _COMMENT_LINE.match(line):
            continue
        yield number + 1, line, column


def _table_row(lines: tuple[str, ...], index: int) -> Block | None:
    line = lines[index]
    if _TABLE_SEPARATOR.match(line) and set(line.strip()) <= set("|:- "):
        return None
    number = index + 1
    builder = _TextBuilder()
    cells = []
    pipes = [m.start() for m in re.finditer(r"(?<!\\)\|", line)]
    edges = [-1] + pipes + [len(line)]
    for left, right in zip(edges, edges[1:]):
        raw = line[left + 1:right]
        if not raw.strip() and (left == -1 or right == len(line)):
            continue  # outside the outer pipes
        start = left + 1 + (len(raw) - len(raw.lstrip()))
        if cells:
            # Cells are joined by " | ": the pipe is the source's, the spaces around it are not.
            builder.add_synthetic(" ", number, left)
            builder.add("|", number, left)
            builder.add_synthetic(" ", number, start)
        cell_start = builder.length
        builder.add_run(number, line, start, right)
        cells.append((cell_start, builder.length))
    text = "".join(builder.parts)
    if not text.strip():
        return None
    return Block("row", 0, text, number, number, tuple(builder.anchors), False, tuple(cells))


# -- Plain text ---------------------------------------------------------------------------------


def parse_text(lines: tuple[str, ...]) -> list[Block]:
    furniture = _page_furniture(lines)
    blocks: list[Block] = []
    pending: list[tuple[int, str, int]] = []
    pending_kind = "paragraph"

    def flush() -> None:
        nonlocal pending
        if pending:
            block = _block(pending_kind, 1 if pending_kind == "item" else 0, pending)
            if block:
                blocks.append(block)
        pending = []

    for number, line in enumerate(lines):
        if number in furniture or _COMMENT_LINE.match(line):
            continue
        content = line.replace("\f", " ")
        if not content.strip():
            flush()
            continue
        if "\f" in line and pending:
            flush()
        marker = _TEXT_LIST_MARKER.match(content)
        if marker:
            flush()
            pending_kind = "item"
            pending.append((number + 1, line, marker.end()))
            continue
        if not pending:
            pending_kind = "paragraph"
        pending.append((number + 1, line, len(content) - len(content.lstrip())))
    flush()
    return blocks


def _page_furniture(lines: tuple[str, ...]) -> set[int]:
    """Line indexes of page numbers and running headers or footers around page breaks."""
    breaks = [n for n, line in enumerate(lines) if "\f" in line]
    if not breaks:
        return {n for n, line in enumerate(lines) if _PAGE_NUMBER.match(line)}
    zone: set[int] = set()
    for n in breaks + [len(lines)]:
        zone.update(_nonblank_near(lines, n, -1))
        zone.update(_nonblank_near(lines, n, +1))
    zone.update(_nonblank_near(lines, -1, +1))
    counts = Counter(lines[n].replace("\f", "").strip() for n in zone)
    furniture = set()
    for n in zone:
        text = lines[n].replace("\f", "").strip()
        if _PAGE_NUMBER.match(text) or _BARE_NUMBER.match(text) or counts[text] > 1:
            furniture.add(n)
    furniture.update(n for n, line in enumerate(lines) if _PAGE_NUMBER.match(line))
    return furniture


def _nonblank_near(lines: tuple[str, ...], start: int, step: int, reach: int = 2) -> list[int]:
    """Up to `reach` non-blank line indexes next to `start`, walking in direction `step`."""
    found = []
    if 0 <= start < len(lines) and step > 0 and lines[start].replace("\f", "").strip():
        found.append(start)
    n = start + step
    while 0 <= n < len(lines) and len(found) < reach:
        if lines[n].replace("\f", "").strip():
            found.append(n)
        n += step
    return found
