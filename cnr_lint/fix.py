"""fix: the edits that would mend a finding, proposed after the checks (ruff's model).

A fix is a set of one-line edits of one dossier, each checked against the file's text as it is
now, with an applicability: safe when the corpus confirms what the edit writes, unsafe when it
changes what the dossier claims on a guess (applied only with --unsafe-fixes). A finding gets a
fix only when its mend is unambiguous; otherwise it gets none.

- weekday (CNR105), safe: the weekday set to the date's, when another dossier of the group
  states the same day (the date is confirmed, so the weekday is what is wrong);
- snapshot-order "stale" (CNR202), safe: the older snapshot's realised and in-progress values and
  its as-of day replaced by those of the newest snapshot the finding names, unless that day is
  after the dossier's publication or other than its front matter's as_of;
- list-count (CNR101, CNR103), unsafe: the stated count set to the number of entries listed,
  unless another dossier of the group states the same count;
- agreement (CNR201, CNR205), unsafe: the figure set to the value a strict majority, of at
  least three, of the group's dossiers state, as they write it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from cnr_lint.engine import Selection, groups
from cnr_lint.models import DateMention, Dossier, Edit, Figure, Finding, Fix, Span
from cnr_lint.numbers import parse_number, value_phrase

# A majority of two (two dossiers against one) is too weak a guess to write.
_MAJORITY_AT_LEAST = 3
# Counts a list states in words ("trois grands défis") are rewritten in words up to seize;
# "un"/"une" is left out, since the noun's gender decides it.
_WORDS = ("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
          "treize", "quatorze", "quinze", "seize")


class _Corpus:
    """The dossiers of the run, their groups, and the text of the files fixes are proposed for."""

    def __init__(self, loaded, read_lines: Callable[[str], tuple[str, ...]]) -> None:
        self.by_path = {item.path: item for item in loaded}
        self.group_of = {m.path: members for members in groups(loaded).values() for m in members}
        self._read_lines = read_lines
        self._lines: dict[str, tuple[str, ...]] = {}  # read when a fix is checked against it
        self._pages: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}  # a PDF's lines and page starts

    def dossier(self, path: str) -> Dossier | None:
        item = self.by_path.get(path)
        return item.dossier if item is not None else None

    def others(self, dossier: Dossier) -> list[Dossier]:
        return [m.dossier for m in self.group_of.get(dossier.path, ()) if m.path != dossier.path]

    def group(self, dossier: Dossier) -> list[Dossier]:
        return [m.dossier for m in self.group_of.get(dossier.path, ())]

    def edit(self, path: str, at: Span, column: int, original: str, replacement: str) -> Edit | None:
        """An edit of `original` at `column` of the line of `at` (a line of its page, in a PDF),
        or None when the file does not read so there, or when the word before it is elided to fit
        the original ("d'environ" cannot become "d'3,4")."""
        line = self._line(path, at)
        if not original or original == replacement or line is None:
            return None
        if line[column - 1:column - 1 + len(original)] != original:
            return None
        if line[column - 2:column - 1] in ("'", "\u2019") and _vowel(original) != _vowel(replacement):
            return None
        return Edit(Span(at.line, column, at.line, column + len(original), at.page), original, replacement)

    def front_matter(self, path: str) -> dict:
        """The front matter of a text dossier as the file reads now ({} for none, or a PDF's)."""
        from cnr_lint.parse import split_front_matter

        return split_front_matter(self._text_lines(path), path)[1]

    def _text_lines(self, path: str) -> tuple[str, ...]:
        lines = self._lines.get(path)
        if lines is None:
            lines = self._lines[path] = self._read_lines(path)
        return lines

    def _line(self, path: str, at: Span) -> str | None:
        if at.page:  # a PDF, never an editor's buffer: its lines are counted from the top of their page
            from cnr_lint.read import document_line, paged_lines_of

            if path not in self._pages:
                self._pages[path] = paged_lines_of(path)
            lines, starts = self._pages[path]
            number = document_line(starts, at.page, at.line)
        else:
            lines = self._text_lines(path)
            number = at.line
        return lines[number - 1] if 0 < number <= len(lines) else None


def propose(findings: Iterable[Finding], loaded, selection: Selection,
            read_lines: Callable[[str], tuple[str, ...]] | None = None) -> list[Finding]:
    """The findings, each with its fix when one is known. A fix is checked against the text
    `read_lines` gives (an editor's unsaved buffer), by default the file's."""
    from cnr_lint.read import lines_of

    rules = {rule.code: rule for rule in selection.rules}
    corpus = _Corpus(loaded, read_lines or lines_of)
    proposed = []
    for finding in findings:
        rule = rules.get(finding.code)
        mend = _MENDS.get(rule.kind) if rule is not None else None
        dossier = corpus.dossier(finding.location.path) if mend else None
        fix = mend(finding, rule, dossier, corpus) if dossier is not None else None
        proposed.append(replace(finding, fix=fix) if fix is not None else finding)
    return proposed


# -- the mends, one per check kind ---------------------------------------------------------------


def _weekday(finding: Finding, rule, dossier: Dossier, corpus: _Corpus) -> Fix | None:
    from cnr_lint.dates import weekday_name

    mention = next((m for m in dossier.dates if m.span == finding.location.span and m.weekday), None)
    if mention is None or not mention.is_day:
        return None
    confirmed = any(m.is_day and m.period == mention.period for other in corpus.others(dossier) for m in other.dates)
    if not confirmed:
        return None
    at = mention.text.lower().find(mention.weekday.lower())
    if at < 0:
        return None
    written = mention.text[at:at + len(mention.weekday)]
    actual = _like(written, weekday_name(mention.period.start))
    edit = corpus.edit(dossier.path, mention.span, mention.span.column + at, written, actual)
    if edit is None:
        return None
    return Fix(f'replace "{written}" with "{actual}", the weekday of {mention.period.start}', True, (edit,))


def _stale(finding: Finding, rule, dossier: Dossier, corpus: _Corpus) -> Fix | None:
    params = rule.params  # validated at load; read as given, so that no pydantic model is built
    if params["mode"] != "stale" or len(finding.related) < 2:
        return None
    older = _snapshot(dossier, params, finding.location.span)
    newest_dossier = corpus.dossier(finding.related[0].path)
    newest = _snapshot(newest_dossier, params, finding.related[0].span) if newest_dossier else None
    if older is None or newest is None or not all(_exact(f) for f in (*older, *newest)):
        return None
    older_day = _day_of(dossier, older[0])
    newest_day = _day_of(newest_dossier, newest[0])
    if older_day is None or newest_day is None:
        return None  # new values under the old date would state what no dossier says
    if not _may_claim(dossier, corpus.front_matter(dossier.path), newest_day):
        return None
    edits = [
        _figure_edit(corpus, dossier, older[0], _written_value(newest[0])),
        _figure_edit(corpus, dossier, older[1], _written_value(newest[1])),
        corpus.edit(dossier.path, older_day.span, older_day.span.column, older_day.text, newest_day.text),
    ]
    if None in edits:
        return None
    values = f"{_written_value(newest[0])} / {_written_value(newest[1])} ({newest_day.text})"
    return Fix(f"bring the snapshot up to date: {values}, as {newest_dossier.path} states", True, tuple(edits))


def _list_count(finding: Finding, rule, dossier: Dossier, corpus: _Corpus) -> Fix | None:
    name = rule.params["list"]
    entry_list = next((e for e in dossier.lists if e.name == name and e.span == finding.location.span), None)
    if entry_list is None or not entry_list.stated_text:
        return None
    listed = len(entry_list.entries)
    if listed < 2:
        return None  # "1 projets concrets": the noun's number would change too
    if any(f.name == name and f.department == entry_list.department and f.low == entry_list.stated
           for other in corpus.others(dossier) for f in other.figures):
        return None  # another dossier states the same count: the list may be what is wrong
    phrase = _written(entry_list.stated_text, None)
    if phrase is None:
        return None
    in_words = not phrase[0].isdigit()
    count = _WORDS[listed - 2] if in_words and 2 <= listed < len(_WORDS) + 2 else str(listed)
    span = entry_list.span
    edit = corpus.edit(dossier.path, span, span.column, phrase, _like(phrase, count))
    if edit is None:
        return None
    return Fix(f'state the {listed} entries listed: "{edit.replacement}"', False, (edit,))


def _agreement(finding: Finding, rule, dossier: Dossier, corpus: _Corpus) -> Fix | None:
    params = rule.params
    by_department = params["scope"] == "department"
    figure = next((f for f in dossier.figures if f.span == finding.location.span and f.name in params["figures"]), None)
    if figure is None:
        return None
    department = figure.department if by_department else None
    stating: dict[str, list[Figure]] = {}  # by dossier: what each comparable one states
    for other in corpus.group(dossier):
        for candidate in other.figures:
            if (candidate.name == figure.name and (not by_department or candidate.department == department)
                    and candidate.at_same_time(figure)):
                stating.setdefault(other.path, []).append(candidate)
    votes: dict[tuple, list[Figure]] = {}
    for path, stated in stating.items():
        for key in {_interval(f) for f in stated}:
            votes.setdefault(key, []).append(next(f for f in stated if _interval(f) == key))
    if not votes:
        return None
    holders = max(votes.values(), key=len)
    if len(holders) < _MAJORITY_AT_LEAST or len(holders) * 2 <= len(stating) or figure.agrees_with(holders[0]):
        return None
    model = holders[0]
    ours, theirs = _written_value(figure), _written_value(model)
    if ours is None or theirs is None or figure.text[len(ours):].lower() != model.text[len(theirs):].lower():
        return None  # worded differently: rewriting the value alone could make nonsense
    edit = _figure_edit(corpus, dossier, figure, theirs)
    if edit is None:
        return None
    return Fix(f'state the value {len(holders)} of the {len(stating)} dossiers state: "{edit.replacement}"', False, (edit,))


_MENDS: dict[str, Callable[..., Fix | None]] = {
    "weekday": _weekday,
    "snapshot-order": _stale,
    "list-count": _list_count,
    "agreement": _agreement,
}


# -- helpers -------------------------------------------------------------------------------------


def _written_value(figure: Figure) -> str | None:
    return _written(figure.text, figure.qualifier)


def _written(text: str, qualifier: str | None) -> str | None:
    """The value at the start of a figure's text, its qualifier then its number ("Plus de 2,9
    millions"); None when other words come first ("réalisés : 10"), which an edit must keep."""
    phrase = value_phrase(text)
    lead = qualifier or ""
    if phrase is None or not phrase.lower().startswith(lead) or parse_number(phrase[len(lead):]) is None:
        return None
    return phrase


def _figure_edit(corpus: _Corpus, dossier: Dossier, figure: Figure, replacement: str | None) -> Edit | None:
    phrase = _written_value(figure)
    if phrase is None or replacement is None:
        return None
    return corpus.edit(dossier.path, figure.span, figure.span.column, phrase, _like(phrase, replacement))


def _snapshot(dossier: Dossier, params, span: Span) -> tuple[Figure, Figure] | None:
    """The (realised, in progress) snapshot whose realised figure is at `span`, as the check took it."""
    realised = dossier.figures_named(params["realised"])
    in_progress = dossier.figures_named(params["in_progress"])
    if not realised or not in_progress or realised[0].span != span:
        return None
    return realised[0], in_progress[0]


def _day_of(dossier: Dossier, figure: Figure) -> DateMention | None:
    """The one day mention on the figure's line that gives its as-of date."""
    days = [m for m in dossier.dates if m.is_day and m.period == figure.as_of and m.span.line == figure.span.line]
    return days[0] if len(days) == 1 else None


def _may_claim(dossier: Dossier, front: dict, day: DateMention) -> bool:
    """Whether the dossier may state `day`: not after its publication (a day, month or year), and
    the as-of date its front matter gives, if any (the fix leaves the front matter as it is)."""
    written = day.period.start.isoformat()
    if dossier.published and written[:len(dossier.published)] > dossier.published:
        return False
    return "as_of" not in front or str(front["as_of"]) == written


def _exact(figure: Figure) -> bool:
    return figure.low == figure.high and not figure.low_open and not figure.high_open


def _interval(figure: Figure) -> tuple:
    return figure.low, figure.high, figure.low_open, figure.high_open


def _vowel(text: str) -> bool:
    return text[:1].lower() in "aeiouyéèêàâîôûh"


def _like(written: str, new: str) -> str:
    """`new` in the case `written` has: "Mardi" -> "Lundi", "PLUS DE 800" -> "PRÈS DE 700"."""
    if len(written) > 1 and written.isupper():
        return new.upper()
    if written[:1].isupper():
        return new[:1].upper() + new[1:]
    if written[:1].islower():
        return new[:1].lower() + new[1:]
    return new
