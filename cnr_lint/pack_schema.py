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
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from cnr_lint import checks, pack
from cnr_lint.checks.common import COUNTED_STATUSES, NameOf
from cnr_lint.models import Severity
from cnr_lint.parse import FRONT_MATTER_KEYS
from cnr_lint.yamlfile import MAX_FILE_BYTES, ConfigError, LoadedYaml, load_yaml, nearest, validation_message

# The named groups cnr-lint reads in each kind of profile pattern; those marked required must be there.
PATTERN_GROUPS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "title": (frozenset({"department", "campaign"}), frozenset()),
    "department_section": (frozenset({"department"}), frozenset({"department"})),
    "section_end": (frozenset(), frozenset()),
    "launch": (frozenset(), frozenset()),
    "status_line": (frozenset(), frozenset()),
    "status_suffix": (frozenset({"status"}), frozenset({"status"})),
    "figures": (frozenset({"department"}), frozenset()),
    "lists": (frozenset(), frozenset()),
}


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
    words: tuple[str, ...] = Field(default=(), description="the words, e.g. \"près de\"")
    share: float = Field(default=0.05, ge=0, le=1, description="the tolerance, a share of the value (approximately)")


class Qualifiers(_Strict):
    approximately: Qualifier = Field(default_factory=Qualifier, description="[v - t, v + t], t = share x v")
    nearly: Qualifier = Field(default_factory=Qualifier, description="[v - t, v], t = share x v: a little under v")
    more_than: Qualifier = Field(default_factory=Qualifier, description="[v, v + one unit of the last digit)")
    less_than: Qualifier = Field(default_factory=Qualifier, description="(v - one unit of the last digit, v]")
    round_nouns: dict[str, tuple[int, int]] = Field(
        default={}, description="\"une cinquantaine\": each noun and the range [low, high] it stands for")

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
    unit: str = Field(default="", description="what the figure counts (e.g. meetings, EUR)")
    patterns: tuple[str, ...] = Field(default=(), description="regular expressions with a {n} slot, for what words cannot say")
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
    body: tuple[str, ...] = Field(
        default=(), description='another body, whose figure it is before it or after it in its clause, never compared: '
        '"le conseil départemental"'
    )
    meeting: tuple[str, ...] = Field(default=(), description='a single meeting, never compared: "à chaque réunion"')
    average: tuple[str, ...] = Field(
        default=(), description='an average over the projects or meetings, never a total, never compared: "en moyenne"')
    region: tuple[str, ...] = Field(
        default=(), description='the region\'s own, nearer than another scope\'s word: "dans notre région"'
    )
    whole_region: tuple[str, ...] = Field(
        default=(), description='the whole region, named in a department\'s part (no department named in the sentence): '
        'the figure is the region\'s: "dans toute la région"'
    )
    department: tuple[str, ...] = Field(
        default=(), description='the department\'s whose part or dossier it is, not the region\'s: "bilan départemental"'
    )
    previous_campaign: tuple[str, ...] = Field(
        default=(), description='a figure of the campaign before, never compared with this one: "l\'an dernier"'
    )
    department_people: tuple[str, ...] = Field(
        default=(), description='the adjectives of the departments\' people, which may qualify the noun of any department '
        'figure declared by words: "5 projets drômois réalisés", "10 projets vauclusiens sont suivis"'
    )

    @field_validator("national", "programme", "body", "meeting", "average", "region", "whole_region", "department",
                     "previous_campaign", "department_people")
    @classmethod
    def _words(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _plain_words(values)


class StatusSpec(_Strict):
    """The words that carry one status value, each in any gender, number, case and accents."""

    words: tuple[str, ...] = Field(
        default=(), description='words or short phrases that say it: "livré", "c\'est fait", "à l\'étude"; or a mark '
        'alone: "✅"')
    en: tuple[str, ...] = Field(
        default=(), description='nouns that say it after "en": "chantier" for "en chantier", "service" for "en service"')

    @model_validator(mode="before")
    @classmethod
    def _phrases(cls, value: Any) -> Any:
        # A pack written before statuses were read by meaning lists its phrases: they are its words.
        return {"words": value} if isinstance(value, (list, tuple)) else value

    @field_validator("words", "en")
    @classmethod
    def _not_empty(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        if any(not value.strip() for value in values):
            raise ValueError("a word may not be empty")
        return values


class StatusWords(_Strict):
    """The words that may stand around a status, read with its words."""

    neutral: tuple[str, ...] = Field(
        default=(), description='words that leave its meaning as it is: "projet", "c\'est", "mis", "déjà"')
    changing: tuple[str, ...] = Field(
        default=(), description='words that make it partial, future or negated, so no status: "partie", "bientôt", '
        '"pas", "prévu"')
    object: tuple[str, ...] = Field(
        default=(), description='words after which the phrase names what the status is about: "de" in "en cours de '
        'mise en œuvre" (under way, not also done)')
    place: tuple[str, ...] = Field(
        default=(), description='words after a status that say where or since when, whatever words follow them up to '
        'the next punctuation (unless one changes it): "dans" in "en cours dans les écoles du bassin", "depuis" '
        'in "opérationnel depuis mai"')

    @field_validator("neutral", "changing", "object", "place")
    @classmethod
    def _words(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _plain_words(values)


class ListSpec(_Strict):
    name: str = Field(pattern=r"^(region|department)(\.[a-z_]+)+$")
    stated: tuple[str, ...] = Field(default=(), description="regular expressions of the stated count, with a {n} slot")
    items: Literal["list", "entries"] = Field(
        default="list", description="list: the items of a list that follows; entries: titled entries with a status each")
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


class ListCounts(_Strict):
    """How a writer announces a list's count around the noun of its `words`, the list below it."""

    after_noun: tuple[str, ...] = Field(
        default=(), description='words between the noun (and a few words qualifying it) and its count: "sont au nombre '
        'de" in "Les priorités retenues sont au nombre de trois :", "sont" in "Les défis identifiés sont quatre :"')
    after_count: tuple[str, ...] = Field(
        default=(), description='words that may follow such a count: "suivantes" in "Les priorités sont les trois '
        'suivantes :"')
    before_noun: tuple[str, ...] = Field(
        default=(), description='words before a count whose noun follows after a comma: "au nombre de" in "Au nombre '
        'de trois, les priorités retenues sont :"')

    @field_validator("after_noun", "after_count", "before_noun")
    @classmethod
    def _words(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _plain_words(values)


class RegionalPart(_Strict):
    """How the sentence right under a summary table says its Total row (or the region's row)
    counts the region's own part besides the rows above: "La ligne régionale inclut trois projets
    à portée régionale, dont un réalisé"."""

    verbs: tuple[str, ...] = Field(default=(), description='verbs saying the row holds that part: "inclut", "comprend" '
                                   '(not after "ne": "les totaux ne comprennent pas…" says the opposite)')
    words: tuple[str, ...] = Field(default=(), description='words naming the part, after the verb: "à portée régionale"')

    @field_validator("verbs", "words")
    @classmethod
    def _words(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _plain_words(values)


class Tables(_Strict):
    department_column: tuple[str, ...] = ()
    total_row: tuple[str, ...] = ()
    columns: dict[str, str] = {}
    region_figures: dict[str, str] = Field(
        default={}, description="for a column's figure (department.meetings), the region's figure (region.meetings) "
        "its cell in a Total row states when the rows are all the region's departments")
    regional_part: RegionalPart = Field(default_factory=RegionalPart)


class Profile(_Strict):
    name: str
    extends: str | None = Field(
        default=None,
        description="another profile (e.g. cnr-sante) this one adds to: figures and lists of the same name get "
        "these patterns too, statuses and qualifiers these words too; other values given here replace its own")
    description: str = ""
    title: tuple[str, ...] = ()
    department_section: tuple[str, ...] = ()
    section_end: tuple[str, ...] = ()
    launch: tuple[str, ...] = ()
    launched: str | None = Field(
        default=None, pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="YYYY-MM-DD: when the programme the dossiers report on started, for a dossier that does not "
        "say it: a dossier published two years later is of the \"2 ans après\" campaign")
    qualifiers: Qualifiers = Field(default_factory=Qualifiers)
    figures: tuple[FigureSpec, ...] = ()
    lists: tuple[ListSpec, ...] = ()
    list_counts: ListCounts = Field(
        default_factory=ListCounts, description="how a list's count stands after its noun, or before it after a comma")
    status_line: str | None = None
    statuses: dict[str, StatusSpec] = Field(
        default={}, description="each status value (realised, in_progress) and the words that say it; a list of "
        "phrases, as packs wrote it before, is its words")
    status_words: StatusWords = Field(default_factory=StatusWords)
    status_suffix: str | None = None
    status_labels: tuple[str, ...] = ()
    front_matter: dict[Literal[FRONT_MATTER_KEYS], tuple[str, ...]] = Field(
        default={}, description="each front-matter key cnr-lint reads (published, region, department, campaign, "
        "as_of) and the words dossiers write for it, in any case and accents (\"publié\", \"région\")")
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
    bad: str | tuple[str, ...] = Field(
        description="a dossier (or a list of dossiers, for a cross-dossier rule) the rule must report; "
        "`cnr-lint test-packs` runs it")
    good: str | tuple[str, ...] = Field(description="a dossier (or a list of dossiers) the rule must not report")
    encoding: Literal["utf-8", "cp1252"] = Field(default="utf-8", description="how the example files are saved")


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



class PackFile(_Strict):
    profile: Profile | None = None
    rules: tuple[Rule, ...] = ()


def load_pack_file(path: Path, raw: bytes | None = None) -> tuple[PackFile, LoadedYaml]:
    """A pack file validated, still as its schema models; and its YAML, for the lines of later messages."""
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
        pack_file = PackFile.model_validate(loaded.data)
    except ValidationError as error:
        raise _explain_validation(loaded, error, PackFile) from None
    for index, rule in enumerate(pack_file.rules):
        _check_rule(rule, ("rules", index), loaded)
    if pack_file.profile is not None:
        _check_groups(pack_file.profile, loaded)
    return pack_file, loaded


def _check_rule(rule: Rule, location: tuple, loaded: LoadedYaml) -> None:
    """The params against the kind's own model, the message's fields against those the kind gives."""
    kind = checks.kind(rule.kind)
    try:
        kind.Params.model_validate(rule.params)
    except ValidationError as error:
        raise _explain_validation(loaded, error, kind.Params, (*location, "params")) from None
    fields = set(kind.FIELDS)
    for _, field, spec, conversion in string.Formatter().parse(rule.message):
        if field is None:
            continue
        where = (*location, "message")
        if field not in fields:
            raise error_at(loaded, where, f"message field {{{field}}} is not one that kind {rule.kind!r} gives"
                           f"{nearest(field, fields)}; it gives: {', '.join(sorted(fields))}")
        if conversion or (spec and not re.fullmatch(r"[<>^]?\d{0,3}(?:\.\d)?[df]?", spec)):
            raise error_at(loaded, where,
                           f"message field {{{field}}} may only have a simple format, not {spec or conversion!r}")


def _check_groups(profile: Profile, loaded: LoadedYaml) -> None:
    """Every named group of a pattern is one cnr-lint reads there; the ones it needs are there."""
    for key, (allowed, required) in PATTERN_GROUPS.items():
        for location, pattern in _patterns_of(profile, key):
            groups = set(re.compile(pattern.replace("{n}", "(?:0)").replace("{date}", "(?:0)")).groupindex)
            for group in sorted(groups - allowed):
                uses = f"here it reads {', '.join(sorted(allowed))}" if allowed else "it reads none here"
                raise error_at(loaded, ("profile", *location),
                               f"the group (?P<{group}>...) is not one cnr-lint reads{nearest(group, allowed)}; {uses}")
            if key == "figures" and "department" in groups and not profile.figures[location[1]].name.startswith("department."):
                raise error_at(loaded, ("profile", *location),
                               "a (?P<department>...) group gives the figure to that department: only a department "
                               "figure (department.…) may have one")
            for group in sorted(required - groups):
                raise error_at(loaded, ("profile", *location),
                               f"the pattern needs a (?P<{group}>...) group: cnr-lint reads the {group} from it")


def _patterns_of(profile: Profile, key: str):
    """(location in the profile, pattern) of each pattern of one kind."""
    if key in ("figures", "lists"):
        slot_key = "patterns" if key == "figures" else "stated"
        for index, spec in enumerate(getattr(profile, key)):
            for number, pattern in enumerate(getattr(spec, slot_key)):
                yield (key, index, slot_key, number), pattern
        return
    value = getattr(profile, key)
    if isinstance(value, str):
        yield (key,), value
    elif value:
        for number, pattern in enumerate(value):
            yield (key, number), pattern


def error_at(loaded: LoadedYaml, location: tuple, message: str) -> ConfigError:
    """An error about the value at `location`, on that value's own line, named by its key path."""
    key = ".".join(str(part) for part in location) or "(top)"
    return ConfigError(loaded.path, loaded.line_of(location), f"{key}: {message}")


def _explain_validation(loaded: LoadedYaml, error: ValidationError, model: Any, prefix: tuple = ()) -> ConfigError:
    # A misspelt key shows up as both "unknown key" and "missing key": name the misspelling.
    errors = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    inner = tuple(first["loc"])
    if first["type"] == "extra_forbidden":
        allowed = _allowed_keys(model, inner[:-1])
        message = f"unknown key {inner[-1]!r}{nearest(str(inner[-1]), allowed)}"
    elif first["type"] == "missing":
        message = f"missing required key {inner[-1]!r}"
    else:
        message = validation_message(first)
        # A list checked as a whole (patterns) names its faulty item: point at that item's own line.
        items = first.get("input")
        if isinstance(items, (list, tuple)):
            inner += next(((index,) for index, item in enumerate(items)
                           if isinstance(item, str) and repr(item) in message), ())
    return error_at(loaded, prefix + inner, message)


def _allowed_keys(model: Any, location: tuple) -> list[str]:
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


def extend(parent: Any, child: Any) -> Any:
    """The child profile over its parent: the keys the child gives add to the parent's or replace them.

    Lists of words or patterns get the child's added; figures and lists of the same name are
    extended the same way; mappings (statuses, table columns) key by key; any other value given
    replaces the parent's. Nothing the parent states is lost, so its rules' names stay valid.
    """
    values = {}
    for name in type(child).model_fields:
        mine, theirs = getattr(child, name), getattr(parent, name)
        values[name] = _combined(theirs, mine) if name in child.model_fields_set else theirs
    return type(child).model_construct(_fields_set=parent.model_fields_set | child.model_fields_set, **values)


def _combined(theirs: Any, mine: Any) -> Any:
    if isinstance(mine, BaseModel) and isinstance(theirs, BaseModel):
        return extend(theirs, mine)
    if isinstance(mine, tuple) and isinstance(theirs, tuple):
        if all(isinstance(item, str) for item in (*theirs, *mine)):
            return theirs + tuple(item for item in mine if item not in theirs)
        if all(hasattr(item, "name") for item in (*theirs, *mine)):
            by_name = {item.name: item for item in theirs}
            for item in mine:
                by_name[item.name] = extend(by_name[item.name], item) if item.name in by_name else item
            return tuple(by_name.values())
    if isinstance(mine, dict) and isinstance(theirs, dict):
        merged = dict(theirs)
        for key, value in mine.items():
            merged[key] = _combined(theirs[key], value) if key in theirs else value
        return merged
    return mine


def profile_names(profile: Any) -> dict[str, set[str]]:
    """The figure and list names rules may use with this profile.

    A list's name is also the figure of its stated count; a list of entries gives the figures
    `<list>.realised` and `<list>.in_progress` (how many entries have that status) when the
    profile has those statuses; a summary table's columns give the figures they name.
    """
    lists = {spec.name for spec in profile.lists}
    figures = {spec.name for spec in profile.figures} | set(profile.tables.columns.values()) | lists
    figures |= {f"{spec.name}.{status}" for spec in profile.lists if spec.items == "entries"
                for status in profile.statuses if status in COUNTED_STATUSES}
    return {"figure": figures, "list": lists}


def named_in_params(params: BaseModel, location: tuple = ()):
    """(location, "figure" or "list", name) of every profile name a rule's validated params hold."""
    for name, info in type(params).model_fields.items():
        yield from _named(info.annotation, info.metadata, getattr(params, name), (*location, name))


def _named(annotation: Any, metadata: list, value: Any, location: tuple):
    marker = _marker(annotation, metadata)
    if marker is not None and isinstance(value, str):
        yield location, marker.what, value
    elif isinstance(value, BaseModel):
        yield from named_in_params(value, location)
    elif isinstance(value, tuple):
        inner = next((a for a in get_args(annotation) if a is not Ellipsis), None)
        for index, item in enumerate(value):
            yield from _named(inner, [], item, (*location, index))


def _marker(annotation: Any, metadata: list) -> NameOf | None:
    """The NameOf mark of a params field (`FigureName`, `FigureName | None`, ...), if it has one."""
    for mark in (*metadata, *getattr(annotation, "__metadata__", ())):
        if isinstance(mark, NameOf):
            return mark
    return next((m for m in map(lambda a: _marker(a, []), get_args(annotation)) if m is not None), None)


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
            "then": {"properties": {
                "params": _inline(checks.kind(name).Params.model_json_schema()),
                "message": {"description": "a template; its {fields}: " + "; ".join(
                    f"{field}: {meaning}" for field, meaning in checks.kind(name).FIELDS.items())},
            }},
        }
        for name in sorted(checks.KINDS)
    ]
    rule["properties"]["kind"]["description"] = "the check kind; `cnr-lint explain KIND` tells its params and fields"
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


def kind_manual(name: str) -> str:
    """What `cnr-lint explain KIND` prints: the kind's purpose, its params, its message fields."""
    module = checks.kind(name)
    lines = [f"{name} (a {checks.scope(name)} check kind)", "", " ".join(module.__doc__.split()), "", "params:"]
    params = _inline(module.Params.model_json_schema())
    lines += _params_lines(params, "  ") or ["  none"]
    lines += ["", "message fields:"] + [f"  {{{field}}}  {meaning}" for field, meaning in module.FIELDS.items()]
    return "\n".join(lines)


def _params_lines(schema: dict, indent: str) -> list[str]:
    lines = []
    required = set(schema.get("required", ()))
    for key, spec in schema.get("properties", {}).items():
        options = spec.get("anyOf", [spec])
        shown = [_type_words(option) for option in options if option.get("type") != "null"]
        need = "required" if key in required else f"default {spec['default']!r}" if spec.get("default") is not None else "optional"
        lines.append(f"{indent}{key} ({' or '.join(shown)}, {need}): {spec.get('description', '')}".rstrip(": "))
        items = spec.get("items", {})
        if items.get("properties"):
            lines += _params_lines(items, indent + "    ")
    return lines


def _type_words(spec: dict) -> str:
    if "enum" in spec:
        return "one of " + ", ".join(map(str, spec["enum"]))
    if spec.get("type") == "array":
        return f"a list of {_type_words(spec.get('items', {}))}"
    if spec.get("properties"):
        return "mappings of " + ", ".join(spec["properties"])
    return {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false"}.get(
        spec.get("type", ""), "a value")
