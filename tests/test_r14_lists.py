"""Lists back to back (round 14). The readers say where a list starts (`starts_list`: a new
Markdown list, each OpenDocument `text:list` unless it continues the one before, a new Word
numbering), so that two lists with no paragraph between them stay two: the challenges a count
announces, then the projects another count announces. Each count is checked against its own
list (CNR103, CNR101), and a finding points at the count's line.

The dossiers below are built here, in Markdown, OpenDocument and Word, from the same words."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.parse import parse
from cnr_lint.pipeline import dossier_from_bytes
from cnr_lint.read import read_bytes
from test_other_hands import CONTEXT

TITLE = "CNR santé dans le Cantal : 1 an après"
PRESS = "Dossier de presse — ARS Auvergne-Rhône-Alpes — mardi 21 novembre 2023"
PART = "Dans le Cantal"
CHALLENGES = (
    "trouver un médecin traitant pour chacun ;",
    "répondre aux soins non programmés ;",
    "prévenir plutôt que guérir.",
)
PROJECTS = (
    "Aurillac : une maison de santé pluriprofessionnelle — réalisé",
    "Mauriac : un bus de dépistage — en cours",
    "Saint-Flour : des logements pour les internes — réalisé",
    "Murat : la téléconsultation en pharmacie — en cours",
)


def lead(projects: str = "4", challenges: str = "trois") -> str:
    """The paragraph that announces both lists: the projects' count, then the challenges'."""
    return (f"Cinq réunions ont rassemblé 180 participants. Elles ont fait émerger {projects} projets concrets, "
            f"au service de {challenges} défis :")


# -- the three formats --------------------------------------------------------------------------


def markdown(paragraph: str, first: str = "-", second: str = "*", between: str | None = None) -> bytes:
    """Two lists, each with its own marker (a new marker is a new list in CommonMark)."""
    lines = [f"# {TITLE}", "", f"*{PRESS}*", "", f"## {PART}", "", paragraph, ""]
    lines += [f"{_marker(first, n)} {item}" for n, item in enumerate(CHALLENGES, 1)]
    if between is not None:
        lines += ["", between, ""]
    lines += [f"{_marker(second, n)} {item}" for n, item in enumerate(PROJECTS, 1)]
    return ("\n".join(lines) + "\n").encode()


def _marker(marker: str, number: int) -> str:
    """'-', '*' and '+' as written; '1.' and '1)' numbered from 1."""
    return f"{number}{marker[-1]}" if marker[0].isdigit() else marker


def opendocument(paragraph: str, between: str | None = None, continued: bool = False) -> bytes:
    """The dossier as LibreOffice writes it: each list a `text:list`; the second one, when
    `continued`, says it goes on with the first (`text:continue-numbering`)."""
    def element(tag: str, text: str, **attributes: str) -> str:
        extra = "".join(f' {key}="{value}"' for key, value in attributes.items())
        return f"<text:{tag}{extra}>{escape(text)}</text:{tag}>"

    def a_list(items: tuple[str, ...], attributes: str = "") -> str:
        return f"<text:list{attributes}>" + "".join(
            f"<text:list-item>{element('p', item)}</text:list-item>" for item in items) + "</text:list>"

    body = (element("h", TITLE, **{"text:outline-level": "1"}) + element("p", PRESS)
            + element("h", PART, **{"text:outline-level": "2"}) + element("p", paragraph) + a_list(CHALLENGES))
    if between is not None:
        body += element("p", between)
    body += a_list(PROJECTS, ' text:continue-numbering="true"' if continued else "")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return package.getvalue()


def word(paragraph: str, between: str | None = None, same_numbering: bool = False) -> bytes:
    """The dossier as Word writes it: each list's items carry their numbering (w:numId); a
    second list has a numbering of its own, unless `same_numbering`."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading(TITLE, level=0)
    document.add_paragraph(PRESS)
    document.add_heading(PART, level=1)
    document.add_paragraph(paragraph)
    for item in CHALLENGES:
        _numbered(document.add_paragraph(item), 1)
    if between is not None:
        document.add_paragraph(between)
    for item in PROJECTS:
        _numbered(document.add_paragraph(item), 1 if same_numbering else 2)
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def _numbered(paragraph, number_id: int) -> None:
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = number_id


