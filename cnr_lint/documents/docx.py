"""Word (.docx) through python-docx: paragraphs and tables in body order, as styled lines.

Headings come from paragraph styles ("Title", then "Heading 1" to "Heading 9", whatever the
language Word shows them in: the file keeps the built-in English names), list items from
numbering or a "List" style, bold from the runs or the paragraph's style. Each paragraph is
a line: positions in a Word file are paragraph numbers.
"""

from __future__ import annotations

import io
import re
from typing import Iterator

from cnr_lint.documents import DocumentError, row
from cnr_lint.documents.zipped import open_package, read_part
from cnr_lint.read import StyledLine

_HEADING_STYLE = re.compile(r"(?:heading|titre)\s*(\d)$", re.IGNORECASE)
_DOCUMENT_PART = "word/document.xml"


def read(data: bytes) -> Iterator[StyledLine]:
    archive = open_package(data, "Word (.docx)", _DOCUMENT_PART)
    read_part(archive, _DOCUMENT_PART)  # bounded and free of entities before python-docx parses it
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise DocumentError(f"is not a Word document python-docx can open ({error})") from None
    except Exception as error:  # lxml's XMLSyntaxError and whatever a damaged part raises
        raise DocumentError(f"is damaged: {type(error).__name__}: {error}") from None
    for content in document.iter_inner_content():
        if isinstance(content, Paragraph):
            yield _paragraph(content)
        elif isinstance(content, Table):
            yield from _rows(content)


def _paragraph(paragraph) -> StyledLine:
    text = " ".join(paragraph.text.split("\n"))
    style = paragraph.style
    name = style.name if style is not None else ""
    if name == "Title":
        return StyledLine(text, "heading", 1)
    heading = _HEADING_STYLE.match(name)
    if heading:
        return StyledLine(text, "heading", int(heading.group(1)) + 1)
    properties = paragraph._p.pPr
    numbering = properties.numPr if properties is not None else None
    if numbering is not None or name.startswith("List"):
        level = numbering.ilvl.val if numbering is not None and numbering.ilvl is not None else 0
        return StyledLine(text, "item", level + 1, _bold(paragraph))
    return StyledLine(text, "paragraph", 0, _bold(paragraph))


def _bold(paragraph) -> bool:
    """Every run that holds text is bold, by itself or by its paragraph's style."""
    style_bold = False
    style = paragraph.style
    while style is not None:
        if style.font.bold is not None:
            style_bold = style.font.bold
            break
        style = style.base_style
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold if run.bold is not None else style_bold for run in runs)


def _rows(table) -> Iterator[StyledLine]:
    for table_row in table.rows:
        cells, seen = [], []
        for cell in table_row.cells:
            if any(element is cell._tc for element in seen):  # a merged cell comes once per column it spans
                continue
            seen.append(cell._tc)
            cells.append(" ".join(cell.text.split()))
        yield row(cells)
