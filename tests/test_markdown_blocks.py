"""The fast Markdown block scanner finds exactly the blocks markdown-it-py finds.

`parse.parse_markdown` reads the subset of CommonMark that dossiers use with its own line
scanner and sends any other document to markdown-it (`_parse_markdown_with_markdown_it`). Both
must give equal blocks (kind, level, text, lines, anchors, emphasis, cells) on every document:
the fixtures, dossiers of the benchmark corpus's shape, and generated documents made of the
subset's constructs and of constructs outside it. The fast path must also really be taken on
dossiers, or the comparison would prove nothing.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from cnr_lint.parse import _parse_markdown_with_markdown_it, _scan_markdown, parse_markdown, split_front_matter
from cnr_lint.read import Source, read_path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = sorted((REPO / "fixtures").rglob("*.md"))
# Fixture dossiers that use Markdown outside the scanner's subset: markdown-it reads them. The
# blind corpora's authors wrote what their CMS gives (tables and lists in constructs the scanner
# leaves to markdown-it, block quotes such as a key-figures box), and the result must be the same
# blocks either way.
FIXTURES_OUTSIDE_THE_SUBSET: set[str] = {
    "fixtures/blind/auvergne-rhone-alpes-chambery/dossiers/2023-11-16-cnr-sante-savoie-1-an-apres.md",
    "fixtures/blind/auvergne-rhone-alpes-chambery/dossiers/2023-11-17-cnr-sante-isere-1-an-apres.md",
    "fixtures/blind/auvergne-rhone-alpes-chambery/dossiers/2024-11-19-cnr-sante-savoie-2-ans-apres.md",
    "fixtures/blind/auvergne-rhone-alpes-chambery/dossiers/2024-11-20-cnr-sante-haute-savoie-2-ans-apres.md",
    "fixtures/blind/auvergne-rhone-alpes-chambery/dossiers/2024-11-21-cnr-sante-isere-2-ans-apres.md",
    "fixtures/blind/auvergne-rhone-alpes-chambery/dossiers/2024-11-25-cnr-sante-drome-2-ans-apres.md",
    "fixtures/blind/auvergne-rhone-alpes-chambery/dossiers/2024-11-26-cnr-sante-ain-2-ans-apres.md",
    "fixtures/blind/auvergne-rhone-alpes-chambery/dossiers/2024-11-29-cnr-sante-synthese-regionale-2-ans-apres.md",
    "fixtures/blind/grand-est-colmar/dossiers/cnr2ans_57_moselle.md",
    "fixtures/blind/grand-est-colmar/dossiers/cnr2ans_67_bas-rhin.md",
    "fixtures/blind/grand-est-colmar/dossiers/cnr2ans_68_haut-rhin.md",
    "fixtures/blind/grand-est-colmar/dossiers/cnr3ans_57_moselle.md",
    "fixtures/blind/grand-est-colmar/dossiers/cnr3ans_67_bas-rhin.md",
    "fixtures/blind/grand-est-nancy/PERSONA.md",
    "fixtures/blind/pays-de-la-loire-laval/dossiers/2023/cnr-sante-loire-atlantique-1-an.md",
    "fixtures/blind/pays-de-la-loire-laval/dossiers/2024/cnr-sante-sarthe-2-ans.md",
    "fixtures/blind/normandie-evreux/dossiers/calvados-2024.md",
    "fixtures/blind/normandie-evreux/dossiers/calvados-2025.md",
    "fixtures/blind/normandie-evreux/dossiers/eure-2024.md",
    "fixtures/blind/normandie-evreux/dossiers/eure-2025.md",
    "fixtures/blind/normandie-evreux/dossiers/orne-2024.md",
    "fixtures/blind/normandie-evreux/dossiers/orne-2025.md",
    "fixtures/blind/normandie-evreux/dossiers/seine-maritime-2024.md",
    "fixtures/blind/normandie-evreux/dossiers/seine-maritime-2025.md",
    "fixtures/blind/normandie-evreux/dossiers/synthese-normandie-2025.md",
    "fixtures/blind/paca-avignon/dossiers/alpes-de-haute-provence-2025.md",
    "fixtures/blind/paca-avignon/dossiers/bouches-du-rhone-2025.md",
    "fixtures/blind/paca-avignon/dossiers/vaucluse-2024.md",
    "fixtures/blind/bretagne/dossiers/ille-et-vilaine-2023.md",
    "fixtures/blind/bretagne/dossiers/ille-et-vilaine-2024.md",
    "fixtures/blind/hauts-de-france/dossiers/nord-2023.md",
    "fixtures/blind/hauts-de-france/dossiers/nord-2024.md",
    "fixtures/blind/normandie-rouen/dossiers/calvados-2023.md",
    "fixtures/blind/normandie-rouen/dossiers/calvados-2024.md",
    "fixtures/blind/normandie-rouen/dossiers/eure-2024.md",
    "fixtures/blind/normandie-rouen/dossiers/manche-2023.md",
    "fixtures/blind/normandie-rouen/dossiers/manche-2024.md",
    "fixtures/blind/normandie-rouen/dossiers/normandie-synthese-2024.md",
    "fixtures/blind/normandie-rouen/dossiers/orne-2024.md",
    "fixtures/blind/normandie-rouen/dossiers/seine-maritime-2024.md",
    # "Zoom sur…" boxes as block quotes
    "fixtures/blind/centre-val-de-loire-orleans/dossiers/centre-val-de-loire-synthese-2024.md",
    "fixtures/blind/centre-val-de-loire-orleans/dossiers/cher-2023.md",
    "fixtures/blind/centre-val-de-loire-orleans/dossiers/cher-2024.md",
    "fixtures/blind/centre-val-de-loire-orleans/dossiers/eure-et-loir-2024.md",
    "fixtures/blind/centre-val-de-loire-orleans/dossiers/indre-2023.md",
    "fixtures/blind/centre-val-de-loire-orleans/dossiers/indre-2024.md",
    "fixtures/blind/centre-val-de-loire-orleans/dossiers/indre-et-loire-2024.md",
    "fixtures/blind/centre-val-de-loire-orleans/dossiers/loir-et-cher-2024.md",
    "fixtures/blind/centre-val-de-loire-orleans/dossiers/loiret-2024.md",
    # the delegate's words quoted in block quotes
    "fixtures/blind/nouvelle-aquitaine-poitiers/dossiers/charente-2024.md",
    "fixtures/blind/nouvelle-aquitaine-poitiers/dossiers/nouvelle-aquitaine-synthese-2024.md",
    "fixtures/blind/nouvelle-aquitaine-poitiers/dossiers/vienne-2024.md",
    "fixtures/blind/nouvelle-aquitaine-poitiers/dossiers/vienne-2025.md",
    # "Le saviez-vous ?" boxes as block quotes
    "fixtures/blind/normandie-caen/dossiers/calvados-2023.md",
    "fixtures/blind/normandie-caen/dossiers/calvados-2024.md",
    "fixtures/blind/normandie-caen/dossiers/eure-2024.md",
    "fixtures/blind/normandie-caen/dossiers/manche-2023.md",
    "fixtures/blind/normandie-caen/dossiers/manche-2024.md",
    "fixtures/blind/normandie-caen/dossiers/normandie-synthese-2024.md",
    "fixtures/blind/normandie-caen/dossiers/orne-2023.md",
    "fixtures/blind/normandie-caen/dossiers/orne-2024.md",
    "fixtures/blind/normandie-caen/dossiers/seine-maritime-2024.md",
    # "En bref" boxes as block quotes
    "fixtures/blind/grand-est-metz/dossiers/grand-est-synthese-2023.md",
    "fixtures/blind/grand-est-metz/dossiers/meurthe-et-moselle-2023.md",
    "fixtures/blind/grand-est-metz/dossiers/meuse-2023.md",
    "fixtures/blind/grand-est-metz/dossiers/moselle-2023.md",
    "fixtures/blind/grand-est-metz/dossiers/moselle-2024.md",
    "fixtures/blind/grand-est-metz/dossiers/vosges-2023.md",
    "fixtures/blind/grand-est-metz/dossiers/vosges-2024.md",
}


def assert_same_blocks(lines: tuple[str, ...]) -> bool:
    """parse_markdown gives markdown-it's blocks; whether the fast scanner read the document."""
    fast = _scan_markdown(lines) is not None
    assert parse_markdown(lines) == _parse_markdown_with_markdown_it(lines), lines
    return fast


