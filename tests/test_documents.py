"""Word, OpenDocument and PDF dossiers: what is read from them, where findings point, bad files.

The fixtures in fixtures/documents/ were made by python-docx and LibreOffice from the seeds
(fixtures/documents/generate.py); these tests need neither.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import REPO, invoke, validate_sarif

DOCUMENTS = REPO / "fixtures" / "documents"
SEEDS = REPO / "fixtures" / "seeds"
TEXT_SEEDS = {"hautes-alpes": SEEDS / "hautes-alpes.md", "bouches-du-rhone": SEEDS / "bouches-du-rhone.txt"}


def facts(path: Path) -> dict:
    result = invoke("facts", "--format", "json", str(path))
    assert result.exit_code == 0, result.output
    [dossier] = json.loads(result.stdout)
    return dossier


def understood(dossier: dict) -> dict:
    """What a dossier says, without where it says it (places differ between formats by design)."""
    return {
        "meta": [dossier[key] for key in ("region", "department", "campaign", "published")],
        "figures": sorted(
            json.dumps({k: v for k, v in f.items() if k not in ("line", "column", "page")}, sort_keys=True)
            for f in dossier["figures"]
        ),
        "lists": [
            (lst["name"], lst["stated"], [(e["title"], e["status"]) for e in lst["entries"]]) for lst in dossier["lists"]
        ],
        "dates": [(d["text"], d["date"], d["weekday"]) for d in dossier["dates"]],
    }


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".odt"])
@pytest.mark.parametrize("seed", sorted(TEXT_SEEDS))
def test_seed_as_published_gives_the_facts_of_its_text(seed, suffix):
    from_text = understood(facts(TEXT_SEEDS[seed]))
    from_document = understood(facts(DOCUMENTS / "seeds" / f"{seed}{suffix}"))
    assert from_text["figures"], "the text seed states figures"
    assert from_document == from_text


@pytest.mark.parametrize(("as_pdf", "as_text"), [("hautes-alpes", "bouches-du-rhone"), ("bouches-du-rhone", "hautes-alpes")])
def test_pdf_of_one_seed_conflicts_with_the_text_of_the_other(tmp_path, monkeypatch, as_pdf, as_text):
    shutil.copy(DOCUMENTS / "seeds" / f"{as_pdf}.pdf", tmp_path)
    shutil.copy(TEXT_SEEDS[as_text], tmp_path)
    monkeypatch.chdir(tmp_path)
    result = invoke("--no-cache", "--format", "json", ".")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    pdf = f"{as_pdf}.pdf"
    assert sorted((f["rule"], f["path"] == pdf) for f in findings) == [("CNR201", False)] * 2 + [("CNR201", True)] * 2
    for finding in findings:
        [other] = finding["related"]
        assert {finding["path"], other["path"]} == {pdf, TEXT_SEEDS[as_text].name}
        in_pdf = finding if finding["path"] == pdf else other
        assert in_pdf["page"] == 1 and in_pdf["line"] > 1


def pdf_page_lines(path: Path, page: int) -> list[str]:
    """The page's text as PDFium lays it out, one line per line (not through cnr-lint's reader)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    text = document[page - 1].get_textpage().get_text_range()
    return re.split(r"\r\n|\r|\n|\x02|\ufffe", text)


def test_a_place_in_a_pdf_is_a_page_and_a_line_on_it(tmp_path, monkeypatch):
    path = DOCUMENTS / "seeds" / "hautes-alpes.pdf"
    [figure] = [f for f in facts(path)["figures"] if f["name"] == "region.projects.realised"]
    line = pdf_page_lines(path, figure["page"])[figure["line"] - 1]
    assert line[figure["column"] - 1:].startswith(figure["text"])
    shutil.copy(path, tmp_path)
    shutil.copy(TEXT_SEEDS["bouches-du-rhone"], tmp_path)
    monkeypatch.chdir(tmp_path)
    result = invoke("--no-cache", ".")
    assert f"\nhautes-alpes.pdf:p{figure['page']}:{figure['line']}:{figure['column']}: CNR201 [error]" in result.stdout


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_a_place_in_word_or_opendocument_is_a_paragraph_number(suffix):
    import docx

    path = DOCUMENTS / "seeds" / f"hautes-alpes{suffix}"
    paragraphs = docx.Document(DOCUMENTS / "seeds" / "hautes-alpes.docx").paragraphs  # no table before them
    for figure in facts(path)["figures"]:
        assert "page" not in figure
        assert paragraphs[figure["line"] - 1].text[figure["column"] - 1:].startswith(figure["text"])


