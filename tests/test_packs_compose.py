"""Rule packs that compose and never fail silently (issue 12): profiles that extend, profiles per
path glob, every name checked at load, the new check kinds, executable examples, malformed
annotations. Each silent failure of the issue is here an error, a warning or a finding with
its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cnr_lint import checks, engine, packtest
from cnr_lint.config import Config
from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, dossier_from_bytes
from conftest import REPO, invoke
from test_pack import RULE

PACKS = REPO / "fixtures" / "packs"
VACCINATION = PACKS / "vaccination"
SYNONYM = PACKS / "cnr-synonym"
MIXED = PACKS / "mixed"
SEEDS = REPO / "fixtures" / "seeds"
def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rule_pack(tmp_path: Path, kind: str, params: str, message: str = "{text}") -> Path:
    return write(tmp_path, RULE.format(kind=kind, params=params, message=message))


def lint(*args: str):
    return invoke("--no-cache", *args)


# -- the fixture packs ---------------------------------------------------------------------------


def test_the_vaccination_pack_passes_its_examples_and_fixtures():
    for own in ((), ("--own-rules",)):
        result = invoke("test-packs", *own, str(VACCINATION), str(VACCINATION / "fixtures"))
        assert result.exit_code == 0, result.output
        assert "7 of 7 rule examples passed." in result.output
        assert "1 of 1 fixture folders passed." in result.output
    # It extends nothing and no glob assigns it there: it says it replaces cnr-sante.
    assert "extends nothing" in result.stderr


def test_the_vaccination_fixtures_find_each_annotated_finding():
    context = packtest.pack_context((str(VACCINATION),))
    selection = engine.select_rules(context, Config())
    result = packtest.run_fixture_folder(VACCINATION / "fixtures" / "bretagne", context, selection)
    assert result.passed, packtest.describe(result)
    assert sorted(f.code for f in result.findings) == [
        "VAC101", "VAC102", "VAC104", "VAC105", "VAC201", "VAC202", "VAC202"]


def test_a_department_group_gives_the_figure_to_the_department_it_names():
    context = packtest.pack_context((str(VACCINATION),))
    path = VACCINATION / "fixtures" / "bretagne" / "cotes-d-armor.md"
    dossier = dossier_from_bytes(path.read_bytes(), str(path), context)
    vaccinated = {(f.department, f.low) for f in dossier.figures if f.name == "department.students.vaccinated"}
    assert dossier.department == "Côtes-d'Armor"
    assert vaccinated == {("Côtes-d'Armor", 2900), ("Finistère", 3400)}


def test_a_department_group_naming_no_department_gives_no_figure(tmp_path):
    context = packtest.pack_context((str(VACCINATION),))
    text = ("# Vaccination au collège dans le Finistère : bilan de la campagne 2023-2024\n\n"
            "Au total, 3 100 élèves ont été vaccinés dans le Grand Ouest.\n")
    dossier = dossier_from_bytes(text.encode(), "finistere.md", context)
    assert [f for f in dossier.figures if f.name == "department.students.vaccinated"] == []


def test_the_synonym_pack_extends_cnr_sante():
    result = invoke("test-packs", str(SYNONYM / "pack.yaml"), str(SYNONYM / "fixtures"))
    assert result.exit_code == 0, result.output
    assert "1 of 1 fixture folders passed." in result.output and "warning" not in result.stderr
    # Without it, "26 ateliers de concertation" is not read: no conflict, and the fixture fails.
    without = invoke("test-packs", str(REPO / "rules" / "cnr-sante"), str(SYNONYM / "fixtures"))
    assert without.exit_code == 1 and "missing: vaucluse.md:4: CNR201" in without.output
    # Everything else is cnr-sante's: the seeds still give exactly their four conflicts.
    seeds = lint("--rules", str(SYNONYM / "pack.yaml"), str(SEEDS))
    assert seeds.exit_code == 1 and seeds.stdout.count(": CNR201 [error]") == 4


def _annotated(folder: Path) -> set[tuple[str, int, str]]:
    places = set()
    for path in sorted(folder.rglob("*.md")):
        annotations, errors = packtest.read_annotations(path, path.relative_to(folder).as_posix(), set())
        assert not errors, errors
        places |= {(a.place.file, a.place.line, a.place.code) for a in annotations if a.kind == "ruleid"}
    return places


def test_a_folder_mixing_two_kinds_applies_each_profile_to_its_own_files(monkeypatch):
    monkeypatch.chdir(MIXED)
    result = lint("--config", ".cnr-lint.yaml", "--format", "json", "--fail-on", "info", ".")
    assert result.exit_code == 1, result.output
    found = {(f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]}
    assert found == _annotated(MIXED)
    assert {code for _, _, code in found} == {"CNR201", "VAC202"}  # no CNR002 on a vaccination report
    assert result.stderr == ""  # each profile has its files: no warning


def test_two_packs_whose_profiles_would_both_take_every_file_is_an_error_naming_both():
    result = lint("--rules", str(VACCINATION), "--rules", str(SYNONYM / "pack.yaml"), str(SEEDS))
    assert result.exit_code == 2
    assert str(VACCINATION / "profile.yaml") in result.stderr and str(SYNONYM / "pack.yaml") in result.stderr
    assert "profiles:" in result.stderr


def test_a_profile_glob_naming_an_unknown_profile_is_an_error(tmp_path):
    config = write(tmp_path, f"rules: [{VACCINATION}]\nprofiles:\n  'vaccination/*': vaccination-colege\n",
                   ".cnr-lint.yaml")
    result = lint("--config", str(config), str(SEEDS))
    assert result.exit_code == 2
    assert "profiles.vaccination/*: unknown profile 'vaccination-colege' (did you mean \"vaccination-college\"?)" in result.stderr


# -- profiles that extend ------------------------------------------------------------------------


def test_extends_adds_statuses_qualifiers_and_list_patterns(tmp_path):
    pack = write(tmp_path, """\
