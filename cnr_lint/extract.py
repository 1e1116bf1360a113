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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from cnr_lint import patterns
from cnr_lint.dates import DateMatch, Period, find_dates, find_weekday_days, may_hold_thirds, parse_date
from cnr_lint.folding import lower
from cnr_lint.models import DateMention, Dossier, Entry, EntryList, FileNote, Figure, Span, Suppression, TableTotal
from cnr_lint.numbers import NUMBER_START_WORDS, integer_number, parse_number
from cnr_lint.pack import ListSpec, Profile
from cnr_lint.parse import FRONT_MATTER_KEYS, Block, Parsed
from cnr_lint.read import Source
from cnr_lint.reference import DEPARTMENT_CODE, Reference, Region, fold
from cnr_lint.statuses import StatusVocabulary
from cnr_lint.yamlfile import nearest

# The break is the group: starting with the punctuation itself rather than a lookbehind lets
# re skip from one punctuation mark to the next.
_SENTENCE_BREAK = re.compile(r"[.!?…](\s+)(?=[^\s\w]*[A-ZÀ-ÝŒ0-9])")
# Codes in any case, as --select takes them ("cnr105" is CNR105).
_SUPPRESSION = re.compile(r"<!--\s*cnr-lint:\s*(disable-next-line|disable)\s+([A-Za-z0-9, ]+?)\s*-->")
_CNR_LINT_COMMENT = re.compile(r"<!--\s*cnr-lint:(.*?)-->")
_ERROR_LINE = re.compile(r"line (\d+)\b")
_COMMENT_OR_BLANK = re.compile(r"^\s*(?:<!--.*-->\s*)?$")
# The word that introduces an as-of date, kept for messages: "au 8 novembre 2023", "sur l'année 2023".
_AS_OF_LEAD = re.compile(
    r"(?<![\w'])(?:sur|au|en|à|dès le|dès|depuis le|depuis|le|du|fin|début|entre le|entre)(?:\s+|\s+l['’]|\s+la\s+)$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _FigureMatcher:
    name: str
    unit: str
    scope: str
    section: str
    slot: patterns.SlotPattern
    follows: int  # the index of its group among those of CompiledProfile.followers
    # Declared by words with predicates: "les trois projets encore en cours" names a part
    # counted elsewhere again ("les six départements" is the figure itself).
    part: bool = False
    # Its noun left out, a count of it written before ("Onze projets en sont sortis : quatre sont
    # réalisés"): a part of that count.
    elided: bool = False


@dataclass(frozen=True, slots=True)
class _LabelMatcher:
    """A figure declared by words, as the label of a value: "Projets réalisés : 14"."""

    name: str
    unit: str
    scope: str
    section: str
    label: re.Pattern[str]
    elided_label: re.Pattern[str] | None
    noun: re.Pattern[str]
    total: bool  # declared with predicates and `elision: false`: the count of all its noun's things


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
        self.nearly = {_fold_words(w) for w in q.nearly.words}
        self.nearly_share = q.nearly.share
        self.more_than = {_fold_words(w) for w in q.more_than.words}
        self.less_than = {_fold_words(w) for w in q.less_than.words}
        self.approximate_share = q.approximately.share
        self.round_nouns = {noun.lower(): bounds for noun, bounds in q.round_nouns.items()}
        qualifiers = patterns.qualifier_pattern(
            [*q.approximately.words, *q.nearly.words, *q.more_than.words, *q.less_than.words]
        )
        nouns = list(self.round_nouns)
        self.number = patterns.number_slot(qualifiers, nouns)
        first_words = {w.split()[0].rstrip("'") for w in (*q.approximately.words, *q.nearly.words, *q.more_than.words,
                                                          *q.less_than.words)}
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
        labels = []
        list_slots = [(spec, patterns.slot_pattern(p)) for spec in profile.lists for p in spec.stated]
        pattern_words = set().union(*(slot.keywords for _, slot in (*figure_slots, *list_slots) if slot.keywords))
        labels = []
        # The words a block must hold to be read, for figures declared by words: the nouns of
        # those without predicates, as written ("participants": "participant" and
        # "départemental" are far more frequent than figures of one); for those with predicates,
        # a noun ("projet" too: "1 projet réalisé") and, with it, a predicate.
        plain_nouns: set[str] = set()
        qualified_nouns: set[str] = set()
        predicates: set[str] = set()
        # Lists of entries stated as a key figure, label first ("Projets concrets : 6") or value
        # first ("7 projets", a leaflet's big figure): (name, section, label, noun after a value).
        list_labels = []
        elided_slots = set()
        for spec in (*profile.figures, *profile.lists):
            if spec.words is None:
                continue
            is_list = isinstance(spec, ListSpec)
            # A stated count by words has its value-first form only ("Dix projets ont été retenus").
            elision = spec.words.elision and not is_list
            between = spec.words.between + (profile.scopes.department_people if spec.section == "department" else ())
            words = patterns.word_slots(spec.words.nouns, spec.words.predicates, between, elision)
            predicate_first = None if is_list else words.predicate_first
            slots = [slot for slot in (words.value_first, words.elided, predicate_first) if slot is not None]
            if is_list:
                counts = profile.list_counts
                slots.extend(patterns.counts_around_noun(
                    spec.words.nouns, counts.after_noun, counts.after_count, counts.before_noun,
                    _other_predicates(spec, profile.figures)))
            (list_slots if is_list else figure_slots).extend((spec, slot) for slot in slots)
            if words.elided is not None:
                elided_slots.add(id(words.elided))
            if is_list and spec.items == "entries":
                list_labels.append((spec.name, spec.section, re.compile(rf"\W*(?:{words.noun.pattern})\W*:\s*", re.I),
                                    re.compile(rf" (?:{words.noun.pattern})\W*", re.I)))
            if spec.words.predicates:
                qualified_nouns |= words.value_first.keywords
                predicates |= {lower(patterns.stem(w)) for w in spec.words.predicates}
            else:
                plain_nouns |= {lower(w) for w in spec.words.nouns}
            if not is_list:
                labels.append(
                    _LabelMatcher(spec.name, spec.unit, spec.scope, spec.section, words.label, words.elided_label, words.noun,
                                  bool(spec.words.predicates) and not spec.words.elision)
                )
        self.labels_in = _by_section(tuple(labels))
        # The figures that count all their noun's things ("38 projets issus des échanges"): the
        # whole a part "dont trois réalisés" may be of.
        self.totals = frozenset((label.name, label.unit) for label in labels if label.total and label.scope == "region")
        # How every label starts: a noun of a figure declared by words, or "dont" or a predicate
        # (its parts: "dont réalisés", "Réalisés" under the noun's label).
        self.label_starts = re.compile(
            patterns.prefix_tree({lower(patterns.stem(noun)) for spec in profile.figures if spec.words
                                  for noun in spec.words.nouns}
                                 | {lower(patterns.stem(predicate)) for spec in profile.figures
                                    if spec.words and spec.words.elision for predicate in spec.words.predicates}
                                 | {"dont"})
        )
        self.figures = tuple(
            _FigureMatcher(
                spec.name, spec.unit, spec.scope, spec.section, slot, index, bool(spec.words and spec.words.predicates),
                id(slot) in elided_slots,
            )
            for index, (spec, slot) in enumerate(figure_slots)
        )
        self.lists = tuple(
            _ListMatcher(spec.name, spec.items, spec.section, slot, len(figure_slots) + index)
            for index, (spec, slot) in enumerate(list_slots)
        )
        self.figures_in = _by_section(self.figures)
        self.list_labels = tuple(list_labels)
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
        # The words patterns state: what `cnr-lint facts --unmatched` looks for near a number.
        self.named_words = re.compile(
            r"(?<!\w)" + patterns.prefix_tree(set().union(*(slot.keywords or () for slot in slots))) + r"s?(?!\w)"
        )
        # One scan of the lowercased text for any of the words, rather than a test per word
        # (a plain prefix tree: it searches fastest). A figure with predicates needs its noun and
        # a predicate: "projet" alone is in most project descriptions, which state no figure.
        self.figure_words = (
            re.compile(patterns.prefix_tree(pattern_words | plain_nouns | qualified_nouns | predicates))
            if all(slot.keywords for slot in slots)
            else None
        )
        self.sufficient_words = frozenset(pattern_words | plain_nouns)
        self.sufficient = re.compile(patterns.prefix_tree(pattern_words | plain_nouns))
        self.predicates = re.compile(patterns.prefix_tree(predicates))
        self.titles = tuple(patterns.compile_plain(p) for p in profile.title)
        # What a title's campaign group accepts ("1 an après"): a front matter's campaign is checked by it.
        self.campaign_labels = tuple(
            patterns.compile_plain(group) for title in profile.title if (group := patterns.group_source(title, "campaign"))
        )
        self.sections = tuple(patterns.compile_plain(p) for p in profile.department_section)
        self.section_ends = tuple(patterns.compile_plain(p) for p in profile.section_end)
        self.launches = tuple(patterns.compile_plain(p) for p in profile.launch)
        self.launched = datetime.date.fromisoformat(profile.launched) if profile.launched else None
        self.status_line = re.compile(profile.status_line) if profile.status_line else None
        self.status_suffix = re.compile(profile.status_suffix) if profile.status_suffix else None
        self.status_label = _status_label(profile.status_labels)
        # A front-matter key as written ("Publié", "date_de_publication"), folded: the key cnr-lint reads.
        self.front_matter_keys = {_key_folded(key): key for key in FRONT_MATTER_KEYS} | {
            _key_folded(word): key for key, words in profile.front_matter.items() for word in words}
        words = profile.status_words
        self.statuses = StatusVocabulary(profile.statuses, words.neutral, words.changing, words.object, words.place)
        self.table_department = {fold(h) for h in profile.tables.department_column}
        self.table_columns = tuple((_header_words(h), name) for h, name in profile.tables.columns.items())
        self.total_row = tuple(fold(w) for w in profile.tables.total_row)
        self.region_figures = dict(profile.tables.region_figures)
        part = profile.tables.regional_part
        # ("les totaux ne comprennent pas les 3 réunions régionales": not after "ne")
        self.regional_verbs = re.compile(r"(?<!\w)(?<!\bne )(?<!n')" + patterns.prefix_tree(
            {lower(verb).replace("’", "'") for verb in part.verbs}) + r"(?!\w)") if part.verbs and part.words else None
        self.regional_words = re.compile(
            r"(?<!\w)" + patterns.prefix_tree({lower(word).replace("’", "'") for word in part.words}) + r"(?!\w)")
        self.units = {spec.name: spec.unit for spec in profile.figures}
        self.scope_markers, self.scope_kinds = _scope_markers(profile.scopes)
        # The other scopes' words than the region's: a block holding none keeps its figures' scope
        # (the region's words are common, and alone change nothing).
        others = {lower(w) for kind in _SCOPE_KINDS if kind != "region" for w in getattr(profile.scopes, kind)}
        self.scope_hint = re.compile(patterns.prefix_tree(others))
        # Words for the whole region ("dans toute la région"), for the lowercased text: in a
        # department's part, they make a sentence naming no department the region's.
        whole_region = {lower(w) for w in profile.scopes.whole_region}
        self.whole_region = re.compile(r"(?<!\w)" + patterns.prefix_tree(whole_region) + r"(?!\w)") if whole_region else None


_SCOPE_KINDS = ("national", "programme", "body", "meeting", "average", "region", "department", "previous_campaign")


def _scope_markers(scopes) -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str]]]:
    """Every scope word, lowercased, in one pattern for the lowercased text (its words factored
    by their prefixes: one search is fast), and each word's (kind, word as written) by its lower
    case; None without words."""
    kinds = {lower(word): (kind, word) for kind in _SCOPE_KINDS for word in getattr(scopes, kind)}
    if not kinds:
        return None, {}
    return re.compile(r"(?<!\w)" + patterns.prefix_tree(set(kinds)) + r"(?!\w)"), kinds


def _status_label(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """ "Statut : en cours", "État d'avancement : réalisé", "**Où en est-on ?** C'est fait": a
    label word, at most a few more words, a colon or a question mark, then the status (up to the
    end of the block), which a colon may set apart from a comment on it ("C'est fait : les
    médiateurs accompagnent les familles")."""
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"(?:^|(?<=[\s.;*]))(?:{alternatives})\b[^:.;?]{{0,24}}[:?]\s*"
        rf"(?P<status>[^:;]{{1,{_LONGEST_COMMENTED_STATUS}}}(?P<comment>\s:\s[^:;]{{1,{_LONGEST_COMMENTED_STATUS}}})?)$",
        re.IGNORECASE,
    )


# "RÉALISÉ — Titre", "[En cours] Titre", "✅ Réalisé : Titre": a short phrase, then a dash, a
# colon or a closing bracket, before the title (a status if it is understood).
_STATUS_PREFIX = re.compile(r"[^\w\s]{0,3}\s?(?P<status>[^\W\d_][^]):|–—-]{0,40}?)(?:\s*[]):]|\s+[-–—|])\s*(?=\w)")


def _other_predicates(spec: ListSpec, figures) -> tuple[str, ...]:
    """The predicates of the figures counting the list's noun, other than the list's own
    ("réalisés", "en cours" for the projects): said of the noun, they count a part of it."""
    nouns = {lower(patterns.stem(noun)) for noun in spec.words.nouns}
    own = set(spec.words.predicates)
    return tuple(sorted({predicate for figure in figures if figure.words
                         and nouns & {lower(patterns.stem(noun)) for noun in figure.words.nouns}
                         for predicate in figure.words.predicates if predicate not in own}))


def _by_section(matchers: tuple) -> dict[str, tuple]:
    """The matchers that apply in the regional part, and those that apply in a department's."""
    return {
        section: tuple(m for m in matchers if m.section in ("any", section)) for section in ("region", "department")
    }


def _may_state_figures(text: str, profile: CompiledProfile) -> bool:
    """False when no figure or stated-count pattern can match: none of their words is there."""
    if profile.figure_words is None:
        return True
    folded = lower(text)
    first = profile.figure_words.search(folded)
    if first is None:
        return False
    if first.group() in profile.sufficient_words:
        return True
    # The first word found is a noun of a figure with predicates (or a predicate): a figure
    # needs another word of those that suffice, or a predicate with the noun, or to be the label
    # of a value on a short line ("Réunions : 29").
    return (
        profile.sufficient.search(folded, first.end()) is not None or profile.predicates.search(folded) is not None
        or (len(text) <= _LONGEST_LABEL_LINE and ":" in text)
    )


# Two years joined by a dash or a slash are a period ("Réunions (2022-2025)", "2024/2025"),
# not two counts.
_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d\d\s?[-–/]\s?(?:19|20)\d\d(?!\d)")


# A number of years, months or days is a duration ("bilan à 1 an", "en 18 mois"), no count of a figure.
_DURATION_AFTER = re.compile(r"\s+(?:ans?|années?|mois|semaines?|jours?)(?!\w)", re.IGNORECASE)


def numbers_in(text: str, profile: CompiledProfile, cells: tuple[tuple[int, int], ...] = ()) -> tuple[re.Match[str], ...]:
    """Every {n} slot match of the text, left to right, outside periods of years; in a table row
    (`cells`), none across two cells ("3 200" then "112": two numbers, not "3 200 112")."""
    found = tuple(profile.number_scan.finditer(text))
    if cells and any(number.start() < end < number.end() for number in found for _, end in cells):
        found = tuple(number for start, end in cells for number in profile.number_scan.finditer(text, start, end))
    periods = [period.span() for period in _YEAR_RANGE.finditer(text)] if found else ()
    found = tuple(number for number in found if not _DURATION_AFTER.match(text, number.end()))
    if not periods:
        return found
    return tuple(number for number in found if not any(start <= number.start() < end for start, end in periods))


# A sign written on a number: "+10", "−4", "+1,7 M€", "| -3 |" is a change since another date
# ("Évolution"), no count of its own (a hyphen only after a space or a cell's start: "Covid-19").
_SIGN = re.compile(r"(?:[+−±]|(?:^|(?<=[\s|(]))[-–])$")


# The second of two values a slash pairs, "13 / 25   projets réalisés / en cours": the label
# after it is the pair's, not its own (its noun and first predicate are the first value's).
_PAIRED = re.compile(r"\d\s?/\s?$")


def _signed(text: str, number: re.Match[str]) -> bool:
    return _SIGN.search(text, max(0, number.start() - 2), number.start()) is not None


def _numbers_to_try(text: str, numbers, profile: CompiledProfile) -> tuple[tuple[re.Match[str], tuple], ...]:
    """The {n} slot matches of the text (`numbers`) that a figure or list pattern may follow, each
    with what `CompiledProfile.followers` finds after it. The others, and signed numbers, can be
    part of no figure and no list."""
    found = []
    for number in numbers:
        end = number.end()
        if _signed(text, number) or _PAIRED.search(text, max(0, number.start() - 8), number.start()):
            continue
        if profile.any_follower is None or profile.any_follower.match(text, end):
            found.append((number, profile.followers.match(text, end).groups()))
    return tuple(found)


# Results that depend on a block's text alone are kept for the run, by text: the dossiers of one
# region repeat their stock paragraphs word for word (the introduction, the regional figures,
# "Et maintenant ?"), and every dossier its status lines. Bounded: a run of any size keeps the
# last few thousand texts (a worker's chunk of dossiers, a region's folder).
# What a figure's sentence says of its scope (its scope words, the departments it names around
# the number) is kept the same way, by text and offsets: a region's key-figure sentences come
# back in each of its dossiers, and a block's figures ask it of the same sentence.
_SHARED_TEXTS = 8192
_NO_NUMBERS: tuple[tuple, tuple] = ((), ())


@lru_cache(maxsize=_SHARED_TEXTS)
def _numbers_of_text(text: str, profile: CompiledProfile, cells: tuple[tuple[int, int], ...] = ()) -> tuple[tuple, tuple]:
    """(every {n} slot match, those a pattern may follow with `_numbers_to_try`'s findings) of a
    block's text (a table row's `cells`); none when no figure word is there."""
    if not _may_state_figures(text, profile):
        return _NO_NUMBERS
    every = numbers_in(text, profile, cells)
    return (every, _numbers_to_try(text, every, profile)) if every else _NO_NUMBERS


def _fold_words(text: str) -> str:
    return " ".join(lower(text).replace("’", "'").split())


# -- the dossier ---------------------------------------------------------------------------------


def extract(source: Source, parsed: Parsed, profile: CompiledProfile, reference: Reference,
            assigned: dict[str, str] | None = None) -> Dossier:
    """The dossier the blocks state. `assigned` (the configuration's campaign, region or department
    for the file's folder) stands where front matter says nothing."""
    blocks = parsed.blocks
    title_department, campaign_label = _title(blocks, profile)
    # The configuration's values were checked when it was read: only the front matter's are noted.
    front, front_notes = _front_matter(parsed.front_matter, parsed.front_matter_lines, source.lines, profile,
                                       reference, campaign_label, assigned)
    notes = list(_file_notes(source, parsed)) + front_notes
    dates_by_block = _dates(blocks)
    key_rows = _key_figure_rows(blocks, profile, reference)
    # Every number of the blocks that may state a figure, found once for all patterns.
    found = [_numbers_of_text(b.text, profile) if b.kind != "row" else
             _numbers_of_text(b.text, profile, b.cells) if index in key_rows else _NO_NUMBERS
             for index, b in enumerate(blocks)]
    all_numbers = [every for every, _ in found]
    numbers = [to_try for _, to_try in found]
    scope_tables = _scope_column_tables(blocks, reference)
    department = (reference.department(_text(front.get("department"))) or reference.department(title_department)
                  or _scope_tables_department(scope_tables))
    region = _region(front, department, blocks, reference)
    known_region = reference.region(region)
    # The dossier's title is on its cover, before any figure: a heading worded as a title past
    # it ("Les Côtes-d'Armor, deux ans après", under the region's key figures) heads a part.
    cover_end = next((index for index, to_try in enumerate(numbers) if to_try), len(blocks))
    opens = [
        _department_heading(block, blocks[index + 1] if index + 1 < len(blocks) else None, profile, reference, known_region,
                            department, on_cover=index < cover_end)
        if (block.kind in ("heading", "paragraph") or block.kind == "item" and _heading_as_item(blocks, index))
        and len(block.text) <= _LONGEST_SECTION_HEADING else None
        for index, block in enumerate(blocks)
    ]
    # A title on the cover that names the department ("Saône-et-Loire : deux ans de CNR santé")
    # in a wording no title pattern knows heads the whole dossier, not its part, when a heading
    # below opens that department's part ("En Saône-et-Loire", under the region's key figures).
    title = next((index for index, block in enumerate(blocks[:cover_end]) if block.kind == "heading"), None)
    titled = (opens[title] or (department if title_department else None)) if title is not None else None
    if title is not None and opens[title] is not None and opens[title] in opens[title + 1:]:
        opens[title] = None
    # A paragraph whose first line heads it ("Le Nord en chiffres", then its text, as `pdftotext`
    # leaves a heading): it opens the part and is its first paragraph.
    headed = []
    for index, block in enumerate(blocks):
        if opens[index] is None and block.kind == "paragraph" and block.line != block.end_line:
            opens[index] = _first_line_department(block, profile, reference, known_region, index < cover_end)
            if opens[index] is not None:
                headed.append(index)
    first_of_part = _part_without_heading(blocks, numbers, department, reference) if department and not any(opens) else None
    if first_of_part is not None:
        opens[first_of_part] = department
    # A heading naming the region ("Les chiffres clés en Pays de la Loire") closes a department's
    # part; so does a line in capitals, a text export's heading ("LES CHIFFRES CLÉS EN BRETAGNE").
    closes = [
        known_region is not None and not opens[index] and len(block.text) <= _LONGEST_SECTION_HEADING
        and (block.kind == "heading" or block.emphasised or _in_capitals(block))
        and _names_region(block.text, known_region, reference)
        for index, block in enumerate(blocks)
    ]
    # A dossier whose title does not name its department ("Les Vosges et le CNR santé : où en
    # est-on ?") is the dossier of the one department whose part it opens (as it is taken to be
    # below): that part runs on under headings of its level as its own dossier's does.
    opened = {name for name in opens if name}
    sections = _sections(blocks, opens, closes, profile, department or (opened.pop() if len(opened) == 1 else None))
    if first_of_part is not None:
        sections[first_of_part] = department  # no heading: the paragraph that opens the part is its first
    for index in headed:
        sections[index] = opens[index]
    # A subtitle sums the department up ("neuf projets suivis pas à pas"): its figures are the
    # department's, but it announces no list, the part below does.
    listed_in = sections
    subtitles = list(_subtitles(blocks, title, opens, closes)) if titled else []
    if subtitles:
        sections = list(sections)
        for index in subtitles:
            sections[index] = titled
    if department is None:
        department = next((d for d in sections if d), None)
        region = region or _region(front, department, blocks, reference)
    default_as_of = _lead_in_dates(blocks, dates_by_block, front.get("as_of"))  # a Period: `_front_matter` read it
    figures, parts = _figures(blocks, all_numbers, numbers, sections, dates_by_block, profile, department, default_as_of,
                              reference)
    figures += _label_figures(
        blocks, all_numbers, key_rows, figures, sections, dates_by_block, profile, department, default_as_of, reference
    )
    figures += _column_pairs(blocks, sections, profile, department, reference)
    figures += _scope_column_figures(scope_tables, profile, department, default_as_of)
    figures = _without_parts_of_other_wholes(figures, parts, profile)
    figures = _dated_as_the_realised_above(_same_dates(figures))
    table_figures, totals, region_rows = _summary_tables(blocks, profile, reference)
    figures += table_figures + _restating_nothing(region_rows, figures)
    figures = _presented_departments(figures, blocks, known_region or reference.region(region), profile, reference)
    lists = _lists(blocks, numbers, listed_in, opens, profile, department, reference)
    published = _text(front.get("published")) or _publication(blocks, dates_by_block)
    campaign = _text(front.get("campaign")) or _campaign(
        campaign_label, published, figures, lambda: _launch(blocks, profile), dates_by_block
    )
    dossier = Dossier(
        path=source.path,
        fingerprint=source.digest,
        region=region,
        department=department,
        campaign=campaign,
        published=published,
        figures=tuple(_dated_by_twins(_of_campaign(figures, campaign, lambda: _launch(blocks, profile)))),
        lists=tuple(lists),
        dates=tuple(_with_agenda_days([m for block_dates in dates_by_block for _, m in block_dates], blocks, published)),
        notes=tuple(notes),
        suppressions=tuple(_suppressions(source.lines)),
        totals=tuple(totals),
    )
    return _on_pages(dossier, source.page_starts) if source.page_starts else dossier


def _with_agenda_days(mentions: list[DateMention], blocks: tuple[Block, ...], published: str | None) -> list[DateMention]:
    """The dossier's dates, and its days written without their year ("le jeudi 20/11"), each of
    the year around its publication day (none without one). They date no figure: an agenda's."""
    if published is None or len(published) != len("2024-11-20"):
        return mentions
    around = datetime.date.fromisoformat(published)
    agenda = [_mention(block, match) for block in blocks for match in find_weekday_days(block.text, around)]
    if not agenda:
        return mentions
    return sorted(mentions + agenda, key=lambda m: (m.span.page, m.span.line, m.span.column))