def fixture_lines(path: Path) -> tuple[str, ...]:
    source = read_path(str(path), str(path))
    assert isinstance(source, Source), path
    return source.lines


# -- Real documents ---------------------------------------------------------------------------------


def test_there_are_fixtures():
    assert len(FIXTURES) >= 80


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: str(path.relative_to(REPO / "fixtures")))
def test_fixtures_give_the_same_blocks_on_the_fast_path(path):
    lines = fixture_lines(path)
    body, _, _ = split_front_matter(lines, str(path))  # as `parse` gives them
    fast = [assert_same_blocks(lines), assert_same_blocks(body)]
    expected = str(path.relative_to(REPO)) not in FIXTURES_OUTSIDE_THE_SUBSET
    assert fast == [expected, expected], path


def _bench_module():
    spec = importlib.util.spec_from_file_location("cnr_bench_run", REPO / "bench" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


@pytest.mark.parametrize("corpus", ["pooled", "distinct"])
def test_benchmark_corpus_dossiers_give_the_same_blocks_on_the_fast_path(corpus):
    bench = _bench_module()
    rendered = [
        bench.render(group, member)
        for group in bench.plan(48, corpus=corpus)
        for member in group.members
        if member.shape == "md"
    ]
    assert len(rendered) >= 20
    for text in rendered:
        assert assert_same_blocks(tuple(text.split("\n"))), text[:200]


# -- Generated documents ----------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "25 réunions", "projets", "**EN COURS**", "*Dimanche*", "***Et maintenant ?***", "a | b", "x", "Santé",
    "2023.", "1)", "#", "##", "-", "*", "_", "=", "|", "`41`", "\\*", "\\|", "dé-", "<!-- note -->", "**", "\xa0",
])
_TEXT = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)
# Mostly less than four spaces: four or more at a block's start make indented code (outside the subset).
_INDENT = st.sampled_from(["", "", "", "", "", "", " ", "  ", "   ", "    "])
_ANY_INDENT = st.sampled_from(["", "", " ", "  ", "   ", "    ", "     ", "      ", "        "])
_MARKER = st.sampled_from(["-", "-", "+", "*", "1.", "1.", "1)", "2.", "3)", "10.", "0.", "123456789.", "1234567890."])
_AFTER_MARKER = st.sampled_from(["", " ", " ", " ", "  ", "   ", "     ", "      "])

