"""Reference data: the French regions and their departments (rules/reference/regions.yaml)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cnr_lint.folding import lower
from cnr_lint.yamlfile import ConfigError, load_yaml


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    aliases: tuple[str, ...]
    departments: tuple[str, ...]
    demonym: str | None = None  # its adjective, masculine singular ("normand")


class Reference:
    """Regions and departments, indexed by folded name (built once per run)."""

    def __init__(self, regions: tuple[Region, ...], demonyms: dict[str, str] | None = None,
                 codes: dict[str, str] | None = None) -> None:
        self.regions = regions
        self._by_code = dict(codes or {})  # "68" -> "Haut-Rhin", "2A" -> "Corse-du-Sud"
        self._regions: dict[str, Region] = {}
        self._departments: dict[str, str] = {}
        self._region_of: dict[str, Region] = {}
        for region in regions:
            for name in (region.name, *region.aliases):
                self._regions[fold(name)] = region
            for department in region.departments:
                self._departments[fold(department)] = department
                self._region_of[department] = region
        names = sorted({n for r in regions for n in (r.name, *r.aliases)}, key=len, reverse=True)
        # An alias that is a common word with a capital ("Centre", "Réunion") names the region
        # unless words run on after it: "Centre de santé", "Réunion de lancement" name none.
        self._finder = re.compile(r"(?<![\w-])(?:" + "|".join(
            re.escape(n) + (_NO_WORDS_AFTER if _COMMON_WORD.fullmatch(n) and n not in {r.name for r in regions} else "")
            for n in names) + r")(?![\w-])")
        folded = sorted(self._departments, key=len, reverse=True)
        self._department_finder = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in folded) + r")(?![\w-])")
        self._by_demonym = {form: department for department, demonym in (demonyms or {}).items()
                            for form in _inflected(fold(demonym))}
        forms = sorted(self._by_demonym, key=len, reverse=True)
        self._region_by_demonym = {form: region for region in regions if region.demonym
                                   for form in _inflected(fold(region.demonym))}
        region_forms = sorted(self._region_by_demonym, key=len, reverse=True)
        self._region_demonym_finder = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in region_forms) + r")(?![\w-])") if region_forms else None
        self._demonym_finder = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"
                                          ) if forms else None
        # A department named inside a region's name names no department: the Loire in "Pays de
        # la Loire" and "Centre-Val de Loire" (a region of one department, "Guadeloupe", names it).
        region_names = sorted({fold(n) for n in names}, key=len, reverse=True)
        self._folded_region_finder = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in region_names) + r")(?![\w-])")
        self._in_region_names = frozenset(d for d in self._departments if d not in region_names and any(
            re.search(r"(?<![\w-])" + re.escape(d) + r"(?![\w-])", name) for name in region_names))

    def region(self, name: str | None) -> Region | None:
        return self._regions.get(fold(name)) if name else None

    def department(self, name: str | None) -> str | None:
        """The department's official name, whatever its case, accents or article, and with its
        number after it ("Paris (75)", as titles write it)."""
        if not name:
            return None
        return self._departments.get(fold(_ARTICLE.sub("", DEPARTMENT_CODE.sub("", name.strip()))))

    def department_by_code(self, code: str) -> str | None:
        """The department an INSEE code names ("68", "2a", "05"), as front matter may give it."""
        return self._by_code.get(code.strip().upper())

    def region_of(self, department: str | None) -> Region | None:
        return self._region_of.get(department) if department else None

    def departments_named(self, folded: str) -> tuple[tuple[str, int, int], ...]:
        """(department, start, end) of each department named in a `fold`ed text ("cotes-d'armor")."""
        return _departments_named(self, folded)

    def departments_by_demonym(self, folded: str) -> tuple[tuple[str, int, int], ...]:
        """(department, start, end) of each department a `fold`ed text names by its adjective
        ("sur le terrain vosgien", "les communes vendeennes")."""
        if self._demonym_finder is None:
            return ()
        return tuple((self._by_demonym[m.group(0)], m.start(), m.end()) for m in self._demonym_finder.finditer(folded))

    def region_by_demonym(self, folded: str) -> Region | None:
        """The region a `fold`ed text names by its adjective ("et a l'echelle normande"), if one."""
        found = self._region_demonym_finder.search(folded) if self._region_demonym_finder is not None else None
        return self._region_by_demonym[found.group(0)] if found else None

    def find_region(self, text: str) -> Region | None:
        """The first region named in text (by its name or an alias, written with its capitals)."""
        match = self._finder.search(text)
        return self.region(match.group(0)) if match else None


_COMMON_WORD = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+")
_NO_WORDS_AFTER = r"(?!\s+[a-zà-ÿ\d])"

# A department's number in brackets after its name: "Paris (75)", "ARIÈGE (09)", "Corse-du-Sud (2A)".
DEPARTMENT_CODE = re.compile(r"\s*\((?:\d{2,3}|2[AB])\)$")
_ARTICLE = re.compile(r"^(?:les |le |la |l' ?|l’ ?)", re.IGNORECASE)

# The department finder is one alternation of a hundred names, tried at every position of the
# text; extraction asks it of every block of a dossier and of every figure's sentence, and the
# dossiers of a region repeat their paragraphs word for word: the answers are kept for the run,
# by text, as `fold`'s.
_SHARED_TEXTS = 8192


@lru_cache(maxsize=_SHARED_TEXTS)
def _departments_named(reference: Reference, folded: str) -> tuple[tuple[str, int, int], ...]:
    found = [(m.group(0), m.start(), m.end()) for m in reference._department_finder.finditer(folded)]
    if any(name in reference._in_region_names for name, _, _ in found):
        regions = [m.span() for m in reference._folded_region_finder.finditer(folded)]
        found = [(name, start, end) for name, start, end in found
                 if not any(r_start <= start and end <= r_end for r_start, r_end in regions)]
    return tuple((reference._departments[name], start, end) for name, start, end in found)




def _inflected(demonym: str) -> tuple[str, ...]:
    """A folded masculine singular adjective and its feminine and plural forms: "vosgien",
    "vosgienne", "vosgiens", "vosgiennes"; "tourangeau", "tourangelle", "tourangeaux". In a
    compound only the last word agrees, its first may too ("haut-marnais", "haute-marnaise")."""
    head, _, last = demonym.rpartition("-")
    if last.endswith("eau"):
        forms = [last, last + "x", last[:-2] + "lle", last[:-2] + "lles"]
    elif last.endswith(("en", "on")):
        forms = [last, last + "s", last + "ne", last + "nes"]
    elif last.endswith("s"):
        forms = [last, last + "e", last + "es"]
    elif last.endswith("e"):
        forms = [last, last + "s"]
    else:
        forms = [last, last + "s", last + "e", last + "es"]
    heads = [head + "-"] if head else [""]
    if head in ("haut", "bas"):
        heads.append(("haute" if head == "haut" else "basse") + "-")
    return tuple(h + f for h in heads for f in forms)


@lru_cache(maxsize=_SHARED_TEXTS)
def fold(text: str) -> str:
    """Lowercase, without accents, apostrophes unified, spaces collapsed: for name lookups."""
    plain = text.translate(_LATIN_FOLDED)
    if not plain.isascii():  # beyond the Latin letters of French: decompose them all
        decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(lower(plain).split())


def _decomposed(character: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))


# The accented Latin letters and the typographic apostrophe as `fold` decomposes them, in one
# translation: decomposing every character of every heading costs more than the rest of a lookup.
_LATIN_FOLDED = str.maketrans(
    {"’": "'", **{chr(c): _decomposed(chr(c)) for c in range(0xC0, 0x250) if _decomposed(chr(c)).isascii()}}
)


@lru_cache(maxsize=4)
def load_reference(path: Path) -> Reference:
    loaded = load_yaml(path)
    try:
        regions = tuple(
            Region(
                name=str(entry["name"]),
                aliases=tuple(str(a) for a in entry.get("aliases", ())),
                departments=tuple(str(d["name"]) for d in entry["departments"]),
                demonym=str(entry["demonym"]) if entry.get("demonym") else None,
            )
            for entry in loaded.data["regions"]
        )
        demonyms = {str(d["name"]): str(d["demonym"])
                    for entry in loaded.data["regions"] for d in entry["departments"] if d.get("demonym")}
        codes = {str(d["code"]).upper(): str(d["name"])
                 for entry in loaded.data["regions"] for d in entry["departments"] if d.get("code")}
    except (KeyError, TypeError, AttributeError) as error:
        raise ConfigError(str(path), None, f"regions: malformed reference data ({error})") from None
    return Reference(regions, demonyms, codes)