def _presented_departments(figures: list[Figure], blocks: tuple[Block, ...], region: Region | None,
                           profile: CompiledProfile, reference: Reference) -> list[Figure]:
    """A count of departments fewer than the region's that is the number of departments the
    dossier names ("les quatre départements présentés", over a table of those four), or a
    summary table lists (its text naming a river or a city that is a department's name too:
    "la vallée du Rhône"), counts those, not the region's: a group of departments."""
    if region is None:
        return figures
    fewer = [f.span for f in figures if f.name == "region.departments" and f.scope == "region" and f.low == f.high
             and f.low < len(region.departments)]
    if not fewer:
        return figures
    def named_in(texts) -> set[str]:
        return {name for text in texts for name, _, _ in reference.departments_named(fold(text))
                if name in region.departments}

    named = named_in(block.text for block in blocks)
    listed = {len(departments) for departments in _table_departments(blocks, profile, reference)}

    def presented(figure: Figure) -> bool:
        # the dossier's departments, or those its paragraph names ("les dossiers de six
        # départements (Rhône, Loire, …) sont en ligne")
        paragraph = next((b.text for b in blocks if b.line <= figure.span.line <= b.end_line), "")
        if _REGION_AFTER.match(paragraph, paragraph.find(figure.text) + len(figure.text)):
            return False  # "les cinq départements de la région : …", one forgotten: the region's count
        return figure.low in (len(named), len(named_in((paragraph,))), *listed)

    return [replace(f, scope="departments") if f.span in fewer and presented(f) else f for f in figures]


_REGION_AFTER = re.compile(r"\s*(?:de (?:la|notre|toute la) région|que compte la région)", re.IGNORECASE)


def on_pages(span: Span, page_starts: tuple[int, ...]) -> Span:
    """A place of a PDF as a line of its page (`page_starts`: the first line of each), "page 3,
    line 12", what a reader of the PDF can find; a span ending on a later page counts its end from
    its start's page. A file without pages keeps its lines."""
    if not page_starts:
        return span
    page = bisect_right(page_starts, span.line)
    first = page_starts[page - 1]
    return Span(span.line - first + 1, span.column, span.end_line - first + 1, span.end_column, page)


def _on_pages(dossier: Dossier, page_starts: tuple[int, ...]) -> Dossier:
    """The dossier of a PDF with each place a line of its page (`on_pages`)."""

    def move(span: Span) -> Span:
        return on_pages(span, page_starts)

    def on_page(line: int) -> tuple[int, int]:  # (page, line of that page)
        place = move(Span(line, 1, line, 1))
        return place.page, place.line

    def suppression(found: Suppression) -> Suppression:
        page, line = on_page(found.line) if found.line is not None else (0, None)
        comment_page, comment_line = on_page(found.comment_line)
        return replace(found, line=line, page=page, comment_line=comment_line, comment_page=comment_page)

    return replace(
        dossier,
        figures=tuple(replace(f, span=move(f.span)) for f in dossier.figures),
        lists=tuple(
            replace(lst, span=move(lst.span), entries=tuple(replace(e, span=move(e.span)) for e in lst.entries))
            for lst in dossier.lists
        ),
        dates=tuple(replace(d, span=move(d.span)) for d in dossier.dates),
        notes=tuple(replace(n, span=move(n.span)) for n in dossier.notes),
        suppressions=tuple(map(suppression, dossier.suppressions)),
        totals=tuple(replace(t, span=move(t.span)) for t in dossier.totals),
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


def _front_matter(front: dict, key_lines: dict[str, int], lines: tuple[str, ...], profile: CompiledProfile,
                  reference: Reference, title_label: str | None,
                  assigned: dict[str, str] | None = None) -> tuple[dict, list[FileNote]]:
    """The front matter's values cnr-lint can use, normalised, over the `assigned` ones, and a
    note for each it cannot.

    A key is read in the profile's words too (`front_matter`: "publié" is `published`). A
    region, department or campaign nothing else spells so, or a date that is none, would put
    the dossier in a group of its own: every cross-dossier rule would pass it by in silence. Such
    a value is noted on its line, "did you mean" when a valid one is close, and left out, so that
    the title and the text say what they say. So is a second key for the same one ("date" after
    "publié"): which of the two the dossier means is not known. A key cnr-lint does not read is
    noted only when it is close to one it reads ("regoin"): front matter is shared with site
    generators and editors (`title`, `author`, `tags`...), whose keys are none of cnr-lint's business;
    the profile's words are not among those it is compared with: short French words are close
    to too many ("auteur" to "date").
    """
    values, notes, written_as = {}, [], {}
    for written_key, value in front.items():
        line = key_lines.get(written_key, 1)
        written = lines[line - 1].rstrip() if line <= len(lines) else ""
        key = profile.front_matter_keys.get(_key_folded(written_key))
        if key in written_as:
            problem = f"{written_key!r} gives {key} again ({written_as[key]!r} gave it); it is ignored"
        elif key is not None:
            written_as[key] = written_key
            if isinstance(value, datetime.datetime):
                value = value.date()  # a day is what a dossier is dated with
            usable, problem = front_value(key, value, profile, reference, title_label)
            if usable is not None:
                values[key] = usable
        else:
            hint = nearest(written_key, FRONT_MATTER_KEYS, cutoff=0.6)
            problem = f"unknown key {written_key!r}{hint}; it is ignored" if hint else None
        if problem:
            span = Span(line, 1, line, len(written) + 1)  # the key's whole line
            notes.append(FileNote("front-matter-value", f"front matter: {problem}", span))
    return {**(assigned or {}), **values}, notes


def _key_folded(key: str) -> str:
    """A front-matter key as compared: in any case and accents, "_" and "-" as spaces."""
    return fold(key.replace("_", " ").replace("-", " "))


def front_value(key: str, value: object, profile: CompiledProfile, reference: Reference,
                title_label: str | None = None) -> tuple[object, str | None]:
    """The usable value of a front-matter key cnr-lint reads (or of an `assign` of the
    configuration), or None with the reason it is not usable."""
    text = _text(value)
    if text is None:
        return None, None
    if key == "region":
        found = reference.region(text)
        names = [name for region in reference.regions for name in (region.name, *region.aliases)]
        if found:
            return found.name, None
        return None, f"region: no region {text!r}{nearest(text, names)}; it is ignored"
    if key == "department":
        department = reference.department(text) or reference.department_by_code(text)
        names = [name for region in reference.regions for name in region.departments]
        if department:
            return department, None
        if reference.find_region(text) is not None:
            return None, None  # "Auvergne-Rhône-Alpes (tous départements)": the region's own dossier
        return None, f"department: no department {text!r}{nearest(text, names)}; it is ignored"
    if key == "campaign":
        return _front_campaign(text, profile, title_label)
    if key == "published":
        found = value.isoformat() if isinstance(value, datetime.date) else _published_text(text)
        if found:
            return found, None
        return None, f"published: {text!r} is not a date (2023-11-20, 2023-11 or 2023); it is ignored"
    period = _period_of(value)  # as_of
    if period is None:
        return None, f"as_of: {text!r} is not a date (2023-11-08, 2023, or \"sur l'année 2023\"); it is ignored"
    return period, None


def _published_text(text: str) -> str | None:
    """A publication date written as text ("2023-11-20", "2023-11", "2023", "20 novembre 2023"), ISO."""
    if re.fullmatch(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?", text):
        return text
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    found = parse_date(text, None)
    return _day_or_month(found) if found and found.end == len(text) else None


def _front_campaign(text: str, profile: CompiledProfile, title_label: str | None) -> tuple[str | None, str | None]:
    """A campaign as the titles give it: a label their `campaign` group reads, then a year."""
    label, _, year = text.rpartition(" ")
    if not (year.isdigit() and len(year) == 4):
        label, year = text, ""
    label = _campaign_label(label)
    if not profile.campaign_labels or any(p.fullmatch(label) for p in profile.campaign_labels):
        return f"{label} {year}".strip(), None
    hint = f' (did you mean "{f"{title_label} {year}".strip()}"?)' if title_label else ""
    name = profile.profile.name
    return None, f"campaign: {text!r} is not a campaign the {name} profile's titles name{hint}; it is ignored"


def _suppressions(lines: tuple[str, ...]):
    for index, line in enumerate(lines):
        if "cnr-lint:" not in line:
            continue
        for comment in _CNR_LINT_COMMENT.finditer(line):
            match = _SUPPRESSION.fullmatch(comment.group(0))
            if match is None:
                yield Suppression((), None, index + 1, malformed=_malformed(comment.group(1)))
                continue
            codes = tuple(c.upper() for c in re.split(r"[\s,]+", match.group(2)) if c)
            if match.group(1) == "disable":
                yield Suppression(codes, None, index + 1)
                continue
            target = next(
                (n for n in range(index + 1, len(lines)) if not _COMMENT_OR_BLANK.match(lines[n])), index + 1
            )
            yield Suppression(codes, target + 1, index + 1)


def _malformed(body: str) -> str:
    """Why a `<!-- cnr-lint: ... -->` comment is no suppression."""
    words = body.split()
    written = f"<!-- cnr-lint: {' '.join(words)} -->"
    verbs = ("disable-next-line", "disable")
    if words and words[0].lower() in verbs:
        if len(words) > 1:
            return f"`{written}`: rule codes are letters and digits, separated by commas or spaces"
        return f"`{written}` names no rule code; write one: <!-- cnr-lint: {words[0]} CNR101 -->"
    hint = nearest(words[0].lower(), verbs, cutoff=0.6) if words else ""
    return f"`{written}` is not a suppression comment{hint}; they read <!-- cnr-lint: disable-next-line CODE -->"


def _title(blocks: tuple[Block, ...], profile: CompiledProfile) -> tuple[str | None, str | None]:
    """The department and the campaign the dossier's title names. A title that names no campaign
    ("CNR santé en Corse", "Un an de concertation : où en est-on ?") may have a subtitle under it
    that does ("Dossier de presse – Haute-Corse (2B) – CNR santé : 1 an après"): the subtitle's."""
    first = None
    for department, campaign in _titles(blocks, profile):
        if campaign is not None:
            return department or (first[0] if first else None), campaign
        first = first or (department, campaign)
    return first or (None, None)


def _titles(blocks: tuple[Block, ...], profile: CompiledProfile) -> Iterator[tuple[str | None, str | None]]:
    """(department, campaign) of each title among the dossier's first blocks."""
    for index, block in enumerate(blocks[:12]):
        match = _title_match(block.text, profile)
        # a title cut in two: "GERS", "CNR santé : 2 ans après"; or a title paragraph, its
        # campaign the heading under it: "CNR Santé – Où en sommes-nous dans l'Oise ?", "2 ans
        # après". Unless the next block is a title alone ("Dossier de presse", "Le Cher, un an après").
        if match is None and index + 1 < len(blocks) and "heading" in (block.kind, blocks[index + 1].kind):
            match = (_title_match(blocks[index + 1].text, profile)
                     or _title_match(f"{block.text} {blocks[index + 1].text}", profile))
        if match:
            groups = match.groupdict()
            campaign = groups.get("campaign")
            yield groups.get("department"), _campaign_label(campaign) if campaign else None


def _subtitles(blocks: tuple[Block, ...], title: int, opens: list[str | None], closes: list[bool]) -> Iterator[int]:
    """The headings right under the dossier's title and of a lower rank, its subtitle ("Un an de
    concertation, neuf projets suivis pas à pas"): they speak of what the title names."""
    for index in range(title + 1, len(blocks)):
        block = blocks[index]
        if block.kind != "heading" or block.level <= blocks[title].level or opens[index] or closes[index]:
            return
        yield index


def _title_match(text: str, profile: CompiledProfile) -> re.Match | None:
    return next((found for pattern in profile.titles if (found := pattern.search(text))), None)


def _sections(blocks: tuple[Block, ...], opens: list[str | None], closes: list[bool],
              profile: CompiledProfile, own: str | None) -> list[str | None]:
    """For each block, the department whose own part it belongs to (None: the regional part,
    and the heading that opens a department's part). `opens` gives, for each block, the
    department whose part it opens, if any; `closes`, whether it heads the region's part.
    In the dossier of a department (`own`), its part runs on under headings of its level
    ("Les projets", "Un engagement qui dépasse le CNR"): only the region's or another
    department's heading, or a section end, closes it."""
    sections: list[str | None] = []
    current: str | None = None
    level = 0
    for block, started, regional in zip(blocks, opens, closes):
        if regional:
            current = None
        if started and started == current:  # a title naming the part's own department: still its part
            sections.append(current)
            continue
        if started:
            current, level = started, block.level if block.kind == "heading" else 0
            sections.append(None)
            continue
        if current and block.kind in ("heading", "paragraph") and (
            _ends_section(block, profile)
            or (block.kind == "heading" and level and block.level <= level and current != own)
        ):
            current = None
        sections.append(current)
    return sections


_WORDS_BEFORE_NAME = 3


def _part_without_heading(blocks, numbers, department: str, reference: Reference) -> int | None:
    """Where a department's dossier that heads no part starts it: the first paragraph that
    names the department in its first words and states a figure ("Dans la Manche, 6 réunions
    se sont tenues…"), or in the question it opens with, as an interview's answer follows its
    question ("Quel bilan tirez-vous du CNR santé dans le Finistère ? Nous avons tenu…")."""
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or not numbers[index]:
            continue
        folded = fold(block.text[:80])
        named = reference.departments_named(folded)
        if named and named[0][0] == department and len(_WORD.findall(folded[: named[0][1]])) <= _WORDS_BEFORE_NAME:
            return index
        question = _OPENING_QUESTION.match(block.text)
        if question and [name for name, _, _ in reference.departments_named(fold(question.group()))] == [department]:
            return index
    return None


# A paragraph that opens with a question, its answer after it: "Et dans le Gard ? Neuf réunions…".
_OPENING_QUESTION = re.compile(r"[^.;:!?]{1,160}\?(?=\s+\S)")


# A heading that names a department opens its part when few other words surround the name:
# "Le Finistère", "Zoom sur le Morbihan", "Dans le département du Nord". A project's title that
# names one ("Étendre le dépistage des cancers dans les Bouches-du-Rhône.") has more.
_SECTION_HEADING_WORDS = 6
_LONGEST_SECTION_HEADING = 100
_WORD = re.compile(r"[^\W_]+")
_ELIDED = re.compile(r"(?<!\w)(?:qu|jusqu|lorsqu|puisqu|[a-z])'")
# A heading's outline number is no part of what it says: "2. Dans le Nord", "2.1 Les défis",
# "III. Perspectives", "b) Et après ?". A bare number is a figure ("12 réunions"), not one.
_OUTLINE_NUMBER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|[IVX]{1,4}\.|[A-Za-z]\))\s+(?=\w)")


def _without_outline_number(text: str) -> str:
    found = _OUTLINE_NUMBER.match(text)
    return text[found.end():] if found else text
_SENTENCE_INSIDE = re.compile(r"[.;!?](?!$)")


def _department_heading(
    block: Block, following: Block | None, profile: CompiledProfile, reference: Reference, region: Region | None,
    own: str | None, on_cover: bool,
) -> str | None:
    """The department whose part the block opens: a heading, or a line alone, that names one
    department (of the dossier's region, when it is known) and little else, or that a
    `department_section` pattern of the profile matches. The dossier's title, on its cover
    (`on_cover`: before any figure), is none, even cut in two blocks ("CNR santé dans le
    Calvados :", then "1 an après"). The block is a heading or
    a paragraph of at most `_LONGEST_SECTION_HEADING` characters. In the dossier of a department
    (`own`), a heading that says "the department" in the profile's words rather than naming it
    ("DANS LE DÉPARTEMENT", "Bilan départemental") opens its part."""
    wrapped = block.kind == "paragraph" and block.line != block.end_line
    named = _heading_department(block.text, wrapped, following.text if following is not None else None,
                                profile, reference, region, on_cover)
    if named is None and own is not None and not wrapped and _says_the_department(block.text, profile):
        return own
    return named


# At most so many words beside the department's scope words in a heading that opens its part:
# "Les chiffres clés du département"; a sentence that says it is no heading.
_WORDS_BESIDE_SCOPE = 3


@lru_cache(maxsize=_SHARED_TEXTS)
def _says_the_department(text: str, profile: CompiledProfile) -> bool:
    """Whether a heading's scope words are all the department's ("dans le département", "au
    niveau départemental"), with few other words, and no sentence in it (kept per text, as
    `_heading_department`: headings repeat across a campaign's dossiers)."""
    text = _without_outline_number(text.strip())
    if text.endswith((".", "?", "!")) or _SENTENCE_INSIDE.search(text):
        return False
    text = text.rstrip(" :")
    markers = _markers(text, profile)
    if not markers or any(kind != "department" for _, _, kind in markers):
        return False
    rest = lower(text)
    for start, end, _ in reversed(markers):
        rest = rest[:start] + " " + rest[end:]
    return len(_WORD.findall(rest)) <= _WORDS_BESIDE_SCOPE


@lru_cache(maxsize=_SHARED_TEXTS)
def _heading_department(text: str, wrapped: bool, following: str | None, profile: CompiledProfile,
                        reference: Reference, region: Region | None, on_cover: bool) -> str | None:
    """`_department_heading` of a block's text, kept per text (as `_numbers_of_text`); `wrapped`:
    a paragraph over several lines, which opens no part; `on_cover`: a title there is the
    dossier's."""
    text = _without_outline_number(text.strip())
    for pattern in profile.sections:
        match = pattern.fullmatch(text.rstrip(" :."))
        named = reference.department(match.groupdict().get("department")) if match else None
        if named:
            return named
    if text.endswith(".") or wrapped:
        return None
    if _SENTENCE_INSIDE.search(text.rstrip(" :?!")):
        return None
    title = f"{text} {following}" if following is not None else text
    if on_cover and any(p.search(text) or p.search(title) for p in profile.titles):
        return None
    # "Dans le Var, une mobilisation de tous les bassins de vie": a heading that opens on the
    # department, whatever it says after the comma
    lead = _departments_lead(text, 0, len(text), reference)
    if len(lead) == 1 and (region is None or lead[0] in region.departments):
        return lead[0]
    folded = fold(text)
    # "Sur le terrain vosgien", "Côté nivernais": a heading may name its part by the department's
    # adjective (only when it names no department by name)
    named = reference.departments_named(folded) or reference.departments_by_demonym(folded)
    if len({name for name, _, _ in named}) != 1:
        return None
    name, start, end = named[0]
    if _ROW_OF_FIGURES.fullmatch(folded, end):
        return None  # "Paris (75) 9 11 9": a table's row laid out as a line, not a heading
    if _TOWN_BEFORE.search(folded, 0, start):
        return None  # "Un centre de santé à Amiens Nord": the end of a town's name, no department
    if region is not None and (name not in region.departments or reference.find_region(text) == region):
        return None  # another region's, or the agency's header ("ARS Bretagne – Délégation d'Ille-et-Vilaine")
    # an elided article or pronoun ("l'", "s'", "qu'") is no word of its own
    others = [w for w in _WORD.findall(_ELIDED.sub(" ", folded[:start])) + _WORD.findall(_ELIDED.sub(" ", folded[end:]))
              if len(w) > 1]
    return name if len(others) <= _SECTION_HEADING_WORDS else None


def _first_line_department(block: Block, profile: CompiledProfile, reference: Reference,
                           region: Region | None, on_cover: bool) -> str | None:
    """The department a paragraph's first line names when that line is a heading run into the
    text below it: short, no number, comma or sentence end in it, the next line starting a
    sentence of its own."""
    starts = block.line_starts()
    if not starts:
        return None  # (its other lines hold nothing but markup)
    first = DEPARTMENT_CODE.sub("", block.text[:starts[0]].strip())  # "ARIÈGE (09)"
    if len(first) > _LONGEST_RUN_IN_HEADING or _NOT_A_HEADING_LINE.search(first):
        return None
    if not block.text[starts[0]:].lstrip()[:1].isupper():
        return None
    if reference.find_region(first) is not None:
        return None  # "ARS Grand Est – Délégation du Bas-Rhin": the agency's header, not a part's
    return _heading_department(first, False, None, profile, reference, region, on_cover)


# What follows a department's name on a row of a table read as a line: its number, then figures
# (a year alone is a heading's: "Le Finistère 2024").
_ROW_OF_FIGURES = re.compile(r"(?:\s*\((?:\d{2,3}|2[ab])\))?(?!\s+(?:19|20)\d\d\s*$)(?:\s+\d[\d,.]*\s*%?)+\s*")
_LONGEST_RUN_IN_HEADING = 60
# A town after "à", folded, right before a department's name: that name is the end of the town's
# (a district: "à Amiens Nord"); a department takes "en" or "dans" ("à la Réunion", "à Paris"
# name it after no other word).
_TOWN_BEFORE = re.compile(r"(?:^|\s)a\s+(?!(?:la|le|les)\s)[^\s']+\s+$")
_NOT_A_HEADING_LINE = re.compile(r"[\d,;]|[.:!?]$")


def _heading_as_item(blocks: tuple[Block, ...], index: int) -> bool:
    """Whether the item at `index` stands as a heading: in capitals, a text export's numbered
    heading ("2. LE FINISTÈRE"), with no item in capitals next to it (an item of a list of
    departments is none)."""
    if not blocks[index].text.isupper():
        return False
    around = blocks[max(0, index - 1):index] + blocks[index + 1:index + 2]
    return not any(b.kind == "item" and b.text.isupper() for b in around)


def _in_capitals(block: Block) -> bool:
    """A paragraph of one line written in capitals ("LES PROJETS DU DÉPARTEMENT")."""
    return block.kind == "paragraph" and block.line == block.end_line and block.text.isupper()


@lru_cache(maxsize=_SHARED_TEXTS)
def _names_region(text: str, region: Region, reference: Reference) -> bool:
    """Whether a heading is the region's: it names it, by its name or its adjective ("Et à
    l'échelle normande"), or says "régional" ("Le bilan régional").
    Kept per text: every heading, emphasised line and line in capitals of a dossier is asked,
    and a region's dossiers repeat theirs."""
    if _REGIONAL.search(text):
        return not reference.departments_named(fold(text))
    found = reference.find_region(text)
    if found is None and (by_adjective := reference.region_by_demonym(fold(text))) is not None:
        # "Et à l'échelle normande": the region named by its adjective, no department with it
        return by_adjective.name == region.name and not reference.departments_named(fold(text))
    if found is None and text.isupper():
        # A heading in capitals, a text export's ("EN PROVENCE-ALPES-CÔTE D'AZUR"), has lost the
        # capitals names are found by: the dossier's region is looked for folded.
        return _region_folded(region).search(fold(text)) is not None
    return found is not None and found.name == region.name


@lru_cache(maxsize=32)
def _region_folded(region: Region) -> re.Pattern[str]:
    """The region's name, folded, or an alias of several words (a one-word alias, "Centre", is
    a common word in capitals), as a word of a folded text."""
    names = (region.name, *(a for a in region.aliases if len(_WORD.findall(a)) > 1))
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(fold(name)) for name in names) + r")(?![\w-])")


_REGIONAL = re.compile(r"(?<!\w)(?:r[ée]gion|r[ée]gionale?|r[ée]gionaux)(?!\w)", re.IGNORECASE)


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


def _campaign(label, published, figures: list[Figure], launch, dates_by_block) -> str | None:
    """The title's campaign ("1 an après") with its year, or the campaign of a dated dossier.

    The year is the publication's, else, for "N an(s) après", N years after the launch the
    dossier states, else that of the dated regional figures (the progress snapshot), else the
    year the dossier cites most. A dossier without "N an(s) après" in its title but with a
    publication date and a launch is "N ans après" by the years between them ("2 ans après
    2024" for November 2024 and a launch in October 2022); without both, it has no campaign.
    """
    if label is None:
        return _campaign_of_dates(published, launch())
    year = None
    if published and re.match(r"\d{4}", published):
        year = int(published[:4])
    after = re.match(r"(\d+) ans? après", label)
    if year is None and after:
        launched = launch()
        year = launched.year + int(after.group(1)) if launched else None
    if year is None:
        year = next((f.as_of.end.year for f in figures if f.as_of and f.scope == "region" and f.campaign is None), None)
    if year is None:
        cited = Counter(d.period.start.year for block_dates in dates_by_block for d, _ in block_dates if d.has_year)
        year = cited.most_common(1)[0][0] if cited else None
    return f"{label} {year}" if year else label


def _campaign_of_dates(published: str | None, launched: datetime.date | None) -> str | None:
    if not published or launched is None or not re.match(r"\d{4}-\d\d", published):
        return None
    year, month = int(published[:4]), int(published[5:7])
    years = round((year * 12 + month - launched.year * 12 - launched.month) / 12)
    if years < 1:
        return None
    return f"{years} an{'s' if years > 1 else ''} après {year}"


def _launch(blocks: tuple[Block, ...], profile: CompiledProfile) -> datetime.date | None:
    """When the campaign was launched, as the dossier states it, else as its profile knows it."""
    for block in blocks[:40]:
        launch = _launch_in(block.text, profile)
        if launch is not None:
            return launch
    return profile.launched


@lru_cache(maxsize=_SHARED_TEXTS)
def _launch_in(text: str, profile: CompiledProfile) -> datetime.date | None:
    """The launch date a block's text states, if any (kept per text, as `_numbers_of_text`)."""
    for pattern in profile.launches:
        found = pattern.search(text)
        if found and found.group("date"):
            launch = parse_date(found.group("date"), None)
            if launch is not None:
                return launch.period.start
    return None


# A publication date is a short line near the top holding a full date ("Lille, mardi 12
# novembre 2024", "Dossier de presse – novembre 2024"), at the end of its line, not the first
# date a sentence mentions, nor a key figure's ("52 réunions depuis octobre 2022", a list item).
_PUBLICATION_BLOCKS = 10
_LONGEST_PUBLICATION_LINE = 120
_LONGEST_PUBLICATION_LEAD = 80  # "Dossier de presse | ARS Centre-Val de Loire | Chartres, " before the date
_AROUND_A_LINE = " *_)|"
_AUTHOR_AFTER = re.compile(r"\s+[-–—]\s+[^.!?]+$")  # "Bastia, le 21 novembre 2024 – ARS de Corse"


