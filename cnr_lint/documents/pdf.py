"""PDF with a text layer, through pypdfium2 (PDFium, the engine of Chromium's PDF viewer).

Each page's characters come in PDFium's reading order (the order of the content stream, which
keeps columns apart), with their boxes, font sizes and font names; they are cut into text
lines, and each line gets its layout: its font size ranked against the body's (a larger size
is a heading, by rank), bold or italic when all its letters are, a table row when its words stand in
columns shared with the lines around it, the margin it sits in (running headers, footers and
page numbers live there; `parse` drops those that repeat), and whether a vertical gap opens a
new block before it. PDFium marks a hyphen that ends a line; it is kept for `parse` to join.

A table drawn with cell borders (LibreOffice and Word draw each border as a thin line or
rectangle) is rebuilt from them: each character goes to the cell its centre lies in, so a
cell's text wrapped over several lines, and cells set at other heights than their neighbours,
come out as one row per table row, as the Word reader gives it. A table without borders is
found by its words standing in shared columns, line after line, even when its rows are spaced
out (`_spaced_rows`).
"""

from __future__ import annotations

import codecs
import ctypes
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterator

from cnr_lint.documents import DocumentError, row
from cnr_lint.read import StyledLine

# A press dossier runs to a few dozen pages; reading more would take time for nothing a
# dossier holds (PDFium reads a page in milliseconds, but the cap bounds time and memory).
MAX_PAGES = 200
MAX_PAGE_CHARACTERS = 100_000  # a dense page of text holds about 5 000
_MARGIN = 0.07  # of the page's height, at the top and the bottom: running headers and footers
_HEADING_RATIO = 1.15  # a line this much larger than the body's text is a heading
_PARAGRAPH_GAP = 1.5  # a vertical step this many font sizes above the line opens a new block
_STEP_SLACK = 1.0  # points: two steps down this close are the same line spacing
_CELL_GAP = 1.5  # a horizontal gap this many font sizes wide separates table cells
_COLUMN_SLACK = 4.0  # points: cells of one column start this close to each other
_PROSE_RUN = 20  # characters: a line of a column of text holds more; a table's cell, fewer
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold", re.IGNORECASE)
_ITALIC_FONT = re.compile(r"italic|oblique", re.IGNORECASE)
_ITALIC_FLAG = 1 << 6  # of a PDF font descriptor's flags
_LINE_END_HYPHEN = "\x02"  # PDFium's code for a hyphen that ends a line
_RULE_THICKNESS = 2.5  # points: a path this thin across is a drawn rule (a cell border)
_RULE_REACH = 3.0  # points: rules this close meet (a border's ends overlap by its width)


@dataclass
class _Line:
    chars: list[str] = field(default_factory=list)
    lefts: list[float] = field(default_factory=list)
    rights: list[float] = field(default_factory=list)
    middles: list[float] = field(default_factory=list)  # each character's vertical centre
    sizes: Counter = field(default_factory=Counter)
    bold_letters: int = 0
    italic_letters: int = 0
    letters: int = 0
    baseline: float = 0.0

    @property
    def text(self) -> str:
        return "".join(self.chars)

    @property
    def size(self) -> float:
        return self.sizes.most_common(1)[0][0] if self.sizes else 0.0

    def segments(self) -> list[tuple[int, int, float]]:
        """(start, end, left x) of each run of words separated by a gap wider than a cell gap."""
        found: list[tuple[int, int, float]] = []
        start, last_right = None, None
        gap = _CELL_GAP * (self.size or 10.0)
        for index, char in enumerate(self.chars):
            if char.isspace():
                continue
            if start is None:
                start = index
            elif self.lefts[index] - last_right > gap:
                found.append((start, previous_end, self.lefts[start]))
                start = index
            last_right, previous_end = self.rights[index], index + 1
        if start is not None:
            found.append((start, previous_end, self.lefts[start]))
        return found