def test_two_column_pdf_reads_in_column_order():
    dossier = facts(DOCUMENTS / "layouts" / "two-columns.pdf")
    assert understood(dossier) == understood(facts(TEXT_SEEDS["hautes-alpes"]))
    assert {f["page"] for f in dossier["figures"]} >= {1, 2}
    [challenges] = [lst for lst in dossier["lists"] if lst["name"] == "department.challenges"]
    assert [e["title"][:22] for e in challenges["entries"]] == [
        "l'accès des citoyens à", "l'accès à une réponse ", "la mobilisation des le", "l'intégration de la pr",
    ]


def test_summary_table_of_a_pdf_gives_department_figures():
    dossier = facts(DOCUMENTS / "layouts" / "summary-table.pdf")
    rows = {(f["department"], f["name"]): f["low"] for f in dossier["figures"] if f.get("department")}
    source = (REPO / "fixtures" / "campaign" / "dossiers" / "alpes-maritimes-2023.md").read_text(encoding="utf-8")
    expected = {}
    for department, meetings, projects in re.findall(r"^\| ([^|]+?) \| (\d+) \| (\d+) \|$", source, re.MULTILINE):
        expected[(department, "department.meetings")] = int(meetings)
        expected[(department, "department.projects")] = int(projects)
    assert len(expected) == 12
    assert rows == expected  # "Alpes-de-Haute-Provence", wrapped over two lines of its cell, included


def test_running_headers_footers_and_page_numbers_are_dropped():
    from cnr_lint.parse import parse
    from cnr_lint.read import read_path

    source = read_path(DOCUMENTS / "layouts" / "two-columns.pdf")
    texts = [block.text for block in parse(source).blocks]
    assert "CNR santé · Hautes-Alpes" in source.lines and "Page 2" in source.lines
    assert not any(text.startswith(("CNR santé · Hautes-Alpes", "Page ")) for text in texts)
    assert any("Provence-Alpes-Côte d'Azur" in text for text in texts)  # a hyphen that ended a line


def expected_rows(path: Path) -> set[tuple]:
    rows = set()
    for file, place, code in re.findall(r"^\| (\S+) \| (\S+) \| (CNR\d{3}) \|", path.read_text(encoding="utf-8"), re.MULTILINE):
        page, _, line = place.rpartition(":")
        rows.add((file, int(page[1:]) if page else None, int(line), code))
    return rows


def test_mixed_campaign_reports_the_planted_conflicts_across_formats(monkeypatch):
    campaign = DOCUMENTS / "campaign"
    monkeypatch.chdir(campaign / "dossiers")
    result = invoke("--no-cache", "--format", "json", ".")
    found = {(f["path"], f.get("page"), f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]}
    expected = expected_rows(campaign / "EXPECTED.md")
    assert len(expected) == 7
    assert found == expected


def test_sarif_keeps_a_valid_region_and_the_page_in_properties(tmp_path, monkeypatch):
    shutil.copy(DOCUMENTS / "seeds" / "hautes-alpes.pdf", tmp_path)
    shutil.copy(TEXT_SEEDS["bouches-du-rhone"], tmp_path)
    monkeypatch.chdir(tmp_path)
    log = json.loads(invoke("--no-cache", "--format", "sarif", ".").stdout)
    validate_sarif(log)
    places = [
        location["physicalLocation"]
        for result in log["runs"][0]["results"]
        for location in result["locations"] + result.get("relatedLocations", [])
    ]
    in_pdf = [p for p in places if p["artifactLocation"]["uri"] == "hautes-alpes.pdf"]
    assert len(in_pdf) == 4
    assert all(p["properties"] == {"page": 1} and p["region"]["startLine"] >= 1 for p in in_pdf)
    assert all("properties" not in p for p in places if p not in in_pdf)