profile:
  name: mine
  extends: cnr-sante
  qualifiers:
    approximately: {words: ["grosso modo"]}
  statuses:
    realised: ["BOUCLÉ"]
  lists:
    - name: department.projects
      stated: ['{n} initiatives concrètes']
""")
    profile = load_packs((pack,)).profiles["mine"]
    builtin = load_packs(()).profile
    # a list of phrases, as packs wrote statuses before they were read by meaning, is their words
    assert profile.statuses["realised"].words == (*builtin.statuses["realised"].words, "BOUCLÉ")
    assert profile.statuses["realised"].en == builtin.statuses["realised"].en
    assert profile.statuses["in_progress"] == builtin.statuses["in_progress"]
    assert profile.qualifiers.approximately.words[-1] == "grosso modo"
    assert profile.qualifiers.approximately.share == builtin.qualifiers.approximately.share
    projects = next(spec for spec in profile.lists if spec.name == "department.projects")
    inherited = next(spec for spec in builtin.lists if spec.name == "department.projects")
    assert projects.stated == (*inherited.stated, "{n} initiatives concrètes") and projects.items == "entries"
    assert [spec.name for spec in profile.figures] == [spec.name for spec in builtin.figures]


def test_unknown_or_circular_extends_is_an_error_on_its_line(tmp_path):
    result = lint("--rules", str(write(tmp_path, "profile:\n  name: mine\n  extends: cnr-snte\n")), str(SEEDS))
    assert result.exit_code == 2
    assert "pack.yaml:3: profile.extends: unknown profile 'cnr-snte' (did you mean \"cnr-sante\"?)" in result.stderr
    a = write(tmp_path, "profile:\n  name: a\n  extends: b\n", "a.yaml")
    b = write(tmp_path, "profile:\n  name: b\n  extends: a\n", "b.yaml")
    result = lint("--rules", str(a), "--rules", str(b), str(SEEDS))
    assert result.exit_code == 2 and "in a circle" in result.stderr


def test_a_second_profile_of_the_same_name_is_an_error_naming_the_first(tmp_path):
    result = lint("--rules", str(write(tmp_path, "profile:\n  name: cnr-sante\n")), str(SEEDS))
    assert result.exit_code == 2
    assert "pack.yaml:2: profile.name: a profile named 'cnr-sante' is already defined in" in result.stderr
    assert "profile.yaml" in result.stderr


# -- every name checked at load ------------------------------------------------------------------


def test_a_misspelt_figure_is_an_error_on_its_own_line_with_did_you_mean(tmp_path):
    pack = write(tmp_path, """\
