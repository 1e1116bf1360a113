"""Rule packs: the profile (how dossiers state their figures) and the rules, validated from YAML.

A pack is a folder holding `profile.yaml` and/or `rules.yaml`, or one YAML file with a
`profile:` and/or `rules:` key. Nothing in a pack executes: patterns are regular expressions
checked for catastrophic backtracking before use, messages are templates whose fields are
plain names the check kind declares.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import string
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from cnr_lint import checks
from cnr_lint.models import Severity
from cnr_lint.yamlfile import MAX_FILE_BYTES, ConfigError, LoadedYaml, load_yaml, nearest

BUILTIN_PACK_NAME = "cnr-sante"


class _Strict(BaseModel):
    # defer_build: a run whose validated pack comes from the cache never builds the validators.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _check_pattern(value: str) -> str:
    from cnr_lint import patterns  # only when a pack is validated, not when it comes from the cache

    patterns.validate_user_pattern(value)
    return value


def _slot_patterns(values: tuple[str, ...]) -> tuple[str, ...]:
    """Patterns that must hold a {n} slot (figures, stated counts), each checked for safety."""
    for value in values:
        if "{n}" not in value:
            raise ValueError(f"pattern {value!r} has no {{n}} slot for the number")
        _check_pattern(value)
    return values


class Qualifier(_Strict):
    words: tuple[str, ...]
    share: float = Field(default=0.05, ge=0, le=1)


class Qualifiers(_Strict):
    approximately: Qualifier
    more_than: Qualifier
    less_than: Qualifier
    round_nouns: dict[str, tuple[int, int]] = {}

    @field_validator("round_nouns")
    @classmethod
    def _ordered(cls, nouns: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        for noun, (low, high) in nouns.items():
            if not 0 <= low <= high <= 10**15:
                raise ValueError(f"{noun}: the range [{low}, {high}] must satisfy 0 <= low <= high <= 10^15")
        return nouns


class FigureSpec(_Strict):
    name: str = Field(pattern=r"^(region|department)(\.[a-z_]+)+$")
    unit: str
    patterns: tuple[str, ...] = Field(min_length=1)
    section: Literal["region", "department", "any"] = "any"

    @field_validator("patterns")
    @classmethod
    def _patterns(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _slot_patterns(values)

    @property
    def scope(self) -> str:
        return self.name.split(".", 1)[0]


class ListSpec(_Strict):
    name: str = Field(pattern=r"^(region|department)(\.[a-z_]+)+$")
    stated: tuple[str, ...] = Field(min_length=1)
    items: Literal["list", "entries"]
    section: Literal["region", "department", "any"] = "any"

    @field_validator("stated")
    @classmethod
    def _stated(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _slot_patterns(values)


class Tables(_Strict):
    department_column: tuple[str, ...] = ()
    columns: dict[str, str] = {}


class Profile(_Strict):
    name: str
    description: str = ""
    title: tuple[str, ...] = ()
    department_section: tuple[str, ...] = ()
    section_end: tuple[str, ...] = ()
    launch: tuple[str, ...] = ()
    qualifiers: Qualifiers
    figures: tuple[FigureSpec, ...]
    lists: tuple[ListSpec, ...] = ()
    status_line: str
    statuses: dict[str, tuple[str, ...]]
    status_suffix: str | None = None
    tables: Tables = Field(default_factory=Tables)

    @field_validator("title", "department_section", "section_end", "launch")
    @classmethod
    def _patterns(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            _check_pattern(value)
        return values

    @field_validator("status_line", "status_suffix")
    @classmethod
    def _pattern(cls, value: str | None) -> str | None:
        if value is not None:
            _check_pattern(value)
        return value


class Example(_Strict):
    bad: str
    good: str


class Rule(_Strict):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9]{1,9}\d{3}$")
    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    severity: Severity
    kind: str
    summary: str
    message: str
    params: dict[str, Any] = {}
    explain: str = ""
    example: Example | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in checks.KINDS:
            raise ValueError(f"unknown check kind {kind!r}{nearest(kind, checks.KINDS)}")
        return kind

    @model_validator(mode="after")
    def _kind_accepts(self) -> Rule:
        kind = checks.kind(self.kind)
        kind.Params.model_validate(self.params)
        fields = set(kind.FIELDS)
        for _, field, spec, conversion in string.Formatter().parse(self.message):
            if field is None:
                continue
            if field not in fields:
                raise ValueError(
                    f"message field {{{field}}} is not one that kind {self.kind!r} gives{nearest(field, fields)}; "
                    f"it gives: {', '.join(sorted(fields))}"
                )
            if conversion or (spec and not re.fullmatch(r"[<>^]?\d{0,3}(?:\.\d)?[df]?", spec)):
                raise ValueError(f"message field {{{field}}} may only have a simple format, not {spec or conversion!r}")
        return self

    @cached_property
    def parsed_params(self) -> BaseModel:
        return checks.kind(self.kind).Params.model_validate(self.params)


class PackFile(_Strict):
    profile: Profile | None = None
    rules: tuple[Rule, ...] = ()


class Pack(BaseModel):
    """Every pack of a run merged: one profile, the union of the rules."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    profile: Profile
    rules: tuple[Rule, ...]
    digest: str

    def rule(self, code: str) -> Rule | None:
        return next((r for r in self.rules if r.code == code), None)


