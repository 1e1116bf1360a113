"""A plain-text table whose header runs two headers together (round 15): "Département
Réunions Projets retenus" over columns "Ariège (09)   3   6". Each header word goes to the
column below that it overlaps or is nearest to; the table is then read as a summary table, its
Total row checked (CNR108)."""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

TABLE = """\
CNR santé en Occitanie : 2 ans après

Les concertations département par département
      Département           Réunions Projets retenus
Ariège (09)                     3            6
Aude (11)                       4            8
Gard (30)                       5           10
Total                          12           26
"""


def read(text: str):
    return dossier_from_bytes(text.encode(), "occitanie-synthese-2024.txt", CONTEXT)


def test_header_words_run_together_go_to_their_columns() -> None:
    dossier = read(TABLE)
    rows = sorted((f.department, f.name, f.low) for f in dossier.figures if f.scope == "department")
    assert ("Ariège", "department.meetings", 3) in rows and ("Ariège", "department.projects", 6) in rows
    assert ("Gard", "department.projects", 10) in rows
    totals = {t.column: (t.total, sum(t.parts)) for t in dossier.totals}
    assert totals == {"Réunions": (12, 12), "Projets retenus": (26, 24)}
    found = engine.check([dossier], {dossier.path}, CONTEXT, engine.select_rules(CONTEXT, Config()))
    assert [(f.code, f.location.span.line) for f in found if f.code == "CNR108"] == [("CNR108", 8)]