rules:
  - code: ARS101
    name: my-rule
    severity: error
    kind: agreement
    params:
      scope: region
      figures:
        - region.meetings
        - region.projects.realized
    summary: a rule of my own
    message: "{text}"
""")
    result = lint("--rules", str(pack), str(SEEDS))
    assert result.exit_code == 2
    assert (f"{pack}:10: rules.0.params.figures.1: no figure 'region.projects.realized' in profile 'cnr-sante' "
            "(did you mean \"region.projects.realised\"?)") in result.stderr


def test_a_misspelt_list_is_an_error(tmp_path):
    result = lint("--rules", str(rule_pack(tmp_path, "list-count", "{list: department.project}", "{listed}")), str(SEEDS))
    assert result.exit_code == 2
    assert "pack.yaml:6: rules.0.params.list: no list 'department.project'" in result.stderr
    assert 'did you mean "department.projects"' in result.stderr


def test_derived_and_table_figures_are_names_rules_may_use(tmp_path):
    pack = rule_pack(tmp_path, "bounded-by",
                     "{pairs: [{part: department.projects.realised, whole: department.projects}]}", "{part_text}")
    assert "ARS101" in invoke("rules", "--rules", str(pack)).stdout


@pytest.mark.parametrize("line, message", [
    ("title: ['CNR santé (?P<dept>\\w+)']", "the group (?P<dept>...) is not one cnr-lint reads (did you mean \"department\"?)"),
    ("status_suffix: ' - (?P<statut>[A-Z ]+)$'", "the group (?P<statut>...) is not one cnr-lint reads"),
    ("department_section: ['^Dans (?:le |la )?(\\w+)$']", "needs a (?P<department>...) group"),
])
def test_named_groups_must_be_ones_cnr_lint_reads(tmp_path, line, message):
    pack = write(tmp_path, f"profile:\n  name: mine\n  extends: cnr-sante\n  {line}\n")
    result = lint("--rules", str(pack), str(SEEDS))
    assert result.exit_code == 2 and "pack.yaml:4: profile." in result.stderr and message in result.stderr, result.stderr


def test_a_department_group_in_a_region_figure_is_an_error(tmp_path):
    pack = write(tmp_path, "profile:\n  name: mine\n  extends: cnr-sante\n  figures:\n    - name: region.meetings\n"
                           "      patterns: ['{n} réunions dans (?P<department>\\w+)']\n")
    result = lint("--rules", str(pack), str(SEEDS))
    assert result.exit_code == 2
    assert "pack.yaml:6: profile.figures.0.patterns.0: a (?P<department>...) group" in result.stderr


def test_a_profile_whose_titles_give_no_campaign_is_a_warning_and_its_dossiers_an_info_finding(tmp_path):
    text = (SEEDS / "hautes-alpes.md").read_text(encoding="utf-8")
    # The built-in title pattern is kept (extends adds), so replace it with a profile of its own.
    standalone = yaml.safe_load((REPO / "rules" / "cnr-sante" / "profile.yaml").read_text(encoding="utf-8"))
    standalone["profile"].update(name="mine", title=["^Bilan (?P<department>.+)$"])
    standalone["rules"] = yaml.safe_load(RULE.format(kind="agreement", params="{scope: region, figures: [region.meetings]}",
                                                     message="{text}"))["rules"]
    pack = write(tmp_path, yaml.safe_dump(standalone, allow_unicode=True), "mine.yaml")
    config = write(tmp_path, f"rules: [{pack}]\nprofiles: {{'*.md': mine}}\n", ".cnr-lint.yaml")
    dossier = write(tmp_path, text.replace("CNR santé dans les", "Bilan"), "hautes-alpes.md")
    result = lint("--config", str(config), "--fail-on", "info", str(dossier))
    assert "mine.yaml:" in result.stderr and "no title pattern has a (?P<campaign>...) group" in result.stderr
    assert f"{dossier}:1:1: CNR005 [info] no campaign found, so cross-dossier checks are off" in result.stdout
    assert "campaign: ..." in result.stdout


# -- messages in cnr-lint's words ----------------------------------------------------------------


@pytest.mark.parametrize("kind, params, expected", [
    ("agreement", "{scope: everywhere, figures: [region.meetings]}",
     "pack.yaml:6: rules.0.params.scope: must be one of 'region', 'department' (got 'everywhere')"),
    ("agreement", "{scope: region, figures: region.meetings}", "pack.yaml:6: rules.0.params.figures: must be a list"),
    ("limit", "{figure: department.meetings}", "pack.yaml:6: rules.0.params: give max, min, or both"),
    ("limit", "{figure: department.meetings, max: dix}", "pack.yaml:6: rules.0.params.max: must be a number"),
    ("limit", "{figure: department.meetings, maximum: 10}",
     "pack.yaml:6: rules.0.params.maximum: unknown key 'maximum' (did you mean \"max\"?)"),
    ("file-note", "{notes: [unreadabel]}", "rules.0.params.notes.0: must be one of 'unreadable'"),
])
def test_pack_errors_are_in_cnr_lints_words_with_the_params_path(tmp_path, kind, params, expected):
    result = lint("--rules", str(rule_pack(tmp_path, kind, params)), str(SEEDS))
    assert result.exit_code == 2 and expected in result.stderr, result.stderr
    assert "Input should" not in result.stderr and "Value error" not in result.stderr


def test_an_error_in_a_block_mapping_points_at_the_faulty_key_not_the_rule(tmp_path):
    pack = write(tmp_path, RULE.format(kind="limit", params="\n      figure: department.meetings\n      max: -x",
                                       message="{text}"))
    result = lint("--rules", str(pack), str(SEEDS))
    assert result.exit_code == 2 and "pack.yaml:8: rules.0.params.max: must be a number" in result.stderr


# -- the new kinds, and bounded-by row by row ----------------------------------------------------


def _findings(pack_text: str, dossiers: dict[str, str], tmp_path: Path) -> list:
    pack = write(tmp_path, pack_text)
    context = packtest.pack_context((str(pack),))
    selection = engine.Selection(rules=packtest.own_rules(context), fail_on=engine.Severity.INFO)
    loaded = [dossier_from_bytes(text.encode(), name, context) for name, text in dossiers.items()]
    return engine.check(loaded, set(dossiers), context, selection)


TABLE = """\
# CNR santé dans le Var : 1 an après

