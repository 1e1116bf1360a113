"""Defects QA found after issues 9, 11 and 13: each test runs the real command line on real
dossiers (copies of the fixtures) and asserts what it prints."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import REPO, invoke, validate_sarif

SEEDS = REPO / "fixtures" / "seeds"
NOT_A_DOSSIER = "# Compte rendu\n\nRien à signaler.\n"


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    """The two seeds and a file that is no dossier (CNR002, info), in the working folder."""
    for seed in ("bouches-du-rhone.txt", "hautes-alpes.md"):
        shutil.copy(SEEDS / seed, tmp_path / seed)
    (tmp_path / "notes.md").write_text(NOT_A_DOSSIER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- 1. junit agrees with the exit code ------------------------------------------------------------


def _cases(xml: str) -> tuple[ET.Element, dict[str, ET.Element]]:
    root = ET.fromstring(xml)
    return root, {case.get("name"): case for case in root.iter("testcase")}


def test_junit_info_findings_are_reported_but_do_not_fail(seeds):
    result = invoke("--no-cache", "--format", "junit", "--select", "CNR002", ".")
    assert result.exit_code == 0, result.output
    root, cases = _cases(result.stdout)
    assert root.get("failures") == root.find("testsuite").get("failures") == "0"
    assert not list(root.iter("failure"))
    (out,) = cases["notes.md"].findall("system-out")
    assert "notes.md:1:1: CNR002 [info] no figure of the cnr-sante profile recognised" in out.text


def test_junit_counts_as_failures_what_fails_the_run(seeds):
    result = invoke("--no-cache", "--format", "junit", ".")
    assert result.exit_code == 1
    root, cases = _cases(result.stdout)
    assert root.get("failures") == "2"  # the two seeds; notes.md only has its info note
    assert [f.get("type") for f in cases["hautes-alpes.md"].findall("failure")] == ["CNR201", "CNR201"]
    assert not cases["notes.md"].findall("failure") and cases["notes.md"].find("system-out") is not None
    strict = invoke("--no-cache", "--format", "junit", "--fail-on", "info", ".")
    assert strict.exit_code == 1
    root, cases = _cases(strict.stdout)
    assert root.get("failures") == "3"
    assert [f.get("type") for f in cases["notes.md"].findall("failure")] == ["CNR002"]


# -- 2. front matter and `assign` values that would silently leave a dossier ungrouped ------------

BAD_FRONT_MATTER = """---
title: Le bilan des Hautes-Alpes
campaign: 1 an apres 2023
region: Provence-Alpes-Côte d'Azure
department: Hautes-Alpe
published: bientôt
as_of: demain
regoin: Provence-Alpes-Côte d'Azur
---
"""


def test_bad_front_matter_values_are_warnings_on_their_lines_and_are_left_out(seeds):
    body = (seeds / "hautes-alpes.md").read_text(encoding="utf-8")
    (seeds / "hautes-alpes.md").write_text(BAD_FRONT_MATTER + body, encoding="utf-8")
    result = invoke("--no-cache", "--format", "json", ".")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    notes = {(f["line"], f["message"]) for f in findings if f["rule"] == "CNR006"}
    assert {f["path"] for f in findings if f["rule"] == "CNR006"} == {"hautes-alpes.md"}
    assert notes == {
        (3, "front matter: campaign: '1 an apres 2023' is not a campaign the cnr-sante profile's titles name"
            " (did you mean \"1 an après 2023\"?); it is ignored"),
        (4, "front matter: region: no region \"Provence-Alpes-Côte d'Azure\""
            " (did you mean \"Provence-Alpes-Côte d'Azur\"?); it is ignored"),
        (5, "front matter: department: no department 'Hautes-Alpe' (did you mean \"Hautes-Alpes\"?); it is ignored"),
        (6, "front matter: published: 'bientôt' is not a date (2023-11-20, 2023-11 or 2023); it is ignored"),
        (7, "front matter: as_of: 'demain' is not a date (2023-11-08, 2023, or \"sur l'année 2023\"); it is ignored"),
        (8, "front matter: unknown key 'regoin' (did you mean \"region\"?); it is ignored"),
    }
    assert all(f["severity"] == "warning" for f in findings if f["rule"] == "CNR006")
    lines = BAD_FRONT_MATTER.splitlines()
    assert {(f["line"], f["column"], f["end_column"]) for f in findings if f["rule"] == "CNR006"} == {
        (n, 1, len(lines[n - 1]) + 1) for n in range(3, 9)}  # each key's whole line
    # left out, the bad values no longer hide the dossier: its title groups it, and the conflict shows
    conflicts = [f for f in findings if f["rule"] == "CNR201"]
    assert {f["path"] for f in conflicts} == {"hautes-alpes.md", "bouches-du-rhone.txt"} and len(conflicts) == 4


def test_front_matter_values_are_normalised_and_foreign_keys_pass(seeds):
    body = (seeds / "hautes-alpes.md").read_text(encoding="utf-8")
    front = "---\ntitle: x\nauthor: ARS\ntags: [a]\ncampaign: Un an après 2023\npublished: 20 novembre 2023\n---\n"
    (seeds / "hautes-alpes.md").write_text(front + body, encoding="utf-8")
    result = invoke("--no-cache", "--format", "json", ".")
    findings = json.loads(result.stdout)["findings"]
    assert not [f for f in findings if f["rule"] == "CNR006"]
    assert len([f for f in findings if f["rule"] == "CNR201"]) == 4  # "Un an après 2023" groups with "1 an après 2023"
    (facts,) = json.loads(invoke("facts", "--format", "json", "hautes-alpes.md").stdout)
    assert (facts["campaign"], facts["published"]) == ("1 an après 2023", "2023-11-20")


def test_front_matter_years_are_dates(seeds):
    text = (REPO / "fixtures" / "rules" / "CNR005" / "no-campaign" / "bilan-daté.md").read_text(encoding="utf-8")
    dated = text.replace("region: Provence", "published: 2023\nas_of: 2023\nregion: Provence")
    (seeds / "bilan.md").write_text(dated, encoding="utf-8")
    result = invoke("--no-cache", "--format", "json", "bilan.md")
    assert [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "CNR006"] == []
    (facts,) = json.loads(invoke("facts", "--format", "json", "bilan.md").stdout)
    assert facts["published"] == "2023"
    assert {f["as_of"]["start"] + ".." + f["as_of"]["end"] for f in facts["figures"]} == {"2023-01-01..2023-12-31"}


@pytest.mark.parametrize("name, text, line", [
    ("pyproject.toml", '[tool.cnr-lint]\nfail-on = "error"\n\n[tool.cnr-lint.assign]\n'
                       '"2023/**" = {campaign = "1 an après 2023", region = "Provence-Alpes-Côte d\'Azure"}\n', 5),
    (".cnr-lint.yaml", "assign:\n  \"2023/**\":\n    campaign: 1 an après 2023\n"
                       "    region: Provence-Alpes-Côte d'Azure\n", 4),
])
def test_assign_with_an_unknown_region_is_a_configuration_error_naming_its_line(seeds, name, text, line):
    (seeds / "2023").mkdir()
    shutil.move(seeds / "hautes-alpes.md", seeds / "2023" / "hautes-alpes.md")
    (seeds / name).write_text(text, encoding="utf-8")
    result = invoke("--no-cache", ".")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"cnr-lint: error: {name}:{line}: assign.2023/**.region: no region \"Provence-Alpes-Côte d'Azure\""
        " (did you mean \"Provence-Alpes-Côte d'Azur\"?)"
    )


# -- 3. rule codes and names in any case -----------------------------------------------------------


def _rules_of(result) -> list[str]:
    return sorted({f["rule"] for f in json.loads(result.stdout)["findings"]})


def test_select_and_ignore_take_codes_prefixes_and_names_in_any_case(seeds):
    assert _rules_of(invoke("--no-cache", "--format", "json", "--select", "cnr201", ".")) == ["CNR201"]
    assert _rules_of(invoke("--no-cache", "--format", "json", "--select", "Figure-Conflict", ".")) == ["CNR201"]
    assert _rules_of(invoke("--no-cache", "--format", "json", "--select", "cnr0", ".")) == ["CNR002"]
    assert _rules_of(invoke("--no-cache", "--format", "json", "--ignore", "cnr2,NOT-A-DOSSIER", ".")) == []
    assert invoke("--no-cache", "--ignore", "figure-conflict", ".").exit_code == 0


def test_configuration_codes_in_any_case(seeds):
    (seeds / ".cnr-lint.yaml").write_text(
        "select: [cnr2, not-a-dossier]\nseverity: {cnr2: info, Not-A-Dossier: error}\n"
        "per-file-ignores: {'hautes-alpes.md': [cnr201]}\n", encoding="utf-8")
    result = invoke("--no-cache", "--format", "json", ".")
    findings = json.loads(result.stdout)["findings"]
    assert {(f["path"], f["rule"], f["severity"]) for f in findings} == {
        ("bouches-du-rhone.txt", "CNR201", "info"), ("notes.md", "CNR002", "error")}
    assert result.exit_code == 1  # the CNR002 made an error


@pytest.mark.parametrize("args, message", [
    (("--select", "cnr2001"), "cnr-lint: error: command line: unknown rule code 'cnr2001' (did you mean \"CNR201\"?)"),
    (("--ignore", "figure-conflicts"),
     "cnr-lint: error: command line: unknown rule code 'figure-conflicts' (did you mean \"figure-conflict\"?)"),
])
def test_unknown_selector_is_a_usage_error_with_a_suggestion(seeds, args, message):
    result = invoke("--no-cache", *args, ".")
    assert result.exit_code == 2
    assert result.stderr.strip() == message


def test_unknown_code_in_the_configuration_names_the_file_and_line(seeds):
    (seeds / ".cnr-lint.yaml").write_text("fail-on: error\nignore: [cnr999]\n", encoding="utf-8")
    result = invoke("--no-cache", ".")
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("cnr-lint: error: .cnr-lint.yaml:2: ignore: unknown rule code 'cnr999'")


def test_suppression_comments_take_codes_in_any_case(tmp_path, monkeypatch):
    text = (REPO / "fixtures" / "campaign" / "dossiers" / "alpes-maritimes-2023.md").read_text(encoding="utf-8")
    weekday = "*Mardi 3 octobre 2022"  # a Monday: CNR105
    assert weekday in text
    (tmp_path / "alpes-maritimes.md").write_text(
        text.replace(weekday, "<!-- cnr-lint: disable-next-line cnr105 -->\n" + weekday), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("--no-cache", "--format", "json", "--fail-on", "info", "--select", "CNR105,CNR004", ".")
    assert json.loads(result.stdout)["findings"] == [] and result.exit_code == 0


# -- 4, 5. fixes in a PDF: pending for --diff, and placed on their page ----------------------------

DOCUMENTS = REPO / "fixtures" / "documents"


@pytest.fixture
def conflicting_pdf(tmp_path, monkeypatch):
    """The Var's PDF of the mixed-format campaign beside three dossiers of its campaign: its 13
    projects realised (page 1) against the 14 of the three others is CNR201, with their value as
    an unsafe fix; its "8 projets concrets" with 9 listed (page 2, line 3) is CNR101, with 9."""
    pytest.importorskip("pypdfium2")
    shutil.copy(DOCUMENTS / "campaign" / "dossiers" / "var.pdf", tmp_path / "var.pdf")
    for name in ("alpes-de-haute-provence-2023.md", "hautes-alpes-2023.md", "vaucluse-2023.txt"):
        shutil.copy(REPO / "fixtures" / "campaign" / "dossiers" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_pdf_fix_carries_its_page_in_json(conflicting_pdf):
    result = invoke("--no-cache", "--format", "json", "var.pdf")
    fixed = [f for f in json.loads(result.stdout)["findings"] if f["path"] == "var.pdf" and f["fix"]]
    assert [(f["rule"], f["page"], f["line"], f["column"], f["fix"]["applicability"]) for f in fixed] == [
        ("CNR201", 1, 22, 28, "unsafe"), ("CNR101", 2, 3, 45, "unsafe")]
    assert [[(e["page"], e["line"], e["column"], e["end_line"], e["end_column"], e["original"], e["content"])
             for e in f["fix"]["edits"]] for f in fixed] == [[(1, 22, 28, 22, 30, "13", "14")], [(2, 3, 45, 3, 46, "8", "9")]]


def test_diff_says_a_pdf_cannot_be_fixed_in_place_and_exits_1(conflicting_pdf):
    before = (conflicting_pdf / "var.pdf").read_bytes()
    assert invoke("--no-cache", "--diff", "var.pdf").exit_code == 0  # the fixes are unsafe: none pending
    result = invoke("--no-cache", "--diff", "--unsafe-fixes", "var.pdf")
    assert result.exit_code == 1  # fixes are pending, though no file can take them
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "cnr-lint: var.pdf:p1:22:28: CNR201 cannot be fixed in place (cnr-lint writes only Markdown and text files);"
        ' by hand: state the value 3 of the 4 dossiers state: "14": p1:22:28 "13" -> "14"',
        "cnr-lint: var.pdf:p2:3:45: CNR101 cannot be fixed in place (cnr-lint writes only Markdown and text files);"
        ' by hand: state the 9 entries listed: "9": p2:3:45 "8" -> "9"',
    ]
    fixing = invoke("--no-cache", "--fix", "--unsafe-fixes", "var.pdf")
    assert fixing.exit_code == 1 and "cannot be fixed in place" in fixing.stderr
    assert (conflicting_pdf / "var.pdf").read_bytes() == before


# -- 6. a github annotation names each related place once ------------------------------------------


@pytest.fixture
def stale(tmp_path, monkeypatch):
    """The Hautes-Alpes seed (14 / 27 au 8 novembre 2023) and a newer dossier of its campaign
    (16 / 25 au 30 novembre 2023, both figures on its line 21): CNR202 on the seed."""
    shutil.copy(SEEDS / "hautes-alpes.md", tmp_path / "hautes-alpes.md")
    newer = (REPO / "fixtures" / "campaign" / "dossiers" / "alpes-maritimes-2023.md").read_text(encoding="utf-8")
    newer = newer.replace("au 8 novembre 2023, le premier bilan comptabilise 14 projets réalisés",
                          "au 30 novembre 2023, le premier bilan comptabilise 16 projets réalisés")
    (tmp_path / "alpes-maritimes.md").write_text(newer.replace("et 27 projets en cours", "et 25 projets en cours"),
                                                 encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_github_names_a_related_place_once(stale):
    result = invoke("--no-cache", "--format", "github", "--select", "CNR202", "hautes-alpes.md")
    (line,) = result.stdout.splitlines()
    assert line.startswith("::warning file=hautes-alpes.md,line=21,col=93,")
    assert line.endswith("(see alpes-maritimes.md:21)")
    related = json.loads(invoke("--no-cache", "--format", "json", "--select", "CNR202", "hautes-alpes.md").stdout)
    assert [(p["path"], p["line"]) for p in related["findings"][0]["related"]] == [
        ("alpes-maritimes.md", 21), ("alpes-maritimes.md", 21)]  # two figures of one line: one place to see


# -- 7. SARIF fixes ---------------------------------------------------------------------------------




def _apply_replacements(text: str, replacements: list[dict]) -> str:
    """A SARIF consumer's reading of `replacements`: 1-based lines, columns in code points."""
    lines = text.split("\n")
    for replacement in sorted(replacements, key=lambda r: (r["deletedRegion"]["startLine"],
                                                            r["deletedRegion"]["startColumn"]), reverse=True):
        region = replacement["deletedRegion"]
        assert region["startLine"] == region["endLine"]
        line = lines[region["startLine"] - 1]
        lines[region["startLine"] - 1] = (line[:region["startColumn"] - 1] + replacement["insertedContent"]["text"]
                                          + line[region["endColumn"] - 1:])
    return "\n".join(lines)