def _publication(blocks: tuple[Block, ...], dates_by_block) -> str | None:
    """The publication date (ISO; "2024-11" for a month) of the dossier's header, if it has one:
    a line of a header block that ends with its date after a few words (a sentence goes on
    after it), or with its date then a dash and its author: "Auxerre, le 15 novembre 2024" alone,
    or under the agency's name, "Bastia, le 21 novembre 2024 – ARS de Corse"."""
    for block, block_dates in zip(blocks[:_PUBLICATION_BLOCKS], dates_by_block):
        if block.kind in ("row", "item") or not block_dates:
            continue
        starts = (0, *block.line_starts())
        ends = (*starts[1:], len(block.text))  # a line ends where the next one's joining blank starts
        for date, _ in block_dates:
            line = next(i for i in range(len(starts) - 1, -1, -1) if starts[i] <= date.start)
            start, end = starts[line], ends[line]
            if (end - start > _LONGEST_PUBLICATION_LINE or date.start - start > _LONGEST_PUBLICATION_LEAD
                    or date.end > end or (block.text[date.end:end].strip(_AROUND_A_LINE)
                                          and not _AUTHOR_AFTER.match(block.text[date.end:end]))):
                continue
            found = _day_or_month(date)
            if found:
                return found
    return None


def _day_or_month(date: DateMatch | None) -> str | None:
    """A publication date, ISO: the day ("2024-11-20"), or the month ("2024-11"); None for anything else."""
    if date is None or not date.has_year:
        return None
    if date.is_day:
        return date.period.start.isoformat()
    if date.period.start.month == date.period.end.month and date.period.start.day == 1:
        return date.period.start.isoformat()[:7]
    return None


def _campaign_label(text: str) -> str:
    """ "Un an après" -> "1 an après": the number in digits, so that both spellings group together."""
    words = _fold_words(text)
    number, _, rest = words.partition(" ")
    parsed = parse_number(number) if not number.isdigit() else None
    return f"{int(parsed.value)} {rest}" if parsed is not None and parsed.value.is_integer() else words


def _period_of(value: object) -> Period | None:
    """The period a front matter's `as_of` gives: a day, or a date in words ("sur l'année 2023"),
    or a year alone (2023), which sentences never give (a number is no date there)."""
    if isinstance(value, datetime.date):
        return Period(value, value)
    text = str(value)
    found = find_dates(text, None)
    if found:
        return found[0].period
    whole = parse_date(text, None)
    return whole.period if whole is not None and whole.end == len(text) else None


# -- dates ---------------------------------------------------------------------------------------


def _dates(blocks: tuple[Block, ...]) -> list[tuple[tuple[DateMatch, DateMention], ...]]:
    """Dates of each block; a date without a year takes the year of the last full date before it."""
    context_year: int | None = None
    result = []
    for block in blocks:
        found = []
        for match in _dates_of_text(block.text, context_year):
            found.append((match, _mention(block, match)))
            if match.is_day and match.has_year:
                context_year = match.period.start.year
        result.append(tuple(found))
    return result


@lru_cache(maxsize=_SHARED_TEXTS)
def _dates_of_text(text: str, context_year: int | None) -> tuple[DateMatch, ...]:
    """The dates of a block's text. A third of a month without its year ("fin novembre") is
    looked for only once a year is known, and only in a text that may hold one."""
    return tuple(find_dates(text, context_year, context_year is not None and may_hold_thirds(text)))


def _mention(block: Block, match: DateMatch) -> DateMention:
    return DateMention(match.text, match.period, match.weekday, match.is_day, _span(block, match.start, match.end))


# The span of `block.text[start:end]`, called as `_span(block, start, end)`.
_span = Block.span


# -- figures -------------------------------------------------------------------------------------


def _figures(blocks, all_numbers, numbers, sections, dates_by_block, profile: CompiledProfile, department,
             default_as_of, reference: Reference) -> tuple[list[Figure], list[tuple[Figure, tuple]]]:
    """The figures the blocks' sentences state, and the undated regional parts among them with
    the whole each is written a part of ("huit projets dont trois déjà opérationnels": 8)."""
    figures: list[Figure] = []
    parts: list[tuple[Figure, tuple]] = []
    for block, every_number, block_numbers, section_department, block_dates, block_as_of in zip(
            blocks, all_numbers, numbers, sections, dates_by_block, default_as_of):
        if not block_numbers:
            continue
        values = _values(block.text, every_number, block_dates)
        sentences = _sentences(block.text)
        headed = _dated_heading_lines(block, block_dates) if block_dates and block.line != block.end_line else ()
        named_here: set[tuple[tuple[int, int], str]] = set()  # (sentence, name) of the block's figures
        read_at: set[int] = set()  # where the block's figures' numbers start
        for number, followers in block_numbers:
            start, end = number.span()
            if any(date.start <= start < date.end for date, _ in block_dates):
                continue  # "depuis 2022", then "participants" on the next line: a year, no count
            if _side_by_side(block.text, values, number):
                continue
            sentence = _sentence_of(sentences, start)
            section = "department" if section_department else "region"
            if section_department is None and department is not None and _departments_lead(
                    block.text, sentence[0], start, reference) == (department,):
                # "Dans l'Ain, 50 réunions se sont tenues" among the region's key figures: the
                # sentence is the department's, read as its part is ("réunions" alone counts there)
                section = "department"
            line = _department_line(block, start, reference) if section_department is None else None
            if line is not None:
                # "Deux-Sèvres — 9 réunions, 8 projets (5 réalisés, 3 en cours)", a line each, as a
                # summary lists its departments: each line is a statement, its department's (a
                # "Total des 12 départements — …" line is theirs together, no one's)
                line_start, line_end, named = line
                sentence = (max(sentence[0], line_start), min(sentence[1], line_end))
                section = "department" if named else section
            for matcher, hit in _hits(block.text, start, end, followers, section, profile):
                if _runs_into_next_line(block, end, hit.end):
                    continue
                under = next((dated for offset, dated in reversed(headed) if offset <= start), block_as_of)
                figure = _figure(block, number, hit, matcher, profile, sentence, block_dates, under)
                if figure is None:
                    continue
                if hit.department is not None:  # the pattern names the department: that one's figure
                    named = reference.department(hit.department)
                    if named is not None:
                        figures.append(_with_department(figure, named))
                    continue  # a name that is no department: ambiguous, so no figure
                last = figures[-1] if figures else None
                if last is not None and (last.name, last.span.line, last.span.column) == (
                        figure.name, figure.span.line, figure.span.column):
                    continue  # its pattern and its words read the same figure
                scope_department = section_department or department if matcher.scope == "department" else None
                figure = _in_scope(_with_department(figure, scope_department), block.text, sentence, start, hit.end,
                                   profile, reference, section_department or department)
                if line is not None and not line[2]:
                    figure = replace(figure, scope="departments", department=None)
                part = (_PART_LEAD.search(block.text, sentence[0], start)
                        if block.text.find("dont", sentence[0], start) >= 0 else None
                        ) or _SHARE_LEAD.match(block.text, sentence[0], start)
                # (in a key-figures row, the part of the row's value: "88 | réunions …, dont 5 rencontres régionales")
                if part and ((sentence, figure.name) in named_here or block.kind == "row"
                             or not _counts_before(block.text, sentence[0], start, profile)):
                    # "6,4 M€ depuis 2023, dont 3,2 M€ la première année": a part of it; "Montant
                    # cumulé 2023-2024, dont 6,4 M€ dès 2023": a part of a total stated elsewhere
                    continue
                if (sentence, figure.name) in named_here and _among_parts(block.text, sentence[0], start):
                    continue  # "3,4 M€, dont 1,8 M€ pour la Haute-Corse, 1,6 M€ pour … et 150 k€ pour …": the next parts
                named_here.add((sentence, figure.name))
                read_at.add(start)
                figures.append(figure)
                whole = _whole_before(block.text, hit.start, profile) if part and hit.start < start else None
                if whole is not None and figure.scope == "region" and figure.as_of is None:
                    parts.append((figure, whole))
                elif matcher.elided and not part and figure.scope == "region" and (
                        count := _elided_whole(block.text, hit.start, profile)) is not None and count.start() not in read_at:
                    # (a count that states a figure itself is a sibling: "14 projets réalisés et 27 en cours")
                    parts.append((figure, interval(count, profile)))
    return figures, parts


def _dated_heading_lines(block: Block, block_dates) -> tuple[tuple[int, tuple[Period, str]], ...]:
    """The lines of a paragraph that are a heading run into it, dated by themselves ("En
    Hauts-de-France, à la mi-octobre 2025", between a sentence's end and "58 réunions…", as
    `pdftotext` leaves a box's title): where each ends, and the as-of date the figures after it
    take when their sentence has none (a lead-in line's, as `_lead_in_dates` gives a block's)."""
    text = block.text
    bounds = [0, *_line_starts(block), len(text)]
    found = []
    for start, end, following in zip(bounds, bounds[1:], bounds[2:]):
        line = text[start:end].strip()
        dates = [date for date, _ in block_dates if start <= date.start and date.end <= end]
        if len(dates) != 1 or len(line) > _LONGEST_RUN_IN_HEADING or _SENTENCE_INSIDE.search(line) or line[-1:] in ".,;:!?":
            continue
        if start and not text[:start].rstrip().endswith((".", ":", "!", "?")):
            continue  # the line goes on with the sentence above
        if not text[end:following].lstrip()[:1].isupper() and not text[end:following].lstrip()[:1].isdigit():
            continue
        date = dates[0]
        lead = _AS_OF_LEAD.search(text, max(0, date.start - 12), date.start)
        if lead and lead.group(0).split()[0].lower() in ("au", "à", "fin"):
            found.append((end, (date.period, text[lead.start():date.end])))
    return tuple(found)


def _whole_before(text: str, noun_start: int, profile: CompiledProfile) -> tuple | None:
    """The value of the count written right before a noun ("huit projets"), if one is."""
    found = _count_before(text, noun_start, profile)
    return interval(found, profile) if found is not None else None


def _count_before(text: str, noun_start: int, profile: CompiledProfile) -> re.Match[str] | None:
    window = max(0, noun_start - _WHOLE_REACH)
    for found in profile.number_scan.finditer(text, window, noun_start):
        if found.end() == noun_start - 1 and text[found.end()] == " " and found.group("n"):
            return found
    return None


_WHOLE_REACH = 40


def _elided_whole(text: str, noun_start: int, profile: CompiledProfile) -> re.Match[str] | None:
    """The count an elided part is of: the one before its noun ("Onze projets en sont sortis :
    quatre sont réalisés"), or the one its match opens with ("… ont donné onze projets. Sept
    sont réalisés"), dated or not: a snapshot of some other eleven projects is the region's
    no more than an undated part is."""
    found = profile.number_scan.match(text, noun_start)
    return found if found is not None and found.group("n") else _count_before(text, noun_start, profile)


def _without_parts_of_other_wholes(figures: list[Figure], parts: list[tuple[Figure, tuple]],
                                   profile: CompiledProfile) -> list[Figure]:
    """The figures less the regional parts whose whole is none of the region's totals the dossier
    states: "huit projets dont trois déjà opérationnels" beside "38 projets issus des échanges"
    are a part of some other eight projects (the department's), not of the region's 38, and
    whose they are the sentence does not say."""
    if not parts:
        return figures
    totals = [f for f in figures if (f.name, f.unit) in profile.totals and f.scope == "region" and f.high is not None]
    dropped = set()
    for part, (low, high, *_) in parts:
        wholes = [f for f in totals if f.unit == part.unit]
        if wholes and not any(f.low <= high and low <= f.high for f in wholes):
            dropped.add(id(part))
    return [f for f in figures if id(f) not in dropped] if dropped else figures


# Nothing but a unit and spaces between two values: "3 800 000 € 7 200 000 €".
_NEXT_VALUE = re.compile(r" *(?:M€|k€|€|%)? +")


def _values(text: str, every_number, block_dates) -> tuple[re.Match[str], ...]:
    """The block's numbers that are values: neither signed (a change since last year) nor part of
    a date ("depuis novembre 2022" before "3 100 participants" on the next line is no value)."""
    return tuple(n for n in every_number if not _signed(text, n)
                 and not any(date.start <= n.start() < date.end for date, _ in block_dates))


def _side_by_side(text: str, values: tuple[re.Match[str], ...], number: re.Match[str]) -> bool:
    """Whether the number stands next to another value with no word between them ("Crédits
    engagés par l'ARS 3 800 000 € 7 200 000 €"): a row of a column a year that the export did not
    lay out in cells; which value is the figure is not said. The neighbours are all the block's
    values, whichever a pattern may follow, so that what is found does not depend on which
    numbers the patterns were tried on."""
    position = next((i for i, value in enumerate(values) if value.start() == number.start()), None)
    if position is None:
        return False
    before = values[position - 1] if position else None
    after = values[position + 1] if position + 1 < len(values) else None
    return bool(before is not None and _NEXT_VALUE.fullmatch(text, before.end(), number.start())
                or after is not None and _NEXT_VALUE.fullmatch(text, number.end(), after.start()))


@lru_cache(maxsize=_SHARED_TEXTS)
def _hits(text: str, start: int, end: int, followers: tuple, section: str,
          profile: CompiledProfile) -> tuple[tuple[_FigureMatcher, patterns.SlotHit], ...]:
    """(matcher, hit) of each figure pattern of the section's that matches around the number at
    text[start:end] (`followers`: what `CompiledProfile.followers` found after it), in the
    profile's order. They depend on the block's text alone: kept for the run, by text and
    number, as `_numbers_of_text` is."""
    sentences = _sentences(text)
    sentence = _sentence_of(sentences, start)
    found = []
    for matcher in profile.figures_in[section]:
        if followers[matcher.follows] is None:
            continue
        # A noun left out may be the previous sentence's: its elided pattern looks there too.
        floor = _previous_start(sentences, sentence) if matcher.slot.before is not None else sentence[0]
        hit = matcher.slot.match_at(text, start, end, floor)
        if hit is None or matcher.part and _DETERMINED.search(text, 0, start):
            continue
        found.append((matcher, hit))
    return tuple(found)


# "dont", then at most a qualifier, before a figure's number: a part of what the sentence counted.
_PART_LEAD = re.compile(r"(?<!\w)dont\s+(?:\S+\s+){0,2}\Z")
# A sentence that opens on the whole its figure is a share of: "Sur les 7,2 M€, 3,8 M€ ont été
# engagés en 2024".
_SHARE_LEAD = re.compile(r"[^\w(]*Sur (?:les|ces) [^;:!?]{1,60}?,\s+(?:\S+\s+){0,2}\Z", re.IGNORECASE)


def _among_parts(text: str, sentence_start: int, start: int) -> bool:
    """Whether a figure stands in the enumeration of parts a "dont" opens before it in its
    sentence, no clause ending between ("dont 1,8 M€ pour …, 1,6 M€ pour … et 150 k€")."""
    opened = text.rfind("dont", sentence_start, start)
    return opened >= 0 and _PART_WORD.match(text, opened) is not None and _CLAUSE_BREAK.search(text, opened, start) is None


_PART_WORD = re.compile(r"(?<!\w)dont\b")


def _counts_before(text: str, start: int, end: int, profile: CompiledProfile) -> bool:
    """Whether text[start:end] holds a count (a number that is no year nor article): the total
    a part after "dont" belongs to ("96 projets, dont 38 réalisés")."""
    return any(not _YEAR.fullmatch(found.group()) and not is_article(found)
               for found in profile.number_scan.finditer(text, start, end))


# "Les trois projets encore en cours feront…", "ces 12 projets": a set counted elsewhere, named
# again, not a figure stated here.
_DETERMINED = re.compile(r"(?<!\w)(?:[Ll]es|[Cc]es|des|aux) \Z")


# A value stated after its label is a short line of its own: a list item, a table row, a line
# (a line of a paragraph too: `pdftotext -layout` exports key figures as "Label ..... 41" lines).
_LONGEST_LABEL_LINE = 120
_LABEL_EDGES = re.compile(r"^\W+|\W+$")
_LABEL_SEPARATOR = re.compile(r"\s*(?:[:|=–—-]|\.{3,}|…)")  # used with match(text, pos): no ^; "41 ...... projets"
# What may follow a label's words: its as-of date, with the word that introduces it.
# Searched up to the date: \Z is where the date starts.
# What may name a count before its noun, in a label: "Nombre de projets", "c'est le nombre total d'".
_COUNT_LEAD = re.compile(r"(?:c['’]est )?(?:le )?nombre (?:total )?(?:de |d['’])")
_LABEL_DATE_LEAD = re.compile(r"(?<!\w)(?:au|en|depuis le|depuis|dès le|sur|à|fin|du|le|à la date du) \Z", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Label:
    """The words of a label, where its text starts and ends, and its as-of date if it has one."""

    start: int
    end: int
    words: str
    date: DateMatch | None
    date_text: str | None


def _lead_in_dates(blocks: tuple[Block, ...], dates_by_block, front: Period | None) -> list[tuple[Period | None, str | None]]:
    """For each block, the as-of date its figures take when their sentence has none: the front
    matter's, or, for the items and rows under a lead-in line dated by itself ("**Avancement au
    31 octobre 2024**", "Point d'étape au 31/10/2024 :") and the paragraph right under it (the
    key-figure lines of a text export, "Le bilan, arrêté au 30 septembre 2024, est le suivant :"),
    that line's; for the rows of a table whose header is so dated ("Indicateur (au 15 novembre
    2023) | Région | Isère"), the header's."""
    default = (front, None)
    found = []
    current = default
    header: tuple[Period, str] | None = None  # the date of the header of the table being read
    previous = None
    for index, (block, block_dates) in enumerate(zip(blocks, dates_by_block)):
        if block.kind in ("item", "row"):
            if block.kind == "row" and (previous is None or previous.kind != "row"):
                header = _as_of_alone(block, block_dates)
            found.append(header if block.kind == "row" and header else current)
            previous = block
            continue
        header, previous = None, block
        under_lead_in = current if block.kind == "paragraph" else default
        current = default
        # (and a line of its own right over a table or a list is its caption: "LA RÉGION EN
        # CHIFFRES (situation au 31/10/2023)", "**Les chiffres** (au 15 novembre 2024)")
        caption = block.kind == "paragraph" and block.line == block.end_line and index + 1 < len(blocks) and (
            blocks[index + 1].kind in ("item", "row"))
        short = len(block.text) <= _LONGEST_LEAD_IN and (
            block.kind == "heading" or block.emphasised or block.text.rstrip().endswith(":") or caption)
        if short:
            current = _as_of_alone(block, block_dates) or default
        found.append(under_lead_in)
    return found


def _as_of_alone(block: Block, block_dates) -> tuple[Period, str] | None:
    """The as-of date of a line holding one date, after "au": (period, "au 31 octobre 2024")."""
    if len(block_dates) != 1:
        return None
    date = block_dates[0][0]
    lead = _AS_OF_LEAD.search(block.text, max(0, date.start - 12), date.start)
    if lead and lead.group(0).strip().lower() == "au":
        return date.period, block.text[lead.start():date.end]
    return None


_LONGEST_LEAD_IN = 80


def _key_figure_rows(blocks: tuple[Block, ...], profile: CompiledProfile, reference: Reference) -> set[int]:
    """The rows of the tables that name no department: their figures are the table's own (a
    key-figures table). A table with a row naming a department, or a column of departments
    ("Corse-du-Sud (2A)" under "Département"), is a summary table, all of whose rows
    ("Actions régionales", "Total") `_summary_tables` reads: a cell of its is a department's
    share, never the region's figure."""
    rows: set[int] = set()
    table: list[int] = []
    for index, block in enumerate((*blocks, None)):
        if block is not None and block.kind == "row":
            table.append(index)
            continue
        if table and not any(reference.department(cell) for i in table for cell in blocks[i].cell_texts()) and (
                _department_column(blocks[table[0]], [blocks[i] for i in table[1:]], profile, reference) is None):
            # ("Projets réalisés | 38 | 79", a column a year: which value is the figure is not said)
            rows.update(i for i in table if sum(1 for cell in blocks[i].cell_texts()
                                                if _VALUE_CELL.fullmatch(cell.strip())) <= 1)
        table = []
    return rows


def _line_starts(block: Block) -> list[int]:
    """Offsets in the block's text where each of its source lines after the first starts."""
    starts = []
    previous_line = block.line
    for offset, line, _ in block.anchors:
        if line != previous_line:
            previous_line = line
            starts.append(offset + 1 if block.text[offset:offset + 1] == " " else offset)
    return starts


def _runs_into_next_line(block: Block, number_end: int, hit_end: int) -> bool:
    """Whether the words after a number start a new line with a capital: in a layout export,
    "…2022 ...... 41" then "Participants ...": the 41 is not a count of participants."""
    if block.line == block.end_line or block.text[number_end:hit_end].islower():
        return False
    if block.position(number_end - 1)[0] == block.position(hit_end - 1)[0]:
        return False
    return any(
        number_end < start < hit_end and block.text[start:start + 1].isupper() for start in _line_starts(block)
    )


@lru_cache(maxsize=_SHARED_TEXTS)
def _labelled(text: str, profile: CompiledProfile) -> str | None:
    """The text lowercased when it may hold a label: a figure's noun, or "dont" or a predicate
    under a line that holds one ("Réalisés au 15 octobre 2024 | 34" under "Projets suivis |
    61"); else None (kept per text, as `_numbers_of_text`)."""
    folded = lower(text)
    if profile.named_words.search(folded) is not None or "dont" in folded or profile.predicates.search(folded) is not None:
        return folded
    return None


def _label_segments(block: Block, key_row: bool) -> list[tuple[int, int]]:
    """The parts of a block that may hold a label and its value: a list item, a key-figure row,
    a short line."""
    if block.kind == "row":
        return [(0, len(block.text))] if key_row else []
    if block.kind == "item":
        return [(0, len(block.text))]
    bounds = [0, *_line_starts(block), len(block.text)]
    text = block.text
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b - a <= _LONGEST_LABEL_LINE and not _continues_sentence(text, a)]


def _continues_sentence(text: str, line_start: int) -> bool:
    """Whether the line starting there goes on with the sentence of the line above, as a
    wrapped paragraph does ("… ont rassemblé plus de 3 100", then "participants et fait
    émerger 42 projets."): it opens in lower case under a line that ends in no punctuation.
    Its words before a number label nothing."""
    if line_start == 0 or not text[line_start:line_start + 1].islower() or _PART_LINE.match(text, line_start):
        return False  # ("dont réalisés …… 21" under its total's line is a label of its own)
    above = text[:line_start].rstrip()
    return bool(above) and above[-1].isalnum()


def _label_figures(blocks, all_numbers, key_rows, found, sections, dates_by_block, profile: CompiledProfile, department, default_as_of,
                   reference: Reference):
    """Figures declared by words whose value follows its label ("Projets réalisés : 14",
    "| Réunions de concertation | 25 |", "dont réalisés au 30 septembre 2024 ..... 39" under a
    label of projects) or precedes it after a separator ("25 | réunions").

    Only in list items, key-figure table rows and short lines: in a sentence, words before a
    number rarely label it. A number some other pattern already read is left alone.
    """
    taken = {(f.span.line, f.span.column) for f in found}
    figures: list[Figure] = []
    for index, (block, section_department, block_dates) in enumerate(zip(blocks, sections, dates_by_block)):
        text = block.text
        if not all_numbers[index]:
            continue
        folded = _labelled(text, profile)
        if folded is None:
            continue
        segments = _label_segments(block, index in key_rows)
        if not segments:
            continue
        matchers = profile.labels_in["department" if section_department else "region"]
        sentences = _sentences(text)
        block_numbers = [m for m in all_numbers[index] if not any(d.start <= m.start() < d.end for d, _ in block_dates)]
        for segment_start, segment_end in segments:
            segment_numbers = [m for m in block_numbers if segment_start <= m.start() and m.end() <= segment_end]
            # A label holds a figure's noun, or is "dont …" or a predicate under a line that does.
            if not segment_numbers or (
                profile.named_words.search(folded, segment_start, segment_end) is None
                and "dont" not in folded[segment_start:segment_end]
                and profile.predicates.search(folded, segment_start, segment_end) is None
            ):
                continue
            previous_end = segment_start
            for position, number in enumerate(segment_numbers):
                start, end = number.span()
                next_start = segment_numbers[position + 1].start() if position + 1 < len(segment_numbers) else segment_end
                if next_start < segment_end and _INSIDE_LABEL.fullmatch(text, end, next_start):
                    continue  # "Projets issus des deux cycles : 63": the value is the 63, its label all before
                previous_end, label_from = end, previous_end
                if block.position(start) in taken or _signed(text, number):
                    continue
                label = _label(text, folded, label_from, start, profile)
                if label is not None and not _labels(text, label_from, label.start, segment_start, label.end, start):
                    label = None
                figure_start, figure_end = (label.start, end) if label else (start, end)
                if label is None and _LABEL_SEPARATOR.match(text, end):
                    label = _label(text, folded, end, next_start, profile, first_clause=True)
                    figure_start, figure_end = (start, label.end) if label else (start, end)
                if label is None:
                    continue
                matcher = _label_matcher(label.words, matchers, text[:segment_start], _line_above_parts(blocks, index, profile))
                if matcher is None:
                    continue
                hit = patterns.SlotHit(figure_start, figure_end, None)
                # A label and its value are a sentence of their own: the line's, at most.
                sentence_start, sentence_end = _sentence_of(sentences, start)
                sentence = (max(sentence_start, segment_start), min(sentence_end, segment_end))
                figure = _figure(block, number, hit, matcher, profile, sentence, block_dates, default_as_of[index],
                                 figure_start)
                if figure is None:
                    continue
                if label.date is not None and not _SINCE.match(label.date_text):
                    # ("… depuis le 14 novembre 2022": where the count starts, which dates nothing)
                    figure = replace(figure, as_of=label.date.period, as_of_text=label.date_text)
                scope_department = section_department or department if matcher.scope == "department" else None
                figure = _with_department(figure, scope_department)
                # The label is the figure's own words, not a scope's: scope words are looked for
                # around the value, and a department in the label ("Projets réalisés dans le
                # Finistère : 5") counts as one named after it.
                figures.append(_in_scope(figure, text, sentence, start, end, profile, reference,
                                         section_department or department, figure_start))
    return figures