## Dans le Var

Ces discussions ont permis de faire émerger 8 projets concrets.

### Toulon : ouvrir un centre de soins.

PROJET RÉALISÉ

### Draguignan : une équipe mobile.

PROJET RÉALISÉ

## Le bilan par département

| Département | Projets | Projets réalisés |
|---|---|---|
| Var | 8 | 5 |
| Hautes-Alpes | 4 | 3 |
| Vaucluse | 6 | 7 |
"""


def test_bounded_by_compares_each_row_of_a_summary_table_with_the_same_row(tmp_path):
    pack = RULE.format(kind="bounded-by",
                       params="{pairs: [{part: department.projects.realised, whole: department.projects}]}",
                       message="{department}: {part_text} > {whole_text}")
    found = _findings(pack, {"var.md": TABLE}, tmp_path)
    # Only the Vaucluse row (7 realised of 6): the Var row's 5 is not compared with the
    # Hautes-Alpes row's 4 projects (nor the Hautes-Alpes row's 3 with anything but its own 4).
    assert [(f.location.span.line, f.message) for f in found] == [(21, "Vaucluse: 7 > 6")]


def test_limit_min_and_qualified_figures(tmp_path):
    pack = RULE.format(kind="limit", params="{figure: region.meetings, min: 10, max: 30}", message="{text} {direction}")
    dossiers = {f"{n}.md": f"# CNR santé dans le Var : 1 an après\n\n{text} réunions de concertation se sont tenues.\n"
                for n, text in enumerate(["5", "plus de 30", "près de 30", "31", "20", "plus de 40"])}
    found = sorted((f.location.path, f.message) for f in _findings(pack, dossiers, tmp_path))
    # "plus de 30" admits the 30 it rounds: it is not known to be above the maximum
    assert found == [("0.md", "5 réunions de concertation less"), ("3.md", "31 réunions de concertation more"),
                     ("5.md", "plus de 40 réunions de concertation more")]


def test_ratio_is_reported_only_when_every_value_it_allows_is_out_of_bounds(tmp_path):
    pack = RULE.format(kind="ratio", params="{numerator: region.projects.realised, denominator: region.projects.emerged, max: 1}",
                       message="{percent}")
    dossiers = {f"{n}.md": f"# CNR santé dans le Var : 1 an après\n\n{emerged} projets ont émergé. {realised} projets réalisés.\n"
                for n, (emerged, realised) in enumerate([("41", "42"), ("41", "41"), ("environ 40", "41")])}
    found = [(f.location.path, f.message) for f in _findings(pack, dossiers, tmp_path)]
    assert found == [("0.md", "102 %")]


def test_required_fires_on_department_dossiers_only(tmp_path):
    pack = RULE.format(kind="required", params="{figure: department.meetings}", message="{department}")
    dossiers = {
        "var.md": "# CNR santé dans le Var : 1 an après\n\n25 réunions de concertation se sont tenues.\n",
        "vaucluse.md": "# CNR santé dans le Vaucluse : 1 an après\n\n## Dans le Vaucluse\n\n"
                       "Dans le Vaucluse, 4 réunions se sont tenues.\n",
        "region.md": "# Bilan régional\n\n25 réunions de concertation se sont tenues.\n",
        "notes.md": "# Compte rendu\n\nRien à signaler.\n",
    }
    found = [(f.location.path, f.location.span.line, f.message) for f in _findings(pack, dossiers, tmp_path)]
    assert found == [("var.md", 1, "Var")]


def test_every_kind_documents_its_params_and_fields_in_explain_and_schema():
    schema = json.loads(invoke("schema").stdout)
    by_kind = {branch["if"]["properties"]["kind"]["const"]: branch["then"]["properties"]
               for branch in schema["$defs"]["Rule"]["allOf"]}
    for name in checks.KINDS:
        module = checks.kind(name)
        manual = invoke("explain", name)
        assert manual.exit_code == 0 and manual.stdout.startswith(f"{name} (a ")
        for field in module.Params.model_fields:
            assert f"  {field} (" in manual.stdout, (name, field)
            assert by_kind[name]["params"]["properties"][field].get("description"), (name, field)
        for field in module.FIELDS:
            assert f"{{{field}}}" in manual.stdout and f"{field}: " in by_kind[name]["message"]["description"]


# -- executable examples, annotations, own rules ---------------------------------------------------


def test_an_example_that_does_not_behave_as_it_says_fails_test_packs(tmp_path):
    pack = write(tmp_path, RULE.format(kind="limit", params="{figure: region.meetings, max: 30}", message="{text}") + """\
    example:
      bad: "# CNR santé dans le Var : 1 an après\\n\\n25 réunions de concertation se sont tenues.\\n"
      good: "# CNR santé dans le Var : 1 an après\\n\\n35 réunions de concertation se sont tenues.\\n"
