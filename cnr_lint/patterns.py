r"""Profile patterns: their {n} and {date} slots, and the safety check every pattern passes.

A pattern from a pack is refused when it could backtrack catastrophically. Python's regular
expressions backtrack; what makes them take exponential time is ambiguity that multiplies:

- a repeat inside a repeat ("(a+)+", "(?:(?:a{1,9}){1,9}){1,9}", "(?:.*){1,100}"): the same
  text splits between the iterations in exponentially many ways. Allowed only when the
  iterations split one way: each is unambiguous itself, and ends with a character its
  repeats cannot match ("(?:\w+,)+") or is followed by one ("(?: [\w'-]+){0,3}": the space
  fixes where each iteration starts);
- a repeat over alternatives ("(a|ab)*", "(?:a|aa){1,100}");
- more than two repeats in a row that can match the same characters ("\w*\w*\w*",
  ".*a.*b.*"): k of them take time of degree k + 1 in the length of the text.
- a repeat of something that can match nothing ("(?:a?){23}a{23}b", "(?:a?b?)+"), or that has
  an optional part what follows it can also match ("(?:aa?)+", "(?:(?:a|b)?a)+"): an optional
  part is a choice of two, and the iterations split in exponentially many ways ("(?:a\s?)+"
  and "(?:\s?\w)+" split one way: what follows the optional space cannot be a space).

A repeat is any quantifier whose maximum is above one ("+", "*", "{2,9}"); "?" is not one.
Possessive quantifiers ("a*+") and atomic groups ("(?>...)") never backtrack into what they
matched, so they only have their insides checked. What passes runs in time at most cubic in
the text it is matched against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

try:  # Python 3.11+
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from cnr_lint.dates import DATE_PATTERN
from cnr_lint.folding import lower
from cnr_lint.numbers import NUMBER_PATTERN

MAX_PATTERN_LENGTH = 1000
_SLOTS = ("{n}", "{date}")


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
    _refuse_nested_repeats(pattern, tree)


_MAX_RUN = 2  # repeats in a row that can match the same characters
_ENUMERABLE = 512  # a character class with more characters than this is treated as overlapping all
_CATEGORIES = {
    "CATEGORY_DIGIT": re.compile(r"\d"), "CATEGORY_NOT_DIGIT": re.compile(r"\D"),
    "CATEGORY_SPACE": re.compile(r"\s"), "CATEGORY_NOT_SPACE": re.compile(r"\S"),
    "CATEGORY_WORD": re.compile(r"\w"), "CATEGORY_NOT_WORD": re.compile(r"\W"),
    "CATEGORY_LINEBREAK": re.compile(r"\n"), "CATEGORY_NOT_LINEBREAK": re.compile(r"[^\n]"),
}


def _refuse_nested_repeats(pattern: str, items, inside_unbounded: bool = False) -> None:
    """Refuse `pattern` (its parsed `items`) when it could backtrack catastrophically (see above)."""
    _Checker(pattern).sequence(list(items), inside_repeat=inside_unbounded)


class _Run:
    """Repeats met in a row in a sequence, and the atoms (single-character matchers) they hold."""

    __slots__ = ("count", "atoms")

    def __init__(self, count: int = 0, atoms: tuple = ()) -> None:
        self.count = count
        self.atoms = list(atoms)


class _Checker:
    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.peak = 0  # the longest run met so far

    def refuse(self, why: str, example: str) -> None:
        raise UnsafePattern(f"pattern {self.pattern!r} {why} ({example}); it could take exponential time")

    # -- a sequence of items, left to right ------------------------------------------------------

    def sequence(self, items, inside_repeat: bool, run: _Run | None = None) -> _Run:
        run = run if run is not None else _Run()
        for op, argument in items:
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT"):
                low, high, body = argument
                if high <= 1:  # "?": optional, not a repeat; it may be skipped, so it ends no run
                    inner = self.sequence(body, inside_repeat, _Run(run.count, run.atoms))
                    run.count, run.atoms = max(run.count, inner.count), _union(run.atoms, inner.atoms)
                    continue
                self.repeat(list(body), inside_repeat)
                atoms = _atoms(body)
                # It starts a new run when it must start with a character the run cannot match.
                if run.count and not (low >= 1 and _separates(_first_atom(body), run.atoms)):
                    run.count += 1
                    run.atoms = _union(run.atoms, atoms)
                else:
                    run = _Run(1, atoms)
                self.peak = max(self.peak, run.count)
                if run.count > _MAX_RUN:
                    raise UnsafePattern(
                        f"pattern {self.pattern!r} has {run.count} repeats in a row that can match the same "
                        "characters (as in \"\\w*\\w*\\w*\" or \".*a.*b.*\"); it could take time growing as a "
                        f"power of the text's length. Keep at most {_MAX_RUN}, or put between them a character "
                        "they cannot match"
                    )
            elif name == "POSSESSIVE_REPEAT":
                self.sequence(argument[2], inside_repeat=False)
                run = self._single(run, None)
            elif name == "ATOMIC_GROUP":
                self.sequence(argument, inside_repeat=False)
                run = self._single(run, None)
            elif name == "SUBPATTERN":
                run = self.sequence(argument[-1], inside_repeat, run)
            elif name == "BRANCH":
                ends = [self.sequence(branch, inside_repeat, _Run(run.count, run.atoms)) for branch in argument[1]]
                run = _Run(max(end.count for end in ends), ())
                for end in ends:
                    run.atoms = _union(run.atoms, end.atoms)
            elif name in ("ASSERT", "ASSERT_NOT"):
                self.sequence(argument[1], inside_repeat=False)
            elif name == "GROUPREF_EXISTS":
                _, yes, no = argument
                ends = [self.sequence(b, inside_repeat, _Run(run.count, run.atoms)) for b in (yes, no) if b]
                for end in ends:
                    run.count, run.atoms = max(run.count, end.count), _union(run.atoms, end.atoms)
            elif name in ("AT",):
                continue  # matches no character
            else:  # one character (LITERAL, NOT_LITERAL, IN, ANY) or a back reference
                run = self._single(run, (name, argument) if name in _ATOM_OPS else None)
        return run

    def _single(self, run: _Run, atom) -> _Run:
        """A required item matching one character: it ends the run when no repeat in it can match that."""
        if run.count and _separates(atom, run.atoms):
            return _Run()
        return run

    # -- a repeat's body -------------------------------------------------------------------------

    def repeat(self, body: list, inside_repeat: bool) -> None:
        if _has_branch(body):
            self.refuse("repeats a choice of alternatives", '"(a|ab)*", "(?:x|xy){2,9}"')
        self._refuse_ambiguous_options(body)
        if not _has_repeat(body):
            self.sequence(body, inside_repeat=True)
            return
        # Repeats inside: safe only when the iterations split one way. Each iteration must be
        # unambiguous itself (no two repeats in a row matching the same characters) and cannot run
        # on into the next: it ends with a character its repeats cannot match ("(?:\\w+,)+"), or
        # the next starts with one ("(?: \\w+){0,3}", "(?:\\s+\\w+)*").
        saved, self.peak = self.peak, 0
        end = self.sequence(body, inside_repeat=True)
        peak, self.peak = self.peak, max(saved, self.peak)
        if inside_repeat or peak > 1 or not (end.count == 0 or _separates(_first_atom(body), end.atoms)):
            self.refuse(
                "nests a repeat inside a repeat",
                '"(a+)+", "(?:a{1,9}){1,9}"; a repeated group may hold repeats when each repetition starts '
                'with a character they cannot match, as "(?: \\w+){0,3}" does',
            )


    def _refuse_ambiguous_options(self, body: list) -> None:
        """A repeated body must split one way: it cannot match nothing, and each optional part
        in it starts with characters that what follows it (in this iteration, then the next one)
        cannot start with."""
        items = _flat(body)
        if _starts(items)[1]:
            self.refuse("repeats something that can match nothing", '"(?:a?){9}", "(?:a?b?)+"')
        self._options(items, items)

    def _options(self, items: list, continuation: list) -> None:
        for index, (op, argument) in enumerate(items):
            if str(op) not in ("MAX_REPEAT", "MIN_REPEAT") or (argument[0], argument[1]) != (0, 1):
                continue
            inside, after = _flat(argument[2]), items[index + 1:] + continuation
            own, _ = _starts(inside)
            following, _ = _starts(after)
            if own is None or following is None or not all(_separates(atom, following) for atom in own):
                self.refuse("repeats an optional part that what follows it can also match",
                            '"(?:aa?)+", "(?:(?:a|b)?a)+"; "(?:a\\s?)+" is fine')
            self._options(inside, after)


_ATOM_OPS = ("LITERAL", "NOT_LITERAL", "IN", "ANY")


def _flat(items) -> list:
    """The items of a sequence with its groups opened: "(?:a(?:b)?)" as "a", "(?:b)?"."""
    flat = []
    for op, argument in items:
        if str(op) == "SUBPATTERN":
            flat.extend(_flat(argument[-1]))
        else:
            flat.append((op, argument))
    return flat


def _starts(items) -> tuple[list | None, bool]:
    """The single-character matchers a match of the sequence can start with (None: could be
    anything), and whether it can match nothing."""
    atoms: list = []
    for op, argument in items:
        name = str(op)
        if name in _ATOM_OPS:
            return _union(atoms, [(name, argument)]), False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # matches no character
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            inner, empty = _starts(list(argument[2]))
            optional = empty or argument[0] == 0
        elif name == "SUBPATTERN":
            inner, optional = _starts(list(argument[-1]))
        elif name == "ATOMIC_GROUP":
            inner, optional = _starts(list(argument))
        elif name == "BRANCH":
            inner, optional = [], False
            for branch in argument[1]:
                found, empty = _starts(list(branch))
                inner = None if inner is None or found is None else _union(inner, found)
                optional = optional or empty
        else:  # a back reference, a conditional: could start with anything
            return None, False
        if inner is None:
            return None, False
        atoms = _union(atoms, inner)
        if not optional:
            return atoms, False
    return atoms, True


def _union(a: list, b: list) -> list:
    return list(a) + [atom for atom in b if atom not in a]


def _has_repeat(items) -> bool:
    return _repeat_count(items) > 0


def _repeat_count(items) -> int:
    count = 0
    for op, argument in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            count += (argument[1] > 1) + _repeat_count(argument[2])
        elif name == "SUBPATTERN":
            count += _repeat_count(argument[-1])
        elif name == "BRANCH":
            count += sum(_repeat_count(branch) for branch in argument[1])
        elif name in ("ASSERT", "ASSERT_NOT"):
            count += _repeat_count(argument[1])
    return count


def _atoms(items) -> list:
    """Every single-character matcher in `items`."""
    found: list = []
    for op, argument in items:
        name = str(op)
        if name in _ATOM_OPS:
            if (name, argument) not in found:
                found.append((name, argument))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            found = _union(found, _atoms(argument[2]))
        elif name == "SUBPATTERN":
            found = _union(found, _atoms(argument[-1]))
        elif name == "ATOMIC_GROUP":
            found = _union(found, _atoms(argument))
        elif name == "BRANCH":
            for branch in argument[1]:
                found = _union(found, _atoms(branch))
        elif name == "GROUPREF" or name == "GROUPREF_EXISTS":
            found = _union(found, [("ANY", None)])  # could be anything
    return found


def _first_atom(items):
    """The single-character matcher every match of `items` starts with, if there is one."""
    for op, argument in items:
        name = str(op)
        if name == "AT":
            continue
        if name in _ATOM_OPS:
            return (name, argument)
        if name == "SUBPATTERN":
            return _first_atom(argument[-1])
        if name in ("MAX_REPEAT", "MIN_REPEAT") and argument[0] >= 1:
            return _first_atom(argument[2])
        return None
    return None


def _separates(atom, atoms: list) -> bool:
    """Whether no character `atom` matches can be matched by any of `atoms` (case ignored).

    Listed characters (a literal, a small class) are tried one by one; a class defined by a
    category, a negation or a large range is tried on sample characters (Latin letters, digits,
    spaces and punctuation, and the ends of every range involved): enough for the classes
    patterns are written with ("\\s" against "\\w", "[^:]" against ":").
    """
    if atom is None:
        return False
    candidates = _characters(atom)
    if candidates is None:
        candidates = set(_SAMPLE)
        for one in (atom, *atoms):
            candidates.update(_landmarks(one))
    for character in candidates:
        variants = {character, character.lower(), character.upper(), character.casefold(), character.swapcase()}
        variants = {v for v in variants if len(v) == 1}
        if not any(_matches(atom, v) for v in variants):
            continue
        if any(_matches(other, v) for other in atoms for v in variants):
            return False
    return True


# Sample characters for classes that cannot be listed: Latin, general punctuation, odd spaces.
_SAMPLE = frozenset(
    [chr(code) for code in range(0x250)] + [chr(code) for code in range(0x2000, 0x2070)]
    + ["\u3000", "\u1680", "\ufeff", "\u0660", "\u0966", "\uff10", "\u0391", "\u0410", "\u4e00"]
)


def _landmarks(atom) -> set[str]:
    """The characters an atom names (its literals, the ends of its ranges)."""
    name, argument = atom
    if name in ("LITERAL", "NOT_LITERAL"):
        return {chr(argument)}
    found = set()
    if name == "IN":
        for op, value in argument:
            if str(op) in ("LITERAL", "NOT_LITERAL"):
                found.add(chr(value))
            elif str(op) == "RANGE":
                found.update((chr(value[0]), chr(value[1])))
    return found


def _characters(atom) -> set[str] | None:
    """The characters a one-character matcher matches, when they are few enough to list."""
    if atom is None:
        return None
    name, argument = atom
    if name == "LITERAL":
        return {chr(argument)}
    if name != "IN":
        return None
    found: set[str] = set()
    for op, value in argument:
        kind = str(op)
        if kind == "LITERAL":
            found.add(chr(value))
        elif kind == "RANGE" and value[1] - value[0] < _ENUMERABLE:
            found.update(chr(code) for code in range(value[0], value[1] + 1))
        else:  # a category, a negation or a large range
            return None
        if len(found) > _ENUMERABLE:
            return None
    return found


def _matches(atom, character: str) -> bool:
    name, argument = atom
    if name == "LITERAL":
        return character == chr(argument)
    if name == "NOT_LITERAL":
        return character != chr(argument)
    if name == "ANY":
        return True
    if name != "IN":
        return True
    negate = False
    hit = False
    for op, value in argument:
        kind = str(op)
        if kind == "NEGATE":
            negate = True
        elif kind == "LITERAL":
            hit = hit or character == chr(value)
        elif kind == "NOT_LITERAL":
            hit = hit or character != chr(value)
        elif kind == "RANGE":
            hit = hit or value[0] <= ord(character) <= value[1]
        elif kind == "CATEGORY":
            test = _CATEGORIES.get(str(value))
            hit = hit or test is None or bool(test.match(character))
        else:
            hit = True  # unknown: assume it matches
    return hit != negate


def _has_branch(items) -> bool:
    for op, argument in items:
        name = str(op)
        if name == "BRANCH":
            return True
        if name == "SUBPATTERN" and _has_branch(argument[-1]):
            return True
        if name in ("MAX_REPEAT", "MIN_REPEAT") and argument[1] <= 1 and _has_branch(argument[2]):
            return True  # an optional choice inside counts too
    return False


def qualifier_pattern(words: list[str]) -> str:
    """One alternation of qualifier words, longest first; spaces match any run of spaces."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = r"\s+".join(re.escape(piece) for piece in word.split())
        parts.append(escaped if word.endswith("'") else escaped + r"\s+")
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def prefix_tree(words: set[str]) -> str:
    """An alternation of the words, factored by their common prefixes: "d(?:eux|ix|ouze)".

    It matches the same words as "deux|dix|douze", but not in the same order of preference:
    fit where only whether one matches counts (a lookahead, a search for any of them). re
    tries the alternatives of an alternation one by one; factored, one per first letter.
    No words: a pattern that never matches.
    """
    if not words:
        return "(?!)"
    by_first: dict[str, set[str]] = {}
    for word in sorted(words):
        if word:
            by_first.setdefault(word[0], set()).add(word[1:])
    branches = [re.escape(first) + prefix_tree(rests) for first, rests in by_first.items()]
    if not branches:  # the empty word only
        return ""
    if len(branches) == 1 and "" not in words:
        return branches[0]
    alternation = "(?:" + "|".join(branches) + ")"
    return alternation + "?" if "" in words else alternation


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
    department: str | None = None  # what a (?P<department>...) group matched: the figure is that department's


