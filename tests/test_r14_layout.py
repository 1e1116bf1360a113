"""Infographic layouts (round 14). A leaflet prints each key figure big, on a line of its own
("9 réunions", "420", "5 projets"), its caption on the next line ("organisées depuis
l'automne 2022", "participants", "portés dans le département"), and each project as a small
heading ("Ploërmel — cabinet infirmier itinérant") over its status line ("Statut : réalisé").
A PDF reader, or a text export with blank lines between, gives every line its own block: a
block that is only a figure and the lower-case block under it that states no figure are one
statement, in Markdown, plain text and PDF alike; a count alone on its line ("5 projets") is
the part's count of projects, and the headings under it, each over its status, are its list,
whatever key figures stand between them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.parse import parse_markdown, parse_text
from cnr_lint.pipeline import _understand, dossier_from_bytes
from cnr_lint.read import Source, StyledLine
from cnr_lint.parse import _with_captions
from test_other_hands import CONTEXT
from test_parse import assert_positions_map_back

# (kind, heading level, text) of each line of a leaflet for the Morbihan, 2024.
LEAFLET = (
    ("heading", 1, "CNR santé dans le Morbihan : 2 ans après"),
    ("paragraph", 0, "Vannes · mardi 19 novembre 2024"),
    ("heading", 2, "Le Morbihan en bref"),
    ("paragraph", 0, "9 réunions"),
    ("paragraph", 0, "organisées depuis l'automne 2022"),
    ("paragraph", 0, "420"),
    ("paragraph", 0, "participants"),
    ("paragraph", 0, "5 projets"),
    ("paragraph", 0, "portés dans le département"),
    ("paragraph", 0, "3 réalisés"),
    ("paragraph", 0, "au 31/10/2024"),
    ("heading", 3, "Ploërmel — cabinet infirmier itinérant"),
    ("paragraph", 0, "Statut : réalisé"),
    ("heading", 3, "Pontivy — permanence de soins le samedi"),
    ("paragraph", 0, "Statut : en cours"),
    ("heading", 3, "Lorient — équipe mobile gériatrique"),
    ("paragraph", 0, "Statut : réalisé"),
    ("heading", 3, "Auray — navette vers les consultations"),
    ("heading", 3, "Vannes — maison des aidants"),
    ("paragraph", 0, "Statut : réalisé"),
)


def markdown(emphasis: str = "**") -> str:
    """The leaflet in Markdown: headings marked, big figures in bold, a blank line between lines."""
    out = []
    for kind, level, text in LEAFLET:
        if kind == "heading":
            out.append("#" * level + " " + text)
        elif text[:1].isdigit():
            out.append(f"{emphasis}{text}{emphasis}")
        else:
            out.append(text)
    return "\n\n".join(out) + "\n"


def plain_text() -> str:
    """The leaflet as `pdftotext -layout` leaves it: blank lines between its lines, but none
    between a project's title and its status line (in plain text no title is marked)."""
    out = LEAFLET[0][2]
    for (kind, _, _), (_, _, text) in zip(LEAFLET, LEAFLET[1:]):
        out += ("\n" if kind == "heading" and text.startswith("Statut") else "\n\n") + text
    return out + "\n"


def pdf_source() -> Source:
    """The leaflet as the PDF reader gives it: a line each, each opening a block (one spacing)."""
    styled = tuple(StyledLine(text, kind, level, bold=kind == "heading", page=1) for kind, level, text in LEAFLET)
    return Source("morbihan-2024.pdf", tuple(line.text for line in styled), "utf-8", "leaflet", styled=styled,
                  page_starts=(1,))


def read_all():
    return {
        "md": dossier_from_bytes(markdown().encode(), "morbihan-2024.md", CONTEXT),
        "txt": dossier_from_bytes(plain_text().encode(), "morbihan-2024.txt", CONTEXT),
        "pdf": _understand(pdf_source(), CONTEXT),
    }


def understood(read) -> tuple:
    figures = sorted((f.name, f.low, f.department) for f in read.figures if f.name.startswith("department."))
    lists = [(found.name, found.stated, [(entry.title, entry.status) for entry in found.entries]) for found in read.lists]
    return figures, lists


def codes(read) -> list[tuple[str, int]]:
    selection = engine.select_rules(CONTEXT, Config())
    return sorted((f.code, f.location.span.line) for f in engine.check([read], {read.path}, CONTEXT, selection))


def test_a_big_figure_and_its_caption_are_one_statement() -> None:
    figures, lists = understood(read_all()["md"])
    assert ("department.meetings", 9, "Morbihan") in figures
    assert ("department.participants", 420, "Morbihan") in figures  # "420", then "participants"
    assert lists == [("department.projects", 5, [
        ("Ploërmel — cabinet infirmier itinérant", "realised"),
        ("Pontivy — permanence de soins le samedi", "in_progress"),
        ("Lorient — équipe mobile gériatrique", "realised"),
        ("Auray — navette vers les consultations", None),
        ("Vannes — maison des aidants", "realised"),
    ])]


