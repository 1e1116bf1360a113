"""OpenDocument text (.odt) through zipfile and ElementTree: content.xml in body order.

Headings are `text:h` (their outline level) or paragraphs whose style, or a style it derives
from, is "Title" or has an outline level; list items are paragraphs inside `text:list` or of
a style with a list, and each `text:list` starts a new list (unless it continues the one
before it); bold comes from the paragraph's style or from every span of text. The
format is plain XML in a zip: no library is needed beyond the standard one.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from typing import Iterator

from cnr_lint.documents import DocumentError, row
from cnr_lint.documents.zipped import open_package, read_part
from cnr_lint.read import StyledLine

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}
_CONTENT = "content.xml"


def _name(prefix: str, local: str) -> str:
    return f"{{{_NS[prefix]}}}{local}"


_P, _H, _LIST, _SPAN, _TABLE = _name("text", "p"), _name("text", "h"), _name("text", "list"), _name("text", "span"), _name("table", "table")
_STYLE_NAME = _name("text", "style-name")
# Elements whose text is not the paragraph's: notes' bodies, annotations, tracked deletions.
_SKIPPED = {_name("text", "note"), _name("office", "annotation"), _name("text", "tracked-changes")}
_CONTAINERS = {_name("text", "section"), _name("text", "list-item"), _name("text", "list-header"), _name("text", "index-body")}


@dataclass(frozen=True)
class _Style:
    parent: str | None
    bold: bool | None
    outline: int | None
    title: bool
    listed: bool


def read(data: bytes) -> Iterator[StyledLine]:
    archive = open_package(data, "OpenDocument text (.odt)", _CONTENT)
    styles: dict[str, _Style] = {}
    if "styles.xml" in archive.namelist():
        styles.update(_styles(_parse(read_part(archive, "styles.xml"), "styles.xml")))
    content = _parse(read_part(archive, _CONTENT), _CONTENT)
    styles.update(_styles(content))
    text = content.find("office:body/office:text", _NS)
    if text is None:
        raise DocumentError("is not an OpenDocument text: content.xml has no office:text (a spreadsheet or a drawing?)")
    yield from _blocks(text, styles, in_list=0)


def _parse(data: bytes, name: str) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise DocumentError(f"is damaged: {name} is not well-formed XML ({error})") from None


def _styles(root: ET.Element) -> dict[str, _Style]:
    found = {}
    for element in root.iter(_name("style", "style")):
        properties = element.find("style:text-properties", _NS)
        weight = properties.get(_name("fo", "font-weight")) if properties is not None else None
        outline = element.get(_name("style", "default-outline-level"))
        name = element.get(_name("style", "name"), "")
        found[name] = _Style(
            parent=element.get(_name("style", "parent-style-name")),
            bold=None if weight is None else weight in ("bold", "600", "700", "800", "900"),
            outline=int(outline) if outline and outline.isdigit() else None,
            title=name == "Title",
            listed=bool(element.get(_name("style", "list-style-name"))),
        )
    return found


def _chain(name: str | None, styles: dict[str, _Style]) -> Iterator[_Style]:
    """A style, then the styles it derives from (at most 32: a cycle must not loop)."""
    for _ in range(32):
        style = styles.get(name) if name else None
        if style is None:
            return
        yield style
        name = style.parent


def _blocks(element: ET.Element, styles: dict[str, _Style], in_list: int) -> Iterator[StyledLine]:
    for child in element:
        if child.tag in (_P, _H):
            yield _paragraph(child, styles, in_list)
        elif child.tag == _LIST:
            # Each `text:list` is a list of its own, unless it says it goes on with the one before
            lines = _blocks(child, styles, in_list + 1)
            first = next(lines, None)
            if first is not None:
                yield replace(first, starts_list=first.kind == "item" and not _continues_list(child))
            yield from lines
        elif child.tag == _TABLE:
            for table_row in child.iter(_name("table", "table-row")):
                cells = [" ".join(_text(cell).split()) for cell in table_row.findall("table:table-cell", _NS)]
                yield row(cells)
        elif child.tag in _CONTAINERS:
            yield from _blocks(child, styles, in_list)


def _continues_list(element: ET.Element) -> bool:
    return element.get(_name("text", "continue-numbering")) == "true" or element.get(_name("text", "continue-list")) is not None


def _paragraph(element: ET.Element, styles: dict[str, _Style], in_list: int) -> StyledLine:
    text = " ".join(_text(element).split("\n"))
    chain = list(_chain(element.get(_STYLE_NAME), styles))
    if element.tag == _H:
        level = element.get(_name("text", "outline-level"), "1")
        return StyledLine(text, "heading", (int(level) if level.isdigit() else 1) + 1)
    if any(style.title for style in chain):
        return StyledLine(text, "heading", 1)
    outline = next((style.outline for style in chain if style.outline), None)
    if outline:
        return StyledLine(text, "heading", outline + 1)
    style_bold = next((style.bold for style in chain if style.bold is not None), False)
    bold = _all_bold(element, styles, style_bold)
    if in_list or any(style.listed for style in chain):
        return StyledLine(text, "item", max(in_list, 1), bold)
    return StyledLine(text, "paragraph", 0, bold)


def _all_bold(element: ET.Element, styles: dict[str, _Style], inherited: bool) -> bool:
    """Every piece of text in the element is bold, by its span's style or the one around it."""
    pieces: list[bool] = []

    def walk(node: ET.Element, bold: bool) -> None:
        if node is not element:
            own = next((s.bold for s in _chain(node.get(_STYLE_NAME), styles) if s.bold is not None), None)
            bold = bold if own is None else own
        if node.text and node.text.strip():
            pieces.append(bold)
        for child in node:
            if child.tag not in _SKIPPED:
                walk(child, bold)
            if child.tail and child.tail.strip():
                pieces.append(bold)

    walk(element, inherited)
    return bool(pieces) and all(pieces)


def _text(element: ET.Element) -> str:
    """The element's text: spans flattened, `text:s` as its spaces, tabs and line breaks as spaces."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == _name("text", "s"):
                count = child.get(_name("text", "c"), "1")
                parts.append(" " * min(int(count) if count.isdigit() else 1, 64))
            elif child.tag in (_name("text", "tab"), _name("text", "line-break")):
                parts.append(" ")
            elif child.tag not in _SKIPPED:
                walk(child)
                if child.tag in (_P, _H):
                    parts.append(" ")  # paragraphs of a table cell
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)
