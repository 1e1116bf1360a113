"""Rule packs: the profile (how dossiers state their figures) and the rules, validated from YAML.

A pack is a folder holding `profile.yaml` and/or `rules.yaml`, or one YAML file with a
`profile:` and/or `rules:` key. Nothing in a pack executes: patterns are regular expressions
checked for catastrophic backtracking before use, messages are templates whose fields are
plain names the check kind declares.

The types here are what a run uses; `cnr_lint.pack_schema` validates the YAML into them.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from cnr_lint import checks
from cnr_lint.models import Severity
from cnr_lint.yamlfile import MAX_FILE_BYTES, ConfigError, nearest

BUILTIN_PACK_NAME = "cnr-sante"


@dataclass(frozen=True)
class Qualifier:
    words: tuple[str, ...] = ()
    share: float = 0.05


@dataclass(frozen=True)
class Qualifiers:
    approximately: Qualifier = field(default_factory=Qualifier)
    nearly: Qualifier = field(default_factory=Qualifier)
    more_than: Qualifier = field(default_factory=Qualifier)
    less_than: Qualifier = field(default_factory=Qualifier)
    round_nouns: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class FigureWords:
    """A figure declared by words: "{n} <noun> [<between>...] <predicate>" and its variants."""

    nouns: tuple[str, ...]
    predicates: tuple[str, ...] = ()
    between: tuple[str, ...] = ()
    elision: bool = True


@dataclass(frozen=True)
class FigureSpec:
    name: str
    patterns: tuple[str, ...] = ()
    unit: str = ""
    section: str = "any"  # "region", "department" or "any"
    words: FigureWords | None = None

    @property
    def scope(self) -> str:
        return self.name.split(".", 1)[0]


@dataclass(frozen=True)
class Scopes:
    """Words that tell, in a figure's sentence, whose figure it is."""

    national: tuple[str, ...] = ()
    programme: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    meeting: tuple[str, ...] = ()
    average: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    whole_region: tuple[str, ...] = ()
    department: tuple[str, ...] = ()
    previous_campaign: tuple[str, ...] = ()
    department_people: tuple[str, ...] = ()  # not a scope word: it may qualify a department figure's noun


@dataclass(frozen=True)
class StatusSpec:
    """The words that carry one status value: "livré", and "en" + a noun: "en service"."""

    words: tuple[str, ...] = ()
    en: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusWords:
    """The words around a status: neutral ("projet", "c'est"), changing it ("en partie"),
    introducing what it is about ("de": "en cours de mise en œuvre"), or where or since when
    ("dans": "en cours dans les écoles"; "depuis": "opérationnel depuis mai")."""

    neutral: tuple[str, ...] = ()
    changing: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    place: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListSpec:
    name: str
    stated: tuple[str, ...] = ()
    items: str = "list"  # or "entries"
    section: str = "any"
    words: FigureWords | None = None  # the stated count, declared by words


@dataclass(frozen=True)
class ListCounts:
    """How a list's count is announced around its noun, the count after it or before it."""

    after_noun: tuple[str, ...] = ()
    after_count: tuple[str, ...] = ()
    before_noun: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegionalPart:
    """How a sentence under a summary table says its last row counts the region's own part
    besides the rows above: a verb of holding, then words of that part."""

    verbs: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tables:
    department_column: tuple[str, ...] = ()
    total_row: tuple[str, ...] = ()
    columns: dict[str, str] = field(default_factory=dict)
    region_figures: dict[str, str] = field(default_factory=dict)  # a column's figure: the region's a Total row gives
    regional_part: RegionalPart = field(default_factory=RegionalPart)


@dataclass(frozen=True)
class Profile:
    name: str
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    figures: tuple[FigureSpec, ...] = ()
    status_line: str | None = None
    statuses: dict[str, StatusSpec] = field(default_factory=dict)
    status_words: StatusWords = field(default_factory=StatusWords)
    extends: str | None = None
    description: str = ""
    title: tuple[str, ...] = ()
    department_section: tuple[str, ...] = ()
    section_end: tuple[str, ...] = ()
    launch: tuple[str, ...] = ()
    launched: str | None = None  # YYYY-MM-DD: when the campaigns' programme started
    lists: tuple[ListSpec, ...] = ()
    list_counts: ListCounts = field(default_factory=ListCounts)
    status_suffix: str | None = None
    status_labels: tuple[str, ...] = ()
    front_matter: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a key cnr-lint reads: its words
    tables: Tables = field(default_factory=Tables)
    scopes: Scopes = field(default_factory=Scopes)