def test_sarif_carries_the_fixes_and_they_make_what_fix_writes(stale):
    result = invoke("--no-cache", "--format", "sarif", "hautes-alpes.md")
    document = json.loads(result.stdout)
    validate_sarif(document)
    (stale_result,) = [r for r in document["runs"][0]["results"] if r["ruleId"] == "CNR202"]
    (fix,) = stale_result["fixes"]
    assert fix["description"]["text"] == ("bring the snapshot up to date: 16 / 25 (30 novembre 2023), as "
                                          "alpes-maritimes.md states")
    assert fix["properties"] == {"applicability": "safe"}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "hautes-alpes.md"
    assert [r["insertedContent"]["text"] for r in change["replacements"]] == ["16", "25", "30 novembre 2023"]
    proposed = _apply_replacements((stale / "hautes-alpes.md").read_text(encoding="utf-8"), change["replacements"])
    assert invoke("--no-cache", "--fix", "hautes-alpes.md").exit_code in (0, 1)
    assert (stale / "hautes-alpes.md").read_text(encoding="utf-8") == proposed
    unfixed = [r for r in document["runs"][0]["results"] if r["ruleId"] != "CNR202"]
    assert all("fixes" not in r for r in unfixed)


def test_sarif_gives_no_fix_for_a_pdf_it_could_not_apply(conflicting_pdf):
    document = json.loads(invoke("--no-cache", "--format", "sarif", "--unsafe-fixes", "var.pdf").stdout)
    validate_sarif(document)
    pdf_results = [r for r in document["runs"][0]["results"]
                   if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "var.pdf"]
    assert pdf_results and all("fixes" not in r for r in pdf_results)


