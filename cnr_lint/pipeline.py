"""One file through read, parse and extract; the whole run's shared, compiled context."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cnr_lint.extract import CompiledProfile, extract
from cnr_lint.models import Dossier, FileNote, Span
from cnr_lint.pack import Pack, reference_dir
from cnr_lint.parse import parse
from cnr_lint.read import Unreadable, decode, read_path
from cnr_lint.reference import Reference, load_reference


@dataclass(frozen=True)
class Context:
    pack: Pack

    @cached_property
    def profile(self) -> CompiledProfile:
        return CompiledProfile(self.pack.profile)

    @cached_property
    def reference(self) -> Reference:
        return load_reference(reference_dir() / "regions.yaml")


def unreadable_dossier(failure: Unreadable) -> Dossier:
    span = Span(failure.line, failure.column, failure.line, failure.column)
    return Dossier(
        path=failure.path, fingerprint="", region=None, department=None, campaign=None, published=None,
        figures=(), lists=(), dates=(), notes=(FileNote("unreadable", f"{failure.path} {failure.reason}", span),),
        readable=False,
    )


def dossier_from_bytes(data: bytes, path: str, context: Context) -> Dossier:
    source = decode(data, path)
    if isinstance(source, Unreadable):
        return unreadable_dossier(source)
    return extract(source, parse(source), context.profile, context.reference)


def load_dossier(path: str | Path, display: str, context: Context) -> Dossier:
    source = read_path(path, display)
    if isinstance(source, Unreadable):
        return unreadable_dossier(source)
    return extract(source, parse(source), context.profile, context.reference)


def load_targets(found, context: Context) -> list[Dossier]:
    """Every target read, parsed and extracted, in the order given."""
    return [load_dossier(target.path, target.display, context) for target in found]