""")
    result = invoke("test-packs", str(pack))
    assert result.exit_code == 1
    assert "example.bad gives no ARS101 finding" in result.stdout
    assert "example.good gives ARS101: 35 réunions de concertation" in result.stdout


def test_a_rule_without_example_fails_test_packs(tmp_path):
    result = invoke("test-packs", str(rule_pack(tmp_path, "weekday", "{}", "{text}")))
    assert result.exit_code == 1 and "ARS101" in result.stdout and "has no example" in result.stdout


def test_every_builtin_example_runs():
    result = invoke("test-packs", str(REPO / "rules" / "cnr-sante"))
    assert result.exit_code == 0, result.stdout
    assert f"{len(load_packs(()).rules)} of {len(load_packs(()).rules)} rule examples passed." in result.stdout


def test_malformed_annotations_fail_the_folder(tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    text = (SEEDS / "hautes-alpes.md").read_text(encoding="utf-8")
    for n, comment in enumerate(["<!-- ruleid CNR101 -->", "<!-- rule-id: CNR101 -->", "<!-- RuleID: CNR101 -->",
                                 "<!-- ok CNR101 -->", "<!-- ruleid: CNR101"]):
        (folder / f"d{n}.md").write_text(comment + "\n" + text, encoding="utf-8")
    context = Context(load_packs(()))
    result = packtest.run_fixture_folder(folder, context, engine.select_rules(context, Config()))
    assert not result.passed and len(result.errors) == 5, result.errors
    assert all(":1: " in error for error in result.errors)


def test_own_rules_leave_builtin_findings_unannotated(tmp_path):
    folder = tmp_path / "fixtures" / "case"
    folder.mkdir(parents=True)
    source = (VACCINATION / "fixtures" / "bretagne" / "finistere.md").read_text(encoding="utf-8")
    (folder / "finistere.md").write_text(source.replace("<!-- ruleid: VAC202 -->\n", "") +
                                         "\nLundi 4 septembre 2024, la campagne reprend.\n", encoding="utf-8")
    every = invoke("test-packs", str(VACCINATION), str(tmp_path / "fixtures"))
    assert every.exit_code == 1 and "unexpected: finistere.md:" in every.stdout and "CNR105" in every.stdout
    own = invoke("test-packs", "--own-rules", str(VACCINATION), str(tmp_path / "fixtures"))
    assert own.exit_code == 0, own.stdout


def test_an_unsafe_pattern_is_reported_on_its_own_line_in_a_list(tmp_path):
    pack = write(tmp_path, "profile:\n  name: mine\n  extends: cnr-sante\n  figures:\n    - name: region.meetings\n"
                           "      patterns:\n        - '{n} rencontres'\n        - '(a+)+ {n} x'\n")
    result = lint("--rules", str(pack), str(SEEDS))
    assert result.exit_code == 2
    assert "pack.yaml:8: profile.figures.0.patterns.1: pattern '(a+)+ {n} x'" in result.stderr, result.stderr


def test_a_list_gives_figures_only_for_the_statuses_it_counts(tmp_path):
    pack = write(tmp_path, """\
profile:
  name: mine
  extends: cnr-sante
  statuses:
    funded: ["FINANCÉ"]
rules:
  - code: ARS101
    name: my-rule
    severity: error
    kind: limit
    params: {figure: department.projects.funded, max: 3}
    summary: a rule of my own
    message: "{text}"
""")
    result = lint("--rules", str(pack), str(SEEDS))
    assert result.exit_code == 2 and "rules.0.params.figure: no figure 'department.projects.funded'" in result.stderr
