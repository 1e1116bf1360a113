"""parse: decoded lines to blocks whose every character maps back to its line and column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cnr_lint.parse import Block, parse, parse_markdown, parse_text, split_front_matter
from cnr_lint.read import Source, decode

# Characters the builder writes as a space (page breaks, French typography's spaces, tabs).
WRITTEN_AS_SPACE = {"\f", "\xa0", "\u202f", "\t"}


def source(text: str, path: str = "d.md") -> Source:
    decoded = decode(text.encode(), path)
    assert isinstance(decoded, Source)
    return decoded


def blocks_of(text: str, path: str = "d.md") -> list[Block]:
    return list(parse(source(text, path)).blocks)


def summary(blocks) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in blocks]


def at(lines, block: Block, needle: str) -> tuple[int, int]:
    """Where `needle` of the block's text starts in the source, checked against the source line."""
    line, column = block.position(block.text.index(needle))
    assert lines[line - 1][column - 1] == needle[0]
    return line, column


def assert_positions_map_back(lines: tuple[str, ...], blocks) -> None:
    """The key invariant of the position mapping.

    Each character of a block's text is the source character at block.position(i), except
    characters written as a space, and synthetic spaces (a line join, the spaces of a table's
    " | " separator), which sit at the position of the character after them. Positions never
    go backwards (in a table row, within each cell: a text table's cell may wrap onto the
    next lines, and the row reads its cells one after the other), and every position lies
    inside its source line.
    """
    for block in blocks:
        assert block.text, block
        assert "\n" not in block.text and "\r" not in block.text and "\f" not in block.text
        assert 1 <= block.line <= block.end_line <= len(lines)
        positions = [block.position(i) for i in range(len(block.text))]
        for i, (character, (line, column)) in enumerate(zip(block.text, positions)):
            assert block.line <= line <= block.end_line, (block, i)
            source_line = lines[line - 1]
            assert 1 <= column <= len(source_line), (block, i, line, column)
            found = source_line[column - 1]
            if found == character or (found, character) == ("\u2019", "'"):
                continue
            assert character == " ", (block.text, i, character, line, column, found)
            synthetic = i + 1 < len(block.text) and positions[i + 1] == (line, column)
            assert found in WRITTEN_AS_SPACE or synthetic, (block.text, i, line, column, found)
        for start, end in block.cells or ((0, len(block.text)),):
            assert positions[start:end] == sorted(positions[start:end]), block
        real = [p for i, p in enumerate(positions) if i + 1 == len(positions) or positions[i + 1] != p]
        assert len(set(real)) == len(real), block


# -- Markdown ------------------------------------------------------------------------------------------


def test_markdown_blocks_of_a_dossier():
    text = "\n".join([
        "# DOSSIER DE PRESSE",  # 1
        "",
        "**CNR santé dans les  ",  # 3: a hard line break inside the bold title
        "Hautes-Alpes : 1 an  ",
        "après.**",
        "",
        "## Dans les Hautes-Alpes ##",  # 7
        "",
        "1. l'accès à un médecin ;",  # 9
        "2. l'accès à une réponse",
        "   d'urgence ;",
        "   - sous-point",  # 12
        "",
        "### **Développer une offre itinérante.**",  # 14
        "",
        "**EN COURS**",  # 16
        "",
        "Titre souligné",  # 18
        "==============",
        "",
        "> 41 projets ont *émergé*.",  # 21
    ])
    blocks = blocks_of(text)
    assert summary(blocks) == [
        ("heading", 1, "DOSSIER DE PRESSE"),
        ("paragraph", 0, "CNR santé dans les Hautes-Alpes : 1 an après."),
        ("heading", 2, "Dans les Hautes-Alpes"),
        ("item", 1, "l'accès à un médecin ;"),
        ("item", 1, "l'accès à une réponse d'urgence ;"),
        ("item", 2, "sous-point"),
        ("heading", 3, "Développer une offre itinérante."),
        ("paragraph", 0, "EN COURS"),
        ("heading", 1, "Titre souligné"),
        ("paragraph", 0, "41 projets ont émergé."),
    ]
    assert [b.emphasised for b in blocks] == [False, True, False, False, False, False, True, True, False, False]
    assert [(b.line, b.end_line) for b in blocks] == [(1, 1), (3, 5), (7, 7), (9, 9), (10, 11), (12, 12), (14, 14),
                                                       (16, 16), (18, 18), (21, 21)]
    lines = tuple(text.split("\n"))
    assert at(lines, blocks[1], "Hautes-Alpes") == (4, 1)
    assert at(lines, blocks[1], "après") == (5, 1)
    assert at(lines, blocks[4], "d'urgence") == (11, 4)
    assert at(lines, blocks[9], "émergé") == (21, 19)
    assert_positions_map_back(lines, blocks)


