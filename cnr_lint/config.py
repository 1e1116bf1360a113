"""Configuration: `[tool.cnr-lint]` in pyproject.toml or `.cnr-lint.yaml`, found upward from a folder.

The command line overrides the file. Keys are written as in ruff: `select`, `ignore`,
`extend-select`, `per-file-ignores`, `severity`, `rules`, `corpus`, `fail-on`, `profiles` (the
profile of the dossiers under path globs) and `assign` (the campaign, region or department of
the dossiers under path globs, for repositories organised by folder).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath

from cnr_lint.models import Severity
from cnr_lint.read import NotAFile, read_regular_file
from cnr_lint.yamlfile import MAX_FILE_BYTES, ConfigError, load_yaml, nearest, read_text_file, validation_message

CONFIG_NAMES = (".cnr-lint.yaml", ".cnr-lint.yml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    rules: tuple[str, ...] = ()
    corpus: tuple[str, ...] = ()
    fail_on: str = "warning"  # "error", "warning" or "info"
    profiles: dict[str, str] = field(default_factory=dict)  # path glob: the profile of those files
    # glob (relative to root) -> {"campaign" | "region" | "department": value}
    assign: dict[str, dict[str, str]] = field(default_factory=dict)
    root: Path = Path(".")  # the configuration file's folder
    source: str | None = None  # the configuration file


@lru_cache(maxsize=1)
def _schema():
    """The pydantic model that validates a configuration file's keys into a `Config`.

    Built only when a configuration has keys: pydantic's model machinery costs a pre-commit
    run more start-up time than the whole lint of one file.
    """
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field

    class ConfigFile(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

        select: tuple[str, ...] | None = None
        ignore: tuple[str, ...] = ()
        extend_select: tuple[str, ...] = Field(default=(), alias="extend-select")
        per_file_ignores: dict[str, tuple[str, ...]] = Field(default={}, alias="per-file-ignores")
        severity: dict[str, Severity] = {}
        rules: tuple[str, ...] = ()
        corpus: tuple[str, ...] = ()
        fail_on: Literal["error", "warning", "info"] = Field(default="warning", alias="fail-on")
        profiles: dict[str, str] = {}
        assign: dict[str, dict[Literal["campaign", "region", "department"], str]] = {}

    return ConfigFile


def config_keys() -> list[str]:
    """The keys a configuration file may hold, as written there."""
    return [field.alias or name for name, field in _schema().model_fields.items()]


def find_config(start: Path) -> Path | None:
    """The nearest folder's configuration, upward from `start`; in one folder, the first of
    CONFIG_NAMES that configures cnr-lint (the others are `shadowed`)."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            if _configures(folder / name):
                return folder / name
    return None


def shadowed(chosen: Path) -> list[Path]:
    """The other files of the chosen configuration's folder that configure cnr-lint, unread."""
    return [chosen.parent / name for name in CONFIG_NAMES if name != chosen.name and _configures(chosen.parent / name)]


def _configures(candidate: Path) -> bool:
    return candidate.is_file() and (candidate.name != "pyproject.toml" or _has_tool_table(candidate))


def _has_tool_table(path: Path) -> bool:
    # decoded leniently: a table in a file that is not UTF-8 is found, then refused with its line
    try:
        return "[tool.cnr-lint" in read_regular_file(path, MAX_FILE_BYTES, "a configuration file").decode("utf-8", "replace")
    except (OSError, NotAFile):
        return False


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    if path.suffix == ".toml":  # pyproject.toml, or another TOML file with a [tool.cnr-lint] table
        data, line_of = _toml_table(path)
    else:
        loaded = load_yaml(path)
        data = loaded.data if loaded.data is not None else {}
        line_of = loaded.line_of
    if not isinstance(data, dict):
        raise ConfigError(str(path), 1, "configuration must be a mapping of keys")
    found = Config(root=path.parent.resolve(), source=str(path))
    if not data:
        return found
    from pydantic import ValidationError

    try:
        validated = _schema().model_validate(data)
    except ValidationError as error:
        first = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")[0]
        location = tuple(first["loc"])
        key = ".".join(str(p) for p in location)
        if first["type"] == "extra_forbidden":
            message = f"unknown key {location[-1]!r}{nearest(str(location[-1]), config_keys())}"
        else:
            message = validation_message(first)
        raise ConfigError(str(path), line_of(location), f"{key}: {message}") from None
    for index, pattern in enumerate(validated.corpus):
        refusal = _corpus_refusal(pattern)
        if refusal:
            raise ConfigError(str(path), line_of(("corpus", index)), f"corpus[{index}]: {pattern!r} {refusal}")
    return replace(found, **{name: getattr(validated, name) for name in type(validated).model_fields})


def value_line(config: Config, location: tuple[str, ...]) -> int | None:
    """The line of the configuration file where the value at `location` (keys) is given, for a
    value checked after the file was read."""
    if config.source is None:
        return None
    path = Path(config.source)
    if path.suffix == ".toml":
        text = read_text_file(path)
        return next(filter(None, (_first_line(text, key) for key in reversed(location))), None)
    return load_yaml(path).line_of(location)


def _corpus_refusal(pattern: str) -> str | None:
    """Why a `corpus` glob cannot be used, if it cannot: globs name files of the repository only."""
    if not pattern.strip():
        return "is empty; a glob names files, such as \"dossiers/**/*.md\""
    if PurePosixPath(pattern).is_absolute() or PureWindowsPath(pattern).is_absolute() or PureWindowsPath(pattern).drive:
        return "is absolute; corpus globs are relative to the configuration's folder"
    if ".." in PureWindowsPath(pattern).parts:
        return "leaves the configuration's folder (..); corpus globs stay inside it"
    return None


def _toml_table(path: Path):
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    text = read_text_file(path)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), getattr(error, "lineno", None), f"is not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(str(path), None, "is not valid TOML: nested too deeply") from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(str(path), _first_line(text, "tool"), "tool: must be a table ([tool.cnr-lint])")
    table = tool.get("cnr-lint", {})
    if not isinstance(table, dict):
        raise ConfigError(str(path), _first_line(text, "cnr-lint") or _first_line(text, "tool"),
                          "tool.cnr-lint: must be a table ([tool.cnr-lint])")
    header = next((n + 1 for n, line in enumerate(text.splitlines()) if line.strip().startswith("[tool.cnr-lint")), None)

    def line_of(location):
        key = str(location[0]) if location else ""
        for number, line in enumerate(text.splitlines(), start=1):
            if header and number > header and line.strip().startswith((key + " ", key + "=", f'"{key}"')):
                return number
        return header

    return table, line_of


def _first_line(text: str, key: str) -> int | None:
    """The line where `key` is first given a value (`key = ...`, `"key" = ...`, `tool.key = ...`)."""
    assignment = re.compile(rf'^\s*(?:[\w"-]+\.)*"?{re.escape(key)}"?\s*=')
    return next((n for n, line in enumerate(text.splitlines(), start=1) if assignment.match(line)), None)
