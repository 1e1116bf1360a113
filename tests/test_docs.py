"""The README's snippets work: every YAML, JSON and TOML block parses, and each snippet a test
can run is run against the seed dossiers (the commands, the CI jobs, the editor task)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import validate_sarif

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
SEEDS = REPO / "fixtures" / "seeds"
SEED_NAMES = ("bouches-du-rhone.txt", "hautes-alpes.md")
RUNS = "Where cnr-lint runs"
# the CI snippets' install line; tests/test_integration_snippets.py runs it
PIP_INSTALL = 'pip install "cnr-lint @ git+https://github.com/YOUR-ORG/cnr-lint@v0.1.0"'


@dataclass(frozen=True)
class Block:
    lang: str
    body: str
    line: int  # of the opening fence, 1-based
    section: str  # the enclosing `## ` heading
    subsection: str  # the enclosing `### ` heading, or ""


def fenced_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    section = subsection = ""
    fence: tuple[str, int] | None = None
    body: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if fence is None:
            if line.startswith("```"):
                fence, body = (line[3:].strip(), number), []
            elif line.startswith("## "):
                section, subsection = line[3:].strip(), ""
            elif line.startswith("### "):
                subsection = line[4:].strip()
        elif line.strip() == "```":
            blocks.append(Block(fence[0], "\n".join(body) + "\n", fence[1], section, subsection))
            fence = None
        else:
            body.append(line)
    assert fence is None, f"README.md: the code block opened on line {fence[1]} is never closed"
    return blocks


BLOCKS = fenced_blocks(README.read_text(encoding="utf-8"))


def blocks_of(lang: str, section: str | None = None, subsection: str | None = None) -> list[Block]:
    return [b for b in BLOCKS if b.lang == lang and section in (None, b.section)
            and subsection in (None, b.subsection)]


def only_block(lang: str, subsection: str, containing: str = "") -> Block:
    found = [b for b in blocks_of(lang, RUNS, subsection) if containing in b.body]
    assert len(found) == 1, f"expected one ```{lang} block with {containing!r} under '### {subsection}', got {len(found)}"
    return found[0]


def cnr_lint_argv(command: str) -> list[str]:
    """A `cnr-lint ...` shell line as an argument vector running this interpreter's cnr-lint."""
    words = shlex.split(command)
    assert words and words[0] == "cnr-lint", command
    return [sys.executable, "-m", "cnr_lint", *words[1:]]


def run_cnr_lint(command: str | list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    argv = cnr_lint_argv(command) if isinstance(command, str) else command
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(argv, cwd=cwd, env=environment, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def is_cnr_lint_command(line: str) -> bool:
    return line.strip().startswith("cnr-lint ")


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A checkout as the CI jobs see it: the seed dossiers under `dossiers/`."""
    (tmp_path / "dossiers").mkdir()
    for name in SEED_NAMES:
        shutil.copy(SEEDS / name, tmp_path / "dossiers" / name)
    return tmp_path


def seed_places() -> set[tuple[str, int, int]]:
    """Where the seeds' conflict lies, per the design: realised and in-progress figures, both files."""
    return {("dossiers/bouches-du-rhone.txt", 21, 85), ("dossiers/bouches-du-rhone.txt", 21, 156),
            ("dossiers/hautes-alpes.md", 21, 93), ("dossiers/hautes-alpes.md", 21, 164)}


# -- every block parses ---------------------------------------------------------------------------


def _parse(block: Block):
    if block.lang == "yaml":
        return yaml.safe_load(block.body)
    if block.lang == "json":
        return json.loads(block.body)
    return tomllib.loads(block.body)


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lang in ("yaml", "json", "toml")],
                         ids=lambda b: f"{b.lang}-line{b.line}")
def test_every_yaml_json_toml_block_parses(block):
    try:
        document = _parse(block)
    except Exception as error:  # noqa: BLE001 - any parser's error is the failure
        pytest.fail(f"README.md line {block.line}: the ```{block.lang} block does not parse: {error}")
    assert document is not None