FORMATS = {"md": markdown, "odt": opendocument, "docx": word}


def read(data: bytes, suffix: str):
    return dossier_from_bytes(data, f"cantal-2023.{suffix}", CONTEXT)


def lists(data: bytes, suffix: str) -> dict[str, tuple[int | None, list[str]]]:
    return {found.name: (found.stated, [entry.title for entry in found.entries]) for found in read(data, suffix).lists}


def findings(data: bytes, suffix: str) -> list[tuple[str, int]]:
    name = f"cantal-2023.{suffix}"
    dossier = dossier_from_bytes(data, name, CONTEXT)
    selection = engine.select_rules(CONTEXT, Config())
    return sorted((f.code, f.location.span.line) for f in engine.check([dossier], {name}, CONTEXT, selection))


def lead_line(data: bytes, suffix: str) -> int:
    """The line (a paragraph's number in Word and OpenDocument) of the paragraph announcing both."""
    [block] = [block for block in parse(read_bytes(data, f"cantal-2023.{suffix}")).blocks if "défis :" in block.text]
    return block.line


def starts(data: bytes, suffix: str) -> list[tuple[str, bool]]:
    """The items as the reader and the parser give them, and whether each starts a list."""
    return [(block.text[:12], block.starts_list) for block in parse(read_bytes(data, f"cantal-2023.{suffix}")).blocks
            if block.kind == "item"]


# -- two lists back to back -----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_two_lists_back_to_back_are_two_and_each_count_fits_its_own(suffix) -> None:
    data = FORMATS[suffix](lead())
    assert [start for _, start in starts(data, suffix)] == [True, False, False, True, False, False, False]
    assert lists(data, suffix) == {
        "department.challenges": (3, list(CHALLENGES)),
        "department.projects": (4, [item.split(" — ")[0] for item in PROJECTS]),
    }
    assert not [code for code, _ in findings(data, suffix) if code in ("CNR101", "CNR103")]


@pytest.mark.parametrize("suffix", sorted(FORMATS))
@pytest.mark.parametrize(("projects", "challenges", "code"), [("5", "trois", "CNR101"), ("4", "quatre", "CNR103")])
def test_one_count_wrong_is_found_at_the_count_and_the_other_list_is_left_alone(suffix, projects, challenges, code) -> None:
    data = FORMATS[suffix](lead(projects, challenges))
    assert [(found, line) for found, line in findings(data, suffix) if found in ("CNR101", "CNR103")] == [
        (code, lead_line(data, suffix))]


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_a_list_after_a_paragraph_starts_again(suffix) -> None:
    # the challenges, then a paragraph announcing the projects, then the projects' own list
    data = FORMATS[suffix]("Cinq réunions ont rassemblé 180 participants autour de trois défis :",
                           between="Ces échanges ont fait émerger 4 projets concrets.")
    assert [start for _, start in starts(data, suffix)] == [True, False, False, True, False, False, False]
    assert lists(data, suffix)["department.projects"][0] == 4
    assert len(lists(data, suffix)["department.projects"][1]) == 4
    assert not [code for code, _ in findings(data, suffix) if code in ("CNR101", "CNR103")]


def test_an_opendocument_list_that_continues_the_one_before_starts_no_list() -> None:
    data = opendocument("Cinq réunions ont rassemblé 180 participants autour de trois défis :",
                        between="Ces échanges ont fait émerger 4 projets concrets.", continued=True)
    assert [start for _, start in starts(data, "odt")] == [True, False, False, False, False, False, False]


def test_word_items_of_one_numbering_are_one_list_until_a_paragraph_breaks_it() -> None:
    back_to_back = word(lead(), same_numbering=True)
    assert [start for _, start in starts(back_to_back, "docx")] == [True] + [False] * 6
    # one numbering throughout, the two lists cannot be told apart: the challenges take all seven
    # items and no project is listed, so nothing is checked on the projects
    assert lists(back_to_back, "docx")["department.challenges"] == (3, [*CHALLENGES, *PROJECTS])
    restarted = word("Cinq réunions ont rassemblé 180 participants autour de trois défis :",
                     between="Ces échanges ont fait émerger 4 projets concrets.", same_numbering=True)
    assert [start for _, start in starts(restarted, "docx")] == [True, False, False, True, False, False, False]