# -- bad input -----------------------------------------------------------------------------------


def zip_bomb(path: Path) -> None:
    """A Word file whose document.xml unpacks to 256 MB of blanks from a quarter of a megabyte."""
    with zipfile.ZipFile(DOCUMENTS / "seeds" / "hautes-alpes.docx") as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            if member.filename != "word/document.xml":
                bomb.writestr(member, source.read(member))
        member = zipfile.ZipInfo("word/document.xml")
        member.compress_type = zipfile.ZIP_DEFLATED
        with bomb.open(member, "w", force_zip64=True) as stream:
            block = b" " * (1 << 20)
            for _ in range(256):
                stream.write(block)


def many_pages(path: Path) -> None:
    """A 500-page PDF: the seed's pages, over and over."""
    import pypdfium2 as pdfium

    seed = pdfium.PdfDocument(DOCUMENTS / "seeds" / "hautes-alpes.pdf")
    document = pdfium.PdfDocument.new()
    while len(document) < 500:
        document.import_pages(seed, pages=list(range(min(len(seed), 500 - len(document)))))
    document.save(path)


def corrupt(path: Path) -> None:
    """A PDF whose header and end marker are right and everything between is noise."""
    whole = (DOCUMENTS / "seeds" / "hautes-alpes.pdf").read_bytes()
    path.write_bytes(whole[:16] + bytes(range(256)) * 64 + b"\n%%EOF\n")