def test_the_readme_has_the_snippets_this_module_checks():
    langs = {b.lang for b in BLOCKS}
    assert {"yaml", "json", "toml", "sh"} <= langs
    subsections = {b.subsection for b in BLOCKS if b.section == RUNS}
    assert {"pre-commit", "GitHub Actions", "GitLab CI", "Editors"} <= subsections


# -- the first commands and .ci/run -------------------------------------------------------------------


def test_readme_test_command_is_what_ci_runs():
    first, second = blocks_of("sh")[:2]
    ci = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert second.body.strip() in ci
    assert "pytest" in second.body
    # both start the same way: a fresh virtualenv, then pip from it
    assert first.body.startswith("python3 -m venv .venv && .venv/bin/pip install .")


def test_readme_first_command_reports_the_seeds_conflict(tmp_path):
    first = blocks_of("sh")[0].body.strip()
    lint = next(part.strip() for part in re.split(r"&&|;", first) if part.strip().startswith(".venv/bin/cnr-lint"))
    assert lint == ".venv/bin/cnr-lint fixtures/seeds"
    shutil.copytree(SEEDS, tmp_path / "fixtures" / "seeds")
    result = run_cnr_lint(lint.removeprefix(".venv/bin/"), tmp_path)
    assert result.returncode == 1, result.stderr  # the README says: exit code 1 (findings)
    assert "CNR201" in result.stdout


def test_readme_sample_output_is_real_output(tmp_path):
    sample = next(b for b in BLOCKS if b.lang == "" and b.body.startswith("$ cnr-lint "))
    command, *expected = sample.body.splitlines()
    shutil.copytree(SEEDS, tmp_path / "fixtures" / "seeds")
    result = run_cnr_lint(command.removeprefix("$ "), tmp_path)
    actual = result.stdout.splitlines()
    position = 0
    for line in expected:
        if line.strip() in ("...", "…"):
            continue
        assert line in actual[position:], f"README sample line not in the real output, in order: {line!r}"
        position = actual.index(line, position) + 1


# -- the other sections' snippets ---------------------------------------------------------------------


def test_configuration_toml_holds_only_known_keys():
    (block,) = blocks_of("toml", "Configuration")
    table = tomllib.loads(block.body)["tool"]["cnr-lint"]
    from cnr_lint.config import config_keys

    known = set(config_keys())
    assert set(table) <= known, set(table) - known


