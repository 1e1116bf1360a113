"""Profile patterns: their {n} and {date} slots, and the safety check every pattern passes.

A pattern from a pack is refused when it could backtrack catastrophically: an unbounded
repeat inside another unbounded repeat ("(a+)+"), or an unbounded repeat over alternatives
("(a|ab)*"). What remains runs in time polynomial in the sentence it is matched against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

try:  # Python 3.11+
    import re._parser as _sre_parse  # type: ignore[import-not-found]
    from re._constants import MAXREPEAT  # type: ignore[import-not-found]
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]
    from sre_constants import MAXREPEAT  # type: ignore[no-redef]

from cnr_lint.dates import DATE_PATTERN
from cnr_lint.numbers import NUMBER_PATTERN

MAX_PATTERN_LENGTH = 1000
_SLOTS = ("{n}", "{date}")
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


class UnsafePattern(ValueError):
    pass


def validate_user_pattern(pattern: str) -> None:
    """Raise ValueError (a message for the pack author) when the pattern is unusable or unsafe."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(f"pattern is {len(pattern)} characters long; at most {MAX_PATTERN_LENGTH}")
    bare = pattern
    for slot in _SLOTS:
        if bare.count(slot) > 1:
            raise ValueError(f"pattern {pattern!r} uses the slot {slot} twice")
        bare = bare.replace(slot, "(?:0)")
    try:
        tree = _sre_parse.parse(bare, re.IGNORECASE)
    except re.error as error:
        raise ValueError(f"pattern {pattern!r} is not a valid regular expression: {error}") from None
    except RecursionError:
        raise ValueError(f"pattern {pattern!r} is nested too deeply") from None
    for name in ("n", "date", "qualifier", "round"):
        if f"(?P<{name}>" in bare:
            raise ValueError(f"pattern {pattern!r} may not define the group name {name!r} (a slot uses it)")
    _refuse_nested_repeats(pattern, tree, inside_unbounded=False)


def _refuse_nested_repeats(pattern: str, items, inside_unbounded: bool) -> None:
    for op, argument in items:
        name = str(op)
        if name in _REPEATS:
            low, high, body = argument
            unbounded = high == MAXREPEAT or high > 100
            if unbounded and inside_unbounded:
                raise UnsafePattern(
                    f"pattern {pattern!r} nests a repeat inside a repeat; it could take exponential time"
                )
            if unbounded and _has_branch(body):
                raise UnsafePattern(
                    f"pattern {pattern!r} repeats a choice of alternatives without bound; "
                    "it could take exponential time"
                )
            _refuse_nested_repeats(pattern, body, inside_unbounded or unbounded)
        elif name == "SUBPATTERN":
            _refuse_nested_repeats(pattern, argument[-1], inside_unbounded)
        elif name == "BRANCH":
            for branch in argument[1]:
                _refuse_nested_repeats(pattern, branch, inside_unbounded)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _refuse_nested_repeats(pattern, argument[1], inside_unbounded)
        elif name == "ATOMIC_GROUP":
            _refuse_nested_repeats(pattern, argument, inside_unbounded)


def _has_branch(items) -> bool:
    for op, argument in items:
        name = str(op)
        if name == "BRANCH":
            return True
        if name == "SUBPATTERN" and _has_branch(argument[-1]):
            return True
    return False


def qualifier_pattern(words: list[str]) -> str:
    """One alternation of qualifier words, longest first; spaces match any run of spaces."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = r"\s+".join(re.escape(piece) for piece in word.split())
        parts.append(escaped if word.endswith("'") else escaped + r"\s+")
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def number_slot(qualifiers: str, round_nouns: list[str]) -> re.Pattern[str]:
    """The {n} slot on its own: a qualifier, then a round noun ("une cinquantaine") or a number."""
    nouns = "|".join(sorted((re.escape(n) for n in round_nouns), key=len, reverse=True)) or "(?!)"
    return re.compile(
        rf"(?:(?P<qualifier>{qualifiers}))?"
        rf"(?:(?P<round>une\s+(?:{nouns})s?)(?:\s+de\b|\s+d')?|(?P<n>{NUMBER_PATTERN}))",
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class SlotHit:
    start: int  # where the whole pattern starts (its text before {n} included)
    end: int
    date: str | None  # what the {date} slot matched, if the pattern has one


@dataclass(frozen=True, slots=True)
class SlotPattern:
    """A pattern with a {n} slot, split around it.

    The number slot is found once per block; each pattern then only checks its own text
    before and after the number. Compiling the slot into every pattern would cost tens of
    milliseconds each at start-up, for every run.
    """

    before: re.Pattern[str] | None
    after: re.Pattern[str]

    def match_at(self, text: str, number_start: int, number_end: int, floor: int = 0) -> SlotHit | None:
        start, date = number_start, None
        if self.before is not None:
            found = self.before.search(text, floor, number_start)
            if found is None:
                return None
            start, date = found.start(), found.groupdict().get("date")
        following = self.after.match(text, number_end)
        if following is None:
            return None
        return SlotHit(start, following.end(), date or following.groupdict().get("date"))


def slot_pattern(pattern: str) -> SlotPattern:
    before, _, after = pattern.partition("{n}")
    date = f"(?P<date>{DATE_PATTERN})"
    compiled_before = re.compile(f"(?:{before.replace('{date}', date)})\\Z", re.IGNORECASE) if before else None
    return SlotPattern(compiled_before, re.compile(after.replace("{date}", date), re.IGNORECASE))


def compile_plain(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A pattern without {n}; its {date} slot, if any, becomes the group "date"."""
    return re.compile(pattern.replace("{date}", f"(?P<date>{DATE_PATTERN})"), flags)
