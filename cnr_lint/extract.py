"""extract: blocks to a Dossier (figures, lists of entries, dates, region, department, campaign).

Everything document-specific comes from the profile; this module only knows the shapes:
a figure is a number slot in a sentence, a list is a stated count followed by items or
entries, an entry is a title, some text and a status line.
"""

from __future__ import annotations

import datetime
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace

from cnr_lint import patterns
from cnr_lint.dates import DateMatch, Period, find_dates, parse_date
from cnr_lint.folding import lower
from cnr_lint.models import DateMention, Dossier, Entry, EntryList, FileNote, Figure, Span, Suppression
from cnr_lint.numbers import NUMBER_START_WORDS, parse_number
from cnr_lint.pack import Profile
from cnr_lint.parse import Block, Parsed
from cnr_lint.read import Source
from cnr_lint.reference import Reference, fold

# The break is the group: starting with the punctuation itself rather than a lookbehind lets
# re skip from one punctuation mark to the next.
_SENTENCE_BREAK = re.compile(r"[.!?…](\s+)(?=[^\s\w]*[A-ZÀ-ÝŒ0-9])")
_SUPPRESSION = re.compile(r"<!--\s*cnr-lint:\s*(disable-next-line|disable)\s+([A-Z0-9, ]+?)\s*-->")
_ERROR_LINE = re.compile(r"line (\d+)\b")
_COMMENT_OR_BLANK = re.compile(r"^\s*(?:<!--.*-->\s*)?$")
# The word that introduces an as-of date, kept for messages: "au 8 novembre 2023", "sur l'année 2023".
_AS_OF_LEAD = re.compile(r"(?<![\w'])(?:sur|au|en|à|dès le|dès|depuis le|depuis|le|du|fin|début)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _FigureMatcher:
    name: str
    unit: str
    scope: str
    section: str
    slot: patterns.SlotPattern
    follows: int  # the index of its group among those of CompiledProfile.followers


@dataclass(frozen=True, slots=True)
class _ListMatcher:
    name: str
    items: str
    section: str
    slot: patterns.SlotPattern
    follows: int


class CompiledProfile:
    """A profile with every pattern compiled once, slots filled in."""

    def __init__(self, profile: Profile) -> None:
        q = profile.qualifiers
        self.profile = profile
        self.approximately = {_fold_words(w) for w in q.approximately.words}
        self.more_than = {_fold_words(w) for w in q.more_than.words}
        self.less_than = {_fold_words(w) for w in q.less_than.words}
        self.approximate_share = q.approximately.share
        self.round_nouns = {noun.lower(): bounds for noun, bounds in q.round_nouns.items()}
        qualifiers = patterns.qualifier_pattern(
            [*q.approximately.words, *q.more_than.words, *q.less_than.words]
        )
        nouns = list(self.round_nouns)
        self.number = patterns.number_slot(qualifiers, nouns)
        first_words = {w.split()[0].rstrip("'") for w in (*q.approximately.words, *q.more_than.words, *q.less_than.words)}
        starts = {*NUMBER_START_WORDS, *first_words}
        # A class of the words' first characters, tested before the words: one test turns away
        # most word starts. (A qualifier of apostrophes only leaves an empty word: no class then.)
        first_characters = "" if "" in starts else r"(?=[\d" + "".join(sorted({re.escape(w[0]) for w in starts})) + "])"
        # The slot, tried only where a number can begin (a digit, a number word, a qualifier):
        # the lookahead fails fast elsewhere, which halves the time of a scan of every position,
        # and its words factored by their prefixes, after the class, halve it again.
        self.number_scan = re.compile(
            r"(?<!\w)" + first_characters + r"(?=\d|(?<!-)" + patterns.prefix_tree(starts) + r"(?!\w))"
            + self.number.pattern,
            re.IGNORECASE,
        )
        figure_slots = [(spec, patterns.slot_pattern(p)) for spec in profile.figures for p in spec.patterns]
        list_slots = [(spec, patterns.slot_pattern(p)) for spec in profile.lists for p in spec.stated]
        self.figures = tuple(
            _FigureMatcher(spec.name, spec.unit, spec.scope, spec.section, slot, index)
            for index, (spec, slot) in enumerate(figure_slots)
        )
        self.lists = tuple(
            _ListMatcher(spec.name, spec.items, spec.section, slot, len(figure_slots) + index)
            for index, (spec, slot) in enumerate(list_slots)
        )
        self.figures_in = _by_section(self.figures)
        slots = [slot for _, slot in (*figure_slots, *list_slots)]
        # Which patterns can match after a number, found in one match at its end: a lookahead
        # per pattern, over the texts its part after {n} starts with (empty, so always there,
        # for a pattern that starts otherwise).
        self.followers = re.compile(
            "".join(f"(?=({patterns.prefix_tree(slot.heads)})?)" if slot.heads else "(?=())" for slot in slots),
            re.IGNORECASE,
        )
        # Most numbers are followed by none of those texts: one match of them all tells.
        self.any_follower = (
            re.compile(patterns.prefix_tree(set().union(*(slot.heads for slot in slots))), re.IGNORECASE)
            if all(slot.heads for slot in slots)
            else None
        )
        # One search of the lowercased text for any of the words, rather than a test per word.
        self.figure_words = (
            re.compile(patterns.prefix_tree(set().union(*(slot.keywords for slot in slots))))
            if all(slot.keywords for slot in slots)
            else None
        )
        self.titles = tuple(patterns.compile_plain(p) for p in profile.title)
        self.sections = tuple(patterns.compile_plain(p) for p in profile.department_section)
        self.section_ends = tuple(patterns.compile_plain(p) for p in profile.section_end)
        self.launches = tuple(patterns.compile_plain(p) for p in profile.launch)
        self.status_line = re.compile(profile.status_line)
        self.status_suffix = re.compile(profile.status_suffix) if profile.status_suffix else None
        self.statuses = {
            fold(word): value for value, words in profile.statuses.items() for word in words
        }
        self.table_department = {fold(h) for h in profile.tables.department_column}
        self.table_columns = {fold(h): name for h, name in profile.tables.columns.items()}
        self.units = {spec.name: spec.unit for spec in profile.figures}


def _by_section(matchers: tuple) -> dict[str, tuple]:
    """The matchers that apply in the regional part, and those that apply in a department's."""
    return {
        section: tuple(m for m in matchers if m.section in ("any", section)) for section in ("region", "department")
    }


def _may_state_figures(text: str, profile: CompiledProfile) -> bool:
    """False when no figure or stated-count pattern can match: none of their words is there."""
    return profile.figure_words is None or profile.figure_words.search(lower(text)) is not None


def numbers_in(text: str, profile: CompiledProfile) -> tuple[re.Match[str], ...]:
    """Every {n} slot match of the text, left to right."""
    return tuple(profile.number_scan.finditer(text))


def _numbers_to_try(text: str, profile: CompiledProfile) -> tuple[tuple[re.Match[str], tuple], ...]:
    """The {n} slot matches of the text that a figure or list pattern may follow, each with what
    `CompiledProfile.followers` finds after it. The others can be part of no figure and no list."""
    found = []
    for number in numbers_in(text, profile):
        end = number.end()
        if profile.any_follower is None or profile.any_follower.match(text, end):
            found.append((number, profile.followers.match(text, end).groups()))
    return tuple(found)


def _fold_words(text: str) -> str:
    return " ".join(lower(text).replace("’", "'").split())


# -- the dossier ---------------------------------------------------------------------------------


def extract(source: Source, parsed: Parsed, profile: CompiledProfile, reference: Reference) -> Dossier:
    blocks = parsed.blocks
    front = parsed.front_matter
    notes = list(_file_notes(source, parsed))
    dates_by_block = _dates(blocks)
    numbers = [
        _numbers_to_try(b.text, profile) if b.kind != "row" and _may_state_figures(b.text, profile) else ()
        for b in blocks
    ]
    title_department, campaign_label = _title(blocks, profile)
    department = reference.department(_text(front.get("department"))) or reference.department(title_department)
    sections = _sections(blocks, profile, reference)
    if department is None:
        department = next((d for d in sections if d), None)
    region = _region(front, department, blocks, reference)
    default_as_of = _period_of(front.get("as_of"))
    figures = _figures(blocks, numbers, sections, dates_by_block, profile, department, default_as_of)
    figures += _table_figures(blocks, profile, reference)
    lists = _lists(blocks, numbers, sections, profile, department)
    published = _text(front.get("published"))
    campaign = _text(front.get("campaign")) or _campaign(
        campaign_label, published, figures, lambda: _launch_year(blocks, profile), dates_by_block
    )
    dossier = Dossier(
        path=source.path,
        fingerprint=source.digest,
        region=region,
        department=department,
        campaign=campaign,
        published=published,
        figures=tuple(figures),
        lists=tuple(lists),
        dates=tuple(mention for block_dates in dates_by_block for _, mention in block_dates),
        notes=tuple(notes),
        suppressions=tuple(_suppressions(source.lines)),
    )
    return _on_pages(dossier, source.page_starts) if source.page_starts else dossier


def _on_pages(dossier: Dossier, page_starts: tuple[int, ...]) -> Dossier:
    """The dossier of a PDF with each place a line of its page: "page 3, line 12" is what a
    reader of the PDF can find. A span ending on a later page counts its end from its start's page."""

    def move(span: Span) -> Span:
        page = bisect_right(page_starts, span.line)
        first = page_starts[page - 1]
        return Span(span.line - first + 1, span.column, span.end_line - first + 1, span.end_column, page)

    return replace(
        dossier,
        figures=tuple(replace(f, span=move(f.span)) for f in dossier.figures),
        lists=tuple(
            replace(lst, span=move(lst.span), entries=tuple(replace(e, span=move(e.span)) for e in lst.entries))
            for lst in dossier.lists
        ),
        dates=tuple(replace(d, span=move(d.span)) for d in dossier.dates),
        notes=tuple(replace(n, span=move(n.span)) for n in dossier.notes),
    )


def _text(value: object) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else str(value)


def _file_notes(source: Source, parsed: Parsed):
    if source.encoding == "cp1252":
        yield FileNote(
            "encoding-fallback",
            "decoded as cp1252 (Windows-1252): the file is not valid UTF-8",
            Span(source.fallback_line, 1, source.fallback_line, 1),
        )
    if parsed.front_matter_error:
        at = _ERROR_LINE.match(parsed.front_matter_error)
        line = int(at.group(1)) if at else 1
        yield FileNote("front-matter", f"front matter: {parsed.front_matter_error}", Span(line, 1, line, 1))


def _suppressions(lines: tuple[str, ...]):
    for index, line in enumerate(lines):
        if "cnr-lint:" not in line:
            continue
        for match in _SUPPRESSION.finditer(line):
            codes = tuple(c for c in re.split(r"[\s,]+", match.group(2)) if c)
            if match.group(1) == "disable":
                yield Suppression(codes, None, index + 1)
                continue
            target = next(
                (n for n in range(index + 1, len(lines)) if not _COMMENT_OR_BLANK.match(lines[n])), index + 1
            )
            yield Suppression(codes, target + 1, index + 1)


def _title(blocks: tuple[Block, ...], profile: CompiledProfile) -> tuple[str | None, str | None]:
    for block in blocks[:12]:
        for pattern in profile.titles:
            match = pattern.search(block.text)
            if match:
                groups = match.groupdict()
                campaign = groups.get("campaign")
                return groups.get("department"), _campaign_label(campaign) if campaign else None
    return None, None


def _sections(blocks: tuple[Block, ...], profile: CompiledProfile, reference: Reference) -> list[str | None]:
    """For each block, the department whose own part it belongs to (None: the regional part)."""
    sections: list[str | None] = []
    current: str | None = None
    level = 0
    for block in blocks:
        text = block.text.strip()
        if block.kind in ("heading", "paragraph"):
            started = _department_heading(text, profile, reference)
            if started:
                current, level = started, block.level if block.kind == "heading" else 0
                sections.append(None)
                continue
            if current and (
                any(p.search(text) for p in profile.section_ends)
                or (block.kind == "heading" and level and block.level <= level)
            ):
                current = None
        sections.append(current)
    return sections


def _department_heading(text: str, profile: CompiledProfile, reference: Reference) -> str | None:
    for pattern in profile.sections:
        match = pattern.fullmatch(text.rstrip(" :."))
        if match and match.groupdict().get("department"):
            return reference.department(match.group("department")) or match.group("department")
    return None


def _region(front: dict, department: str | None, blocks: tuple[Block, ...], reference: Reference) -> str | None:
    named = _text(front.get("region"))
    if named:
        found = reference.region(named)
        return found.name if found else named
    if department and reference.region_of(department):
        return reference.region_of(department).name
    for block in blocks:
        found = reference.find_region(block.text)
        if found:
            return found.name
    return None


def _campaign(label, published, figures: list[Figure], launch_year, dates_by_block) -> str | None:
    """The title's campaign ("1 an après") with its year.

    The year is the publication's, else that of the dated regional figures (the progress
    snapshot), else, for "N an(s) après", N years after the launch the dossier states, else
    the year the dossier cites most.
    """
    if label is None:
        return None
    year = None
    if published and re.match(r"\d{4}", published):
        year = int(published[:4])
    if year is None:
        year = next((f.as_of.end.year for f in figures if f.as_of and f.scope == "region"), None)
    after = re.match(r"(\d+) ans? après", label)
    launched = launch_year() if year is None and after else None
    if launched:
        year = launched + int(after.group(1))
    if year is None:
        cited = Counter(d.period.start.year for block_dates in dates_by_block for d, _ in block_dates if d.has_year)
        year = cited.most_common(1)[0][0] if cited else None
    return f"{label} {year}" if year else label


def _launch_year(blocks: tuple[Block, ...], profile: CompiledProfile) -> int | None:
    for block in blocks[:40]:
        for pattern in profile.launches:
            found = pattern.search(block.text)
            if found and found.group("date"):
                launch = parse_date(found.group("date"), None)
                if launch is not None:
                    return launch.period.start.year
    return None


def _campaign_label(text: str) -> str:
    """ "Un an après" -> "1 an après": the number in digits, so that both spellings group together."""
    words = _fold_words(text)
    number, _, rest = words.partition(" ")
    parsed = parse_number(number) if not number.isdigit() else None
    return f"{int(parsed.value)} {rest}" if parsed is not None and parsed.value.is_integer() else words


def _period_of(value: object) -> Period | None:
    if isinstance(value, datetime.date):
        return Period(value, value)
    if isinstance(value, str):
        found = find_dates(value, None)
        if found:
            return found[0].period
    return None


# -- dates ---------------------------------------------------------------------------------------


def _dates(blocks: tuple[Block, ...]) -> list[tuple[tuple[DateMatch, DateMention], ...]]:
    """Dates of each block; a date without a year takes the year of the last full date before it."""
    context_year: int | None = None
    result = []
    for block in blocks:
        found = []
        for match in find_dates(block.text, context_year):
            found.append((match, _mention(block, match)))
            if match.is_day and match.has_year:
                context_year = match.period.start.year
        result.append(tuple(found))
    return result


def _mention(block: Block, match: DateMatch) -> DateMention:
    return DateMention(match.text, match.period, match.weekday, match.is_day, _span(block, match.start, match.end))


def _span(block: Block, start: int, end: int) -> Span:
    line, column = block.position(start)
    end_line, end_column = block.position(max(end - 1, start))
    return Span(line, column, end_line, end_column + 1)


# -- figures -------------------------------------------------------------------------------------


def _figures(blocks, numbers, sections, dates_by_block, profile: CompiledProfile, department, default_as_of) -> list[Figure]:
    figures: list[Figure] = []
    for block, block_numbers, section_department, block_dates in zip(blocks, numbers, sections, dates_by_block):
        if not block_numbers:
            continue
        matchers = profile.figures_in["department" if section_department else "region"]
        sentences = _sentences(block.text)
        for number, followers in block_numbers:
            start, end = number.span()
            sentence = _sentence_of(sentences, start)
            for matcher in matchers:
                if followers[matcher.follows] is None:
                    continue
                hit = matcher.slot.match_at(block.text, start, end, sentence[0])
                if hit is None:
                    continue
                figure = _figure(block, number, hit, matcher, profile, sentence, block_dates, default_as_of)
                if figure is not None:
                    scope_department = section_department or department if matcher.scope == "department" else None
                    figures.append(_with_department(figure, scope_department))
    return figures


def _with_department(figure: Figure, department: str | None) -> Figure:
    if figure.department == department:
        return figure
    return Figure(
        figure.name, figure.low, figure.high, figure.low_open, figure.high_open, figure.unit, figure.qualifier,
        figure.as_of, figure.as_of_text, figure.scope, department, figure.text, figure.span,
    )


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, in order; the breaks between them are left out."""
    bounds = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        bounds.append((start, match.start(1)))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _sentence_of(sentences: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence holding the offset; the last one for an offset inside a break."""
    sentence = sentences[bisect_right(sentences, (offset, math.inf)) - 1]
    return sentence if offset <= sentence[1] else sentences[-1]


def _figure(block, number, hit, matcher, profile: CompiledProfile, sentence, block_dates, default_as_of) -> Figure | None:
    value = interval(number, profile)
    if value is None:
        return None
    low, high, low_open, high_open, qualifier = value
    start = number.start()
    as_of, as_of_text = _as_of(hit, start, sentence, block_dates, default_as_of, block.text)
    return Figure(
        name=matcher.name,
        low=low,
        high=high,
        low_open=low_open,
        high_open=high_open,
        unit=matcher.unit,
        qualifier=qualifier,
        as_of=as_of,
        as_of_text=as_of_text,
        scope=matcher.scope,
        department=None,
        text=block.text[start:hit.end],
        span=_span(block, start, hit.end),
    )


def interval(match: re.Match[str], profile: CompiledProfile):
    """(low, high, low_open, high_open, qualifier) of a {n} slot match, by the profile's rules."""
    qualifier = _fold_words(match.group("qualifier")) if match.group("qualifier") else None
    if match.group("round"):
        noun = lower(match.group("round")).split()[-1].rstrip("s")
        low, high = profile.round_nouns[noun]
        return float(low), float(high), False, False, _fold_words(match.group("round"))
    number = parse_number(match.group("n"))
    if number is None:
        return None
    value = number.value
    if qualifier in profile.approximately:
        tolerance = value * profile.approximate_share
        return value - tolerance, value + tolerance, False, False, qualifier
    if qualifier in profile.more_than:
        return value, value + number.step, True, False, qualifier
    if qualifier in profile.less_than:
        return max(value - number.step, 0.0), value, False, True, qualifier
    return value, value, False, False, None


def _as_of(hit, start, sentence, block_dates, default_as_of, text) -> tuple[Period | None, str | None]:
    """The figure's own {date}, else the nearest date of its sentence (before it, then after)."""
    if hit.date:
        own = parse_date(hit.date, default_as_of.end.year if default_as_of else None)
        if own is not None:
            return own.period, own.text
    sentence_start, sentence_end = sentence
    before = after = None
    for date, _ in block_dates:
        if date.start < sentence_start or date.end > sentence_end:
            continue
        if date.end <= start:
            before = date
        elif date.start >= hit.end and after is None:
            after = date
    chosen = before or after
    if chosen is None:
        return default_as_of, None
    lead = _AS_OF_LEAD.search(text, max(0, chosen.start - 12), chosen.start)
    return chosen.period, (lead.group(0) if lead else "") + chosen.text


# -- lists ---------------------------------------------------------------------------------------


def _stated(block: Block, block_numbers, matcher: _ListMatcher):
    """The first (number match, hit) of a list's stated-count pattern in the block, if any."""
    for number, followers in block_numbers:
        if followers[matcher.follows] is None:
            continue
        hit = matcher.slot.match_at(block.text, *number.span())
        if hit is not None:
            return number, hit
    return None


def _lists(blocks, numbers, sections, profile: CompiledProfile, department) -> list[EntryList]:
    lists = []
    for index, block in enumerate(blocks):
        if block.kind == "row":
            continue
        section = "department" if sections[index] else "region"
        for matcher in profile.lists:
            if matcher.section not in ("any", section):
                continue
            stated_match = _stated(block, numbers[index], matcher)
            if stated_match is None:
                continue
            number, hit = stated_match
            value = interval(number, profile)
            stated = int(value[0]) if value and value[0] == value[1] and value[0].is_integer() else None
            if matcher.items == "list":
                entries = _list_items(blocks, index + 1)
            else:
                entries = _entries(blocks, numbers, index + 1, profile)
            lists.append(
                EntryList(
                    name=matcher.name,
                    stated=stated,
                    stated_text=block.text[number.start():hit.end],
                    span=_span(block, number.start(), hit.end),
                    entries=tuple(entries),
                    department=sections[index] or department if matcher.name.startswith("department.") else None,
                )
            )
    return lists


def _list_items(blocks, start: int) -> list[Entry]:
    items = []
    depth = None
    for block in blocks[start:]:
        if block.kind != "item":
            break
        depth = block.level if depth is None else depth
        if block.level == depth:
            items.append(Entry(block.text, (), None, _block_span(block)))
    return items


def _block_span(block: Block) -> Span:
    return _span(block, 0, len(block.text))


def _is_end(block: Block, block_numbers, profile: CompiledProfile, limit_level: int) -> bool:
    if block.kind == "heading" and limit_level and block.level <= limit_level:
        return True
    if block.kind in ("heading", "paragraph"):
        text = block.text.strip()
        if any(p.search(text) for p in profile.section_ends):
            return True
        if any(p.fullmatch(text.rstrip(" :.")) for p in profile.sections):
            return True
        if block_numbers and any(_stated(block, block_numbers, m) for m in profile.lists):
            return True
    return False


_LONGEST_STATUS = 60


def _status_of(text: str, profile: CompiledProfile) -> str | None:
    """The status word when the whole text is one (known or not), else None."""
    if len(text) > _LONGEST_STATUS:
        return None
    bare = text.strip().strip("*_ ").strip()
    # The status line first: most statuses are written in capitals, and folding is slower.
    if profile.status_line.fullmatch(bare) or fold(bare) in profile.statuses:
        return bare
    return None


def _entries(blocks, numbers, start: int, profile: CompiledProfile) -> list[Entry]:
    """Entries from after the stated count to the end of the part.

    An entry starts at a heading or an emphasised line; in plain text, where titles have no
    markup, also at the first block after a status line. It ends at its status line; a status
    right after another status belongs to the same entry. Text after the last status that no
    heading introduces ("Ces projets seront présentés…") is not an entry.
    """
    entries: list[Entry] = []
    title: Block | None = None
    implicit = False  # the pending entry began only because a status line came before it
    statuses: list[str] = []
    previous_was_status = False
    entry_level = 0

    def close(at_end: bool = False) -> None:
        nonlocal title, statuses
        if title is not None and not (at_end and implicit and not statuses):
            entries.append(_entry(title, statuses, profile))
        title, statuses = None, []

    for index in range(start, len(blocks)):
        block = blocks[index]
        if _is_end(block, numbers[index], profile, entry_level - 1 if entry_level > 1 else 0):
            break
        status = _status_of(block.text, profile) if block.kind != "heading" else None
        if status is not None:
            if title is not None:
                statuses.append(status)
                close()
            elif previous_was_status and entries:
                entries[-1] = _entry_with(entries[-1], status)
            previous_was_status = True
            continue
        after_status, previous_was_status = previous_was_status, False
        suffix = profile.status_suffix.search(block.text) if profile.status_suffix else None
        if suffix and _status_of(suffix.group("status"), profile):
            close()
            entries.append(_entry(block, [suffix.group("status")], profile, block.text[: suffix.start()]))
            continue
        if block.kind == "heading" and not entry_level:
            entry_level = block.level
        marked = block.kind == "heading" or block.emphasised
        if marked or (title is None and not entry_level and block.kind != "item"):
            close()
            title, implicit = block, not marked and (after_status or bool(entries))
        elif title is None and block.kind == "item" and not entry_level:
            title, implicit = block, False
    close(at_end=True)
    return entries


def _entry(block: Block, statuses: list[str], profile: CompiledProfile, title: str | None = None) -> Entry:
    values = {profile.statuses.get(fold(s)) for s in statuses}
    status = values.pop() if len(statuses) == 1 and None not in values else None
    return Entry((title or block.text).strip().strip("*_ ").strip(), tuple(statuses), status, _block_span(block))


def _entry_with(entry: Entry, status: str) -> Entry:
    return Entry(entry.title, entry.statuses + (status,), None, entry.span)


# -- tables --------------------------------------------------------------------------------------


def _table_figures(blocks: tuple[Block, ...], profile: CompiledProfile, reference: Reference) -> list[Figure]:
    """Rows of a regional summary table: department figures scoped to the department they name."""
    if not profile.table_columns:
        return []
    figures = []
    header: tuple[str, ...] | None = None
    previous_kind = None
    for block in blocks:
        if block.kind != "row":
            previous_kind = block.kind
            header = None
            continue
        cells = block.cell_texts()
        if previous_kind != "row" or header is None:
            header = tuple(fold(c) for c in cells)
            previous_kind = "row"
            continue
        previous_kind = "row"
        department_index = next((i for i, h in enumerate(header) if h in profile.table_department), None)
        if department_index is None or department_index >= len(cells):
            continue
        department = reference.department(cells[department_index])
        if department is None:
            continue
        for column, heading in enumerate(header):
            name = profile.table_columns.get(heading)
            if name is None or column >= len(cells):
                continue
            figure = _cell_figure(block, column, name, department, profile)
            if figure is not None:
                figures.append(figure)
    return figures


def _cell_figure(block: Block, column: int, name: str, department: str, profile: CompiledProfile) -> Figure | None:
    cell_start, cell_end = block.cells[column]
    match = next((m for m in numbers_in(block.text[:cell_end], profile) if m.start() >= cell_start), None)
    if match is None:
        return None
    value = interval(match, profile)
    if value is None:
        return None
    low, high, low_open, high_open, qualifier = value
    return Figure(
        name=name, low=low, high=high, low_open=low_open, high_open=high_open,
        unit=profile.units.get(name, "projects" if ".projects" in name else ""),
        qualifier=qualifier, as_of=None, as_of_text=None, scope="department", department=department,
        text=block.text[match.start():match.end()], span=_span(block, match.start(), match.end()),
    )