def test_markdown_comments_are_not_text():
    text = "<!-- cnr-lint: disable CNR201 -->\n\n25 réunions <!-- note --> de concertation\nse sont tenues."
    blocks = blocks_of(text)
    assert summary(blocks) == [("paragraph", 0, "25 réunions de concertation se sont tenues.")]
    assert (blocks[0].line, blocks[0].end_line) == (3, 4)
    # A comment on a line of its own is an HTML block: as in CommonMark, it ends the paragraph
    # (a figure alone and the lower-case line under it are then one statement all the same:
    # round 14's leaflet captions).
    text = "25 réunions\n<!-- x -->\nse sont tenues."
    assert [b.text for b in parse_markdown(tuple(text.split("\n")))] == ["25 réunions", "se sont tenues."]
    assert [b.text for b in blocks_of(text)] == ["25 réunions se sont tenues."]
    text = "Nous avons tenu 25 réunions\n<!-- x -->\nse sont tenues."  # a sentence is no figure alone
    assert [b.text for b in blocks_of(text)] == ["Nous avons tenu 25 réunions", "se sont tenues."]


def test_markdown_escapes_and_code_ticks():
    blocks = blocks_of("Le taux \\*estimé\\* est de `41` projets.")
    assert blocks[0].text == "Le taux estimé est de 41 projets."
    assert blocks[0].position(blocks[0].text.index("41")) == (1, 28)


def test_markdown_heading_in_a_blockquote_and_a_list():
    text = "> ## Dans le Var\n\n- ### Toulon : un centre de santé"
    assert summary(blocks_of(text)) == [("heading", 2, "Dans le Var"), ("heading", 3, "Toulon : un centre de santé")]


def test_markdown_nested_markers_on_one_line():
    text = "- - 1. premier point\n- > cité"
    blocks = blocks_of(text)
    assert [b.text for b in blocks] == ["premier point", "cité"]
    assert blocks[0].level == 3
    assert_positions_map_back(tuple(text.split("\n")), blocks)


def test_markdown_table_rows_have_cells_mapped_to_their_columns():
    text = "\n".join([
        "| Département | Réunions | Projets |",
        "|---|:---:|--:|",
        "| Hautes-Alpes | 5 | 4 |",
        "| Var|3|**2** |",
        "| Vaucluse | | 2 |",
    ])
    lines = tuple(text.split("\n"))
    rows = blocks_of(text)
    assert [r.kind for r in rows] == ["row"] * 4
    assert [r.cell_texts() for r in rows] == [
        ("Département", "Réunions", "Projets"),
        ("Hautes-Alpes", "5", "4"),
        ("Var", "3", "2"),
        ("Vaucluse", "", "2"),
    ]
    assert rows[1].text == "Hautes-Alpes | 5 | 4"
    var = rows[2]
    for cell, (start, _) in zip(("Var", "3", "2"), var.cells):
        line, column = var.position(start)
        assert lines[line - 1][column - 1] == cell[0]
    # the separator's pipe is the source's pipe
    assert var.position(var.text.index("|")) == (4, 6)
    assert_positions_map_back(lines, rows)


def test_markdown_table_in_a_blockquote():
    text = "> | Département | Réunions |\n> |---|---|\n> | Var | 3 |"
    assert [r.cell_texts() for r in blocks_of(text)] == [("Département", "Réunions"), ("Var", "3")]


def test_markdown_hyphenation_across_lines_is_joined():
    text = "14 projets réa-\nlisés et le dé-\n**ploiement** ; Aix-en-\nProvence."
    blocks = blocks_of(text)
    assert blocks[0].text == "14 projets réalisés et le déploiement ; Aix-en-Provence."
    lines = tuple(text.split("\n"))
    assert at(lines, blocks[0], "lisés") == (2, 1)
    assert at(lines, blocks[0], "ploiement") == (3, 3)
    assert_positions_map_back(lines, blocks)


# -- front matter ---------------------------------------------------------------------------------------