def _column_pairs(blocks, sections, profile: CompiledProfile, department, reference: Reference) -> list[Figure]:
    """Key figures a text export laid out column after column: a paragraph ending with lines of
    a value alone ("58", "+ de 3 900", "41"), then a paragraph of as many lines, each the label
    of the value of its rank ("réunions de concertation depuis 2022", "projets réalisés fin
    octobre 2025"), as `pdftotext` leaves a box of two columns. Only as many labels as values,
    none holding a number but a date's, pair them."""
    figures: list[Figure] = []
    for index in range(len(blocks) - 1):
        block, following = blocks[index], blocks[index + 1]
        if block.kind != "paragraph" or following.kind != "paragraph" or following.line == following.end_line or (
                not block.text[-1:].isdigit() and not block.text.endswith("€")):
            continue
        labels = _lines(following)
        lines = _lines(block)
        values = lines[-len(labels):]
        if len(labels) < _FEWEST_PAIRS or len(values) != len(labels) or not all(
                _LONE_VALUE.fullmatch(block.text, start, end) for start, end in values) or (
                len(lines) > len(values) and _LONE_VALUE.fullmatch(block.text, *lines[-len(values) - 1])):
            continue  # (a column of more values than labels: which is whose is not said)
        text, folded = following.text, lower(following.text)
        if any(_number_outside_dates(text[start:end], profile) for start, end in labels):
            continue  # a line with a number of its own: no column of labels
        read = [_label(text, folded, start, end, profile) for start, end in labels]
        section_department = sections[index]
        matchers = profile.labels_in["department" if section_department else "region"]
        for label, (value_start, value_end), (start, end) in zip(read, values, labels):
            matcher = _label_matcher(label.words, matchers, "", None) if label is not None else None
            number = profile.number_scan.search(block.text, value_start, value_end) if matcher is not None else None
            if number is None or _signed(block.text, number):
                continue
            hit = patterns.SlotHit(number.start(), number.end(), None)
            figure = _figure(block, number, hit, matcher, profile, (number.start(), number.end()), (), (None, None))
            if figure is None:
                continue
            if label.date is not None and not _SINCE.match(label.date_text):
                figure = replace(figure, as_of=label.date.period, as_of_text=label.date_text)
            elif _SAME_DATE.search(text, start, end):
                figure = replace(figure, as_of_text=_SAME_DATE_TEXT)
            scope_department = section_department or department if matcher.scope == "department" else None
            figures.append(_with_department(figure, scope_department))
    return figures


def _number_outside_dates(line: str, profile: CompiledProfile) -> bool:
    """Whether a line holds a number that no date of it holds ("en 12 rencontres", not "depuis 2022")."""
    numbers = numbers_in(line, profile)
    dates = find_dates(line, None) if numbers else ()
    return any(not any(date.start <= number.start() < date.end for date in dates) for number in numbers)


def _lines(block: Block) -> list[tuple[int, int]]:
    """(start, end) of each line of a block's text."""
    bounds = [0, *_line_starts(block), len(block.text)]
    return [(start, len(block.text[:end].rstrip())) for start, end in zip(bounds, bounds[1:])]


_FEWEST_PAIRS = 3


_PAIR_SEPARATOR = re.compile(r"[;,|–—·•]")
# A cell holding a value alone: "38", "3 400", "3,8 M€", "plus de 1 200".
_VALUE = r"(?:(?:plus|près|moins) d[e']\s*|\+ de )?\d[\d\s\u202f\u00a0,.]*(?:\s*(?:M€|k€|€|%))?"
# A cell of a value, or of values a slash apart under a label that names as many ("Projets
# réalisés / en cours | 12 / 26").
_VALUE_CELL = re.compile(rf"{_VALUE}(?:\s*/\s*{_VALUE})*", re.IGNORECASE)
# A line of a value alone: "58", "+ de 3 900", "9,1 M€".
_LONE_VALUE = re.compile(rf"\s*(?:\+\s*)?{_VALUE}\s*", re.IGNORECASE)
# Words, then the separator before a value: the number before them is part of the label.
_INSIDE_LABEL = re.compile(r" [^\W\d_][^;,|–—·•:=\d]*[:|=]\s*")
_SENTENCE_END = re.compile(r"\s*[.!?…]\s+")


def _labels(text: str, previous_end: int, label_start: int, segment_start: int, label_end: int, number_start: int) -> bool:
    """Whether words before a value label it: they start their line or item, or follow the
    previous pair after a separator ("Projets réalisés : 14 ; projets en cours : 27"), and no
    sentence ends between them and the value ("… 240 participants. Cinq défis")."""
    # Only what is no word (markup, an emoji, a bullet) stands between previous_end and label_start.
    starts_pair = previous_end == segment_start or bool(_PAIR_SEPARATOR.search(text, previous_end, label_start))
    return starts_pair and _SENTENCE_END.fullmatch(text, label_end, number_start) is None


def _line_above_parts(blocks, index: int, profile: CompiledProfile) -> Block | None:
    """The block before a "dont …" line, above the other parts' lines that run under it
    ("Projets ayant émergé … 62", "dont réalisés … 21", "dont en cours … 41"; "Projets suivis |
    61", "Réalisés | 34", "En cours | 27")."""
    above = index - 1
    while above > 0 and index - above < _PARTS_UNDER_A_LABEL and _is_part_line(blocks[above].text, profile):
        above -= 1
    return blocks[above] if above >= 0 else None


def _is_part_line(text: str, profile: CompiledProfile) -> bool:
    """Whether a line labels a part of the total above it: "dont …", or a predicate first."""
    if _PART_LINE.match(text):
        return True
    edge = _LABEL_EDGES.match(text)
    return profile.predicates.match(lower(text), edge.end() if edge else 0) is not None


_PARTS_UNDER_A_LABEL = 6
_PART_LINE = re.compile(r"\W*dont\b", re.IGNORECASE)


def _label_matcher(words: str, matchers, before: str, previous_block: Block | None):
    """The figure a label names: its words, or "dont" and its predicate under a label of its noun,
    or its noun alone ("Réunions : 29") when no other figure of the part has that noun, or when
    one of those that have it is a total ("Projets : 64": all of them, not the realised ones)."""
    for matcher in matchers:
        if matcher.label.fullmatch(words):
            return matcher
    bare = [matcher for matcher in matchers if matcher.noun.fullmatch(words)]
    if len(bare) > 1:
        bare = [matcher for matcher in bare if matcher.total]
    if len(bare) == 1:
        return bare[0]
    for matcher in matchers:
        if matcher.elided_label is not None and matcher.elided_label.fullmatch(words):
            above = before or (previous_block.text if previous_block is not None else "")
            if matcher.noun.search(above):
                return matcher
    return None


def _label(text: str, folded: str, start: int, end: int, profile: CompiledProfile,
           first_clause: bool = False) -> _Label | None:
    """The label in text[start:end], without the punctuation, markup or emoji around it, and the
    as-of date it ends with ("Projets réalisés au 30 septembre 2024", "… entre novembre 2022 et
    mars 2023"); None when no words, or when they do not start as a label does (a figure's noun,
    or "dont"). `first_clause`: a label after its value ends at its first comma ("1 850 : c'est le
    nombre de participants, élus, soignants, usagers") or colon ("3 450 | participants : élus,
    soignants, usagers": what follows the colon says who they are)."""
    piece = text[start:end]
    words = _LABEL_EDGES.sub("", piece)
    if not words:
        return None
    offset = start + piece.find(words)
    label_end = offset + len(words)
    if not profile.label_starts.match(folded, offset):
        # "Nombre de réunions : 18", "41 : c'est le nombre de concertations": the count of a noun
        lead = _COUNT_LEAD.match(folded, offset, label_end)
        if lead is None or not profile.label_starts.match(folded, lead.end()):
            return None
        words, offset = text[lead.end():label_end], lead.end()
    if first_clause and (clause := _LABEL_CLAUSE_END.search(words)) is not None:
        words = words[:clause.start()]
        label_end = offset + len(words)
    words = " ".join(words.split())
    date = date_text = None
    found = find_dates(words, None)
    if found and found[-1].end == len(words):
        match = found[-1]
        lead = _LABEL_DATE_LEAD.search(words, max(0, match.start - 12), match.start)
        cut = lead.start() if lead else match.start
        if len(found) > 1 and _AND.fullmatch(words, found[-2].end, match.start) and (
                between := _BETWEEN_LEAD.search(words, 0, found[-2].start)):
            # a period: the figure counts over it, as a sentence's "entre … et …" does
            cut = between.start()
            match = replace(match, period=Period(found[-2].period.start, match.period.end))
        date, date_text, words = match, words[cut:], words[:cut].rstrip(" ,")
    return _Label(offset, label_end, words, date, date_text)


_LABEL_CLAUSE_END = re.compile(r"\s*[,;(:]")
_BETWEEN_LEAD = re.compile(r"(?<!\w)entre (?:le )?\Z", re.IGNORECASE)


def _with_department(figure: Figure, department: str | None) -> Figure:
    if figure.department == department:
        return figure
    return replace(figure, department=department)


# -- scope: whose figure it is -------------------------------------------------------------------

# "dont 3 100 dans le Finistère", "ont pris part aux échanges en Ille-et-Vilaine": a department
# named after a regional figure, in its clause, makes it that department's.
_DEPARTMENT_AFTER = re.compile(r"(?<!\w)(?:dans|en) (?:les |le |la |l')?([A-ZÀ-Ý][\w'-]*(?: [\w'-]+){0,3})")
_DEPARTMENT_LEAD = re.compile(
    r"(?:(?:En|Dans) (?:les |le |la |l')?([A-ZÀ-Ý][\w'-]*(?: [\w'-]+){0,3}?) ?,"
    # "Indre-et-Loire : quatre projets…", "Deux-Sèvres — 9 réunions…"
    r"|(?:Les |Le |La |L')?([A-ZÀ-Ý][\w'-]*(?: [\w'-]+){0,3}?)(?: ?:| [–—])\s)"
)
# A line that opens on a department's name and a dash, its figures after it.
_DEPARTMENT_LINE = re.compile(r"(?:Les |Le |La |L')?([A-ZÀ-Ý][\w'-]*(?: [\w'-]+){0,3}?) [–—] (?=\S)")


def _department_line(block: Block, start: int, reference: Reference) -> tuple[int, int, bool] | None:
    """In a block whose first line opens on a department's name and a dash ("Charente — 10
    réunions, 8 projets (5 réalisés, 3 en cours)"), (start, end) of the line holding text[start],
    and whether it opens so too; None in any other block."""
    if not _names_department_first(block.text, 0, reference):
        return None
    starts = _line_starts(block)
    index = bisect_right(starts, start)
    line_start = starts[index - 1] if index else 0
    line_end = starts[index] if index < len(starts) else len(block.text)
    return line_start, line_end, _names_department_first(block.text, line_start, reference)


def _names_department_first(text: str, start: int, reference: Reference) -> bool:
    lead = _DEPARTMENT_LINE.match(text, start)
    return lead is not None and reference.department(lead.group(1)) is not None
_CLAUSE_END = re.compile(r"[,;:(]|\s[-–—]\s")
_VALUE_SEPARATOR = re.compile(r"\s*(?:[:|]|\s[-–—])\s+")


def _in_scope(figure: Figure, text: str, sentence, start: int, end: int, profile: CompiledProfile,
              reference: Reference, department: str | None, label_start: int | None = None) -> Figure:
    """The figure with the scope (and campaign) the words of its sentence give it. `department`
    is the one whose part (or dossier) the sentence is in: a department's word ("bilan
    départemental") makes the figure that one's."""
    sentence_start, sentence_end = sentence
    kind, previous = _scope_word(text, sentence, start, end, profile)
    if previous:
        # the campaign before's, and whose its words say ("il y a un an, 38 projets étaient
        # réalisés dans la région, dont un seul en Haute-Marne": the region's)
        figure = replace(figure, campaign=_PREVIOUS)
    named = None if previous else _CAMPAIGN_NAMED.search(text, sentence_start, sentence_end) if (
        text.find("apr", sentence_start, sentence_end) >= 0 or text.find("APR", sentence_start, sentence_end) >= 0) else None
    if named:  # "lors du bilan « 1 an après », 41 projets": that campaign's, if not the dossier's
        figure = replace(figure, campaign=_NAMED + _campaign_label(named.group()))
    if kind in ("national", "programme", "meeting", "average", "body"):
        return replace(figure, scope="programme" if kind == "body" else kind, department=None)
    if kind == "department" and figure.scope == "region":
        return _as_department(figure, department)
    if kind is None and figure.unit == "departments" and (area := _AREA_NAMED.match(text, end)) and (
            reference.find_region(text[area.start(1):area.start(1) + _LONGEST_REGION_NAME]) is None):
        # "les quatre départements de Champagne-Ardenne": the departments of another area (a
        # former region), not the region's count
        return replace(figure, scope="departments", department=None)
    if kind is None and figure.scope in ("region", "department"):
        after = end if label_start is None else label_start
        departments = _departments_after(text, after, sentence_end, reference) or _departments_lead(
            text, sentence_start, start, reference
        ) or _department_where(text, sentence_start, start, reference)
        if not departments:
            departments = _several_departments_before(text, sentence_start, start, reference)
        if departments == (figure.department,):
            departments = ()  # its own department's, as its part says
        if not departments and figure.scope == "department" and (
                _region_named_before(text, sentence, start, department, reference, profile)
                or _region_named_before(text, (sentence_start, _next_figure(text, end, sentence_end, profile)),
                                        end, department, reference, profile, after=True)):
            return _as_region(figure, profile)
        if not departments and figure.scope == "region" and department is not None:
            departments = _own_department_named(text, sentence, department, reference, profile)
        if len(departments) == 1:
            return _as_department(figure, departments[0])
        if departments and set(departments) != set(reference.region_of(departments[0]).departments):
            # "12 réunions en Moselle et en Meuse": neither one department's nor the region's
            return replace(figure, scope="departments", department=None)
    return figure


# A count of departments followed by the name of the area they make up: "de Champagne-Ardenne".
_AREA_NAMED = re.compile(r"\s+(?:de |d'|du )(?:la |l')?([A-ZÀ-Ý])")
_LONGEST_REGION_NAME = 40  # "Provence-Alpes-Côte d'Azur"


def _region_named_before(text: str, sentence, start: int, department: str | None, reference: Reference,
                         profile: CompiledProfile, after: bool = False) -> bool:
    """Whether the sentence names the department's region before the figure, or says the whole
    region in the profile's words ("Dans les six départements de la région, 38 réunions"), and
    names no department ("Rappel – en Île-de-France, le CNR santé, ce sont 44 réunions", in a
    department's part): the region's figure, recalled there. With `after`, whether it names it
    between `start` (the figure's end) and the sentence's end ("23 projets étaient réalisés en
    Normandie", "29 réunions se sont tenues en région")."""
    region = reference.region_of(department)
    # (a department named in a part after the figure, "…, dont un seul en Haute-Marne", names no
    # other scope for it)
    part = text.find(", dont ", start, sentence[1])
    if region is None or reference.departments_named(fold(text[sentence[0]:part if part >= 0 else sentence[1]])):
        return False
    words = text[start:sentence[1]] if after else text[sentence[0]:start]
    if profile.whole_region is not None and profile.whole_region.search(_fold_words(words)):
        return True  # "Dans la région, 32 réunions ont fait émerger 62 projets"
    found = reference.find_region(words)
    return found is not None and found.name == region.name


def _next_figure(text: str, end: int, sentence_end: int, profile: CompiledProfile) -> int:
    """Where the next figure after `end` starts in its sentence (a year is none), else the
    sentence's end: the words up to it are the figure's ("23 projets réalisés en Normandie et
    15 en cours"), those after another's ("6 sont réalisés, sur les 38 de Normandie")."""
    following = profile.number_scan.search(text, end, sentence_end)
    while following and (_YEAR.fullmatch(following.group()) or is_article(following)):
        following = profile.number_scan.search(text, following.end(), sentence_end)
    return following.start() if following else sentence_end


def _as_region(figure: Figure, profile: CompiledProfile) -> Figure:
    """A department's figure as the region's, when the vocabulary names one ("region.meetings")."""
    name = "region." + figure.name.partition(".")[2]
    return replace(figure, name=name, scope="region", department=None) if name in profile.units else figure


@lru_cache(maxsize=_SHARED_TEXTS)
def _own_department_named(text: str, sentence, department: str, reference: Reference,
                          profile: CompiledProfile) -> tuple[str, ...]:
    """The dossier's department, when the sentence names it and neither the region, by its name
    or in words ("41 projets réalisés dans la région, dont cinq en Isère"), nor another
    department ("Six réunions, huit projets dont cinq déjà opérationnels : le bilan de l'Indre"):
    a recap of the department's own figures outside its part."""
    sentence_text = text[sentence[0]:sentence[1]]
    named = {name for name, _, _ in reference.departments_named(fold(sentence_text))}
    if named != {department} or reference.find_region(sentence_text) is not None or (
            profile.whole_region is not None and profile.whole_region.search(_fold_words(sentence_text))):
        return ()
    return (department,)


@lru_cache(maxsize=_SHARED_TEXTS)
def _several_departments_before(text: str, sentence_start: int, start: int, reference: Reference) -> tuple[str, ...]:
    """The departments named before a figure in its sentence when they are two or more ("Pour la
    petite couronne (Hauts-de-Seine, Seine-Saint-Denis, Val-de-Marne), les concertations ont réuni
    700 participants"): a group of departments, whatever the words that introduce them. One
    department named in passing does not tell whose figure it is."""
    named = {name for name, _, _ in reference.departments_named(fold(text[sentence_start:start]))}
    return tuple(sorted(named)) if len(named) > 1 else ()


def _as_department(figure: Figure, department: str | None) -> Figure:
    """A regional figure as the department's: the vocabulary's name for it ("department.participants")."""
    return replace(figure, name="department." + figure.name.partition(".")[2], scope="department", department=department)


@lru_cache(maxsize=_SHARED_TEXTS)
def _scope_word(text: str, sentence, start: int, end: int, profile: CompiledProfile) -> tuple[str | None, bool]:
    """The kind of the scope word nearest text[start:end] in its sentence, if any: before it, or
    after it with no other number between them. A region's own word ("dans notre région") is
    nearer than another scope's when it keeps the figure the region's. And whether a word of
    the campaign before is there too: whose figure it is and when are told apart ("un an plus
    tôt, l'agence comptait 21 projets achevés": the region's, of the campaign before)."""
    if profile.scope_markers is None:
        return None, False
    sentence_start, sentence_end = sentence
    kind = None
    previous = False
    nearest = math.inf
    next_number = None
    for marker_start, marker_end, marker_kind in _markers(text, profile):
        if marker_start < sentence_start:
            continue
        if marker_end > sentence_end:
            break
        if marker_end <= start:
            if marker_kind == "body" and (place := _PLACE_LEAD.match(text, sentence_start, start)) and (
                    marker_end <= place.end()):
                continue  # "Dans le Rhône et la Métropole de Lyon, 78 réunions…": a place, not a body's figure
            if _in_aside(text, sentence_start, marker_start, marker_end, start, end, profile):
                continue  # "(il y a un an, 38 des 96 projets), 57 en cours": the aside's count's words
            if _dated_aside(text, sentence_start, marker_start, marker_end, start):
                continue  # "Lancé (lundi 3 octobre 2022 au niveau national), …, 142 réunions": where that day's was
            distance = start - marker_end
        elif marker_start >= end:
            if next_number is None:
                following = profile.number_scan.search(text, end, sentence_end)
                # "en 2024", "d'un dispositif": no other figure
                while following and (_YEAR.fullmatch(following.group()) or is_article(following)):
                    following = profile.number_scan.search(text, following.end(), sentence_end)
                next_number = following.start() if following else sentence_end
            if marker_start > next_number:
                break
            if _in_aside(text, sentence_start, marker_start, marker_end, start, end, profile):
                continue
            # "1,5 million d'euros — apportés par la Région": a separator right after the value
            # opens its label, it ends no clause
            separator = _VALUE_SEPARATOR.match(text, end)
            if marker_kind in _CLAUSE_KINDS and _CLAUSE_END.search(text, separator.end() if separator else end, marker_start):
                # "… 12 départements, avec le concours de l'Assurance maladie": a partner; "neuf
                # réunions, à Lille, …, la rencontre de Lille ayant réuni…": another figure's
                continue
            distance = marker_start - end
        else:
            continue
        if marker_kind == "previous_campaign":
            previous = True
        elif distance < nearest:
            nearest, kind = distance, marker_kind
    return kind, previous


_YEAR = re.compile(r"(?:19|20)\d\d")
# A sentence that opens on the places it is about: "Dans le Rhône et la Métropole de Lyon, …".
_PLACE_LEAD = re.compile(r"(?:Dans|En) (?:les |le |la |l')?[A-ZÀ-Ý][^,;:.]{0,80},")

# Scope kinds whose words after a figure are its own only in its clause.
_CLAUSE_KINDS = ("body", "meeting", "average")


@lru_cache(maxsize=_SHARED_TEXTS)
def _markers(text: str, profile: CompiledProfile) -> tuple[tuple[int, int, str], ...]:
    """The scope words of a block as (start, end, kind), found once for all its figures (and
    kept per text, as `_numbers_of_text`). A word written with a capital matches only so, its
    first letter aside; a block with only the region's own words has none (they are common,
    and change nothing)."""
    found = []
    folded = lower(text)
    # (else a letter's lower case is longer: offsets would shift)
    if len(folded) == len(text) and profile.scope_hint.search(folded) is not None:
        for match in profile.scope_markers.finditer(folded):
            kind, word = profile.scope_kinds[match.group()]
            if word == lower(word) or text[match.start() + 1:match.end()] == word[1:]:
                found.append((match.start(), match.end(), kind))
    return tuple(found) if any(kind != "region" for _, _, kind in found) else ()


@lru_cache(maxsize=_SHARED_TEXTS)
def _departments_lead(text: str, sentence_start: int, start: int, reference: Reference) -> tuple[str, ...]:
    """The departments a sentence opens with ("En Seine-Maritime, 11 réunions…", "Dans l'Eure, 8
    réunions…", "En Moselle et en Meuse, …"): the sentence's figures are theirs. So are those of
    a clause after a semicolon that opens so ("…, 64 réunions ; en Isère, huit réunions…")."""
    semicolon = text.rfind(";", sentence_start, start)
    if semicolon >= 0:
        clause = text[semicolon + 1:start].lstrip()
        found = _departments_lead(clause[:1].upper() + clause[1:], 0, len(clause), reference)
        if found:
            return found
    lead = _DEPARTMENT_LEAD.match(text, sentence_start, start)
    if lead is None:
        return ()
    if lead.group(2):
        found = reference.department(lead.group(2))
        return (found,) if found else ()
    return _departments_from(reference, lead.group(1), text[lead.start(1):start])


# "où" right after a department's name (a word qualifying it between) opens a clause about that
# department: "suivis avec le Doubs voisin, où 9 réunions se sont tenues".
_WHERE = re.compile(r"(?<!\w)où\s+(?:[^\W\d]+\s+){0,3}\Z")
_WHERE_REACH = 40  # how far "où" may stand before the figure, and the department's name before "où"


def _department_where(text: str, sentence_start: int, start: int, reference: Reference) -> tuple[str, ...]:
    where = _WHERE.search(text, max(sentence_start, start - _WHERE_REACH), start)
    if where is None:
        return ()
    before = fold(text[max(sentence_start, where.start() - _WHERE_REACH):where.start()])
    named = reference.departments_named(before)
    if len(named) != 1 or not _QUALIFIER_ONLY.fullmatch(before, named[0][2]):
        return ()
    return (named[0][0],)


_QUALIFIER_ONLY = re.compile(r"(?:\s+[^\W\d]+)?\s*,?\s*")


@lru_cache(maxsize=_SHARED_TEXTS)
def _departments_after(text: str, end: int, sentence_end: int, reference: Reference) -> tuple[str, ...]:
    """The departments named after a figure in its clause ("… 11 réunions en Haute-Corse"), with
    those joined to the first ("… en Corse-du-Sud et en Haute-Corse")."""
    clause_end = _CLAUSE_END.search(text, end, sentence_end)
    found = _DEPARTMENT_AFTER.search(text, end, clause_end.start() if clause_end else sentence_end)
    if found is None:
        return ()
    run = text[found.start(1):min(sentence_end, found.start(1) + _LONGEST_DEPARTMENTS)]
    return _departments_from(reference, found.group(1), run)


_LONGEST_DEPARTMENTS = 160  # "Côtes-d'Armor, Finistère, Ille-et-Vilaine et Morbihan" and then some
# What joins the departments of one run, folded: "et en", ", l'", " et dans le".
_DEPARTMENTS_JOINED = re.compile(r"\s*(?:,|\bet\b|\bou\b)?\s*(?:(?:dans|en)\s+)?(?:(?:les|le|la|du|des|de la)\s+|l')?")


@lru_cache(maxsize=1024)
def _departments_from(reference: Reference, words: str, run: str) -> tuple[str, ...]:
    """The department the words start with (`_department_named`), and those that follow it in
    the run of text from there, joined by a comma or "et": "Corse-du-Sud et en Haute-Corse"."""
    first = _department_named(reference, words)
    if first is None:
        return ()
    folded = fold(run)
    named = reference.departments_named(folded)
    if not named or named[0][0] != first or named[0][1] != 0:
        return (first,)
    run, previous_end = [first], named[0][2]
    for department, start, end in named[1:]:
        if not _DEPARTMENTS_JOINED.fullmatch(folded, previous_end, start):
            break
        run.append(department)
        previous_end = end
    return tuple(run)


