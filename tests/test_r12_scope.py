"""A department's dossier laid out in plain text, its parts headed by lines in capitals
underlined with asterisks: the regional part's figures are the region's, the department's
part's the department's."""
from pathlib import Path

from cnr_lint import api

DOSSIER = """\
ARS PROVENCE-ALPES-CÔTE D'AZUR - VAUCLUSE
DOSSIER DE PRESSE

CNR SANTÉ EN VAUCLUSE : 2 ANS APRÈS
***********************************

EN PROVENCE-ALPES-CÔTE D'AZUR
*****************************

Au 31 octobre 2024, vingt-six de ces projets sont réalisés et dix-huit sont
en cours de déploiement.

EN VAUCLUSE
***********

Six projets concrets ont vu le jour : trois sont réalisés, trois sont en
cours.
"""


def _figures(tmp_path: Path) -> dict[tuple[str, int], str | None]:
    path = tmp_path / "vaucluse-2024.txt"
    path.write_text(DOSSIER, encoding="utf-8")
    (dossier,) = api.facts(path)
    return {(f.name, f.span.line): f.scope for f in dossier.figures}


def test_a_capitals_heading_naming_the_region_opens_the_regional_part(tmp_path):
    figures = _figures(tmp_path)
    assert figures[("region.projects.realised", 10)] == "region"
    assert figures[("region.projects.in_progress", 10)] == "region"
    assert not any(name.startswith("department.") and line < 15 for name, line in figures)


def test_the_department_heading_after_it_opens_the_department_part(tmp_path):
    figures = _figures(tmp_path)
    assert ("department.projects.realised", 16) in figures
    assert ("department.projects.in_progress", 16) in figures