def read(data: bytes) -> Iterator[StyledLine]:
    import pypdfium2 as pdfium

    _refuse_what_is_no_pdf(data)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise DocumentError("is encrypted (it needs a password): cnr-lint cannot read it") from None
        raise DocumentError(f"is damaged: PDFium cannot open it ({error})") from None
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise DocumentError(f"has {pages} pages, more than the {MAX_PAGES} a dossier may hold: not read")
        lines = [(number, *_page_lines(document, number)) for number in range(pages)]
    finally:
        document.close()
    without_text = sum(1 for _, page, _ in lines if not any(line.letters for line, _ in page))
    if without_text == pages:
        raise DocumentError("has no text layer: a scanned PDF cannot be read")
    if without_text * 2 > pages:  # a typed cover page, the rest scanned: most of it would go unread
        raise DocumentError(
            f"has no text layer on {without_text} of its {pages} pages: a scanned PDF cannot be read"
        )
    yield from _styled(lines)


def _refuse_what_is_no_pdf(data: bytes) -> None:
    if b"%PDF-" not in data[:1024]:
        try:  # the start of a text file (its last character may be cut in two)
            codecs.getincrementaldecoder("utf-8")().decode(data[:4096], final=False)
        except UnicodeDecodeError:
            raise DocumentError("is not a PDF: it does not start with %PDF-") from None
        raise DocumentError("is named .pdf but holds plain text, not a PDF: name it .txt to have it read as text")
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError("is truncated or damaged: it does not end with the PDF end-of-file marker")


def _page_lines(document, number: int) -> tuple[list[tuple[_Line, bool]], list[_Grid]]:
    """The text lines of one page, each with whether it sits in the top or bottom margin, and
    the grids its drawn rules make."""
    import pypdfium2 as pdfium

    try:
        page = document[number]
        try:
            height = page.get_height()
            textpage = page.get_textpage()
            try:
                count = textpage.count_chars()
                if count > MAX_PAGE_CHARACTERS:
                    raise DocumentError(f"has {count} characters on page {number + 1}, more than a page of a dossier holds")
                lines = _lines(pdfium.raw, textpage.raw, count)
            finally:
                textpage.close()
            grids = _grids(*_rules(page, pdfium.raw))
        finally:
            page.close()
    except pdfium.PdfiumError as error:
        raise DocumentError(f"is damaged: page {number + 1} cannot be read ({error})") from None
    return [(line, not (_MARGIN * height < line.baseline < (1 - _MARGIN) * height)) for line in lines], grids


@dataclass(frozen=True, slots=True)
class _Rule:
    """A drawn line: `at` is the x of a vertical one, the y of a horizontal one; it runs from
    `start` to `end` along the other axis."""

    at: float
    start: float
    end: float

    def meets(self, other: _Rule) -> bool:
        """Whether this rule and one across it touch or cross."""
        return (self.start - _RULE_REACH <= other.at <= self.end + _RULE_REACH
                and other.start - _RULE_REACH <= self.at <= other.end + _RULE_REACH)


@dataclass(frozen=True, slots=True)
class _Grid:
    """A table's borders: the y of its horizontal rules from the top down, and its vertical
    rules (a merged cell's border is missing from the rows it spans)."""

    rows: tuple[float, ...]
    verticals: tuple[_Rule, ...]
    full_width: bool  # every horizontal rule runs from the left border to the right one

    @property
    def left(self) -> float:
        return min(rule.at for rule in self.verticals)

    @property
    def right(self) -> float:
        return max(rule.at for rule in self.verticals)

    def columns(self, band: int) -> list[float]:
        """The x of the borders of the cells of a row band (between rows[band] and the next)."""
        middle = (self.rows[band] + self.rows[band + 1]) / 2
        return sorted({round(rule.at, 1) for rule in self.verticals if rule.start <= middle <= rule.end})

    def holds(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.rows[-1] <= y <= self.rows[0]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """(band, column) of the cell a point lies in, or None in a band without cells."""
        band = next(i for i in range(len(self.rows) - 1) if y >= self.rows[i + 1])
        borders = self.columns(band)
        column = next((i for i in range(len(borders) - 1) if x < borders[i + 1]), None)
        return None if column is None else (band, column)


def _rules(page, raw) -> tuple[list[_Rule], list[_Rule]]:
    """The page's horizontal and vertical rules: paths thin across, long along (a stroked line
    or a thin filled rectangle), those that continue each other joined into one."""
    horizontals, verticals = [], []
    for path in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=1):
        left, bottom, right, top = path.get_bounds()
        if top - bottom <= _RULE_THICKNESS < right - left:
            horizontals.append(_Rule((top + bottom) / 2, left, right))
        elif right - left <= _RULE_THICKNESS < top - bottom:
            verticals.append(_Rule((left + right) / 2, bottom, top))
    return _joined(horizontals), _joined(verticals)


