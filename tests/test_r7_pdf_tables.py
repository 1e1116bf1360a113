"""PDF dossiers made by LibreOffice: tables rebuilt from their drawn cell borders, a box of key
figures whose italic labels say whose figures follow, and a banner title.

The PDFs are built here from HTML with LibreOffice, as an officer exporting from Writer would
make them; without `soffice` the tests are skipped, saying why.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cnr_lint.documents import pdf
from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, dossier_from_bytes

REPO = Path(__file__).resolve().parents[1]
CONTEXT = Context(load_packs(()))

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed: the test PDFs cannot be built"
)

_HEAD = '<html><head><meta charset="utf-8"><title>Dossier</title></head><body>'
_BANNER = """
<h1>GERS</h1>
<h2>CNR santé : 2 ans après</h2>
<p><b>Auch, le jeudi 21 novembre 2024</b></p>
<p>Lancé le lundi 3 octobre 2022, le CNR santé a réuni élus, soignants et usagers.</p>
"""
# The region's figures, then the department's, in one box drawn round them (a one-cell table):
# an italic line names whose figures the bullets below it are.
_BOX = """
<table border="1" cellpadding="6" width="100%"><tr><td>
<p><b>Repères</b></p>
<p><i>En Occitanie</i></p>
<ul><li><b>80</b> réunions de concertation depuis novembre 2022</li>
<li><b>150</b> projets, dont <b>90</b> réalisés et <b>60</b> en cours au 31 octobre 2024</li></ul>
<p><i>Gers</i></p>
<ul><li><b>5</b> réunions depuis novembre 2022</li>
<li><b>3</b> projets concrets</li>
<li><b>1</b> projet achevé</li></ul>
</td></tr></table>
"""
# Cells that wrap over several lines, set at other heights than their neighbours, and a status
# cell left empty.
_PROJECTS = """
<h2>Dans le Gers</h2>
<p>Les cinq réunions du Gers ont fait émerger trois projets concrets, dont un est achevé et un
lancé au 31 octobre 2024 :</p>
<table border="1" cellpadding="4" width="100%">
<tr><th width="50%">Projet</th><th width="25%">Porteur</th><th width="25%">État d'avancement</th></tr>
<tr><td>Condom : une maison de santé pluriprofessionnelle ouverte aux jeunes médecins du territoire</td>
<td>Communauté de communes de la Ténarèze et médecins libéraux</td><td>Achevé</td></tr>
<tr><td>Mirande : consultations avancées de cardiologie</td><td>Centre hospitalier d'Auch</td>
<td>Lancé en septembre 2024</td></tr>
<tr><td>Lectoure : transport solidaire vers les consultations spécialisées de la préfecture</td>
<td>Association Gers Solidaire</td><td></td></tr>
</table>
<p>Ces projets seront présentés au conseil territorial de santé.</p>
"""
# A cell merged across two rows: its row borders stop short of the table's sides.
_MERGED = """
<h2>Dans le Gers</h2>
<p>Les réunions ont fait émerger trois projets concrets :</p>
<table border="1" cellpadding="4" width="100%">
<tr><th width="50%">Projet</th><th width="25%">Porteur</th><th width="25%">État d'avancement</th></tr>
<tr><td>Condom : une maison de santé</td><td rowspan="2">Centre hospitalier d'Auch</td><td>Achevé</td></tr>
<tr><td>Mirande : consultations avancées</td><td>Lancé</td></tr>
<tr><td>Lectoure : transport solidaire</td><td>Association Gers Solidaire</td><td>Achevé</td></tr>
</table>
"""
_PAGE_BREAK = '<p style="page-break-before: always">Suite du dossier.</p>'
# A row taller than a page: LibreOffice cuts it, the rest of its cells at the top of the next.
_TALL_ROW = f"""
<h2>Dans le Gers</h2>
<p>Les réunions ont fait émerger deux projets concrets :</p>
<table border="1" cellpadding="4" width="100%">
<tr><th width="50%">Projet</th><th width="25%">Porteur</th><th width="25%">État d'avancement</th></tr>
<tr><td>Condom : {" ".join(["une maison de santé ouverte aux jeunes médecins du territoire"] * 90)} (fin)</td>
<td>Communauté de communes</td><td>Achevé</td></tr>
<tr><td>Mirande : consultations avancées</td><td>Centre hospitalier d'Auch</td><td>Lancé</td></tr>
</table>
"""

_DOSSIERS = {
    "gers-2024": _BANNER + _BOX + _PROJECTS,
    "merged-2024": _BANNER + _MERGED,
    "two-pages-2024": _BANNER + _PAGE_BREAK + _PROJECTS,
    "tall-row-2024": _BANNER + _TALL_ROW,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The dossiers as PDFs, converted by LibreOffice in one run."""
    folder = tmp_path_factory.mktemp("r7-pdf")
    for name, body in _DOSSIERS.items():
        (folder / f"{name}.html").write_text(_HEAD + body + "</body></html>", encoding="utf-8")
    profile = folder / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--infilter=HTML (StarWriter)",
         "--convert-to", "pdf", "--outdir", str(folder), *(str(folder / f"{name}.html") for name in _DOSSIERS)],
        check=True, capture_output=True, timeout=300,
    )
    pdfs = {name: folder / f"{name}.pdf" for name in _DOSSIERS}
    missing = [name for name, path in pdfs.items() if not path.exists()]
    if missing:
        pytest.skip(f"LibreOffice made no PDF of {missing}")
    return pdfs


def _lines(path: Path):
    return [line for line in pdf.read(path.read_bytes()) if line.text.strip()]


