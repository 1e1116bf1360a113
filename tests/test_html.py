"""--format html: a valid, self-contained page; dossier text escaped; the matrix seen in a real browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import html5lib
import pytest

from tests.conftest import REPO, invoke

CAMPAIGN = REPO / "fixtures" / "campaign" / "dossiers"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
_SPACE = "http://www.w3.org/1999/xhtml"


def _report(folder: Path, out: Path) -> str:
    result = invoke("--no-cache", "--format", "html", "--output", str(out), str(folder))
    assert result.exit_code == 1, result.output
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def campaign_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    _report(CAMPAIGN, out)
    return out


def _parse(text: str):
    """The document; html5lib in strict mode raises on any parse error of the HTML standard."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(text)


def test_report_is_valid_html_without_any_external_reference(campaign_report):
    text = campaign_report.read_text(encoding="utf-8")
    document = _parse(text)
    references = [
        (element.tag, name, value) for element in document.iter() for name, value in element.attrib.items()
        if name in ("href", "src", "srcset", "action", "data", "poster", "xlink:href")
    ]
    assert references, "the table of contents links to its sections"
    assert all(value.startswith("#") for _, _, value in references), references
    assert not document.findall(f".//{{{_SPACE}}}script")
    assert not document.findall(f".//{{{_SPACE}}}link")
    assert "@import" not in text and "url(" not in text


def test_report_holds_the_matrix_conflicts_and_summary(campaign_report):
    document = _parse(campaign_report.read_text(encoding="utf-8"))
    lit = [
        "".join(cell.itertext()) for cell in document.iter(f"{{{_SPACE}}}td") if "lit" in cell.get("class", "").split()
    ]
    assert any("plus de 800 participants" in text and "CNR201" in text for text in lit)
    assert any(text.lstrip().startswith("10") and "CNR202" in text for text in lit)
    headings = ["".join(h.itertext()) for h in document.iter(f"{{{_SPACE}}}h2")]
    assert headings == ["1 an après 2023 — Auvergne-Rhône-Alpes", "1 an après 2023 — Provence-Alpes-Côte d'Azur",
                        "2 ans après 2024 — Provence-Alpes-Côte d'Azur", "Findings by rule", "Document checks"]
    summary = document.find(f".//{{{_SPACE}}}section[@aria-labelledby='summary']")
    rows = ["|".join("".join(td.itertext()) for td in tr) for tr in summary.iter(f"{{{_SPACE}}}tr")][1:]
    assert "CNR201|figure-conflict|error|2" in rows and "CNR205|department-figure-conflict|error|2" in rows
    charts = document.findall(f".//{{{_SPACE}}}figure/{{http://www.w3.org/2000/svg}}svg")
    assert len(charts) == 3  # one per campaign and region, each with its snapshots
    bars = [t.text for t in charts[1].iter("{http://www.w3.org/2000/svg}title")]
    assert "Bouches-du-Rhône, au 30 juin 2023: 10 realised, 31 in progress" in bars


def test_text_from_dossiers_and_file_names_is_escaped(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    for source in ("var-2023.md", "vaucluse-2023.txt"):
        shutil.copy(CAMPAIGN / source, folder / source)
    hostile = folder / 'x"><img src=x onerror=alert(1)>.md'
    text = (CAMPAIGN / "hautes-alpes-2023.md").read_text(encoding="utf-8")
    injected = ' <script>alert("pwned")</script> <a href="javascript:alert(2)">voir</a> <img src=x onerror=alert(3)>'
    hostile.write_text(text.replace("Hautes-Alpes, 4 réunions", "Hautes-Alpes" + injected + ", 4 réunions", 1)
                       .replace("27 projets en cours", "26 projets en cours" + injected, 1), encoding="utf-8")
    page = _report(folder, tmp_path / "report.html")
    document = _parse(page)
    assert not document.findall(f".//{{{_SPACE}}}script")
    assert not document.findall(f".//{{{_SPACE}}}img")
    assert all(not name.startswith("on") for element in document.iter() for name in element.attrib)
    assert all(not value.startswith("javascript:") for element in document.iter() for value in element.attrib.values())
    shown = "".join(document.itertext())
    assert '<script>alert("pwned")</script>' in shown  # shown as text, in the quoted sentence
    assert 'x"><img src=x onerror=alert(1)>.md' in shown


def _chromium_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run does)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


def test_report_in_headless_chromium(campaign_report, tmp_path):
    missing = _chromium_missing()
    if missing:
        print(f"skipped: {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(campaign_report.as_uri())
            section = page.locator("section", has=page.get_by_role("heading", name="1 an après 2023 — Provence-Alpes-Côte d'Azur"))
            rows = section.locator("table.matrix").first.locator("tbody tr")
            assert rows.count() == 6
            headers = section.locator("table.matrix").first.locator("thead th").all_inner_texts()
            participants = headers.index("participants")
            row = rows.filter(has=page.get_by_role("rowheader", name="alpes-de-haute-provence-2023.md"))
            cell = row.locator("th, td").nth(participants)
            assert cell.locator("summary").inner_text() == "plus de 800 CNR201"  # the value as written, and its rule
            assert cell.get_attribute("class") == "lit"
            assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 226, 225)"
            assert section.locator("td.lit").count() == 7
            quote = cell.locator("blockquote")
            assert not quote.is_visible()
            cell.locator("summary").focus()
            page.keyboard.press("Enter")  # the keyboard opens it, as a click does
            assert quote.is_visible()
            assert "ont réuni plus de 800 participants dans notre région" in quote.inner_text()
            assert "alpes-de-haute-provence-2023.md, line 15" in cell.inner_text()
            assert "CNR201 figure-conflict" in cell.inner_text()
            assert cell.locator("summary").get_attribute("title") == "[800, 900)"  # "plus de 800": up to one unit of its rounding
            assert page.locator("svg[role=img]").count() == 3
            closed = rows.first.locator("th, td").nth(headers.index("meetings")).locator("blockquote")
            assert not closed.is_visible()
            page.emulate_media(media="print")
            assert closed.is_visible(), "printed, every sentence shows"
            page.emulate_media(media="screen")
            section.scroll_into_view_if_needed()
            shot = tmp_path / "report.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
            print(f"screenshot: {shot}")
        finally:
            browser.close()


def test_a_warm_cache_gives_the_same_report(tmp_path, monkeypatch, campaign_report):
    """The report reads dossiers after the cache has let go of its file: they are taken first."""
    shutil.copytree(CAMPAIGN, tmp_path / "dossiers")
    monkeypatch.chdir(tmp_path)
    pages = []
    for _ in range(2):  # cold, then answered from the cache
        assert invoke("--format", "html", "--output", "report.html", "dossiers").exit_code == 1
        pages.append((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert (tmp_path / ".cnr_lint_cache").is_dir()
    assert pages[0] == pages[1]
    assert pages[0].count('class="lit"') == campaign_report.read_text(encoding="utf-8").count('class="lit"') == 10


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_other_formats_do_not_import_the_html_libraries(output_format):
    """Jinja2 is imported by the HTML report only; html5lib and Playwright by no run at all."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from cnr_lint.cli import main\n"
        f"try: main(['--no-cache', '--format', '{output_format}', 'fixtures/seeds'])\n"
        "except SystemExit: pass\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'markupsafe', 'html5lib', 'playwright'))\n"
        "print('LOADED', loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.stdout.splitlines()[-1] == "LOADED []", done.stderr[-2000:]