_item = st.builds(lambda i, m, a, t: i + m + a + t, _INDENT, _MARKER, _AFTER_MARKER, _TEXT | st.just(""))
_atx = st.builds(
    lambda i, hashes, t, closing: i + hashes + t + closing,
    st.sampled_from(["", "", " ", "   ", "    "]),
    st.sampled_from(["#", "##", "###", "######", "#######"]),
    st.sampled_from(["", " "]).flatmap(lambda blank: _TEXT.map(lambda t: blank + t)),
    st.sampled_from(["", "", " ##", "#", " #  "]),
)


def _indented(lines: list[str], indent=_INDENT) -> st.SearchStrategy[str]:
    return st.builds(str.__add__, indent, st.sampled_from(lines))


_setext = _indented(["===", "---", "-", "=", "= =", "--- ", "==  x"])
_break = _indented(["***", "* * *", "___", "- - -", "----", "**", "_ _ _", "*-*"])
_table_line = _indented([
    "| a | b |", "|---|---|", "| :-- | --: |", "a | b", "--- | ---", "|-|", "| x |", "|", "||", "| a \\| b | c |",
    "-|-", ":-:|:-:", "| - | - |", "|---||---|", "- | -", "| Var | 3 |", "| 1 200 | 41 |",
])
_blank = st.sampled_from(["", "", "", " ", "   "])
_comment = _indented([
    "<!-- cnr-lint: disable-next-line CNR201 -->", "<!-- ok: CNR201 -->", "<!-->", "<!-- x --> texte",
])
_text_line = st.builds(lambda i, t: i + t, _INDENT, _TEXT)


@st.composite
def _table(draw) -> list[str]:
    """A header, a delimiter row (sometimes of another width) and rows, at one indent."""
    indent = draw(st.sampled_from(["", "", " ", "  ", "   ", "    "]))
    columns = draw(st.integers(1, 4))
    outer = draw(st.booleans())
    def row(cells: list[str]) -> str:
        inner = " | ".join(cells)
        return indent + (f"| {inner} |" if outer else inner)
    header = row([draw(_WORDS) for _ in range(columns)])
    delimiter_width = columns + draw(st.sampled_from([0, 0, 0, 1, -1]))
    delimiter = row([draw(st.sampled_from(["---", ":--", "--:", ":-:", "-"])) for _ in range(max(delimiter_width, 0))])
    rows = [
        row([draw(_WORDS) for _ in range(draw(st.integers(0, columns + 1)))]) for _ in range(draw(st.integers(0, 3)))
    ]
    return [header, delimiter, *rows]