def _joined(rules: list[_Rule]) -> list[_Rule]:
    joined: list[_Rule] = []
    for rule in sorted(rules, key=lambda r: (round(r.at), r.start)):
        last = joined[-1] if joined else None
        if last is not None and abs(last.at - rule.at) <= 1 and rule.start <= last.end + _RULE_REACH:
            joined[-1] = _Rule(last.at, last.start, max(last.end, rule.end))
        else:
            joined.append(rule)
    return joined


def _grids(horizontals: list[_Rule], verticals: list[_Rule]) -> list[_Grid]:
    """The grids the rules make: rules that meet, at least two of each direction, and cells
    side by side in some row (one cell alone is a box drawn round text, not a table)."""
    group = list(range(len(horizontals) + len(verticals)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = i = group[group[i]]
        return i

    for h, horizontal in enumerate(horizontals):
        for v, vertical in enumerate(verticals):
            if horizontal.meets(vertical):
                group[root(h)] = root(len(horizontals) + v)
    members: dict[int, tuple[list[_Rule], list[_Rule]]] = {}
    for h, horizontal in enumerate(horizontals):
        members.setdefault(root(h), ([], []))[0].append(horizontal)
    for v, vertical in enumerate(verticals):
        members.setdefault(root(len(horizontals) + v), ([], []))[1].append(vertical)
    grids = []
    for across, down in members.values():
        rows: list[float] = []
        for at in sorted((rule.at for rule in across), reverse=True):
            if not rows or rows[-1] - at > 1:  # a border drawn twice (each cell's own) is one
                rows.append(at)
        if len(rows) < 2 or len({round(rule.at) for rule in down}) < 2:
            continue
        left, right = min(rule.at for rule in down), max(rule.at for rule in down)
        full = all(rule.start <= left + _RULE_REACH and rule.end >= right - _RULE_REACH for rule in across)
        grid = _Grid(tuple(rows), tuple(down), full)
        if any(len(grid.columns(band)) > 2 for band in range(len(rows) - 1)):
            grids.append(grid)
    return grids


def _lines(raw, textpage, count: int) -> list[_Line]:
    """The page's characters cut into lines. A character's font, size and weight are those of
    its text object (a run of text in one font): they are asked once per object."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    x, y = ctypes.c_double(), ctypes.c_double()
    name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
    text_object = _text_object_address(raw)
    lines: list[_Line] = []
    line = _Line()
    run, size, bold, italic = None, 0.0, False, False
    for index in range(count):
        char = chr(raw.FPDFText_GetUnicode(textpage, index))
        if char in "\r\n" or char == _LINE_END_HYPHEN:
            if char == _LINE_END_HYPHEN and line.chars:
                line.chars.append("-")
                line.lefts.append(line.rights[-1])
                line.rights.append(line.rights[-1])
                line.middles.append(line.middles[-1])
            if line.chars:
                lines.append(line)
            line = _Line()
            continue
        if _is_bullet(char) and not "".join(line.chars).strip():
            char = "•"  # the list marker parse knows
        elif not char.isprintable():
            continue
        if char == " " and line.chars:  # a space's box and font matter to nothing: words make cells
            line.chars.append(char)
            line.lefts.append(line.rights[-1])
            line.rights.append(line.rights[-1])
            line.middles.append(line.middles[-1])
            continue
        raw.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
        character_run = text_object(textpage, index)
        if character_run != run or not line.chars:
            run = character_run
            size = round(raw.FPDFText_GetFontSize(textpage, index) * 2) / 2
            raw.FPDFText_GetFontInfo(textpage, index, name, len(name), ctypes.byref(flags))
            font = name.value.decode("latin-1")
            bold = bool(_BOLD_FONT.search(font)) or raw.FPDFText_GetFontWeight(textpage, index) >= 600
            italic = bool(_ITALIC_FONT.search(font)) or bool(flags.value & _ITALIC_FLAG)
            raw.FPDFText_GetCharOrigin(textpage, index, x, y)
            if line.chars and abs(y.value - line.baseline) > 0.6 * max(size, 1.0) and left.value < line.lefts[-1]:
                lines.append(line)  # the text went back to a lower line without PDFium saying so
                line = _Line()
            if not line.chars:
                line.baseline = y.value
        line.chars.append(char)
        line.lefts.append(left.value)
        line.rights.append(right.value)
        line.middles.append((bottom.value + top.value) / 2)
        if char.isalnum():
            line.sizes[size] += 1
            line.letters += 1
            line.bold_letters += bold
            line.italic_letters += italic
    if line.chars:
        lines.append(line)
    return lines


def _is_bullet(char: str) -> bool:
    """A list's bullet glyph: Word's come out of its Symbol and Wingdings fonts as private-use
    characters (U+F0B7, U+F0A7…), others as one of the usual bullet shapes."""
    return char in _BULLETS or unicodedata.category(char) == "Co"


_BULLETS = "•▪◦●■□○►▸➢✓"


@functools.lru_cache(maxsize=1)
def _text_object_address(raw):
    """FPDFText_GetTextObject returning a plain address: pypdfium2's binding returns a pointer
    object, and comparing two needs a ctypes.cast each, which cost a third of reading a page."""
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
    return prototype(ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value)


def _styled(pages: list[tuple[int, list[tuple[_Line, bool]], list[_Grid]]]) -> Iterator[StyledLine]:
    sizes: Counter = Counter()
    for _, page, _ in pages:
        for line, margin in page:
            if not margin:
                sizes.update(line.sizes)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    larger = sorted({size for size in sizes if size >= body * _HEADING_RATIO}, reverse=True)
    styled: list[StyledLine] = []
    for number, page, grids in pages:
        previous: _Line | None = None
        step_above: float | None = None  # the step down to `previous` from the line above it
        measure = max((max(line.rights) for line, margin in page if not margin and line.rights), default=0.0)
        for item in _laid_out(page, grids):
            if isinstance(item, StyledLine):  # a table row (or the blank lines a wrapped row takes)
                if not _continues_row(styled, item, number + 1):
                    styled.append(replace(item, page=number + 1))
                previous = step_above = None
                continue
            line, margin = item
            size, bold = line.size, line.letters > 0 and line.bold_letters == line.letters
            new_block = (
                previous is None or abs(size - previous.size) >= 1
                or (_gap_between(previous, line) and not _spaced_out(previous, line, step_above, measure))
            )
            step_above = previous.baseline - line.baseline if previous is not None else None
            # (a margin's line too: running headers are dropped by `parse` when they repeat, and
            # a page filled to its edges puts a heading there, "Le Sud-Ouest en chiffres")
            kind, level = ("heading", larger.index(size) + 1) if size in larger else ("paragraph", 0)
            italic = line.letters > 0 and line.italic_letters == line.letters
            styled.append(StyledLine(line.text, kind, level, bold, page=number + 1, new_block=new_block, margin=margin,
                                     italic=italic))
            previous = line
    return iter(styled)


def _continues_row(styled: list[StyledLine], row_line: StyledLine, page: int) -> bool:
    """Whether a row at the top of a page is the end of the last row of the page before, which
    the page break cut (a word processor splits a tall row): its table's row (the same cells)
    ends that page, and its first cell goes on in lower case ("territorial à deux sites", under
    "Aubusson : ouvrir un centre de santé"). If so, its cells' texts are joined to that row's."""
    if row_line.kind != "row":
        return False
    above = next((index for index in range(len(styled) - 1, -1, -1) if not styled[index].margin), None)
    if above is None or styled[above].page == page:
        return False  # not at the top of its page
    if styled[above].kind != "row" or len(styled[above].cells) != len(row_line.cells):
        return False
    cells = [row_line.text[start:end] for start, end in row_line.cells]
    if not cells[0][:1].islower():
        return False
    before = [styled[above].text[start:end] for start, end in styled[above].cells]
    styled[above] = replace(row(list(map(_join, before, cells))), page=styled[above].page)
    return True


def _laid_out(page: list[tuple[_Line, bool]], grids: list[_Grid]) -> list:
    """The page's lines in reading order, with its tables made into rows (`StyledLine`): those
    its drawn grids hold, then those of the text between them whose words stand in columns."""
    out: list = []
    run: list[tuple[_Line, bool]] = []
    for item in _with_grids(page, grids) + [None]:
        if isinstance(item, tuple):
            run.append(item)
            continue
        out.extend(_with_tables(_in_reading_order(run)))
        run = []
        if item is not None:
            out.append(item)
    return out


def _with_grids(page: list[tuple[_Line, bool]], grids: list[_Grid]) -> list:
    """The page's lines, those each grid holds replaced by its rows, where its first line was.

    A grid is not understood when a line runs out of it, a horizontal rule stops short of its
    sides (a cell merged across rows) or text lies in a row without cells: its text is then one
    paragraph, which gives no entry, rather than rows guessed.
    """
    out: list = list(page)
    for grid in grids:
        held = [index for index, item in enumerate(out) if isinstance(item, tuple) and _inside(item[0], grid) is not False]
        if not held:
            continue
        lines = [out[index][0] for index in held]
        rows = _grid_rows(grid, lines) if grid.full_width and all(map(lambda line: _inside(line, grid), lines)) else None
        if rows is None:
            rows = [StyledLine(" ".join(" ".join(line.text.split()) for line in lines))]
        out[held[0]:held[0] + 1] = rows
        for index in reversed(held[1:]):
            del out[index + len(rows) - 1]
    return out


def _inside(line: _Line, grid: _Grid) -> bool | None:
    """Whether the line's characters lie inside the grid: all (True), none (False), or some."""
    inside = [grid.holds((left + right) / 2, middle)
              for char, left, right, middle in zip(line.chars, line.lefts, line.rights, line.middles) if not char.isspace()]
    return all(inside) if all(inside) or not any(inside) else None


def _grid_rows(grid: _Grid, lines: list[_Line]) -> list[StyledLine] | None:
    """One row for each of the grid's rows that holds text, each cell's lines joined from the
    top down; None when some text lies in a row without cells."""
    fragments: dict[tuple[int, int], list[tuple[float, float, float, str]]] = {}  # (middle, left, size, text)
    for line in lines:
        current = None
        for char, left, right, middle in zip(line.chars, line.lefts, line.rights, line.middles):
            if not char.isspace():
                cell = grid.cell((left + right) / 2, middle)
                if cell is None:
                    return None
                if cell != current:
                    current = cell
                    fragments.setdefault(cell, []).append((middle, left, line.size or 10.0, ""))
            if current is not None:
                middle, start, size, text = fragments[current][-1]
                fragments[current][-1] = (middle, start, size, text + char)
    rows = []
    for band in range(len(grid.rows) - 1):
        cells = [_cell_text(fragments.get((band, column), [])) for column in range(len(grid.columns(band)) - 1)]
        if any(cells):
            rows.append(row(cells))
    return rows


def _cell_text(fragments: list[tuple[float, float, float, str]]) -> str:
    """A cell's text: its fragments from the top line down, left to right on a line (a bold
    figure and the words after it may stand a little higher or lower: half a font size)."""
    text, line_middle = "", None
    for middle, _, size, fragment in sorted(fragments, key=lambda f: (-f[0], f[1])):
        words = " ".join(fragment.split())
        if line_middle is not None and abs(middle - line_middle) <= size / 2:
            text = f"{text} {words}"
        else:
            text, line_middle = _join(text, words), middle
    return text


def _in_reading_order(page: list[tuple[_Line, bool]]) -> list[tuple[_Line, bool]]:
    """The page's lines with its columns one after the other.

    PDFium gives the lines in the order of the file, which keeps columns apart when each is
    written in one go (LibreOffice, Word). A file that interleaves them leaves lines that run
    across the gutter: when at least three lines hold two runs of prose (a table's cells are
    short) starting at the same two places, every line is cut at that gutter, and the left
    column is read before the right one; lines above and below the columns stay where they are.
    """
    gutters = [right for right in map(_prose_gutter, (line for line, margin in page if not margin)) if right]
    gutter = Counter(round(x / _COLUMN_SLACK) for x in gutters).most_common(1)
    if not gutter or gutter[0][1] < 3:
        return page
    at = gutter[0][0] * _COLUMN_SLACK
    in_columns = [index for index, (line, margin) in enumerate(page) if not margin and _cut(line, at)[1]]
    first, last = in_columns[0], in_columns[-1]
    # A column's last lines may stand alone, the other column having ended above them.
    while first > 0 and _within_a_column(page[first - 1], at):
        first -= 1
    while last + 1 < len(page) and _within_a_column(page[last + 1], at):
        last += 1
    parts = [_cut(line, at) for line, _ in page[first:last + 1]]
    left = [(part, False) for part, _ in parts if part is not None]
    right = [(part, False) for _, part in parts if part is not None]
    return page[:first] + left + right + page[last + 1:]


def _prose_gutter(line: _Line) -> float | None:
    """Where the second of two runs of prose starts on a line that holds exactly two, else None."""
    segments = line.segments()
    if len(segments) == 2 and all(end - start >= _PROSE_RUN for start, end, _ in segments):
        return segments[1][2]
    return None


def _within_a_column(item: tuple[_Line, bool], at: float) -> bool:
    """A body line that does not run across the gutter starting at `at`."""
    line, margin = item
    edge = at - _COLUMN_SLACK
    return not margin and not any(x < edge < line.rights[end - 1] for _, end, x in line.segments())


def _cut(line: _Line, at: float) -> tuple[_Line | None, _Line | None]:
    """The parts of a line left and right of a gutter starting at `at` (None where it has none)."""
    right = next((start for start, _, x in line.segments() if x >= at - _COLUMN_SLACK), None)
    if right is None:
        return line, None
    if right == next(start for start, _, _ in line.segments()):
        return None, line
    return _part(line, 0, right), _part(line, right, len(line.chars))


def _part(line: _Line, start: int, end: int) -> _Line:
    letters = sum(1 for char in line.chars[start:end] if char.isalnum())
    share = letters / max(line.letters, 1)
    return _Line(
        line.chars[start:end], line.lefts[start:end], line.rights[start:end], line.middles[start:end],
        Counter({size: max(1, round(count * share)) for size, count in line.sizes.items()}),
        round(line.bold_letters * share), round(line.italic_letters * share), letters, line.baseline,
    )


def _with_tables(page: list[tuple[_Line, bool]]) -> list:
    """The page's lines, with runs of lines whose words stand in shared columns made into rows.

    A table is a line of two or more cells (its header) and the lines below whose cells start
    in its columns; a cell's text wrapped over several lines is joined, and the row ends when
    every column has its text. Fewer than two rows of two cells is no table (a justified line
    can have a wide gap): those lines stay lines.
    """
    out: list = []
    index = 0
    while index < len(page):
        line, margin = page[index]
        segments = line.segments()
        if margin or len(segments) < 2:
            out.append(page[index])
            index += 1
            continue
        columns = [x for _, _, x in segments]
        rows, end = _table_rows(page, index, columns)
        if sum(1 for cells, _ in rows if sum(1 for c in cells if c) >= 2) < 2:
            rows = _spaced_rows(page, index)
            end = index + len(rows)
        if not rows or sum(1 for cells, _ in rows if sum(1 for c in cells if c) >= 2) < 2:
            out.append(page[index])
            index += 1
            continue
        for cells, taken in rows:
            out.append(row(cells))
            out.extend(StyledLine("", "paragraph") for _ in range(taken - 1))
        index = end
    return out


def _table_rows(page, start: int, columns: list[float]) -> tuple[list[tuple[list[str], int]], int]:
    """The rows from `start` on, each with the number of lines it took, and where they end."""
    rows: list[tuple[list[str], int]] = []
    cells, taken, previous = [""] * len(columns), 0, None
    index = start
    while index < len(page):
        line, margin = page[index]
        placed = None if margin else _place(line, columns)
        if placed is None or (previous is not None and _gap_between(previous, line)):
            break
        if all(cells) or (len(placed) >= 2 and any(cells[column] for column in placed)):
            rows.append((cells, taken))
            cells, taken = [""] * len(columns), 0
        for column, text in placed.items():
            cells[column] = _join(cells[column], text)
        taken, previous, index = taken + 1, line, index + 1
    if all(cells):
        rows.append((cells, taken))
    else:
        index -= taken  # an unfinished row is no row: its lines stay lines
    return rows, index


def _spaced_rows(page, start: int) -> list[tuple[list[str], int]]:
    """The rows of a table without borders set a row a line, its rows spaced out and its headers
    centred over their columns (LibreOffice's default table, borders off), from `start` on; or
    none. Its lines each hold two runs of words or more; the columns start where the runs after
    the first start in most of them, and each word goes to the column it starts in, so a cell
    set close to the one before it ("Huit autres départements 33") and a header wider than its
    column's figures are cut as the figures are. A word across a column's start ends the table."""
    lines: list[_Line] = []
    for line, margin in page[start:]:
        if margin or len(line.segments()) < 2 or (lines and not _row_step(lines[-1], line)):
            break
        lines.append(line)
    if len(lines) < _FEWEST_SPACED_ROWS:
        return []
    starts = sorted(x for line in lines for _, _, x in line.segments()[1:])
    clusters: list[list[float]] = []
    for x in starts:
        if clusters and x - clusters[-1][-1] <= _COLUMN_SLACK:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    columns = [cluster[0] for cluster in clusters if 2 * len(cluster) >= len(lines)]
    if not columns:
        return []
    rows = []
    for line in lines:
        cells = [""] * (len(columns) + 1)
        for left, right, word in _words(line):
            if any(left < x - _COLUMN_SLACK < right for x in columns):
                return rows if len(rows) >= _FEWEST_SPACED_ROWS else []
            column = sum(1 for x in columns if x - _COLUMN_SLACK <= left)
            cells[column] = f"{cells[column]} {word}".lstrip()
        if not cells[0] or sum(1 for cell in cells if cell) < 2:
            break
        rows.append((cells, 1))
    return rows if len(rows) >= _FEWEST_SPACED_ROWS else []


_FEWEST_SPACED_ROWS = 3  # a header and two rows
_ROW_STEP = 3.0  # font sizes: the rows of a table spaced out are no further apart


def _row_step(above: _Line, below: _Line) -> bool:
    return 0 < above.baseline - below.baseline <= _ROW_STEP * max(above.size, below.size)


def _words(line: _Line) -> Iterator[tuple[float, float, str]]:
    """(left, right, text) of each word of the line."""
    start = None
    for index, char in enumerate(line.chars + [" "]):
        if not char.isspace():
            start = index if start is None else start
        elif start is not None:
            yield line.lefts[start], line.rights[index - 1], "".join(line.chars[start:index])
            start = None


def _gap_between(above: _Line, below: _Line) -> bool:
    return above.baseline - below.baseline > _PARAGRAPH_GAP * max(above.size, below.size)


def _spaced_out(above: _Line, below: _Line, step_above: float | None, measure: float) -> bool:
    """Whether a gap between two lines is the line spacing of one paragraph set wide (a box
    of key figures at double spacing), not a gap between two paragraphs: the line above broke
    where the words ran out of room (the first word below would not have fitted within the
    page's right edge, `measure`) in the middle of a sentence (on a lower-case word, a digit,
    a comma or a hyphen), and the step down is no wider than the one above it (the gap that
    opened its paragraph, or its own line spacing)."""
    if step_above is None or above.baseline - below.baseline > step_above + _STEP_SLACK:
        return False
    last = above.text.rstrip()[-1:]
    if not (last.islower() or last.isdigit() or last in (",", "-")):
        return False
    word = below.text.lstrip().split(" ", 1)[0]
    first = len(below.text) - len(below.text.lstrip())
    width = below.rights[first + len(word) - 1] - below.lefts[first] if word else 0.0
    return max(above.rights) + width > measure


def _place(line: _Line, columns: list[float]) -> dict[int, str] | None:
    """The line's cells by column, or None when one of them starts in no column."""
    placed: dict[int, str] = {}
    for start, end, x in line.segments():
        column = next((i for i, left in enumerate(columns) if abs(left - x) <= _COLUMN_SLACK), None)
        if column is None or column in placed:
            return None
        placed[column] = "".join(line.chars[start:end]).strip()
    return placed or None


def _join(before: str, after: str) -> str:
    if not before or not after:
        return before or after
    return before + after if before.endswith("-") else f"{before} {after}"