# -- 8. a file named without a suffix: its format is sniffed --------------------------------------


@pytest.fixture
def nameless(tmp_path, monkeypatch):
    """The Bouches-du-Rhône seed as text, and a folder where files without a suffix are named."""
    shutil.copy(SEEDS / "bouches-du-rhone.txt", tmp_path / "bouches-du-rhone.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("document", ["hautes-alpes.pdf", "hautes-alpes.docx", "hautes-alpes.odt"])
def test_a_document_named_without_suffix_is_read_as_its_bytes_say(nameless, document):
    pytest.importorskip({"hautes-alpes.pdf": "pypdfium2", "hautes-alpes.docx": "docx"}.get(document, "zipfile"))
    shutil.copy(DOCUMENTS / "seeds" / document, nameless / "hautes-alpes")
    result = invoke("--no-cache", "--format", "json", "hautes-alpes", "bouches-du-rhone.txt")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["path"]) for f in findings] == [("CNR201", "bouches-du-rhone.txt")] * 2 + [
        ("CNR201", "hautes-alpes")] * 2
    assert {p["message"] for f in findings for p in f["related"]} >= {
        "14 projets réalisés (au 8 novembre 2023)", "27 projets en cours (au 8 novembre 2023)"}
    (named,) = json.loads(invoke("facts", "--format", "json", "hautes-alpes").stdout)
    (suffixed,) = json.loads(invoke("facts", "--format", "json", str(DOCUMENTS / "seeds" / document)).stdout)
    assert named["figures"] == suffixed["figures"] and named["lists"] == suffixed["lists"]


