"""Whose figure a sentence states, the region's or the department's (round 14).

The rules round 13 brought (r13-intro) and the one that keeps them from closing a department's
part: a heading worded as a title ("La Creuse, deux ans après") is the dossier's title on its
cover, so the regional introduction under it is the region's; past the cover, after the
region's figures, the same wording heads the department's part. In a department's part, a
sentence saying the whole region in the profile's words (`scopes.whole_region`) and naming no
department states the region's figure; "{n} réunions se sont tenues en région" counts the
region's meetings; the noun counted in the sentence before reaches a count further on in its
own sentence ("vingt-deux d'entre eux … et trente-six sont en cours")."""

from __future__ import annotations

from hypothesis import given, strategies as st

from cnr_lint.parse import parse_markdown
from test_other_hands import CONTEXT, dossier, findings

COVER = "# Dossier de presse\n\n## La Creuse, deux ans après\n\nGuéret, le 21 novembre 2024\n\n"

# The regional introduction under the cover's title, then the department's part, headed.
INTRODUCED = COVER + """\
Lancé le 3 octobre 2022, le CNR santé a réuni soignants, élus et usagers. Ce sont en tout \
cinquante-huit projets qui ont vu le jour. Au 31 octobre 2024, vingt-deux d'entre eux \
fonctionnent pleinement auprès des patients et trente-six sont en cours.

Trente et une réunions se sont tenues en région au cours du second cycle.

## La Creuse en action

Dans la Creuse, neuf réunions se sont tenues et 7 projets ont vu le jour : quatre sont réalisés \
et trois sont en cours.

Dans l'ensemble de la région, 2 400 participants ont pris part aux échanges.

À l'échelle régionale, quarante projets sont réalisés.

Dans la Creuse comme dans toute la région, 310 participants ont répondu présent.
"""


def _scopes(text: str, path: str = "creuse-2024.md") -> dict[tuple[str, int], float]:
    return {(f.name, f.span.line): f.low for f in dossier(text, path).figures}


def test_a_title_on_the_cover_leaves_the_introduction_under_it_the_regions():
    figures = _scopes(INTRODUCED)
    assert figures[("region.projects.emerged", 7)] == 58
    assert not any(name.startswith("department.") and line < 13 for name, line in figures)


def test_a_count_further_on_in_its_sentence_is_of_the_noun_counted_before():
    assert _scopes(INTRODUCED)[("region.projects.in_progress", 7)] == 36


def test_meetings_held_in_the_region_are_the_regions():
    assert _scopes(INTRODUCED)[("region.meetings", 9)] == 31


def test_the_whole_region_in_a_departments_part_is_the_regions():
    figures = _scopes(INTRODUCED)
    assert figures[("department.meetings", 13)] == 9  # the part is the department's
    assert figures[("region.participants", 15)] == 2400  # "Dans l'ensemble de la région"
    assert figures[("region.projects.realised", 17)] == 40  # "À l'échelle régionale"


def test_a_sentence_naming_the_department_stays_the_departments():
    figures = _scopes(INTRODUCED)
    assert figures[("department.participants", 19)] == 310
    assert ("region.participants", 19) not in figures


# The cover's title, the region's key figures, then the department's part under a heading
# worded as the title: its projects are the department's list, one without a status.
HEADED_AGAIN = """\
# Dossier de presse

## CNR santé dans la Creuse : 2 ans après

Guéret, le 21 novembre 2024

## Deux ans de CNR santé en Nouvelle-Aquitaine

- **214** réunions de concertation
- **58** projets issus de la concertation

## La Creuse, deux ans après

Neuf réunions se sont tenues dans le département. Au total, 3 projets concrets sont portés dans la Creuse.

### Une maison de santé à Aubusson

Elle accueille ses premiers patients depuis mars.

Réalisé

### Un bus de dépistage sur le plateau de Millevaches

Il passe dans douze communes chaque mois.

En cours

### Des internes logés à Guéret

Quatre studios sont réservés aux internes de médecine générale.
"""


def test_a_title_worded_heading_past_the_cover_opens_the_departments_part():
    found = dossier(HEADED_AGAIN, "creuse-2024.md")
    names = {(f.name, f.span.line) for f in found.figures}
    assert ("region.meetings", 9) in names
    assert ("department.meetings", 14) in names
    (projects,) = [listed for listed in found.lists if listed.name == "department.projects"]
    assert len(projects.entries) == 3
    assert ("CNR104", 28) in findings(HEADED_AGAIN, "creuse-2024.md")


_NOUVELLE_AQUITAINE = CONTEXT.reference.region("Nouvelle-Aquitaine").departments
_CAMPAIGNS = ("un an après", "deux ans après", "2 ans après", "trois ans après")


@given(st.sampled_from(_NOUVELLE_AQUITAINE), st.sampled_from(_CAMPAIGNS))
def test_the_title_worded_heading_is_the_cover_or_the_part(department, campaign):
    heading = f"## {department}, {campaign}\n\n"
    regional = "En Nouvelle-Aquitaine, 58 projets ont vu le jour.\n\n"
    own = "Neuf réunions se sont tenues dans le département.\n"
    on_cover = dossier("# Dossier de presse\n\n" + heading + regional + own, "dossier.md")
    assert on_cover.department == department  # the title under "Dossier de presse" names it
    assert [(f.name, f.department) for f in on_cover.figures] == [("region.projects.emerged", None)]
    past_cover = dossier("# Dossier de presse\n\n" + regional + heading + own, "dossier.md")
    assert [(f.name, f.department) for f in past_cover.figures] == [
        ("region.projects.emerged", None), ("department.meetings", department)]


# Google Docs exports Markdown with its punctuation escaped: "2\. La concertation en Creuse".
ESCAPED = """\
# **CNR santé : 2 ans après**

## 1\\. Le bilan en Nouvelle-Aquitaine

**58** projets issus de la concertation

## 2\\. La concertation en Creuse

En Creuse, 9 réunions se sont tenues et 310 participants y ont pris part \\- élus, soignants.
"""


def test_an_escaped_outline_number_is_a_headings_number():
    found = dossier(ESCAPED, "creuse-2024.md")
    assert [(f.name, f.department) for f in found.figures] == [
        ("region.projects.emerged", None), ("department.meetings", "Creuse"), ("department.participants", "Creuse")]


@given(st.sampled_from([chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum() and chr(c) not in "*_`<"]))
def test_a_backslash_escapes_any_ascii_punctuation_mark(mark):
    (block,) = parse_markdown((f"Au total \\{mark} 9 réunions",))
    assert block.text == f"Au total {mark} 9 réunions"
