"""A PDF's big type reads as a heading (round 15). A leaflet set in Word prints each key figure
in big type ("38", "4,6 M€") over its caption in body type ("réunions de concertation en
Hauts-de-France"); the PDF reader gives the figure a heading of its own. A heading that holds
nothing but a number and its unit heads no section: it is a figure alone, one statement with its
caption. Left apart, the caption of a department's figure ("réunions dans l'Aisne") read as a
heading naming the department and opened its part on the cover, and the region's figures under
it were taken for the department's."""

from __future__ import annotations

from cnr_lint.parse import _with_captions, parse_markdown, parse_styled
from cnr_lint.pipeline import _understand
from cnr_lint.read import Source, StyledLine
from test_other_hands import CONTEXT

# (kind, heading level, text) of each line of the Aisne's dossier, 2024, as the PDF reader gives them.
COVER = (
    ("paragraph", 0, "ARS Hauts-de-France – Délégation départementale de l'Aisne"),
    ("heading", 2, "CNR santé dans l'Aisne : deux ans après"),
    ("paragraph", 0, "Laon, jeudi 21/11/2024"),
    ("paragraph", 0, "En chiffres"),
    ("heading", 1, "38"),
    ("paragraph", 0, "réunions de concertation en Hauts-de-France"),
    ("heading", 1, "50"),
    ("paragraph", 0, "projets issus des concertations"),
    ("heading", 1, "24"),
    ("paragraph", 0, "projets réalisés au 31 octobre 2024"),
    ("heading", 1, "4,6 M€"),
    ("paragraph", 0, "engagés par l'ARS depuis 2023"),
    ("heading", 1, "6"),
    ("paragraph", 0, "réunions dans l'Aisne"),
    ("paragraph", 0, "Dans les cinq départements des Hauts-de-France, 38 réunions de concertation ont fait "
                     "émerger 50 projets. Au 31 octobre 2024, 24 de ces projets sont réalisés."),
    ("heading", 3, "Dans l'Aisne"),
    ("paragraph", 0, "Sept réunions se sont tenues dans le département depuis l'automne 2022."),
)


def pdf_source() -> Source:
    styled = tuple(StyledLine(text, kind, level, bold=kind == "heading", page=1) for kind, level, text in COVER)
    return Source("aisne-2024.pdf", tuple(line.text for line in styled), "utf-8", "cover", styled=styled,
                  page_starts=(1,))


def test_a_figure_in_big_type_joins_its_caption() -> None:
    lines = tuple(StyledLine(text, kind, level, page=1) for kind, level, text in COVER[3:8])
    assert [(b.kind, b.text) for b in _with_captions(parse_styled(lines))] == [
        ("paragraph", "En chiffres"),
        ("paragraph", "38 réunions de concertation en Hauts-de-France"),
        ("paragraph", "50 projets issus des concertations"),
    ]


def test_the_regional_figures_on_the_cover_stay_the_regions() -> None:
    read = _understand(pdf_source(), CONTEXT)
    assert read.department == "Aisne"
    scoped = sorted((f.name, f.low) for f in read.figures)
    assert ("region.meetings", 38) in scoped
    assert ("region.projects.emerged", 50) in scoped
    assert ("region.projects.realised", 24) in scoped
    assert ("region.budget", 4_600_000) in scoped
    # the department's part opens at its heading: its meetings are those stated under it
    assert [f.low for f in read.figures if f.name == "department.meetings"] == [7]
    assert not [f for f in read.figures if f.name.startswith("department.projects")]


def test_a_heading_with_words_is_still_a_heading() -> None:
    # "## 2024" is a year, "## 8 projets portés" has words: neither is a figure alone
    blocks = _with_captions(parse_markdown(("## 2024", "", "une année de concertation", "", "## 8 projets portés",
                                            "", "dans le département")))
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "2024"), ("paragraph", "une année de concertation"),
        ("heading", "8 projets portés"), ("paragraph", "dans le département"),
    ]
    # a figure alone as a heading in Markdown joins its caption too
    assert [b.text for b in _with_captions(parse_markdown(("# 38", "", "réunions de concertation")))] == [
        "38 réunions de concertation"]