@dataclass(frozen=True, slots=True)
class SlotPattern:
    """A pattern with a {n} slot, split around it.

    The number slot is found once per block; each pattern then only checks its own text
    before and after the number. Compiling the slot into every pattern would cost tens of
    milliseconds each at start-up, for every run.
    """

    before: re.Pattern[str] | None
    after: re.Pattern[str]
    # Lowercase words one of which every match holds ("participants"), or None when the pattern
    # does not say: a block holding none of them cannot match, and is not scanned for numbers.
    keywords: frozenset[str] | None
    # The texts, as written, one of which every match of `after` starts with (" participants"),
    # or None when it starts otherwise: where none follows a number, `after` cannot match.
    heads: frozenset[str] | None
    # How far before the number a match of `before` can start, when its words bound it: the
    # search then skips the rest of the sentence.
    reach: int | None = None

    def match_at(self, text: str, number_start: int, number_end: int, floor: int = 0) -> SlotHit | None:
        start, date, department = number_start, None, None
        if self.before is not None:
            if self.reach is not None:
                floor = max(floor, number_start - self.reach)
            found = self.before.search(text, floor, number_start)
            if found is None:
                return None
            groups = found.groupdict()
            start, date, department = found.start(), groups.get("date"), groups.get("department")
        following = self.after.match(text, number_end)
        if following is None:
            return None
        groups = following.groupdict()
        return SlotHit(start, following.end(), date or groups.get("date"), department or groups.get("department"))