def test_front_matter_is_read_and_its_lines_blanked():
    lines = ("---", "campaign: 1 an après 2023", "published: 2023-11-20", "---", "# Titre")
    blanked, data, error = split_front_matter(lines)
    assert blanked == ("", "", "", "", "# Titre")
    assert data["campaign"] == "1 an après 2023" and str(data["published"]) == "2023-11-20"
    assert error is None


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("campaign: [1 an", "line 3: "),
        ("- une liste", "front matter is not a mapping"),
        ("published: 2024-02-30", "invalid value: day is out of range for month"),
        ("published: 2024-13-01", "invalid value: month must be in 1..12"),
        ("x: !!python/object/apply:os.system [ls]", "line 2: "),
    ],
)
def test_broken_front_matter_is_an_error_not_a_crash(body, error):
    lines = ("---", *body.split("\n"), "", "---", "texte")
    blanked, data, message = split_front_matter(lines)
    assert data == {}
    assert message.startswith(error)
    assert blanked[-1] == "texte" and set(blanked[:-1]) == {""}


@pytest.mark.parametrize("body", ["", "# rien", "   "], ids=["empty", "comment", "blank"])
def test_empty_front_matter_is_an_empty_mapping(body):
    lines = ("---", body, "---", "texte") if body else ("---", "---", "texte")
    blanked, data, error = split_front_matter(lines)
    assert (data, error) == ({}, None)
    assert blanked[-1] == "texte" and set(blanked[:-1]) == {""}


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("region: [a, b]", "line 2: region: expected text, a number or a date, not a list"),
        ("campaign: 1 an\ndepartment: {a: b}", "line 3: department: expected text, a number or a date, not a mapping"),
        ("as_of: yes", "line 2: as_of: expected text, a number or a date, not true or false"),
        ("a: &x [1]\nregion: *x", "line 3: YAML aliases (*name) are not allowed here"),
        ("region: a\nregion: b", "line 3: region: the key is given twice in one mapping (first on line 2)"),
        ("region: " + "[" * 30_000 + "]" * 30_000, "line 2: is nested too deeply"),
        ("region: " + "x" * 70_000, "front matter is larger than 64 KB"),
    ],
    ids=["list", "mapping", "bool", "alias", "duplicate", "deep", "large"],
)
def test_front_matter_refuses_what_cnr_lint_cannot_use(body, error):
    lines = ("---", *body.split("\n"), "---", "texte")
    blanked, data, message = split_front_matter(lines)
    assert data == {}
    assert message.startswith(error), message
    assert blanked[-1] == "texte" and set(blanked[:-1]) == {""}


def test_front_matter_keeps_other_keys_and_plain_values():
    lines = ("---", "region: Paca", "department: 5", "published: 2023-11-20 10:00:00", "tags: [a, b]", "---")
    _, data, error = split_front_matter(lines)
    assert error is None
    assert data["region"] == "Paca" and data["department"] == 5 and data["tags"] == ["a", "b"]
    assert str(data["published"]) == "2023-11-20"  # a day, not a time of day


def test_a_front_matter_alias_bomb_is_refused_before_it_expands():
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]" for n in range(8)
    ]
    _, data, error = split_front_matter(("---", *bomb, "region: *i", "---", "texte"))
    assert data == {} and error.startswith("line 3: YAML aliases")


def test_unclosed_front_matter_fence_is_text():
    lines = ("---", "campaign: x", "texte")
    assert split_front_matter(lines) == (lines, {}, None)


def test_front_matter_lines_keep_their_numbers_in_blocks():
    parsed = parse(source("---\nregion: Paca\n---\n\n25 réunions de concertation\n"))
    assert parsed.front_matter == {"region": "Paca"}
    assert [(b.line, b.text) for b in parsed.blocks] == [(5, "25 réunions de concertation")]


def test_parse_chooses_markdown_or_text_by_suffix():
    text = "# Titre\n\n- point"
    assert summary(blocks_of(text, "a.md")) == [("heading", 1, "Titre"), ("item", 1, "point")]
    assert summary(blocks_of(text, "a.MARKDOWN")) == [("heading", 1, "Titre"), ("item", 1, "point")]
    assert summary(blocks_of(text, "a.txt")) == [("paragraph", 0, "# Titre"), ("item", 1, "point")]


# -- plain text --------------------------------------------------------------------------------------