def test_a_zip_named_without_suffix_that_is_no_document_is_unreadable(nameless):
    import zipfile

    with zipfile.ZipFile(nameless / "archive", "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff")
    result = invoke("--no-cache", "archive", "bouches-du-rhone.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "archive:1:1: CNR001 [error] the file is a zip archive but neither a Word (.docx) nor an OpenDocument"
        " text (.odt) document")


def test_a_text_file_named_without_suffix_is_unreadable_and_says_how_to_name_it(nameless):
    shutil.copy(SEEDS / "hautes-alpes.md", nameless / "HAUTES-ALPES")  # Markdown read as plain text would misread its lists
    result = invoke("--no-cache", "HAUTES-ALPES", "bouches-du-rhone.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "HAUTES-ALPES:1:1: CNR001 [error] the file has no suffix and is no PDF, Word or OpenDocument file: name it"
        " .md (Markdown) or .txt (plain text), so that cnr-lint knows how to read it")
    assert "1 finding (1 error) in 2 files." in result.stdout  # the other file was checked


# -- 9. disable-next-line in a PDF: the next line of its page -------------------------------------


def test_disable_next_line_in_a_pdf_silences_the_next_line_of_its_page(tmp_path, monkeypatch):
    """The Var's dossier as a PDF with a suppression comment typed before the paragraph of "8
    projets concrets" (9 listed: CNR101, page 2, on the paragraph's first line) and before the
    paragraph of "cinq départements" (CNR107, page 3, on the paragraph's third line)."""
    pytest.importorskip("pypdfium2")
    shutil.copy(DOCUMENTS / "layouts" / "suppressed.pdf", tmp_path / "var.pdf")
    monkeypatch.chdir(tmp_path)
    found = json.loads(invoke("--no-cache", "--format", "json", "--fail-on", "info", "var.pdf").stdout)["findings"]
    # CNR101 (page 2, line 4: the line after the comment's line 3) is silenced; CNR107 stands two
    # lines below the line its comment silences, as on a Markdown paragraph wrapped over lines
    assert [(f["rule"], f["page"], f["line"]) for f in found] == [("CNR004", 3, 19), ("CNR107", 3, 22)]
    shutil.copy(DOCUMENTS / "campaign" / "dossiers" / "var.pdf", tmp_path / "plain.pdf")
    unsilenced = json.loads(invoke("--no-cache", "--format", "json", "--ignore", "CNR004", "plain.pdf").stdout)["findings"]
    assert ("CNR101", 2, 3) in [(f["rule"], f.get("page"), f["line"]) for f in unsilenced]  # the same text, no comment