@lru_cache(maxsize=1024)
def _department_named(reference: Reference, words: str) -> str | None:
    """The department the words start with ("Finistère depuis 2022": the longest name that is
    one); the same few phrases come back in every dossier of a corpus."""
    split = words.split(" ")
    for count in range(len(split), 0, -1):
        department = reference.department(" ".join(split[:count]))
        if department is not None:
            return department
    return None


# A figure of the campaign before, until the dossier's own campaign names it.
_PREVIOUS = "previous"
# A figure of the campaign its sentence names ("named:1 an après"), until the dossier's own
# campaign tells whether it is that one.
_NAMED = "named:"
_CAMPAIGN_NAMED = re.compile(r"(?<!\w)(?:\d+|un|deux|trois|quatre|cinq) ans? après(?!\w)", re.IGNORECASE)
# Leads of a date a figure counts from, not one it was counted at: "depuis novembre 2022".
_SINCE = re.compile(r"^(?:depuis|dès)\b", re.IGNORECASE)


def _of_campaign(figures: list[Figure], campaign: str | None, launch) -> list[Figure]:
    """Figures of another campaign named by it: those its words place there ("l'an dernier"),
    and those dated before the dossier's campaign: before its year, or, from "2 ans après" on,
    before the end of the campaign before (the anniversary of the launch, `launch()`, and the
    two months its dossiers take): "au 6 novembre 2023" in a "2 ans après 2024" dossier, not
    "le mardi 12 décembre 2023", a meeting of its own cycle."""
    label = re.fullmatch(r"(\d+) ans? après (\d{4})", campaign) if campaign else None
    year = int(label.group(2)) if label else None
    previous = _previous_campaign(label) if label else None
    result = []
    ended = None  # when the campaign before ended, found once (the launch is looked for)
    for figure in figures:
        dated_before = (
            year is not None and figure.as_of is not None and figure.as_of.end.year < year
            and not _SINCE.match(figure.as_of_text or "")
            and not _held_over(figure.as_of)
        )
        if dated_before and figure.as_of.end.year == year - 1 and int(label.group(1)) > 1:
            ended = ended or _campaign_end(year - 1, launch())
            dated_before = figure.as_of.start < ended  # "en 2023" too: the whole year before
        if figure.campaign and figure.campaign.startswith(_NAMED):
            figure = replace(figure, campaign=_named_campaign(figure.campaign[len(_NAMED):], label))
        if figure.campaign == _PREVIOUS or (dated_before and figure.campaign is None):
            figure = replace(figure, campaign=previous or "previous")
        result.append(figure)
    return result


def _held_over(period: Period) -> bool:
    """A span of months ("entre novembre 2022 et mars 2023"): when what a figure counts took
    place (the concertation's meetings), which every later campaign recalls as it was; not a
    snapshot of the campaign before ("au 6 novembre 2023"), nor its month or year ("en 2023")."""
    whole_year = (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)
    return (period.end - period.start).days > _DAYS_IN_A_MONTH and not whole_year


_DAYS_IN_A_MONTH = 31
_CAMPAIGN_MONTHS = 2  # a campaign's dossiers come out within two months of the launch's anniversary


def _campaign_end(year: int, launched: datetime.date | None) -> datetime.date:
    """When the campaign of that year ended: two months after the launch's anniversary (the
    end of the year when the launch is not known: every date of that year is before)."""
    if launched is None:
        return datetime.date(year + 1, 1, 1)
    month = launched.month + _CAMPAIGN_MONTHS
    return datetime.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _named_campaign(named: str, label: re.Match[str] | None) -> str | None:
    """The campaign a sentence names ("1 an après") in a dossier of `label`'s: None when it is
    the dossier's own (or the dossier has none), else that one with its year."""
    years = int(named.split(" ", 1)[0]) if named[:1].isdigit() else None
    if label is None or years is None or years == int(label.group(1)):
        return None
    return f"{named} {int(label.group(2)) - int(label.group(1)) + years}"


def _previous_campaign(label: re.Match[str]) -> str:
    """ "2 ans après 2024" -> "1 an après 2023"; "1 an après 2023" -> "lancement 2022"."""
    years, year = int(label.group(1)) - 1, int(label.group(2)) - 1
    if years < 1:
        return f"lancement {year}"
    return f"{years} an{'s' if years > 1 else ''} après {year}"


