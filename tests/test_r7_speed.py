"""What extraction keeps for the run, by text (the scope words and departments around a figure,
the department finder's answers, folded names), changes nothing it finds: a dossier read after
others that share its paragraphs reads as it does alone, in a fresh run.

The dossiers below share their region's stock paragraphs word for word, as the dossiers of one
agency do, and each has a part of its own department; the same recap sentence names one of
them, so it is that department's figure in its dossier and not in the other's."""

from __future__ import annotations

import functools
import sys

import pytest

from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, dossier_from_bytes

CONTEXT = Context(load_packs())

STOCK = (
    "En Centre-Val de Loire, 40 réunions de concertation se sont tenues et 52 projets ont émergé.\n\n"
    "Dans le Loiret, 12 réunions se sont tenues ; dans le Cher et l'Indre, 9 réunions au total.\n\n"
)
RECAP = "Six réunions se sont tenues, huit projets dont cinq déjà opérationnels : le bilan de l'Indre.\n\n"


def _text(department: str, article: str) -> str:
    return (f"# CNR santé {article}{department} : 1 an après\n\nOrléans, le jeudi 16 novembre 2023\n\n" + STOCK
            + f"## {article.strip().capitalize()}{department}\n\n" + RECAP
            + "Sept réunions se sont tenues à Bourges et à Châteauroux.\n")


DOSSIERS = {"indre.md": _text("Indre", "dans l'"), "cher.md": _text("Cher", "dans le ")}


def _forget_the_run() -> None:
    """Every result cnr-lint keeps for the run dropped, as in a fresh process."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("cnr_lint"):
            continue
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()


def _read(path: str):
    return dossier_from_bytes(DOSSIERS[path].encode("utf-8"), path, CONTEXT)


def _alone(path: str):
    _forget_the_run()
    return _read(path)


@pytest.mark.parametrize("order", [("indre.md", "cher.md"), ("cher.md", "indre.md")])
def test_a_dossier_read_after_others_sharing_its_paragraphs_reads_as_it_does_alone(order) -> None:
    alone = {path: _alone(path) for path in order}
    _forget_the_run()
    in_a_run = {path: _read(path) for path in order}
    again = {path: _read(path) for path in order}  # every shared result at hand now
    assert in_a_run == alone
    assert again == alone


def test_the_shared_recap_sentence_is_the_named_departments_figure_only_in_its_own_dossier() -> None:
    _forget_the_run()
    for path in ("cher.md", "indre.md", "cher.md"):
        dossier = _read(path)
        meetings = [(f.low, f.scope, f.department) for f in dossier.figures if f.name.endswith(".meetings")]
        assert (40.0, "region", None) in meetings
        if path == "indre.md":
            assert (6.0, "department", "Indre") in meetings
            assert (7.0, "department", "Indre") in meetings
        else:
            assert dossier.department == "Cher"
            assert not any(department == "Indre" for _, _, department in meetings)
