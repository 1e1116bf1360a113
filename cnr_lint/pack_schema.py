"""The schema of a rule pack file: pydantic models that validate it and describe it as JSON Schema.

Validation happens here, at the edge; the run works on the plain frozen dataclasses of
`cnr_lint.pack`, which mirror these models field for field (`to_runtime` converts). Keeping
pydantic out of the run's own types means a run whose validated packs come from the cache
never imports pydantic's model machinery (about 60 ms of a 250 ms pre-commit run).
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from cnr_lint import checks, pack
from cnr_lint.models import Severity
from cnr_lint.yamlfile import MAX_FILE_BYTES, ConfigError, LoadedYaml, load_yaml, nearest


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


_REGEX_CHARACTERS = re.compile(r"[{}()\[\]|\\*+?^$]")


def _plain_words(values: tuple[str, ...]) -> tuple[str, ...]:
    """Words, not patterns: a regular expression's characters are refused, so that nobody
    writes "projets?" believing it matches "projet"."""
    for value in values:
        if not value.strip():
            raise ValueError("a word may not be empty")
        if _REGEX_CHARACTERS.search(value):
            raise ValueError(
                f"{value!r} is written as words, not a regular expression (no {{}}()[]|\\*+?^$); "
                "list each variant, or write a pattern under `patterns`"
            )
    return values


class FigureWords(_Strict):
    """A figure declared by words, no regular expression: `{n} <noun> <predicate>` ("14 projets
    réalisés"), with any of the `between` words between them ("14 projets ont été réalisés"),
    the noun left out after a count of it ("41 projets, dont 14 réalisés"), or the words first
    and the value after them in a list item or a table row ("Projets réalisés : 14")."""

    nouns: tuple[str, ...] = Field(
        min_length=1, description='the nouns that name what is counted: "projets", "participants"'
    )
    predicates: tuple[str, ...] = Field(
        default=(), description='what qualifies it, right after the noun or the between words: "réalisés", "en cours"'
    )
    between: tuple[str, ...] = Field(
        default=(), description='words that may stand between the noun and the predicate: "ont", "été", "déjà"'
    )
    elision: bool = Field(
        default=True,
        description='whether the noun may be left out after a count of it ("41 projets, dont 14 réalisés"): '
        "true for the parts of a total, false for a total",
    )

    @field_validator("nouns", "predicates", "between")
    @classmethod
    def _words(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _plain_words(values)


class FigureSpec(_Strict):
    name: str = Field(pattern=r"^(region|department)(\.[a-z_]+)+$")
    unit: str
    patterns: tuple[str, ...] = ()
    section: Literal["region", "department", "any"] = "any"
    words: FigureWords | None = None

    @field_validator("patterns")
    @classmethod
    def _patterns(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _slot_patterns(values)

    @model_validator(mode="after")
    def _declared(self) -> FigureSpec:
        if not self.patterns and self.words is None:
            raise ValueError("a figure needs patterns, words, or both")
        return self


class Scopes(_Strict):
    """Words that tell, in a figure's sentence, whose figure it is. The nearest to the figure
    wins: before it in its sentence, or after it with no other number between. All-lowercase
    words match in any case; a word written with a capital ("La Région") only as written."""

    national: tuple[str, ...] = Field(default=(), description='the whole CNR santé: "au niveau national"')
    programme: tuple[str, ...] = Field(
        default=(), description='another programme or another body\'s money, never compared: "hors CNR"'
    )
    meeting: tuple[str, ...] = Field(default=(), description='a single meeting, never compared: "à chaque réunion"')
    region: tuple[str, ...] = Field(
        default=(), description='the region\'s own, nearer than another scope\'s word: "dans notre région"'
    )
    previous_campaign: tuple[str, ...] = Field(
        default=(), description='a figure of the campaign before, never compared with this one: "l\'an dernier"'
    )

    @field_validator("national", "programme", "meeting", "region", "previous_campaign")
    @classmethod
    def _words(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _plain_words(values)


class ListSpec(_Strict):
    name: str = Field(pattern=r"^(region|department)(\.[a-z_]+)+$")
    stated: tuple[str, ...] = ()
    items: Literal["list", "entries"]
    section: Literal["region", "department", "any"] = "any"
    words: FigureWords | None = Field(
        default=None, description='the stated count by words, value first: "Dix projets ont été retenus"'
    )

    @field_validator("stated")
    @classmethod
    def _stated(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _slot_patterns(values)

    @model_validator(mode="after")
    def _declared(self) -> ListSpec:
        if not self.stated and self.words is None:
            raise ValueError("a list needs its stated count as patterns (stated), words, or both")
        return self


class Tables(_Strict):
    department_column: tuple[str, ...] = ()
    total_row: tuple[str, ...] = ()
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
    status_labels: tuple[str, ...] = ()
    tables: Tables = Field(default_factory=Tables)
    scopes: Scopes = Field(default_factory=Scopes)

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


class PackFile(_Strict):
    profile: Profile | None = None
    rules: tuple[Rule, ...] = ()


def load_pack_file(path: Path, raw: bytes | None = None) -> PackFile:
    """A pack file validated, still as its schema models."""
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


def to_runtime(value: Any) -> Any:
    """A validated model as the run's plain dataclass of the same name (tuples and dicts through)."""
    if isinstance(value, BaseModel):
        runtime = getattr(pack, type(value).__name__)
        return runtime(**{name: to_runtime(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, tuple):
        return tuple(to_runtime(item) for item in value)
    if isinstance(value, dict):
        return {key: to_runtime(item) for key, item in value.items()}
    return value


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
