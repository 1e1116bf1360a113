#!/usr/bin/env python3
"""Benchmark the Word, OpenDocument and PDF readers, and the PDF libraries they were chosen from.

    python bench/documents.py [--repeat 5] [--copies 100]

1. Speed: cnr-lint's read + parse + extract of each fixture of fixtures/documents/ (best of
   --repeat, in this process), per PDF page and per Word or OpenDocument file, against the
   same for the Markdown or text seed it was made from.
2. The PDF libraries on the same fixtures: pypdfium2 (what cnr-lint uses) and pdfplumber
   (pdfminer.six), for speed per page, for the text (how much of the seed's words come out in
   the seed's order: difflib's ratio over words) and for the summary table (rows found right).
   pdfplumber is not a dependency of cnr-lint: `pip install pdfplumber` to compare.
   odfpy against zipfile + ElementTree for OpenDocument (`pip install odfpy` to compare).
3. A warm run (`cnr-lint --format json .`, cache primed) over --copies PDFs and over as many
   Markdown files, each in a fresh subprocess, best of --repeat.

Prints a table per part. That the facts of each fixture are those of its seed is a test
(tests/test_documents.py), not a measurement.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "fixtures" / "documents"
SEEDS = {"hautes-alpes": ROOT / "fixtures" / "seeds" / "hautes-alpes.md",
         "bouches-du-rhone": ROOT / "fixtures" / "seeds" / "bouches-du-rhone.txt"}
TABLE_SOURCE = ROOT / "fixtures" / "campaign" / "dossiers" / "alpes-maritimes-2023.md"


def best(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("*", "").replace("#", "").lower())


def pages_of(path: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(path))


def cnr_lint_speed(repeat: int) -> None:
    sys.path.insert(0, str(ROOT))
    from cnr_lint.pack import load_packs
    from cnr_lint.pipeline import Context, load_dossier

    context = Context(load_packs())
    context.profile, context.reference  # compiled once, as in a run
    print("1. cnr-lint: read + parse + extract, best of", repeat)
    print(f"{'file':44} {'pages':>5} {'ms':>8} {'ms/page':>8} {'figures':>8}")
    for path in sorted(DOCUMENTS.glob("seeds/*")) + sorted(DOCUMENTS.glob("layouts/*.pdf")) + list(SEEDS.values()):
        load_dossier(path, path.name, context)  # imports the reader's library outside the timing
        seconds = best(lambda: load_dossier(path, path.name, context), repeat)
        figures = len(load_dossier(path, path.name, context).figures)
        pages = pages_of(path) if path.suffix == ".pdf" else 0
        per_page = f"{1000 * seconds / pages:8.1f}" if pages else f"{'':8}"
        print(f"{str(path.relative_to(ROOT)):44} {pages or '':>5} {1000 * seconds:8.1f} {per_page} {figures:8}")


def pdfium_text(path: Path) -> tuple[str, int]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    text = "\n".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    return text.replace("\x02", "-\n").replace("\ufffe", "-\n"), len(document)


def plumber_text(path: Path) -> tuple[str, int]:
    import pdfplumber

    with pdfplumber.open(path) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages), len(document.pages)


def plumber_table() -> list[list[str]]:
    import pdfplumber

    with pdfplumber.open(DOCUMENTS / "layouts" / "summary-table.pdf") as document:
        return [[" ".join((cell or "").split()) for cell in row] for page in document.pages for table in page.extract_tables() for row in table]


def cnr_lint_table() -> list[list[str]]:
    from cnr_lint.parse import parse
    from cnr_lint.read import read_path

    return [list(block.cell_texts()) for block in parse(read_path(DOCUMENTS / "layouts" / "summary-table.pdf")).blocks if block.kind == "row"]


def expected_table() -> list[list[str]]:
    lines = [line for line in TABLE_SOURCE.read_text(encoding="utf-8").splitlines() if line.startswith("|") and "---" not in line]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def libraries(repeat: int) -> None:
    print("\n2. PDF libraries on the fixtures, best of", repeat)
    readers = {"pypdfium2": pdfium_text}
    try:
        import pdfplumber  # noqa: F401

        readers["pdfplumber"] = plumber_text
    except ImportError:
        print("   pdfplumber is not installed: only pypdfium2 is measured (pip install pdfplumber)")
    print(f"{'library':11} {'file':34} {'ms/page':>8} {'words in order':>15}")
    for name, reader in readers.items():
        for pdf in sorted(DOCUMENTS.glob("seeds/*.pdf")) + [DOCUMENTS / "layouts" / "two-columns.pdf"]:
            seed = SEEDS["hautes-alpes" if "hautes" in pdf.name or "two" in pdf.name else "bouches-du-rhone"]
            text, pages = reader(pdf)
            seconds = best(lambda: reader(pdf), repeat)
            ratio = difflib.SequenceMatcher(None, words(seed.read_text(encoding="utf-8")), words(text), autojunk=False).ratio()
            print(f"{name:11} {str(pdf.relative_to(DOCUMENTS)):34} {1000 * seconds / pages:8.1f} {ratio:15.3f}")
    expected = expected_table()
    tables = {"cnr-lint (pypdfium2)": cnr_lint_table}
    if "pdfplumber" in readers:
        tables["pdfplumber"] = plumber_table
    for name, table in tables.items():
        rows = table()
        right = sum(1 for row in expected if row in rows)
        print(f"   summary table, {name}: {right} of {len(expected)} rows right, {len(rows)} rows found")


def odt_libraries(repeat: int) -> None:
    """odfpy's document model against cnr-lint's walk of content.xml with zipfile and ElementTree."""
    print("\n2b. OpenDocument: odfpy against zipfile + xml.etree, best of", repeat)
    try:
        from odf import teletype
        from odf import text as odf_text
        from odf.opendocument import load
    except ImportError:
        print("   odfpy is not installed: not compared (pip install odfpy)")
        return
    from cnr_lint.documents import odt

    def with_odfpy(data: bytes) -> list[str]:  # the paragraphs' text only, no styles
        body = load(io.BytesIO(data)).text
        return [teletype.extractText(p) for kind in (odf_text.H, odf_text.P) for p in body.getElementsByType(kind)]

    for path in sorted(DOCUMENTS.glob("seeds/*.odt")):
        data = path.read_bytes()
        odfpy_ms = 1000 * best(lambda: with_odfpy(data), repeat)
        ours_ms = 1000 * best(lambda: list(odt.read(data)), repeat)
        print(f"   {path.name:26} odfpy {odfpy_ms:6.1f} ms (text only)   zipfile + etree {ours_ms:6.1f} ms (text and styles)")


def warm_runs(repeat: int, copies: int) -> None:
    print(f"\n3. warm run over {copies} dossiers (cache primed), best of {repeat}")
    cnr_lint = Path(sys.executable).with_name("cnr-lint")
    command = [str(cnr_lint)] if cnr_lint.exists() else [sys.executable, "-m", "cnr_lint"]
    sources = {
        "pdf": [DOCUMENTS / "seeds" / "hautes-alpes.pdf", DOCUMENTS / "seeds" / "bouches-du-rhone.pdf"],
        "text": list(SEEDS.values()),  # the Markdown and text seeds the PDFs were made from
    }
    with tempfile.TemporaryDirectory() as scratch:
        for kind, files in sources.items():
            folder = Path(scratch) / kind
            folder.mkdir()
            (folder / ".cnr-lint.yaml").write_text("")
            for index in range(copies):
                source = files[index % len(files)]
                shutil.copy(source, folder / f"{index:04d}-{source.name}")
            run = lambda: subprocess.run([*command, "--format", "json", "-o", os.devnull, "."], cwd=folder,
                                         capture_output=True, check=False)
            start = time.perf_counter()
            run()
            cold = time.perf_counter() - start
            print(f"   {kind:9} first run {cold:6.2f} s, warm {best(run, repeat):6.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=100)
    options = parser.parse_args()
    cnr_lint_speed(options.repeat)
    libraries(options.repeat)
    odt_libraries(options.repeat)
    warm_runs(options.repeat, options.copies)


if __name__ == "__main__":
    main()
