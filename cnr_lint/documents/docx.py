"""Word (.docx) through python-docx: paragraphs and tables in body order, as styled lines.

Headings come from paragraph styles ("Title", then "Heading 1" to "Heading 9", whatever the
language Word shows them in: the file keeps the built-in English names), list items from
numbering or a "List" style (a numbering other than the last item's starts a new list), bold
from the runs or the paragraph's style. Each paragraph is a line: positions in a Word file are
paragraph numbers.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Iterator

from cnr_lint.documents import DocumentError, row
from cnr_lint.documents.zipped import open_package, read_part
from cnr_lint.read import StyledLine

_HEADING_STYLE = re.compile(r"(?:heading|titre)\s*(\d)$", re.IGNORECASE)
_DOCUMENT_PART = "word/document.xml"


def read(data: bytes) -> list[StyledLine]:
    archive = open_package(data, "Word (.docx)", _DOCUMENT_PART)
    read_part(archive, _DOCUMENT_PART)  # bounded and free of entities before python-docx parses it
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError) as error:
        raise DocumentError(f"is not a Word document python-docx can open ({error})") from None
    except Exception as error:  # lxml's XMLSyntaxError and whatever a damaged part raises
        raise DocumentError(f"is damaged: {type(error).__name__}: {error}") from None
    lines = []
    try:  # python-docx reads attributes when asked: a damaged value fails here
        styles = _Styles(document)
        numbering = None  # the numbering (w:numId) of the list the last paragraph belongs to
        for content in document.iter_inner_content():
            if isinstance(content, Paragraph):
                line, own = _paragraph(content, styles)
                # an item whose numbering is not the last one's begins a list: Word gives each
                # list, and a list whose numbering restarts, a numbering of its own
                if line.kind == "item" and own != numbering:
                    line = replace(line, starts_list=True)
                numbering = own if line.kind == "item" else None
                lines.append(line)
            elif isinstance(content, Table):
                numbering = None
                lines.extend(_rows(content))
    except Exception as error:
        raise DocumentError(f"is damaged: {type(error).__name__}: {error}") from None
    return lines


class _Styles:
    """Each paragraph style's name and boldness, looked up once per style the document uses:
    python-docx's `paragraph.style` searches the styles part on every call, and listing all
    styles walks the hundreds a template declares."""

    def __init__(self, document) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self.element = document.styles.element
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.default = (default.name or "", _style_bold(default)) if default is not None else ("", False)
        self.by_id: dict[str, tuple[str, bool]] = {}

    def of(self, paragraph) -> tuple[str, bool]:
        from docx.styles.style import StyleFactory

        properties = paragraph._p.pPr
        style_id = properties.pStyle.val if properties is not None and properties.pStyle is not None else None
        if not style_id:
            return self.default
        if style_id not in self.by_id:
            element = self.element.get_by_id(style_id)
            style = StyleFactory(element) if element is not None else None
            self.by_id[style_id] = (style.name or "", _style_bold(style)) if style is not None else self.default
        return self.by_id[style_id]


def _style_bold(style) -> bool:
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _paragraph(paragraph, styles: _Styles) -> tuple[StyledLine, int | None]:
    """The paragraph's line, and its numbering's id (w:numId) when it has one."""
    text = " ".join(paragraph.text.split("\n"))
    name, style_bold = styles.of(paragraph)
    if name == "Title":
        return StyledLine(text, "heading", 1), None
    heading = _HEADING_STYLE.match(name)
    if heading:
        return StyledLine(text, "heading", int(heading.group(1)) + 1), None
    properties = paragraph._p.pPr
    numbering = properties.numPr if properties is not None else None
    runs = [run for run in paragraph.runs if run.text.strip()]
    # Bold when every run that holds text is, by itself or by its paragraph's style.
    bold = bool(runs) and all(run.bold if run.bold is not None else style_bold for run in runs)
    if numbering is not None or name.startswith("List"):
        level = numbering.ilvl.val if numbering is not None and numbering.ilvl is not None else 0
        number_id = numbering.numId.val if numbering is not None and numbering.numId is not None else None
        return StyledLine(text, "item", level + 1, bold), number_id
    return StyledLine(text, "paragraph", 0, bold), None


def _rows(table) -> Iterator[StyledLine]:
    for table_row in table.rows:
        cells, seen = [], []
        for cell in table_row.cells:
            if any(element is cell._tc for element in seen):  # a merged cell comes once per column it spans
                continue
            seen.append(cell._tc)
            cells.append(" ".join(cell.text.split()))
        yield row(cells)
