"""Layouts of dossiers written by other hands: department parts headed in any words, project
entries as headings, bold lines, list items, table rows or indented pdftotext items, statuses
written in any case and place, enumerations inside a sentence, summary tables with freely
worded headers and a Total row, and tables laid out in plain text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pack import load_packs
from cnr_lint.parse import parse_text
from cnr_lint.pipeline import Context, dossier_from_bytes
from cnr_lint.reference import fold

CONTEXT = Context(load_packs(()))
SETTINGS = settings(max_examples=60, deadline=None, database=None)


def dossier(text: str, path: str = "dossier.md"):
    return dossier_from_bytes(text.encode("utf-8"), path, CONTEXT)


def findings(text: str, path: str = "dossier.md") -> list[tuple[str, int]]:
    """The (code, line) of every finding on the dossier alone, CNR002 aside."""
    selection = engine.select_rules(CONTEXT, Config())
    found = engine.check([dossier(text, path)], {path}, CONTEXT, selection)
    return sorted((f.code, f.location.span.line) for f in found if f.code != "CNR002")


def projects(text: str, path: str = "dossier.md"):
    lists = [entry_list for entry_list in dossier(text, path).lists if entry_list.name == "department.projects"]
    assert len(lists) == 1, lists
    return lists[0]


def statuses(text: str, path: str = "dossier.md") -> list[str | None]:
    return [entry.status for entry in projects(text, path).entries]


REGIONAL = "En Bretagne, 18 réunions de concertation se sont tenues et 34 projets ont émergé.\n\n"


# -- department parts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "department"),
    [
        ("## Le Finistère", "Finistère"),
        ("## Zoom sur le Morbihan", "Morbihan"),
        ("### Dans le département d'Ille-et-Vilaine", "Ille-et-Vilaine"),
        ("## L'Ille-et-Vilaine en actions", "Ille-et-Vilaine"),
        ("## EN CÔTES-D'ARMOR", "Côtes-d'Armor"),
        ("**Focus : le Finistère**", "Finistère"),
    ],
)
def test_a_heading_naming_a_department_of_the_region_opens_its_part(heading, department):
    found = dossier(f"# CNR santé en Bretagne : 1 an après\n\n{REGIONAL}{heading}\n\n5 réunions se sont tenues.\n")
    meetings = found.figures_named("department.meetings")
    assert [(f.low, f.department) for f in meetings] == [(5, department)]
    assert found.region == "Bretagne"


@pytest.mark.parametrize(
    "heading",
    [
        # a project's title that names the department: too many other words
        "### Organiser des actions de prévention bucco-dentaire dans les écoles du Finistère",
        # a sentence, not a heading
        "Dans le Finistère, cinq réunions ont eu lieu.",
        # a department of another region
        "## Le Calvados",
        # two departments
        "## Le Finistère et le Morbihan",
    ],
)
def test_a_heading_that_is_no_department_part_opens_none(heading):
    found = dossier(f"# CNR santé en Bretagne : 1 an après\n\n{REGIONAL}{heading}\n\n5 réunions se sont tenues.\n")
    assert found.figures_named("department.meetings") == ()


def test_a_title_cut_in_two_blocks_opens_no_part():
    text = "CNR santé dans le Calvados :\n\n1 an après\n\nEn Normandie, 27 réunions de concertation se sont tenues.\n"
    assert [(f.name, f.low) for f in dossier(text, "calvados.txt").figures] == [("region.meetings", 27)]


def test_a_plain_text_heading_line_opens_the_part_and_the_title_does_not():
    text = (
        "CNR santé dans le Calvados :\n1 an après\n\nEn Normandie, 27 réunions de concertation se sont tenues.\n\n"
        "   Dans le département du Calvados\n\n   Dans le Calvados, 6 réunions de concertation se sont tenues.\n"
    )
    found = dossier(text, "calvados.txt")
    assert found.department == "Calvados"
    assert [(f.name, f.low) for f in found.figures] == [("region.meetings", 27), ("department.meetings", 6)]


# -- statuses ------------------------------------------------------------------------------------

TITLE = "# CNR santé dans le Finistère : 1 an après\n\n" + REGIONAL + "## Le Finistère\n\n"


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("EN COURS", "in_progress"),
        ("En cours", "in_progress"),
        ("en cours de déploiement", "in_progress"),
        ("✅ Réalisé", "realised"),
        ("🔄 En cours de déploiement", "in_progress"),
        ("Réalisé ✔", "realised"),
        ("[TERMINÉ]", "realised"),
        ("**Statut :** réalisé", "realised"),
        ("Statut : en cours (livraison en 2024)", "in_progress"),
        ("État d'avancement : achevé", "realised"),
        ("RÉALISÉ (premières tournées en avril 2024)", "realised"),
        ("Réalisé en 2023", "realised"),
        ("En cours depuis mars 2024", "in_progress"),
        ("✅", "realised"),
        ("⏳", "in_progress"),
        ("Opérationnel", "realised"),
        ("En préparation", "in_progress"),
    ],
)
def test_a_status_on_its_own_line_in_any_case_and_marks(written, status):
    text = TITLE + f"Deux projets concrets ont vu le jour.\n\n### Brest : un centre\n\nTexte.\n\n{written}\n\n### Quimper : une CPTS\n\nEN COURS\n"
    assert statuses(text) == [status, "in_progress"]


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("Brest : ouvrir un centre de soins — EN COURS", "in_progress"),
        ("Brest : ouvrir un centre de soins - réalisé", "realised"),
        ("Brest : ouvrir un centre de soins : Réalisé ✅", "realised"),
        ("Brest : ouvrir un centre de soins (en cours)", "in_progress"),
        ("Ouvrir un centre de soins à Brest. Statut : réalisé.", "realised"),
        ("RÉALISÉ — Brest : ouvrir un centre de soins", "realised"),
        ("[En cours] Brest : ouvrir un centre de soins", "in_progress"),
        ("✅ Réalisé : Brest : ouvrir un centre de soins", "realised"),
        ("✅ Brest : ouvrir un centre de soins", "realised"),
        ("Brest : ouvrir un centre de soins 🔄", "in_progress"),
    ],
)
def test_a_status_at_the_end_of_the_title_line(line, status):
    text = TITLE + f"Deux projets concrets ont vu le jour.\n\n1. {line}\n2. Quimper : une CPTS — EN COURS\n"
    entries = projects(text).entries
    assert [e.status for e in entries] == [status, "in_progress"]
    assert entries[0].title.startswith(("Brest : ouvrir un centre de soins", "Ouvrir un centre de soins à Brest"))
    assert "cours" not in entries[0].title.lower() and "réalisé" not in entries[0].title.lower()


def test_a_labelled_status_not_understood_is_no_finding():
    # shown by `facts --unmatched` (tests/test_statuses.py), never a warning
    text = TITLE + "Deux projets concrets ont vu le jour.\n\n1. Brest — Statut : abandonné\n2. Quimper — Statut : en cours\n"
    entry_list = projects(text)
    assert [(e.statuses, e.status, e.understood) for e in entry_list.entries] == [
        (("abandonné",), None, False), (("en cours",), "in_progress", True)]
    assert findings(text) == []


def test_a_title_line_that_ends_in_capitals_inside_a_block_is_not_a_status():
    # Inside a block, only a word of the vocabulary ends a title: "CHU DE CAEN" is text.
    text = (
        "CNR santé dans le Calvados : 1 an après\n\n   Dans le Calvados\n\n"
        "   De ces échanges sont nés 2 projets concrets :\n\n"
        "      1.  Caen : une consultation portée par le CHU DE CAEN\n"
        "          avec la faculté – EN COURS\n"
        "      2.  Lisieux : un centre de soins – RÉALISÉ\n"
    )
    entries = projects(text, "calvados.txt").entries
    assert [(e.title, e.status) for e in entries] == [
        ("Caen : une consultation portée par le CHU DE CAEN avec la faculté", "in_progress"),
        ("Lisieux : un centre de soins", "realised"),
    ]


# -- entries -------------------------------------------------------------------------------------


def test_entries_as_headings_of_any_level_with_emoji_statuses():
    text = TITLE + "Trois projets concrets ont vu le jour.\n\n" + "".join(
        f"#### Projet {n}\n\nDescription {n}.\n\n{mark}\n\n" for n, mark in ((1, "✅ Réalisé"), (2, "⏳ En cours"), (3, "🔄 En cours de déploiement"))
    ) + "## Et maintenant ?\n\nLa suite.\n"
    assert statuses(text) == ["realised", "in_progress", "in_progress"]
    assert findings(text) == []


def test_entries_as_items_end_with_their_list():
    text = TITLE + (
        "Deux projets concrets ont été retenus.\n\n"
        "1. **Brest – Centre de soins** ouvert le soir. — Statut : réalisé\n"
        "2. **Quimper – CPTS** en création. — Statut : en cours\n\n"
        "Ces projets s'ajoutent aux investissements du Ségur.\n\n## Et demain ?\n\nLa suite.\n"
    )
    assert [(e.title, e.status) for e in projects(text).entries] == [
        ("Brest – Centre de soins ouvert le soir.", "realised"),
        ("Quimper – CPTS en création.", "in_progress"),
    ]
    assert findings(text) == []


def test_items_whose_description_and_status_are_indented_below():
    text = TITLE + (
        "Trois projets concrets ont été retenus.\n\n"
        "1. **Maison médicale de garde**\n   Ouverte le soir.\n   Statut : réalisé\n\n"
        "2. **Médicobus**\n   Un cabinet itinérant.\n   Statut : en cours\n\n"
        "3. **Dépistage**\n   - dans les écoles ;\n   - dans les mairies.\n\n   EN COURS\n"
    )
    assert statuses(text) == ["realised", "in_progress", "in_progress"]


def test_entries_as_rows_of_a_projects_table():
    text = TITLE + (
        "Trois projets concrets ont été retenus.\n\n"
        "| Projet | Territoire | Statut |\n|---|---|---|\n"
        "| Maison médicale de garde | Brest | Réalisé |\n"
        "| Médicobus | Centre-Finistère | En cours |\n"
        "| Camion de mammographie | Quimper | |\n\n"
        "Ces projets seront présentés.\n"
    )
    entry_list = projects(text)
    assert [(e.title, e.status, e.span.line) for e in entry_list.entries] == [
        ("Maison médicale de garde", "realised", 11),
        ("Médicobus", "in_progress", 12),
        ("Camion de mammographie", None, 13),
    ]
    assert findings(text) == [("CNR104", 13)]


def test_pdftotext_layout_items_with_wrapped_titles_and_status_lines():
    text = (
        "CNR santé dans l'Eure : 2 ans après\n\n   Dans l'Eure\n\n"
        "   Trois projets concrets sont accompagnés par l'ARS :\n\n"
        "      1.  Évreux : une équipe de médiation en santé pour les quartiers de la Madeleine\n"
        "          et de Nétreville\n"
        "          RÉALISÉ\n"
        "      2.  Vernon : un centre de santé\n"
        "          – PROJET RÉALISÉ\n"
        "          Le centre fonctionne depuis le 2 mai 2023.\n"
        "      3.  Bernay : des consultations avancées\n"
        "          – EN COURS (ouverture en 2025)\n\n"
        "   Et maintenant ?\n\n   La suite.\n"
    )
    entries = projects(text, "eure.txt").entries
    assert [(e.title, e.status, e.span.line) for e in entries] == [
        ("Évreux : une équipe de médiation en santé pour les quartiers de la Madeleine et de Nétreville", "realised", 7),
        ("Vernon : un centre de santé", "realised", 10),
        ("Bernay : des consultations avancées", "in_progress", 13),
    ]


def test_a_list_that_states_no_status_gives_no_status_finding():
    text = TITLE + "Deux projets concrets ont été retenus :\n\n- un centre de soins à Brest ;\n- une CPTS à Quimper.\n"
    assert statuses(text) == [None, None]
    assert findings(text) == []


def test_headings_without_statuses_are_not_taken_for_entries():
    # The layout does not tell projects from other headings: extract nothing, check nothing.
    text = TITLE + "Trois projets concrets ont été retenus.\n\n### Un territoire engagé\n\nTexte.\n\n### Des partenaires\n\nTexte.\n"
    entry_list = projects(text)
    assert (entry_list.understood, entry_list.entries) == (False, ())
    assert findings(text) == []


def test_a_count_that_no_list_follows_is_a_mention():
    text = TITLE + "Les participants ont travaillé sur quatre grands défis, présentés en annexe.\n"
    (challenges,) = dossier(text).lists
    assert (challenges.stated, challenges.understood) == (4, False)
    assert findings(text) == []


# -- enumerations in one sentence ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        ("trois défis : l'accès à un médecin, la permanence des soins et la prévention.",
         ["l'accès à un médecin", "la permanence des soins", "la prévention"]),
        # an item holds "et": the writer puts a comma before the last "et"
        ("trois défis : l'accès à un médecin, la permanence des soins et l'accès aux urgences, et l'attractivité.",
         ["l'accès à un médecin", "la permanence des soins et l'accès aux urgences", "l'attractivité"]),
        ("quatre défis : l'accès, la continuité sur les îles et le littoral, la prévention et la santé mentale.",
         ["l'accès", "la continuité sur les îles et le littoral", "la prévention", "la santé mentale"]),
        ("deux défis : l'accès à un médecin, y compris la nuit ; la prévention, dès l'école.",
         ["l'accès à un médecin, y compris la nuit", "la prévention, dès l'école"]),
    ],
)
def test_an_inline_enumeration_counts_as_the_list(sentence, items):
    text = TITLE + f"Les participants ont retenu {sentence} Ces défis guident l'action.\n"
    (challenges,) = dossier(text).lists
    assert [e.title for e in challenges.entries] == items
    assert challenges.understood


def test_an_inline_enumeration_whose_items_cannot_be_told_apart_is_not_counted():
    text = TITLE + "Les participants ont retenu trois défis : l'accès et la permanence et la prévention des chutes et des addictions.\n"
    (challenges,) = dossier(text).lists
    assert (challenges.entries, challenges.understood) == ((), False)
    assert findings(text) == []


def test_an_inline_enumeration_of_another_number_is_cnr103():
    text = TITLE + "Les échanges ont confirmé trois défis : l'accès, la continuité, la prévention et la santé mentale.\n"
    assert findings(text) == [("CNR103", 7)]


_ITEM = st.text(alphabet="abcdéèfgilmnoprstuvz'", min_size=2, max_size=12).filter(lambda w: w.strip("'") and w != "et")


@SETTINGS
@given(st.lists(st.lists(_ITEM, min_size=1, max_size=4).map(" ".join), min_size=2, max_size=7))
def test_a_french_enumeration_gives_its_items(items):
    sentence = ", ".join(items[:-1]) + " et " + items[-1]
    text = TITLE + f"Les participants ont retenu {len(items)} défis : {sentence}. Ces défis guident l'action.\n"
    (challenges,) = dossier(text).lists
    assert [e.title for e in challenges.entries] == items


# -- summary tables ------------------------------------------------------------------------------

SUMMARY = "# CNR santé en Bretagne : 1 an après\n\n" + REGIONAL


def test_a_summary_table_with_free_headers_gives_department_figures():
    text = SUMMARY + (
        "| Territoire | Nombre de réunions | Défis identifiés | Projets concrets | dont réalisés | dont en cours |\n"
        "|---|---|---|---|---|---|\n"
        "| Côtes-d'Armor | 4 | 4 | 8 | 3 | 5 |\n"
        "| Finistère | 5 | 3 | 9 | 4 | 5 |\n"
        "| **Total Bretagne** | **9** | — | **17** | **7** | **10** |\n"
    )
    found = dossier(text)
    figures = sorted((f.department, f.name, f.low) for f in found.figures if f.scope == "department")
    assert figures == [
        ("Côtes-d'Armor", "department.challenges", 4), ("Côtes-d'Armor", "department.meetings", 4),
        ("Côtes-d'Armor", "department.projects", 8), ("Côtes-d'Armor", "department.projects.in_progress", 5),
        ("Côtes-d'Armor", "department.projects.realised", 3),
        ("Finistère", "department.challenges", 3), ("Finistère", "department.meetings", 5),
        ("Finistère", "department.projects", 9), ("Finistère", "department.projects.in_progress", 5),
        ("Finistère", "department.projects.realised", 4),
    ]
    # the dash is not totalled; every other column is right
    assert sorted((t.column, t.total, t.parts) for t in found.totals) == [
        ("Nombre de réunions", 9, (4, 5)), ("Projets concrets", 17, (8, 9)),
        ("dont en cours", 10, (5, 5)), ("dont réalisés", 7, (3, 4)),
    ]
    assert findings(text) == []


def test_a_total_row_that_is_not_the_sum_of_its_rows_is_cnr108():
    text = SUMMARY + (
        "| Département | Réunions | Crédits ARS (k€) |\n|---|---|---|\n"
        "| Finistère | 5 | 1 100 |\n| Morbihan | 4 | 480 |\n| Dimension régionale | 1 | 240 |\n"
        "| Total | 10 | 1 800 |\n"
    )
    assert findings(text) == [("CNR108", 10)]
    (total,) = [t for t in dossier(text).totals if t.column.startswith("Crédits")]
    assert (total.total, total.parts, total.text, total.span.line) == (1800, (1100, 480, 240), "1 800", 10)


@pytest.mark.parametrize(
    "table",
    [
        # no department column: a key-figures table's "Total" row is a label
        "| Indicateur | Valeur |\n|---|---|\n| Réunions | 18 |\n| Participants | 1 200 |\n| Total des projets | 34 |\n",
        # an approximate cell: the column is not totalled
        "| Département | Participants |\n|---|---|\n| Finistère | près de 300 |\n| Morbihan | 250 |\n| Total | 600 |\n",
        # only one department row
        "| Département | Réunions |\n|---|---|\n| Finistère | 5 |\n| Total | 6 |\n",
        # a subtotal above the Total: what adds up to what is not told
        "| Département | Réunions |\n|---|---|\n| Finistère | 5 |\n| Morbihan | 4 |\n| Sous-total | 9 |\n"
        "| Dimension régionale | 1 |\n| Total | 10 |\n",
    ],
)
def test_totals_that_cannot_be_checked_are_not(table):
    assert findings(SUMMARY + table) == []


# -- tables laid out in plain text ---------------------------------------------------------------


def test_a_pdftotext_table_and_dot_leaders_are_rows():
    lines = (
        "   Les chiffres clés",
        "",
        "      Réunions de concertation ........................ 27",
        "      Participants ............................ près de 1 400",
        "",
        "      Département            Participants        Projets",
        "",
        "      Calvados                        520             13",
        "      Seine-Maritime                  560             16",
        "",
        "      Total Normandie               1 080             29",
        "",
        "   Un paragraphe de texte justifié    qui n'est pas un tableau et court sur toute la ligne,",
        "   puis une seconde ligne justifiée    de la même façon, jusqu'au bout de la ligne.",
    )
    blocks = parse_text(lines)
    rows = [(b.line, b.cell_texts()) for b in blocks if b.kind == "row"]
    assert rows == [
        (3, ("Réunions de concertation", "27")),
        (4, ("Participants", "près de 1 400")),
        (6, ("Département", "Participants", "Projets")),
        (8, ("Calvados", "520", "13")),
        (9, ("Seine-Maritime", "560", "16")),
        (11, ("Total Normandie", "1 080", "29")),
    ]
    assert [b.kind for b in blocks if b.line >= 13] == ["paragraph"]


_CELL = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=10)


@SETTINGS
@given(
    st.integers(2, 4).flatmap(
        lambda columns: st.tuples(
            st.lists(st.tuples(_CELL, st.lists(st.integers(0, 99_999), min_size=columns - 1, max_size=columns - 1)),
                     min_size=2, max_size=6),
            st.lists(st.integers(3, 8), min_size=columns - 1, max_size=columns - 1),
        )
    )
)
def test_a_text_table_of_any_widths_gives_its_cells(table):
    rows, gaps = table
    first_width = max(len(label) for label, _ in rows)
    widths = [max(len(str(values[i])) for _, values in rows) for i in range(len(gaps))]
    lines = []
    for label, values in rows:
        line = "   " + label.ljust(first_width)
        for gap, width, value in zip(gaps, widths, values):
            line += " " * gap + str(value).rjust(width)
        lines.append(line)
    blocks = parse_text(tuple(lines))
    assert [b.cell_texts() for b in blocks] == [(label, *map(str, values)) for label, values in rows]


def test_title_lines_with_their_statuses_in_one_paragraph_under_grouping_headings():
    text = TITLE + (
        "Au total, 4 projets concrets ont vu le jour.\n\n"
        "### Brest et sa métropole\n\n"
        "**Le service d'accès aux soins** — réalisé\n"
        "**Des consultations le samedi** — en cours (ouverture en 2025)\n\n"
        "### Cornouaille\n\n"
        "**Une maison des internes** — réalisé\n"
        "**Un cabinet mobile** — en cours\n\n"
        "## La parole à…\n\nUn témoignage.\n"
    )
    entries = projects(text).entries
    assert [(e.title, e.status, e.span.line) for e in entries] == [
        ("Le service d'accès aux soins", "realised", 11),
        ("Des consultations le samedi", "in_progress", 12),
        ("Une maison des internes", "realised", 16),
        ("Un cabinet mobile", "in_progress", 17),
    ]
    assert findings(text) == []


def test_lead_in_lines_between_items_belong_to_the_list():
    text = TITLE + (
        "En tout, 3 projets concrets sont accompagnés.\n\n"
        "Issus du premier cycle :\n\n- Un centre de soins : réalisé\n- Un bus de prévention : en cours\n\n"
        "Issus du second cycle :\n\n- Une antenne de la Maison des adolescents : en cours\n\n"
        "Ces projets seront suivis.\n"
    )
    assert [(e.title, e.status) for e in projects(text).entries] == [
        ("Un centre de soins", "realised"), ("Un bus de prévention", "in_progress"),
        ("Une antenne de la Maison des adolescents", "in_progress"),
    ]


def test_bold_line_entries_end_at_the_next_heading():
    text = TITLE + (
        "Deux projets concrets ont vu le jour.\n\n"
        "**Un centre à Brest** — en cours\nUne description.\n\n"
        "**Une CPTS à Quimper** — réalisé\nUne autre.\n\n"
        "## Et la suite ?\n\nLe CNR santé continue.\n"
    )
    assert statuses(text) == ["in_progress", "realised"]
    assert findings(text) == []


def test_a_column_of_amounts_with_their_unit_is_totalled():
    text = SUMMARY + (
        "| Territoire | Crédits engagés |\n|---|---|\n"
        "| Finistère | 1 180 000 € |\n| Morbihan | 860 000 € |\n| Actions régionales | 480 000 € |\n"
        "| **Total** | **2 600 000 €** |\n"
    )
    assert findings(text) == [("CNR108", 10)]
    mixed = text.replace("480 000 €", "0,48 M€").replace("2 600 000 €", "2 520 000 €")
    assert findings(mixed) == []  # units differ: not totalled


@SETTINGS
@given(st.text(alphabet="abcdefghij✅🔄⏳[]()*_ .-", max_size=6), st.sampled_from(["réalisé", "EN COURS", "En cours de déploiement", "Terminé"]), st.text(alphabet="✅✔⏳ .*_[]", max_size=4))
def test_any_marks_around_a_status_word_leave_it_recognised(before, word, after):
    from cnr_lint.extract import _status_of

    marks = "".join(c for c in before if not c.isalpha())
    assert _status_of(f"{marks}{word}{after}", CONTEXT.profile) == word


@SETTINGS
@given(st.text(max_size=20))
def test_fold_is_the_decomposition_without_its_marks(text):
    import unicodedata

    from cnr_lint.folding import lower

    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    assert fold(text) == " ".join(lower(bare).split())


@pytest.mark.parametrize("path", ["sarthe.txt", "sarthe.md"])
def test_numbered_titles_with_their_description_and_status_flush_left(path):
    text = (
        "CNR santé dans la Sarthe : 1 an après\n\nEn Pays de la Loire, 27 réunions de concertation se sont tenues.\n\n"
        "LA SARTHE\n\nDans la Sarthe, 8 réunions se sont tenues. Trois projets concrets ont vu le jour.\n\n"
        "1. Un centre de santé à Saint-Calais\n\nDes médecins salariés y consultent.\n\nStatut : Réalisé\n\n"
        "2. Une régulation renforcée au SAMU 72\n\nStatut : En cours\n\nUne précision.\n\n"
        "3. Un cabinet secondaire à Mamers\n\nStatut : en cours\n\nCes projets seront suivis.\n"
    )
    entries = projects(text, path).entries
    assert [(e.title, e.status, e.span.line) for e in entries] == [
        ("Un centre de santé à Saint-Calais", "realised", 9),
        ("Une régulation renforcée au SAMU 72", "in_progress", 15),
        ("Un cabinet secondaire à Mamers", "in_progress", 21),
    ]
    assert findings(text, path) == []


@pytest.mark.parametrize("written", ["Terminé en partie", "Réalisé à 80 % en 2023", "PROJET TERMINÉ EN PARTIE"])
def test_a_status_word_whose_sense_the_rest_may_change_is_not_taken_for_it(written):
    from cnr_lint.extract import _status_of

    status = _status_of(written, CONTEXT.profile)
    assert status is None or CONTEXT.profile.statuses.value(status) is None


def test_department_cells_with_their_code_and_a_text_table_without_its_header():
    text = SUMMARY + (
        "| Territoire | Réunions |\n|---|---|\n| Finistère (29) | 5 |\n| 56 – Morbihan | 4 |\n| Total | 9 |\n"
    )
    assert sorted((f.department, f.low) for f in dossier(text).figures_named("department.meetings")) == [
        ("Finistère", 5), ("Morbihan", 4),
    ]
    # a text table whose header was cut over two lines: the second line is no row; the columns
    # its header names are read ("Partici-" names none), and the Total row is checked
    lines = (
        "CNR santé en Normandie : 2 ans après", "", "   Département        Partici-       Projets", "                      pants",
        "", "      Calvados             520          13", "      Eure                 410          11",
        "      Manche               460          13", "", "      Total              1 390          38",
    )
    found = dossier("\n".join(lines), "normandie.txt")
    assert [(f.name, f.department, f.low) for f in found.figures if f.scope == "department"] == [
        ("department.projects", "Calvados", 13), ("department.projects", "Eure", 11), ("department.projects", "Manche", 13)]
    assert [(t.column, t.total, t.parts) for t in found.totals] == [
        ("Partici-", 1390, (520, 410, 460)), ("Projets", 38, (13, 11, 13))]


def test_the_builtin_profile_keeps_its_keyword_prefilter():
    # Every figure and stated-count pattern starts with literal words after {n}: blocks without
    # any of them are never scanned for numbers (an optional group there would turn this off).
    assert CONTEXT.profile.figure_words is not None and CONTEXT.profile.any_follower is not None


def test_a_department_dossier_without_a_heading_for_its_part():
    text = (
        "# CNR santé dans la Manche : 1 an après\n\nEn Normandie, 27 réunions de concertation se sont tenues.\n\n"
        "Dans la Manche, 6 réunions se sont tenues. Elles ont fait émerger 2 projets concrets :\n\n"
        "- Saint-Lô : une maison médicale de garde — réalisé\n- Coutances : des consultations avancées — en cours\n"
    )
    found = dossier(text)
    assert [(f.name, f.low, f.department) for f in found.figures] == [
        ("region.meetings", 27, None), ("department.meetings", 6, "Manche"),
    ]
    assert [e.status for e in projects(text).entries] == ["realised", "in_progress"]


def test_a_text_table_of_projects_without_a_header():
    text = (
        "CNR santé dans le Calvados : 1 an après\n\n   Dans le Calvados\n\n"
        "   De ces échanges sont nés 3 projets concrets :\n\n"
        "      Lisieux : un centre de soins non programmés          RÉALISÉ\n"
        "      Bessin : un bus de prévention itinérant              EN COURS\n"
        "      Caen : des médiateurs en santé                       Réalisé\n\n"
        "   Et maintenant ?\n"
    )
    entries = projects(text, "calvados.txt").entries
    assert [(e.title, e.status, e.span.line) for e in entries] == [
        ("Lisieux : un centre de soins non programmés", "realised", 7),
        ("Bessin : un bus de prévention itinérant", "in_progress", 8),
        ("Caen : des médiateurs en santé", "realised", 9),
    ]


_BRETAGNE = ("Côtes-d'Armor", "Finistère", "Ille-et-Vilaine", "Morbihan")


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 99)), min_size=2, max_size=4),
    st.integers(-3, 3),
    st.booleans(),
)
def test_a_total_row_is_reported_exactly_when_it_is_not_the_sum(values, error, as_text):
    rows = list(zip(_BRETAGNE, values))
    participants = abs(sum(p for _, (p, _) in rows) + error)  # a total is never negative
    error = participants - sum(p for _, (p, _) in rows)
    projects_total = sum(n for _, (_, n) in rows)
    if as_text:
        lines = ["CNR santé en Bretagne : 1 an après", "", REGIONAL.strip(), "",
                 "   Département               Participants        Projets", ""]
        lines += [f"   {name:<25} {p:>12} {n:>14}" for name, (p, n) in rows]
        lines += ["", f"   {'Total':<25} {participants:>12} {projects_total:>14}"]
        text, path = "\n".join(lines) + "\n", "bretagne.txt"
    else:
        lines = [SUMMARY.rstrip("\n"), "| Département | Participants | Projets |", "|---|---|---|"]
        lines += [f"| {name} | {p} | {n} |" for name, (p, n) in rows]
        lines += [f"| Total | {participants} | {projects_total} |"]
        text, path = "\n".join(lines) + "\n", "bretagne.md"
    expected = [("CNR108", len(text.splitlines()))] if error else []  # the Total row, the last line
    assert [f for f in findings(text, path) if f[0] == "CNR108"] == expected


def test_pdftotext_items_with_their_status_in_a_column():
    text = (
        "CNR santé dans le Calvados : 1 an après\n\n   Dans le Calvados\n\n"
        "   De ces échanges sont nés 2 projets concrets :\n\n"
        "      1.  Lisieux : un centre de soins non programmés          RÉALISÉ\n"
        "          Ouvert en mars 2023, il accueille les patients.\n"
        "      2.  Bessin : un bus de prévention itinérant              En cours\n\n"
        "   Et maintenant ?\n"
    )
    entries = projects(text, "calvados.txt").entries
    assert [(e.title, e.status, e.span.line) for e in entries] == [
        ("Lisieux : un centre de soins non programmés", "realised", 7),
        ("Bessin : un bus de prévention itinérant", "in_progress", 9),
    ]


def test_a_tab_separated_table_of_a_word_processor_export():
    lines = ("Département\tRéunions\tProjets", "Calvados\t6\t10", "Seine-Maritime\t11\t16", "Total\t17\t27")
    assert [b.cell_texts() for b in parse_text(lines)] == [
        ("Département", "Réunions", "Projets"), ("Calvados", "6", "10"), ("Seine-Maritime", "11", "16"), ("Total", "17", "27"),
    ]


def test_a_status_block_whose_last_lines_hold_no_text():
    # "**EN COURS**" then a page number line and a form feed: one block, one line of text.
    text = (
        "# CNR santé dans les Hautes-Alpes : 1 an après\n\n## Dans les Hautes-Alpes\n\n"
        "Ces discussions ont permis de faire émerger quatre projets concrets :\n\n**EN COURS**\n- 4 -\n\f\n"
    )
    assert [(e.title, e.statuses) for e in projects(text).entries] == [("4", ())]


def test_a_project_heading_naming_the_parts_own_department_is_an_entry():
    text = TITLE + (
        "Deux projets concrets ont vu le jour.\n\n### Le bus santé du Finistère\n\nTexte.\n\nEN COURS\n\n"
        "### Une CPTS à Quimper\n\nRÉALISÉ\n"
    )
    assert [(e.title, e.status) for e in projects(text).entries] == [
        ("Le bus santé du Finistère", "in_progress"), ("Une CPTS à Quimper", "realised"),
    ]