def slot_pattern(pattern: str) -> SlotPattern:
    before, _, after = pattern.partition("{n}")
    date = f"(?P<date>{DATE_PATTERN})"
    compiled_before = re.compile(f"(?:{before.replace('{date}', date)})\\Z", re.IGNORECASE) if before else None
    parsed_after = None if "{date}" in after else _sre_parse.parse(after, re.IGNORECASE)
    # The words after {n} are in every match, whatever comes before it ("^{n} réunions").
    keywords = None if parsed_after is None else _leading_words(parsed_after)
    heads = None if parsed_after is None else _literal_heads(parsed_after)
    return SlotPattern(compiled_before, re.compile(after.replace("{date}", date), re.IGNORECASE), keywords, heads)


def _literal_heads(items) -> frozenset[str] | None:
    """The literal texts one of which every match of the parsed pattern starts with, if any."""
    prefix = ""
    for op, argument in items:
        name = str(op)
        if name == "LITERAL":
            prefix += chr(argument)
            continue
        if name == "BRANCH":
            alternatives = [_literal_heads(branch) for branch in argument[1]]
            if all(alternatives):
                return frozenset(prefix + head for heads in alternatives for head in heads)
        elif name == "SUBPATTERN":
            inner = _literal_heads(argument[-1])
            if inner:
                return frozenset(prefix + head for head in inner)
        break
    return frozenset({prefix}) if prefix else None


