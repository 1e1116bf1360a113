"""Projects as paragraphs, each opening on its title in bold (round 15): "**Un bus santé pour la
Roya.** Ce cabinet itinérant sillonnera les villages… Il doit entrer en service au printemps."
Their statuses are in prose, or not stated; the paragraphs are an enumeration all the same, and
are counted against the stated count (CNR101); a plain paragraph after one is its text. Two are
too few to tell an enumeration from two bold openings."""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

PROJECTS = [
    "**La maison médicale de garde de Menton.** Installée près de l'hôpital, elle soulage les urgences.",
    "**Un bus santé pour la Roya.** Ce cabinet itinérant sillonnera les villages éloignés.",
    "**Des infirmiers en pratique avancée à Nice.** Deux infirmiers prennent en charge les passages.",
    "**Un guichet unique pour l'installation.** Il accompagne les jeunes professionnels.",
]


def dossier(stated: str, projects: list[str]):
    text = ("# CNR santé dans les Alpes-Maritimes : 1 an après\n\n## Dans les Alpes-Maritimes\n\n"
            f"De ces débats sont sortis {stated} projets concrets.\n\n### Les projets, un par un\n\n"
            + "\n\n".join(projects) + "\n\n### Et après ?\n\nLe CNR santé continue.\n")
    return dossier_from_bytes(text.encode(), "alpes-maritimes-2023.md", CONTEXT)


def codes(read) -> list[str]:
    selection = engine.select_rules(CONTEXT, Config())
    return [f.code for f in engine.check([read], {read.path}, CONTEXT, selection)]


def test_paragraphs_with_run_in_titles_are_the_projects() -> None:
    read = dossier("quatre", PROJECTS)
    (projects,) = [lst for lst in read.lists if lst.name == "department.projects"]
    assert projects.understood and [e.title.split(".")[0] for e in projects.entries] == [
        "La maison médicale de garde de Menton", "Un bus santé pour la Roya",
        "Des infirmiers en pratique avancée à Nice", "Un guichet unique pour l'installation"]
    assert "CNR101" not in codes(read)


def test_one_project_too_many_is_a_count_mismatch() -> None:
    assert "CNR101" in codes(dossier("trois", PROJECTS))


def test_two_run_in_titles_are_not_told_apart() -> None:
    (few,) = [lst for lst in dossier("un", PROJECTS[:2]).lists if lst.name == "department.projects"]
    assert not few.understood
