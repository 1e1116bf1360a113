"""cnr-lint's YAML limits and messages are its own, whatever the PyYAML release (issue 9, item 1).

PyYAML 6.0.4's libyaml refuses nesting past 1,000 levels with a message of its own, found while
its scanner looks ahead, before cnr-lint's event scan (100 levels) sees the collections. The
tests run with the C loader when PyYAML has one, and with the pure-Python loader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cnr_lint import yamlfile
from cnr_lint.yamlfile import MAX_DEPTH, ConfigError, load_yaml

REPO = Path(__file__).resolve().parents[1]
LOADERS = [pytest.param(yamlfile._NestingLoader, id="python")]
if hasattr(yaml, "CSafeLoader"):
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=LOADERS)
def loader(request, monkeypatch):
    monkeypatch.setattr(yamlfile, "_Loader", request.param)
    return request.param


def _refusal(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_yaml("deep.yaml", text)
    return caught.value


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 999, 1000, 1001, 50_000])
@pytest.mark.parametrize("bracket", ["[]", "{}"])
def test_flow_nesting_past_the_limit_is_refused_in_cnr_lints_words(loader, depth, bracket):
    opening, closing = bracket
    inner = "a: 1" if opening == "{" else "1"
    error = _refusal("rules:\n  - " + opening * depth + inner + closing * depth + "\n")
    assert str(error) == f"deep.yaml:2: is nested too deeply (more than {MAX_DEPTH} levels)"


def test_block_nesting_past_the_limit_is_refused_in_cnr_lints_words(loader):
    text = "".join("  " * level + f"k{level}:\n" for level in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "v\n"
    error = _refusal(text)
    assert error.detail == f"is nested too deeply (more than {MAX_DEPTH} levels)"
    assert error.line == MAX_DEPTH + 1


def test_nesting_up_to_the_limit_loads(loader):
    depth = MAX_DEPTH - 1  # the top mapping is one level
    loaded = load_yaml("ok.yaml", "key: " + "[" * depth + "1" + "]" * depth + "\n")
    value = loaded.data["key"]
    for _ in range(depth - 1):
        value = value[0]
    assert value == [1]


def test_other_syntax_errors_keep_their_line_with_either_loader(loader):
    error = _refusal("rules:\n  - code: CNR1\n    name: [unclosed\n")
    assert error.path == "deep.yaml" and error.line == 4 and error.detail.startswith("is not valid YAML: ")


def test_the_lowest_supported_releases_are_pyprojects_lower_bounds():
    """.ci/run installs .ci/lowest.txt in a second venv: it must pin exactly the declared bounds."""
    from packaging.version import Version

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    bounds = {}
    for requirement in declared:
        name, version, marker = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)(?:,<\d+)?(;.*)?", requirement).groups()
        bounds[name.lower()] = (Version(version), (marker or "").strip("; "))
    pinned = {}
    for line in (REPO / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version, marker = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9.]+)(;.*)?", line).groups()
            pinned[name.lower()] = (Version(version), (marker or "").strip("; "))
    assert pinned == bounds
    assert "lowest.txt" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