@lru_cache(maxsize=_SHARED_TEXTS)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, in order; the breaks between them are left out."""
    bounds = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        bounds.append((start, match.start(1)))
        start = match.end()
    bounds.append((start, len(text)))
    return tuple(bounds)


def _previous_start(sentences: tuple[tuple[int, int], ...], sentence: tuple[int, int]) -> int:
    index = bisect_right(sentences, sentence) - 1
    return sentences[index - 1][0] if index > 0 else sentence[0]


def _sentence_of(sentences: tuple[tuple[int, int], ...], offset: int) -> tuple[int, int]:
    """The sentence holding the offset; the last one for an offset inside a break."""
    sentence = sentences[bisect_right(sentences, (offset, math.inf)) - 1]
    return sentence if offset <= sentence[1] else sentences[-1]


# "un département rural", "une réunion": an article far more often than a count of one.
_ARTICLES = ("un", "une")
# "tous ont accueilli au moins une concertation": there is one or more, each; no count of the whole.
_EXISTENCE = "au moins"


def is_article(number: re.Match[str]) -> bool:
    if not number.group("n") or lower(number.group("n")) not in _ARTICLES:
        return False
    qualifier = number.group("qualifier")
    return not qualifier or _fold_words(qualifier) == _EXISTENCE


def _figure(block, number, hit, matcher, profile: CompiledProfile, sentence, block_dates, default_as_of,
            start: int | None = None) -> Figure | None:
    """The figure a pattern's hit gives; its text runs from `start` (the number's, by default)."""
    if is_article(number):
        return None
    value = interval(number, profile)
    if value is None:
        return None
    low, high, low_open, high_open, qualifier = value
    if qualifier is None and number.group("n") and _AT_LEAST.match(block.text, hit.end):
        # "2 400 participants et plus": at least that, up to one unit of its last digit more.
        high, qualifier = low + parse_number(number.group("n")).step, "et plus"
    start = number.start() if start is None else start
    as_of, as_of_text = _as_of(hit, start, sentence, block_dates, default_as_of, block.text, profile)
    same_date = _SAME_DATE.search(block.text, start, min(len(block.text), hit.end + _SAME_DATE_REACH)) if as_of is None else None
    if same_date and not _PAST_SAME_DATE.search(block.text, hit.end, same_date.start()):
        as_of_text = _SAME_DATE_TEXT  # the date of the figure before it, given by `_same_dates`
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


# "13 projets en cours à la même date": the as-of date of the figure stated just before.
_SAME_DATE = re.compile(r"(?<!\w)à (?:la même date|cette date|cette même date)(?!\w)", re.IGNORECASE)
_SAME_DATE_REACH = 60
# What the words between a figure and its "à la même date" do not hold ("13 projets en cours de
# déploiement à cette même date"): another number, a sentence's end.
_PAST_SAME_DATE = re.compile(r"[\d.;!?]")
_SAME_DATE_TEXT = "à la même date"


def _same_dates(figures: list[Figure]) -> list[Figure]:
    """The figures "à la même date" dated as the figure stated before them."""
    if not any(f.as_of is None and f.as_of_text == _SAME_DATE_TEXT for f in figures):
        return figures
    dated: dict[tuple[int, int], Figure] = {}
    previous = None
    for figure in sorted(figures, key=lambda f: (f.span.line, f.span.column)):
        if figure.as_of is None and figure.as_of_text == _SAME_DATE_TEXT:
            if previous is not None:
                dated[(figure.span.line, figure.span.column)] = replace(figure, as_of=previous.as_of)
        elif figure.as_of is not None:
            previous = figure
    return [dated.get((f.span.line, f.span.column), f) for f in figures]


def _dated_as_the_realised_above(figures: list[Figure]) -> list[Figure]:
    """An undated count of projects in progress right under a dated count of realised ones, the
    next figure after it within a few lines ("41 projets réalisés au 31 octobre 2025", then "23
    projets en cours", as a key-figures box prints them): the two are one snapshot of progress,
    at its date."""
    ordered = sorted(figures, key=lambda f: (f.span.page, f.span.line, f.span.column))
    dated: dict[tuple[int, int, int], Figure] = {}
    for above, figure in zip(ordered, ordered[1:]):
        if (figure.as_of is None and above.as_of is not None and figure.name.endswith(".projects.in_progress")
                and above.name == figure.name.removesuffix("in_progress") + "realised"
                and (above.scope, above.department, above.campaign) == (figure.scope, figure.department, figure.campaign)
                and above.span.page == figure.span.page and 0 < figure.span.line - above.span.line <= _SNAPSHOT_LINES):
            dated[_position_of(figure)] = replace(figure, as_of=above.as_of, as_of_text=above.as_of_text)
    return [dated.get(_position_of(f), f) for f in figures] if dated else figures


# A key-figures box: a figure and its caption on two lines, the next figure on the line after.
_SNAPSHOT_LINES = 3


def _position_of(figure: Figure) -> tuple[int, int, int]:
    return figure.span.page, figure.span.line, figure.span.column


def _dated_by_twins(figures: list[Figure]) -> list[Figure]:
    """An undated count of projects dated as the dossier's figures of the same name, scope,
    campaign and value, when they all give one date: "vingt sont achevés" after "Au 30
    septembre 2024 : 20 projets réalisés" is that snapshot of progress, not another one."""
    def twin(figure: Figure) -> tuple:
        return figure.name, figure.scope, figure.department, figure.low, figure.high, figure.campaign

    undated = {twin(f) for f in figures if f.as_of is None and f.unit == "projects"}
    dates: dict[tuple, dict[Period, str | None]] = {}  # each period with the first text that gives it
    for figure in figures:
        if figure.as_of is not None and (key := twin(figure)) in undated:
            dates.setdefault(key, {}).setdefault(figure.as_of, figure.as_of_text)
    if not dates:
        return figures
    dated = []
    for figure in figures:
        found = dates.get(twin(figure)) if figure.as_of is None else None
        if found and len(found) == 1:
            (period, text), = found.items()
            figure = replace(figure, as_of=period, as_of_text=text)
        dated.append(figure)
    return dated


_AT_LEAST = re.compile(r"\s+(?:et|ou) plus\b(?!\s+d)", re.IGNORECASE)


def interval(match: re.Match[str], profile: CompiledProfile):
    """(low, high, low_open, high_open, qualifier) of a {n} slot match, by the profile's rules."""
    return _interval(match.group("qualifier"), match.group("round"), match.group("n"), profile)


# The value of what a {n} slot matched depends on its three groups' texts alone: kept for the
# run, by them ("plus de 40", "une centaine" come back in every dossier).
@lru_cache(maxsize=_SHARED_TEXTS)
def _interval(qualifier_text: str | None, round_text: str | None, number_text: str | None, profile: CompiledProfile):
    qualifier = _fold_words(qualifier_text) if qualifier_text else None
    if round_text:
        noun = lower(round_text).split()[-1].rstrip("s")
        low, high = profile.round_nouns[noun]
        words = _fold_words(round_text)
        joint = "" if qualifier and qualifier.endswith("'") else " "
        written = f"{qualifier}{joint}{words}" if qualifier else words
        if qualifier in profile.more_than or qualifier in profile.less_than:
            # "plus d'une centaine" is "plus de 100": the noun's middle, by the qualifier's rule.
            middle = (low + high) / 2
            step = integer_number(int(middle)).step if float(middle).is_integer() else 1.0
            if qualifier in profile.more_than:
                return middle, middle + step, False, True, written
            return max(middle - step, 0.0), middle, True, False, written
        return float(low), float(high), False, False, written
    number = parse_number(number_text)
    if number is None:
        return None
    value = number.value
    if qualifier in profile.approximately:
        tolerance = value * profile.approximate_share
        return value - tolerance, value + tolerance, False, False, qualifier
    if qualifier in profile.nearly:
        return value - value * profile.nearly_share, value, False, False, qualifier
    # The number a qualifier rounds is a value it admits: "plus de 3,4 millions" states a sum of
    # 3 400 000 as well as the dossier that writes it out; the next unit is not admitted, so
    # "plus de 2,8 millions" and "plus de 2,9 millions" still disagree.
    if qualifier in profile.more_than:
        return value, value + number.step, False, True, qualifier
    if qualifier in profile.less_than:
        return max(value - number.step, 0.0), value, True, False, qualifier
    return value, value, False, False, None


def _as_of(hit, start, sentence, block_dates, default, text, profile) -> tuple[Period | None, str | None]:
    """The figure's own {date}, else the nearest date of its sentence (before it, then after,
    when it dates no other count), else `default`: (period, text), the front matter's or a
    lead-in line's."""
    default_as_of = default[0]
    if hit.date:
        own = parse_date(hit.date, default_as_of.end.year if default_as_of else None)
        if own is not None:
            return own.period, own.text
    sentence_start, sentence_end = sentence
    before = after = None
    for date, _ in block_dates:
        if date.start < sentence_start or date.end > sentence_end:
            continue
        if date.period.start == date.period.end == profile.launched:
            continue  # "Trois ans après le lundi 3 octobre 2022, … 42 réunions": when it began, no count's date
        if date.end <= start:
            if not _in_aside(text, sentence_start, date.start, date.end, start, hit.end, profile, date.weekday is not None) and not (
                    (since := _AS_OF_LEAD.search(text, max(0, date.start - 12), date.start)) and _SINCE.match(since.group(0))):
                before = date  # (not "depuis 2022": where a count starts, which dates nothing)
        elif date.start >= hit.end and after is None and date.weekday is None and not _dates_another_count(
                text, hit.end, date.start, profile):
            # (a day named after a count is an event's, "six réunions, à Nîmes le lundi 28
            # novembre 2022, puis…", not the date the count was made)
            after = date
    chosen = before or after
    if before is not None and after is not None and _inside_aside(text, before.end, start, hit.end, after.start):
        # "32 réalisés au 31 octobre 2025 (contre 18 en cours au 31 octobre 2024)": an aside
        # dates its own counts; the date before it is the sentence's
        chosen = after
    if chosen is None:
        return default
    lead = _AS_OF_LEAD.search(text, max(0, chosen.start - 12), chosen.start)
    lead_start = lead.start() if lead else chosen.start
    if _OPENED.search(text, max(0, lead_start - 24), lead_start):
        # "le second cycle, ouvert à l'automne 2023, a donné lieu à 26 réunions": when what is
        # counted began, as "depuis" says, not when it was counted
        return default
    if lead and _SINCE.match(lead.group(0)):
        # "depuis novembre 2022" starts the period counted, it does not date it: the date the
        # dossier or its lead-in line gives does, if any.
        return default
    if _FROM.search(text, max(0, chosen.start - 3), chosen.start):
        # "de novembre 2022 à mars 2023": the figure counts over the period, as "entre … et …"
        last = next((d for d, _ in block_dates if d.start > chosen.end and _TO.fullmatch(text, chosen.end, d.start)), None)
        if last is not None:
            return Period(chosen.period.start, last.period.end), text[chosen.start - 3:last.end].lstrip()
    between = lead is not None and lead.group(0).lower().startswith("entre")
    if between or chosen.period.start != chosen.period.end:
        # "entre novembre 2022 et mars 2023", "en 2023 et 2024": the figure counts over the whole
        # period (two days joined by "et" are two dates, not a period).
        last = next((d for d, _ in block_dates if d.start > chosen.end and _AND.fullmatch(text, chosen.end, d.start)), None)
        if last is not None and (between or last.period.start != last.period.end):
            return Period(chosen.period.start, last.period.end), text[lead.start() if lead else chosen.start:last.end]
    return chosen.period, (lead.group(0) if lead else "") + chosen.text


def _inside_aside(text: str, before_end: int, start: int, end: int, after_start: int) -> bool:
    """Whether a parenthesis opened after the date before a figure (text[before_end:start])
    holds the figure and the date after it (text[end:after_start]) still."""
    opened = text.rfind("(", before_end, start)
    return opened >= 0 and ")" not in text[opened:start] and ")" not in text[end:after_start]


def _in_aside(text: str, sentence_start: int, inner_start: int, inner_end: int, figure_start: int, figure_end: int,
              profile: CompiledProfile, day: bool = False) -> bool:
    """Whether words near a figure (a date, a scope word) stand in brackets the figure is
    outside of, and the brackets are an aside about something else: they hold a count of their
    own ("74 réalisés et 57 en cours (il y a un an, au 31 octobre 2023, 38 des 96 projets…)"),
    or (`day`) the words are a day named with its weekday, an event's ("48 réunions (la
    première, le mardi 29 novembre 2022, à Limoges), réunissant 2 300 participants"). Brackets
    holding only a period date what they follow ("Le premier cycle (novembre 2022 – janvier
    2023) avait compté 11 concertations")."""
    if inner_end <= figure_start:
        opened = text.rfind("(", sentence_start, inner_start)
        if opened == -1 or text.find(")", opened, inner_start) != -1:
            return False
        closed = text.find(")", inner_end, figure_start)
        if closed == -1:
            return False
    else:
        opened = text.find("(", figure_end, inner_start)
        if opened == -1 or text.find(")", opened, inner_start) != -1:
            return False
        closed = text.find(")", inner_end)
        closed = closed if closed != -1 else len(text)
    if day:
        return True
    for found in profile.number_scan.finditer(text, opened, closed):
        if inner_start <= found.start() < inner_end or _YEAR.fullmatch(found.group()) or is_article(found):
            continue
        if not _DAY_OF_A_DATE.match(text, found.end()):
            return True
    return False


def _dated_aside(text: str, sentence_start: int, inner_start: int, inner_end: int, figure_start: int) -> bool:
    """Whether scope words before a figure stand in brackets closed before it that hold a date:
    they say where what happened that day happened ("Lancé à l'automne 2022 (lundi 3 octobre
    2022 au niveau national), le CNR santé … 142 réunions"), not whose the figure is."""
    opened = text.rfind("(", sentence_start, inner_start)
    if opened == -1 or text.find(")", opened, inner_start) != -1:
        return False
    closed = text.find(")", inner_end, figure_start)
    return closed != -1 and bool(find_dates(text[opened + 1:closed], None))


# After a number, what makes it a date's day ("31 octobre", "31/10"), not a count.
_DAY_OF_A_DATE = re.compile(r"(?:er|ᵉʳ)?\s+(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)|/\d", re.IGNORECASE)


_AND = re.compile(r"\s+et\s+(?:le\s+|en\s+)?")
_FROM = re.compile(r"(?<!\w)de \Z", re.IGNORECASE)
_TO = re.compile(r"\s+à\s+")
_OPENED = re.compile(r"(?<!\w)(?:ouvert|lancé|engagé|démarré|entamé|amorcé|débuté)e?s?\s+\Z", re.IGNORECASE)
# What joins the counts of one enumeration, which a date after them dates together ("14
# réalisés et 27 en cours au 8 novembre 2023", "17 réalisés sur 46, au 31 octobre 2023").
_JOINED = re.compile(r"(?:,|\bet|\bdont|\bainsi que|\bsur)\s*(?:les\s+)?\Z", re.IGNORECASE)  # ", les 55 autres"
_CLAUSE_BREAK = re.compile(r"[:;]")


def _dates_another_count(text: str, end: int, date_start: int, profile: CompiledProfile) -> bool:
    """Whether a date after a figure (text[end:date_start] between them) is another count's: one
    that stands between them, not in an enumeration with the figure ("sept réunions…, après les
    neuf rencontres du premier cycle tenues entre novembre 2022 et février 2023")."""
    broken = None
    for found in profile.number_scan.finditer(text, end, date_start):
        if _YEAR.fullmatch(found.group()) or is_article(found):
            continue
        if broken is None:
            broken = _CLAUSE_BREAK.search(text, end, date_start) is not None
        if broken or not _JOINED.search(text, end, found.start()):
            return True
    return False


# -- lists ---------------------------------------------------------------------------------------


def _stated(block: Block, block_numbers, matcher: _ListMatcher):
    """The first (number match, hit) of a list's stated-count pattern in the block, if any."""
    for number, followers in block_numbers:
        if followers[matcher.follows] is None:
            continue
        hit = matcher.slot.match_at(block.text, *number.span())
        if hit is not None and not _runs_into_next_line(block, number.end(), hit.end):
            return number, hit
    return None


def _names_a_part(text: str, number: re.Match[str], block_numbers, section: str, profile: CompiledProfile) -> bool:
    """Whether a figure declared with a predicate reads the stated count ("77 projets réalisés",
    "5 projets en cours"): it counts the things in that state, not all those the list holds."""
    followers = next(found for candidate, found in block_numbers if candidate is number)
    return any(matcher.part for matcher, _ in _hits(text, *number.span(), followers, section, profile))


def _labelled_list(block: Block, block_numbers, section: str, profile: CompiledProfile) -> tuple[str, re.Match[str]] | None:
    """(list name, number) of a list of entries stated as a key figure: its label then its value
    alone on a list item or a line ("Projets concrets : 6"), or its value then its noun alone on
    the block's first line, a leaflet's big figure ("7 projets", its caption under it: "landais",
    "dans le département"; not "en cours", which counts a part of them)."""
    if block.kind not in ("item", "paragraph", "heading") or len(block.text) > _LONGEST_LABEL_LINE:
        return None
    text = block.text
    one_line = block.line == block.end_line
    # A line of key figures set apart by bullets ("12 réunions • 350 participants • 14 projets"):
    # each a key figure of its own, on a line, in a heading too.
    segments = _key_figure_segments(text) if one_line else [(0, len(text))]
    if block.kind == "heading" and len(segments) < 2:
        return None
    first_line_end = next(iter(_line_starts(block)), len(text))
    for start, end in segments:
        end = min(start + len(text[start:end].rstrip(" .")), first_line_end)
        for name, list_section, label, noun_after in profile.list_labels:
            if list_section not in ("any", section):
                continue
            found = label.match(text, start) if one_line else None
            number = profile.number_scan.fullmatch(text, found.end(), end) if found else None
            if number is not None and number.group("n"):
                return name, number
            number = profile.number_scan.match(text, start) if text[start:start + 1].isdigit() else None
            if number is not None and number.group("n") and noun_after.fullmatch(text, number.end(), end) and (
                    not any(found.start() == start and _names_a_part(text, found, block_numbers, section, profile)
                            for found, _ in block_numbers)):
                return name, number
    return None


# What sets key figures apart on one line: a bullet or a bar between spaces.
_KEY_FIGURE_SEPARATOR = re.compile(r"\s+[•·|▪]\s+")


def _key_figure_segments(text: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of a line between key-figure separators; the whole line when none."""
    bounds = [0]
    for separator in _KEY_FIGURE_SEPARATOR.finditer(text):
        bounds.extend(separator.span())
    bounds.append(len(text))
    return list(zip(bounds[::2], bounds[1::2]))


def _lists(blocks, numbers, sections, opens, profile: CompiledProfile, department,
           reference: Reference) -> list[EntryList]:
    lists = []
    announced: list[EntryList] = []  # the lists of items ("quatre grands défis :", then the items)
    for index, block in enumerate(blocks):
        if block.kind == "row":
            continue
        section = "department" if sections[index] else "region"
        labelled = _labelled_list(block, numbers[index], section, profile) if profile.list_labels else None
        if labelled is not None:
            name, number = labelled
            value = interval(number, profile)
            entries, understood = _entries(blocks, numbers, opens, _after_items(blocks, index), profile, sections[index])
            lists.append(EntryList(
                name=name, stated=int(value[0]) if value and value[0] == value[1] else None,
                stated_text=block.text, span=_block_span(block), entries=tuple(entries) if understood else (),
                department=sections[index] or department if name.startswith("department.") else None,
                understood=understood,
            ))
            continue
        if not numbers[index]:
            continue  # no number to state a count (`_stated` finds none): most blocks
        stated_here: set[str] = set()  # a list stated by a pattern and by words in one block is one list
        for matcher in profile.lists:
            if matcher.section not in ("any", section) or matcher.name in stated_here:
                continue
            stated_match = _stated(block, numbers[index], matcher)
            if stated_match is None:
                continue
            stated_here.add(matcher.name)
            number, hit = stated_match
            if _names_a_part(block.text, number, numbers[index], section, profile):
                continue  # "à cette date, la région compte 77 projets réalisés": the realised ones, not the list
            # "14 projets ont été retenus … au titre d'un dispositif distinct du CNR": not the list.
            sentence = _sentence_of(_sentences(block.text), number.start())
            kind, previous = _scope_word(block.text, sentence, number.start(), hit.end, profile)
            # "Pour mémoire, …, autour de quatre grands défis :": a count that opens the list
            # below it counts that list, whichever campaign its sentence recalls
            opens_list = matcher.items == "list" and _OPENS_LIST.match(block.text, hit.end)
            if (previous and not opens_list) or kind not in (None, "region", "department") and not (
                    opens_list and kind == "national"):  # another programme's, body's…
                # ("Aux quatre grands défis fixés au niveau national :" opens the list below it all the same)
                continue
            if _several_departments_before(block.text, sentence[0], number.start(), reference):
                continue  # "dans l'Aude et le Gard, 12 projets…": a group of departments' count, not the list's
            if matcher.name.startswith("department.") and _region_named_before(
                    block.text, sentence, sentence[1], sections[index] or department, reference, profile):
                continue  # "87 projets ont vu le jour en Bourgogne-Franche-Comté": the region's count, anywhere in its sentence
            value = interval(number, profile)
            stated = int(value[0]) if value and value[0] == value[1] and value[0].is_integer() else None
            if matcher.items == "list" and stated is None and value and (value[4] in profile.approximately or value[4] in profile.nearly):
                # "réunis autour de quatre grands défis :": named items come whole, and a count
                # of them that admits one whole number alone is that number
                whole = range(math.ceil(value[0]), math.floor(value[1]) + 1)
                stated = whole[0] if len(whole) == 1 else None
            if matcher.items == "list" and stated == 1:
                continue  # "relever un défi : …" names one, it enumerates none
            if matcher.items == "list":
                inline = _inline_items(block, hit.end, stated)
                if inline is None:
                    entries = _list_items(blocks, index + 1)
                    understood = bool(entries)  # a count that no list follows is a mention
                else:
                    entries, understood = inline
            else:
                # "• 11 projets concrets", then "• 7 projets achevés": a key figure among its
                # siblings, whose entries, if listed, come after them (as a labelled one's)
                sibling = block.kind == "item" and index + 1 < len(blocks) and (
                    blocks[index + 1].kind == "item" and blocks[index + 1].level == block.level)
                entries, understood = _entries(blocks, numbers, opens, _after_items(blocks, index) if sibling else index + 1,
                                               profile, sections[index])
            lists.append(
                EntryList(
                    name=matcher.name,
                    stated=stated,
                    stated_text=block.text[number.start():hit.end],
                    span=_span(block, number.start(), hit.end),
                    entries=tuple(entries) if understood else (),
                    department=sections[index] or department if matcher.name.startswith("department.") else None,
                    understood=understood,
                )
            )
            if matcher.items == "list" and lists[-1].entries:
                announced.append(lists[-1])
    return _without_announced_items(lists, announced) if announced else lists


def _without_announced_items(lists: list[EntryList], announced: list[EntryList]) -> list[EntryList]:
    """The lists less the entries that another list's stated count announces: "Onze projets
    concrets…", then "Aux quatre grands défis fixés au niveau national :" and its four items,
    then the projects: the four items are the challenges, not projects."""
    claimed = {(entry.span.page, entry.span.line) for items in announced for entry in items.entries}
    result = []
    for found in lists:
        kept = tuple(entry for entry in found.entries if (entry.span.page, entry.span.line) not in claimed)
        if len(kept) != len(found.entries) and not any(found is items for items in announced):
            found = replace(found, entries=kept)
        result.append(found)
    return result



def _after_items(blocks, index: int) -> int:
    """The index of the first block after blocks[index] and the key-figure items after it."""
    index += 1
    while index < len(blocks) and blocks[index].kind == "item":
        index += 1
    return index


def _list_items(blocks, start: int) -> list[Entry]:
    """The items of the list at blocks[start] at its first item's depth."""
    depth = blocks[start].level if start < len(blocks) else 0
    return [Entry(block.text, (), None, _block_span(block))
            for block in blocks[start:_list_end(blocks, start)] if block.level == depth]


def _list_end(blocks, start: int) -> int:
    """The index of the first block after the list at blocks[start]: the first that is no item,
    or one that begins another list as deep or shallower (two lists back to back are two)."""
    index = start
    while index < len(blocks) and blocks[index].kind == "item" and not (
            index > start and blocks[index].starts_list and blocks[index].level <= blocks[start].level):
        index += 1
    return index


# The colon that announces an enumeration in the stated count's sentence, and what precedes it
# ("trois défis identifiés :"); the items then run to the end of the sentence.
# A count at its block's end, before a colon, a few words between at most ("quatre grands défis
# fixés au niveau national :").
_OPENS_LIST = re.compile(r"(?:\s+[^.;:!?]{1,60}?)?\s*:\s*$")
_ANNOUNCED = re.compile(r"[^.:;!?]{0,80}?:\s+(?=\S)")
_CONJUNCTION = re.compile(r"\s+et\s+")


def _inline_items(block: Block, end: int, stated: int | None) -> tuple[list[Entry], bool] | None:
    """The items of an enumeration written in the stated count's sentence, as French writes it:
    "trois défis : a, b et c." (or "a, b, et c" when an item holds an "et" itself; with
    semicolons when the items hold commas), and whether they could be told apart (not in
    "a, b et c et d"). None when no enumeration follows the count there. `stated`, the count,
    tells "a ; b ; c et d" apart when the sentence does not."""
    announced = _ANNOUNCED.match(block.text, end)
    if announced is None:
        return None
    start = announced.end()
    sentence_end = _sentence_of(_sentences(block.text), start)[1]
    text = block.text[start:sentence_end].rstrip(" .")
    separator = ";" if ";" in text else ","
    pieces = []  # (start, end) in block.text
    offset = start
    for part in text.split(separator):
        pieces.append((offset, offset + len(part)))
        offset += len(part) + 1
    # "a, et b, dans le département": the item "et" opens is the last; what follows is its own.
    closing = next((i for i in range(1, len(pieces) - 1)
                    if block.text[pieces[i][0]:pieces[i][1]].lstrip().startswith("et ")), None)
    if closing is not None:
        pieces[closing:] = [(pieces[closing][0], pieces[-1][1])]
    last_start, last_end = pieces[-1]
    last = block.text[last_start:last_end]
    if len(pieces) > 1 and last.lstrip().startswith("et "):
        pieces[-1] = (last_start + last.index("et ") + 3, last_end)  # "…, et c"
    else:
        conjunctions = list(_CONJUNCTION.finditer(last))
        # "a ; b ; c et d": with semicolons between the items, the last may hold its own "et"
        # as well as join two: which, the sentence does not tell. The count stated does when it
        # is one of the two readings; when it is neither, both disagree with it, and the items
        # the sentence surely lists are the fewer.
        if len(conjunctions) > 1:
            return [], False
        if conjunctions and separator == ";" and len(pieces) > 1 and stated is None:
            return [], False
        if conjunctions and (separator != ";" or len(pieces) == 1 or stated == len(pieces) + 1):
            split = conjunctions[0]
            pieces[-1:] = [(last_start, last_start + split.start()), (last_start + split.end(), last_end)]
    items = []
    for item_start, item_end in pieces:
        title = block.text[item_start:item_end].strip()
        if not title:
            return [], False
        item_start += len(block.text[item_start:item_end]) - len(block.text[item_start:item_end].lstrip())
        items.append(Entry(title, (), None, _span(block, item_start, item_start + len(title))))
    return (items, True) if len(items) > 1 else None


def _block_span(block: Block) -> Span:
    return _span(block, 0, len(block.text))


def _ends_section(block: Block, profile: CompiledProfile) -> bool:
    """Whether a heading, or a short line standing as one, is a section end ("Et maintenant ?",
    "3. Perspectives"); a sentence that starts with the same word ("Après un diagnostic
    partagé, un interne…") is none."""
    return _text_ends_section(block.text, block.kind == "heading", profile)


@lru_cache(maxsize=_SHARED_TEXTS)
def _text_ends_section(text: str, heading: bool, profile: CompiledProfile) -> bool:
    """`_ends_section` of a block's text, kept per text (every dossier ends its parts alike)."""
    text = _without_outline_number(text.strip())
    if not heading and (len(text) > _LONGEST_SECTION_END or _SENTENCE_END_MARK.search(text)):
        return False
    return any(p.search(text) for p in profile.section_ends)


_LONGEST_SECTION_END = 60
_SENTENCE_END_MARK = re.compile(r"[.;](?:\s|$)")


def _is_end(block: Block, block_numbers, profile: CompiledProfile, limit_level: int) -> bool:
    if block.kind == "heading" and limit_level and block.level <= limit_level:
        return True
    if block.kind in ("heading", "paragraph"):
        if _ends_section(block, profile):
            return True
        if block_numbers and any(_announces(block, block_numbers, m, profile) for m in profile.lists):
            return True
    return False


def _announces(block: Block, block_numbers, matcher: _ListMatcher, profile: CompiledProfile) -> bool:
    """Whether the block states the count of a list of its own, which ends the list before it: not
    one of another programme's ("Par ailleurs, 14 projets ont été retenus… hors CNR"), which
    `_lists` leaves out too."""
    found = _stated(block, block_numbers, matcher)
    if found is None:
        return False
    number, hit = found
    sentence = _sentence_of(_sentences(block.text), number.start())
    kind, _ = _scope_word(block.text, sentence, number.start(), hit.end, profile)
    return kind in (None, "region", "department")


_LONGEST_STATUS = 60
_LONGEST_COMMENTED_STATUS = 160
# Check marks, emoji, brackets and punctuation written around a status ("✅ Réalisé", "[EN COURS]").
_STATUS_MARKS = re.compile(r"^[\W_]+|[\W_]+$")
# What may follow a labelled status: "Statut : en cours (livraison en 2024)" is "en cours", and
# so is "Statut : en cours : livraison en 2024".
_STATUS_COMMENT = re.compile(r"\s*[,;(.]|\s+[-–—:]\s")


def _understood(text: str, profile: CompiledProfile) -> bool:
    """Whether the phrase is a status the vocabulary reads: it means one value."""
    return _status_value(text, profile) is not None


def _status_value(text: str, profile: CompiledProfile) -> str | None:
    """The value a status means, when written alone or with when ("Effectif depuis mars 2024")."""
    value = profile.statuses.value(text)
    if value is None and ("20" in text or "19" in text):
        # "Mis en service en juin 2023": each word of when may start the date, the first that
        # leaves a status before it does
        for when in _WHEN.finditer(text.strip()):
            value = profile.statuses.value(when.string[:when.start()])
            if value is not None:  # unless what follows changes it: "Terminé en partie en 2023"
                return None if profile.statuses.changes(when.string[when.start():]) else value
    return value


@lru_cache(maxsize=_SHARED_TEXTS)
def _status_of(text: str, profile: CompiledProfile) -> str | None:
    """The status when the whole text is one (known or not), else None.

    A status is a line in capitals, a word of the vocabulary in any case, or whatever follows
    a label ("Statut : ...") up to a comment; marks and emoji around it are left out.
    """
    if len(text) > _LONGEST_COMMENTED_STATUS + 30:  # a labelled status may carry a comment
        return None
    bare = _STATUS_MARKS.sub("", text)
    if not bare:  # a mark alone: "✅"
        mark = text.strip()
        return mark if mark and _understood(mark, profile) else None
    labelled = profile.status_label.match(bare) if profile.status_label else None
    if labelled:
        return _labelled_status(labelled.group("status"))
    if len(bare) > _LONGEST_STATUS:
        return None
    # The status line first: most statuses are written in capitals, and folding is slower.
    if (profile.status_line and profile.status_line.fullmatch(bare)) or _understood(bare, profile):
        return bare
    # "RÉALISÉ (premières tournées en avril 2024)": a word of the vocabulary and a comment.
    head = _STATUS_MARKS.sub("", bare.split("(", 1)[0])
    if head != bare and _understood(head, profile):
        return head
    # "Réalisé en 2023", "En cours depuis mars 2024", "Livré en juin": a word of the vocabulary
    # and when. (Not "Terminé en partie": without a year or a month, what follows may change
    # what the word says.)
    dated = _DATED_STATUS.fullmatch(bare)
    if dated and _understood(dated.group("status"), profile):
        return dated.group("status")
    return None


_DATED_STATUS = re.compile(
    r"(?P<status>.+?),?\s+(?:en|depuis|le|au|dès|fin|début|à|mi-|courant)\b"
    r"(?:[^%]*\b(?:19|20)\d\d|\s*(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre))",
    re.IGNORECASE,
)
_WHEN = re.compile(r",?\s+(?:en|depuis|le|au|dès|fin|début|à|mi-|courant)\b(?=[^%]*\b(?:19|20)\d\d$)", re.IGNORECASE)


def _block_status(block: Block, profile: CompiledProfile) -> str | None:
    """The status a block states: its whole text, or its first line, the rest its description
    ("– PROJET RÉALISÉ" then "Le centre fonctionne depuis le 2 mai 2023")."""
    if block.kind == "heading":
        return None
    status = _status_of(block.text, profile)
    if status is None and profile.status_label is not None and block.kind == "paragraph" and (
            block.text.find(":", 0, 40) >= 0 or block.text.find("?", 0, 40) >= 0):  # (a label ends so, near the start)
        # "**État : réalisé.** Trois officines pilotes sont équipées ; …": a first sentence that
        # is a labelled status is the block's, the rest a comment on it
        first_sentence = _sentences(block.text)[0]
        opening = block.text[:first_sentence[1]]
        if first_sentence[1] < len(block.text) and profile.status_label.match(opening):
            first = _status_of(opening, profile)
            if first and _understood(first, profile):
                return first
    starts = block.line_starts() if status is None and block.line != block.end_line else ()
    if starts:  # (a block's last lines may hold nothing but markup: then it has one line of text)
        first = _status_of(block.text[: starts[0]], profile)
        return first if first and _understood(first, profile) else None
    return status


def _last_line_status(block: Block, profile: CompiledProfile) -> str | None:
    """The status on the last line of a block of several, when that line is one alone or after
    its label ("Le centre ouvre le soir.", then "Statut : réalisé")."""
    starts = block.line_starts()
    if not starts:
        return None
    status = _status_of(block.text[starts[-1]:], profile)
    return status if status and _understood(status, profile) else None


def _labelled_status(text: str) -> str | None:
    status = _STATUS_MARKS.sub("", _STATUS_COMMENT.split(_STATUS_MARKS.sub("", text), 1)[0])
    return status or None


# A status, its label or its comment are short: only the last characters of a line hold them.
_SUFFIX_REACH = _LONGEST_STATUS + 140


@lru_cache(maxsize=_SHARED_TEXTS)
def _status_suffix(text: str, profile: CompiledProfile, end: int | None = None, line_start: int = 0) -> tuple[str, int] | None:
    """(status, where the title ends) of a title line, `text[line_start:end]`, that ends with its
    status: "Titre — EN COURS", "Titre : réalisé", "Titre (en cours)", "Titre. Statut : en cours"."""
    end = len(text) if end is None else end
    start = max(line_start, end - _SUFFIX_REACH)
    if profile.status_label and (text.find(":", start, end) >= 0 or text.find("?", start, end) >= 0):  # a label's end
        labelled = profile.status_label.search(text, start, end)
        # "Titre → état : en cours → état : réalisé": the last label's status ends the title line,
        # the one before it is a second status
        while labelled and (later := profile.status_label.search(text, labelled.start("status") + 1, end)) is not None:
            labelled = later
        if labelled and labelled.start() > 0:
            status = _labelled_status(labelled.group("status"))
            if status:
                return status, len(text[:labelled.start()].rstrip(_BEFORE_LABEL))
    # A status in square brackets, and a comment on it there: "Titre [engagé]", "Titre [⏳ en
    # cours : ouverture au premier trimestre 2026]"
    bracketed = _BRACKETED_STATUS.search(text, start, end) if text.endswith("]", start, end) else None
    if bracketed and bracketed.start() > line_start:
        status = _labelled_status(bracketed.group("status"))
        if status and _understood(status, profile):
            return status, bracketed.start()
    # The leftmost separator may be the title's own ("Brest : un centre (en cours)"): try each.
    suffix = profile.status_suffix.search(text, start, end) if profile.status_suffix else None
    while suffix:
        status = (_status_of(suffix.group("status"), profile)
                  if suffix.start() > 0 and not _in_brackets(text, line_start, suffix.start()) else None)
        if status:
            return status, suffix.start()
        suffix = profile.status_suffix.search(text, suffix.start() + 1, end)
    # "Titre → finalisé, et même au-delà", "Titre : en phase de test, étendu à …": after the
    # last separator, a status and a comment on it
    # (not a second status, nor a word making the first partial or future: "mis en service, démarrage
    # prévu en 2026" are two)
    # (its comma looked for first: most title lines have none, and the search tries each separator)
    commented = _COMMENTED_SUFFIX.search(text, start, end) if text.find(",", start, end) >= 0 else None
    while commented:
        status = _status_of(commented.group("status"), profile) if commented.start() > 0 else None
        comment = commented.group("comment")
        if status and not profile.statuses.changes(comment) and _status_of(comment, profile) is None:
            return status, commented.start()
        commented = _COMMENTED_SUFFIX.search(text, commented.start() + 1, end)
    return None


def _label_over_the_last_line_break(text: str, starts: tuple[int, ...], profile: CompiledProfile) -> bool:
    """Whether the block's last line ends the status that a label opened on the line before it
    ("… Étape : en", then "fonctionnement."): the two lines are one title line."""
    if len(starts) < 2 or profile.status_label is None or text.find(":", starts[-2], starts[-1]) < 0:
        return False
    labelled = profile.status_label.search(text, starts[-2])
    while labelled and (later := profile.status_label.search(text, labelled.start("status") + 1)) is not None:
        labelled = later
    if labelled is None or labelled.start("status") >= starts[-1]:
        return False
    status = _labelled_status(labelled.group("status"))
    return status is not None and _understood(status, profile)


_BEFORE_LABEL = " -–—→|"  # what sets a status's label apart from the title: no part of the title
_BRACKETED_STATUS = re.compile(r"\s+\[(?P<status>[^][]{2,%d})\]\s*$" % _LONGEST_COMMENTED_STATUS)


def _in_brackets(text: str, start: int, at: int) -> bool:
    """Whether text[at] stands inside brackets opened after `start`: a separator there is the
    aside's own ("Titre (porteur : Ville du Mans – CCAS)"), no status follows it; a line that
    starts there goes on with the line above ("… [mis en", then "œuvre]")."""
    return text.count("(", start, at) > text.count(")", start, at) or text.count("[", start, at) > text.count("]", start, at)


_COMMENTED_SUFFIX = re.compile(r"(?:\s[-–—→]+|\s=>|\s*:)\s+(?P<status>[^-–—→:()|,;]{2,60}?)\s*,\s(?P<comment>(?:(?!\s[-–—→]+\s).)*)$")


def _title_lines(block: Block, profile: CompiledProfile) -> list[tuple[str, list[str], Span]]:
    """The entries a block holds with their status on their title line: (title, statuses, span)
    (see `_title_lines_of_text`, which reads them, kept per text: `_entries` asks every block
    after a count, and a region's dossiers repeat their status lines and descriptions)."""
    return [
        (title, list(statuses), _block_span(block) if start is None else _span(block, start, end))
        for title, statuses, start, end in _title_lines_of_text(block.text, block.kind, block.cells, block.line_starts(), profile)
    ]


@lru_cache(maxsize=_SHARED_TEXTS)
def _title_lines_of_text(text: str, kind: str, cells: tuple[tuple[int, int], ...], line_starts: tuple[int, ...],
                         profile: CompiledProfile) -> tuple[tuple[str, tuple[str, ...], int | None, int | None], ...]:
    """`_title_lines` of a block's text, kind, cells and line starts: (title, statuses, start,
    end), the span the title's `text[start:end]`, or the whole block's when start is None.

    One entry when the block ends with its status ("Titre — EN COURS", a title wrapped over
    lines), or when one of its lines ends with one or is one, the rest its description (an
    indented item of a `pdftotext -layout` export); one per line when several of its lines end
    with a status ("**A** — réalisé", then "**B** — en cours", in one paragraph). Before the
    block's end, only a word of the vocabulary ends a title: a line of text may well end in
    capitals ("… avec le CHU DE CAEN")."""
    if kind == "item" and len(cells) >= 2:  # a title and its status in columns
        status_start, status_end = cells[-1]
        status = _status_of(text[status_start:status_end], profile)
        if status:
            return ((text[:status_start], (status,), None, None),)
    starts = (0, *(start for previous, start in zip((0, *line_starts), line_starts)
                   if not _in_brackets(text, previous, start)))
    if _label_over_the_last_line_break(text, starts, profile):
        starts = starts[:-1]
    ends = (*starts[1:], len(text))
    found = []
    for start, end in zip(starts, ends):
        suffix = _status_suffix(text, profile, end, start)
        if suffix and suffix[1] >= start and (end == len(text) or _understood(suffix[0], profile)):
            # "Titre – Livré – En construction": the title ends with a status before this one
            before = _status_suffix(text, profile, suffix[1], start) if _understood(suffix[0], profile) else None
            if before and before[1] >= start and _understood(before[0], profile):
                found.append((start, before[1], before[0]))
                found.append((before[1], before[1], suffix[0]))
            else:
                found.append((start, suffix[1], suffix[0]))
                # "Titre — finalisé (en phase pilote)": a comment in brackets that is a status
                # itself is the entry's second one
                aside = _STATUS_ASIDE.search(text, suffix[1], end)
                if aside and _understood(aside.group("status"), profile):
                    found.append((suffix[1], suffix[1], aside.group("status")))
        elif start and end - start <= _LONGEST_COMMENTED_STATUS:
            line = _STATUS_MARKS.sub("", text[start:end])
            # the status on a line of its own under the title, or before a comment ("Réalisé –
            # premières consultations en mai 2023")
            head = line if end - start <= _LONGEST_STATUS + 10 else None
            if head is None or not _understood(head, profile):
                head = _STATUS_MARKS.sub("", _STATUS_COMMENT.split(line, 1)[0])
            if head and _understood(head, profile):
                found.append((start, start, head))
    # A status on a line of its own under a title line that ends with one ("Titre — RÉALISÉ",
    # then "Statut : en cours"): a second status of the same entry.
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, status in found:
        if merged and not text[start:end].strip():
            merged[-1][2].append(status)
        else:
            merged.append((start, end, [status]))
    # A task list's box ("[x] Titre", "☐ Titre" as an export prints it) is a status of its own,
    # beside the one its title line may end with: "[x] Titre : en cours" states two.
    box = _leading_box(text, profile)
    if len(merged) == 1:
        title_start, statuses = (box[1], [box[0], *merged[0][2]]) if box and merged[0][0] == 0 else (0, merged[0][2])
        return ((text[title_start: merged[0][1]], tuple(statuses), None, None),)
    if not found:
        first_line_end = starts[1] if len(starts) > 1 else len(text)
        if box:
            return ((text[box[1]:first_line_end], (box[0],), None, None),)
        prefix = _STATUS_PREFIX.match(text, 0, first_line_end)
        if prefix and _understood(prefix.group("status"), profile):
            return ((text[prefix.end():first_line_end], (prefix.group("status"),), None, None),)
        marked = _status_mark(text[:first_line_end], profile)
        if marked:
            return ((marked[0], (marked[1],), None, None),)
    return tuple((text[start:end], tuple(statuses), start, end) for start, end, statuses in merged
                 if text[start:end].strip())


_STATUS_ASIDE = re.compile(r"\S\s+\((?P<status>[^()]{3,60})\)\s*$")


# "…une réalité : la maison de santé de Saverne (achevée), qui …, et le bus (en cours)": each
# project named before its status in brackets, from the last punctuation or "et" after a bracket.
_INLINE_STATUS = re.compile(r"(?:^|[:;,.]\s+|(?<=\))\s+(?=et\s))(?:et\s+)?(?P<title>[^():;,.]{8,120}?)\s+\((?P<status>[^()]{3,40})\)")


def _inline_entries(block: Block, profile: CompiledProfile) -> list[tuple[str, list[str], Span]] | None:
    """The entries an enumeration in a sentence names, each with its status in brackets: at
    least two, each status a word of the vocabulary (else it is a description's aside). None
    when some brackets hold a status and others words the vocabulary lacks ("(pleinement
    opérationnelle)"): which are projects is not clear."""
    if "(" not in block.text:
        return []
    matches = list(_INLINE_STATUS.finditer(block.text))
    found = [
        (m.group("title"), [m.group("status")], _span(block, m.start("title"), m.end("status") + 1))
        for m in matches if _understood(m.group("status"), profile)
    ]
    if found and len(found) < len(matches):
        return None
    return found if len(found) >= 2 else []


def _next_item(blocks, numbers, opens, index: int, depth: int, profile: CompiledProfile) -> int | None:
    """The index of the list's next item at `depth` after `index`, if one comes before a heading
    or the end of the part: the blocks in between are then the descriptions of the entries."""
    for following in range(index + 1, len(blocks)):
        block = blocks[following]
        if block.kind == "heading" or opens[following] or _is_end(block, numbers[following], profile, 0):
            return None
        if block.kind == "item" and block.level == depth:
            return following
    return None


def _status_mark(line: str, profile: CompiledProfile) -> tuple[str, str] | None:
    """(title, mark) of a title line that starts or ends with a status mark of the vocabulary
    ("✅ Maison de santé de Brest", "Maison de santé de Brest ✅")."""
    line = line.strip()
    first, _, after = line.partition(" ")
    if after and first in profile.statuses.marks:
        return after.strip(), first
    before, _, last = line.rpartition(" ")
    if before and last in profile.statuses.marks:
        return before.strip(), last
    return None


# A Markdown task list's box, which markdown-it leaves in the item's text, is the box an export
# prints: "[x]" and "[X]" are "☑", "[ ]" is "☐"; the profile's marks say what each means.
_TASK_BOX_MARKS = {"[x]": "☑", "[ ]": "☐"}


def _leading_box(text: str, profile: CompiledProfile) -> tuple[str, int] | None:
    """(mark, where the title starts) of a title line opening with a task list's box that the
    vocabulary reads ("[x] Titre", "[ ] Titre", "☐ Titre", "☒ Titre"), words after it."""
    if not text or (text[0] != "[" and text[0].isalnum()):  # most titles open with a word
        return None
    box = _TASK_BOX.match(text)
    mark = _TASK_BOX_MARKS[_box(box.group())] if box else text[0]
    end = box.end() if box else 1
    if mark not in _BOXES or mark not in profile.statuses.marks or end >= len(text) or not text[end].isspace():
        return None
    start = end + len(text[end:]) - len(text[end:].lstrip())
    return (mark, start) if start < len(text) and text[start] != "\n" else None


# The boxes a task list prints, ticked or not. (Other marks opening a title, "✅ Titre", are
# read only when the title line states no status: see _status_mark.)
_BOXES = frozenset({"☐", "☑", "☒"})


def _announces_list_before_another(blocks, numbers, index: int, profile: CompiledProfile) -> bool:
    """Whether blocks[index] states the count of a list of items right below it ("Cinq axes de
    travail :"), and another list begins where that one ends, as the reader says (a format
    without list boundaries never does), or a table, or either after one paragraph that leads
    to it ("Parmi les projets du Cher, trois sont réalisés :", then the projects' table) or a
    heading over it ("Les neuf projets landais")."""
    if not (numbers[index] and _is_lead_in(blocks, index)):
        return False
    after = _list_end(blocks, index + 1)
    headed = after + 1 < len(blocks) and blocks[after].kind == "heading" and blocks[after + 1].kind in ("item", "row")
    if headed or after + 1 < len(blocks) and blocks[after].kind == "paragraph" and blocks[after + 1].kind in ("item", "row"):
        after += 1
    # (items under a heading of their own begin a list, whether or not the format marks it)
    return after < len(blocks) and (blocks[after].kind == "row" or blocks[after].kind == "item" and (
        blocks[after].starts_list or headed)) and any(
        matcher.items == "list" and _announces(blocks[index], numbers[index], matcher, profile) for matcher in profile.lists)


def _is_lead_in(blocks, index: int) -> bool:
    """A line that introduces the items below it ("Issus du premier cycle :"), not an entry."""
    block = blocks[index]
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (
        block.kind == "paragraph" and not block.emphasised and block.text.endswith(":")
        and following is not None and following.kind in ("item", "row")
    )


# A legend: after its label, if any, two marks or more each followed by the status it stands for
# ("Légende : ✅ réalisé — 🔄 en cours", "🟢 fait · 🟠 ça avance", "[x] réalisé – [ ] en cours").
# A mark is a run of signs, or the box of a Markdown task list ("[x]", "[ ]"), whose letter the
# sign class would refuse.
_LEGEND_LABEL = re.compile(r"^[^\W\d_][\w' ]{0,30}?\s*:\s*")
_LEGEND_PART = re.compile(
    r"(?P<mark>\[[ xX]\]|[^\w\s'’.,;:!?()«»\"–—|/·*_-]+)\s*(?P<status>[^\W\d_][^–—|/·;,\[]*?)\s*(?:[–—|/·;,]\s*|$)"
)
_TASK_BOX = re.compile(r"\[[ xX]\]")


# A key in words, under a table whose status cells use several words for one meaning
# ("Terminé / Opérationnel : projet réalisé. Démarré / Phase d'étude : projet en cours."): each
# sentence, statuses before its colon, the one they mean after it.
_KEY_SENTENCE = re.compile(r"(?P<words>[^:.;]+?)\s*:\s*(?P<meaning>[^:.;]+?)\s*(?:[.;]\s*|$)")
_KEY_WORDS = re.compile(r"\s*(?:/|,|\bou\b)\s*")


def _is_status_header(block: Block, profile: CompiledProfile) -> bool:
    """A line that is a status label alone ("Avancement", "Où en est-on ?"): the header of a
    column of statuses."""
    if block.kind != "paragraph" or block.line != block.end_line:
        return False
    return _label_alone(block.text, profile)


def _label_alone(text: str, profile: CompiledProfile) -> bool:
    """Whether the text is a status label with no status after it ("Avancement", "Où en est-on ?")."""
    text = text.strip().rstrip(" ?:")
    labelled = profile.status_label.match(text + " : x") if profile.status_label is not None else None
    return labelled is not None and labelled.group("comment") is None


@lru_cache(maxsize=_SHARED_TEXTS)
def _is_status_key(text: str, profile: CompiledProfile) -> bool:
    """Two sentences or more, each of statuses the vocabulary reads and the status they mean
    (kept per text: every one-line block of a list is asked, and status lines repeat)."""
    position, sentences = 0, 0
    while position < len(text):
        sentence = _KEY_SENTENCE.match(text, position)
        if sentence is None or not _understood(sentence.group("meaning"), profile) or not all(
            _understood(word, profile) for word in _KEY_WORDS.split(sentence.group("words"))
        ):
            return False
        sentences += 1
        position = sentence.end()
    return sentences >= 2


def _legend(block: Block, profile: CompiledProfile) -> dict[str, str] | None:
    """What each mark of a legend line stands for (mark: its status), when the block is a line
    that says what the marks of the list below mean, not an entry: each of its marks followed
    by a status the vocabulary reads, the marks all different. A task list's box is one mark
    whatever the case of its cross ("[X]" is "[x]")."""
    if block.kind == "heading" or block.line != block.end_line:
        return None
    text = block.text.strip()
    label = _LEGEND_LABEL.match(text)
    position = label.end() if label else 0
    marks: dict[str, str] = {}
    while position < len(text):
        part = _LEGEND_PART.match(text, position)
        if part is None or not _understood(part.group("status"), profile):
            return None
        mark = _box(part.group("mark"))
        if mark in marks:
            return None
        marks[mark] = part.group("status")
        position = part.end()
    return marks if len(marks) >= 2 else None


def _box(mark: str) -> str:
    return mark.lower() if _TASK_BOX.fullmatch(mark) else mark


def _legend_marked(block: Block, legend: dict[str, str], profile: CompiledProfile) -> list[tuple[str, list[str], Span]]:
    """The entry a block starting with a mark of the list's legend holds: its title, and the
    status the legend gives the mark, with the one its title line ends with, if any ("[x] Bus
    dentaire – en cours" states two)."""
    first_line_end = (block.line_starts() or (len(block.text),))[0]
    line = block.text[:first_line_end]
    box = _TASK_BOX.match(line)
    mark, _, title = (box.group(), "", line[box.end():]) if box else line.partition(" ")
    status = legend.get(_box(mark)) if title.strip() else None
    if status is None:
        return []
    start = first_line_end - len(title.lstrip())
    suffix = _status_suffix(block.text, profile, first_line_end, start)
    if suffix and _understood(suffix[0], profile):
        return [(block.text[start:suffix[1]], [status, suffix[0]], _block_span(block))]
    return [(block.text[start:first_line_end], [status], _block_span(block))]


def _heads_the_table(blocks, index: int, title: Block, profile: CompiledProfile) -> bool:
    """Whether `title` is a heading right over the table at blocks[index] whose header has a
    status column: the table's heading ("Où en sont les projets ?", then "Projet | Lieu |
    Étape"), not an entry the table details."""
    return title.kind == "heading" and blocks[index - 1] is title and any(
        _label_alone(cell, profile) for cell in blocks[index].cell_texts())


def _tables_under_headings(blocks, index: int, profile: CompiledProfile) -> tuple[list[Entry], bool]:
    """The entries of the table at blocks[index] and of the tables that headings of its heading's
    level put after it, groups of one list ("### Urgences", then its table), and whether their
    rows were told apart."""
    level = blocks[index - 1].level
    entries: list[Entry] = []
    understood = True
    while True:
        entries += _table_entries(blocks, index, profile)
        understood = understood and _table_ends(blocks, index)
        end = next((after for after in range(index, len(blocks)) if blocks[after].kind != "row"), len(blocks))
        if not (end + 1 < len(blocks) and blocks[end].kind == "heading" and blocks[end].level == level
                and blocks[end + 1].kind == "row" and _heads_the_table(blocks, end + 1, blocks[end], profile)):
            return entries, understood
        index = end + 1


def _is_caption(title: Block, row: Block) -> bool:
    """A line of words without markup right above a table ("Les projets, un par un"), or a
    paragraph of prose there, ending as a sentence does ("Par ailleurs, 14 projets ont été
    retenus… hors CNR."): the table's caption or a remark before it, not an entry whose details
    the table gives (an entry's title is a name, not a sentence)."""
    return title.kind == "paragraph" and not title.emphasised and row.line <= title.end_line + 2 and (
        (title.line == title.end_line and not any(character.isdigit() for character in title.text))
        or (not title.titled and title.text.rstrip().endswith(_SENTENCE_ENDS))
    )


_SENTENCE_ENDS = (".", "!", "…")


def _table_ends(blocks, start: int) -> bool:
    """Whether the table of rows from `start` ends where its rows do. Rows numbered in their
    first cell, then a line that starts with the next number ("2 Centre de santé territorial
    Villedieu… Démarré"): a row a text export did not lay out in columns, so the rows that
    follow are not all told apart."""
    end = start
    while end + 1 < len(blocks) and blocks[end + 1].kind == "row":
        end += 1
    following = blocks[end + 1] if end + 1 < len(blocks) else None
    number = blocks[end].cell_texts()[0].strip()
    return not (
        following is not None and following.kind == "paragraph" and number.isdigit()
        and following.text.startswith(f"{int(number) + 1} ")
    )


def _heading_status(heading: Block, profile: CompiledProfile) -> str:
    """The status a heading over entries gives them, without the count it may end with ("Déjà
    réalisés (5)")."""
    return _status_of(heading.text, profile) or heading.text


def _bold_line_over_items(blocks, index: int) -> bool:
    """Whether the block is a bold line of its own right over a list's first item: it heads the
    items as a heading does ("**Déjà réalisés (5)**", then "— Maison de santé – Vire"); an item
    of no words ("- 4 -", a page's number) is no list's."""
    block = blocks[index]
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (block.kind == "paragraph" and block.emphasised and block.line == block.end_line
            and following is not None and following.kind == "item" and any(c.isalpha() for c in following.text))


def _entries(blocks, numbers, opens, start: int, profile: CompiledProfile, part: str | None) -> tuple[list[Entry], bool]:
    """Entries from after the stated count to the end of the part, and whether the layout told
    them apart (False: they are not given).

    An entry starts at a heading or an emphasised line, at an item of a list, or is a row of a
    table; in plain text, where titles have no markup, also at the first block after a status
    line. It ends at its status line (or carries its status at the end of its title line); a
    status right after another status belongs to the same entry. Text after the last status
    that no heading introduces ("Ces projets seront présentés…") is not an entry; neither is
    what follows a list of items or a table of entries, once it is over.
    """
    entries: list[Entry] = []
    title: Block | None = None
    implicit = False  # the pending entry began only because a status line came before it
    statuses: list[str] = []
    previous_was_status = False
    entry_level = 0  # the entries are headings of this level
    item_depth = 0  # the entries are the items of a list at this depth
    next_item: int | None = 0  # the index of the list's next item, once looked for
    group_level = 0  # headings of this level (or above) group the entries, and are none
    status_heading: Block | None = None  # a heading that is a status ("Ce qui avance") over the entries
    under_heading = 0  # the entries before it
    doubtful = False  # a block may name entries in a way not understood
    plain: set[int] = set()  # the entries whose title is a paragraph without markup
    marked_titles: set[int] = set()  # the entries whose title is a heading or a bold line of its own
    run_in: set[int] = set()  # the entries whose title runs in bold into their text ("**Un bus.** Il dessert…")
    titles_over_items = False  # a marked title with items right under it (its details) was seen
    legend: dict[str, str] = {}  # the marks the list's legend explains, and the status each stands for
    grouped_by_lead_ins = False  # the first entries came under a lead-in line ("Issus du premier cycle :")

    def close(at_end: bool = False) -> None:
        nonlocal title, statuses
        if title is not None and not (at_end and implicit and not statuses):
            given = ([_heading_status(status_heading, profile)] if status_heading is not None else []) + statuses
            if title.kind == "paragraph" and not (title.emphasised or title.titled):
                plain.add(len(entries))
            elif title.kind != "item":
                marked_titles.add(len(entries))
            if title.kind == "paragraph" and title.titled and title.line == title.end_line:
                run_in.add(len(entries))
            entries.append(_entry(title.text, given, profile, _block_span(title)))
        title, statuses = None, []

    skip_to = start  # past another list announced before the entries
    for index in range(start, len(blocks)):
        if index < skip_to:
            continue
        block = blocks[index]
        if not entries and not statuses and _announces_list_before_another(blocks, numbers, index, profile):
            # "fait émerger 8 projets", then "Cinq axes de travail :" and its five items, then
            # a list of its own: the projects are that next list (and a heading over that
            # count, "Ce que la Nièvre a retenu", heads it, not a project)
            skip_to = _list_end(blocks, index + 1)
            title, entry_level = None, 0
            continue
        # A heading naming the part's own department ("### Le bus santé du Morbihan") is an
        # entry's title, not the start of another part.
        if (opens[index] and opens[index] != part) or _is_end(block, numbers[index], profile, entry_level - 1 if entry_level > 1 else 0):
            break
        if (block.kind == "heading" or _bold_line_over_items(blocks, index)) and not entry_level and (
            status_heading is None or block.level == status_heading.level) and (
            status_heading is not None or group_level or not entries
        ) and _understood(_status_of(block.text, profile) or "", profile):
            # "### Ce qui est fait", then its entries, "### Ce qui avance", then theirs: each
            # heading gives its status to the entries under it that state none. (After entries
            # that state their own, such a heading, "### À venir", heads what follows the list.)
            close()
            status_heading, under_heading = block, len(entries)
            continue
        if block.kind == "heading" and not entry_level and (entries or title is not None) and _lead_ins_before_headings(
                blocks, index, entries, title, plain, statuses, profile):
            # a leaflet's key figures between the count and its projects ("4 réalisés au
            # 31/10/2023", "3 enjeux" and its lines), then the projects, each a heading over
            # its status line: those paragraphs are none of them
            entries, title, plain, marked_titles = [], None, set(), set()
        if block.kind == "heading" and not entry_level and not entries and title is not None and (
                title.kind == "paragraph" and not (title.emphasised or title.titled) and not statuses):
            title = None  # "Deux d'entre eux sont portés avec …", then the entries' headings: a remark before them
        if block.kind == "heading" and not entry_level and (entries or title is not None):
            break  # entries that are not headings end at the next heading
        if group_level and block.kind == "heading" and block.level <= group_level:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is None or not (
                (following.kind == "heading" and following.level > block.level) or _title_lines(following, profile)
            ):
                break  # a heading over no entry: what follows the list
            close()
            continue
        lead_in = _is_lead_in(blocks, index)
        if lead_in:
            if entries and item_depth and not grouped_by_lead_ins:
                break  # "Quelques précisions :" and its items, after the list's: another list
            # ("Issus du premier cycle :", its items, then "Issus du second cycle :": groups of one list)
            grouped_by_lead_ins = grouped_by_lead_ins or not entries
        if lead_in or (block.quoted and not _quoted_status(block, profile)) or (
            block.kind != "heading" and block.line == block.end_line and _is_status_key(block.text.strip(), profile)
        ):
            continue  # a box beside the list ("> **Zoom sur…**"), or a key in words, is neither an entry nor a description
        marks = _legend(block, profile)
        if marks:
            legend = marks  # nor is its legend, which says what the marks of the entries below mean
            continue
        if not entries and not statuses and (title is None or title.line == title.end_line) and _is_status_header(block, profile):
            # "Projet (porteur)", then "Avancement": a table's header, a cell a line as a text
            # export lays it out; neither it nor the cell before it is an entry
            title = None
            continue
        status = _block_status(block, profile)
        if status is None and title is not None and title.kind == "heading" and not statuses and (
            block.kind == "paragraph" and not block.emphasised and not block.titled
        ):
            # "### Titre", then its description ending on a line of its status: the heading's
            status = _last_line_status(block, profile)
        if item_depth and status is None and block.kind != "item" and (block.level == 0 or block.kind == "heading"):
            if index >= next_item:  # found once for all the blocks up to that item
                next_item = _next_item(blocks, numbers, opens, index, item_depth, profile)
            if block.kind == "heading" or next_item is None:
                break  # the list is over
            continue  # an entry's description, written flush left between the items
        if block.kind == "row":
            if (title is None or _is_caption(title, block)) and not entries:
                return _table_entries(blocks, index, profile), _table_ends(blocks, index)
            if title is not None and not entries and _heads_the_table(blocks, index, title, profile):
                return _tables_under_headings(blocks, index, profile)
            continue
        if status is not None and not entries and index + 1 < len(blocks) and blocks[index + 1].kind == "row" and (
            not _understood(status, profile)
        ):
            title = None  # a line in capitals heads the table below it: the paragraph above is no entry
            continue
        if status is not None and title is None and entries and not previous_was_status and not _understood(status, profile):
            break  # a line in capitals that no title precedes heads what follows the list
        if status is not None:
            if title is not None:
                statuses.append(status)
                close()
            elif previous_was_status and entries:
                entries[-1] = _entry_with(entries[-1], status, profile)
            previous_was_status = True
            continue
        after_status, previous_was_status = previous_was_status, False
        if item_depth and block.kind == "item" and block.level > item_depth:
            continue  # a detail of the entry
        titled = (legend and _legend_marked(block, legend, profile)) or _title_lines(block, profile) or _closing_status(block, profile)
        if block.kind == "paragraph" and not (block.emphasised or block.titled) and _status_sentences(block, profile) >= 2:
            # projects one after the other with no blank line between ("Bus santé. Il dessert
            # quinze communes. Réalisé." then the next): one block, where they begin not marked
            doubtful = True
        if not titled and block.kind == "paragraph" and not block.emphasised:
            inline = _inline_entries(block, profile)
            doubtful = doubtful or inline is None
            titled = inline or []
        if title is not None and title.kind == "heading" and not statuses and (
            titled or block.kind == "heading" or (block.kind == "paragraph" and (block.emphasised or block.titled) and blocks[index - 1] is title)
        ) and (block.kind != "heading" or block.level > title.level):
            # a heading over entries that carry their own statuses, or over headings, groups them;
            # so does one whose first line below is a title of its own ("## Les projets", then
            # "**Un bus santé**", its description, "Statut : réalisé"): it has no description
            title, group_level = None, title.level
        if titled:
            if title is not None and not entries and not statuses and title.kind == "paragraph" and not (
                title.emphasised or title.titled
            ):
                title = None  # a paragraph before entries carrying their own titles and statuses introduces them
            elif title is not None and not statuses and block.kind == "item" and blocks[index - 1] is title and (
                    title.kind == "paragraph" and title.emphasised and title.line == title.end_line):
                title = None  # a bold line over items carrying their own statuses groups them ("**Sur les îles**")
            close()
            if status_heading is not None and len(entries) == under_heading and all(
                    any(_understood(status, profile) for status in statuses) for _, statuses, _ in titled):
                # entries that carry their own statuses from the first: the heading over them groups them
                group_level = entry_level = status_heading.level
                status_heading = None
            if status_heading is not None:
                # one that states its own among entries the heading gives theirs: both are its
                # statuses ("### Les projets aboutis", then "**Ornans — une navette**", "Statut : en cours")
                # (what it does not understand is no status there: "Maison de santé – Vire" names its town)
                titled = [(text, [_heading_status(status_heading, profile),
                                  *(status for status in statuses if _understood(status, profile))], span)
                          for text, statuses, span in titled]
            if block.kind == "heading" or block.emphasised or block.titled:  # "**Titre — RÉALISÉ**"
                marked_titles.update(range(len(entries), len(entries) + len(titled)))
            if block.kind == "paragraph" and block.titled and block.line == block.end_line and len(titled) == 1:
                run_in.add(len(entries))
            entries.extend(_entry(text, statuses, profile, span) for text, statuses, span in titled)
            if block.kind == "item" and (not entry_level or group_level == entry_level):
                item_depth = block.level  # (under a heading that groups them, the items are the entries)
            continue
        if not statuses and _in_status_place(blocks, index, title, entry_level) and any(e.statuses for e in entries):
            # "#### Titre", its description, then "*en réflexion*" where the entries above state
            # theirs: this one's status, not understood, not the title of another entry
            statuses.append(block.text.strip())
            close()
            previous_was_status = True
            continue
        if block.kind == "heading" and not entry_level:
            entry_level = block.level
        marked = block.kind == "heading" or block.emphasised or block.titled
        over_items = marked and index + 1 < len(blocks) and blocks[index + 1].kind == "item"
        if over_items and block.kind == "paragraph" and entries and not (entry_level or item_depth or titles_over_items):
            break  # "**À retenir**" over items, after entries whose titles head none: what follows the list
        titles_over_items = titles_over_items or over_items
        if marked or (title is None and not entry_level and not item_depth and block.kind != "item"):
            close()
            title, implicit = block, not marked and (after_status or bool(entries))
        elif block.kind == "item" and not item_depth and title is not None and title.kind == "heading" and (
            not statuses and not entries and _next_item_titled(blocks, index, profile)
        ):
            # the first item under a heading, its status not understood, beside items stating
            # theirs: the heading groups the items, and this one is an entry as they are
            group_level, item_depth = title.level, block.level
            title, implicit = block, False
        elif block.kind == "item" and (
            (not entry_level and (title is None or item_depth)) or (item_depth and block.level == item_depth)
        ):
            # an item beside items that are entries is one, whether or not its status is understood
            close()
            title, implicit, item_depth = block, False, block.level
    close(at_end=True)
    # When the entries' titles are marked (bold, headings) and state their statuses, a paragraph
    # without markup or status between them is the description of the entry above it ("**Titre**",
    # "Statut : réalisé", then what was done), or a note before the first: no entry. In plain
    # text, where no title is marked, the first block after a status line is the next title.
    # A description with a status line under it, after the status of its marked title ("**Titre**",
    # "Statut : livré", what was done, "Statut : en cours"), gives that entry a second status.
    if any(entries[index].statuses for index in marked_titles):
        entries = _descriptions_merged(entries, plain, marked_titles, profile)
    # Items of a list are told apart by the list itself; headings, bold lines and paragraphs
    # are entries only if most of them end with a status, else they may be anything.
    # A count that no entry follows is a mention, not an announced list.
    marked = sum(1 for entry in entries if entry.statuses)
    # (Unless the titles of siblings that state their statuses end the same way: "Villejuif :
    # loger les internes" beside "Créteil : un centre", then "Statut : réalisé". Their words
    # after the colon are their titles', so are these. A dash inside the siblings' titles says
    # nothing of a colon: "Toul – une maison de santé : en réflexion" beside "Briey – un bus : ✔ livré".)
    if marked:
        titled_alike = {_suffix_mark(entry.title) for entry in entries if entry.statuses} - {None}
        entries = [entry if entry.statuses or _suffix_mark(entry.title) in titled_alike else _unread_suffix(entry)
                   for entry in entries]
    # A title over a column of statuses ("Avancement", then "Réalisé", "En cours"… one a line, as
    # a text export lays a table out column after column): the rows are not told apart.
    columns = any(len(entry.statuses) > _MOST_STATUSES_OF_AN_ENTRY for entry in entries)
    # Paragraphs each opening on its title in bold ("**Un bus santé.** Il sillonne…"), and nothing
    # else, are an enumeration however they state their statuses, in prose or not at all.
    run_in_only = len(entries) >= _FEWEST_RUN_IN_ENTRIES and len(run_in) == len(entries)
    return entries, bool(entries) and not doubtful and not columns and (
        bool(item_depth) or 2 * marked >= len(entries) or run_in_only)


_FEWEST_RUN_IN_ENTRIES = 3


def _lead_ins_before_headings(blocks, index: int, entries: list[Entry], title: Block | None, plain: set[int],
                              statuses: list[str], profile: CompiledProfile) -> bool:
    """Whether the entries so far, at a heading over a status line, are paragraphs without
    markup or status (the heading's list of projects starts here, after them)."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (
        not statuses and len(plain) == len(entries) and not any(entry.statuses for entry in entries)
        and (title is None or title.kind == "paragraph" and not (title.emphasised or title.titled))
        and following is not None and following.kind == "paragraph" and _block_status(following, profile) is not None
    )


def _quoted_status(block: Block, profile: CompiledProfile) -> bool:
    """Whether a block quote is an entry's status line ("> Statut : réalisé"), not a box beside
    the list: its label, or its whole text a status understood."""
    bare = _STATUS_MARKS.sub("", block.text)
    if profile.status_label is not None and profile.status_label.match(bare):
        return True
    return _understood(_block_status(block, profile) or "", profile)


def _next_item_titled(blocks, index: int, profile: CompiledProfile) -> bool:
    """Whether the block after an item is an item of the same level carrying its title and status."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return following is not None and following.kind == "item" and following.level == blocks[index].level and bool(
        _title_lines(following, profile))


# An entry may state its status twice ("RÉALISÉ", then "Statut : réalisé"), or two that disagree.
_MOST_STATUSES_OF_AN_ENTRY = 2


def _status_sentences(block: Block, profile: CompiledProfile) -> int:
    """How many sentences of a block of several lines close on a status ("Réalisé.", "Le projet
    est en cours.")."""
    if block.line == block.end_line:
        return 0
    return sum(1 for start, end in _sentences(block.text)
               if _understood(_CLAUSE_BREAK.split(block.text[start:end])[-1].strip().rstrip(".!"), profile))


def _closing_status(block: Block, profile: CompiledProfile) -> list[tuple[str, list[str], Span]]:
    """A paragraph opening with its title in bold and closing on a sentence that is a status
    ("**Brest : un centre.** Il ouvre le soir. Le projet est réalisé."): its entry."""
    if not block.titled or block.kind != "paragraph":
        return []
    sentences = _sentences(block.text)
    if len(sentences) < 2:
        return []
    start, end = sentences[-1]
    last = _CLAUSE_BREAK.split(block.text[start:end])[-1].strip().rstrip(".!")
    if not _understood(last, profile):
        return []
    return [(block.text[:sentences[0][1]], [last], _block_span(block))]


_CLAUSE_BREAK = re.compile(r"[:;]\s")


# A few words after a dash or a colon at the end of a title: "Titre – En travaux de finition",
# "Titre : ouvert au public", "Titre : démarrage prévu en 2026" (a year, not a count).
_UNREAD_SUFFIX = re.compile(r"(?:\s[-–—]+|\s*:)\s+(?P<status>[^\W\d_][^-–—:()\d.,;!?]{0,39}(?:(?:19|20)\d\d)?)\s*$")
_UNREAD_WORDS = 5


def _descriptions_merged(entries: list[Entry], plain: set[int], marked_titles: set[int],
                         profile: CompiledProfile) -> list[Entry]:
    """The entries less the plain paragraphs among marked titles that state no status: each is a
    description. One with a status right after a marked title's entry is its description too,
    and its status that entry's second."""
    kept: list[Entry] = []
    for index, entry in enumerate(entries):
        if index in plain and entry.statuses and index - 1 in marked_titles:  # (kept: a marked title is no plain one)
            kept[-1] = _entry(kept[-1].title, kept[-1].statuses + entry.statuses, profile, kept[-1].span)
        elif index not in plain or entry.statuses:
            kept.append(entry)
    return kept


def _suffix_mark(title: str) -> str | None:
    """What sets off the few words a title ends with: a colon, a dash, or None (no such words)."""
    found = _UNREAD_SUFFIX.search(title)
    if found is None:
        return None
    return ":" if ":" in title[found.start():found.start("status")] else "-"


def _unread_suffix(entry: Entry) -> Entry:
    """The entry with the few words its title ends with after a dash taken for a status not
    understood, when its siblings state theirs (else it would have no status, a warning that
    only reads the officer's words as missing); or its closing sentence, when its siblings'
    statuses close their paragraphs."""
    number = len(entry.title) - len(_without_outline_number(entry.title))  # "6. Un transport…" is one sentence
    sentences = _sentences(entry.title[number:])
    if len(sentences) > 1:
        start, end = sentences[-1]
        return Entry(entry.title[:number + sentences[0][1]], (entry.title[number + start:number + end],), None,
                     entry.span, False)
    found = _UNREAD_SUFFIX.search(entry.title)
    if found is None or len(found.group("status").split()) > _UNREAD_WORDS:
        return entry
    return Entry(entry.title[:found.start()].rstrip(" *_"), (found.group("status").strip(" *_"),), None, entry.span, False)


def _table_entries(blocks, start: int, profile: CompiledProfile) -> list[Entry]:
    """The rows of a table of entries: the title is the first column that is not the status
    column. The status column is the one whose header is a status label ("Statut", "État
    d'avancement"); in a table without a header row (a text export), the one where most rows
    hold a status of the vocabulary."""
    rows = []
    for block in blocks[start:]:
        if block.kind != "row":
            break
        rows.append(block)
    header = rows[0].cell_texts()
    ticked = [i for i, cell in enumerate(header) if _understood(_status_of(cell, profile) or "", profile)]
    if len(ticked) >= 2:
        return _ticked_entries(rows[1:], header, ticked, profile)
    status_column = next(
        (i for i, cell in enumerate(header) if _label_alone(cell, profile)), None
    )
    if status_column is None:
        status_column = _column_of_statuses(rows, profile)
        if status_column is None or _status_of(header[status_column] if status_column < len(header) else "", profile) is None:
            rows = rows[1:]  # the first row is a header (or there is no status column at all)
    else:
        rows = rows[1:]
    title_column = next((i for i in range(len(header)) if i != status_column), None)
    entries = []
    for block in rows:
        cells = block.cell_texts()
        if title_column is None or title_column >= len(cells) or not cells[title_column]:
            continue
        written = cells[status_column] if status_column is not None and status_column < len(cells) else ""
        status = _cell_status(written, profile)
        # "🟢 terminé / 🟠 en cours": two statuses of the vocabulary in one cell are the row's two
        both = [] if status is not None or " / " not in written else [_cell_status(part, profile) for part in written.split(" / ")]
        if len(both) == 2 and all(part and _understood(part, profile) for part in both):
            statuses = both
        else:
            status = status or written.strip() or None
            statuses = [status] if status else []
        title_start, title_end = block.cells[title_column]
        entries.append(_entry(cells[title_column], statuses, profile, _span(block, title_start, title_end)))
    return entries


def _cell_status(cell: str, profile: CompiledProfile) -> str | None:
    """The status a table's cell states: its whole text, or the words it opens with before a
    comment after a colon ("Réalisé : deux IPA installées", "En cours : recherche des
    volontaires") when they are a status of the vocabulary. (In a table's cell only: in prose,
    "En cours : …" may head anything.)"""
    status = _status_of(cell, profile)
    if status is not None:
        return status
    head, colon, _ = cell.partition(":")
    head = _STATUS_MARKS.sub("", head).strip()
    return head if colon and head and _understood(head, profile) else None


def _ticked_entries(rows: list[Block], header: list[str], ticked: list[int], profile: CompiledProfile) -> list[Entry]:
    """The rows of a table with a column per status ("Projet | Fait | En cours"), each status
    the header of a column whose cell holds a mark ("✔", "x"): none, one, or several."""
    title_column = next((i for i in range(len(header)) if i not in ticked), None)
    entries = []
    for block in rows:
        cells = block.cell_texts()
        if title_column is None or title_column >= len(cells) or not cells[title_column]:
            continue
        statuses = [header[i] for i in ticked if i < len(cells) and _is_tick(cells[i])]
        title_start, title_end = block.cells[title_column]
        entries.append(_entry(cells[title_column], statuses, profile, _span(block, title_start, title_end)))
    return entries


def _is_tick(cell: str) -> bool:
    """A cell that ticks its column: a mark, no word nor number ("✔", "✅", "X")."""
    cell = cell.strip()
    return bool(cell) and (not any(c.isalnum() for c in cell) or cell in ("x", "X"))


def _column_of_statuses(rows: list[Block], profile: CompiledProfile) -> int | None:
    """The column where most rows hold a status of the vocabulary, if any."""
    for column in range(max(len(row.cells) for row in rows)):
        known = sum(
            1 for row in rows
            if column < len(row.cells) and (status := _cell_status(row.cell_texts()[column], profile))
            and _understood(status, profile)
        )
        if 2 * known > len(rows):
            return column
    return None


def _in_status_place(blocks: tuple[Block, ...], index: int, title: Block | None, entry_level: int) -> bool:
    """Whether a block stands where an entry that is a heading has its status line: a short
    emphasised line alone, the last block before the next entry's heading (or a higher one)."""
    block = blocks[index]
    if title is None or title.kind != "heading" or not entry_level or title.level != entry_level:
        return False
    if block.kind != "paragraph" or not block.emphasised or block.line != block.end_line:
        return False
    if len(block.text) > _LONGEST_STATUS_LINE or _SENTENCE_END_MARK.search(block.text.strip() + " "):
        return False
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return following is None or (following.kind == "heading" and following.level <= entry_level)


_LONGEST_STATUS_LINE = 40


def _entry(title: str, statuses: list[str] | tuple[str, ...], profile: CompiledProfile, span: Span) -> Entry:
    """The entry with the value its statuses mean: one value, however many times it is written
    ("✅ Réalisé" then "RÉALISÉ"); none for two values, or for a status not understood."""
    statuses = tuple(part for written in statuses for part in _status_parts(written, profile))
    values = {_status_value(s, profile) for s in statuses}
    understood = None not in values
    status = values.pop() if understood and len(values) == 1 else None
    # The title without the punctuation that led to its status ("Titre. — Statut : réalisé").
    return Entry(title.strip().strip("*_ ").rstrip(" —–-:;,").strip(), tuple(statuses), status, span, understood)


def _status_parts(written: str, profile: CompiledProfile) -> tuple[str, ...]:
    """A status written as two statuses joined ("Achevé – en cours de réalisation", "Livré / en
    construction"), each part a status of the vocabulary on its own, when the whole reads as
    none: its parts, which disagree. Else the status as written: a part that is no status
    ("Livré – deuxième tranche en cours") leaves it one phrase, not understood."""
    if _status_value(written, profile) is not None:
        return (written,)
    parts = [part for part in _STATUS_JOINS.split(written.strip()) if part and part.strip(" .")]
    if len(parts) < 2 or any(_status_value(part, profile) is None for part in parts):
        return (written,)
    return tuple(part.strip() for part in parts)


# What joins two statuses written as one: a dash between spaces, a slash, a semicolon, "puis" (a
# status's brackets hold its comment: "Réalisé (ouvert en mars)").
_STATUS_JOINS = re.compile(r"\s+[-–—]\s+|\s*[/;]\s*|\s+puis\s+", re.IGNORECASE)


def _entry_with(entry: Entry, status: str, profile: CompiledProfile) -> Entry:
    return _entry(entry.title, entry.statuses + (status,), profile, entry.span)


# -- tables --------------------------------------------------------------------------------------


def _tables(blocks: tuple[Block, ...]) -> list[tuple[Block, ...]]:
    """The rows of each table, in order; the first is its header."""
    tables: list[tuple[Block, ...]] = []
    rows: list[Block] = []
    for block in blocks:
        if block.kind == "row":
            rows.append(block)
        elif rows:
            tables.append(tuple(rows))
            rows = []
    if rows:
        tables.append(tuple(rows))
    return tables


@dataclass(frozen=True, slots=True)
class _ScopeColumnTable:
    """A key-figures table whose value columns each give one scope's figures, as their headers
    say: "Indicateur | Aveyron | Occitanie", a row a figure ("Participants | 240 | 3 180").
    `scopes`: for each value column, the department it names, or None for the region's."""

    rows: tuple[tuple[int, Block], ...]  # (block index, row) of its body
    scopes: dict[int, str | None]


def _scope_column_tables(blocks: tuple[Block, ...], reference: Reference) -> list[_ScopeColumnTable]:
    """The tables whose header names, after its label column, one department and its region,
    every value column one of the two: which scope a cell is, its column says."""
    found = []
    index = 0
    for table in _tables(blocks):
        start = blocks.index(table[0], index)
        index = start + len(table)
        scopes = _header_scopes(table[0], reference)
        if scopes is not None and len(table) > 1:
            found.append(_ScopeColumnTable(tuple(enumerate(table[1:], start + 1)), scopes))
    return found


def _header_scopes(header: Block, reference: Reference) -> dict[int, str | None] | None:
    """For each value column of a header naming one department (and its region, if any: "Aveyron |
    Occitanie"), whose figures the column gives: the department, or None for the region's. A
    column of another scope ("France", "2024") is left out; a header naming two departments, or a
    region not the department's, is no such header."""
    headings = [cell.strip(" *_") for cell in header.cell_texts()]
    scopes: dict[int, str | None] = {}
    for column, heading in enumerate(headings[1:], 1):
        department = _cell_department(heading, reference)
        region = reference.region(heading)
        if department is not None and region is None:
            scopes[column] = department
        elif region is not None and department is None:
            scopes[column] = None
    departments = {d for d in scopes.values() if d}
    if len(departments) != 1:
        return None
    (department,) = departments
    if any(scope is None and reference.region(headings[column]) is not reference.region_of(department)
           for column, scope in scopes.items()):
        return None
    return scopes


def _scope_tables_department(tables: list[_ScopeColumnTable]) -> str | None:
    named = {department for table in tables for department in table.scopes.values() if department}
    return named.pop() if len(named) == 1 else None


def _scope_column_figures(tables: list[_ScopeColumnTable], profile: CompiledProfile, department: str | None,
                          default_as_of) -> list[Figure]:
    """The figure each cell of a scope-column table states: its row's label names the region's
    figure, as a key-figures table's label does, and the department's that goes with it
    (`tables.region_figures`, as a summary table's region row reads them); at the date the label
    gives or, else, the table's lead-in's. The department's column counts only in that
    department's dossier."""
    of_department = {region: department for department, region in profile.region_figures.items()}
    figures = []
    for table in tables:
        for index, row in table.rows:
            if len(row.cells) < 2:
                continue
            label_start, label_end = row.cells[0]
            label = _label(row.text, lower(row.text), label_start, label_end, profile)
            matcher = _label_matcher(label.words, profile.labels_in["region"], "", None) if label is not None else None
            if matcher is None or matcher.scope != "region":
                continue
            dated = ((label.date.period, label.date_text) if label.date is not None and not _SINCE.match(label.date_text)
                     else default_as_of[index] if default_as_of[index][0] is not None else None)
            for column, scope_department in table.scopes.items():
                name = of_department.get(matcher.name) if scope_department else matcher.name
                if name is None or column >= len(row.cells) or scope_department not in (None, department):
                    continue
                figure = _cell_figure(row, column, name, scope_department, profile, dated)
                if figure is not None:
                    figures.append(figure if scope_department else replace(figure, scope="region", unit=matcher.unit))
    return figures


def _summary_tables(
    blocks: tuple[Block, ...], profile: CompiledProfile, reference: Reference
) -> tuple[list[Figure], list[TableTotal], list[Figure]]:
    """Regional summary tables, a row per department: department figures scoped to the
    department each row names, the cells of their Total rows with the values above them, and
    the region's figures its own row states under all its departments'."""
    figures: list[Figure] = []
    totals: list[TableTotal] = []
    region_figures: list[Figure] = []
    for header, *body in _tables(blocks):
        after = blocks.index(body[-1]) + 1 if body else len(blocks)
        is_total = [_is_total_row(row, profile) for row in body]
        rows = [row for row, total in zip(body, is_total) if not total]
        key = _department_column(header, rows, profile, reference)
        if key is None:
            continue
        region_row = not any(is_total) and bool(body) and _names_region_of_rows(body[-1], rows[:-1], key, reference)
        if region_row:
            # "| **Normandie** | 38 | …" under the rows of its departments: the region's total
            is_total[-1] = True
            rows = rows[:-1]
        headings = header.cell_texts()
        if key < len(headings) and _cell_department(headings[key], reference):
            continue  # no header row (a header cut over two lines of text): the columns are unknown
        columns = {i: name for i, h in enumerate(headings) if i != key and (name := _column_figure(h, profile))}
        dated = {i: _header_date(headings[i]) for i in columns}
        for row in rows:
            cells = row.cell_texts()
            department = _cell_department(cells[key], reference) if key < len(cells) else None
            if department is None:
                continue  # a row of the region's own ("Dimension régionale") still counts in the total
            for column, name in columns.items():
                figure = _cell_figure(row, column, name, department, profile, dated[column]) if column < len(cells) else None
                if figure is not None:
                    figures.append(figure)
        # One Total row, no subtotal above it ("Sous-total départements"): else what adds up
        # to what is not told.
        subtotals = any("total" in fold(row.cell_texts()[0] if row.cells else "") for row in rows)
        if sum(is_total) == 1 and not subtotals:
            at = is_total.index(True)
            total_row = body[at]
            # A row under the Total ("Région (12 départements)" under "Total (5 départements)")
            # is no part of it.
            column_totals = list(_column_totals(headings, body[:at], total_row, key, profile))
            if at == len(body) - 1 and after < len(blocks) and all(
                    key < len(row.cells) and _cell_department(row.cell_texts()[key], reference) for row in rows):
                # no row of the region's own: the sentence under the table may count it
                besides = _regional_part(blocks[after], [t.column for t in column_totals], profile)
                column_totals = [replace(t, besides=besides.get(t.column, 0.0)) for t in column_totals]
            totals.extend(column_totals)
            if region_row and _all_departments_of_a_region(rows, key, reference):
                # The region's own row under all its departments' states the region's figures, as
                # theirs state the departments'. A "Total" row ("Total", "Total Bretagne") is the
                # sum of the rows: a wrong one is CNR108's, and a regional figure it would
                # contradict is already the departments' sum against the region's (CNR204).
                region_figures.extend(_region_totals(total_row, columns, dated, profile))
    return figures, totals, region_figures


def _regional_part(block: Block, headings: list[str], profile: CompiledProfile) -> dict[str, float]:
    """The region's own part a paragraph says a summary table's last row counts besides the
    rows above (`tables.regional_part`: "La ligne régionale inclut trois projets à portée
    régionale, dont un réalisé"), by column header: each count after the verb goes to the one
    column whose header holds the word after it ("projets" under "Projets", "réalisé" under
    "dont réalisés"); a count that fits no column or several, and a column given two, are left
    out."""
    if block.kind != "paragraph" or profile.regional_verbs is None:
        return {}
    folded = lower(block.text).replace("’", "'")
    counts: dict[str, list[float]] = {}
    for start, end in _sentences(block.text):
        verb = profile.regional_verbs.search(folded, start, end)
        if verb is None or profile.regional_words.search(folded, verb.end(), end) is None:
            continue
        for number in numbers_in(block.text[:end], profile):
            word = _WORD_AFTER.match(block.text, number.end()) if number.start() >= verb.end() else None
            value = interval(number, profile) if word else None
            if value is None or value[0] != value[1] or value[4] is not None:
                continue
            fitting = [h for h in headings if _header_words(word.group(1)) <= _header_words(h)]
            if len(fitting) == 1:
                counts.setdefault(fitting[0], []).append(value[0])
    return {heading: values[0] for heading, values in counts.items() if len(values) == 1}


_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")


def _table_departments(blocks: tuple[Block, ...], profile: CompiledProfile, reference: Reference) -> list[set[str]]:
    """The departments each table with a column of departments names in that column."""
    found = []
    for header, *body in _tables(blocks):
        key = _department_column(header, body, profile, reference)
        if key is not None:
            named = {_cell_department(row.cell_texts()[key], reference) for row in body if key < len(row.cells)}
            named.discard(None)
            found.append(named)
    return found


def _restating_nothing(region_rows: list[Figure], figures: list[Figure]) -> list[Figure]:
    """The figures of a region's row in a summary table less those the dossier states already,
    of the same value: the row then sums up the key figures, and says nothing of its own (a
    figure stated again would be a conflict reported again); one that differs is a statement."""
    stated = {(f.name, f.low, f.high) for f in figures if f.scope == "region"}
    return [f for f in region_rows if (f.name, f.low, f.high) not in stated]


def _all_departments_of_a_region(rows: list[Block], key: int, reference: Reference) -> bool:
    """Whether the rows name every department of one region, and departments of no other."""
    named = {_cell_department(row.cell_texts()[key], reference) for row in rows if key < len(row.cells)}
    named.discard(None)
    regions = {reference.region_of(department) for department in named}
    return len(regions) == 1 and named == set(regions.pop().departments)


def _region_totals(total_row: Block, columns: dict[int, str], dated, profile: CompiledProfile) -> list[Figure]:
    """The region's figures its row under all its departments' states, a cell of a column whose
    figure has the region's (`tables.region_figures`), at the date its header gives."""
    found = []
    for column, name in columns.items():
        region_name = profile.region_figures.get(name)
        if region_name is None or column >= len(total_row.cells):
            continue
        figure = _cell_figure(total_row, column, region_name, None, profile, dated[column])
        if figure is not None:
            found.append(replace(figure, scope="region"))
    return found


def _names_region_of_rows(row: Block, rows: list[Block], key: int, reference: Reference) -> bool:
    """Whether the row's department cell names, and only names, the region of the departments
    the rows above name."""
    cells = row.cell_texts()
    region = reference.region(cells[key].strip(" *_")) if key < len(cells) else None
    if region is None:
        return False
    named = (_cell_department(r.cell_texts()[key], reference) for r in rows if key < len(r.cells))
    return any(reference.region_of(department) is region for department in named if department)


def _is_total_row(row: Block, profile: CompiledProfile) -> bool:
    """A row whose first cell starts with a total word ("Total", "Total Bretagne", "Ensemble")."""
    first = next((fold(c) for c in row.cell_texts() if c.strip()), "")
    return any(first == word or first.startswith(word + " ") for word in profile.total_row)


_MIN_DEPARTMENT_ROWS = 2


def _department_column(header: Block, rows: list[Block], profile: CompiledProfile, reference: Reference) -> int | None:
    """The column naming the departments: by its header ("Département"), else the column where
    most rows, and at least two, name one."""
    headings = [fold(h) for h in header.cell_texts()]
    named = next((i for i, h in enumerate(headings) if h in profile.table_department), None)
    if named is not None:
        return named
    for column in range(len(headings)):
        departments = sum(
            1 for row in rows if column < len(row.cells) and _cell_department(row.cell_texts()[column], reference)
        )
        if departments >= _MIN_DEPARTMENT_ROWS and 2 * departments > len(rows):
            return column
    return None


_CELL_OTHER_WORDS = 2


def _cell_department(cell: str, reference: Reference) -> str | None:
    """The department a table cell names: "Finistère", "le Finistère", "Finistère (29)",
    "29 – Finistère", "Finistère, délégation de Quimper"; not a cell of text that happens to
    name one."""
    found = reference.department(cell)
    if found or not cell:
        return found
    folded = fold(cell)
    named = reference.departments_named(folded)
    if len(named) != 1:
        return None
    name, start, end = named[0]
    before = _WORD.findall(folded[:start])
    if not before and _APPOSITION.match(folded, end):
        # "Loire-Atlantique, délégation territoriale de Nantes", "Mayenne (délégation de Laval)":
        # the department, then what stands for it set apart (no other department: `named` holds one)
        return name
    others = before + _WORD.findall(folded[end:])
    return name if len(others) <= _CELL_OTHER_WORDS else None


# What sets an apposition off a department's name opening a cell: a comma, a dash, a bracket.
_APPOSITION = re.compile(r"\s*(?:,|[–—]|-\s|\()")


def _header_words(text: str) -> frozenset[str]:
    """The words of a column header, folded, without their plural ending: for matching headers
    worded freely ("Nombre de réunions", "Réunions tenues", "dont réalisés")."""
    return frozenset(word.rstrip("sx") or word for word in re.findall(r"[^\W\d_]+", fold(text)))


def _column_figure(heading: str, profile: CompiledProfile) -> str | None:
    """The figure a column gives: the profile's column whose words are all in the header, the
    one with the most words ("Projets réalisés" over "Projets"); none when two tie."""
    words = _header_words(heading)
    fitting = [(len(key), name) for key, name in profile.table_columns if key <= words]
    if not fitting:
        return None
    most = max(size for size, _ in fitting)
    names = {name for size, name in fitting if size == most}
    return names.pop() if len(names) == 1 else None


def _column_totals(headings, rows: list[Block], total_row: Block, key: int, profile: CompiledProfile):
    """Each cell of the Total row that is a plain number, with the plain numbers above it; a
    column where a cell is anything else ("—", "près de 500", empty) or in another unit ("k€"
    here, "€" there) is not totalled."""
    for column, heading in enumerate(headings):
        if column == key:
            continue
        nouns = _header_words(heading)
        total = _plain_number(total_row, column, profile, nouns)
        parts = [_plain_number(row, column, profile, nouns) for row in rows]
        if total is None or len(parts) < _MIN_DEPARTMENT_ROWS or any(p is None for p in parts):
            continue
        if any(part[3] != total[3] for part in parts):
            continue
        value, start, end, _ = total
        yield TableTotal(heading, value, total_row.text[start:end], _span(total_row, start, end), tuple(p[0] for p in parts))


_LONGEST_UNIT = 5  # "€", "k€", "M€", "%", "euros" after a cell's number


def _plain_number(row: Block, column: int, profile: CompiledProfile,
                  nouns: frozenset[str]) -> tuple[float, int, int, str] | None:
    """(value, start, end, unit) when the cell holds one exact number and at most a unit: a
    symbol ("€", "M€", "%"), or the noun its column's header counts ("36 réunions" under
    "Réunions", "31 réalisés" under "Réalisés"; `nouns`: the header's words)."""
    if column >= len(row.cells):
        return None
    start, end = row.cells[column]
    found = numbers_in(row.text[start:end], profile)
    if len(found) != 1 or found[0].start() != 0:
        return None
    unit = row.text[start + found[0].end():end].strip()
    if any(c.isdigit() for c in unit) or len(unit) > _LONGEST_UNIT and not (
            unit.replace(" ", "").isalpha() and _header_words(unit) <= nouns):
        return None
    value = interval(found[0], profile)
    if value is None or value[0] != value[1] or value[4] is not None:
        return None
    return value[0], start, end, unit


def _header_date(heading: str) -> tuple[Period, str] | None:
    """(period, text) a column header dates its cells with: a date ("Réalisés au 31 octobre
    2024"), or a year alone ("Projets 2023", "Projets (rappel 2023)"): a column of another
    campaign's figures, recalled beside this one's."""
    found = _dates_of_text(heading, None)
    if len(found) == 1:
        # ("Réunions depuis 2022": where the count starts, which dates nothing)
        return None if _SINCE_IN_HEADER.search(heading, 0, found[0].start) else (found[0].period, found[0].text)
    years = _YEAR_WORD.findall(heading) if not found else []
    if len(years) == 1:
        year = int(years[0])
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31)), years[0]
    return None


_YEAR_WORD = re.compile(r"(?<!\w)(?:19|20)\d\d(?!\w)")
_SINCE_IN_HEADER = re.compile(r"(?<!\w)(?:depuis|dès)(?: le| l'| la)?\s*\Z", re.IGNORECASE)


def _cell_figure(block: Block, column: int, name: str, department: str | None, profile: CompiledProfile,
                 dated: tuple[Period, str] | None = None) -> Figure | None:
    cell_start, cell_end = block.cells[column]
    match = next((m for m in numbers_in(block.text[:cell_end], profile, block.cells[:column + 1]) if m.start() >= cell_start),
                 None)
    if match is None:
        return None
    value = interval(match, profile)
    if value is None:
        return None
    low, high, low_open, high_open, qualifier = value
    return Figure(
        name=name, low=low, high=high, low_open=low_open, high_open=high_open,
        unit=profile.units.get(name) or ("projects" if ".projects" in name else name.rsplit(".", 1)[-1]),
        qualifier=qualifier, as_of=dated[0] if dated else None, as_of_text=dated[1] if dated else None,
        scope="department", department=department,
        text=block.text[match.start():match.end()], span=_span(block, match.start(), match.end()),
    )
