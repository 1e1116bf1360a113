"""Configuration: `[tool.cnr-lint]` in pyproject.toml or `.cnr-lint.yaml`, found upward from a folder.

The command line overrides the file. Keys are written as in ruff: `select`, `ignore`,
`extend-select`, `per-file-ignores`, `severity`, `rules`, `corpus`, `fail-on`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cnr_lint.models import Severity
from cnr_lint.yamlfile import ConfigError, load_yaml, nearest

CONFIG_NAMES = (".cnr-lint.yaml", ".cnr-lint.yml", "pyproject.toml")


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = Field(default=(), alias="extend-select")
    per_file_ignores: dict[str, tuple[str, ...]] = Field(default={}, alias="per-file-ignores")
    severity: dict[str, Severity] = {}
    rules: tuple[str, ...] = ()
    corpus: tuple[str, ...] = ()
    fail_on: Literal["error", "warning", "info"] = Field(default="warning", alias="fail-on")
    root: Path = Field(default=Path("."), exclude=True)
    source: str | None = Field(default=None, exclude=True)


def find_config(start: Path) -> Path | None:
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "[tool.cnr-lint" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load_config(path: Path | None) -> Config:
    if path is None:
        # Defaults need no validation (and building the validator costs start-up time).
        return Config.model_construct()
    if path.name == "pyproject.toml":
        data, line_of = _toml_table(path)
    else:
        loaded = load_yaml(path)
        data = loaded.data if loaded.data is not None else {}
        line_of = loaded.line_of
    if not isinstance(data, dict):
        raise ConfigError(str(path), 1, "configuration must be a mapping of keys")
    if not data:
        return Config.model_construct(root=path.parent.resolve(), source=str(path))
    try:
        config = Config.model_validate(data)
    except ValidationError as error:
        first = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")[0]
        location = tuple(first["loc"])
        key = ".".join(str(p) for p in location)
        if first["type"] == "extra_forbidden":
            allowed = [f.alias or n for n, f in Config.model_fields.items() if n not in ("root", "source")]
            message = f"unknown key {location[-1]!r}{nearest(str(location[-1]), allowed)}"
        else:
            message = first["msg"]
        raise ConfigError(str(path), line_of(location), f"{key}: {message}") from None
    return config.model_copy(update={"root": path.parent.resolve(), "source": str(path)})


def _toml_table(path: Path):
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    text = path.read_text(encoding="utf-8")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), getattr(error, "lineno", None), f"is not valid TOML: {error}") from None
    table = document.get("tool", {}).get("cnr-lint", {})
    header = next((n + 1 for n, line in enumerate(text.splitlines()) if line.strip().startswith("[tool.cnr-lint")), None)

    def line_of(location):
        key = str(location[0]) if location else ""
        for number, line in enumerate(text.splitlines(), start=1):
            if header and number > header and line.strip().startswith((key + " ", key + "=", f'"{key}"')):
                return number
        return header

    return table, line_of