@dataclass(frozen=True)
class Example:
    bad: str | tuple[str, ...]
    good: str | tuple[str, ...]
    encoding: str = "utf-8"

    @staticmethod
    def files(texts: str | tuple[str, ...]) -> tuple[str, ...]:
        return (texts,) if isinstance(texts, str) else texts


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    kind: str
    summary: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    explain: str = ""
    example: Example | None = None

    @cached_property
    def parsed_params(self) -> Any:
        """The params as the kind's `Params` model (validated when the pack was loaded)."""
        return checks.kind(self.kind).Params.model_validate(self.params)


@dataclass(frozen=True)
class Pack:
    """Every pack of a run: its profiles (each with what it extends folded in), the union of the rules."""

    profiles: dict[str, Profile]
    default: str  # the profile of files no `profiles:` glob of the configuration assigns
    rules: tuple[Rule, ...]
    digest: str
    # code: the profiles whose dossiers the rule checks (its pack's profile and those extending it);
    # a rule absent here names nothing of a profile (a file note, a weekday) and checks every dossier.
    rule_profiles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def profile(self) -> Profile:
        return self.profiles[self.default]

    def rule(self, code: str) -> Rule | None:
        return next((r for r in self.rules if r.code == code), None)

    def applies(self, rule: Rule, profile: str) -> bool:
        profiles = self.rule_profiles.get(rule.code)
        return profiles is None or profile in profiles


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


