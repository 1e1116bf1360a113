"""parse: decoded lines to blocks (headings, paragraphs, list items, table rows, status lines).

Markdown is read by a line scanner that finds the blocks markdown-it-py's block parser would,
for the part of CommonMark dossiers use; other documents go through markdown-it itself (its
tokens carry line maps; inline structure is not needed, so the inline pass is switched off).
Plain text, as pdftotext leaves it, is split into the same kinds of blocks; a paragraph cut by
a page break is joined back. Each block's text is cleaned of markup, page furniture,
line-break hyphenation and repeated spaces, and keeps anchors back to the original line and
column of each of its characters.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable

from cnr_lint.dates import find_dates
from cnr_lint.models import Span
from cnr_lint.read import Source, StyledLine

MARKDOWN_SUFFIXES = (".md", ".markdown")

_FRONT_MATTER_FENCE = "---"
_FRONT_MATTER_LINES = 200  # the closing fence must come within this many lines
MAX_FRONT_MATTER_BYTES = 64 * 1024
# The front matter keys cnr-lint reads; each holds text, a number or a date, nothing else.
FRONT_MATTER_KEYS = ("campaign", "region", "department", "published", "as_of")
# Inline markup removed from block text: emphasis, code ticks, escapes of any ASCII punctuation
# mark, as CommonMark reads them (Google Docs exports "1\. La concertation", "\- 12 %") (and HTML
# comments, found by `_comments`: a regular expression would retry every unclosed "<!--" to the
# line's end).
_INLINE_MARKUP = re.compile(r"\*\*|__|\*|(?<![\w])_|_(?![\w])|`|\\(?=[!-/:-@\[-`{-~])")
# Where inline markup or an HTML comment may start: a line without any has none to remove.
_MARKUP_START = re.compile(r"[*_`\\<]")
_HEADING_PREFIX = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_CONTAINER_PREFIX = re.compile(r"^\s*(?:>\s?)*")
# Blockquote markers and list markers before the first line of a list item ("- > - texte").
_ITEM_PREFIX = re.compile(r"(?:\s*(?:>\s?|(?:\d{1,9}[.)]|[-+*])(?:[ \t]+|$)))*\s*")
# Word exports its bullets as these characters ("o" for the second level, before a word; "" of
# Wingdings).
# A letter and a bracket too ("a) Bastia : …"), as officers letter lists, and Markdown's "+",
# which officers typing plain text use as a bullet ("+ Digne : un centre => c'est fait"), not
# where it means "more than" ("+ de 3 900", "+ 12 %").
# (From the tenth on, a numbered item's marker may touch its text, "10.Cellule d'écoute", where a
# word processor's tab after the number shrank to nothing.)
_TEXT_LIST_MARKER = re.compile(
    r"^\s*(?:(?:\d{1,3}[.)]|[a-z]\)|\+(?=\s+(?!\d|de\b|d'|d’))|[-•–—*▪■◦●○►➢·\uf0a7\uf0b7]|o(?= {1,2}[^\W\d]))\s+"
    r"|\d{2,3}\.(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]))"
)
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|p\.)\s*)?\d{1,4}\s*(?:/|sur)\s*\d{1,4}\s*$|^\s*(?:page|p\.)\s*\d{1,4}\s*$|^\s*[-–]\s*\d{1,4}\s*[-–]\s*$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
_HYPHENATED_END = re.compile(r"[^\W\d_]-$")
_TABLE_SEPARATOR = re.compile(r"\s*\|?\s*:?-{2,}")


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
    # a block of several lines whose first line is bold or italic ("**Un bus de dépistage**",
    # then its description): a title line
    titled: bool = False
    quoted: bool = False  # inside a Markdown block quote: a box beside the text ("> **Zoom sur…**")
    # the first item of a list its reader tells apart from the list before it (a new Markdown
    # list, `text:list`, Word numbering): two lists back to back are not one; False where the
    # format does not say (plain text, PDF)
    starts_list: bool = False

    def position(self, offset: int) -> tuple[int, int]:
        """The original (line, column) of the character at `offset` in `text`."""
        span = self.span(offset, offset + 1)
        return span.line, span.column

    def span(self, start: int, end: int) -> Span:
        """Where `text[start:end]` stands in the source: from its first character to just past its
        last (one character at `start` when it is empty). Both ends in one call: extraction
        makes a span for every date, figure and entry it finds."""
        anchors = self.anchors
        if not anchors:
            return Span(self.line, 1, self.line, 2)
        last = end - 1 if end - 1 > start else start
        index = bisect_right(anchors, (start, 1 << 62, 0)) - 1
        if index < 0:
            index = 0
        offset, line, column = anchors[index]
        if start > offset:
            column += start - offset
        # the last character's anchor is at or after the first's
        index = bisect_right(anchors, (last, 1 << 62, 0), index) - 1
        end_offset, end_line, end_column = anchors[index if index > 0 else 0]
        if last > end_offset:
            end_column += last - end_offset
        return Span(line, column, end_line, end_column + 1)

    def offset_of(self, line: int, column: int) -> int | None:
        """The offset in `text` of the source character at (line, column), if the text holds it."""
        for index, (offset, anchor_line, anchor_column) in enumerate(self.anchors):
            if anchor_line != line or anchor_column > column:
                continue
            end = self.anchors[index + 1][0] if index + 1 < len(self.anchors) else len(self.text)
            if offset + column - anchor_column < end:
                return offset + column - anchor_column
        return None

    def line_starts(self) -> tuple[int, ...]:
        """The offsets in `text` where each source line after the first starts (a text table's
        row goes back to its first line for its next cell: no line starts there)."""
        starts = []
        previous = self.line
        for offset, line, _ in self.anchors:
            if line > previous:
                starts.append(offset)
                previous = line
        return tuple(starts)

    def cell_texts(self) -> tuple[str, ...]:
        return tuple(self.text[start:end] for start, end in self.cells)


@dataclass(frozen=True, slots=True)
class Parsed:
    blocks: tuple[Block, ...]
    front_matter: dict
    front_matter_error: str | None
    front_matter_lines: dict[str, int] = field(default_factory=dict)  # key: the dossier's line of it


# Characters the builder writes as a plain space: page breaks and the spaces of French typography.
# Typography that patterns should not have to spell: French spaces, tabs and page breaks are
# spaces, the typographic apostrophe is the plain one. One character for one: positions hold.
_PLAIN_TYPOGRAPHY = str.maketrans({"\f": " ", "\xa0": " ", "\u202f": " ", "\t": " ", "\u2019": "'"})
_HAS_TYPOGRAPHY = re.compile("[\f\xa0\u202f\t\u2019]")  # most text has none: skip the translation
# Spaces after the first of a run: justified pdftotext lines and removed markup leave them.
_EXTRA_SPACES = re.compile(r"(?<= ) +")


class _TextBuilder:
    """Accumulates cleaned text from source lines while recording where each run came from.

    Every character of the text is a character of the source at its anchored position, except
    the characters of `_PLAIN_TYPOGRAPHY` (written as spaces or a plain apostrophe) and synthetic spaces (the one that joins
    two lines, those around a table's cell separator), which are anchored at the same position
    as the character after them, so that a span never points outside what it quotes. A run of
    spaces is written as its first: patterns then need not expect justified text.
    """

    __slots__ = ("parts", "anchors", "length", "line_break")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int, int]] = []
        self.length = 0
        # A line or a table cell ended since the last character written: the next text is joined.
        self.line_break = False

    def add_line(self, line_number: int, line: str, start_column: int) -> None:
        """Add a line from `start_column` on; a line break joins it to the text before."""
        self.line_break = self.length > 0
        self.add_run(line_number, line, start_column, len(line))

    def add_run(self, line_number: int, line: str, start: int, end: int) -> None:
        """Add `line[start:end]` without its inline markup and trailing blanks."""
        line = line[:end]
        if _MARKUP_START.search(line, start) is None:  # most lines of prose
            self.add(line[start:].rstrip(), line_number, start)
            return
        position = start
        for markup_start, markup_end in _markup(line, start):
            self.add(line[position:markup_start], line_number, position)
            position = markup_end
        self.add(line[position:].rstrip(), line_number, position)

    def add(self, text: str, line_number: int, index: int) -> None:
        """Add source text found at 0-based `index` of line `line_number`, its runs of spaces as one."""
        if not text:
            return
        if _HAS_TYPOGRAPHY.search(text):
            text = text.translate(_PLAIN_TYPOGRAPHY)
        if self.line_break:
            # Joined here, once the line's first kept character is known (markup may precede it).
            self.line_break = False
            self._join(text, line_number, index)
        start = 1 if text[0] == " " and self.parts and self.parts[-1].endswith(" ") else 0
        if "  " not in text:  # the common case: no run of spaces to shorten
            self._append(text[start:], line_number, index + start)
            return
        for extra in _EXTRA_SPACES.finditer(text, start):
            self._append(text[start:extra.start()], line_number, index + start)
            start = extra.end()
        self._append(text[start:], line_number, index + start)

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
        if not text:
            return
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


def _markup(line: str, start: int) -> Iterable[tuple[int, int]]:
    """(start, end) of each piece of inline markup in `line[start:]`, in order."""
    for comment_start, comment_end in [*_comments(line, start), (len(line), len(line))]:
        for match in _INLINE_MARKUP.finditer(line, start, comment_start):
            yield match.span()
        if comment_start < comment_end:
            yield comment_start, comment_end
        start = comment_end


def _comments(line: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each closed HTML comment in `line[start:]`, in linear time."""
    found = []
    opening = line.find("<!--", start)
    while opening >= 0:
        closing = line.find("-->", opening + 4)
        if closing < 0:
            break
        found.append((opening, closing + 3))
        opening = line.find("<!--", closing + 3)
    return found


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
    lines = list(lines)
    if len(lines) == 1:
        number, line, start = lines[0]
        if "  " not in line and _SOMETHING_TO_CLEAN.search(line, start) is None:
            return _plain_line_block(kind, level, number, line, start)
        text, columns, emphasised = _cleaned_line(line, start)
        if not text:
            return None
        return Block(kind, level, text, number, number, tuple((offset, number, column) for offset, column in columns),
                     emphasised, (), kind == "paragraph" and _run_in_title(line[start:]))
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
    titled = len(raw_parts) > 1 and _emphasised(raw_parts[0]) or kind == "paragraph" and _run_in_title(raw_parts[0])
    return Block(kind, level, text, first, last, anchors, _emphasised(" ".join(raw_parts)), (), titled)


# A paragraph that opens with its title in bold, ended by a full stop or a colon, then goes on
# ("**Mende : des consultations avancées.** Des cardiologues…"): a run-in title; or a title in
# bold and an aside in brackets after it, all the line holds ("**Action n° 11 – Intégrer des
# psychologues…** (porteur : fédération des maisons de santé)").
_RUN_IN_TITLE = re.compile(
    r"\s*(\*\*|__)(?=\S)[^*_]{3,150}?(?:[.:!?]\1|\1\s?[.:])\s+\S|\s*(\*\*|__)(?=\S)[^*_]{3,150}?\2\s+\([^()]{1,200}\)\s*$")


def _run_in_title(raw: str) -> bool:
    return raw.lstrip()[:2] in ("**", "__") and _RUN_IN_TITLE.match(raw) is not None


def _emphasised(raw: str) -> bool:
    """Whether a block's source text, its ends stripped, is bold or italic as a whole."""
    return len(raw) > 2 and raw[0] in "*_" and raw[-1] in "*_"


@lru_cache(maxsize=8192)
def _cleaned_line(line: str, start: int) -> tuple[str, tuple[tuple[int, int], ...], bool]:
    """What `_TextBuilder` makes of `line[start:]` alone: its text, its anchors as (offset,
    column), and whether it is emphasised. Kept per line for the run: the dossiers of one region
    repeat their stock paragraphs, most of them one line of Markdown with markup."""
    builder = _TextBuilder()
    builder.add_line(0, line, start)
    text, anchors = builder.build()
    return text, tuple((offset, column) for offset, _, column in anchors), _emphasised(line[start:].strip())


# Markup or typography: without them and runs of spaces, the builder would only strip a line's ends.
_SOMETHING_TO_CLEAN = re.compile("[*_`\\\\<\f\xa0\u202f\t\u2019]")


def _plain_line_block(kind: str, level: int, number: int, line: str, start: int) -> Block | None:
    """What `_TextBuilder` makes of one line with nothing to clean, without its machinery
    (most Markdown blocks are one such line)."""
    text = line[start:].strip()
    if not text:
        return None
    leading = len(line) - start - len(line[start:].lstrip())
    return Block(kind, level, text, number, number, ((0, number, start + leading + 1),), False)


def split_front_matter(
    lines: tuple[str, ...], path: str = "front matter"
) -> tuple[tuple[str, ...], dict, str | None]:
    """Separate YAML front matter, blanking its lines so line numbers stay true.

    Returns the lines, the front matter's mapping and an error (None when it is fine); an error
    names the line of the dossier where it can. The front matter is read as rule packs are
    (`yamlfile.load_yaml`: no aliases, no duplicate keys, bounded nesting), is at most
    MAX_FRONT_MATTER_BYTES, and its known keys hold only text, numbers or dates. Empty front
    matter ("---" then "---") is an empty mapping.
    """
    if not lines or lines[0].strip() != _FRONT_MATTER_FENCE:
        return lines, {}, None
    for end in range(1, min(len(lines), _FRONT_MATTER_LINES)):
        if lines[end].strip() in (_FRONT_MATTER_FENCE, "..."):
            break
    else:
        return lines, {}, None
    blanked = _blank(lines, end)
    body = "\n".join(lines[1:end])
    if len(body.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER_BYTES:
        return blanked, {}, f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KB"
    from cnr_lint.yamlfile import ConfigError, load_yaml

    try:
        # A blank line in place of the opening fence: YAML's line numbers are the dossier's.
        loaded = load_yaml(path, "\n" + body)
    except ConfigError as error:
        return blanked, {}, _front_matter_error(error.line, error.detail)
    if loaded.data is None:  # nothing but blanks and comments
        return blanked, {}, None
    if not isinstance(loaded.data, dict):
        return blanked, {}, "front matter is not a mapping"
    data = {str(key): value for key, value in loaded.data.items()}
    for key in FRONT_MATTER_KEYS:
        value = data.get(key)
        if isinstance(value, datetime.datetime):
            data[key] = value = value.date()  # a day is what a dossier is dated with
        if value is None or (isinstance(value, (str, int, float, datetime.date)) and not isinstance(value, bool)):
            continue
        kind = _YAML_KINDS.get(type(value), type(value).__name__)
        return blanked, {}, _front_matter_error(
            loaded.line_of((key,)), f"{key}: expected text, a number or a date, not {kind}"
        )
    return blanked, data, None


_YAML_KINDS = {dict: "a mapping", list: "a list", bool: "true or false", bytes: "binary data", set: "a set"}


def _front_matter_error(line: int | None, detail: str) -> str:
    """The message of a front-matter error, with the line of the dossier where it is, if known."""
    detail = detail.removeprefix("is not valid YAML: ")
    if line is None:
        return detail
    if detail.startswith("invalid value: "):
        return f"{detail} (line {line})"
    return f"line {line}: {detail}"


def _blank(lines: tuple[str, ...], end: int) -> tuple[str, ...]:
    return ("",) * (end + 1) + lines[end + 1:]


def parse(source: Source) -> Parsed:
    if source.styled:  # Word, OpenDocument, PDF: no front matter, no markup
        return Parsed(_with_captions(parse_styled(source.styled)), {}, None)
    lines, front_matter, error = split_front_matter(source.lines, source.path)
    if source.path.lower().endswith(MARKDOWN_SUFFIXES):
        blocks = _escaped_items(parse_markdown(lines), lines)
    else:
        blocks = parse_text(lines)
    return Parsed(_with_captions(blocks), front_matter, error, _key_lines(source.lines, front_matter))


# A big figure on a line of its own, as a leaflet prints it ("52", "52 projets", "6,4 M€",
# "44 livrés", "**1 850**"): its digits, a unit, a few words at most, no punctuation.
_FIGURE_ALONE = re.compile(
    r"(?:[^\W\d_][\w'-]*\s+){0,2}\+?\s?\d{1,3}(?:[ .]\d{3})*(?:,\d+)?(?:\s?(?:Md€|M€|k€|€|%))?(?:\s+[^\W\d_][\w'-]*){0,3}"
)
_NUMBER_ALONE = re.compile(r"\+?\s?\d{1,3}(?:[ .\u00a0\u202f]\d{3})*(?:,\d+)?(?:\s?(?:Md€|M€|k€|€|%))?")
_LONGEST_FIGURE_ALONE = 40
_LONGEST_CAPTION = 100
_YEAR_ALONE = re.compile(r"(?:19|20)\d\d")
_DIGIT_RUN = re.compile(r"\d+")


def _with_captions(blocks: list[Block]) -> tuple[Block, ...]:
    """The blocks, each big figure alone on its line joined to its caption below it ("52
    projets", then "issus de la concertation"): one statement, which a reader that gives every
    line of a leaflet its own block (a PDF set at one spacing, a text export with blank lines
    between) cut in two. The caption opens in lower case and states no figure of its own (a
    date it may: "au 31/10/2025"); a heading, a list item, a table row, or a line that opens a
    statement of its own (a capital, a number: "dont 3 au Pays basque") is no caption."""
    joined: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        caption = blocks[index + 1] if index + 1 < len(blocks) else None
        if caption is not None and _figure_alone(block) and _is_caption(caption):
            joined.append(_joined_blocks(block, caption))
            index += 2
            continue
        joined.append(block)
        index += 1
    return tuple(joined)


def _figure_alone(block: Block) -> bool:
    """A figure alone on its line: a paragraph, or a heading that holds nothing but the number and
    its unit ("38", "4,6 M€": a PDF's big type reads as a heading, yet no section is headed so)."""
    text = block.text
    return (
        (block.kind == "paragraph" or block.kind == "heading" and _NUMBER_ALONE.fullmatch(text) is not None)
        and len(text) <= _LONGEST_FIGURE_ALONE and not block.quoted
        and any(character.isdigit() for character in text[:_LONGEST_FIGURE_ALONE // 2])
        and _FIGURE_ALONE.fullmatch(text) is not None and _YEAR_ALONE.fullmatch(text) is None
    )


def _is_caption(block: Block) -> bool:
    text = block.text
    if block.kind != "paragraph" or block.quoted or len(text) > _LONGEST_CAPTION or not text[:1].islower():
        return False
    if not any(character.isdigit() for character in text):
        return True
    dates = find_dates(text, None)
    return all(any(date.start <= run.start() < date.end for date in dates) for run in _DIGIT_RUN.finditer(text))


def _joined_blocks(first: Block, second: Block) -> Block:
    """One paragraph of two blocks' texts, a space between them (anchored, as the text builder
    anchors the space joining two lines, at the character after it)."""
    shift = len(first.text) + 1
    _, line, column = second.anchors[0] if second.anchors else (0, second.line, 1)
    anchors = (*first.anchors, (len(first.text), line, column),
               *((offset + shift, line, column) for offset, line, column in second.anchors))
    return Block("paragraph", 0, f"{first.text} {second.text}", first.line, second.end_line, anchors)


_TOP_LEVEL_KEY = re.compile(r"""(?:"([^"]+)"|'([^']+)'|([^\s#'"][^:]*?))\s*:(?:\s|$)""")


def _key_lines(lines: tuple[str, ...], front_matter: dict) -> dict[str, int]:
    """The line of each top-level key of the front matter (written as a block mapping, as front
    matter is; a key written otherwise is placed on the opening fence, line 1)."""
    if not front_matter:
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(lines[1:_FRONT_MATTER_LINES], start=2):
        if line.strip() in (_FRONT_MATTER_FENCE, "..."):
            break
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            found.setdefault(next(g for g in match.groups() if g is not None), number)
    return found


# -- Markdown -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _markdown_parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    parser.disable(["inline", "text_join"], ignoreInvalid=True)
    return parser


# A line numbered by hand that a converter escaped, so that Markdown makes no list of it, as
# Pandoc writes a Word paragraph numbered by its author ("1\\. l'accès à un médecin traitant ;").
_ESCAPED_NUMBER = re.compile(r"[ \t]{0,3}(\d{1,3})\\[.)][ \t]+(?=\S)")


def _escaped_items(blocks: list[Block], lines: tuple[str, ...]) -> list[Block]:
    """The blocks, each paragraph opening on an escaped number an item of a numbered list (its
    number 1 starting one), as the writer numbered it."""
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or block.level or block.quoted:
            continue
        numbered = _ESCAPED_NUMBER.match(lines[block.line - 1])
        if numbered is None:
            continue
        item = _block("item", 1, [(number, lines[number - 1], numbered.end() if number == block.line else 0)
                                  for number in range(block.line, block.end_line + 1)])
        if item is not None:
            blocks[index] = replace(item, starts_list=numbered.group(1) == "1")
    return blocks


def parse_markdown(lines: tuple[str, ...]) -> list[Block]:
    """The blocks of a Markdown dossier: those markdown-it-py's block parser finds, quickly.

    Dossiers use a small part of CommonMark, which `_BlockScanner` reads line by line and
    several times faster than markdown-it; a document using anything else goes to markdown-it,
    whose blocks the scanner's equal (tests/test_markdown_blocks.py compares the two).
    """
    scanned = _scan_markdown(lines)
    if scanned is None:
        return _parse_markdown_with_markdown_it(lines)
    events, item_lines, list_lines = scanned
    blocks: list[Block] = []
    for kind, start, end, level in events:
        if kind == "heading":
            block = _markdown_heading(lines, start, end, level, item_lines)
        elif kind == "paragraph":
            block = _block(
                "item" if level else "paragraph", level, _paragraph_lines(lines, start, end, item_lines)
            )
            if block and level and start in list_lines:
                block = replace(block, starts_list=True)
        else:
            block = _table_row(lines, start, _content_start(lines[start], start, item_lines))
        if block:
            blocks.append(block)
    return blocks


def _parse_markdown_with_markdown_it(lines: tuple[str, ...]) -> list[Block]:
    """The blocks of any Markdown document, from markdown-it-py's tokens and their line maps."""
    tokens = _markdown_parser().parse("\n".join(lines))
    blocks: list[Block] = []
    list_depth = quote_depth = 0
    item_lines: set[int] = set()  # lines that start a list item: their marker is not text
    list_lines: set[int] = set()  # lines that start a list: "- a" then "* b" are two lists
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            if token.map:
                list_lines.add(token.map[0])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open" and token.map:
            item_lines.add(token.map[0])
        elif kind == "heading_open" and token.map:
            start, end = token.map
            block = _markdown_heading(lines, start, end, int(token.tag[1:]), item_lines)
            if block:
                blocks.append(block)
        elif kind == "paragraph_open" and token.map:
            start, end = token.map
            block = _block(
                "item" if list_depth else "paragraph", list_depth, _paragraph_lines(lines, start, end, item_lines)
            )
            if block and list_depth and start in list_lines:
                block = replace(block, starts_list=True)
            if block:
                blocks.append(replace(block, quoted=True) if quote_depth else block)
        elif kind == "tr_open" and token.map:
            row = _table_row(lines, token.map[0], _content_start(lines[token.map[0]], token.map[0], item_lines))
            if row:
                blocks.append(row)
    return blocks


# -- Markdown: the fast block scanner ---------------------------------------------------------
#
# `_BlockScanner` is a port of the few markdown-it-py block rules that dossiers need (table,
# thematic break, list, one-line HTML comment, ATX and setext heading, paragraph), in the same
# order and with the same conditions, so that it finds the same blocks on the same lines. It
# records only what `parse_markdown` turns into blocks. Whatever else markdown-it would look at
# (code blocks, fences, blockquotes, link reference definitions, other HTML, tabs, deep nesting)
# raises `_Unsupported`, and the whole document goes to markdown-it instead.

# (kind, first line, line after the last, heading level or list depth), lines 0-based as in
# markdown-it's token maps; kind is "heading", "paragraph" or "row" (a table row: one line).
_Event = tuple[str, int, int, int]

# What the scanner refuses outright, found in the whole text at C speed: tabs (they make indents
# virtual columns), line breaks inside a line or "\r" (markdown-it would renumber the lines),
# NUL (markdown-it replaces it) and fences (a fence makes the lines after it code).
_UNSUPPORTED_TEXT = ("\t", "\r", "\0", "```", "~~~")
# markdown-it stops nesting at 20 token levels and ignores the rest of the document; a list
# adds two (list and item). Deeper lists are rare and go to markdown-it.
_MAX_LIST_DEPTH = 8
# Whitespace as markdown-it trims it (`common.utils.MD_TRIM_CHARS`): table cells and rows.
_MD_TRIM = "\t\n\x0b\x0c\r \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
_MAX_AUTOCOMPLETED_CELLS = 0x10000  # as markdown-it: a table row with fewer cells is padded
_ORDERED_MARKER = re.compile(r"([0-9]{1,9})[.)](?![^ \t])")  # "1." or "1)" then a blank or the end
_LEADING_SPACES = re.compile(" *").match
_BULLET_MARKER = re.compile(r"[-+*](?![^ \t])")
_ATX_HEADING = re.compile(r"#{1,6}(?![^ \t])")
_TABLE_DELIMITER_LINE = re.compile(r"[-:|][-:| \t]+")  # then checked cell by cell
_TABLE_DELIMITER_CELL = re.compile(r":?-+:?")
# The first characters of everything but a table and a paragraph: a line starting otherwise (a
# letter, most often) needs no other rule.
_BLOCK_STARTS = frozenset("*-_+#<>[0123456789")


class _Unsupported(Exception):
    """The document uses Markdown the scanner does not reproduce: markdown-it must read it."""


def _scan_markdown(lines: tuple[str, ...]) -> tuple[list[_Event], set[int], set[int]] | None:
    """The blocks markdown-it would find, the lines that start a list item and those that start
    a list; None to fall back."""
    text = "\n".join(lines)
    if text.count("\n") != max(len(lines) - 1, 0) or any(part in text for part in _UNSUPPORTED_TEXT):
        return None
    # markdown-it has no line for a last line of blanks (it ends without a line break).
    count = len(lines) - 1 if lines and not lines[-1].strip(" ") else len(lines)
    scanner = _BlockScanner(lines, count, "]:" in text)
    try:
        scanner.tokenize(0)
    except _Unsupported:
        return None
    return scanner.events, scanner.item_lines, scanner.list_lines


class _BlockScanner:
    """markdown-it-py's block parser (`parser_block`, `rules_block`) for the subset dossiers use.

    Methods are named after the rules they port, and keep their state: `indent` is a line's
    indent (sCount and tShift, equal without tabs), changed on an item's first line to where its
    content starts; `block_indent` and `list_indent` are blkIndent and listIndent. Lines are
    0-based; `end` is lineMax, and line `end` is the empty line after the last (markdown-it's
    sentinel).
    """

    __slots__ = ("lines", "indent", "end", "block_indent", "list_indent", "depth", "references",
                 "events", "item_lines", "list_lines")

    def __init__(self, lines: tuple[str, ...], end: int, references: bool) -> None:
        self.lines = [*lines[:end], ""]
        # Matched, not stripped: a line of a million spaces is not copied.
        self.indent = [_LEADING_SPACES(line).end() if line[:1] == " " else 0 for line in self.lines]
        self.end = end
        self.block_indent = 0
        self.list_indent = -1
        self.depth = 0  # lists open
        self.references = references  # "]:" occurs: a line starting with "[" may define a link
        self.events: list[_Event] = []
        self.item_lines: set[int] = set()
        self.list_lines: set[int] = set()  # the first line of each list

    def empty(self, line: int) -> bool:
        return self.indent[line] >= len(self.lines[line])

    def tokenize(self, line: int) -> int:
        """Read blocks from `line` until one is indented less than the block indent; the line after."""
        lines, indent, end = self.lines, self.indent, self.end
        after = line
        while line < end:
            while line < end and indent[line] >= len(lines[line]):  # empty lines
                line += 1
            after = line
            if line >= end or indent[line] < self.block_indent:
                break
            after = line = self.block(line)
            if line < end and indent[line] >= len(lines[line]):
                after = line = line + 1
        return after

    def block(self, line: int) -> int:
        """The rules in markdown-it's order, at a block's first line (not empty); the line after it."""
        columns = self.table_columns(line)
        if columns:
            return self.table(line, columns)
        text, start = self.lines[line], self.indent[line]
        if start - self.block_indent >= 4:
            raise _Unsupported("indented code")
        first = text[start]
        if first not in _BLOCK_STARTS:
            return self.paragraph(line)
        if first == ">":
            raise _Unsupported("blockquote")
        if first in "*-_" and _thematic_break(text, start):
            return line + 1
        if _BULLET_MARKER.match(text, start) or _ORDERED_MARKER.match(text, start):
            return self.list(line)
        if first == "[" and self.references:
            raise _Unsupported("link reference definition")
        if first == "<":
            if not text.startswith("<!--", start) or "-->" not in text[start:]:
                raise _Unsupported("HTML block")
            return line + 1  # a comment on one line: an HTML block, not text
        heading = _ATX_HEADING.match(text, start) if first == "#" else None
        if heading:
            self.events.append(("heading", line, line + 1, heading.end() - start))
            return line + 1
        return self.paragraph(line)

    def interrupts(self, line: int, context: str) -> bool:
        """Whether `line` ends a paragraph, a list or a table ("paragraph", "list", "table").

        These are markdown-it's terminator rules for each, in silent mode.
        """
        text, start = self.lines[line], self.indent[line]
        if context == "paragraph" and self.table_columns(line):
            return True
        if start - self.block_indent >= 4 or start >= len(text):
            return False  # no rule reads an empty or code-indented line
        first = text[start]
        if first not in _BLOCK_STARTS:
            return False
        if first == ">":
            raise _Unsupported("blockquote")
        if first in "*-_" and _thematic_break(text, start):
            return True
        if context == "list":
            return False
        if self.list_interrupts(line, context == "paragraph"):
            return True
        if first == "<":
            if not text.startswith("<!--", start):
                raise _Unsupported("HTML block")
            return True
        return first == "#" and _ATX_HEADING.match(text, start) is not None

    def list_interrupts(self, line: int, after_paragraph: bool) -> bool:
        """rules_block.list in silent mode."""
        text, start = self.lines[line], self.indent[line]
        if 0 <= self.list_indent and start - self.list_indent >= 4 and start < self.block_indent:
            # Four spaces past the list's indent but left of the item's text: in " - a",
            # "  - b", "   - c", "    - d", the three first are items and "- d" is text of "c".
            return False
        # A list may end a paragraph of its own level only if it starts at 1 and is not empty.
        after_paragraph = after_paragraph and start >= self.block_indent
        marker = _ORDERED_MARKER.match(text, start)
        if marker:
            if after_paragraph and int(marker[1]) != 1:
                return False
        else:
            marker = _BULLET_MARKER.match(text, start)
            if not marker:
                return False
        return not (after_paragraph and not text[marker.end():].strip(" "))

    def list(self, line: int) -> int:
        """rules_block.list: the items of one list, each read as blocks indented under its marker."""
        if self.depth >= _MAX_LIST_DEPTH:
            raise _Unsupported("deep list")
        text, start = self.lines[line], self.indent[line]
        marker = _ORDERED_MARKER.match(text, start)
        ordered = marker is not None
        marker = marker or _BULLET_MARKER.match(text, start)
        assert marker is not None
        self.list_lines.add(line)
        after_marker = marker.end()
        marker_char = text[after_marker - 1]
        self.depth += 1
        while line < self.end:
            text = self.lines[line]
            content = len(text) - len(text[after_marker:].lstrip(" "))
            # Content four or more spaces after the marker would be code: the item starts
            # one space after it (and so does an empty one).
            spaces = content - after_marker
            indent = after_marker + (1 if content >= len(text) or spaces > 4 else spaces)
            self.item_lines.add(line)
            indent_before, self.indent[line] = self.indent[line], content
            list_indent, self.list_indent, self.block_indent = self.list_indent, self.block_indent, indent
            if content >= len(text) and self.empty(line + 1):
                after = min(line + 2, self.end)  # an empty item, then a blank line: it ends
            else:
                after = self.tokenize(line)
            self.block_indent, self.list_indent = self.list_indent, list_indent
            self.indent[line] = indent_before
            line = after
            if line >= self.end:
                break
            start = self.indent[line]
            if start < self.block_indent or start - self.block_indent >= 4 or self.interrupts(line, "list"):
                break
            text = self.lines[line]
            marker = (_ORDERED_MARKER if ordered else _BULLET_MARKER).match(text, start)
            if not marker or text[marker.end() - 1] != marker_char:
                break
            after_marker = marker.end()
        self.depth -= 1
        return line

    def paragraph(self, first: int) -> int:
        """rules_block.lheading, then rules_block.paragraph: they read the same lines.

        Both take lines until an empty one or one that interrupts a paragraph; a line of "="s
        or "-"s met before that makes the lines a setext heading instead.
        """
        lines, indent, end, block_indent = self.lines, self.indent, self.end, self.block_indent
        line = first + 1
        level = 0
        while line < end and indent[line] < len(lines[line]):  # not empty
            text, start = lines[line], indent[line]
            if start - block_indent > 3:
                line += 1  # would be code, but a paragraph runs on over it
                continue
            if start >= block_indent and text[start] in "=-" and not text[start:].rstrip(" ").strip(text[start]):
                level = 1 if text[start] == "=" else 2
                break
            if self.interrupts(line, "paragraph"):
                break
            line += 1
        if level:
            self.events.append(("heading", first, line + 1, level))
            return line + 1
        self.events.append(("paragraph", first, line, self.depth))
        return line

    def table_columns(self, line: int) -> int:
        """rules_block.table in silent mode: the header's number of cells if a table starts here, else 0."""
        below = line + 1
        if below + 1 > self.end:
            return 0
        delimiter, start = self.lines[below], self.indent[below]
        if start < self.block_indent or start - self.block_indent >= 4:
            return 0
        delimiter = delimiter[start:]
        if not _TABLE_DELIMITER_LINE.fullmatch(delimiter) or delimiter[:2] in ("- ", "-\t"):
            return 0
        cells = delimiter.split("|")
        aligned = 0
        for index, cell in enumerate(cells):
            cell = cell.strip(_MD_TRIM)
            if not cell:
                if index == 0 or index == len(cells) - 1:
                    continue  # outside the outer pipes
                return 0
            if not _TABLE_DELIMITER_CELL.fullmatch(cell):
                return 0
            aligned += 1
        header = self.lines[line][self.indent[line]:].strip(_MD_TRIM)
        if "|" not in header or self.indent[line] - self.block_indent >= 4:
            return 0
        columns = _table_cell_count(header)
        return columns if columns == aligned else 0

    def table(self, line: int, columns: int) -> int:
        """rules_block.table: the header row, then rows until a blank line or another block."""
        self.events.append(("row", line, line + 1, 0))
        padded = 0
        line += 2
        while line < self.end:
            start = self.indent[line]
            if start < self.block_indent or self.interrupts(line, "table"):
                break
            row = self.lines[line][start:].strip(_MD_TRIM)
            if not row or start - self.block_indent >= 4:
                break
            padded += columns - _table_cell_count(row)
            if padded > _MAX_AUTOCOMPLETED_CELLS:
                break
            self.events.append(("row", line, line + 1, 0))
            line += 1
        return line


def _thematic_break(text: str, start: int) -> bool:
    """rules_block.hr: three or more of one of "*-_" from `start` (which holds one), and blanks."""
    rest = text[start:]
    return rest.count(rest[0]) >= 3 and not rest.replace(rest[0], "").strip(" ")


def _table_cell_count(row: str) -> int:
    """The cells of a trimmed table row, as rules_block.table counts them (`escapedSplit`).

    A pipe after a backslash is text; the row's outer pipes bound no cell.
    """
    count = row.count("|") - row.count("\\|") + 1
    if row.startswith("|"):
        count -= 1
    if row.endswith("|") and not row.endswith("\\|"):
        count -= 1
    return count


def _content_start(line: str, index: int, item_lines: set[int]) -> int:
    """Where the text of a line starts, after blockquote markers and, on an item's first line, its marker."""
    return (_ITEM_PREFIX if index in item_lines else _CONTAINER_PREFIX).match(line).end()


def _markdown_heading(
    lines: tuple[str, ...], start: int, end: int, level: int, item_lines: set[int]
) -> Block | None:
    first = lines[start]
    prefix = _HEADING_PREFIX.match(first, _content_start(first, start, item_lines))
    if prefix:  # ATX heading: one line
        return _block("heading", level, [(start + 1, first[:_closing_hashes(first, prefix.end())], prefix.end())])
    # Setext heading: the text lines, then the underline.
    text_lines = range(start, end - 1)
    return _block("heading", level, [(n + 1, lines[n], _content_start(lines[n], n, item_lines)) for n in text_lines])


def _closing_hashes(line: str, content_start: int) -> int:
    """Where an ATX heading's optional closing "#"s start ("## Titre ##"), else the line's end.

    Found by stripping from the right: a regular expression searched from every blank of a
    long line would take quadratic time.
    """
    stripped = line.rstrip(" \t")
    bare = stripped.rstrip("#")
    if len(bare) < len(stripped) and len(bare) >= content_start and bare[-1:] in (" ", "\t"):
        return len(bare)
    return len(line)


def _paragraph_lines(lines: tuple[str, ...], start: int, end: int, item_lines: set[int]):
    for number in range(start, min(end, len(lines))):
        line = lines[number]
        if not _COMMENT_LINE.match(line):
            yield number + 1, line, _content_start(line, number, item_lines)


def _table_row(lines: tuple[str, ...], index: int, content_start: int) -> Block | None:
    line = lines[index]
    if _TABLE_SEPARATOR.match(line, content_start) and set(line[content_start:].strip()) <= set("|:- "):
        return None
    number = index + 1
    builder = _TextBuilder()
    cells = []
    pipes = [m.start() for m in re.finditer(r"(?<!\\)\|", line) if m.start() >= content_start]
    edges = [content_start - 1] + pipes + [len(line)]
    for left, right in zip(edges, edges[1:]):
        raw = line[left + 1:right]
        if not raw.strip() and (left == edges[0] or right == len(line)):
            continue  # outside the outer pipes
        start = left + 1 + (len(raw) - len(raw.lstrip()))
        if cells:
            # Cells are joined by " | ": the pipe is the source's, the spaces around it are not
            # (the one after it is written with the next cell's first character, if any).
            if builder.length:
                builder.add_synthetic(" ", number, left)
            builder.add("|", number, left)
            builder.line_break = True
        cell_start = builder.length
        builder.add_run(number, line, start, right)
        cells.append((cell_start, builder.length))
    text = "".join(builder.parts)
    if not text.strip():
        return None
    return Block("row", 0, text, number, number, tuple(builder.anchors), False, _strip_cells(text, cells))


def _strip_cells(text: str, cells: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Cell ranges without the blanks at their ends (the space written before a cell's text)."""
    stripped = []
    for start, end in cells:
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        stripped.append((start, end))
    return tuple(stripped)


# -- Plain text ---------------------------------------------------------------------------------


def parse_text(lines: tuple[str, ...]) -> list[Block]:
    furniture = _page_furniture(lines)
    blocks: list[Block] = []
    pending: list[tuple[int, str, int]] = []
    pending_kind = "paragraph"
    pending_level = 0
    blank = page_break = False  # met since the last line of `pending`
    # The open list items, outermost first: (column of the marker, column of the text). An
    # item whose marker stands under the text of another is inside it, as in Markdown; so is
    # a paragraph indented as far as that text (`pdftotext -layout` keeps the indentation).
    open_items: list[tuple[int, int]] = []

    def flush() -> None:
        nonlocal pending
        if pending:
            block = _block(pending_kind, pending_level, pending)
            if block and pending_kind == "item":
                block = _with_columns(block, pending[0])
            if block:
                blocks.append(block)
        pending = []

    table_rows = _text_table_rows(lines, furniture)
    table_rows.update(_grouped_table_rows(lines, furniture, table_rows))
    table_rows.update(_wrapped_headers(lines, furniture, table_rows))
    for number, line in enumerate(lines):
        page_break = page_break or "\f" in line
        if number in furniture or _COMMENT_LINE.match(line):
            continue
        content = line.replace("\f", " ")
        if not content.strip() or _RULE_LINE.match(content):
            blank = True
            continue
        if number in table_rows:
            if table_rows[number] is None:
                continue  # a header cell's second line
            flush()
            open_items.clear()
            blank = page_break = False
            blocks.append(_text_row(lines, table_rows[number]))
            continue
        marker = _TEXT_LIST_MARKER.match(content)
        if pending and (marker or blank or page_break):
            if marker or not (page_break and _runs_on(pending[-1], content)):
                flush()
        blank = page_break = False
        indent = len(content) - len(content.lstrip())
        if marker:
            while open_items and indent < open_items[-1][0]:
                open_items.pop()
            if open_items and indent < open_items[-1][1]:
                open_items.pop()  # a sibling of the last item
            open_items.append((indent, marker.end()))
            pending_kind, pending_level = "item", len(open_items)
            pending.append((number + 1, line, marker.end()))
            continue
        if pending and pending_kind == "item" and open_items and indent < open_items[-1][0]:
            # Left of the item's marker ("    3. attirer les soignants.", then "6 projets
            # concrets ont vu le jour." at the margin): the list is over, a paragraph starts.
            flush()
        elif (pending and pending_kind == "item" and len(open_items) >= 2
                and open_items[-2][1] <= indent < open_items[-1][1]):
            # Back under the text of the item around a sub-item ("– une aide au logement ;"
            # then "✔ RÉALISÉ" under "2) Albi : …"): the sub-item is over, the item goes on.
            flush()
            open_items.pop()
        if not pending:
            while open_items and indent < open_items[-1][1]:
                open_items.pop()
            pending_kind, pending_level = "paragraph", len(open_items)
        pending.append((number + 1, line, indent))
    flush()
    return _outline_headings(blocks, lines)


# A text export numbers its headings as an outline: "1. Le CNR santé en Nouvelle-Aquitaine",
# "2. En Gironde", "2.1 Les chiffres clés", "3. Et maintenant ?". Such a line stands alone
# between blank lines, opens on a capital and ends on no stop, and its numbers follow one
# another through the dossier. The items of a numbered list stand next to one another, or
# under the line that announces them ("18 projets concrets ont été retenus :").
_OUTLINE_HEADING = re.compile(r"\s*(\d{1,2})[.)](?:(\d{1,2})\.?)?\s+(?=[A-ZÀ-ÝŒ])")
_LONGEST_OUTLINE_HEADING = 80
_OUTLINE_HEADING_END = re.compile(r"[.;:,]$")


def _outline_headings(blocks: list[Block], lines: tuple[str, ...]) -> list[Block]:
    """The blocks, with the lines numbered as an outline's headings made headings without their
    number (level 1 for "2.", 2 for "2.1"): once two top-level ones follow each other from 1,
    as a numbered line alone may be a list's."""
    found: list[tuple[int, int, int]] = []  # (index of the block, level, where its text starts)
    top = 0
    for index, block in enumerate(blocks):
        numbered = _outline_number(blocks, index, lines)
        if numbered is None:
            continue
        first, second, start = numbered
        if second is None and first == top + 1:
            top = first
            found.append((index, 1, start))
        elif second is not None and first == top:
            found.append((index, 2, start))
    if sum(1 for _, level, _ in found if level == 1) < 2:
        return blocks
    for index, level, start in found:
        line = blocks[index].line
        blocks[index] = _block("heading", level, [(line, lines[line - 1], start)])
    return blocks


def _outline_number(blocks: list[Block], index: int, lines: tuple[str, ...]) -> tuple[int, int | None, int] | None:
    """The outline number of a line standing alone as a heading (its first and second numbers),
    and where its text starts; None when the block is no such line."""
    block = blocks[index]
    if block.kind not in ("item", "paragraph") or block.line != block.end_line or block.level > 1:
        return None
    line = lines[block.line - 1]
    numbered = _OUTLINE_HEADING.match(line)
    if numbered is None or (block.kind == "paragraph") != (numbered.group(2) is not None):
        return None  # ("2.1 Les chiffres" is no list item, "2. En Gironde" no paragraph)
    text = line[numbered.end():].strip()
    if len(text) > _LONGEST_OUTLINE_HEADING or _OUTLINE_HEADING_END.search(text):
        return None
    if not _blank_around(lines, block.line - 1):
        return None
    before = blocks[index - 1] if index else None
    if before is not None and before.text.endswith(":"):
        return None
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    first = int(numbered.group(1))
    if block.kind == "item" and (_item_number(before, lines) == first - 1 or _item_number(after, lines) == first + 1):
        return None  # an item of a numbered list whose items stand apart
    second = numbered.group(2)
    return first, int(second) if second else None, numbered.end()


_ITEM_NUMBER = re.compile(r"\s*(\d{1,3})[.)]\s")


def _item_number(block: Block | None, lines: tuple[str, ...]) -> int | None:
    """The number of a numbered list's item ("4. la prévention…"); None for any other block."""
    if block is None or block.kind != "item":
        return None
    numbered = _ITEM_NUMBER.match(lines[block.line - 1])
    return int(numbered.group(1)) if numbered else None


def _blank_around(lines: tuple[str, ...], number: int) -> bool:
    """Whether the 0-based line has a blank line (or the text's edge) before and after it."""
    return ((number == 0 or not lines[number - 1].strip())
            and (number + 1 == len(lines) or not lines[number + 1].strip()))


# Between two cells of a table laid out in text: three spaces or more, or dot leaders
# ("Réunions de concertation ........ 27"). Justified prose has runs of one or two spaces.
# dot leaders, not an ellipsis in brackets ("[...] En cours", "(…)")
_CELL_GAP = re.compile(r"\s*(?<![\[(])(?:\.{3,}|…+)(?![\])])\s*| {3,}|\t+")
_LONGEST_CELL = 40  # a table's cells after the first are short; a line of prose is not


# A text table's cell on one line: (line index, start column, end column); a row holds, for
# each of its columns, the cell's pieces on the lines its text wraps over.
_Piece = tuple[int, int, int]
_LaidRow = tuple[tuple[_Piece, ...], ...]


def _text_table_rows(lines: tuple[str, ...], furniture: set[int]) -> dict[int, _LaidRow | None]:
    """The tables laid out with spaces or dot leaders (`pdftotext -layout`, a text export): at
    each row's first line, the pieces of its cells; None at the lines a row's first line took in
    (a cell's text wrapped over the next lines, a header cell's second line such as "au
    31/10/2024" under "dont réalisés"), which are no rows of their own.

    A row has two cells or more, all short but the first; a table is two rows or more in a row
    (blank lines between them allowed) with the same number of cells, each cell overlapping the
    columns of the one above it, or separated by tabs (a word processor's text export, whose
    columns the tabs align only on screen). Under a table's first rows, a line laid out in its
    columns is a row too when two cells ran together ("Pays de Landivisiau En cours" across two
    columns), when it leaves a cell empty (a project without status), or when its first cell is
    a bullet's text; it goes on the row above when it follows it directly and leaves the first
    column empty, or holds text in the first column alone, or goes on in lower case there ("le
    samedi" under a title)."""
    candidates: dict[int, list[tuple[int, int]]] = {}
    for number, line in enumerate(lines):
        if number in furniture or not line.strip() or _TEXT_LIST_MARKER.match(line):
            continue
        if not _may_part_cells(line.replace("\f", " ").strip()):
            continue  # no gap between cells: most lines
        cells = _text_cells(line.replace("\f", " "))
        if len(cells) >= 2 and all(end - start <= _LONGEST_CELL for start, end in cells[1:]):
            candidates[number] = cells
    rows: dict[int, _LaidRow | None] = {}
    run: list[int] = []
    laid: dict[int, list[list[_Piece]]] = {}  # the run's rows: their columns' pieces
    header_lines: list[int] = []
    last = -1  # the run's last line, a row's or one its text wrapped onto

    def commit() -> None:
        header = _narrow_header(lines, run[0], candidates[run[0]], furniture)
        if header is not None and header[0] not in rows:
            rows[header[0]] = tuple(((header[0], start, end),) for start, end in header[1])
        rows.update((n, tuple(tuple(pieces) for pieces in laid[n])) for n in run)
        rows.update((n, None) for n in header_lines if run[0] < n < run[1])
        rows.update((n, None) for n in range(run[0], last + 1) if n not in laid and n not in rows)

    for number in range(len(lines) + 1):
        if number < len(lines) and (
            number in furniture or not lines[number].strip() or _COMMENT_LINE.match(lines[number])
            or _RULE_LINE.match(lines[number])
        ):
            continue
        if len(run) == 1 and number < len(lines) and number not in candidates and _under(candidates[run[0]], lines[number]):
            header_lines.append(number)
            continue
        if run and number in candidates and run[-1] in candidates and len(candidates[number]) == len(laid[run[0]]) and (
            _aligned(candidates[run[-1]], candidates[number])
            or ("\t" in lines[run[-1]] and "\t" in lines[number] and len(candidates[run[-1]]) == len(candidates[number]))
        ):
            run.append(number)
            laid[number] = [[(number, start, end)] for start, end in candidates[number]]
            last = number
            continue
        if run and number < len(lines) and "\t" not in lines[run[-1]]:
            columns = _laid_columns(lines[number], number, _column_starts(run, laid))
            if columns is not None and _row_of_its_own(columns, lines[number]):
                run.append(number)
                laid[number] = columns
                last = number
                continue
            if columns is not None and last == _line_above(lines, number, furniture) and _goes_on(columns, lines[number]):
                for pieces, more in zip(laid[run[-1]], columns):
                    pieces.extend(more)
                last = number
                continue
        if len(run) >= 2:
            commit()
        run = [number] if number in candidates else []
        laid = {number: [[(number, start, end)] for start, end in candidates[number]]} if run else {}
        last = number if run else -1
        header_lines = [n for n in header_lines if n > number]
    return rows


def _grouped_table_rows(
    lines: tuple[str, ...], furniture: set[int], taken: dict[int, _LaidRow | None]
) -> dict[int, _LaidRow | None]:
    """The tables whose rows blank lines part, each row's cells wrapping over its lines and
    centred on them (`pdftotext -layout` of a word processor's table: the status cell's first
    line above the title's, "En cours : ouverture programmée en janvier", then "Maison
    médicale de garde      La Flèche", then "2024."), which `_text_table_rows` cannot read
    line by line: no line of such a row holds all its cells. Where both read a group, these
    rows stand.

    A header line (two short cells or more, no figure) opens the table; each group of lines
    between blank lines under it is a row, or rows one after the other, when the text of a
    row's lines, its cells' spans put together, falls into as many columns as the header has,
    each overlapping no header cell but its own. The table ends at the first group that does not (a paragraph runs across the
    columns); a header over fewer than two such rows is none."""
    rows: dict[int, _LaidRow | None] = {}
    # A header's two cells need a gap between them: a text without a figureless line that has
    # one (most texts: a table's rows hold figures) has no header, and is not cut into groups.
    if not any(
        _may_part_cells(line.replace("\f", " ").strip()) and number not in furniture and number not in taken
        and not any(map(str.isdigit, line))
        for number, line in enumerate(lines)
    ):
        return rows
    groups = _line_groups(lines, furniture)
    owners = {n: first for first, row in taken.items() if row for pieces in row for n, _, _ in pieces}
    index = 0
    while index < len(groups):
        header_group = groups[index]
        index += 1
        if len(header_group) != 1 or header_group[0] in taken or any(map(str.isdigit, lines[header_group[0]])):
            continue
        header = _text_cells(lines[header_group[0]].replace("\f", " "))
        if len(header) < 2 or any(end - start > _LONGEST_CELL for start, end in header):
            continue
        table: list[tuple[list[int], _LaidRow]] = []
        read = 0  # the groups read as rows
        while index + read < len(groups):
            group = groups[index + read]
            found = _grouped_rows(lines, group, header) if _free(group, taken, owners) else None
            if found is None:
                break
            table.extend(found)
            read += 1
        if len(table) < 2:
            continue
        rows[header_group[0]] = tuple(((header_group[0], start, end),) for start, end in header)
        for row_lines, row in table:
            rows[row_lines[0]] = row
            rows.update((n, None) for n in row_lines[1:])
        index += read
    return rows


def _free(group: list[int], taken: dict[int, _LaidRow | None], owners: dict[int, int]) -> bool:
    """Whether a group of lines may be read as rows of its own: the rows that `_text_table_rows`
    read in it, line by line, lie wholly inside it (those rows cut a row of wrapped cells into
    pieces when its lines happen to line up; a row of theirs going on past the group is left
    as it is)."""
    inside = set(group)
    return all(
        all(m in inside for pieces in taken[owners[n]] or () for m, _, _ in pieces)
        for n in group if n in owners
    )


def _line_groups(lines: tuple[str, ...], furniture: set[int]) -> list[list[int]]:
    """The indexes of the lines of text between blank lines, page furniture left out (a page
    break does not part a group: a row may go on on the next page)."""
    groups: list[list[int]] = []
    group: list[int] = []
    for number, line in enumerate(lines):
        if number in furniture:
            continue
        if not line.replace("\f", " ").strip() or _COMMENT_LINE.match(line) or _RULE_LINE.match(line):
            if group:
                groups.append(group)
            group = []
        else:
            group.append(number)
    if group:
        groups.append(group)
    return groups


def _grouped_rows(
    lines: tuple[str, ...], group: list[int], header: list[tuple[int, int]]
) -> list[tuple[list[int], _LaidRow]] | None:
    """A group of lines read as the fewest rows under `header`, one after the other (no blank
    line parts two rows when neither wraps above its title: "Assistants médicaux    Cholet
    En cours : …" then the three lines of the next row); None when no cut reads them so."""
    # best[k]: the fewest rows the group's first k lines make, None when they make none
    best: list[list[tuple[list[int], _LaidRow]] | None] = [[]] + [None] * len(group)
    for end in range(1, len(group) + 1):
        for start in range(end):
            before = best[start]
            if before is None or (best[end] is not None and len(best[end]) <= len(before) + 1):
                continue
            row = _grouped_row(lines, group[start:end], header)
            if row is not None:
                best[end] = before + [(group[start:end], row)]
    return best[-1]


def _grouped_row(lines: tuple[str, ...], group: list[int], header: list[tuple[int, int]]) -> _LaidRow | None:
    """A group of lines read as one row under `header`: its cells' spans, those of all its
    lines, merged where they overlap into columns, one for each header cell and overlapping
    none of the others (or fewer, each under a header cell of its own: a cell left empty);
    None when they are not so laid out."""
    columns = _merged_columns(lines, group)
    if len(columns) == len(header):
        places = list(range(len(header)))
    elif len(columns) >= 2:
        # A cell left empty (a project without status): each column then lies under a header
        # cell of its own, the first under the first.
        places = [
            next((j for j, (h_start, h_end) in enumerate(header) if h_start < high and low < h_end), -1)
            for low, high in ((min(p[0] for p in column), max(p[1] for p in column)) for column in columns)
        ]
        if places[0] != 0 or any(b <= a for a, b in zip(places, places[1:])):
            return None
    else:
        return None
    row: list[tuple[_Piece, ...]] = [() for _ in header]
    for k, column in zip(places, columns):
        low, high = min(p[0] for p in column), max(p[1] for p in column)
        if any(h_start < high and low < h_end for j, (h_start, h_end) in enumerate(header) if j != k):
            return None
        row[k] = tuple(sorted((number, start, end) for start, end, number in column))
    return tuple(row)


def _merged_columns(lines: tuple[str, ...], group: list[int]) -> list[list[tuple[int, int, int]]]:
    """The cells of a group of lines, (start, end, line index), merged where their spans
    overlap into columns, left to right."""
    pieces = sorted(
        (start, end, number)
        for number in group
        for start, end in _text_cells(lines[number].replace("\f", " "))
    )
    columns: list[list[tuple[int, int, int]]] = []
    reach = -1
    for start, end, number in pieces:
        if columns and start <= reach:
            columns[-1].append((start, end, number))
            reach = max(reach, end)
        else:
            columns.append([(start, end, number)])
            reach = end
    return columns


_HEADER_LINES = 3  # a header's cells wrap over this many lines at most


def _wrapped_headers(
    lines: tuple[str, ...], furniture: set[int], taken: dict[int, _LaidRow | None]
) -> dict[int, _LaidRow | None]:
    """The headers of text tables that `_text_table_rows` left out because their cells do not
    overlap the columns of the rows below (`pdftotext -layout` centres a header over cells
    aligned left or right: "Département   Réunions   Projets" over "Calvados (14)   6   8"),
    or wrap over lines ("Réunions de" / "Département   Projets issus du CNR" / "concertation"):
    the lines right above a table's first row, no blank line between, of short cells and no
    figure, whose cells, merged where they overlap, make as many columns as the row has cells,
    taken in their order; or the line right above the row alone, its words one space apart
    where two headers meet ("Département      Réunions Projets retenus"), cut into the row's
    columns by `_split_header`. Their first line holds the header row; the others are None."""
    rows: dict[int, _LaidRow | None] = {}
    for first, row in taken.items():
        if row is None or first - 1 in taken:
            continue
        group: list[int] = []
        number = first - 1
        while number >= 0 and len(group) < _HEADER_LINES and _header_line(lines, number, furniture, taken):
            group.insert(0, number)
            number -= 1
        columns = _merged_columns(lines, group) if group else []
        if group and len(columns) < len(row):
            group = group[-1:]
            columns = _split_header(lines[group[0]].replace("\f", " "), group[0], row)
        if len(columns) < 2 or len(columns) != len(row):
            continue
        rows[group[0]] = tuple(tuple(sorted((n, start, end) for start, end, n in column)) for column in columns)
        rows.update((n, None) for n in group[1:])
    return rows


def _split_header(line: str, number: int, row: _LaidRow) -> list[list[tuple[int, int, int]]]:
    """A header line's words, each in the column of the row below that its span overlaps or
    is nearest to, the words of a column one cell; none when a word is as near two columns, the
    words do not follow the columns' order, or a column gets no word."""
    spans = [(min(start for _, start, _ in column), max(end for _, _, end in column)) for column in row]
    columns: list[list[tuple[int, int, int]]] = [[] for _ in spans]
    for word in re.finditer(r"\S+", line):
        gaps = [max(start - word.end(), word.start() - end, 0) for start, end in spans]
        nearest = min(gaps)
        if gaps.count(nearest) > 1:
            return []
        column = gaps.index(nearest)
        if any(columns[later] for later in range(column + 1, len(columns))):
            return []
        if columns[column]:
            columns[column] = [(columns[column][0][0], word.end(), number)]
        else:
            columns[column] = [(word.start(), word.end(), number)]
    return columns if all(columns) else []


def _header_line(lines: tuple[str, ...], number: int, furniture: set[int], taken: dict[int, _LaidRow | None]) -> bool:
    """A line that may be a table header's: text of short cells without a figure, in no row."""
    line = lines[number].replace("\f", " ")
    if number in furniture or number in taken or not line.strip() or any(map(str.isdigit, line)):
        return False
    if _TEXT_LIST_MARKER.match(line) or _COMMENT_LINE.match(line) or _RULE_LINE.match(line):
        return False
    return all(end - start <= _LONGEST_CELL for start, end in _text_cells(line))


def _column_starts(run: list[int], laid: dict[int, list[list[_Piece]]]) -> list[int]:
    """Where each column of a table's rows so far starts: its leftmost cell."""
    count = len(laid[run[0]])
    return [min((laid[n][k][0][1] for n in run if len(laid[n]) == count and laid[n][k]), default=0) for k in range(count)]


_COLUMN_SLACK = 3  # a cell starts this close to its column (pdftotext shifts a line by a character or two)


def _laid_columns(line: str, number: int, starts: list[int]) -> list[list[_Piece]] | None:
    """A line's text cut into the table's columns (`starts`), its cells cut where a column
    starts when two ran together; None when the line is not laid out in those columns (a
    paragraph below the table). A bullet before the first cell is no part of it."""
    content = line.replace("\f", " ")
    marker = _TEXT_LIST_MARKER.match(content)
    if marker:
        if marker.group(0).strip()[-1] in ".)":
            return None  # a numbered or lettered item is a list's, not a row's
        content = " " * marker.end() + content[marker.end():]
    columns: list[list[_Piece]] = [[] for _ in starts]
    bounds = starts[1:] + [len(content) + 1]
    cells = _text_cells(content)
    for start, end in cells:
        column = max((k for k, begin in enumerate(starts) if begin - _COLUMN_SLACK <= start), default=None)
        if column is None or columns[column]:
            return None
        while column + 1 < len(starts) and end > bounds[column] + _COLUMN_SLACK:
            # Only a line laid out in cells has cells that ran together: a line of prose has one.
            cut = _cut_near(content, start, end, bounds[column]) if len(cells) >= 2 else None
            if cut is None:
                return None
            columns[column].append((number, start, cut))
            start, column = cut + 1, column + 1
        columns[column].append((number, start, end))
    return columns


def _cut_near(content: str, start: int, end: int, column_start: int) -> int | None:
    """The space nearest where a column starts, between a cell's `start` and `end`: where two
    cells that ran together part."""
    spaces = [p for p in range(column_start - _COLUMN_SLACK, column_start + _COLUMN_SLACK)
              if start < p < end - 1 and content[p] == " "]
    return min(spaces, key=lambda p: abs(p + 1 - column_start)) if spaces else None


def _row_of_its_own(columns: list[list[_Piece]], line: str) -> bool:
    """A line in a table's columns that starts a row: all its cells filled, or its first cell
    and another, the first not going on in lower case from the line above."""
    filled = sum(1 for pieces in columns if pieces)
    return bool(columns[0]) and (filled == len(columns) or filled >= 2 and not _goes_on(columns, line))


def _goes_on(columns: list[list[_Piece]], line: str) -> bool:
    """A line that goes on with the cells of the row above: words without a number (a note
    under a key figure, "(27 lors du premier cycle)", is no cell's text), the first column
    empty, in lower case there, or alone there (a title wrapped before a name: "Maison de
    santé de" then "Saint-Renan")."""
    if any(character.isdigit() for character in line):
        return False
    if not columns[0]:
        return any(columns)
    _, start, _ = columns[0][0]
    return line[start:start + 1].islower() or not any(columns[1:])


def _line_above(lines: tuple[str, ...], number: int, furniture: set[int]) -> int | None:
    """The index of the line of text right above `number`, past page furniture; None when a
    blank line stands between (or none is above)."""
    n = number - 1
    while n >= 0 and n in furniture:
        n -= 1
    return n if n >= 0 and lines[n].replace("\f", " ").strip() else None


# A rule drawn across a table in a text export ("─────", "-----", "=====").
_RULE_LINE = re.compile(r"^\s*[─━═\-=_*]{5,}\s*$")


def _under(header: list[tuple[int, int]], line: str) -> bool:
    """Whether a line's cells all sit under cells of the header after its first: a header
    cell's second line."""
    cells = _text_cells(line.replace("\f", " "))
    return bool(cells) and all(
        any(h_start <= end and start <= h_end for h_start, h_end in header[1:]) for start, end in cells
    )


def _with_columns(item: Block, first: tuple[int, str, int]) -> Block:
    """An item whose first line is laid out in columns ("1.  Lisieux : un centre      RÉALISÉ")
    keeps the cells of that line, as a table row does: the gap that told them apart is a
    single space in its text."""
    number, line, start = first
    content = line.replace("\f", " ")
    if "   " not in content[start:] and "..." not in content[start:] and "\t" not in content[start:]:
        return item
    columns = [(max(cell_start, start), cell_end) for cell_start, cell_end in _text_cells(content) if cell_end > start]
    if len(columns) < 2 or columns[-1][1] - columns[-1][0] > _LONGEST_CELL:
        return item
    cells = []
    for column_start, column_end in columns:
        offsets = [o for o in (item.offset_of(number, column_start + 1), item.offset_of(number, column_end)) if o is not None]
        if len(offsets) != 2:
            return item
        cells.append((offsets[0], offsets[1] + 1))
    return replace(item, cells=tuple(cells))


def _may_part_cells(text: str) -> bool:
    """Whether `text` holds what `_CELL_GAP` needs: three spaces, dots, an ellipsis or a tab."""
    return "   " in text or "..." in text or "…" in text or "\t" in text


def _text_cells(line: str, gap: re.Pattern[str] = _CELL_GAP) -> list[tuple[int, int]]:
    """(start, end) of each cell of a line laid out in columns, `gap` parting them."""
    start = len(line) - len(line.lstrip())
    end_of_text = len(line.rstrip())
    if gap is _CELL_GAP and not _may_part_cells(line[start:end_of_text]):
        # One cell without a scan: most lines, such as the header candidates of
        # `_grouped_table_rows` in a text without a table.
        return [(start, end_of_text)] if end_of_text > start else []
    cells = []
    for found in gap.finditer(line, start, end_of_text):
        if found.start() > start:
            cells.append((start, found.start()))
        start = found.end()
    if end_of_text > start:
        cells.append((start, end_of_text))
    return cells


_NARROW_GAP = re.compile(r" {2,}")


def _narrow_header(lines: tuple[str, ...], first: int, cells: list[tuple[int, int]],
                   furniture: set[int]) -> tuple[int, list[tuple[int, int]]] | None:
    """The header over a table's first row whose headings two spaces part ("Département
    Rencontres  Participants  Projets", then a rule, then the rows), which a row's wider gaps do
    not: (its line, its cells) when they are as many as the row's and in its columns."""
    number = first - 1
    while number >= 0 and number >= first - 2 and _RULE_LINE.match(lines[number]):
        number -= 1
    if number < 0 or number in furniture or not lines[number].strip() or any(map(str.isdigit, lines[number])):
        return None
    header = _text_cells(lines[number].replace("\f", " "), _NARROW_GAP)
    return (number, header) if _aligned(header, cells) else None


def _aligned(above: list[tuple[int, int]], below: list[tuple[int, int]]) -> bool:
    """Same number of cells, each after the first overlapping the columns of the one above
    (cells are aligned left, right or centred, so their ranges meet)."""
    if len(above) != len(below):
        return False
    return all(a_start <= b_end and b_start <= a_end for (a_start, a_end), (b_start, b_end) in zip(above[1:], below[1:]))


def _text_row(lines: tuple[str, ...], row: _LaidRow) -> Block:
    """A row block of a text table: its cells joined by one space (`cells` tells them apart),
    each cell's pieces on the lines its text wraps over joined by a line break's space."""
    builder = _TextBuilder()
    ranges = []
    for pieces in row:
        cell = _TextBuilder()
        for index, start, end in pieces:
            cell.line_break = cell.length > 0
            cell.add_run(index + 1, lines[index].replace("\f", " "), start, end)
        if cell.length and builder.length:  # a cell of markup alone ("**") is empty: no space for it
            builder.add_synthetic(" ", cell.anchors[0][1], cell.anchors[0][2] - 1)
        cell_start = builder.length
        for part, (_, part_line, column) in zip(cell.parts, cell.anchors):
            builder._append(part, part_line, column - 1)
        ranges.append((cell_start, builder.length))
    text = "".join(builder.parts)
    numbers = [index + 1 for pieces in row for index, _, _ in pieces]
    return Block("row", 0, text, min(numbers), max(numbers), tuple(builder.anchors), False, _strip_cells(text, ranges))


def _runs_on(previous: tuple[int, str, int], content: str) -> bool:
    """Whether a paragraph cut by a page break (and its footer and header) goes on with `content`.

    PDF pages cut paragraphs anywhere, even inside a word: the text before the break stops
    mid-sentence (on a lower-case word, a digit, a comma or a hyphen; not on a status line in
    capitals), and the text after it starts in lower case.
    """
    before = previous[1].replace("\f", " ").rstrip()
    last = before[-1:]
    stops_mid_sentence = last.islower() or last.isdigit() or last in (",", "-")
    return stops_mid_sentence and content.lstrip()[:1].islower()


def _page_furniture(lines: tuple[str, ...]) -> set[int]:
    """Line indexes of page numbers and running headers or footers around page breaks."""
    # Page numbers and numbered headers end in a digit, or a dash ("- 2 -"); most lines do not,
    # and are not tried against their patterns (a numbered header's took a third of parsing a text).
    numbered = [n for n, line in enumerate(lines) if (end := line.rstrip()[-1:]).isdecimal() or end in ("-", "–")]
    # Without form feeds, the page numbers ("Page 2 / 3") are where the pages break.
    breaks = [n for n, line in enumerate(lines) if "\f" in line] or [
        n for n in numbered if _PAGE_NUMBER.match(lines[n])]
    if not breaks:
        return _numbered_headers(lines, numbered)
    zone: set[int] = set()
    for n in breaks + [len(lines)]:
        zone.update(_nonblank_near(lines, n, -1))
        zone.update(_nonblank_near(lines, n, +1))
    zone.update(_nonblank_near(lines, -1, +1))
    in_zone = Counter(_bare(lines[n]) for n in zone)
    everywhere = Counter(_bare(line) for line in lines)
    # The dossier's title, on its first lines: a page's header may repeat it in another case.
    title_lines = {_bare(lines[n]).casefold() for n in _nonblank_near(lines, -1, +1, _TITLE_LINES) if n < breaks[0]}
    furniture = set()
    for n in zone:
        text = _bare(lines[n])
        # A running header or footer repeats at page edges and nowhere else: a status line
        # ("EN COURS") that happens to end two pages also occurs inside the pages.
        running = in_zone[text] > 1 and in_zone[text] == everywhere[text]
        titled = n >= breaks[0] and len(text.split()) >= _HEADER_WORDS and text.casefold() in title_lines
        if (_PAGE_NUMBER.match(text) or _BARE_NUMBER.match(text) or running or titled
                or _numbered_as_its_page(lines[n], n, breaks)):
            furniture.add(n)
    furniture.update(n for n in numbered if _PAGE_NUMBER.match(lines[n]))
    return furniture | _numbered_headers(lines, numbered)


_TITLE_LINES = 8  # the first lines of a dossier, where its title stands

# A running header or footer that carries the page number at its end, past a wide gap.
_HEADER_WORDS = 4  # fewer: a repeated table row ("Total      12")
_NUMBERED_HEADER = re.compile(r"^\s*(\S.*?\S)\s{3,}\d{1,4}\s*$")


def _numbered_as_its_page(line: str, index: int, breaks: list[int]) -> bool:
    """Whether a line at a page's edge is a header or footer that ends with its page's number
    ("CNR santé en Ille-et-Vilaine : 1 an après        2"), even when no other page repeats it."""
    found = _NUMBERED_HEADER.match(line.replace("\f", " "))
    if found is None or len(found.group(1).split()) < _HEADER_WORDS:
        return False
    page = 1 + sum(1 for n in breaks if n <= index)  # a form feed starts its line's page
    return int(line.rstrip().rsplit(None, 1)[-1]) == page


def _numbered_headers(lines: tuple[str, ...], candidates: list[int]) -> set[int]:
    """Without form feeds, the lines of a header or footer repeated with its page number ("ARS
    Normandie – Dossier de presse      2"): the same words on two lines or more. `candidates`:
    the indexes of the lines that end in a digit."""
    numbered = {n: m.group(1) for n in candidates if (m := _NUMBERED_HEADER.match(lines[n]))}
    repeated = Counter(numbered.values())
    return {n for n, text in numbered.items() if repeated[text] > 1 and len(text.split()) >= _HEADER_WORDS}


def _bare(line: str) -> str:
    return line.replace("\f", "").strip()


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


# -- Word, OpenDocument and PDF -----------------------------------------------------------------


def parse_styled(styled: tuple[StyledLine, ...]) -> list[Block]:
    """The blocks of a document whose reader gave each line its layout (`read.StyledLine`).

    A Word or OpenDocument paragraph is a block. PDF lines are joined into one block while no
    gap, no change of kind, level or weight, and no list marker separates them; across a page
    break only when the text runs on (`_runs_on`). Page numbers and running headers and
    footers (margin lines that repeat on other pages, digits aside) are dropped.
    """
    furniture = _running_lines(styled)
    blocks: list[Block] = []
    pending: list[tuple[int, str, int]] = []
    kind, level, bold = "paragraph", 0, False
    last = StyledLine("")  # the line `pending` ends with

    def flush() -> None:
        if pending:
            block = _block(kind, level, pending)
            if block:
                italic = all(styled[number - 1].italic for number, _, _ in pending)
                starts_list = kind == "item" and styled[pending[0][0] - 1].starts_list
                blocks.append(replace(block, emphasised=bold or italic, starts_list=starts_list))
        pending.clear()

    for index, line in enumerate(styled):
        if index in furniture or not line.text.strip():
            continue
        number = index + 1
        if line.kind == "row":
            flush()
            blocks.append(Block("row", 0, line.text, number, number, ((0, number, 1),), False, line.cells))
            continue
        marker = _TEXT_LIST_MARKER.match(line.text) if line.kind == "paragraph" else None
        if pending and not marker and _continues(last, line, kind, level, bold) and not (
                kind == "item" and _enumeration_over(blocks, last, line)):
            pending.append((number, line.text, 0))
        else:
            flush()
            kind, bold = ("item", line.bold) if marker else (line.kind, line.bold)
            level = 1 if marker else line.level
            pending.append((number, line.text, marker.end() if marker else 0))
        last = line
    flush()
    return blocks


def _enumeration_over(blocks: list[Block], last: StyledLine, line: StyledLine) -> bool:
    """Whether a PDF line after an enumeration's item starts a paragraph: the items before ended
    with a semicolon, this one with its full stop ("a ;", "b ;", "c."), and the line opens on a
    capital ("Six projets concrets sont nés…"), as French ends an enumeration."""
    return (bool(blocks) and blocks[-1].kind == "item" and blocks[-1].text.endswith(";")
            and last.text.rstrip().endswith(".") and line.text.lstrip()[:1].isupper())


def _continues(last: StyledLine, line: StyledLine, kind: str, level: int, bold: bool) -> bool:
    """Whether a PDF line goes on with the block before it (a paragraph of Word is one line)."""
    same_kind = (line.kind == "heading" and kind == "heading" and line.level == level) or (
        line.kind == "paragraph" and kind in ("paragraph", "item") and line.bold == bold
    )
    if not same_kind:
        return False
    if line.page != last.page:
        return _runs_on((0, last.text, 0), line.text)
    return not line.new_block


def _running_lines(styled: tuple[StyledLine, ...]) -> set[int]:
    """Indexes of margin lines that are page numbers or repeat in the same margin (top or
    bottom) of another page. Text that a page break leaves at the foot of one page, and the
    same words at the head of the next ("STATUT : EN COURS" twice), is no running header; nor
    is a number above the document's count of pages ("820" at the head of page 2 of 3: a big
    figure that the page break put there), which numbers no page."""
    margin: list[tuple[int, tuple[str, bool]]] = []  # (index, (text, at the top of its page))
    page, top = None, True
    for index, line in enumerate(styled):
        if line.page != page:
            page, top = line.page, True
        if not line.margin:
            top = False  # the page's body has begun: margin lines from here on are at its foot
            continue
        margin.append((index, (_DIGITS.sub("#", line.text.strip()), top)))
    pages_of: dict[tuple[str, bool], set[int]] = {}
    for index, place in margin:
        pages_of.setdefault(place, set()).add(styled[index].page)
    pages = styled[-1].page if styled else 0
    return {
        index for index, place in margin
        if len(pages_of[place]) > 1 or _PAGE_NUMBER.match(styled[index].text)
        or _BARE_NUMBER.match(styled[index].text) and int(styled[index].text) <= pages
    }


_DIGITS = re.compile(r"\d+")
