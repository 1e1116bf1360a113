"""`pdftotext -layout` exports of word processors' tables whose rows blank lines part and whose
cells wrap over several lines, each centred on the row's lines: the status cell's first line
above the title's, a title wrapped round the territory beside it, two rows with no blank line
between them, and a row that goes on over a page break."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pack import load_packs
from cnr_lint.parse import parse_text
from cnr_lint.pipeline import Context, dossier_from_bytes

CONTEXT = Context(load_packs(()))
PATH = "sarthe-2024.txt"

_HEAD = """CNR santé dans la Sarthe : 2 ans après
Le Mans, le 28 novembre 2024

En Pays de la Loire, les cinq départements ont accueilli ces concertations.

Dans la Sarthe, 72 réunions de concertation se sont tenues.

Ces rencontres ont fait naître {count} projets concrets.

                   Projet                           Territoire                        Où en est-on ?


                                                                       En cours : ouverture programmée en janvier
Maison médicale de garde                      La Flèche
                                                                       2025.


Médecins solidaires en zone rurale            Saint-Calais             En cours : recherche des premiers volontaires.


Assistants médicaux pour les cabinets                                  En cours : appel à candidatures auprès des
                                      Vallée du Loir
ruraux                                                                 cabinets.


Centre de santé universitaire                 Le Mans                  Réalisé : ouvert depuis septembre.
                                                                                 Réalisé : la régulation libérale est
Service d’accès aux soins (SAS 72)                         Tout le département
                                                                                 opérationnelle depuis juin.


Infirmiers en pratique avancée en ville       Sablé-sur-Sarthe         Réalisé : une première IPA installée en maison
\f                                                                                 de santé.
{last}
Le conseil départemental de la Sarthe a voté 150 000 euros pour les bourses des étudiants en médecine.
"""
_STATUSLESS = """

Transport solidaire vers les
                                                           Saumurois
consultations
"""

TITLES = [
    "Maison médicale de garde",
    "Médecins solidaires en zone rurale",
    "Assistants médicaux pour les cabinets ruraux",
    "Centre de santé universitaire",
    "Service d'accès aux soins (SAS 72)",
    "Infirmiers en pratique avancée en ville",
]


def _dossier(count: int, last: str = ""):
    return dossier_from_bytes(_HEAD.format(count=count, last=last).encode("utf-8"), PATH, CONTEXT)


def _findings(count: int, last: str = "") -> list[tuple[str, int]]:
    selection = engine.select_rules(CONTEXT, Config())
    found = engine.check([_dossier(count, last)], {PATH}, CONTEXT, selection)
    return sorted((f.code, f.location.span.line) for f in found if f.code in ("CNR101", "CNR104"))


def _projects(count: int, last: str = ""):
    (projects,) = [entry_list for entry_list in _dossier(count, last).lists if entry_list.name == "department.projects"]
    return projects


def test_each_row_of_wrapped_cells_is_one_project_with_its_status():
    projects = _projects(6)
    assert projects.understood
    assert [entry.title for entry in projects.entries] == TITLES
    assert [entry.status for entry in projects.entries] == ["in_progress"] * 3 + ["realised"] * 3
    assert _findings(6) == []


def test_a_count_the_rows_disagree_with_is_found():
    assert _findings(7) == [("CNR101", 8)]


def test_a_row_without_status_is_found():
    # the title wraps round its territory; the status cell is empty
    assert _findings(7, _STATUSLESS) == [("CNR104", 36)]


def test_a_paragraph_after_the_table_is_no_row():
    blocks = parse_text(tuple(_HEAD.format(count=6, last="").split("\n")))
    assert [block.kind for block in blocks][-1] == "paragraph"
    assert sum(block.kind == "row" for block in blocks) == 1 + len(TITLES)


@settings(max_examples=60, deadline=None, database=None)
@given(
    # words of prose: one space between them (a run of spaces is a column gap in a layout export)
    st.lists(st.text(alphabet="abcdéè", min_size=1, max_size=20), min_size=2, max_size=5),
    st.integers(min_value=1, max_value=3),
)
def test_prose_under_a_header_line_is_never_rows(words, blank_lines):
    # a paragraph is one column: it cannot be read as a row of a three-column table
    header = "        Projet                Territoire               Statut"
    text = header + "\n" * (blank_lines + 1) + "\n".join(" ".join(words) for _ in range(3)) + "\n"
    assert not any(block.kind == "row" for block in parse_text(tuple(text.split("\n"))))