def packs_digest(files: list[tuple[Path, bytes]], assigned: tuple[tuple[str, str], ...] = ()) -> str:
    digest = hashlib.sha256()
    for path, raw in files:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0" + raw + b"\0")
    for glob, name in assigned:
        digest.update(f"{glob}\0{name}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:16]


def _pack_of(file: Path) -> Path:
    """The pack a file belongs to: its folder for a folder pack's profile.yaml or rules.yaml."""
    return file.parent if file.name in ("profile.yaml", "rules.yaml") else file


@dataclass(frozen=True)
class _Declared:
    model: Any  # the schema model, as validated
    file: Path
    loaded: Any  # its LoadedYaml, for the lines of messages


def load_packs(extra: tuple[str | Path, ...] = (), files: list[tuple[Path, bytes]] | None = None,
               assigned: tuple[tuple[str, str], ...] = (), source: str = "configuration") -> Pack:
    """The built-in pack, then each extra pack, validated and checked against each other.

    `assigned`: (glob, profile) of the configuration's `profiles:`. Each profile no glob names
    profile of an extra pack applies to every file no glob assigns, instead of cnr-sante: two
    such are an error. Rule codes must be unique, profile names too; each name a rule uses must
    be one of its profile's.
    """
    from cnr_lint.pack_schema import error_at, load_pack_file, to_runtime

    files = pack_files(extra) if files is None else files
    profiles: dict[str, _Declared] = {}
    rules: dict[str, tuple[Any, _Declared, int]] = {}
    pack_profile: dict[Path, str] = {}
    for file, raw in files:
        pack_file, loaded = load_pack_file(file, raw)
        if pack_file.profile is not None:
            name = pack_file.profile.name
            if name in profiles:
                raise error_at(loaded, ("profile", "name"),
                               f"a profile named {name!r} is already defined in {profiles[name].file}; give this one "
                               f"another name (and `extends: {name}` to add to that one)")
            profiles[name] = _Declared(pack_file.profile, file, loaded)
            pack_profile[_pack_of(file)] = name
        for index, rule in enumerate(pack_file.rules):
            if rule.code in rules:
                raise error_at(loaded, ("rules", index, "code"), f"duplicate rule code {rule.code}")
            rules[rule.code] = (rule, _Declared(pack_file.profile, file, loaded), index)
    if BUILTIN_PACK_NAME not in profiles:
        raise ConfigError(str(files[0][0]), None, f"no pack declares the profile {BUILTIN_PACK_NAME}")
    resolved = _resolve(profiles)
    for glob, name in assigned:
        if name not in profiles:
            raise ConfigError(source, None, f"profiles.{glob}: unknown profile {name!r}"
                              f"{nearest(name, profiles)}; the profiles are: {', '.join(sorted(profiles))}")
    default, warnings = _default_profile(profiles, resolved, {name for _, name in assigned})
    rule_profiles = {}
    for code, (rule, declared, index) in rules.items():
        owner = pack_profile.get(_pack_of(declared.file), BUILTIN_PACK_NAME)
        if _check_names(rule, index, declared.loaded, owner, resolved[owner]):
            rule_profiles[code] = tuple(sorted(name for name in resolved if owner in _lineage(name, profiles)))
    warnings += tuple(_campaign_warning(profiles[name], resolved[name]) for name in resolved
                      if not _gives_campaign(resolved[name]))
    return Pack(
        profiles={name: to_runtime(profile) for name, profile in resolved.items()}, default=default,
        rules=to_runtime(tuple(rule for rule, _, _ in rules.values())), digest=packs_digest(files, assigned),
        rule_profiles=rule_profiles, warnings=warnings,
    )


def _lineage(name: str, profiles: dict[str, _Declared]) -> list[str]:
    """The profile, what it extends, what that extends, ... (checked free of cycles by `_resolve`)."""
    chain = [name]
    while profiles[chain[-1]].model.extends is not None:
        chain.append(profiles[chain[-1]].model.extends)
    return chain


def _resolve(profiles: dict[str, _Declared]) -> dict[str, Any]:
    """Each profile with what it extends folded in."""
    from cnr_lint.pack_schema import error_at, extend

    resolved: dict[str, Any] = {}

    def resolve(name: str, seen: tuple[str, ...]) -> Any:
        if name in resolved:
            return resolved[name]
        declared = profiles[name]
        parent = declared.model.extends
        if parent is None:
            result = declared.model
        elif parent not in profiles:
            raise error_at(declared.loaded, ("profile", "extends"),
                           f"unknown profile {parent!r}{nearest(parent, profiles)}; the profiles are: "
                           f"{', '.join(sorted(profiles))}")
        elif parent in seen or parent == name:
            raise error_at(declared.loaded, ("profile", "extends"),
                           f"profiles extend each other in a circle: {' -> '.join((*seen, name, parent))}")
        else:
            result = extend(resolve(parent, (*seen, name)), declared.model)
        resolved[name] = result
        return result

    for name in profiles:
        resolve(name, ())
    return resolved


def _default_profile(profiles: dict[str, _Declared], resolved: dict, assigned: set[str]):
    """The profile of files no glob assigns, and the warning to give about it, if any."""
    from cnr_lint.pack_schema import error_at

    claiming = [name for name in profiles if name != BUILTIN_PACK_NAME and name not in assigned]
    if len(claiming) > 1:
        first, second = (profiles[name] for name in claiming[:2])
        raise error_at(second.loaded, ("profile", "name"),
                       f"profiles {claiming[0]!r} ({first.file}) and {claiming[1]!r} ({second.file}) would both apply "
                       f"to every dossier: say which files each is for with `profiles:` in the configuration, "
                       f"e.g. profiles: {{\"vaccination/**\": {claiming[1]}}}")
    if not claiming:
        return BUILTIN_PACK_NAME, ()
    name = claiming[0]
    if BUILTIN_PACK_NAME in _lineage(name, profiles):
        return name, ()
    declared = profiles[name]
    line = declared.loaded.line_of(("profile", "name"))
    return name, (
        f"{declared.file}:{line}: profile {name!r} extends nothing and no `profiles:` glob of the configuration "
        f"assigns it, so it applies to every dossier instead of {BUILTIN_PACK_NAME} (whose rules then check none): "
        f"add profiles: {{\"GLOB\": {name}}} to the configuration for its files, or `extends: {BUILTIN_PACK_NAME}`",
    )


def _check_names(rule: Any, index: int, loaded: Any, owner: str, profile: Any) -> bool:
    """Raise when the rule names a figure or list its profile lacks; False when it names nothing."""
    from cnr_lint.pack_schema import error_at, named_in_params, profile_names

    known = profile_names(profile)
    found = False
    for location, what, name in named_in_params(checks.kind(rule.kind).Params.model_validate(rule.params)):
        found = True
        if name not in known[what]:
            choices = sorted(known[what])
            # The nearest name when there is one; else all of them, and whose profile they are.
            hint = nearest(name, choices) or (
                f"; its {what}s: {', '.join(choices) or 'none'} (a rule uses the profile of its own pack; in a "
                f"pack without one, {BUILTIN_PACK_NAME}'s)")
            raise error_at(loaded, ("rules", index, "params", *location), f"no {what} {name!r} in profile {owner!r}{hint}")
    return found


def _gives_campaign(profile: Any) -> bool:
    import re

    return any("campaign" in re.compile(p.replace("{date}", "(?:0)")).groupindex for p in profile.title)


def _campaign_warning(declared: _Declared, profile: Any) -> str:
    line = declared.loaded.line_of(("profile", "title")) or declared.loaded.line_of(("profile", "name"))
    return (f"{declared.file}:{line}: profile {profile.name!r}: no title pattern has a (?P<campaign>...) group, so its "
            f"dossiers get a campaign only from their front matter (campaign: ...); without one, cross-dossier rules "
            f"compare none of them")
