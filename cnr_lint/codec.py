"""The cache's data format: the run's values as JSON, rebuilt only as the types listed here.

A cache folder lies in the working tree, where a commit or a pull request can put any file:
nothing read from it may run code, as unpickling does. A cache document is JSON, and decoding
makes only numbers, strings, tuples (JSON arrays), and what a one-key object names: "list",
"dict", "frozenset", a date, a period, or a dataclass or enum of the pipeline's models or of the rule packs,
built by its constructor from the values given. A
document of any other shape raises `Damaged`.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from operator import attrgetter
from typing import Any, Callable

# Every dataclass and enum these modules define, by name, and two types from elsewhere. The
# modules are imported when a value of theirs is first met (a run answered from the cache never
# needs the date parser).
_MODULES = ("cnr_lint.models", "cnr_lint.pack")
_ELSEWHERE = {"Period": ("cnr_lint.dates", "Period"), "date": ("datetime", "date")}
_SCALARS = frozenset((str, int, float, bool, type(None)))
_makers: dict[str, Callable] = {}
_getters: dict[type, Callable[[Any], tuple]] = {}


class Damaged(ValueError):
    """The text is not a cache document of the expected shape."""


def dumps(value: Any) -> bytes:
    """The JSON of a value made of the types this module rebuilds (TypeError for any other)."""
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"), check_circular=False).encode("utf-8")


def loads(data: bytes | str) -> Any:
    try:
        document = json.loads(data)
    except (ValueError, TypeError, RecursionError) as error:
        raise Damaged(f"not JSON: {error}") from None
    return decode(document)


def encode(value: Any) -> Any:
    """A value as JSON data: tuples as arrays, anything else as a one-key object naming its type."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple:
        return [item if type(item) in _SCALARS else encode(item) for item in value]
    if kind is list:
        return {"list": [encode(item) for item in value]}
    if kind is dict:
        return {"dict": [[encode(key), encode(item)] for key, item in value.items()]}
    if kind is frozenset:
        return {"frozenset": sorted((encode(item) for item in value), key=repr)}
    if kind is date:
        return {"date": [value.year, value.month, value.day]}
    try:
        known = _maker(kind.__name__) is kind
    except Damaged:
        known = False
    if not known:
        raise TypeError(f"the cache does not store {kind.__module__}.{kind.__qualname__}")
    if issubclass(kind, Enum):
        return {kind.__name__: [value.value]}
    getter = _getters.get(kind)
    if getter is None:
        getter = _getters[kind] = _fields_getter(kind)
    return {kind.__name__: [item if type(item) in _SCALARS else encode(item) for item in getter(value)]}


def _fields_getter(kind: type) -> Callable[[Any], tuple]:
    names = [field.name for field in fields(kind)]
    single = attrgetter(*names)
    return single if len(names) > 1 else lambda value: (single(value),)


def decode(value: Any) -> Any:
    """The value `encode` gave this JSON data; Damaged when it is of another shape."""
    try:
        return _decode(value)
    except Damaged:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as error:
        raise Damaged(f"{type(error).__name__}: {error}") from None


def _decode(value: Any) -> Any:
    kind = type(value)
    if kind is list:
        return tuple([item if type(item) in _SCALARS else _decode(item) for item in value])
    if kind is not dict:
        return value
    if len(value) != 1:
        raise Damaged("an object of the cache has one key, its type")
    ((tag, body),) = value.items()
    if type(body) is not list:
        raise Damaged(f"{tag}: its values are a list")
    if tag == "list":
        return [_decode(item) for item in body]
    if tag == "dict":
        return {_decode(key): _decode(item) for key, item in body}
    if tag == "frozenset":
        return frozenset(_decode(item) for item in body)
    return _maker(tag)(*[item if type(item) in _SCALARS else _decode(item) for item in body])


def _maker(tag: str) -> Callable:
    maker = _makers.get(tag)
    if maker is not None:
        return maker
    if not _makers.get("Dossier"):  # the modules' types, listed once
        for module in map(importlib.import_module, _MODULES):
            _makers.update((name, value) for name, value in vars(module).items()
                           if isinstance(value, type) and value.__module__ == module.__name__
                           and (is_dataclass(value) or issubclass(value, Enum)))
        if tag in _makers:
            return _makers[tag]
    if tag not in _ELSEWHERE:
        raise Damaged(f"{tag!r} is not a type the cache stores")
    module, name = _ELSEWHERE[tag]
    maker = _makers[tag] = getattr(importlib.import_module(module), name)
    return maker