def test_markdown_plain_text_and_pdf_read_the_leaflet_alike() -> None:
    read = read_all()
    assert understood(read["md"]) == understood(read["txt"]) == understood(read["pdf"])
    assert understood(read["md"]) == understood(dossier_from_bytes(markdown("__").encode(), "morbihan-2024.md", CONTEXT))


def test_the_project_without_a_status_is_found_under_the_key_figures() -> None:
    # "Auray — navette…" is the fourth heading: line 15 of the Markdown (a blank line between each)
    for name, read in read_all().items():
        found = codes(read)
        assert [code for code, _ in found] == ["CNR104"], (name, found)
    assert codes(read_all()["md"]) == [("CNR104", 2 * 18 - 1)]


def test_one_project_too_few_is_a_count_mismatch() -> None:
    text = markdown().replace("### Vannes — maison des aidants\n\nStatut : réalisé\n", "")
    read = dossier_from_bytes(text.encode(), "morbihan-2024.md", CONTEXT)
    assert "CNR101" in [code for code, _ in codes(read)]


def test_two_status_lines_under_one_heading_disagree() -> None:
    text = markdown().replace("### Auray — navette vers les consultations\n", "### Auray — navette\n\nStatut : réalisé\n\nStatut : en cours\n")
    read = dossier_from_bytes(text.encode(), "morbihan-2024.md", CONTEXT)
    listed = read.lists[0]
    assert [entry.title for entry in listed.entries][3] == "Auray — navette"
    assert listed.entries[3].status is None and len(listed.entries[3].statuses) == 2


def blocks_of(lines: list[str]) -> list[str]:
    return [block.text for block in _with_captions(parse_text(tuple("\n\n".join(lines).split("\n"))))]


def test_what_is_no_caption_stays_apart() -> None:
    # a caption stating a figure of its own, a capital (a statement of its own), a heading
    assert blocks_of(["8 projets", "dont 3 à Lorient"]) == ["8 projets", "dont 3 à Lorient"]
    assert blocks_of(["8 projets", "Un médecin pour chacun"]) == ["8 projets", "Un médecin pour chacun"]
    assert [b.text for b in _with_captions(parse_markdown(("**8 projets**", "", "## les projets")))] == [
        "8 projets", "les projets"]
    # a year alone is no figure, a sentence is no figure alone
    assert blocks_of(["2023", "une année de concertation"]) == ["2023", "une année de concertation"]
    assert blocks_of(["Nous avons tenu 8 réunions.", "participants"]) == ["Nous avons tenu 8 réunions.", "participants"]
    # a Word export's second-level bullet ("o") opens an item, no caption
    assert blocks_of(["8 projets", "o une maison de santé"]) == ["8 projets", "une maison de santé"]
    # a date in the caption is its own: "au 31/10/2024"
    assert blocks_of(["3 réalisés", "au 31/10/2024"]) == ["3 réalisés au 31/10/2024"]


def test_a_count_alone_in_progress_is_no_count_of_the_list() -> None:
    text = markdown().replace("**5 projets**\n\nportés dans le département", "**5 projets**\n\nen cours")
    read = dossier_from_bytes(text.encode(), "morbihan-2024.md", CONTEXT)
    assert not [found for found in read.lists if found.stated == 5]


def test_a_big_number_at_the_head_of_a_page_is_no_page_number() -> None:
    from cnr_lint.parse import parse_styled

    lines = (
        StyledLine("Focus", "heading", 2, bold=True, page=1),
        StyledLine("depuis 2022", page=1, margin=True),
        StyledLine("820", page=2, margin=True),
        StyledLine("participants", page=2),
        StyledLine("2", page=2, margin=True),
    )
    assert [block.text for block in _with_captions(parse_styled(lines))] == ["Focus", "depuis 2022", "820 participants"]


_WORD = st.text(alphabet="abcdeéèfghilmnoprstu", min_size=1, max_size=10)


@settings(max_examples=150, deadline=None)
@given(
    value=st.integers(min_value=1, max_value=999_999),
    noun=st.sampled_from(["", " projets", " réunions", " livrés", " en cours", " M€"]),
    # (a caption opening on a lone "o" is a Word export's second-level bullet, an item: see below)
    caption=st.lists(_WORD, min_size=1, max_size=6).map(" ".join).filter(lambda text: not text.startswith("o ")),
    blank=st.sampled_from(["\n\n", "\n\n\n"]),
    bold=st.booleans(),
)
def test_a_figure_and_its_caption_join_with_positions_kept(value, noun, caption, blank, bold) -> None:
    figure = f"{value:,}".replace(",", " ") + noun
    if figure[:4].isdigit() and len(figure) == 4 and figure[:2] in ("19", "20"):
        return  # a year alone is no figure
    lines = tuple(f"{'**' if bold else ''}{figure}{'**' if bold else ''}{blank}{caption}".split("\n"))
    for blocks in (_with_captions(parse_text(lines)), _with_captions(parse_markdown(lines))):
        assert [block.text for block in blocks] == [f"{figure} {caption}"]
        assert_positions_map_back(lines, blocks)
