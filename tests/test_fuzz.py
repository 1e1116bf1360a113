"""Fuzzing the pipeline with hypothesis: no input makes read, parse, extract or check raise.

Three levels:
- arbitrary bytes, as `.md` and as `.txt`, through read, parse and extract;
- Markdown-ish text assembled from the fragments dossiers are made of (headings, lists, status
  lines, figures in digits and words, French dates, qualifiers, tables, front matter, comments,
  page furniture), which reaches deep into extraction where random bytes never go; every figure
  and date found must point back at its own text in the file (DESIGN.md §2: "every position maps
  back to the original line and column");
- corpora of one to eight such dossiers sharing a few regions and campaigns, through the checks:
  the run completes and every finding points into the corpus, at a file that was named.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.models import Dossier
from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, dossier_from_bytes
from cnr_lint.read import Source, decode

CONTEXT = Context(load_packs())
SELECTION = engine.select_rules(CONTEXT, Config())

FUZZ = settings(
    max_examples=80,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the shared tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
SUFFIXES = st.sampled_from([".md", ".txt"])


# -- fragments of a dossier ----------------------------------------------------------------------

_CHARS = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs", "Cc"),
    include_characters="\n\r\t\f\xa0\u202f\u2009\u2028\u2029\x85\x0b\x1c\x1d\x1e*_`|<>#-~[]()!\\",
)
_noise = st.text(_CHARS, max_size=40)
_UNITS = ["quatre", "vingt-cinq", "quarante et un", "onze", "trente", "six", "cinq", "deux millions",
          "mille", "quatre-vingt-dix-neuf", "cent", "zéro", "un", "une", "soixante et onze"]


@st.composite
def _digits(draw) -> str:
    value = draw(st.one_of(st.integers(0, 100), st.integers(0, 10**9), st.integers(0, 10**40)))
    text = str(value)
    separator = draw(st.sampled_from(["", " ", "\xa0", "\u202f", "."]))
    if separator and len(text) > 3:
        head = len(text) % 3 or 3
        text = text[:head] + "".join(separator + text[i:i + 3] for i in range(head, len(text), 3))
    if draw(st.booleans()):
        text += "," + str(draw(st.integers(0, 999)))
    if draw(st.integers(0, 4)) == 0:
        text += " " + draw(st.sampled_from(["millions", "million", "milliards", "mille"]))
    return text


_number = st.one_of(_digits(), st.sampled_from(_UNITS))
_qualifier = st.sampled_from(["", "", "près de ", "plus de ", "moins de ", "environ ", "un peu plus de ",
                              "au moins ", "autour de ", "quelque ", "Plus de "])
_round = st.sampled_from(["une dizaine de", "une cinquantaine de", "une centaine de", "un millier de",
                          "une vingtaine d'"])
_FIGURE_TAILS = [
    "réunions de concertation", "projets réalisés", "projets en cours", "projets ont émergé",
    "participants", "d'euros", "euros", "départements", "réunions se sont tenues", "projets concrets",
    "grands défis identifiés :", "personnes", "projets ont été identifiés",
]
_WEEKDAYS = ["Lundi", "mardi", "Mercredi", "jeudi", "Vendredi", "samedi", "dimanche"]
_MONTHS = ["janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"]


@st.composite
def _date(draw) -> str:
    kind = draw(st.integers(0, 5))
    year = draw(st.one_of(st.integers(2019, 2026), st.integers(1800, 2200)))
    month = draw(st.sampled_from(_MONTHS))
    day = draw(st.one_of(st.integers(1, 31), st.integers(0, 99), st.just("1er")))
    if kind == 0:
        return f"{draw(st.sampled_from(_WEEKDAYS))} {day} {month} {year}"
    if kind == 1:
        return f"{draw(st.sampled_from(['au', 'le', 'dès le', 'depuis le']))} {day} {month} {year}"
    if kind == 2:
        return f"sur l'année {year}"
    if kind == 3:
        return f"{draw(st.sampled_from(['premier', 'deuxième', '3e', '4ème']))} trimestre {year}"
    if kind == 4:
        return f"{draw(st.sampled_from(['fin', 'début', 'mi-', 'printemps']))} {year}"
    return f"{day} {month}"  # no year: it comes from the context


@st.composite
def _figure_sentence(draw) -> str:
    number = draw(st.one_of(_qualifier.flatmap(lambda q: _number.map(lambda n: q + n)), _round))
    tail = draw(st.sampled_from(_FIGURE_TAILS))
    before = draw(st.sampled_from(["", "Au total, ", "En 2023, ", "Dans les Hautes-Alpes, ", "**", "*"]))
    after = draw(st.sampled_from(["", ".", " en région.", "**", " dont certains s'étaleront."]))
    date = draw(st.one_of(st.just(""), _date().map(lambda d: ", " + d)))
    return before + number + " " + tail + date + after


_DEPARTMENTS = ["Hautes-Alpes", "Bouches-du-Rhône", "Var", "Vaucluse", "Alpes-Maritimes",
                "Alpes-de-Haute-Provence", "Gironde", "Nord", "Corse-du-Sud", "Paris", "Atlantide"]
_heading = st.builds(
    lambda level, text: "#" * level + " " + text,
    st.integers(1, 7),
    st.one_of(
        st.sampled_from(_DEPARTMENTS).map(lambda d: f"CNR santé dans les {d} : 1 an après"),
        st.sampled_from(_DEPARTMENTS).map(lambda d: f"Dans les {d}"),
        st.sampled_from(["Et maintenant ?", "Projet 1", "DOSSIER DE PRESSE"]),
        _noise,
    ),
)
_status = st.sampled_from(["**EN COURS**", "PROJET RÉALISÉ", "EN COURS", "TERMINÉ", "**PROJET RÉALISÉ**",
                           "EN COURS DE DÉPLOIEMENT", "PROJET ABANDONNÉ", "_EN COURS_", "Titre — EN COURS"])
_list_item = st.builds(
    lambda indent, marker, text: " " * indent + marker + " " + text,
    st.integers(0, 8),
    st.sampled_from(["-", "*", "+", "1.", "2)", "•", "–"]),
    st.one_of(_noise, _figure_sentence(), _status),
)
_table = st.builds(
    lambda rows: "| Département | Réunions | Projets | Projets réalisés |\n|---|---|---:|:--|\n"
    + "\n".join(f"| {d} | {a} | {b} | {c} |" for d, a, b, c in rows),
    st.lists(st.tuples(st.sampled_from(_DEPARTMENTS + ["", "Total"]), _number, _number, _noise), max_size=5),
)
_front_matter = st.builds(
    lambda region, campaign, extra: f"---\nregion: {region}\ncampaign: {campaign}\n{extra}---",
    st.sampled_from(["Provence-Alpes-Côte d'Azur", "Occitanie", "Bretagne", "'[broken", "null", "12"]),
    st.sampled_from(["1 an après 2023", "2 ans après 2024", "1 an après", "", "[x, y]"]),
    st.sampled_from(["", "published: 2023-11-08\n", "as_of: 8 novembre 2023\n", "department: Var\n",
                     "as_of: 2023-13-45\n", "published: [a]\n"]),
)
_furniture = st.sampled_from(["\f", "Page 3 / 12", "- 4 -", "ARS Paca\f", "dé-\nploiement", "12",
                              "<!-- cnr-lint: disable-next-line CNR101 -->", "<!-- cnr-lint: disable CNR201 -->",
                              "<!--", "-->", "```", "~~~", "> citation", "***", "---", "    code indenté"])
_fragment = st.one_of(
    _heading, _list_item, _status, _figure_sentence(), _date(), _table, _furniture, _noise,
    st.lists(_figure_sentence(), min_size=1, max_size=4).map(" ".join),
)
_separator = st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", " ", "\n\f\n"])


@st.composite
def _department_part(draw) -> str:
    """A department's part: its meetings, the challenges list, the projects and their statuses."""
    department = draw(st.sampled_from(_DEPARTMENTS))
    lines = [draw(st.sampled_from(["## ", "### ", "", "**"])) + f"Dans les {department}", ""]
    lines.append(f"Dans les {department}, {draw(_number)} réunions se sont tenues pour relever "
                 f"{draw(_number)} grands défis identifiés :")
    lines += [f"{draw(st.sampled_from(['-', '*', '1.']))} {draw(_noise)}" for _ in range(draw(st.integers(0, 6)))]
    lines += ["", f"Ces discussions ont permis de faire émerger {draw(_number)} projets concrets :", ""]
    for _ in range(draw(st.integers(0, 6))):
        title = draw(st.one_of(_noise, st.sampled_from(["Marseille : créer un projet.", "Développer une offre."])))
        lines += [draw(st.sampled_from(["### ", "**", "", "- "])) + title, "", draw(_noise), ""]
        lines += [draw(_status) for _ in range(draw(st.integers(0, 2)))] + [""]
    if draw(st.booleans()):
        lines.append("## Et maintenant ?")
    return "\n".join(lines)


