"""The editor set-ups of editors/ (and the README, which shows them): each valid for its editor and
starting the server that `cnr-lint server` really is."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
EDITORS = REPO / "editors"
SET_UPS = ("vscode/extension.js", "neovim/cnr_lint.lua", "helix/languages.toml", "emacs/cnr-lint.el")


@pytest.mark.parametrize("name", SET_UPS)
def test_the_readme_shows_each_set_up_as_it_is_in_editors(name):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert (EDITORS / name).read_text(encoding="utf-8").strip() in readme


def test_vscode_extension_manifest_starts_cnr_lint_server_on_dossiers():
    manifest = json.loads((EDITORS / "vscode" / "package.json").read_text(encoding="utf-8"))
    assert (EDITORS / "vscode" / manifest["main"]).is_file()
    assert manifest["contributes"]["configuration"]["properties"]["cnr-lint.command"]["default"] == ["cnr-lint", "server"]
    assert {"onLanguage:markdown", "onLanguage:plaintext"} <= set(manifest["activationEvents"])
    assert "vscode-languageclient" in manifest["dependencies"]


def test_vscode_extension_is_valid_javascript():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: cannot check editors/vscode/extension.js")
    subprocess.run([node, "--check", str(EDITORS / "vscode" / "extension.js")], check=True)


def test_helix_configuration_is_valid_toml_naming_the_server():
    config = tomllib.loads((EDITORS / "helix" / "languages.toml").read_text(encoding="utf-8"))
    server = config["language-server"]["cnr-lint"]
    assert [server["command"], *server["args"]] == ["cnr-lint", "server"]
    assert any("cnr-lint" in language["language-servers"] for language in config["language"])


def test_neovim_and_emacs_snippets_start_the_server():
    assert 'cmd = { "cnr-lint", "server" }' in (EDITORS / "neovim" / "cnr_lint.lua").read_text(encoding="utf-8")
    emacs = (EDITORS / "emacs" / "cnr-lint.el").read_text(encoding="utf-8")
    assert '("cnr-lint" "server")' in emacs
    code = "".join(line.split(";", 1)[0] for line in emacs.splitlines())
    depth = 0
    for character in code:
        depth += {"(": 1, ")": -1}.get(character, 0)
        assert depth >= 0
    assert depth == 0


def test_the_command_the_editors_run_exists():
    completed = subprocess.run([sys.executable, "-m", "cnr_lint", "server", "--help"], capture_output=True, text=True, check=True)
    assert "language server" in completed.stdout


def test_the_readme_python_api_example_runs_as_written(tmp_path, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("## The Python API", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(REPO)
    printed = []
    exec(compile(example, "README.md", "exec"), {"print": lambda *args: printed.append(args)})
    codes = [args[2] for args in printed if len(args) == 4]
    assert codes == ["CNR201"] * 4
    assert printed[-1][0] == "Hautes-Alpes"