def test_rule_example_is_a_valid_pack(tmp_path):
    (block,) = [b for b in blocks_of("yaml", "Writing rules") if b.body.startswith("rules:")]
    pack = tmp_path / "pack.yaml"
    pack.write_text(block.body, encoding="utf-8")
    result = run_cnr_lint([sys.executable, "-m", "cnr_lint", "rules", "--rules", str(pack)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ARS101" in result.stdout


def test_baseline_commands(checkout):
    (block,) = [b for b in blocks_of("sh") if "--write-baseline" in b.body]
    commands = [line.split("#")[0].strip() for line in block.body.splitlines() if line.strip()]
    record, check = commands
    assert run_cnr_lint(record, checkout).returncode == 0
    assert (checkout / ".cnr-lint-baseline.json").is_file()
    result = run_cnr_lint(check, checkout)
    assert result.returncode == 0, result.stdout  # nothing new since the baseline


def test_facts_command(checkout):
    (block,) = [b for b in blocks_of("sh", "Seeing what cnr-lint understood: `facts`") if b.body.startswith("cnr-lint facts")]
    result = run_cnr_lint(block.body.strip(), checkout)
    assert result.returncode == 0, result.stderr
    (dossier,) = json.loads(result.stdout)
    assert dossier["department"] == "Hautes-Alpes"
    names = {figure["name"] for figure in dossier["figures"]}
    assert {"region.meetings", "region.projects.realised", "region.projects.in_progress"} <= names
    for figure in dossier["figures"]:
        assert {"name", "low", "high", "bounds", "unit", "qualifier", "as_of", "scope", "line", "column",
                "text"} <= set(figure)


# -- pre-commit -------------------------------------------------------------------------------------


def test_pre_commit_config_names_the_declared_hook():
    config = yaml.safe_load(only_block("yaml", "pre-commit", "repos:").body)
    (repo,) = config["repos"]
    assert repo["repo"] and repo["rev"]
    declared = {hook["id"] for hook in
                yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert [hook["id"] for hook in repo["hooks"]] == ["cnr-lint"]
    assert {hook["id"] for hook in repo["hooks"]} <= declared
    files = repo["hooks"][0].get("files")
    if files:
        assert re.search(files, "dossiers/var.md") and not re.search(files, "README.md")


# -- GitHub Actions -----------------------------------------------------------------------------------


def _workflow() -> dict:
    return yaml.safe_load(only_block("yaml", "GitHub Actions", "jobs:").body)


def _steps(workflow: dict) -> list[dict]:
    (job,) = workflow["jobs"].values()
    return job["steps"]


def test_github_workflow_shape():
    workflow = _workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers
    assert workflow["permissions"]["security-events"] == "write"
    steps = _steps(workflow)
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert any(step.get("run", "").strip() == PIP_INSTALL for step in steps)
    lint = next(step["run"] for step in steps if is_cnr_lint_command(step.get("run", "")))
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert steps.index(upload) > next(i for i, s in enumerate(steps) if s.get("run") == lint)
    assert upload["if"] == "always()"
    words = shlex.split(lint)
    assert words[words.index("--format") + 1] == "sarif"
    assert upload["with"]["sarif_file"] == words[words.index("--output") + 1]


def _validate_sarif(document: dict) -> None:
    assert document["version"] == "2.1.0"
    validate_sarif(document)


def test_github_workflow_lint_step_writes_valid_sarif(checkout):
    steps = _steps(_workflow())
    commands = [step["run"] for step in steps if is_cnr_lint_command(step.get("run", ""))]
    assert commands
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    for command in commands:
        result = run_cnr_lint(command, checkout)
        assert result.returncode == 1, result.stderr  # the seeds disagree: the step fails, the upload still runs
    document = json.loads((checkout / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    _validate_sarif(document)
    (run,) = document["runs"]
    places = set()
    for finding in run["results"]:
        assert finding["ruleId"] == "CNR201"
        location = finding["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")), "code scanning wants paths relative to the checkout"
        assert (checkout / uri).is_file()
        places.add((uri, location["region"]["startLine"], location["region"]["startColumn"]))
    assert places == seed_places()


def test_github_annotations_alternative(checkout):
    (block,) = [b for b in blocks_of("yaml", RUNS, "GitHub Actions") if "--format github" in b.body]
    steps = yaml.safe_load(block.body)
    (command,) = [step["run"] for step in steps if is_cnr_lint_command(step.get("run", ""))]
    result = run_cnr_lint(command, checkout)
    assert result.returncode == 1, result.stderr
    places = set()
    for line in result.stdout.splitlines():
        match = re.fullmatch(r"::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),[^:]*::(.+)", line)
        assert match, f"not a workflow command: {line!r}"
        assert (checkout / match[2]).is_file()
        places.add((match[2], int(match[3]), int(match[4])))
    assert places == seed_places()


# -- GitLab CI ----------------------------------------------------------------------------------------


def test_gitlab_job_writes_a_junit_report(checkout):
    config = yaml.safe_load(only_block("yaml", "GitLab CI").body)
    (job,) = [value for value in config.values() if isinstance(value, dict) and "script" in value]
    assert job["artifacts"]["when"] == "always"
    report = job["artifacts"]["reports"]["junit"]
    commands = [line for line in job["script"] if is_cnr_lint_command(line)]
    assert any(line.strip() == PIP_INSTALL for line in job["script"])
    assert len(commands) == 1
    words = shlex.split(commands[0])
    assert words[words.index("--format") + 1] == "junit" and words[words.index("--output") + 1] == report
    result = run_cnr_lint(commands[0], checkout)
    assert result.returncode == 1, result.stderr
    root = ET.parse(checkout / report).getroot()
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert set(cases) == {f"dossiers/{name}" for name in SEED_NAMES}
    for case in cases.values():
        failures = case.findall("failure")
        assert len(failures) == 2 and all(f.get("type") == "CNR201" for f in failures)


# -- VS Code ------------------------------------------------------------------------------------------


def _vscode_task() -> dict:
    tasks = json.loads(only_block("json", "Editors", '"problemMatcher"').body)
    (task,) = [t for t in tasks["tasks"] if t.get("problemMatcher")]
    return task


def python_regex(javascript: str) -> re.Pattern:
    """VS Code's patterns are JavaScript regular expressions; named groups are spelt differently."""
    return re.compile(re.sub(r"\(\?<(?![=!])", "(?P<", javascript))


def test_vscode_problem_matcher_captures_every_finding(checkout):
    (checkout / "dossiers" / "notes.md").write_text("# Notes\n\nRien à signaler.\n", encoding="utf-8")  # an info
    task = _vscode_task()
    matcher = task["problemMatcher"]
    pattern = matcher["pattern"]
    regexp = python_regex(pattern["regexp"])
    workspace = str(checkout)
    argv = [task["command"], *task.get("args", [])] if task.get("args") is not None else shlex.split(task["command"])
    argv = [word.replace("${workspaceFolder}", workspace) for word in argv]
    assert argv[:3] == ["cnr-lint", "--format", "text"]
    env = {key: value.replace("${workspaceFolder}", workspace)
           for key, value in task.get("options", {}).get("env", {}).items()}
    text = run_cnr_lint([sys.executable, "-m", "cnr_lint", *argv[1:]], checkout, env)
    assert text.returncode == 1, text.stderr
    assert "\x1b[" not in text.stdout
    as_json = run_cnr_lint([sys.executable, "-m", "cnr_lint", "--format", "json", *argv[3:]], checkout, env)
    expected = sorted((f["path"], f["line"], f["column"], f["rule"], f["severity"], f["message"])
                      for f in json.loads(as_json.stdout)["findings"])
    assert {e[4] for e in expected} == {"error", "info"}

    captured = []
    for line in text.stdout.splitlines():
        match = regexp.search(line)
        if match:
            captured.append((match[pattern["file"]], int(match[pattern["line"]]), int(match[pattern["column"]]),
                             match[pattern["code"]], match[pattern["severity"]], match[pattern["message"]]))
    assert sorted(captured) == expected  # every finding line, and nothing else (related places, summary)
    for path, *_ in captured:  # named from the working folder, as `fileLocation` reads them
        assert not Path(path).is_absolute() and (checkout / path).is_file()
    assert {severity for *_, severity, _ in captured} <= {"error", "warning", "info"}  # what VS Code expects
    if isinstance(matcher.get("fileLocation"), list):
        assert matcher["fileLocation"][0] in ("autoDetect", "absolute", "relative")


def test_vscode_problem_matcher_takes_the_pdf_for_the_file_of_a_pdf_finding():
    regexp = python_regex(_vscode_task()["problemMatcher"]["pattern"]["regexp"])
    campaign = REPO / "fixtures" / "documents" / "campaign" / "dossiers"
    text = subprocess.run([sys.executable, "-m", "cnr_lint", "--no-cache", "."], cwd=campaign,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=120).stdout
    pdf_lines = [line for line in text.splitlines() if line.startswith("var.pdf:p")]
    assert pdf_lines
    for line in pdf_lines:
        match = regexp.search(line)
        assert match and match[1] == "var.pdf", line
        assert re.match(rf"var\.pdf:p\d+:{match[2]}:{match[3]}: {match[4]} ", line), line
