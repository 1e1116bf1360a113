"""Every rule tested through annotated fixture folders (cnr_lint.packtest), as Semgrep does.

A new rule, or a new case of an old one, gets its test by adding a folder under
fixtures/rules/: its dossiers carry `<!-- ruleid: CODE -->` / `<!-- ok: CODE -->` comments.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cnr_lint import engine, packtest
from cnr_lint.config import Config
from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "fixtures" / "rules"
SEEDS = REPO / "fixtures" / "seeds"
CASES = packtest.case_folders(RULES)


@pytest.fixture(scope="module")
def context() -> Context:
    return Context(load_packs(()))


@pytest.fixture(scope="module")
def selection(context) -> engine.Selection:
    return engine.select_rules(context, Config())


def _param(folder: Path):
    case_id = folder.relative_to(RULES).as_posix()
    xfail = folder / packtest.XFAIL
    if xfail.is_file():
        reason = " ".join(xfail.read_text(encoding="utf-8").split())
        return pytest.param(folder, id=case_id, marks=pytest.mark.xfail(strict=True, reason=reason))
    return pytest.param(folder, id=case_id)


@pytest.mark.parametrize("folder", [_param(f) for f in CASES])
def test_fixture_folder(folder, context, selection):
    result = packtest.run_fixture_folder(folder, context, selection)
    assert result.passed, packtest.describe(result)


def test_fixture_tree_is_found():
    assert len(CASES) >= 40
    assert RULES / "clean" in CASES
    # every case folder holds its dossiers directly: no case hides inside another
    for folder in CASES:
        assert not any(p.is_dir() and packtest.dossier_files(p) for p in folder.iterdir()), folder


def test_every_rule_fires_in_some_folder(context, selection):
    """Each built-in code has a folder (not a known failure) where it fires, as annotated."""
    fired: dict[str, list[str]] = {}
    for folder in CASES:
        if (folder / packtest.XFAIL).exists():
            continue
        result = packtest.run_fixture_folder(folder, context, selection)
        for place in _expected(result):
            fired.setdefault(place.code, []).append(folder.relative_to(RULES).as_posix())
    missing = sorted(r.code for r in load_packs(()).rules if r.code not in fired)
    assert not missing, f"no fixture folder where these rules fire: {missing}"


def _expected(result: packtest.FolderResult):
    """The places where a finding was both annotated ruleid and reported."""
    reported = {(Path(f.location.path).name, f.location.span.line, f.code) for f in result.findings}
    for path in packtest.dossier_files(result.folder):
        annotations, _ = packtest.read_annotations(path, path.name, set())
        for annotation in annotations:
            place = annotation.place
            if annotation.kind == "ruleid" and (place.file, place.line, place.code) in reported:
                yield place


def test_clean_set_is_six_consistent_paca_dossiers(context, selection):
    result = packtest.run_fixture_folder(RULES / "clean", context, selection)
    assert result.files == 6 and result.findings == [] and result.expected == 0
    from cnr_lint.pipeline import load_dossier

    dossiers = [load_dossier(p, p.name, context) for p in packtest.dossier_files(RULES / "clean")]
    assert {d.department for d in dossiers} == {
        "Alpes-de-Haute-Provence", "Hautes-Alpes", "Alpes-Maritimes", "Bouches-du-Rhône", "Var", "Vaucluse"}
    assert {(d.region, d.campaign) for d in dossiers} == {("Provence-Alpes-Côte d'Azur", "1 an après 2023")}


# -- the real seeds ------------------------------------------------------------------------------

SEED_FINDINGS = {
    ("fixtures/seeds/bouches-du-rhone.txt", 21, 85, "CNR201", "11 projets réalisés"),
    ("fixtures/seeds/bouches-du-rhone.txt", 21, 156, "CNR201", "30 projets en cours"),
    ("fixtures/seeds/hautes-alpes.md", 21, 93, "CNR201", "14 projets réalisés"),
    ("fixtures/seeds/hautes-alpes.md", 21, 164, "CNR201", "27 projets en cours"),
}


def test_seeds_give_exactly_the_four_conflicts(run_cli):
    result = run_cli("fixtures/seeds")
    assert result.exit_code == 1
    for path, line, column, code, text in SEED_FINDINGS:
        assert f"{path}:{line}:{column}: {code} [error] {text}" in result.stdout
    assert result.stdout.count(": CNR") == 4


def test_seeds_json(run_cli):
    result = run_cli("--format", "json", "fixtures/seeds")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    found = {(f["path"], f["line"], f["column"], f["rule"], f["message"].split(" (")[0]) for f in document["findings"]}
    assert found == SEED_FINDINGS
    other = {"fixtures/seeds/bouches-du-rhone.txt": "fixtures/seeds/hautes-alpes.md",
             "fixtures/seeds/hautes-alpes.md": "fixtures/seeds/bouches-du-rhone.txt"}
    for finding in document["findings"]:
        # each points at the other dossier's statement of the same figure
        assert [(r["path"], r["line"]) for r in finding["related"]] == [(other[finding["path"]], 21)]
    assert document["summary"]["by_rule"] == {"CNR201": 4}


# -- packtest itself -----------------------------------------------------------------------------

DOSSIER = (SEEDS / "hautes-alpes.md").read_text(encoding="utf-8")


def _case(tmp_path: Path, text: str, name: str = "hautes-alpes.md") -> Path:
    folder = tmp_path / "case"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _annotate(text: str, before: str, comment: str) -> str:
    return text.replace(before, f"<!-- {comment} -->\n{before}", 1)


def test_packtest_passes_a_right_annotation(tmp_path, context, selection):
    text = _annotate(DOSSIER, "Ces discussions ont permis", "ruleid: CNR101").replace(
        "émerger 4 projets concrets", "émerger 5 projets concrets")
    result = packtest.run_fixture_folder(_case(tmp_path, text), context, selection)
    assert result.passed, packtest.describe(result)
    assert result.expected == 1 and len(result.findings) == 1


def test_packtest_reports_unexpected_missing_and_ok(tmp_path, context, selection):
    text = DOSSIER.replace("émerger 4 projets concrets", "émerger 5 projets concrets")
    text = _annotate(text, "Ces discussions ont permis", "ok: CNR101")
    text = _annotate(text, "*25 réunions de concertation", "ruleid: CNR106")
    text = text.replace("Lundi 3 octobre 2022", "Mardi 3 octobre 2022")
    result = packtest.run_fixture_folder(_case(tmp_path, text), context, selection)
    assert not result.passed
    assert [(p.line, p.code) for p, _ in result.ok_violations] == [(38, "CNR101")]
    assert [(p.line, p.code) for p in result.missing] == [(18, "CNR106")]
    assert [(p.file, p.line, p.code) for p, _ in result.unexpected] == [("hautes-alpes.md", 13, "CNR105")]
    report = packtest.render([result])
    assert "FAIL" in report and "0 of 1 fixture folders passed" in report
    assert "unexpected: hautes-alpes.md:13: CNR105" in report


def test_packtest_stacked_trailing_and_malformed_annotations(tmp_path):
    path = tmp_path / "d.md"
    path.write_text(
        "Titre <!-- ok: CNR002 -->\n"
        "<!-- ruleid: CNR101 -->\n\n<!-- ok: CNR102, CNR103 -->\n"
        "<!-- cnr-lint: disable-next-line CNR101 -->\n"
        "texte\n"
        "texte <!-- ruleid: CNR999 -->\n"
        "<!-- ruleid: CNR101 --> texte\n"
        "<!-- ok: CNR105 -->\n", encoding="utf-8")
    annotations, errors = packtest.read_annotations(path, "d.md", {"CNR002", "CNR101", "CNR102", "CNR103", "CNR105"})
    assert [(a.kind, a.place.line, a.place.code) for a in annotations] == [
        ("ok", 1, "CNR002"),  # at the end of its line: that line
        ("ruleid", 5, "CNR101"),  # stacked: the suppression comment is the next line that is not an annotation
        ("ok", 5, "CNR102"), ("ok", 5, "CNR103"),
    ]
    assert len(errors) == 3
    assert "unknown rule code 'CNR999'" in errors[0]
    assert "must end its line" in errors[1]
    assert "followed by no line" in errors[2]


def test_packtest_counts_crlf_and_cp1252_lines_as_the_linter_does(tmp_path, context, selection):
    text = _annotate(DOSSIER, "Ces discussions ont permis", "ruleid: CNR101").replace(
        "émerger 4 projets concrets", "émerger 3 projets concrets")
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "hautes-alpes.md").write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    result = packtest.run_fixture_folder(folder, context, selection)
    codes = sorted(p.code for p, _ in result.unexpected)
    assert codes == ["CNR003"] and not result.missing  # the cp1252 note is the only other finding


def test_packtest_folder_without_dossier_fails(tmp_path, context, selection):
    result = packtest.run_fixture_folder(tmp_path, context, selection)
    assert not result.passed and "no dossier file" in result.errors[0]


def test_run_fixtures_walks_case_folders(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "hautes-alpes.md").write_text(DOSSIER, encoding="utf-8")
    (tmp_path / "a" / "notes").write_text("not a dossier", encoding="utf-8")
    results = packtest.run_fixtures((), tmp_path)
    assert [r.folder for r in results] == [tmp_path / "a" / "b"]
    assert results[0].passed
    assert "1 of 1 fixture folders passed." in packtest.render(results)


def test_facts_reads_the_regional_summary_table(run_cli):
    """CNR205's fixtures rest on the table rows being read as department figures."""
    result = run_cli("facts", "--format", "json", "fixtures/rules/CNR205/table-against-dossier/hautes-alpes.md")
    assert result.exit_code == 0
    (dossier,) = json.loads(result.stdout)
    rows = {(f["name"], f.get("department") or dossier["department"], f["low"], f["line"])
            for f in dossier["figures"] if f["scope"] == "department" and f["line"] in range(29, 35)}
    assert ("department.meetings", "Var", 5, 33) in rows
    assert ("department.projects", "Var", 8, 33) in rows
    assert len(rows) == 12  # six rows, two columns


def test_known_failures_are_reported_as_such(context, selection):
    for folder in CASES:
        if (folder / packtest.XFAIL).exists():
            result = packtest.run_fixture_folder(folder, context, selection)
            assert result.known_failure and not result.passed and result.as_expected
            assert packtest.describe(result).startswith("XFAIL ")
