"""What a status phrase means: "Livré", "C'est fait", "En chantier", "mis en service".

A phrase is read word by word against the profile's vocabulary: the words that carry a status
value (`statuses.<value>.words`, and "en" + a noun of `statuses.<value>.en`), the words that may
stand around them (`status_words.neutral`), those that make it partial, future or negated
(`status_words.changing`) and those after which the rest names what the status is about
(`status_words.object`: "en cours *de* mise en œuvre" is under way, not also done). The phrase
means a value when its words all belong to the vocabulary, none changes it, and the words that
carry a value carry that one alone; else it means nothing, and the caller shows it as a status
not understood rather than guess. Gender and number are folded away ("livrée", "livrés",
"opérationnelles", "effective" are "livré", "opérationnel", "effectif"), so a word is listed once.
"""

from __future__ import annotations

import re

from cnr_lint.reference import fold

# A word (with the apostrophe of its elision: "c'", "d'"), a number, or a run of punctuation.
_TOKEN = re.compile(r"[^\W\d_]+'?|\d+|[^\w\s']+")
_FIRST_WORD = re.compile(r"[^\W_]+['’]?")
_LONGEST_PHRASE = 5  # words of the longest phrase of the vocabulary looked for
_CACHED = 4096

_VALUE, _NEUTRAL, _CHANGING, _OBJECT = "value", "neutral", "changing", "object"


def _stem(word: str) -> str:
    """The word without its gender and number: "réalisées", "réalisé" and "realise" (capitals
    written without accents) give "realis"; "opérationnelle" "operationnel"; "effective" "effectif";
    "mises" "mis". Short words ("est", "été", "mis") are left whole."""
    if word[-1] == "'":
        return word
    cut = 0
    if len(word) > 3:
        longest = len(word) - 3  # what may go: "mis" stays
        cut = 1 if word[-1] == "s" else 0
        while cut < longest and cut < 3 and word[-1 - cut] == "e":  # "réalisée" written "REALISEE": both e go
            cut += 1
        word = word[:len(word) - cut] if cut else word
    if word[-2:] in _DOUBLED:
        return word[:-1]
    if word[-1] == "v":
        return word[:-1] + "f"
    return word


_DOUBLED = frozenset({"ll", "nn", "tt"})


def _folded(text: str) -> str:
    folded = fold(text)
    return folded.replace("œ", "oe").replace("æ", "ae") if "œ" in folded or "æ" in folded else folded


def _words(text: str) -> list[str | None]:
    """The stems of a text's words, in order; None for punctuation, which ends an object."""
    return [_stem(token) if token[0].isalnum() else None for token in _TOKEN.findall(_folded(text))]


class StatusVocabulary:
    """The profile's status words, compiled: `value(phrase)` is what a phrase means."""

    def __init__(self, statuses: dict, neutral: tuple[str, ...], changing: tuple[str, ...], objects: tuple[str, ...],
                 places: tuple[str, ...] = ()) -> None:
        senses: dict[tuple[str, ...], set[tuple[str, str | None]]] = {}

        def add(phrase: str, sense: tuple[str, str | None], prefix: tuple[str, ...] = ()) -> None:
            words = tuple(w for w in _words(phrase) if w is not None)
            if words:
                senses.setdefault(prefix + words, set()).add(sense)

        self.marks: dict[str, str] = {}  # statuses written as a mark alone: "✅"
        for value, spec in statuses.items():
            for phrase in spec.words:
                if any(c.isalnum() for c in phrase):
                    add(phrase, (_VALUE, value))
                else:
                    self.marks[phrase.strip()] = value
            for noun in spec.en:
                add(noun, (_VALUE, value), ("en",))
                add(noun, (_NEUTRAL, None))  # "Déploiement en cours": the noun may stand around
        for kind, phrases in ((_NEUTRAL, neutral), (_CHANGING, changing), (_OBJECT, objects)):
            for phrase in phrases:
                add(phrase, (kind, None))
        # A phrase listed twice means the most telling of its senses: a word that changes the
        # status wins over any other, a value over a neutral word; two values are two readings.
        self._phrases: dict[tuple[str, ...], tuple[str, str | None]] = {}
        for words, found in senses.items():
            values = {value for kind, value in found if kind == _VALUE}
            kinds = {kind for kind, _ in found}
            if _CHANGING in kinds or len(values) > 1:
                self._phrases[words] = (_CHANGING, None)
            elif values:
                self._phrases[words] = (_VALUE, values.pop())
            else:
                self._phrases[words] = (_OBJECT if _OBJECT in kinds else _NEUTRAL, None)
        # One word each: after a status, where it is ("dans les écoles du bassin"), in any words.
        self._places = frozenset(words[0] for words in (_words(place) for place in places) if len(words) == 1 and words[0])
        self._longest = min(_LONGEST_PHRASE, max((len(w) for w in self._phrases), default=1))
        self._known = frozenset(word for words in self._phrases for word in words)
        self._cache: dict[str, str | None] = {}

    def value(self, phrase: str) -> str | None:
        """The status value the phrase means, or None: a word outside the vocabulary, a word that
        changes it ("en partie", "bientôt"), or two values ("livré – en construction")."""
        known = self._cache.get(phrase, False)
        if known is not False:
            return known  # type: ignore[return-value]
        found = self._read(phrase)
        if len(self._cache) >= _CACHED:
            self._cache.clear()
        self._cache[phrase] = found
        return found

    def changes(self, text: str) -> bool:
        """Whether the text holds a word that makes a status partial, future or negated."""
        words = _words(text)
        return any(self._longest_at(words, index)[0] == (_CHANGING, None) for index in range(len(words)))

    def _read(self, phrase: str) -> str | None:
        first = _FIRST_WORD.search(phrase)
        if first is None:  # a mark alone: "✅"
            return self.marks.get(phrase.strip())
        # Most texts asked about are titles and sentences: their first word already tells.
        if _stem(_folded(first.group())) not in self._known:
            return None
        words = _words(phrase)
        values: set[str] = set()
        after_value = in_object = False
        index = 0
        while index < len(words):
            if words[index] is None:  # punctuation: a new part of the phrase
                after_value = in_object = False
                index += 1
                continue
            if after_value and words[index] in self._places:
                # "en cours dans les écoles du bassin grassois": where, up to the punctuation,
                # unless a word there changes it ("dans les écoles, bientôt au collège")
                end = words.index(None, index) if None in words[index:] else len(words)
                if any(self._longest_at(words, at)[0] == (_CHANGING, None) for at in range(index, end)):
                    return None
                index = end
                continue
            sense, length = self._longest_at(words, index)
            if sense is None or sense[0] == _CHANGING:
                return None
            kind, value = sense
            if kind == _OBJECT:
                if not after_value:
                    return None  # "de" with no status before it: a description
                in_object = True
            elif kind == _VALUE and not in_object:
                values.add(value)  # type: ignore[arg-type]
                after_value = True
            index += length
        return values.pop() if len(values) == 1 else None

    def _longest_at(self, words: list[str | None], index: int) -> tuple[tuple[str, str | None] | None, int]:
        for length in range(min(self._longest, len(words) - index), 0, -1):
            candidate = words[index:index + length]
            if None in candidate:
                continue
            sense = self._phrases.get(tuple(candidate))  # type: ignore[arg-type]
            if sense is not None:
                return sense, length
        return None, 1