def builtin_pack_dir() -> Path:
    """The built-in pack: inside the wheel when installed, at the top of the source tree otherwise."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / BUILTIN_PACK_NAME).is_dir():
            return candidate
    raise ConfigError(str(here / "rules"), None, "the built-in rule pack is missing from this installation")


def reference_dir() -> Path:
    return builtin_pack_dir() / "reference"


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = [path / name for name in ("profile.yaml", "rules.yaml") if (path / name).is_file()]
        if not files:
            raise ConfigError(str(path), None, "is a folder with neither profile.yaml nor rules.yaml")
        return files
    if not path.exists():
        raise ConfigError(str(path), None, "no such rule pack")
    return [path]


def load_pack_file(path: Path, raw: bytes | None = None) -> PackFile:
    if raw is not None and len(raw) > MAX_FILE_BYTES:
        raise ConfigError(str(path), None, f"is {len(raw)} bytes; a rule pack is at most {MAX_FILE_BYTES}")
    try:
        text = raw.decode("utf-8-sig") if raw is not None else None
    except UnicodeDecodeError as error:
        raise ConfigError(str(path), raw.count(b"\n", 0, error.start) + 1, "is not UTF-8 text") from None
    loaded = load_yaml(path, text)
    if not isinstance(loaded.data, dict):
        raise ConfigError(str(path), 1, "a rule pack is a mapping with the keys profile and rules")
    try:
        return PackFile.model_validate(loaded.data)
    except ValidationError as error:
        raise _explain_validation(loaded, error) from None


def _explain_validation(loaded: LoadedYaml, error: ValidationError) -> ConfigError:
    # A misspelt key shows up as both "unknown key" and "missing key": name the misspelling.
    errors = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    location = tuple(first["loc"])
    key = ".".join(str(part) for part in location) or "(top)"
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        allowed = _allowed_keys(location[:-1])
        message = f"unknown key {location[-1]!r}{nearest(str(location[-1]), allowed)}"
    elif first["type"] == "missing":
        message = f"missing required key {location[-1]!r}"
    return ConfigError(loaded.path, loaded.line_of(location), f"{key}: {message}")


def _allowed_keys(location: tuple) -> list[str]:
    model: Any = PackFile
    for part in location:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", {})
        if part not in fields:
            return []
        annotation = fields[part].annotation
        model = _model_in(annotation)
        if model is None:
            return []
    return list(getattr(model, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def pack_files(extra: tuple[str | Path, ...] = ()) -> list[tuple[Path, bytes]]:
    """The files of the built-in pack, then of each extra pack, with their bytes."""
    paths = [builtin_pack_dir() / BUILTIN_PACK_NAME] + [Path(p) for p in extra]
    return [(file, _read_pack_bytes(file)) for pack_path in paths for file in _pack_files(pack_path)]


def _read_pack_bytes(file: Path) -> bytes:
    """A pack file's bytes: a regular file of bounded size (never a pipe or a device)."""
    try:
        status = os.stat(file)
        if not stat.S_ISREG(status.st_mode):
            raise ConfigError(str(file), None, "is not a regular file")
        if status.st_size > MAX_FILE_BYTES:
            raise ConfigError(str(file), None, f"is {status.st_size} bytes; a rule pack is at most {MAX_FILE_BYTES}")
        with open(file, "rb") as stream:
            return stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ConfigError(str(file), None, f"cannot be read: {error.strerror or error}") from None


def packs_digest(files: list[tuple[Path, bytes]]) -> str:
    digest = hashlib.sha256()
    for path, raw in files:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0" + raw + b"\0")
    return digest.hexdigest()[:16]


def load_packs(extra: tuple[str | Path, ...] = (), files: list[tuple[Path, bytes]] | None = None) -> Pack:
    """The built-in pack, then each extra pack: the last profile wins, rule codes must be unique."""
    files = pack_files(extra) if files is None else files
    profile: Profile | None = None
    rules: dict[str, Rule] = {}
    for file, raw in files:
        pack_file = load_pack_file(file, raw)
        if pack_file.profile is not None:
            profile = pack_file.profile
        for index, rule in enumerate(pack_file.rules):
            if rule.code in rules:
                line = load_yaml(file, raw.decode("utf-8-sig")).line_of(("rules", index, "code"))
                raise ConfigError(str(file), line, f"rules.{index}.code: duplicate rule code {rule.code}")
            rules[rule.code] = rule
    if profile is None:
        raise ConfigError(str(files[0][0]), None, "no pack declares a profile")
    return Pack(profile=profile, rules=tuple(rules.values()), digest=packs_digest(files))


def json_schema() -> dict:
    """The JSON Schema of a pack file, with each check kind's params tied to its `kind`."""
    schema = PackFile.model_json_schema()
    rule = schema["$defs"]["Rule"]
    rule["properties"]["kind"]["enum"] = sorted(checks.KINDS)
    rule["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            "then": {"properties": {"params": _inline(checks.kind(name).Params.model_json_schema())}},
        }
        for name in sorted(checks.KINDS)
    ]
    schema["title"] = "cnr-lint rule pack"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def _inline(schema: dict) -> dict:
    """A params schema with its own $defs resolved in place, so it can nest in the pack schema."""
    definitions = schema.pop("$defs", {})

    def resolve(node):
        if isinstance(node, dict):
            if "$ref" in node and node["$ref"].startswith("#/$defs/"):
                return resolve(dict(definitions[node["$ref"].rsplit("/", 1)[1]]))
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)