def test_an_unused_suppression_in_a_pdf_is_placed_on_its_page(tmp_path, monkeypatch):
    pytest.importorskip("pypdfium2")
    shutil.copy(DOCUMENTS / "layouts" / "suppressed.pdf", tmp_path / "var.pdf")
    monkeypatch.chdir(tmp_path)
    result = invoke("--no-cache", "--format", "json", "--select", "CNR004", "var.pdf")
    unused = [(f["rule"], f["page"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert unused == [("CNR004", 2, 3, "suppression of CNR101 silences no finding; remove it"),
                      ("CNR004", 3, 19, "suppression of CNR107 silences no finding; remove it")]


# -- the figure matrix of a PDF: its sentences quoted from their page --------------------------------


def test_html_quotes_a_pdf_figure_from_its_page_and_names_the_page(seeds):
    pytest.importorskip("pypdfium2")
    import html
    import re

    (seeds / "hautes-alpes.md").unlink()
    shutil.copy(DOCUMENTS / "seeds" / "hautes-alpes.pdf", seeds / "hautes-alpes.pdf")
    assert invoke("--no-cache", "--format", "html", "--output", "report.html", ".").exit_code == 1
    text = html.unescape(re.sub(r"<[^>]+>", " ", (seeds / "report.html").read_text(encoding="utf-8")))
    words = " ".join(text.split())
    # "six départements" stands on page 3, line 5 of the PDF; line 5 of the document is page 1's
    assert "six départements" in words.split("hautes-alpes.pdf, page 3, line 5")[0][-400:]
    assert "hautes-alpes.pdf, line 5" not in words
    assert "hautes-alpes.pdf, page 1, line 22" in words
    assert "cited by CNR201 at hautes-alpes.pdf:p1:22" in words