@st.composite
def _regional_part(draw) -> str:
    department = draw(st.sampled_from(_DEPARTMENTS))
    sentences = [f"# CNR santé dans les {department} : {draw(st.sampled_from(['1 an', '2 ans', 'un an']))} après"]
    sentences += draw(st.lists(_figure_sentence(), max_size=8))
    sentences.append(f"Plus d'un an après, {draw(_date())}, le bilan comptabilise {draw(_number)} projets réalisés "
                     f"et {draw(_number)} projets en cours.")
    return "\n\n".join(sentences)


@st.composite
def dossier_text(draw, front_matter: bool | None = None) -> str:
    parts = draw(st.lists(_fragment, max_size=25))
    if draw(st.booleans()):  # the shape of a real dossier, with noise around and inside it
        parts = [draw(_regional_part())] + parts[: len(parts) // 2] + [draw(_department_part())] + parts[len(parts) // 2:]
    text = ""
    for part in parts:
        text += part + draw(_separator)
    if front_matter or (front_matter is None and draw(st.booleans())):
        text = draw(_front_matter) + "\n" + text
    return text


@st.composite
def dossier_bytes(draw, front_matter: bool | None = None) -> bytes:
    text = draw(dossier_text(front_matter))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-bom", "cp1252"]))
    if encoding == "cp1252":
        return text.encode("cp1252", "replace")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if encoding == "utf-8-bom" else data


# -- properties ----------------------------------------------------------------------------------


def _check_positions(dossier: Dossier, source: Source) -> None:
    """Each figure and date points, by line and column, at the first character of its text."""
    lines = source.lines
    places = [(f.text, f.span) for f in dossier.figures] + [(d.text, d.span) for d in dossier.dates]
    for text, span in places:
        assert 1 <= span.line <= len(lines), (text, span, len(lines))
        line = lines[span.line - 1]
        assert 1 <= span.column <= len(line), (text, span, line)
        assert line[span.column - 1].lower() == text[0].lower(), (text, span, line)


@FUZZ
@given(data=st.binary(max_size=4096), suffix=SUFFIXES)
def test_arbitrary_bytes_never_raise(data, suffix):
    dossier = dossier_from_bytes(data, "fuzz" + suffix, CONTEXT)
    assert isinstance(dossier, Dossier) and dossier.path == "fuzz" + suffix


@FUZZ
@given(
    data=st.one_of(
        dossier_bytes(),
        dossier_bytes().flatmap(  # a dossier with some bytes flipped or cut
            lambda b: st.tuples(st.integers(0, max(len(b), 1)), st.binary(min_size=1, max_size=8)).map(
                lambda edit: b[: edit[0]] + edit[1] + b[edit[0] + len(edit[1]):]
            )
        ),
    ),
    suffix=SUFFIXES,
)
def test_damaged_dossier_bytes_never_raise(data, suffix):
    dossier = dossier_from_bytes(data, "fuzz" + suffix, CONTEXT)
    assert isinstance(dossier, Dossier) and dossier.path == "fuzz" + suffix


@FUZZ
@given(data=dossier_bytes(), suffix=SUFFIXES)
def test_markdownish_text_yields_a_dossier_whose_places_point_at_its_text(data, suffix):
    path = "fuzz" + suffix
    dossier = dossier_from_bytes(data, path, CONTEXT)
    assert isinstance(dossier, Dossier) and dossier.path == path
    source = decode(data, path)
    if isinstance(source, Source):
        assert dossier.readable
        _check_positions(dossier, source)
        for figure in dossier.figures:
            assert figure.high is None or figure.low <= figure.high, figure


@st.composite
def corpus(draw) -> list[tuple[str, bytes]]:
    count = draw(st.integers(1, 8))
    files = []
    for index in range(count):
        suffix = draw(SUFFIXES)
        kind = draw(st.integers(0, 9))
        if kind == 0:
            data = draw(st.binary(max_size=256))  # now and then a file that is not a dossier at all
        else:
            data = draw(dossier_bytes(front_matter=kind > 2))
        files.append((f"d{index}{suffix}", data))
    return files


@FUZZ
@given(files=corpus(), named_mask=st.lists(st.booleans(), min_size=8, max_size=8))
def test_corpus_check_completes_and_every_finding_points_into_the_corpus(files, named_mask):
    dossiers = [dossier_from_bytes(data, path, CONTEXT) for path, data in files]
    paths = {path for path, _ in files}
    named = {path for (path, _), keep in zip(files, named_mask) if keep} or {files[0][0]}
    findings = engine.check(dossiers, named, CONTEXT, SELECTION)
    for finding in findings:
        assert finding.location.path in paths, finding
        assert all(place.path in paths for place in finding.related), finding
        assert finding.location.path in named or any(p.path in named for p in finding.related), finding
    # everything named is checked: an unreadable named file is reported, nothing is left silent
    for dossier in dossiers:
        if dossier.path in named and not dossier.readable and "CNR001" in {r.code for r in SELECTION.rules}:
            assert any(f.code == "CNR001" and f.location.path == dossier.path for f in findings), dossier