def _dossier(path: Path):
    return dossier_from_bytes(path.read_bytes(), "gers-2024.pdf", CONTEXT)


def _findings(path: Path) -> list[tuple[str, str]]:
    completed = subprocess.run(
        [sys.executable, "-m", "cnr_lint", "--no-cache", "--format", "json", str(path)],
        capture_output=True, text=True, check=False, cwd=REPO,
    )
    # (the other test dossiers, in the same folder, are of the same campaign: only this one's)
    return [(f["rule"], f["message"]) for f in json.loads(completed.stdout)["findings"] if f["path"] == str(path)]


def test_a_bordered_table_comes_out_one_row_per_table_row_with_its_wrapped_cells_joined(built):
    rows = [line.text for line in _lines(built["gers-2024"]) if line.kind == "row"]
    assert rows == [
        "Projet | Porteur | État d'avancement",
        "Condom : une maison de santé pluriprofessionnelle ouverte aux jeunes médecins du territoire"
        " | Communauté de communes de la Ténarèze et médecins libéraux | Achevé",
        "Mirande : consultations avancées de cardiologie | Centre hospitalier d'Auch | Lancé en septembre 2024",
        "Lectoure : transport solidaire vers les consultations spécialisées de la préfecture"
        " | Association Gers Solidaire | ",
    ]


def test_a_box_drawn_round_key_figures_is_no_table(built):
    texts = [(line.kind, line.text.strip()) for line in _lines(built["gers-2024"])]
    assert ("paragraph", "• 5 réunions depuis novembre 2022") in texts
    assert ("paragraph", "En Occitanie") in texts


def test_the_table_gives_the_projects_and_their_statuses(built):
    (listed,) = [entry_list for entry_list in _dossier(built["gers-2024"]).lists if entry_list.entries]
    assert [(entry.title.split(" :")[0], entry.status) for entry in listed.entries] == [
        ("Condom", "realised"), ("Mirande", "in_progress"), ("Lectoure", None)
    ]
    assert listed.stated == 3


def test_an_italic_label_in_the_box_says_whose_figures_follow(built):
    figures = {(f.name, f.low) for f in _dossier(built["gers-2024"]).figures}
    assert {("region.meetings", 80), ("region.projects.realised", 90), ("region.projects.in_progress", 60)} <= figures
    assert ("department.meetings", 5) in figures
    assert not {name for name, value in figures if value in (80, 90, 60) and name.startswith("department.")}


def test_only_the_empty_status_cell_is_flagged(built):
    found = _findings(built["gers-2024"])
    assert [code for code, _ in found] == ["CNR104"]
    assert "Lectoure" in next(message for code, message in found if code == "CNR104")


def test_a_row_cut_by_a_page_break_is_one_row(built):
    rows = [line for line in _lines(built["tall-row-2024"]) if line.kind == "row"]
    assert len({line.page for line in rows}) == 2  # the table runs over pages
    assert [line.text.split(" :")[0] for line in rows] == ["Projet | Porteur | État d'avancement", "Condom", "Mirande"]
    condom = rows[1].text
    assert condom.count("une maison de santé") == 90 and condom.endswith("(fin) | Communauté de communes | Achevé")
    (listed,) = [entry_list for entry_list in _dossier(built["tall-row-2024"]).lists if entry_list.entries]
    assert [entry.status for entry in listed.entries] == ["realised", "in_progress"]


def test_a_grid_with_a_merged_cell_is_not_guessed_its_text_is_one_paragraph(built):
    lines = _lines(built["merged-2024"])
    assert not [line for line in lines if line.kind == "row"]
    (table,) = [line.text for line in lines if line.text.startswith("Projet")]
    assert "Condom : une maison de santé" in table and "Lectoure : transport solidaire" in table
    (stated,) = [entry_list for entry_list in _dossier(built["merged-2024"]).lists]
    assert stated.entries == () and not stated.understood


def test_a_banner_title_names_the_dossier_not_a_part_of_it(built):
    # "GERS", then "CNR santé : 2 ans après": the dossier's title; a sentence naming the region
    # under it stays the region's
    html = _HEAD + _BANNER + "<p>Dans les treize départements de l'Occitanie, 80 réunions de concertation se sont tenues.</p>"
    folder = built["gers-2024"].parent / "banner"
    folder.mkdir(exist_ok=True)
    (folder / "gers-2024.html").write_text(html + "</body></html>", encoding="utf-8")
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
         "--infilter=HTML (StarWriter)", "--convert-to", "pdf", "--outdir", str(folder), str(folder / "gers-2024.html")],
        check=True, capture_output=True, timeout=300,
    )
    dossier = _dossier(folder / "gers-2024.pdf")
    assert dossier.department == "Gers"
    assert ("region.meetings", 80) in {(f.name, f.low) for f in dossier.figures}


def test_the_scorer_places_a_finding_on_page_two_at_its_line_in_the_whole_file(built, tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "dossiers").mkdir(parents=True)
    shutil.copy(built["two-pages-2024"], corpus / "dossiers" / "gers-2024.pdf")
    (corpus / "ANSWERS.md").write_text(
        "| # | file | line | code | the mistake planted |\n|---|---|---|---|---|\n"
        "| 1 | gers-2024.pdf | «Lectoure : transport solidaire» | CNR104 | empty status cell |\n",
        encoding="utf-8",
    )
    completed = subprocess.run(
        [sys.executable, str(REPO / "bench" / "score_corpus.py"), "--json", str(corpus)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    (result,) = json.loads(completed.stdout)
    assert result["missed"] == []
    assert result["false_alarms"] == []