def test_text_paragraphs_items_and_statuses():
    text = "\n".join([
        "CNR santé dans les",
        "Bouches-du-Rhône :",
        "1 an après.",
        "",
        "1. l'accès à un médecin ;",
        "2. l'accès à une réponse",
        "d'urgence ;",
        "• un point",
        "",
        "PROJET RÉALISÉ",
    ])
    assert summary(blocks_of(text, "d.txt")) == [
        ("paragraph", 0, "CNR santé dans les Bouches-du-Rhône : 1 an après."),
        ("item", 1, "l'accès à un médecin ;"),
        ("item", 1, "l'accès à une réponse d'urgence ;"),
        ("item", 1, "un point"),
        ("paragraph", 0, "PROJET RÉALISÉ"),
    ]


PDFTOTEXT = "\n".join([
    "DOSSIER DE PRESSE",  # 1
    "",
    "41 projets ont émergé. Le bilan compte 14 projets réa-",  # 3
    "lisés et 27 projets en cours de dé-",  # 4
    "ploiement.  Plus de 2,9 millions d'euros.",  # 5
    "",
    "Dans les Alpes-de-Haute-Provence, 3 réunions se sont",  # 7
    "",
    "ARS Paca – Dossier de presse",  # 9
    "1/3",
    "\ftenues pour relever quatre grands défis :",  # 11
    "1. l'accès à un médecin traitant ;",
    "",
    "EN COURS",  # 14
    "",
    "ARS Paca – Dossier de presse",
    "2/3",
    "\fUn nouveau paragraphe.",  # 18
    "",
    "EN COURS",  # 20
    "ARS Paca – Dossier de presse",
    "- 3 -",
    "\f",
])


def test_pdftotext_furniture_hyphenation_and_page_breaks():
    lines = tuple(PDFTOTEXT.split("\n"))
    blocks = parse_text(lines)
    assert summary(blocks) == [
        ("paragraph", 0, "DOSSIER DE PRESSE"),
        ("paragraph", 0, "41 projets ont émergé. Le bilan compte 14 projets réalisés et 27 projets en cours de "
                         "déploiement. Plus de 2,9 millions d'euros."),  # its double space written as one
        # cut by a page break, its footer and page number: one paragraph again
        ("paragraph", 0, "Dans les Alpes-de-Haute-Provence, 3 réunions se sont tenues pour relever quatre grands défis :"),
        ("item", 1, "l'accès à un médecin traitant ;"),
        ("paragraph", 0, "EN COURS"),
        ("paragraph", 0, "Un nouveau paragraphe."),
        # a status line at a page edge is text: it also occurs inside a page
        ("paragraph", 0, "EN COURS"),
    ]
    assert at(lines, blocks[1], "14 projets") == (3, 40)
    assert at(lines, blocks[1], "lisés") == (4, 1)
    assert at(lines, blocks[1], "ploiement") == (5, 1)
    assert at(lines, blocks[2], "tenues") == (11, 2)
    assert (blocks[2].line, blocks[2].end_line) == (7, 11)
    assert blocks[5].line == 18 and blocks[5].position(0) == (18, 2)
    assert_positions_map_back(lines, blocks)


def test_a_page_break_ends_a_paragraph_whose_sentence_is_closed():
    lines = ("Premier paragraphe.", "\fsuite en minuscules.", "Sans point", "\fMajuscule ensuite")
    assert [b.text for b in parse_text(lines)] == [
        "Premier paragraphe.", "suite en minuscules. Sans point", "Majuscule ensuite",
    ]


def test_running_header_at_page_tops_is_furniture():
    lines = ("\fARS Paca", "Texte un.", "", "\fARS Paca", "Texte deux.", "", "\fARS Paca", "Texte trois.")
    assert [b.text for b in parse_text(lines)] == ["Texte un.", "Texte deux.", "Texte trois."]


def test_page_numbers_without_form_feeds():
    lines = ("Texte.", "", "Page 2 sur 3", "", "p. 4", "", "2/3", "", "Suite.")
    assert [b.text for b in parse_text(lines)] == ["Texte.", "Suite."]


def test_text_comments_are_skipped():
    lines = ("<!-- un fixture -->", "", "25 réunions", "<!-- cnr-lint: disable-next-line CNR101 -->", "tenues.")
    blocks = parse_text(lines)
    assert summary(blocks) == [("paragraph", 0, "25 réunions tenues.")]


def test_spaces_of_french_typography_are_plain_spaces():
    lines = ("Plus de 2,9\u202fmillions\xa0d’euros\tengagés",)
    (block,) = parse_text(lines)
    assert block.text == "Plus de 2,9 millions d'euros engagés"
    assert_positions_map_back(lines, [block])


