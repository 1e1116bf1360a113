"""What extraction passed over: sentences holding a number next to a figure word that gave no
figure, and statuses not understood, so that a user sees what the profile missed (`cnr-lint
facts --unmatched`).

Precision first means an ambiguous sentence gives no figure; this is where it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

# The extractor's own sentence bounds and spans: a sentence here is one there.
from cnr_lint.extract import CompiledProfile, _sentence_of, _sentences, _span, is_article, numbers_in, on_pages
from cnr_lint.folding import lower
from cnr_lint.models import Dossier, Span
from cnr_lint.parse import Block, Parsed
from cnr_lint.read import document_line

# How far from a number a figure word may be to count as its neighbour ("41 projets", "14
# projets ont été réalisés", "Projets réalisés ..... 39"), in characters.
_NEAR = 40


@dataclass(frozen=True, slots=True)
class Unmatched:
    text: str  # the sentence
    span: Span  # of its first number that no figure holds


def unmatched(parsed: Parsed, dossier: Dossier, profile: CompiledProfile,
              page_starts: tuple[int, ...] = ()) -> tuple[Unmatched, ...]:
    """Sentences with a number near a figure word, none of whose such numbers gave a figure, a
    stated count, a summary table's total (CNR108 checks it) or a date. A PDF's dossier places
    them on its pages (`page_starts`, the first line of each), as the blocks do not: the blocks'
    places are lines of the whole file, the sentences found are placed as the dossier's are."""
    def whole_file(span: Span) -> Span:
        first = document_line(page_starts, span.page, 1) - 1 if span.page else 0
        return Span(span.line + first, span.column, span.end_line + first, span.end_column)

    stated = [whole_file(s) for s in
              [f.span for f in dossier.figures] + [lst.span for lst in dossier.lists] + [t.span for t in dossier.totals]]
    used = stated + [whole_file(d.span) for d in dossier.dates]
    found: list[Unmatched] = []
    for block in parsed.blocks:
        folded = lower(block.text)
        if profile.named_words.search(folded) is None:
            continue
        sentences = _sentences(block.text)
        reported: set[tuple[int, int]] = set()
        for number in numbers_in(block.text, profile):
            sentence = _sentence_of(sentences, number.start())
            if sentence in reported or _held(block, number.start(), used) or is_article(number):
                continue
            near_start, near_end = max(sentence[0], number.start() - _NEAR), min(sentence[1], number.end() + _NEAR)
            if profile.named_words.search(folded, near_start, near_end) is None:
                continue
            if _sentence_has_figure(block, sentence, stated):
                continue
            reported.add(sentence)
            found.append(Unmatched(" ".join(block.text[sentence[0]:sentence[1]].split()),
                                   on_pages(_span(block, *number.span()), page_starts)))
    return tuple(sorted((*found, *_statuses_not_understood(dossier)), key=lambda u: (u.span.line, u.span.column)))


def _statuses_not_understood(dossier: Dossier) -> list[Unmatched]:
    """Each entry whose status is not understood, and each list whose realised / in-progress
    counts are therefore not derived (or because an entry's two statuses disagree, CNR104)."""
    found = []
    for entry_list in dossier.lists:
        if entry_list.counts_statuses or not any(entry.statuses for entry in entry_list.entries):
            continue  # (a list stating no status has no counts of them to derive)
        unread = [entry for entry in entry_list.entries if not entry.understood]
        disagreeing = sum(1 for entry in entry_list.entries if entry.understood and entry.status is None and entry.statuses)
        without = sum(1 for entry in entry_list.entries if not entry.statuses)
        reasons = [f"{count} of {len(entry_list.entries)} {what}" for count, what in (
            (len(unread), "statuses not understood"), (disagreeing, "with two statuses that disagree"),
            (without, "without a status")) if count]
        if not entry_list.complete:
            reasons.append(f"{len(entry_list.entries)} listed where {entry_list.stated} are stated")
        found.append(Unmatched(
            f"{entry_list.name}: realised and in-progress counts not derived, {' and '.join(reasons)}", entry_list.span))
        found.extend(
            Unmatched(f"status not understood: {' / '.join(entry.statuses)} ({entry.title})", entry.span) for entry in unread
        )
    return found


def _held(block: Block, offset: int, spans: list[Span]) -> bool:
    line, column = block.position(offset)
    return any(_inside(line, column, span) for span in spans)


def _sentence_has_figure(block: Block, sentence: tuple[int, int], spans: list[Span]) -> bool:
    """Whether a figure starts in the sentence: it read what the sentence states."""
    start, end = block.position(sentence[0]), block.position(max(sentence[1] - 1, sentence[0]))
    return any(start <= (span.line, span.column) <= end for span in spans)


def _inside(line: int, column: int, span: Span) -> bool:
    return (span.line, span.column) <= (line, column) < (span.end_line, span.end_column)