def _leading_words(items) -> frozenset[str] | None:
    """Lowercase texts one of which every match of the parsed pattern holds: its literal heads,
    without the pattern's own leading spaces ("projets(?: concrets|-phares)" holds "projets
    concrets" or "projets-phares")."""
    items = list(items)
    while items and str(items[0][0]) == "LITERAL" and chr(items[0][1]).isspace():
        items.pop(0)
    heads = _literal_heads(items)
    return frozenset(lower(head) for head in heads) if heads else None


def group_source(pattern: str, name: str) -> str | None:
    """The text of the named group `(?P<name>...)` of a pattern, without its parentheses, or None."""
    opening = f"(?P<{name}>"
    start = pattern.find(opening)
    if start < 0:
        return None
    depth, index, in_class = 0, start, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return pattern[start + len(opening):index]
        index += 1
    return None


def compile_plain(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A pattern without {n}; its {date} slot, if any, becomes the group "date"."""
    return re.compile(pattern.replace("{date}", f"(?P<date>{DATE_PATTERN})"), flags)


# -- figures declared by words -------------------------------------------------------------------

# What must stand before a number whose noun is left out: the noun, earlier in the sentence,
# then "dont" or "parmi lesquels", a comma or a colon ("41 projets, dont 14 réalisés", "Sur les
# 41 projets, 14 sont réalisés"; "parmi eux, 14…" names no noun: nothing is read). Between that
# and the number, at most other parts of the same enumeration ("14 réalisés et ", "14 sont
# réalisés tandis que "). The search stops at . ; ! ?
_ELIDED_GAP = r"[^.;!?]{0,100}?"
_ELIDED_LINK = r"(?: dont|,? parmi lesquel(?:le)?s|,|:| et| tandis que)"
# The auxiliary of a verb put before its subject: "(se) sont tenues", "ont été organisées".
_AUXILIARY = r"(?:ont|sont|a|avaient|étaient|avait|était)(?: déjà| ainsi| aussi)?(?: été)?"
# Between a number and its noun: "16 de ces projets", "19 des projets", "81 des 112 projets" (the
# second number counts the whole, the first what the predicate says of it).
_PARTITIVE = f"(?: de ces| des(?: (?:{NUMBER_PATTERN}))?)?"
# Between a number and a predicate whose noun is left out: "quarante et un d'entre eux ont abouti".
_AMONG_THEM = "(?: d'entre (?:eux|elles))?"


_LABEL_TAIL_WORDS = 6


@dataclass(frozen=True, slots=True)
class WordSlots:
    """The patterns a figure declared by words stands for."""

    value_first: SlotPattern  # "14 projets (ont été) réalisés"
    elided: SlotPattern | None  # "41 projets, dont 14 réalisés": only with predicates
    predicate_first: SlotPattern | None  # "Se sont tenues 10 réunions": only with predicates
    label: re.Pattern[str]  # "Projets réalisés" before its value ("Projets réalisés : 14"), fullmatch
    elided_label: re.Pattern[str] | None  # "dont réalisés", "Réalisés", under a label of the noun; only with predicates
    noun: re.Pattern[str]  # any of the nouns


def word_slots(
    nouns: tuple[str, ...], predicates: tuple[str, ...], between: tuple[str, ...], elision: bool = True
) -> WordSlots:
    """The slot patterns of a figure declared by words: each word matched as written, any case,
    its final "s" optional (the singular: "1 projet réalisé")."""
    noun, predicate, gap = _alternation(nouns), _alternation(predicates), _alternation(between)
    between_part = f"(?: {gap}){{0,4}}" if between else ""
    predicate_part = f"{between_part} {predicate}" if predicates else ""
    keywords = frozenset(lower(stem(word)) for word in nouns)
    # A total (no elision) is no part of another: "cinq des sept projets nés des concertations"
    # are five of the seven, neither the projects that emerged nor their count.
    if elision:
        partitive = _PARTITIVE
        noun_starts = frozenset(head + stem(word) for word in nouns for head in (" ", " de ces ")) | {" des "}
    else:
        partitive, noun_starts = "", frozenset(" " + stem(word) for word in nouns)
    value_first = SlotPattern(
        None, re.compile(f"{partitive} {noun}{predicate_part}", re.IGNORECASE), keywords, noun_starts,
    )
    elided = None
    if predicates and elision:
        # The count the noun refers to may not carry this predicate itself: "5 réunions tenues,
        # dont 3 tenues en ligne" is a part of the same figure, not the figure.
        not_predicate = f"(?:(?!{predicate})[^.;!?]){{0,100}}?"
        # Its parts in brackets after it: "8 projets (5 réalisés, 3 en cours)".
        # Or the noun counted in the sentence before, this one opening with the number, after a
        # few words or another part at most ("Dix projets en sont issus. Un an après, cinq sont
        # réalisés et quatre en cours"; "Au 30 septembre 2023, onze d'entre eux sont d'ores et
        # déjà achevés et trente-six sont en cours"; not "Des projets. 14 sont réalisés"), or
        # the clause before ("123 projets sont nés de ces échanges ; au 15 novembre 2025, 81 sont réalisés").
        before = (
            f"(?<!\\w){noun}{not_predicate}(?:{_ELIDED_LINK} | \\()(?:{_ELIDED_GAP}(?:,| et) )?\\Z"
            f"|(?<!\\w)(?:{NUMBER_PATTERN}) {noun}[^.;!?]{{0,100}}?[.;] (?:[^.;:!?]{{0,100}}?(?:,| et) )?\\Z"
        )
        elided = SlotPattern(
            re.compile(before, re.IGNORECASE), re.compile(_AMONG_THEM + predicate_part, re.IGNORECASE), keywords,
            frozenset(" " + stem(word) for word in (*between, *predicates, "d'entre")),
        )
    # The verb first, as French allows: "Ont été organisées 8 réunions", "où se sont tenues 10
    # réunions", "De ces échanges sont nés 96 projets": its auxiliary before it, the number right
    # after it (a participle alone before a number ends the line above: "96 projets identifiés",
    # then "61 projets finalisés").
    predicate_first = None
    if predicates:
        predicate_first = SlotPattern(
            re.compile(f"(?<!\\w){_AUXILIARY} {predicate} \\Z", re.IGNORECASE),
            re.compile(f"{partitive} {noun}", re.IGNORECASE), keywords, noun_starts,
            reach=len("avaient déjà été ") + max(len(word) for word in predicates) + 2,
        )
    # A label may say more after its words ("Projets issus des concertations", "Départements
    # concernés"): a few words, no number among them, and no colon: what follows one is the
    # label's value ("Département : service d'accès aux soins (SAS 16)" names a service).
    tail = r"(?: [^\s\d:]+){0,%d}" % _LABEL_TAIL_WORDS
    label = re.compile((f"{noun}{predicate_part}" if predicates else noun) + tail, re.IGNORECASE)
    # Its parts under a label of the noun: "dont réalisés", or the predicate alone, all the label
    # says, as key-figure lines write them ("Projets retenus : 8", then "Réalisés : 5", "En cours : 3").
    elided_label = re.compile(f"dont{predicate_part}{tail}|{predicate}", re.IGNORECASE) if predicates and elision else None
    return WordSlots(value_first, elided, predicate_first, label, elided_label, re.compile(noun, re.IGNORECASE))


def stem(word: str) -> str:
    """The word without the final "s" the patterns make optional."""
    word = " ".join(word.replace("’", "'").split())
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _alternation(words: tuple[str, ...]) -> str:
    """The words as one group, longest first, each ending at a word's end."""
    parts = []
    for word in sorted({" ".join(w.replace("’", "'").split()) for w in words}, key=len, reverse=True):
        root = stem(word)
        parts.append(re.escape(root) + ("s?" if root != word else ""))
    return "(?:" + "|".join(parts) + r")(?!\w)"


# -- a list's count around its noun --------------------------------------------------------------

# A word qualifying the noun before its count ("retenues" in "Les priorités retenues sont au
# nombre de trois"): no digit (no other count between), no punctuation (one clause).
_QUALIFYING_WORD = r"[^\s\d.,;:!?()]{1,30}"
# What ends a count announcing the list below it: a colon, the sentence's end, or the clause the
# commas set apart ("Les priorités, au nombre de trois, sont :").
_ANNOUNCING_ENDS = (":", " :", ".", ", sont")


def counts_around_noun(
    nouns: tuple[str, ...], after_noun: tuple[str, ...], after_count: tuple[str, ...], before_noun: tuple[str, ...],
    other_predicates: tuple[str, ...] = (),
) -> tuple[SlotPattern, ...]:
    """The slot patterns of a list's count written after its noun ("Les priorités retenues sont au
    nombre de trois :", "Les défis identifiés sont quatre :", "Les projets retenus sont les neuf
    suivants :"), or before it, its noun after a comma ("Au nombre de trois, les priorités
    retenues sont :"). Up to four words may qualify the noun, none of `other_predicates` (the
    words of another figure of the noun: "Les projets réalisés sont au nombre de quatre" counts
    the realised ones, not the list)."""
    noun, keywords = _alternation(nouns), frozenset(lower(stem(word)) for word in nouns)
    not_other = f"(?!{_alternation(other_predicates)})" if other_predicates else ""
    slots = []
    if after_noun:
        qualifiers = f"(?: {not_other}{_QUALIFYING_WORD}){{0,4}}"
        before = re.compile(f"(?<!\\w){noun}{qualifiers},? {_alternation(after_noun)} \\Z", re.IGNORECASE)
        tail = f"(?: {_alternation(after_count)})?" if after_count else ""
        ends = "|".join(re.escape(end) for end in _ANNOUNCING_ENDS)
        after = re.compile(f"{tail}(?={ends})", re.IGNORECASE)
        heads = frozenset(_ANNOUNCING_ENDS) | {" " + stem(word) for word in after_count}
        slots.append(SlotPattern(before, after, keywords, heads, reach=len(max(after_noun, key=len)) + 200))
    if before_noun:
        before = re.compile(f"(?:^|(?<=[\\s(]))(?:{_alternation(before_noun)}) \\Z", re.IGNORECASE)
        after = re.compile(f", (?:{_QUALIFYING_WORD} ){{0,2}}{noun}", re.IGNORECASE)
        slots.append(SlotPattern(before, after, keywords, frozenset({", "}),
                                 reach=len(max(before_noun, key=len)) + 2))
    return tuple(slots)
