"""The README's "Write your own rule, step by step" works as written: each file it shows is
written where its first comment says, each command is run in that order, and each output it
shows is what the command prints."""

from __future__ import annotations

import shutil
from pathlib import Path

from test_docs import SEEDS, blocks_of, run_cnr_lint

WALK_THROUGH = "Write your own rule, step by step"
BLOCKS = [b for b in blocks_of("yaml") + blocks_of("sh") + blocks_of("text") if b.subsection == WALK_THROUGH]
BLOCKS.sort(key=lambda b: b.line)


def _file_of(body: str) -> str:
    first = body.splitlines()[0]
    assert first.startswith("# "), f"a walk-through YAML block starts with '# its/file.yaml': {first!r}"
    return first[2:].strip()


def _shown(block) -> list[str]:
    return [line.strip() for line in block.body.splitlines() if line.strip()]


def test_the_walk_through_has_its_steps():
    kinds = [b.lang for b in BLOCKS]
    assert kinds.count("yaml") == 3 and kinds.count("sh") == 3 and kinds.count("text") == 3, kinds


def test_every_snippet_of_the_walk_through_runs_as_shown(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "fixtures" / "seeds")
    last = None
    for block in BLOCKS:
        if block.lang == "yaml":
            target = tmp_path / _file_of(block.body)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.body, encoding="utf-8")
            last = None
        elif block.lang == "sh":
            (command,) = _shown(block)
            last = run_cnr_lint(command, tmp_path)
            assert last.returncode in (0, 1) and "Traceback" not in last.stderr, (command, last.stderr)
        elif last is not None and "cnr-lint: error:" not in block.body:  # the output shown after a command
            printed = [" ".join(line.split()) for line in last.stdout.splitlines()]
            for line in _shown(block):
                assert " ".join(line.split()) in printed, (line, last.stdout)
    # step 4: the rule is listed, and the seeds still give their four findings, no more
    listed = run_cnr_lint("cnr-lint rules", tmp_path)
    assert "ARS301" in listed.stdout and "too-many-meetings" in listed.stdout
    seeds = run_cnr_lint("cnr-lint --no-cache fixtures/seeds", tmp_path)
    assert seeds.returncode == 1 and seeds.stdout.count(": CNR201 ") == 4 and "ARS301" not in seeds.stdout
    # step 6: with the profile, "12 rencontres se sont tenues" is read, and the rule fires on it
    dossier = tmp_path / "var.md"
    dossier.write_text("# CNR santé dans le Var : 1 an après\n\n## Dans le Var\n\n"
                       "Dans le Var, 12 rencontres se sont tenues.\n", encoding="utf-8")
    found = run_cnr_lint("cnr-lint --no-cache var.md", tmp_path)
    assert "var.md:5:" in found.stdout and "ARS301 [warning]" in found.stdout, found.stdout


def test_the_typing_error_of_step_5_gives_the_message_shown(tmp_path):
    (tmp_path / "fixtures").mkdir()
    shutil.copytree(SEEDS, tmp_path / "fixtures" / "seeds")
    yaml_blocks = [b for b in BLOCKS if b.lang == "yaml"]
    rules = next(b for b in yaml_blocks if _file_of(b.body) == "my-rules/rules.yaml")
    config = next(b for b in yaml_blocks if _file_of(b.body) == ".cnr-lint.yaml")
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "rules.yaml").write_text(
        rules.body.replace("figure: department.meetings", "figure: department.meeting"), encoding="utf-8")
    (tmp_path / ".cnr-lint.yaml").write_text(config.body, encoding="utf-8")
    shown = next(b for b in BLOCKS if b.lang == "text" and "did you mean" in b.body)
    expected = _shown(shown)[0].removeprefix("cnr-lint: error: ")
    run = run_cnr_lint("cnr-lint fixtures/seeds", tmp_path)
    assert run.returncode == 2
    message = run.stderr.strip().removeprefix("cnr-lint: error: ")
    assert message == expected, run.stderr  # the pack named from the working folder, as the README shows


def test_the_writing_rules_example_rule_passes_test_packs(tmp_path):
    (block,) = [b for b in blocks_of("yaml", "Writing rules") if b.body.startswith("rules:")]
    pack = tmp_path / "pack.yaml"
    pack.write_text(block.body, encoding="utf-8")
    result = run_cnr_lint(f"cnr-lint test-packs {pack}", tmp_path)
    assert result.returncode == 0 and "1 of 1 rule examples passed." in result.stdout, result.stdout + result.stderr