def test_position_of_a_block_without_anchors():
    assert Block("paragraph", 0, "", 7, 7, ()).position(3) == (7, 1)


def test_seed_and_fixture_blocks_map_back():
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    for path in [*fixtures.glob("*/*.md"), *fixtures.glob("*/*.txt")]:
        decoded = decode(path.read_bytes(), path.name)
        if not isinstance(decoded, Source):
            continue
        parsed = parse(decoded)
        lines, _, _ = split_front_matter(decoded.lines)
        assert parsed.blocks or not decoded.text.strip(), path
        assert_positions_map_back(lines, parsed.blocks)


# -- properties ---------------------------------------------------------------------------------------------

_WORDS = [
    "Dans", "les", "Hautes-Alpes", "réunions", "projets", "réalisés", "en", "cours", "près", "de", "700",
    "2,9", "millions", "d’euros", "l'ARS", "41", "quatre", "grands", "défis", "Lundi", "3", "octobre", "2022",
    "dé-", "réa-", "Aix-en-", "x-", "-", "–", "—", "«", "»", ":", ";", ".", "…", "EN COURS", "PROJET RÉALISÉ",
]
_MARKUP = [
    "**", "*", "_", "__", "`", "\\*", "\\|", "\\", "<!-- x -->", "<!--", "-->", "|", "#", "##", ">", "> ",
    "- ", "* ", "+ ", "1. ", "2) ", "• ", "  ", "    ", "\t", "\f", "\xa0", "\u202f", "’", "***", "---", "===",
    "|---|---|", ":--:", "[", "](x)", "<b>", "&amp;",
]
_FURNITURE = ["ARS Paca – Dossier de presse", "1/3", "2/3", "Page 2 sur 3", "- 4 -", "12", "\f", "\fARS Paca"]

_token = st.sampled_from(_WORDS) | st.sampled_from(_MARKUP)
_line_prefix = st.sampled_from(["", "", "", "# ", "### ", "> ", "- ", "  - ", "1. ", "| ", "    ", "\f", "**", "* "])
_crafted_line = st.builds(
    lambda prefix, tokens, suffix: prefix + " ".join(tokens) + suffix,
    _line_prefix,
    st.lists(_token, max_size=8),
    st.sampled_from(["", "", "", "-", "**", " |", "  ", " #", ":"]),
)
_any_line = st.text(st.characters(blacklist_characters="\r\n"), max_size=25)
_line = _crafted_line | _any_line | st.sampled_from(_FURNITURE) | st.just("")
_document = st.lists(_line, max_size=25).map(tuple)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document)
@example(("ploiement", "** dé-"))
@example(("| a | |", "|---|---|", "| Var|3| |"))
@example(("- - 1. x", "  ---"))
@example(("> # T", "", "- ## U"))
def test_markdown_positions_map_back(lines):
    assert_positions_map_back(lines, parse_markdown(lines))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document)
@example(("Texte réa-", "ARS Paca", "1/3", "\flisés", "", "ARS Paca", "2/3", "\fsuite"))
@example(("  x", "\f  ", "\f y"))
def test_text_positions_map_back(lines):
    assert_positions_map_back(lines, parse_text(lines))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["d.md", "d.txt"]))
def test_any_decodable_bytes_parse(data, path):
    decoded = decode(data, path)
    if isinstance(decoded, Source):
        parsed = parse(decoded)
        lines, _, _ = split_front_matter(decoded.lines)
        assert_positions_map_back(lines, parsed.blocks)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["d.md", "d.txt"]))
@example("---\npublished: 2024-02-30\n---\n", "d.md")
@example("---\n- a\n---\ntexte\n", "d.txt")
def test_any_text_parses(text, path):
    lines = tuple(re.split(r"\r\n|\r|\n", text))
    parsed = parse(Source(path, lines, "utf-8", ""))
    body, _, _ = split_front_matter(lines)
    assert_positions_map_back(body, parsed.blocks)


def test_a_status_line_at_the_foot_of_a_page_stays_apart():
    lines = ("Un projet.", "", "PROJET RÉALISÉ", "ARS Paca", "1/2", "\fun texte en minuscules.", "ARS Paca", "2/2")
    assert [b.text for b in parse_text(lines)] == ["Un projet.", "PROJET RÉALISÉ", "un texte en minuscules."]