@st.composite
def _list(draw) -> list[str]:
    """Items at growing or shrinking indents, with continuation lines, lazy lines and blank lines."""
    lines = []
    indent = 0
    for _ in range(draw(st.integers(1, 6))):
        indent = max(0, indent + draw(st.sampled_from([0, 0, 2, 3, 4, -2, -3])))
        marker = draw(_MARKER)
        lines.append(" " * indent + marker + " " + draw(_TEXT | st.just("")))
        for _ in range(draw(st.integers(0, 2))):
            shift = draw(st.sampled_from([0, len(marker) + 1, len(marker) + 1, len(marker) + 3]))
            lines.append(draw(_blank) if draw(st.booleans()) else " " * (indent + shift) + draw(_TEXT))
    return lines


_SUBSET_LINE = _text_line | _text_line | _item | _atx | _setext | _break | _table_line | _blank | _blank | _comment
_SUBSET_CHUNK = _SUBSET_LINE.map(lambda line: [line]) | _table() | _list()
_OUTSIDE_LINE = _indented([
    "> 25 réunions", ">", "- > x", "```", "~~~", "``` python", "<div>", "</div>", "<span>x</span>", "<!-- ouvert",
    "-->", "[a]: http://x", "[lien](x) texte", "[a]:", "\t- x", "-\tx", "#\tTitre", "<https://x>", "< 5 ans",
    "<?php", "<![CDATA[", "\x00", "code", "- item",
], _ANY_INDENT)
# Any line of the characters that matter to block structure.
_NOISE_LINE = st.text(st.sampled_from(list(" #*-+_=|:<>!`~[]()0123456789.\\ax\xa0\f")), max_size=12)

_subset_documents = st.lists(_SUBSET_CHUNK, max_size=14).map(lambda chunks: tuple(l for c in chunks for l in c))
_any_documents = st.lists(
    _SUBSET_CHUNK | _OUTSIDE_LINE.map(lambda line: [line]) | _NOISE_LINE.map(lambda line: [line]), max_size=14
).map(lambda chunks: tuple(l for c in chunks for l in c))


@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_subset_documents)
@example(("Titre", "===", "", "- a", "  - b", "    - c", "     - d", "e"))
@example(("texte", "2. pas une liste", "1. une liste", "-", "- ", "suite"))
@example(("- a", "", "  b", "", "c", "  ---", "- d", "  | x | y |", "  |---|---|", "  | 1 | 2 |", "- e"))
@example(("| a | b |", "|---|---|", "| 1 | 2 |", "texte", "- item", "| 3 |", ""))
@example(("texte", "<!-- cnr-lint: disable-next-line CNR201 -->", "suite", "    <!-- x -->"))
@example(("-", "", "  texte", "1.", "   ", "2)"))
@example(("#######", "# Titre ##", "## Titre#", "#", "   ### x ###   "))
def test_subset_documents_give_markdown_it_blocks(lines):
    event("fast path" if assert_same_blocks(lines) else "markdown-it")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_any_documents)
@example(("texte", "> cité", "suite"))
@example(("- a", "```", "- b"))
@example(("[a]: http://x", "texte"))
@example(("texte", "    code?", "", "    code"))
def test_any_documents_give_markdown_it_blocks(lines):
    event("fast path" if assert_same_blocks(lines) else "markdown-it")


# -- What the scanner must leave to markdown-it ----------------------------------------------------


@pytest.mark.parametrize("lines", [
    ("> cité",),
    ("- a", "  > cité"),
    ("```", "x"),
    ("~~~",),
    ("texte", "", "    code"),
    ("<div>", "texte"),
    ("<!-- commentaire", "sur deux lignes -->"),
    ("[a]: http://x",),
    ("-\tx",),
    ("a\rb",),
    ("a\nb",),
    ("a\0",),
    tuple("  " * level + "- niveau" for level in range(12)),
    ("- " * 12 + "x",),
], ids=repr)
def test_constructs_outside_the_subset_fall_back(lines):
    assert _scan_markdown(lines) is None
    assert parse_markdown(lines) == _parse_markdown_with_markdown_it(lines)


@pytest.mark.parametrize("lines", [
    (),
    ("",),
    ("  ",),
    ("# Titre", "", "texte", "suite", "", "- a", "- b", "", "1. c", "", "| a | b |", "|---|---|", "| 1 | 2 |"),
    ("texte <!-- note --> [lien](x) < 5 > 3",),  # inline markup: not a block construct
    tuple("  " * level + "- niveau" for level in range(8)),
], ids=repr)
def test_the_subset_takes_the_fast_path(lines):
    assert assert_same_blocks(lines)


def test_hostile_nesting_falls_back_in_linear_time():
    # The scanner gives up at its depth limit, before reading the rest of the document.
    lines = tuple("  " * level + "- niveau" for level in range(3000))
    assert _scan_markdown(lines) is None
    assert _scan_markdown(("- " * 3000 + "x",)) is None