BAD = {
    "encrypted.pdf": ("is encrypted", None),
    "scanned.pdf": ("has no text layer: a scanned PDF cannot be read", None),
    "truncated.pdf": ("is truncated or damaged", None),
    "text.pdf": ("is named .pdf but holds plain text", None),
    "renamed-zip.docx": ("is not a Word (.docx) file: its zip archive has no word/document.xml", None),
    "bomb.docx": ("a zip bomb", zip_bomb),
    "long.pdf": ("has 500 pages, more than the 200 a dossier may hold", many_pages),
    "corrupt.pdf": ("is damaged: PDFium cannot open it", corrupt),
    "notes.rtf": ("is a .rtf file, a format cnr-lint cannot read", lambda p: p.write_text("{\\rtf1 41 projets}")),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_document_is_an_error_naming_the_file_and_the_others_are_checked(tmp_path, monkeypatch, name):
    reason, make = BAD[name]
    if make:
        make(tmp_path / name)
    else:
        shutil.copy(DOCUMENTS / "bad" / name, tmp_path / name)
    shutil.copy(TEXT_SEEDS["hautes-alpes"], tmp_path)
    shutil.copy(DOCUMENTS / "seeds" / "bouches-du-rhone.docx", tmp_path)
    monkeypatch.chdir(tmp_path)
    result = invoke("--no-cache", "--format", "json", name, "hautes-alpes.md", "bouches-du-rhone.docx")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    [unreadable] = [f for f in findings if f["path"] == name]
    assert unreadable["rule"] == "CNR001" and unreadable["severity"] == "error"
    assert reason in unreadable["message"]
    assert sorted({f["path"] for f in findings if f["rule"] == "CNR201"}) == ["bouches-du-rhone.docx", "hautes-alpes.md"]


def test_markdown_only_run_imports_no_document_library(tmp_path):
    shutil.copy(TEXT_SEEDS["hautes-alpes"], tmp_path)
    code = (
        "import sys\n"
        "from cnr_lint.cli import main\n"
        "try:\n    main(['--no-cache', '.'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pypdfium2', 'docx', 'lxml')"
        " or m.startswith('cnr_lint.documents')))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_warm_run_over_pdfs_reads_no_pdf(tmp_path):
    """The cache keys a PDF by its content like any dossier: a second run neither reads nor
    imports PDFium, so it costs what a warm run over Markdown costs (bench/ measures both)."""
    for name in ("hautes-alpes.pdf", "bouches-du-rhone.pdf"):
        shutil.copy(DOCUMENTS / "seeds" / name, tmp_path)
    code = (
        "import sys\n"
        "from cnr_lint.cli import main\n"
        "try:\n    main(['--format', 'json', '.'])\n"
        "except SystemExit as exit:\n    print('exit', exit.code)\n"
        "print('pdfium', any(m.startswith('pypdfium2') for m in sys.modules))\n"
    )
    runs = [subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
            for _ in range(2)]
    cold, warm = (run.stdout.splitlines() for run in runs)
    assert cold[-2:] == ["exit 1", "pdfium True"]
    assert warm[-2:] == ["exit 1", "pdfium False"]
    assert json.loads("\n".join(cold[:-2]))["findings"] == json.loads("\n".join(warm[:-2]))["findings"]


DAMAGEABLE = sorted(str(p.relative_to(DOCUMENTS)) for p in DOCUMENTS.glob("seeds/*") if p.suffix in (".pdf", ".docx", ".odt"))


@settings(max_examples=60, deadline=None, database=None)
# Found by this test: the central directory then asks for zip version 6.4, which zipfile refuses
@example(name="seeds/bouches-du-rhone.docx", where=0.96875, noise=b"\x00\x00@", cut=False)
@given(
    name=st.sampled_from(DAMAGEABLE),
    where=st.floats(0, 1),
    noise=st.binary(min_size=1, max_size=64),
    cut=st.booleans(),
)
def test_damaged_documents_never_raise(name, where, noise, cut):
    """Bytes of a real document overwritten (or the file cut there) give a dossier or CNR001."""
    from cnr_lint.pipeline import dossier_from_bytes

    data = (DOCUMENTS / name).read_bytes()
    at = int(where * (len(data) - 1))
    damaged = data[:at] if cut else data[:at] + noise + data[at + len(noise):]
    dossier = dossier_from_bytes(damaged, name, _context())
    assert dossier.path == name
    if not dossier.readable:
        [note] = dossier.notes
        assert note.code == "unreadable" and note.message.startswith("the file ")


@functools.lru_cache(maxsize=1)
def _context():
    from cnr_lint.pack import load_packs
    from cnr_lint.pipeline import Context

    return Context(load_packs())


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".odt"])
def test_list_items_and_headings_are_those_of_the_markdown(suffix):
    """Numbered and bulleted items (Word's bullets reach a PDF as private-use glyphs) and the
    section headings come out as in the Markdown the document was made from."""
    from cnr_lint.parse import parse
    from cnr_lint.read import read_path

    def shape(path: Path, kind: str) -> list[str]:
        return [b.text for b in parse(read_path(path)).blocks if b.kind == kind]

    markdown, document = TEXT_SEEDS["hautes-alpes"], DOCUMENTS / "seeds" / f"hautes-alpes{suffix}"
    assert len(shape(markdown, "item")) == 7
    assert shape(document, "item") == shape(markdown, "item")
    assert shape(document, "heading") == shape(markdown, "heading")


def test_pdf_lines_join_into_blocks_as_pdftotext_text_does():
    """A word cut at a line's end is joined (a hyphen before a capital is kept), a paragraph runs
    on across a page break when its text does, a gap or a list marker starts a new block, and a
    footer repeated on every page's margin is dropped while a margin line seen once is kept."""
    from cnr_lint.parse import parse_styled
    from cnr_lint.read import StyledLine

    lines = (
        StyledLine("Les projets sont en cours de dé-", page=1),
        StyledLine("ploiement dans la région Provence-Alpes-", page=1, new_block=False),
        StyledLine("Côte d'Azur et dans les", page=1, new_block=False),
        StyledLine("ARS Paca · page 1", page=1, margin=True),
        StyledLine("six départements.", page=2),
        StyledLine("1. un premier défi ;", page=2, new_block=False),
        StyledLine("2. un second défi.", page=2, new_block=False),
        StyledLine("EN COURS", page=2, bold=True),
        StyledLine("ARS Paca · page 2", page=2, margin=True),
        StyledLine("Communiqué du 8 novembre", page=2, margin=True),
    )
    blocks = parse_styled(lines)
    assert [(b.kind, b.text, b.emphasised) for b in blocks] == [
        ("paragraph", "Les projets sont en cours de déploiement dans la région Provence-Alpes-Côte d'Azur"
                      " et dans les six départements.", False),
        ("item", "un premier défi ;", False),
        ("item", "un second défi.", False),
        ("paragraph", "EN COURS", True),
        ("paragraph", "Communiqué du 8 novembre", False),
    ]
    assert blocks[0].position(blocks[0].text.index("six")) == (5, 1)  # line 5: page 2's first


