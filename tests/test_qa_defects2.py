"""Defects a QA engineer found using cnr-lint as a new user (second round): each test runs the
real command line (or the Python API) on copies of the seeds and asserts what it prints."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import REPO, invoke

SEEDS = REPO / "fixtures" / "seeds"


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    """The two seeds, in the working folder."""
    for seed in ("bouches-du-rhone.txt", "hautes-alpes.md"):
        shutil.copy(SEEDS / seed, tmp_path / seed)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- 1. `assign` in the configuration and the cache -------------------------------------------


def test_a_warm_cache_with_assign_is_reused_silently_and_stale_files_are_deleted(tmp_path, monkeypatch):
    folder = tmp_path / "2023" / "paca"
    folder.mkdir(parents=True)
    for name in ("a.md", "b.md"):
        shutil.copy(SEEDS / "hautes-alpes.md", folder / name)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cnr-lint.assign]\n"2023/**" = {campaign = "1 an après 2023"}\n', encoding="utf-8")
    cache = tmp_path / ".cnr_lint_cache"
    cache.mkdir()
    # what an earlier build left: its packs' digest followed by 8 hex digits of `assign`
    legacy = cache / "0.1.0-0dddda0c450a7896-820db15b-e7254bd46e74.dossiers"
    legacy.write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    runs = [invoke("--format", "json", ".") for _ in range(3)]
    assert [r.stderr for r in runs] == ["", "", ""]
    assert len({r.stdout for r in runs}) == 1
    kept = sorted(p.suffix for p in cache.iterdir() if p.suffix in (".index", ".dossiers"))
    assert kept == [".dossiers", ".index"] and not legacy.exists()
    written = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    invoke(".")
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == written  # nothing to rewrite


# -- 2. the command line's select replaces the file's, as in ruff ------------------------------

COUNT_MISMATCH = REPO / "fixtures" / "rules" / "CNR101" / "more-stated" / "var.md"  # CNR101, nothing else


@pytest.mark.parametrize(("configured", "arguments", "expected"), [
    ('ignore = ["CNR101"]', ("--select", "CNR101"), {"CNR101"}),  # the file's ignore is replaced
    ('ignore = ["CNR101"]', (), set()),
    ('ignore = ["CNR101"]', ("--extend-select", "CNR101"), {"CNR101"}),  # a layer above adds it back
    ('select = ["CNR2"]', ("--select", "CNR1"), {"CNR101"}),
    ('select = ["CNR2"]', ("--extend-select", "count-mismatch"), {"CNR101"}),
    ('select = ["CNR2"]', (), set()),
    ('select = ["CNR101"]', ("--ignore", "CNR101"), set()),
    ('select = ["CNR1"]\nignore = ["CNR101"]', ("--select", "CNR1"), {"CNR101"}),
])
def test_select_on_the_command_line_replaces_the_files_selection(tmp_path, monkeypatch, configured, arguments, expected):
    shutil.copy(COUNT_MISMATCH, tmp_path / "var.md")
    (tmp_path / "pyproject.toml").write_text(f"[tool.cnr-lint]\n{configured}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("--no-cache", "--format", "json", *arguments, "var.md")
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} == expected, result.output


# -- 3. a CNR202 fix never dates a dossier after its publication, nor against its as_of --------

OLDER_SNAPSHOT = REPO / "fixtures" / "rules" / "CNR202" / "older-snapshot"  # var.md: au 30 juin 2023


@pytest.mark.parametrize(("front_matter", "fixed"), [
    ("", True),
    ("published: 2023-12-01\n", True),
    ("published: 2023-11\n", True),
    ("published: 2023-10-02\n", False),  # "au 8 novembre 2023" would be after it was published
    ("published: 2023-10\n", False),
    ("as_of: 2023-06-30\n", False),  # the front matter would contradict the text
    ("as_of: 2023-11-08\n", True),
])
def test_a_stale_snapshot_is_fixed_only_with_dates_the_dossier_can_claim(tmp_path, monkeypatch, front_matter, fixed):
    shutil.copytree(OLDER_SNAPSHOT, tmp_path, dirs_exist_ok=True)
    if front_matter:
        var = tmp_path / "var.md"
        var.write_text(f"---\n{front_matter}---\n" + var.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("--no-cache", "--format", "json", "var.md")
    (stale,) = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "CNR202"]
    assert (stale.get("fix") is not None) == fixed, stale
    diff = invoke("--no-cache", "--diff", "var.md")
    assert ("+**Au 8 novembre 2023" in diff.stdout) == fixed, diff.output


# -- 4. a dossier at odds with itself is one finding, at its later statement ------------------


def test_a_dossier_contradicting_itself_is_reported_once_at_the_later_line(tmp_path, monkeypatch):
    text = (SEEDS / "hautes-alpes.md").read_text(encoding="utf-8")
    later = "Au 8 novembre 2023, 15 projets réalisés et 27 projets en cours de déploiement.\n\n"
    (tmp_path / "hautes-alpes.md").write_text(text.replace("## Dans les Hautes-Alpes", later + "## Dans les Hautes-Alpes", 1),
                                              encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("--no-cache", ".")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "hautes-alpes.md:27:21: CNR201 [error] 15 projets réalisés (Au 8 novembre 2023) here; "
        "hautes-alpes.md:21 states 14 (au 8 novembre 2023)",
        "    hautes-alpes.md:21:93: 14 projets réalisés (au 8 novembre 2023)",
    ]
    assert result.stdout.count("CNR201 [error]") == 1


def test_a_dossier_contradicting_itself_and_another_is_still_reported_against_the_other(seeds):
    text = (seeds / "hautes-alpes.md").read_text(encoding="utf-8")
    (seeds / "hautes-alpes.md").write_text(text.replace("## Dans les Hautes-Alpes", "Au 8 novembre 2023, 11 projets "
                                                        "réalisés.\n\n## Dans les Hautes-Alpes", 1), encoding="utf-8")
    result = invoke("--no-cache", "--format", "json", "--select", "CNR201", ".")
    places = {(f["path"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert ("hautes-alpes.md", 21) in places  # 14 here, 11 in its own line 27 and in the other dossier


# -- 5. nothing to lint is said on stderr, as ruff says it ------------------------------------


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "junit"])
def test_a_folder_without_dossiers_is_a_warning_in_every_format(tmp_path, monkeypatch, output_format):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.docx.bak").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("--no-cache", "--format", output_format, "empty")
    assert result.exit_code == 0
    assert result.stderr == "cnr-lint: warning: No dossiers found under empty\n"
    assert "No dossiers found" not in result.stdout  # the report itself stays what its readers parse


def test_facts_on_a_folder_without_dossiers_warns(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("facts", ".")
    assert (result.exit_code, result.stderr) == (0, "cnr-lint: warning: No dossiers found under .\n")


def test_a_mistyped_path_is_still_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("--no-cache", "dosiers")
    assert result.exit_code == 2 and "dosiers: no such file or folder" in result.stderr


def test_a_run_with_dossiers_says_nothing_on_stderr(seeds):
    result = invoke("--no-cache", ".")
    assert result.exit_code == 1 and result.stderr == ""


# -- 6. every place of a run is named the same way --------------------------------------------


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A repository of two dossiers in two folders, the working folder at its top."""
    (tmp_path / ".git").mkdir()
    for folder, seed, name in (("x", "hautes-alpes.md", "var.md"), ("é", "bouches-du-rhone.txt", "var.txt")):
        (tmp_path / folder).mkdir()
        shutil.copy(SEEDS / seed, tmp_path / folder / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _sarif_uris(document: dict) -> list[dict]:
    run = document["runs"][0]
    found = [a["location"] for a in run["artifacts"]]
    for result in run["results"]:
        for location in (*result["locations"], *result.get("relatedLocations", ())):
            found.append(location["physicalLocation"]["artifactLocation"])
    return found


@pytest.mark.parametrize("spelling", ["absolute", "x/../x/var.md", "./x/var.md"])
def test_a_file_named_any_way_below_the_working_folder_is_named_from_it_everywhere(repository, spelling):
    named = str(repository / "x" / "var.md") if spelling == "absolute" else spelling
    text = invoke("--no-cache", named).stdout
    assert text.splitlines()[:2] == [
        "x/var.md:21:93: CNR201 [error] 14 projets réalisés (au 8 novembre 2023) here; é/var.txt:21 states 11 "
        "(sur l'année 2023)",
        "    é/var.txt:21:85: 11 projets réalisés (sur l'année 2023)",
    ]
    assert str(repository) not in text
    github = invoke("--no-cache", "--format", "github", named).stdout
    assert github.startswith("::error file=x/var.md,line=21,") and str(repository) not in github
    junit = invoke("--no-cache", "--format", "junit", named).stdout
    assert 'name="x/var.md"' in junit and str(repository) not in junit
    sarif = json.loads(invoke("--no-cache", "--format", "sarif", named).stdout)
    uris = _sarif_uris(sarif)
    assert {u["uri"] for u in uris} == {"x/var.md", "%C3%A9/var.txt"}
    assert {u.get("uriBaseId") for u in uris} == {"%SRCROOT%"}


def test_from_a_sub_folder_places_outside_it_are_absolute_everywhere(repository, monkeypatch):
    monkeypatch.chdir(repository / "x")
    outside = str(repository / "é" / "var.txt")
    text = invoke("--no-cache", "var.md").stdout
    assert text.splitlines()[:2] == [
        f"{outside}:21:85: CNR201 [error] 11 projets réalisés (sur l'année 2023) here; var.md:21 states 14 "
        "(au 8 novembre 2023)",
        "    var.md:21:93: 14 projets réalisés (au 8 novembre 2023)",
    ]
    for location in _sarif_uris(json.loads(invoke("--no-cache", "--format", "sarif", "var.md").stdout)):
        # relative to %SRCROOT%, or an absolute file URI with no base
        assert (location.get("uriBaseId") == "%SRCROOT%") != location["uri"].startswith("file:///"), location


# -- 7. malformed suppression comments and unknown codes are reported, not ignored -------------

WEEKDAY_WRONG = "# CNR santé dans le Var : 1 an après\n\n{comment}\nMardi 3 octobre 2022, le Ministre a lancé le CNR santé.\n"


@pytest.mark.parametrize(("comment", "message"), [
    ("<!-- cnr-lint: disable-next-line -->",
     "`<!-- cnr-lint: disable-next-line -->` names no rule code; write one: <!-- cnr-lint: disable-next-line CNR101 -->"),
    ("<!-- cnr-lint: disabel CNR105 -->",
     '`<!-- cnr-lint: disabel CNR105 -->` is not a suppression comment (did you mean "disable"?); '
     "they read <!-- cnr-lint: disable-next-line CODE -->"),
    ("<!-- cnr-lint: disable-next-line CNR-105 -->",
     "`<!-- cnr-lint: disable-next-line CNR-105 -->`: rule codes are letters and digits, separated by commas or spaces"),
    ("<!-- cnr-lint: disable-next-line CNR999 -->",
     "suppression of CNR999: no rule has that code; correct or remove it"),
    ("<!-- cnr-lint: disable-next-line CNR1O5 -->",  # a letter O
     'suppression of CNR1O5: no rule has that code (did you mean "CNR105"?); correct or remove it'),
])
def test_a_comment_that_cannot_silence_is_reported_on_its_line(tmp_path, monkeypatch, comment, message):
    (tmp_path / "var.md").write_text(WEEKDAY_WRONG.format(comment=comment), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    findings = json.loads(invoke("--no-cache", "--format", "json", "var.md").stdout)["findings"]
    assert [(f["rule"], f["line"], f["message"]) for f in findings if f["rule"] in ("CNR004", "CNR105")] == [
        ("CNR004", 3, message), ("CNR105", 4, '"Mardi 3 octobre 2022": that date is a lundi, not a mardi')]


def test_a_well_formed_suppression_still_silences_and_an_unused_one_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "var.md").write_text(WEEKDAY_WRONG.format(comment="<!-- cnr-lint: disable-next-line cnr105 -->"),
                                     encoding="utf-8")
    findings = json.loads(invoke("--no-cache", "--format", "json", "var.md").stdout)["findings"]
    assert {f["rule"] for f in findings} == {"CNR002"}  # a one-line dossier; CNR105 silenced, CNR004 silent
    (tmp_path / "var.md").write_text(WEEKDAY_WRONG.format(comment="<!-- cnr-lint: disable CNR101 -->"), encoding="utf-8")
    findings = json.loads(invoke("--no-cache", "--format", "json", "var.md").stdout)["findings"]
    assert ("CNR004", "suppression of CNR101 silences no finding; remove it") in {(f["rule"], f["message"]) for f in findings}


# -- 8. `facts` on an unreadable file: said once, on stderr, and the command fails as `check` ---


@pytest.mark.parametrize("arguments", [(), ("--format", "json"), ("--unmatched",)])
def test_facts_of_a_binary_file_says_why_once_on_stderr_and_fails(tmp_path, monkeypatch, arguments):
    (tmp_path / "scan.md").write_bytes(b"%PDF?\x00\x00\x01\x02")
    monkeypatch.chdir(tmp_path)
    result = invoke("facts", *arguments, "scan.md")
    assert result.exit_code == invoke("--no-cache", "scan.md").exit_code == 1
    assert result.stderr == "cnr-lint: error: scan.md: the file is binary (contains NUL bytes)\n"
    if arguments == ("--format", "json"):  # its readers read one stream: the object says why too
        assert json.loads(result.stdout)[0]["error"] == "the file is binary (contains NUL bytes)"
    else:
        assert "binary" not in result.stdout


# -- 9. the Python API takes one path as a path, and fails as the command line does -----------


def test_lint_takes_a_str_or_a_path_as_one_path(seeds):
    import cnr_lint

    as_list = cnr_lint.lint(["."], cache=False)
    assert as_list.failed and len(as_list.findings) == 4
    assert cnr_lint.lint(".", cache=False) == as_list
    assert cnr_lint.lint(seeds, cache=False).findings == as_list.findings
    assert cnr_lint.lint(str(seeds), cache=False).findings == as_list.findings  # was its characters
    only = cnr_lint.lint(".", select="CNR201", cache=False)  # one code, not the letters C, N, R...
    assert {f.code for f in only.findings} == {"CNR201"}


def test_a_missing_path_raises_in_lint_and_facts_alike(seeds):
    import cnr_lint

    for call in (lambda: cnr_lint.lint(["/nonexistent"], cache=False), lambda: cnr_lint.facts("/nonexistent")):
        with pytest.raises(FileNotFoundError, match="/nonexistent"):
            call()
    (seeds / "scan.md").write_bytes(b"\x00\x01")
    (unread,) = cnr_lint.facts("scan.md")  # there, but unreadable: a dossier that says why
    assert not unread.readable and unread.notes[0].message == "the file is binary (contains NUL bytes)"


def test_a_bad_fail_on_is_a_config_error(seeds):
    import cnr_lint

    with pytest.raises(cnr_lint.ConfigError, match="fail_on: 'fatal' is not a severity: error, warning or info"):
        cnr_lint.lint(".", fail_on="fatal", cache=False)


# -- 10. small ones -------------------------------------------------------------------------------


def test_sarif_gives_no_pypi_address(seeds):
    driver = json.loads(invoke("--no-cache", "--format", "sarif", ".").stdout)["runs"][0]["tool"]["driver"]
    assert "pypi.org" not in json.dumps(driver)  # README: not on PyPI; pyproject.toml has no [project.urls]
    assert "informationUri" not in driver


def test_html_rows_of_same_named_dossiers_show_the_folders_that_tell_them_apart(tmp_path, monkeypatch):
    for folder in ("alpes/2023", "alpes/2024"):
        (tmp_path / folder).mkdir(parents=True)
        shutil.copy(SEEDS / "hautes-alpes.md", tmp_path / folder / "hautes-alpes.md")
    shutil.copy(SEEDS / "bouches-du-rhone.txt", tmp_path / "bouches-du-rhone.txt")
    monkeypatch.chdir(tmp_path)
    page = invoke("--no-cache", "--format", "html", ".").stdout
    rows = re.findall(r'<th scope="row" title="[^"]*">([^<]*)</th>', page)
    assert sorted(rows) == ["2023/hautes-alpes.md", "2024/hautes-alpes.md", "bouches-du-rhone.txt"]


def test_two_configuration_files_in_one_folder_name_the_one_used(seeds):
    (seeds / ".cnr-lint.yaml").write_text("ignore: [CNR201]\n", encoding="utf-8")
    (seeds / "pyproject.toml").write_text('[tool.cnr-lint]\nfail-on = "error"\n', encoding="utf-8")
    result = invoke("--no-cache", ".")
    assert result.exit_code == 0  # .cnr-lint.yaml's ignore: the seeds' only findings are CNR201
    assert result.stderr == "cnr-lint: warning: pyproject.toml is not read: .cnr-lint.yaml configures cnr-lint (it comes first)\n"
    assert invoke("--no-cache", "--config", ".cnr-lint.yaml", ".").stderr == ""  # chosen: nothing shadowed
    (seeds / "pyproject.toml").write_text('[project]\nname = "dossiers"\n', encoding="utf-8")  # no [tool.cnr-lint]
    assert invoke("--no-cache", ".").stderr == ""


@pytest.mark.parametrize(("code", "hint"), [("CNR999", ""), ("CNR2O1", ' (did you mean "CNR201"?)'),
                                             ("cnr21", ' (did you mean "CNR201"?)')])
def test_a_rule_code_is_suggested_only_when_close(seeds, code, hint):
    selected = invoke("--no-cache", "--select", code, ".")
    assert (selected.exit_code, selected.stderr) == (2, f"cnr-lint: error: command line: unknown rule code {code!r}{hint}\n")
    explained = invoke("explain", code)
    assert explained.stderr == f"cnr-lint: error: unknown rule code, rule name or check kind {code!r}{hint}\n"


@pytest.mark.parametrize("name", ["figure-conflict", "Figure-Conflict", " cnr201 "])
def test_explain_takes_a_rule_name_as_select_does(seeds, name):
    explained = invoke("explain", name)
    assert explained.exit_code == 0
    assert explained.stdout.splitlines()[0] == "CNR201 figure-conflict [error]"


def test_explain_suggests_a_rule_name_one_slip_away(seeds):
    explained = invoke("explain", "figure-conflit")
    assert (explained.exit_code, explained.stderr) == (
        2, "cnr-lint: error: unknown rule code, rule name or check kind 'figure-conflit' (did you mean \"figure-conflict\"?)\n")
