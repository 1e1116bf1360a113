"""The sarif, github and junit formatters, fed real findings from the seed dossiers."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cnr_lint import __version__, engine
from cnr_lint.config import Config
from cnr_lint.models import Finding, Location, Severity, Span
from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, load_targets
from cnr_lint.report import github, junit, sarif
from conftest import validate_sarif

REPO = Path(__file__).parents[1]
SEEDS = REPO / "fixtures" / "seeds"
CLEAN = "notes.md"


@pytest.fixture(scope="module")
def context() -> Context:
    return Context(load_packs())


@pytest.fixture
def run(tmp_path, monkeypatch, context):
    """The seed dossiers plus a file with no finding, linted from their folder with CNR002 ignored."""
    for seed in ("bouches-du-rhone.txt", "hautes-alpes.md"):
        shutil.copy(SEEDS / seed, tmp_path / seed)
    (tmp_path / CLEAN).write_text("# Compte rendu\n\nRien à signaler.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = Config()
    selection = engine.select_rules(context, config, ignore=("CNR002",))
    found = engine.targets((".",), config)
    dossiers = load_targets(found, context)
    named = {t.display for t in found if t.named}
    findings = engine.check(dossiers, named, context, selection)
    assert findings, "the seed dossiers are expected to contradict each other"
    return findings, sorted(named), selection.rules


def crafted() -> Finding:
    return Finding(
        code="CNR105",
        name="weekday-mismatch",
        severity=Severity.INFO,
        message="100% faux: lundi,\nmardi\r",
        location=Location("dir,a:b/x.md", Span(3, 5, 3, 9)),
        related=(Location("other.md", Span(7, 1, 7, 4), "here"),),
        fingerprint="lundi 3",
    )


# -- sarif ---------------------------------------------------------------------------------------




def test_sarif_validates_against_the_schema(run):
    findings, files, rules = run
    document = json.loads(sarif.render(findings, files, rules))
    validate_sarif(document)
    assert document["version"] == "2.1.0"
    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert len(document["runs"]) == 1


def test_sarif_driver_lists_the_rules(run):
    findings, files, rules = run
    driver = json.loads(sarif.render(findings, files, rules))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "cnr-lint"
    assert driver["version"] == __version__
    assert "informationUri" not in driver  # no `[project.urls]` in pyproject.toml: no address to give (not PyPI's)
    assert [r["id"] for r in driver["rules"]] == [r.code for r in rules]
    assert "CNR002" not in {r["id"] for r in driver["rules"]}
    by_id = {r["id"]: r for r in driver["rules"]}
    conflict = by_id["CNR201"]
    rule = next(r for r in rules if r.code == "CNR201")
    assert conflict["name"] == "figure-conflict"
    assert conflict["shortDescription"]["text"].lower() == rule.summary.lower()
    assert rule.explain.strip() in conflict["fullDescription"]["text"]
    for example in rule.example.files(rule.example.bad):  # a cross-dossier rule's example is several dossiers
        assert example.rstrip() in conflict["help"]["markdown"]
        assert all(line.strip() in conflict["help"]["text"] for line in example.splitlines())
    assert conflict["defaultConfiguration"]["level"] == "error"
    assert by_id["CNR104"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["CNR004"]["defaultConfiguration"]["level"] == "note"


def test_sarif_results_point_at_rules_places_and_related_places(run):
    findings, files, rules = run
    document = json.loads(sarif.render(findings, files, rules))
    the_run = document["runs"][0]
    results = the_run["results"]
    assert len(results) == len(findings)
    for result, finding in zip(results, findings):
        assert the_run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == finding.code
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity.value]
        assert result["message"]["text"] == finding.message
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding.location.path
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        span = finding.location.span
        assert location["region"] == {"startLine": span.line, "startColumn": span.column,
                                      "endLine": span.end_line, "endColumn": span.end_column}
        index = location["artifactLocation"]["index"]
        assert the_run["artifacts"][index]["location"]["uri"] == finding.location.path
    conflicts = [r for r in results if r["ruleId"] == "CNR201"]
    assert conflicts and all(r["relatedLocations"] for r in conflicts)
    related = conflicts[0]["relatedLocations"][0]
    assert related["id"] == 1
    assert related["message"]["text"]
    assert related["physicalLocation"]["region"]["startLine"] >= 1
    assert {a["location"]["uri"] for a in the_run["artifacts"]} >= set(files)


def test_sarif_fingerprints_are_stable_and_ignore_lines(run):
    findings, files, rules = run
    prints = [r["partialFingerprints"]["cnrLint/v1"] for r in json.loads(sarif.render(findings, files, rules))["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)
    again = [r["partialFingerprints"]["cnrLint/v1"] for r in json.loads(sarif.render(findings, files, rules))["runs"][0]["results"]]
    assert prints == again
    finding = findings[0]
    moved = Finding(finding.code, finding.name, finding.severity, finding.message,
                    Location(finding.location.path, Span(finding.location.span.line + 10, 1, finding.location.span.line + 10, 5)),
                    finding.related, finding.fingerprint)
    assert sarif.fingerprint(moved) == sarif.fingerprint(finding)
    elsewhere = Finding(finding.code, finding.name, finding.severity, finding.message,
                        Location("elsewhere.md", finding.location.span), finding.related, finding.fingerprint)
    assert sarif.fingerprint(elsewhere) != sarif.fingerprint(finding)


def test_sarif_twice_the_same_fingerprint_is_told_apart():
    twice = [crafted(), crafted()]
    results = json.loads(sarif.render(twice, [], ()))["runs"][0]["results"]
    first, second = (r["partialFingerprints"]["cnrLint/v1"] for r in results)
    assert second == first + ":2"


def test_sarif_uris_are_encoded_relative_references(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    finding = crafted()
    special = Finding(finding.code, finding.name, finding.severity, "[lien](1) littéral",
                      Location("sous dossier/bouches-du-rhône.md", finding.location.span))
    outside = Finding(finding.code, finding.name, finding.severity, "ailleurs",
                      Location(str(tmp_path.parent / "outside.md"), finding.location.span))
    inside = Finding(finding.code, finding.name, finding.severity, "absolu",
                     Location(str(tmp_path / "sub" / "inside.md"), finding.location.span))
    document = json.loads(sarif.render([finding, special, outside, inside], [], ()))
    validate_sarif(document)
    results = document["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    assert uris[0] == {"uri": "dir%2Ca%3Ab/x.md", "uriBaseId": "%SRCROOT%", "index": uris[0]["index"]}
    assert uris[1]["uri"] == "sous%20dossier/bouches-du-rh%C3%B4ne.md"
    assert uris[2]["uri"].startswith("file:///") and "uriBaseId" not in uris[2]
    assert uris[3]["uri"] == "sub/inside.md" and uris[3]["uriBaseId"] == "%SRCROOT%"
    assert results[1]["message"]["text"] == r"\[lien\](1) littéral"
    assert results[0]["level"] == "note"
    assert results[0]["ruleIndex"] == 0  # a rule not among those given still gets a descriptor
    assert document["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "CNR105"


def test_sarif_without_findings_is_valid(run):
    _, files, rules = run
    document = json.loads(sarif.render([], files, rules))
    validate_sarif(document)
    assert document["runs"][0]["results"] == []
    empty = json.loads(sarif.render([], [], ()))
    validate_sarif(empty)
    assert empty["runs"][0]["tool"]["driver"]["rules"] == []


# -- github --------------------------------------------------------------------------------------

_PROPERTY_VALUE = r"(?:[^%\r\n:,]|%25|%0D|%0A|%3A|%2C)*"
_WORKFLOW_COMMAND = re.compile(
    r"::(?P<command>error|warning|notice) "
    rf"file=(?P<file>{_PROPERTY_VALUE}),line=(?P<line>[1-9]\d*)"
    r"(?:,col=(?P<col>[1-9]\d*))?,endLine=(?P<end_line>[1-9]\d*)(?:,endColumn=(?P<end_col>[1-9]\d*))?"
    rf",title=(?P<title>{_PROPERTY_VALUE})"
    r"::(?P<message>(?:[^%\r\n]|%25|%0D|%0A)*)"
)


def test_github_one_command_per_finding(run):
    findings, files, rules = run
    output = github.render(findings, files, rules)
    lines = output.splitlines()
    assert output.endswith("\n")
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings):
        match = _WORKFLOW_COMMAND.fullmatch(line)
        assert match, line
        span = finding.location.span
        assert match["command"] == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity.value]
        assert match["file"] == finding.location.path
        assert (int(match["line"]), int(match["col"]), int(match["end_line"]), int(match["end_col"])) == (
            span.line, span.column, span.end_line, span.end_column)
        assert match["title"] == f"{finding.code} {finding.name}"
        assert match["message"].startswith(finding.message)
        for place in finding.related:
            assert f"{place.path}:{place.span.line}" in match["message"]


def test_github_escapes_like_the_toolkit():
    line = github.render([crafted()], ["dir,a:b/x.md"], ())
    assert line == (
        "::notice file=dir%2Ca%3Ab/x.md,line=3,col=5,endLine=3,endColumn=9,title=CNR105 weekday-mismatch"
        "::100%25 faux: lundi,%0Amardi%0D (see other.md:7)\n"
    )
    assert _WORKFLOW_COMMAND.fullmatch(line.rstrip("\n"))


def test_github_no_columns_across_lines():
    finding = crafted()
    wide = Finding(finding.code, finding.name, Severity.WARNING, "m", Location("a.md", Span(2, 4, 5, 1)))
    assert github.render([wide], ["a.md"], ()) == "::warning file=a.md,line=2,endLine=5,title=CNR105 weekday-mismatch::m\n"


def test_github_without_findings_is_empty(run):
    _, files, rules = run
    assert github.render([], files, rules) == ""


# -- junit ---------------------------------------------------------------------------------------


def test_junit_one_test_case_per_file_and_a_failure_per_finding(run):
    findings, files, rules = run
    root = ET.fromstring(junit.render(findings, files, rules, Severity.WARNING))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "cnr-lint"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == files
    assert all(c.get("classname") == "cnr-lint" for c in cases)
    failures = suite.findall("testcase/failure")
    assert len(failures) == len(findings)
    failing_files = {f.location.path for f in findings}
    assert int(suite.get("tests")) == int(root.get("tests")) == len(files)
    assert int(suite.get("failures")) == int(root.get("failures")) == len(failing_files)
    assert suite.find("properties/property[@name='findings']").get("value") == str(len(findings))
    for case in cases:
        expected = [f for f in findings if f.location.path == case.get("name")]
        got = case.findall("failure")
        assert [g.get("type") for g in got] == [f.code for f in expected]
        assert [g.get("message") for g in got] == [f.message for f in expected]
        for failure, finding in zip(got, expected):
            span = finding.location.span
            first, *rest = failure.text.splitlines()
            assert first == f"{finding.location.path}:{span.line}:{span.column}: {finding.code} [{finding.severity.value}] {finding.message}"
            assert len(rest) == len(finding.related)
            for text, place in zip(rest, finding.related):
                assert text.strip().startswith(f"{place.path}:{place.span.line}:{place.span.column}")


def test_junit_clean_file_is_a_passing_test_case(run):
    findings, files, rules = run
    assert CLEAN in files and not any(f.location.path == CLEAN for f in findings)
    root = ET.fromstring(junit.render(findings, files, rules, Severity.WARNING))
    (case,) = [c for c in root.iter("testcase") if c.get("name") == CLEAN]
    assert list(case) == []


def test_junit_escapes_and_keeps_findings_outside_the_files():
    finding = crafted()
    odd = Finding(finding.code, finding.name, finding.severity, 'a <b> & "c"\x0c d', Location("x.md", Span(1, 1, 1, 2)))
    text = junit.render([finding, odd], ["x.md"], (), Severity.INFO)
    root = ET.fromstring(text)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"x.md", "dir,a:b/x.md"}
    assert cases["x.md"].find("failure").get("message") == 'a <b> & "c"\ufffd d'
    assert cases["dir,a:b/x.md"].find("failure").get("message") == finding.message
    assert root.get("tests") == "2" and root.get("failures") == "2"


def test_junit_without_findings_is_all_passing(run):
    _, files, rules = run
    root = ET.fromstring(junit.render([], files, rules, Severity.WARNING))
    assert root.get("tests") == str(len(files)) and root.get("failures") == "0"
    assert len(list(root.iter("testcase"))) == len(files)
    assert not list(root.iter("failure"))
    empty = ET.fromstring(junit.render([], [], (), Severity.WARNING))
    assert empty.get("tests") == "0" and empty.find("testsuite") is not None


# -- file names that are not UTF-8 -----------------------------------------------------------------

# What os.fsdecode gives for the cp1252 name b"r\xe9sum\xe9.md" (a zip archive from Windows).
NOT_UTF8 = "dossiers/r\udce9sum\udce9.md"


def test_printable_shows_undecodable_bytes_as_escapes():
    from cnr_lint.report import printable

    assert printable(NOT_UTF8) == "dossiers/r\\xe9sum\\xe9.md"
    assert printable("bouches-du-rhône.md") == "bouches-du-rhône.md"
    assert printable("lone \ud800") == "lone \\ud800"  # not an escaped byte: still printable


def _not_utf8_findings() -> list[Finding]:
    finding = crafted()
    return [Finding(finding.code, finding.name, finding.severity, f"voir {NOT_UTF8}",
                    Location(NOT_UTF8, finding.location.span), (Location(NOT_UTF8, Span(1, 1, 1, 1), NOT_UTF8),),
                    finding.fingerprint)]


@pytest.mark.parametrize("formatter", ["json", "sarif", "github", "junit", "text"])
def test_every_format_writes_valid_utf8_for_a_name_that_is_not(formatter, tmp_path, monkeypatch):
    from cnr_lint.report import json_format, text

    monkeypatch.chdir(tmp_path)
    findings = _not_utf8_findings()
    rendered = {
        "json": lambda: json_format.render(findings, 1),
        "sarif": lambda: sarif.render(findings, [NOT_UTF8], ()),
        "github": lambda: "".join(github.command(f) for f in findings),
        "junit": lambda: junit.render(findings, [NOT_UTF8], (), Severity.INFO),
        "text": lambda: text.render(findings, 1, colour=False),
    }[formatter]()
    rendered.encode("utf-8")  # no lone surrogate left
    if formatter == "sarif":
        document = json.loads(rendered)
        validate_sarif(document)
        [result] = document["runs"][0]["results"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dossiers/r%E9sum%E9.md"
    elif formatter == "json":
        [finding] = json.loads(rendered)["findings"]
        assert finding["path"] == finding["related"][0]["path"] == "dossiers/r\\xe9sum\\xe9.md"
    else:
        assert "r\\xe9sum\\xe9.md" in rendered
