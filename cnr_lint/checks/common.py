"""What the check kinds share: building findings, describing figures, values derived from lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Iterable

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cnr_lint.models import Dossier, Figure, Finding, Location, Span

# The statuses whose entries a list counts as a figure of its own: `department.projects.realised`.
COUNTED_STATUSES = ("realised", "in_progress")


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


@dataclass(frozen=True)
class NameOf:
    """Marks a params value that names a figure or a list of the profile: checked when the pack loads."""

    what: str  # "figure" or "list"


FigureName = Annotated[str, NameOf("figure"), Field(
    description="a figure of the profile (e.g. region.meetings, department.projects.realised); "
    "`cnr-lint facts FILE` shows the names")]
ListName = Annotated[str, NameOf("list"), Field(description="a list of the profile (e.g. department.projects)")]


class Bounds(Params):
    """A maximum, a minimum, or both (at least one)."""

    max: float | None = Field(default=None, description="a value above this is reported")
    min: float | None = Field(default=None, description="a value below this is reported")

    @model_validator(mode="after")
    def _a_bound(self) -> Bounds:
        if self.max is None and self.min is None:
            raise ValueError("give max, min, or both")
        if self.max is not None and self.min is not None and self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is more than max ({self.max:g})")
        return self


class PartOfWhole(Params):
    """A figure (`part`) and the figure that bounds it (`whole`)."""

    part: FigureName
    whole: FigureName


def finding(rule: Any, path: str, span: Span, fields: dict[str, object], related: Iterable[Location] = (), key: str = "") -> Finding:
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=rule.message.format_map(fields),
        location=Location(path, span),
        related=tuple(related),
        fingerprint=key,
    )


def number(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.2f}".replace(",", " ").replace(".", ",")


def value_text(figure: Figure) -> str:
    """How a figure's value reads in a message: "14", "près de 700", "plus de 2 900 000"."""
    if figure.qualifier:
        return figure.text
    return number(figure.low)


def as_of_text(figure: Figure) -> str:
    """" (au 8 novembre 2023)" for a dated figure, "" for an undated one: ready to append."""
    if figure.as_of is None:
        return ""
    return f" ({figure.as_of_text or f'{figure.as_of.start}..{figure.as_of.end}'})"


def derived_figures(dossier: Dossier, name: str) -> tuple[Figure, ...]:
    """The figures of that name, plus those a list states: `department.projects` is the stated
    count of projects, `department.projects.realised` the number of entries listed as realised."""
    return tuple(derived_by_name(dossier, (name,))[name])


def derived_by_name(dossier: Dossier, names: tuple[str, ...]) -> dict[str, list[Figure]]:
    """`derived_figures` of each name, in one pass over the dossier's figures (checks of a large
    corpus ask for several names of every dossier)."""
    found: dict[str, list[Figure]] = {name: [] for name in names}
    for figure in dossier.figures:
        stated = found.get(figure.name)
        if stated is not None and figure.compared:
            stated.append(figure)
    if not dossier.lists:
        return found
    for name in found:
        # Both, not one or the other: a regional summary table's row for the dossier's own
        # department must not hide the count its own list states (nor the reverse).
        base, _, status = name.rpartition(".")
        for entry_list in dossier.lists:
            if entry_list.name == name and entry_list.stated is not None:
                found[name].append(_list_figure(name, entry_list.stated, entry_list, entry_list.stated_text or ""))
            elif entry_list.name == base and status in COUNTED_STATUSES and entry_list.entries and entry_list.counts_statuses:
                count = sum(1 for e in entry_list.entries if e.status == status)
                # an entry that states no status may be one more: the count is a range
                unknown = sum(1 for e in entry_list.entries if not e.statuses)
                if not unknown and any(figure.low == count == figure.high and figure.department == entry_list.department
                                       for figure in found[name]):
                    continue  # the dossier states the count its list shows ("six sont réalisés"): one figure, compared once
                text = f"{count} listed as {status.replace('_', ' ')}" + (f", {unknown} without status" if unknown else "")
                found[name].append(_list_figure(name, count, entry_list, text, count + unknown))
    return found


def _list_figure(name: str, value: int, entry_list, text: str, most: int | None = None) -> Figure:
    return Figure(
        name=name, low=float(value), high=float(value if most is None else most), low_open=False, high_open=False,
        unit="projects",
        qualifier=None, as_of=None, as_of_text=None, scope=name.split(".", 1)[0],
        department=entry_list.department, text=text, span=entry_list.span,
    )


def place(dossier: Dossier, figure: Figure) -> Location:
    return Location(dossier.path, figure.span, f"{figure.text}{as_of_text(figure)}")
