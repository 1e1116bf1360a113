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
from cnr_lint.yamlfile import MAX_FILE_BYTES, ConfigError, load_yaml

BUILTIN_PACK_NAME = "cnr-sante"


@dataclass(frozen=True)
class Qualifier:
    words: tuple[str, ...]
    share: float = 0.05


@dataclass(frozen=True)
class Qualifiers:
    approximately: Qualifier
    more_than: Qualifier
    less_than: Qualifier
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
    unit: str
    patterns: tuple[str, ...] = ()
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
    meeting: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    previous_campaign: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListSpec:
    name: str
    items: str  # "list" or "entries"
    stated: tuple[str, ...] = ()
    section: str = "any"
    words: FigureWords | None = None  # the stated count, declared by words


@dataclass(frozen=True)
class Tables:
    department_column: tuple[str, ...] = ()
    total_row: tuple[str, ...] = ()
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Profile:
    name: str
    qualifiers: Qualifiers
    figures: tuple[FigureSpec, ...]
    status_line: str
    statuses: dict[str, tuple[str, ...]]
    description: str = ""
    title: tuple[str, ...] = ()
    department_section: tuple[str, ...] = ()
    section_end: tuple[str, ...] = ()
    launch: tuple[str, ...] = ()
    lists: tuple[ListSpec, ...] = ()
    status_suffix: str | None = None
    status_labels: tuple[str, ...] = ()
    tables: Tables = field(default_factory=Tables)
    scopes: Scopes = field(default_factory=Scopes)


@dataclass(frozen=True)
class Example:
    bad: str
    good: str


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
    """Every pack of a run merged: one profile, the union of the rules."""

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
    from cnr_lint.pack_schema import load_pack_file, to_runtime

    files = pack_files(extra) if files is None else files
    profile = None
    rules = {}
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
    return Pack(profile=to_runtime(profile), rules=to_runtime(tuple(rules.values())), digest=packs_digest(files))