# -- Markdown's list markers --------------------------------------------------------------------

MARKERS = ("-", "*", "+", "1.", "1)")


@settings(max_examples=40, deadline=None)
# CommonMark starts a new list where the marker changes: another bullet character, a number
# after a bullet, or another delimiter after a number
@given(st.sampled_from(MARKERS).flatmap(lambda first: st.tuples(st.just(first), st.sampled_from([m for m in MARKERS if m != first]))))
def test_markdown_lists_of_two_markers_back_to_back_are_two_whatever_the_markers(markers) -> None:
    first, second = markers
    data = markdown(lead(), first, second)
    assert [start for _, start in starts(data, "md")] == [True, False, False, True, False, False, False]
    assert lists(data, "md")["department.challenges"] == (3, list(CHALLENGES))
    assert lists(data, "md")["department.projects"][0] == 4
    assert not [code for code, _ in findings(data, "md") if code in ("CNR101", "CNR103")]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(MARKERS))
def test_markdown_items_of_one_marker_with_no_line_between_are_one_list(marker) -> None:
    data = markdown(lead(), marker, marker)
    assert [start for _, start in starts(data, "md")] == [True] + [False] * 6


# -- a count after its noun ---------------------------------------------------------------------

NUMBER_WORDS = {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six"}
# How a writer announces the challenges below, the count after the noun or before it after a comma
ANNOUNCING = (
    "Les priorités retenues sont au nombre de {n} :",
    "Les défis identifiés par les participants sont {n} :",
    "Les priorités, au nombre de {n}, sont les suivantes :",
    "Au nombre de {n}, les grands défis retenus sont :",
    "Les chantiers ouverts sont les {n} suivants :",
)
ITEMS = ("l'accès à un médecin traitant ;", "les soins non programmés ;", "l'attractivité du territoire ;",
         "la prévention à l'école ;", "la santé mentale des jeunes ;", "le grand âge.")


def announced(sentence: str, listed: int, projects: str = "") -> bytes:
    lines = [f"# {TITLE}", "", f"*{PRESS}*", "", f"## {PART}", "", "Cinq réunions ont rassemblé 180 participants.", "",
             sentence, ""]
    lines += [f"- {item}" for item in ITEMS[:listed]]
    if projects:
        lines += ["", projects, ""] + [f"* {item}" for item in PROJECTS]
    return ("\n".join(lines) + "\n").encode()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ANNOUNCING), st.sampled_from(sorted(NUMBER_WORDS)), st.integers(2, 6))
def test_a_count_after_its_noun_announces_the_list_below(sentence, stated, listed) -> None:
    data = announced(sentence.format(n=NUMBER_WORDS[stated]), listed)
    assert lists(data, "md")["department.challenges"] == (stated, [item for item in ITEMS[:listed]])
    expected = [("CNR103", 9)] if stated != listed else []
    assert [(code, line) for code, line in findings(data, "md") if code == "CNR103"] == expected


def test_the_projects_count_after_their_noun_is_the_lists() -> None:
    data = announced("Trois défis ont guidé les échanges :", 3, "Les projets retenus sont au nombre de cinq :")
    assert lists(data, "md")["department.projects"][0] == 5
    assert [(code, line) for code, line in findings(data, "md") if code == "CNR101"] == [("CNR101", 15)]


@pytest.mark.parametrize("sentence", [
    # a status between the noun and its count: the realised projects, not the list
    "Les projets réalisés sont au nombre de deux :",
    "Les projets en cours sont au nombre de deux :",
    # the count goes on with the sentence: no list announced
    "Les projets sont 2 à avoir ouvert leurs portes :",
])
def test_a_count_of_a_part_or_in_a_sentence_going_on_announces_no_list(sentence) -> None:
    data = announced("Trois défis ont guidé les échanges :", 3, sentence)
    assert "department.projects" not in lists(data, "md")
    assert not [code for code, _ in findings(data, "md") if code in ("CNR101", "CNR103")]


def test_one_challenge_named_enumerates_none() -> None:
    data = announced("Les participants ont voulu relever un défi :", 3)
    assert "department.challenges" not in lists(data, "md")