def test_github_and_junit_name_the_page(tmp_path, monkeypatch):
    shutil.copy(DOCUMENTS / "seeds" / "hautes-alpes.pdf", tmp_path)
    shutil.copy(TEXT_SEEDS["bouches-du-rhone"], tmp_path)
    monkeypatch.chdir(tmp_path)
    github = invoke("--no-cache", "--format", "github", ".").stdout
    assert "::error file=hautes-alpes.pdf,line=22,col=28," in github
    assert "::page 1, line 22: 14 projets réalisés" in github
    assert "(see hautes-alpes.pdf:p1:22)" in github
    junit = invoke("--no-cache", "--format", "junit", ".").stdout
    assert "hautes-alpes.pdf:p1:22:28: CNR201 [error]" in junit


def test_a_pdf_restricted_without_a_password_to_open_it_is_read():
    """Copying and printing forbidden, no password to open: PDFium reads it, as viewers do."""
    restricted = facts(DOCUMENTS / "seeds" / "hautes-alpes-restricted.pdf")
    assert understood(restricted) == understood(facts(TEXT_SEEDS["hautes-alpes"]))


def test_a_pdf_mostly_scanned_is_an_error_not_a_dossier_without_figures(tmp_path, monkeypatch):
    """A typed cover, then scanned pages: reading the cover alone would pass without a word read."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    document.import_pages(pdfium.PdfDocument(DOCUMENTS / "seeds" / "hautes-alpes.pdf"), pages=[0])
    scanned = pdfium.PdfDocument(DOCUMENTS / "bad" / "scanned.pdf")
    document.import_pages(scanned, pages=[0, 0])
    document.save(tmp_path / "mostly-scanned.pdf")
    monkeypatch.chdir(tmp_path)
    [finding] = json.loads(invoke("--no-cache", "--format", "json", "mostly-scanned.pdf").stdout)["findings"]
    assert finding["rule"] == "CNR001"
    assert finding["message"] == "the file has no text layer on 2 of its 3 pages: a scanned PDF cannot be read"


def interleaved_columns(path: Path, left: str, right: str) -> None:
    """A two-column page whose file writes each left line, then the right line beside it (PDFium
    then merges them across the gutter, as pdfplumber and pdftotext without -layout do)."""
    import ctypes
    import itertools
    import textwrap

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    rows = itertools.zip_longest(textwrap.wrap(left, 40), textwrap.wrap(right, 40))
    for row, texts in enumerate(rows):
        for text, x in zip(texts, (60, 320)):
            if text is None:
                continue
            line = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", 11.0)
            wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            raw.FPDFText_SetText(line, ctypes.cast(wide, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(line, 1, 0, 0, 1, x, 700 - 14 * row)
            raw.FPDFPage_InsertObject(page.raw, line)
    page.gen_content()
    document.save(path)


def test_columns_interleaved_in_the_file_are_read_one_after_the_other(tmp_path):
    from cnr_lint.parse import parse
    from cnr_lint.read import read_path

    left = ("Dans les Hautes-Alpes, 5 réunions se sont tenues pour trouver des solutions et relever"
            " de manière urgente quatre grands défis identifiés dans le département.")
    right = ("Ces discussions ont permis de faire émerger 4 projets concrets qui ont été soutenus"
             " par l'ARS en 2023, dans toutes les vallées du département.")
    interleaved_columns(tmp_path / "columns.pdf", left, right)
    assert not any("Dans" in line and "Ces" in line for line in read_path(tmp_path / "columns.pdf").lines)
    assert " ".join(block.text for block in parse(read_path(tmp_path / "columns.pdf")).blocks) == f"{left} {right}"
