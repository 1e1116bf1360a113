"""The data that flows through the pipeline: read -> parse -> extract -> check -> report.

Every value is immutable; each stage builds new values from the previous stage's.
Lines and columns are 1-based, counted as editors count them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from cnr_lint.pickling import by_arguments

if TYPE_CHECKING:  # a run answered from the cache makes no period: it need not import dates
    from cnr_lint.dates import Period


@by_arguments
@dataclass(frozen=True, slots=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int
    page: int = 0  # a PDF's page, 1-based; its lines are then counted from the top of that page

    @property
    def place(self) -> str:
        """The line as reports name it: "12", or "p3:12" for line 12 of a PDF's page 3."""
        return f"p{self.page}:{self.line}" if self.page else str(self.line)


@by_arguments
@dataclass(frozen=True, slots=True)
class Figure:
    """A number the dossier states, as an interval [low, high] with open or closed ends."""

    name: str
    low: float
    high: float | None
    low_open: bool
    high_open: bool
    unit: str
    qualifier: str | None
    as_of: Period | None
    as_of_text: str | None
    scope: str  # "region", "department", "national", or never compared: "programme", "meeting", "average", "departments" (several)
    department: str | None
    text: str
    span: Span
    campaign: str | None = None  # another campaign's figure quoted ("l'an dernier"); None: the dossier's

    @property
    def compared(self) -> bool:
        """Whether checks compare it: a figure of the dossier's campaign, the region's or a department's."""
        return self.campaign is None and (self.scope == "region" or self.scope == "department")

    @property
    def bounds(self) -> str:
        return ("(" if self.low_open else "[") + (")" if self.high_open else "]")

    def agrees_with(self, other: Figure) -> bool:
        """Two intervals agree when they share at least one value."""
        return _below(self, other) and _below(other, self)

    def at_same_time(self, other: Figure) -> bool:
        """Whether the two may state one snapshot: their as-of periods overlap, or one is undated."""
        return self.as_of is None or other.as_of is None or self.as_of.overlaps(other.as_of)


def _below(a: Figure, b: Figure) -> bool:
    """True when a's low end is not above b's high end (so the intervals can meet there)."""
    if b.high is None:
        return True
    if a.low < b.high:
        return True
    return a.low == b.high and not a.low_open and not b.high_open


@by_arguments
@dataclass(frozen=True, slots=True)
class Entry:
    """One item of an announced list: a project with its status, or a challenge."""

    title: str
    statuses: tuple[str, ...]  # status words as written, e.g. ("PROJET RÉALISÉ",)
    status: str | None  # the vocabulary value, e.g. "realised"; None when not understood, missing or two
    span: Span
    # False when a status written is not understood ("livré en partie"): shown by `facts --unmatched`
    understood: bool = True


@by_arguments
@dataclass(frozen=True, slots=True)
class EntryList:
    """A stated count ("4 projets concrets") and the entries listed below it."""

    name: str
    stated: int | None
    stated_text: str | None
    span: Span
    entries: tuple[Entry, ...]
    department: str | None
    # False when the layout left the entries ambiguous: none are given, the count is not checked.
    understood: bool = True

    @property
    def counts_statuses(self) -> bool:
        """Whether its realised / in-progress counts can be derived: every entry states one
        understood value (a count from statuses half understood, or from two that disagree,
        would be a guess; a list stating none has no such counts), and the entries are as many
        as stated. A project without its status, or left out of the list, may be of either
        count: CNR104 or CNR101 tells, and the counts would tell it again, as a conflict with
        the text's."""
        return self.complete and all(entry.understood and entry.status is not None for entry in self.entries)

    @property
    def complete(self) -> bool:
        """Whether it lists as many entries as it states (or states no count)."""
        return self.stated is None or self.stated == len(self.entries)


@by_arguments
@dataclass(frozen=True, slots=True)
class TableTotal:
    """A cell of a summary table's Total row, and the values of the rows above it in its column."""

    column: str  # the column's header, as written
    total: float
    text: str
    span: Span
    parts: tuple[float, ...]
    besides: float = 0.0  # the region's own part the sentence under the table says the Total row counts too


@by_arguments
@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    period: Period
    weekday: str | None
    is_day: bool
    span: Span


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@by_arguments
@dataclass(frozen=True, slots=True)
class Suppression:
    """`<!-- cnr-lint: disable-next-line CODE -->` (line set) or `disable CODE` (line None).
    In a PDF, lines are lines of the page (`page`, `comment_page`), as findings count them."""

    codes: tuple[str, ...]
    line: int | None
    comment_line: int
    page: int = 0
    comment_page: int = 0
    malformed: str = ""  # a `cnr-lint:` comment that is no suppression: what is wrong (it silences nothing)


@by_arguments
@dataclass(frozen=True, slots=True)
class FileNote:
    """Something the reader noticed about the file itself (unreadable, encoding fallback)."""

    code: str
    message: str
    span: Span


@by_arguments
@dataclass(frozen=True, slots=True)
class Dossier:
    path: str
    fingerprint: str
    region: str | None
    department: str | None
    campaign: str | None
    published: str | None
    figures: tuple[Figure, ...]
    lists: tuple[EntryList, ...]
    dates: tuple[DateMention, ...]
    notes: tuple[FileNote, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    readable: bool = True
    totals: tuple[TableTotal, ...] = ()

    def figures_named(self, name: str) -> tuple[Figure, ...]:
        return tuple(f for f in self.figures if f.name == name and f.compared)


@by_arguments
@dataclass(frozen=True, slots=True)
class Location:
    path: str
    span: Span
    message: str = ""


@by_arguments
@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of a one-line span (which must still read `original`) with `replacement`."""

    span: Span
    original: str
    replacement: str


@by_arguments
@dataclass(frozen=True, slots=True)
class Fix:
    """Edits of one file that mend a finding (ruff's model): `safe` ones keep the dossier's meaning
    as the corpus confirms it, unsafe ones change what it claims and are applied only on request."""

    message: str
    safe: bool
    edits: tuple[Edit, ...]


@by_arguments
@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    related: tuple[Location, ...] = ()
    fingerprint: str = field(default="", compare=False)
    fix: Fix | None = field(default=None, compare=False)

    @property
    def sort_key(self) -> tuple:
        span = self.location.span
        return (self.location.path, span.page, span.line, span.column, self.code, self.message)
