"""Rule packs: validation errors a pack author can act on, the schema, and the built-in pack."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from cnr_lint import checks
from cnr_lint.cli import main
from cnr_lint.pack import builtin_pack_dir, load_packs

SEEDS = str(Path(__file__).parents[1] / "fixtures" / "seeds")
RULE = """\
rules:
  - code: ARS101
    name: my-rule
    severity: error
    kind: {kind}
    params: {params}
    summary: a rule of my own
    message: "{message}"
"""


def write_pack(tmp_path: Path, kind="agreement", params="{scope: region, figures: [region.meetings]}",
               message="{text} here; {others}", text: str | None = None) -> Path:
    pack = tmp_path / "pack.yaml"
    pack.write_text(text if text is not None else RULE.format(kind=kind, params=params, message=message), encoding="utf-8")
    return pack


def lint_with(pack: Path):
    return CliRunner().invoke(main, ["--rules", str(pack), SEEDS])


def test_an_extra_pack_adds_its_rules(tmp_path):
    pack = write_pack(tmp_path)
    assert "ARS101" in CliRunner().invoke(main, ["rules", "--rules", str(pack)]).output
    assert lint_with(pack).exit_code == 1


def test_misspelt_kind_names_file_line_and_nearest_kind(tmp_path):
    pack = write_pack(tmp_path, kind="agreemnt")
    result = lint_with(pack)
    assert result.exit_code == 2
    assert f"{pack}:5: rules.0.kind: unknown check kind 'agreemnt' (did you mean \"agreement\"?)" in result.output
    assert "Traceback" not in result.output


def test_unknown_key_suggests_the_valid_one(tmp_path):
    pack = write_pack(tmp_path, text=RULE.format(kind="weekday", params="{}", message="x").replace("summary:", "sumary:"))
    result = lint_with(pack)
    assert result.exit_code == 2
    assert ":7: rules.0.sumary: unknown key 'sumary' (did you mean \"summary\"?)" in result.output


def test_wrong_type_of_param(tmp_path):
    result = lint_with(write_pack(tmp_path, params="{scope: everywhere, figures: [region.meetings]}"))
    assert result.exit_code == 2
    assert "pack.yaml:" in result.output and "scope" in result.output


def test_message_fields_are_the_kinds_own(tmp_path):
    result = lint_with(write_pack(tmp_path, message="{txt}"))
    assert result.exit_code == 2
    assert "message field {txt}" in result.output and 'did you mean "text"' in result.output
    result = lint_with(write_pack(tmp_path, message="{text.__class__}"))
    assert result.exit_code == 2


def test_duplicate_code_is_refused(tmp_path):
    text = RULE.format(kind="weekday", params="{}", message="x").replace("ARS101", "CNR105")
    result = lint_with(write_pack(tmp_path, text=text))
    assert result.exit_code == 2
    assert "duplicate rule code CNR105" in result.output


@pytest.mark.parametrize("pattern", [r"(a+)+$ {n} x", r"(\w|\w\w)* {n}", r"([a-z]*)* {n}"])
def test_catastrophic_patterns_are_refused_at_load(tmp_path, pattern):
    profile = yaml.safe_load((builtin_pack_dir() / "cnr-sante" / "profile.yaml").read_text(encoding="utf-8"))
    profile["profile"]["figures"][0]["patterns"] = [pattern]
    pack = tmp_path / "profile.yaml"
    pack.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    result = lint_with(pack)
    assert result.exit_code == 2
    assert "exponential time" in result.output and "profile.figures.0.patterns" in result.output


def test_invalid_regex_is_refused(tmp_path):
    profile = yaml.safe_load((builtin_pack_dir() / "cnr-sante" / "profile.yaml").read_text(encoding="utf-8"))
    profile["profile"]["status_line"] = "([A-Z"
    pack = tmp_path / "profile.yaml"
    pack.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    result = lint_with(pack)
    assert result.exit_code == 2
    assert "not a valid regular expression" in result.output


def test_schema_validates_the_builtin_pack_and_catches_bad_params():
    schema = json.loads(CliRunner().invoke(main, ["schema"]).output)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for name in ("rules.yaml", "profile.yaml"):
        document = yaml.safe_load((builtin_pack_dir() / "cnr-sante" / name).read_text(encoding="utf-8"))
        assert list(validator.iter_errors(document)) == []
    bad = {"rules": [{"code": "ARS001", "name": "x", "severity": "error", "kind": "list-count",
                      "summary": "s", "message": "m", "params": {"list": 5}}]}
    assert list(validator.iter_errors(bad))


def test_every_kind_is_used_by_the_builtin_pack_or_a_fixture_pack_and_documents_itself():
    fixture_packs = Path(__file__).parents[1] / "fixtures" / "packs"
    pack = load_packs((fixture_packs / "vaccination",))
    assert {rule.kind for rule in pack.rules} == set(checks.KINDS)
    for rule in load_packs().rules:
        assert rule.explain.strip() and rule.example is not None, rule.code
    for rule in pack.rules:
        assert rule.example is not None and checks.kind(rule.kind).__doc__, rule.kind


# -- the run's types against the schema ----------------------------------------------------------


def test_every_schema_model_has_a_runtime_dataclass_with_the_same_fields_and_defaults():
    """`pack_schema` validates, `pack` runs: the two must not drift apart."""
    import dataclasses

    from pydantic import BaseModel

    from cnr_lint import pack, pack_schema

    models = [m for m in vars(pack_schema).values()
              if isinstance(m, type) and issubclass(m, BaseModel) and m.__module__ == pack_schema.__name__
              and not m.__name__.startswith("_") and m.__name__ != "PackFile"]
    assert {m.__name__ for m in models} >= {"Profile", "Rule", "Qualifiers", "FigureSpec", "ListSpec"}
    for model in models:
        runtime = getattr(pack, model.__name__)
        runtime_fields = {f.name: f for f in dataclasses.fields(runtime)}
        assert set(runtime_fields) == set(model.model_fields), model.__name__
        for name, spec in model.model_fields.items():
            declared = runtime_fields[name]
            if spec.is_required():
                assert declared.default is dataclasses.MISSING and declared.default_factory is dataclasses.MISSING, name
                continue
            default = declared.default_factory() if declared.default_factory is not dataclasses.MISSING else declared.default
            expected = spec.default_factory() if spec.default_factory is not None else spec.default
            assert default == pack_schema.to_runtime(expected), f"{model.__name__}.{name}"


def test_a_loaded_pack_holds_no_pydantic_object():
    """What the cache keeps must decode without pydantic (a pre-commit run never imports it)."""
    import subprocess
    import sys

    from cnr_lint import codec

    blob = codec.dumps(load_packs())
    code = ("import sys; from cnr_lint import codec; pack = codec.loads(sys.stdin.buffer.read()); "
            "assert pack.rule('CNR201').severity.value == 'error'; "
            "print(sorted(m for m in sys.modules if m.startswith('pydantic')))")
    result = subprocess.run([sys.executable, "-c", code], input=blob, capture_output=True, check=True)
    assert result.stdout.decode().strip() == "[]"


def test_the_configuration_schema_fills_every_field_of_config_with_the_same_defaults():
    """`config._schema` validates, `config.Config` runs: the two must not drift apart."""
    import dataclasses

    from cnr_lint.config import Config, _schema

    runtime = {f.name: f for f in dataclasses.fields(Config) if f.name not in ("root", "source")}
    schema = _schema().model_fields
    assert set(runtime) == set(schema)
    defaults = Config()
    for name, spec in schema.items():
        assert getattr(defaults, name) == spec.get_default(call_default_factory=True), name


def _builtin_profile() -> dict:
    return yaml.safe_load((builtin_pack_dir() / "cnr-sante" / "profile.yaml").read_text(encoding="utf-8"))


def _write_profile(tmp_path, profile: dict):
    pack = tmp_path / "profile.yaml"
    pack.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    return pack


@pytest.mark.parametrize("word", ["projets?", "réalis(é|ée)s", "  "])
def test_figure_words_are_words_not_patterns(tmp_path, word):
    profile = _builtin_profile()
    profile["profile"]["figures"][3]["words"]["predicates"].append(word)
    result = lint_with(_write_profile(tmp_path, profile))
    assert result.exit_code == 2
    assert "profile.figures.3.words.predicates" in result.output
    assert "regular expression" in result.output or "empty" in result.output


def test_a_figure_needs_words_or_patterns(tmp_path):
    profile = _builtin_profile()
    del profile["profile"]["figures"][0]["words"]
    profile["profile"]["figures"][0].pop("patterns", None)  # the participants have both
    result = lint_with(_write_profile(tmp_path, profile))
    assert result.exit_code == 2 and "needs patterns, words, or both" in result.output


def test_an_officer_adds_a_synonym_without_a_regular_expression(tmp_path, monkeypatch):
    dossier = tmp_path / "var.md"
    dossier.write_text("# CNR santé dans le Var : 1 an après\n\nAu total, 14 projets ont été soldés.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    def names(*extra: str) -> list[str]:
        result = CliRunner().invoke(main, ["facts", "--format", "json", *extra, "var.md"])
        return [f["name"] for f in json.loads(result.stdout)[0]["figures"]]

    assert names() == []
    # As the README's "Adding a synonym" says: a pack of one's own that extends the built-in profile.
    pack = tmp_path / "my-agency.yaml"
    pack.write_text(
        "profile:\n  name: my-agency\n  extends: cnr-sante\n  figures:\n"
        "    - name: region.projects.realised\n      words:\n        nouns: [projets]\n        predicates: [soldés]\n",
        encoding="utf-8",
    )
    assert names("--rules", str(pack)) == ["region.projects.realised"]
