"""Plain-text dossiers (`pdftotext -layout`): a summary table whose header is centred over its
columns without overlapping their cells, or wraps over lines ("Réunions de" / "concertation"),
and a department's part recalling the region's figure with the region named after it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pack import load_packs
from cnr_lint.parse import parse_text
from cnr_lint.pipeline import Context, dossier_from_bytes

CONTEXT = Context(load_packs(()))

_HEAD = """CNR SANTÉ DANS LA MANCHE : 2 ANS APRÈS
CONFÉRENCE DE PRESSE – MARDI 12 NOVEMBRE 2024 – SAINT-LÔ

LE BILAN EN NORMANDIE
27 réunions de concertation se sont tenues dans la région.
Au 31 octobre 2024, le bilan fait état de 25 projets réalisés et de 13 projets en cours.

MANCHE (50)
Dans la Manche, 6 réunions de concertation se sont tenues.
{extra}
ANNEXE – LE CNR SANTÉ DANS LES DÉPARTEMENTS NORMANDS
{header}
Calvados (14)                       6                   8
Eure (27)                           5                   7
Manche (50)                         6                   8
Orne (61)                           4                   6
Seine-Maritime (76)                 6                   9
Total Normandie                     {total}                  38
CONTACTS PRESSE
"""

_WRAPPED = """                                         Réunions de
                      Département                           Projets issus du CNR
                                         concertation"""
_ONE_LINE = "                      Département        Réunions            Projets"


def _dossier(header: str, total: int = 27, extra: str = ""):
    text = _HEAD.format(header=header, total=total, extra=extra)
    return dossier_from_bytes(text.encode("utf-8"), "manche-2024.txt", CONTEXT)


def _table_figures(dossier) -> dict[tuple[str, str | None], float]:
    return {(f.name, f.department): f.low for f in dossier.figures if f.span.line > 11}  # the annex's rows


def test_a_header_wrapped_over_three_lines_names_the_columns():
    figures = _table_figures(_dossier(_WRAPPED))
    assert figures[("department.meetings", "Eure")] == 5
    assert figures[("department.meetings", "Orne")] == 4
    assert figures[("department.projects", "Seine-Maritime")] == 9


def test_a_header_centred_off_its_cells_names_the_columns():
    figures = _table_figures(_dossier(_ONE_LINE))
    assert figures[("department.meetings", "Calvados")] == 6
    assert figures[("department.projects", "Orne")] == 6


def test_the_total_row_under_such_a_header_is_checked():
    selection = engine.select_rules(CONTEXT, Config())
    dossier = _dossier(_WRAPPED, total=29)
    found = engine.check([dossier], {dossier.path}, CONTEXT, selection)
    assert [(f.code, f.location.span.line) for f in found if f.code == "CNR108"] == [("CNR108", 20)]
    right = _dossier(_WRAPPED)
    assert not [f for f in engine.check([right], {right.path}, CONTEXT, selection) if f.code == "CNR108"]


def test_a_line_with_a_figure_above_the_rows_is_no_header():
    # a line of figures right above the rows is a row or a note, never a header
    header = "                      Département        Réunions 2024       Projets"
    assert not [name for name, _ in _table_figures(_dossier(header)) if name.startswith("department.")]


def test_the_region_named_after_a_figure_in_a_departments_part_makes_it_the_regions():
    extra = ("Un point d'étape régional : au 15 novembre 2024, 23\n"
             "projets étaient réalisés en Normandie et 15 restaient en cours.\n")
    figures = {(f.name, f.text): f.department for f in _dossier(_WRAPPED, extra=extra).figures}
    assert ("region.projects.realised", "23 projets étaient réalisés") in figures


def test_the_region_named_after_another_figure_leaves_the_departments():
    extra = "Dans la Manche, 6 projets sont réalisés, sur les 38 de Normandie.\n"
    names = {f.name for f in _dossier(_WRAPPED, extra=extra).figures if f.text.startswith("6 projets")}
    assert names == {"department.projects.realised"}


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["Nombre", "de", "projets", "Territoire", "réunions"]), min_size=1, max_size=4),
       st.integers(min_value=1, max_value=3))
def test_prose_above_a_table_is_never_its_header(words, lines):
    prose = [" ".join(words) + " et la suite d'une longue phrase qui court sur toute la ligne du texte."] * lines
    table = ["Calvados (14)                       6                   8",
             "Eure (27)                           5                   7"]
    blocks = parse_text(tuple(prose + table))
    rows = [b for b in blocks if b.kind == "row"]
    assert [r.line for r in rows] == [lines + 1, lines + 2]


def _challenges(sentence: str):
    text = ("CNR santé dans la Manche : 2 ans après\n\nMANCHE (50)\n" + sentence + "\n"
            "      – l'accès de chaque habitant à un médecin traitant ;\n"
            "      – la permanence des soins ;\n"
            "      – la prévention au plus près du quotidien des habitants.\n"
            "Ces échanges ont fait émerger 8 projets concrets.\n")
    dossier = dossier_from_bytes(text.encode("utf-8"), "manche-2024.txt", CONTEXT)
    (challenges,) = [entry_list for entry_list in dossier.lists if entry_list.name == "department.challenges"]
    return challenges


def test_a_count_of_challenges_gathered_around_is_a_whole_count():
    challenges = _challenges("Elles ont réuni 230 participants autour de quatre grands défis :")
    assert (challenges.stated, len(challenges.entries)) == (4, 3)


def test_a_count_recalled_from_the_campaign_before_still_counts_the_list_it_opens():
    challenges = _challenges("Pour mémoire, dans la Manche, 6 réunions ont réuni 230 participants autour de quatre\n"
                             "grands défis :")
    assert (challenges.stated, len(challenges.entries)) == (4, 3)


def test_a_recalled_count_that_opens_no_list_is_no_count_of_it():
    assert not [entry_list for entry_list in _dossier(_WRAPPED, extra="Pour mémoire, quatre défis avaient été retenus.\n").lists
                if entry_list.name == "department.challenges"]
