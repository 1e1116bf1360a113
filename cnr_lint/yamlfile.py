"""Safe YAML loading that remembers where every key stands, for messages that name the line.

Aliases are refused: rule packs and configuration never need them, and refusing them is what
keeps an alias bomb ("billion laughs") from expanding during validation. So are several
documents in one file, a key given twice in one mapping (YAML would silently keep the last),
and nesting deeper than MAX_DEPTH (the event scan stops there: libyaml slows down
quadratically with the depth of flow collections, and building the tree is recursive).
The nesting limit and its message are cnr-lint's whatever the PyYAML version: libyaml's scanner
looks ahead along a line and may stop first at a cap of its own (1,000 since PyYAML 6.0.4), so a
file libyaml refuses is read again by the pure-Python loader, which counts as it scans.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from cnr_lint.read import NotAFile, read_regular_file

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 100  # collections inside collections; a rule pack needs fewer than ten


class ConfigError(Exception):
    """A rule pack or configuration file cannot be used; the message names file, line and key."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class LoadedYaml:
    path: str
    data: Any
    root: yaml.Node | None

    def line_of(self, location: Iterable[Any]) -> int | None:
        """The 1-based line of the value at `location` (keys and list indexes), or its nearest parent."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for key in location:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == str(key):
                        child = value_node if not isinstance(value_node, yaml.ScalarNode) else key_node
                        line = key_node.start_mark.line + 1
                        node = value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                child = node.value[key]
                node = child
                line = child.start_mark.line + 1
            if child is None:
                break
        return line


def load_yaml(path: str | Path, text: str | None = None) -> LoadedYaml:
    shown = str(path)
    if text is None:
        text = read_text_file(path)
    try:
        try:
            return _load(_Loader, text, shown)
        except yaml.YAMLError:
            if _Loader is _NestingLoader:
                raise
            return _load(_NestingLoader, text, shown)  # libyaml may have stopped at a nesting cap of its own
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        if "nesting depth" in str(error.problem):  # libyaml's own bound (PyYAML 6.0.4), met before ours
            raise ConfigError(shown, line, f"is nested too deeply (more than {MAX_DEPTH} levels)") from None
        raise ConfigError(shown, line, f"is not valid YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise ConfigError(shown, None, f"is not valid YAML: {error}") from None


class _NestingLoader(yaml.SafeLoader):
    """The pure-Python loader, refusing a flow collection deeper than MAX_DEPTH when it scans its
    opening bracket, before any look-ahead."""

    cnr_lint_path = ""

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        if self.flow_level >= MAX_DEPTH:
            raise ConfigError(self.cnr_lint_path, self.line + 1, _TOO_DEEP)
        super().fetch_flow_collection_start(TokenClass)


_Loader = getattr(yaml, "CSafeLoader", _NestingLoader)
_TOO_DEEP = f"is nested too deeply (more than {MAX_DEPTH} levels)"


def _load(loader_class: type, text: str, shown: str) -> LoadedYaml:
    loader = loader_class(text)
    loader.cnr_lint_path = shown
    try:
        root = _compose_without_aliases(loader, shown)
        data = _construct(loader, root, shown) if root is not None else None
    finally:
        loader.dispose()
    return LoadedYaml(shown, data, root)


def read_text_file(path: str | Path, limit: int = MAX_FILE_BYTES, what: str = "a rule or configuration file") -> str:
    """The UTF-8 text of a regular file of at most `limit` bytes: a named pipe, a device
    (/dev/zero), a file too large or not UTF-8 is a ConfigError, never a hang or a traceback."""
    try:
        raw = read_regular_file(path, limit, what)
    except NotAFile as refusal:
        raise ConfigError(str(path), None, str(refusal)) from None
    except OSError as error:
        raise ConfigError(str(path), None, f"cannot be read: {error.strerror or error}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ConfigError(str(path), line, "is not UTF-8 text") from None


def _construct(loader: Any, root: yaml.Node, path: str) -> Any:
    try:
        return loader.construct_document(root)
    except (ValueError, OverflowError) as error:  # "2024-02-30": well-formed, yet no date
        raise ConfigError(path, _bad_value_line(loader, root), f"invalid value: {error}") from None


def _bad_value_line(loader: Any, root: yaml.Node) -> int | None:
    """The line of the first scalar that cannot be built (a date that does not exist), if found."""
    loader.constructed_objects, loader.recursive_objects = {}, {}  # left over by the failure
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except (ValueError, OverflowError):
                return node.start_mark.line + 1
            except yaml.YAMLError:
                pass
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            pending.extend(reversed([n for pair in node.value for n in pair]))
    return None


def _compose_without_aliases(loader: Any, path: str) -> yaml.Node | None:
    # Scan the events first: an alias is refused before anything is built from it, and the scan
    # stops at the first event too deep, before libyaml's quadratic slowdown on deep nesting.
    events = []
    depth = documents = 0
    while not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        if isinstance(event, yaml.AliasEvent):
            raise ConfigError(path, event.start_mark.line + 1, "YAML aliases (*name) are not allowed here")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ConfigError(path, event.start_mark.line + 1, _TOO_DEEP)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise ConfigError(
                    path, event.start_mark.line + 1, "a second YAML document starts here; one is expected"
                )
        events.append(event)
    try:
        return _EventReplay(events, loader, path).node
    except RecursionError:
        raise ConfigError(path, None, "is nested too deeply") from None


class _EventReplay:
    """Builds the node tree from already scanned events (no aliases among them).

    A key given twice in one mapping is refused here, where its line is known.
    """

    def __init__(self, events: list, loader: Any, path: str) -> None:
        self._events = events
        self._loader = loader
        self._path = path
        self._index = 0
        self.node = None
        while self._index < len(self._events):
            event = self._events[self._index]
            self._index += 1
            if isinstance(event, yaml.DocumentStartEvent):
                self.node = self._node()

    def _node(self) -> yaml.Node | None:
        event = self._events[self._index]
        self._index += 1
        if isinstance(event, yaml.ScalarEvent):
            tag = event.tag if event.tag and event.tag != "!" else self._loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(self._events[self._index], yaml.SequenceEndEvent):
                items.append(self._node())
            end = self._events[self._index]
            self._index += 1
            tag = event.tag if event.tag and event.tag != "!" else "tag:yaml.org,2002:seq"
            return yaml.SequenceNode(tag, items, event.start_mark, end.end_mark, event.flow_style)
        if isinstance(event, yaml.MappingStartEvent):
            pairs = []
            seen: dict[tuple[str, str], int] = {}
            while not isinstance(self._events[self._index], yaml.MappingEndEvent):
                key = self._node()
                value = self._node()
                self._refuse_duplicate(key, seen)
                pairs.append((key, value))
            end = self._events[self._index]
            self._index += 1
            tag = event.tag if event.tag and event.tag != "!" else "tag:yaml.org,2002:map"
            return yaml.MappingNode(tag, pairs, event.start_mark, end.end_mark, event.flow_style)
        return None

    def _refuse_duplicate(self, key: yaml.Node | None, seen: dict[tuple[str, str], int]) -> None:
        if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
            return
        line = key.start_mark.line + 1
        first = seen.get((key.tag, key.value))
        if first is None:
            seen[(key.tag, key.value)] = line
        else:
            raise ConfigError(
                self._path, line, f"{key.value}: the key is given twice in one mapping (first on line {first})"
            )


def nearest(name: str, choices: Iterable[str], cutoff: float = 0.5) -> str:
    """' (did you mean "x"?)' for the closest valid name, or an empty string."""
    match = difflib.get_close_matches(name, list(choices), n=1, cutoff=cutoff)
    return f' (did you mean "{match[0]}"?)' if match else ""


def nearest_code(code: str, codes: Iterable[str]) -> str:
    """`nearest` for a rule code: codes share their letters, so only a code one slip away (a
    digit or letter changed, added or dropped) is close; CNR999 is close to none."""
    return nearest(code, codes, cutoff=0.8)


_TYPE_WORDS = {
    "string": "text", "int": "a whole number", "float": "a number", "bool": "true or false",
    "tuple": "a list", "list": "a list", "dict": "a mapping of keys", "model": "a mapping of keys",
    "enum": "one of the listed values",
}


def validation_message(error: dict) -> str:
    """A validation error of one value, in cnr-lint's words (the library's own text never reaches the user)."""
    kind = error["type"]
    context = error.get("ctx") or {}
    given = error.get("input")
    shown = f" (got {given!r})" if isinstance(given, (str, int, float, bool)) and len(repr(given)) <= 60 else ""
    if kind == "value_error":
        return str(context.get("error", "invalid value"))
    if kind == "missing":
        return "this key is required here"
    if kind == "literal_error":
        return f"must be one of {context.get('expected', '')}{shown}".replace("' or '", "', '")
    if kind == "enum":
        return f"must be one of {context.get('expected', '')}{shown}".replace("' or '", "', '")
    if kind == "string_pattern_mismatch":
        return f"{given!r} is not a valid name here: it must match {context.get('pattern')}"
    if kind in ("too_short", "too_long"):
        bound = context.get("min_length" if kind == "too_short" else "max_length")
        return f"must have {'at least' if kind == 'too_short' else 'at most'} {bound} item(s)"
    comparisons = {"greater_than_equal": ("ge", "at least"), "greater_than": ("gt", "more than"),
                   "less_than_equal": ("le", "at most"), "less_than": ("lt", "less than")}
    if kind in comparisons:
        key, words = comparisons[kind]
        return f"must be {words} {context.get(key)}{shown}"
    for name, words in _TYPE_WORDS.items():
        if kind.startswith(name + "_") or kind == name + "_type":
            return f"must be {words}{shown}"
    return f"is not a valid value{shown}"
