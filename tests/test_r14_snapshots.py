"""Round 14: the snapshots a dossier recalls (a point d'étape beside a later one, last year's
quoted) are ordered against its own snapshots; only its current snapshot is reported stale."""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, dossier_from_bytes

CONTEXT = Context(load_packs())


def _lint(files: dict[str, str]):
    dossiers = [dossier_from_bytes(text.encode("utf-8"), name, CONTEXT) for name, text in files.items()]
    found = engine.check(dossiers, set(files), CONTEXT, engine.select_rules(CONTEXT, Config()))
    return sorted((f.location.path, f.location.span.line, f.code) for f in found if f.code in ("CNR202", "CNR203"))


def _dossier(department: str, body: str) -> str:
    return f"# CNR santé dans le {department} : 2 ans après\n\nDossier de presse du 20 novembre 2024.\n\n{body}\n"


def test_a_recalled_point_below_last_years_quoted_snapshot_regresses_and_is_not_stale():
    body = ("Au 31 octobre 2024, le bilan compte 30 projets réalisés et 10 projets en cours.\n\n"
            "Point d'étape : au 30 avril 2024, 11 projets étaient réalisés et 29 en cours.\n\n"
            "Rappel : l'an dernier, au 31 octobre 2023, 13 projets étaient réalisés et 27 en cours.")
    assert _lint({"a.md": _dossier("Finistère", body)}) == [("a.md", 7, "CNR203")]


def test_another_dossiers_quoted_snapshot_is_not_compared():
    files = {
        "a.md": _dossier("Finistère", "Au 31 octobre 2024, le bilan compte 30 projets réalisés et 10 projets en cours."),
        "b.md": _dossier("Morbihan", "Au 31 octobre 2024, le bilan compte 30 projets réalisés et 10 projets en cours.\n\n"
                                     "Rappel : l'an dernier, au 31 octobre 2023, 13 projets étaient réalisés et 27 en cours."),
        "c.md": _dossier("Côtes-d'Armor", "Au 31 octobre 2024, le bilan compte 30 projets réalisés et 10 projets en cours.\n\n"
                                          "Rappel : l'an dernier, au 15 novembre 2023, 12 projets étaient réalisés et 28 en cours."),
    }
    assert _lint(files) == []
