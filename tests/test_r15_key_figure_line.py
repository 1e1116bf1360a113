"""Key figures on one line, set apart by bullets (round 15): "12 réunions • 350 participants • 14
projets", under the department's heading, as a heading of its own in a PDF. Each piece is a key
figure: "14 projets" alone is the part's count of projects, and the projects listed under it are
counted against it (CNR101), their statuses checked (CNR104)."""

from __future__ import annotations

import pytest

from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

DOSSIER = """\
# CNR santé dans le Loiret : 2 ans après

## Dans le Loiret, des projets concrets

#### {line}

| Intitulé | Territoire | Où en est-on ? |
|---|---|---|
| Centre de soins non programmés | Orléans | Achevé |
| Cabinet secondaire de pédiatrie | Gien | Achevé |
| Dépistage itinérant des cancers | Gâtinais | En cours de réalisation |
"""


@pytest.mark.parametrize("line", ["12 réunions • 350 participants • 4 projets", "12 réunions | 4 projets",
                                  "4 projets · 12 réunions"])
def test_a_count_among_key_figures_on_one_line_states_the_list(line: str) -> None:
    dossier = dossier_from_bytes(DOSSIER.format(line=line).encode(), "loiret-2024.md", CONTEXT)
    (projects,) = [lst for lst in dossier.lists if lst.name == "department.projects"]
    assert (projects.stated, len(projects.entries)) == (4, 3)


def test_a_heading_with_one_count_is_no_key_figure_line() -> None:
    # "4 projets pour le Loiret" as a heading alone is a heading, not a stated count
    dossier = dossier_from_bytes(DOSSIER.format(line="4 projets pour le Loiret").encode(), "loiret-2024.md", CONTEXT)
    assert [lst.stated for lst in dossier.lists if lst.name == "department.projects"] in ([], [None])
