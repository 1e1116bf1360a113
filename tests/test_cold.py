"""A cold run shares what depends on a block's text alone, and its workers encode for the cache
(issue 15): neither may change what a dossier is understood to say."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import cnr_lint
from cnr_lint import codec, engine
from cnr_lint.api import configuration, context
from cnr_lint.cache import Cache
from cnr_lint.pipeline import load_corpus

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def test_a_paragraph_two_dossiers_share_takes_each_dossiers_year(tmp_path):
    """The dates of a text are kept by text and by the year it is read in: the same sentence
    says 4 November 2022 in one dossier and 4 November 2023 in the other."""
    shared = "La restitution aura lieu le 4 novembre, à la préfecture."
    (tmp_path / "a.md").write_text(f"Lundi 3 octobre 2022, le lancement.\n\n{shared}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"Mardi 3 octobre 2023, le lancement.\n\n{shared}\n", encoding="utf-8")
    first, second = cnr_lint.facts(tmp_path)
    days = [[d.period.start for d in dossier.dates if d.text == "4 novembre"] for dossier in (first, second)]
    assert days == [[datetime.date(2022, 11, 4)], [datetime.date(2023, 11, 4)]]


def _corpus(folder: Path, copies: int) -> None:
    folder.mkdir()
    for index in range(copies):
        for seed in SEEDS.glob("*.*"):
            if seed.suffix in (".md", ".txt"):
                shutil.copy(seed, folder / f"{index:03d}-{seed.name}")


def test_workers_store_in_the_cache_what_the_main_process_would_encode(tmp_path, monkeypatch):
    """100 files: enough for two workers. Each dossier the workers encoded for the cache is, byte
    for byte, what one process extracting them all encodes, and decodes to the same dossier;
    with workers, the main process encodes none of them itself."""
    encoded_here = []
    dumps = codec.dumps
    monkeypatch.setattr(codec, "dumps", lambda value: encoded_here.append(value) or dumps(value))
    _corpus(tmp_path / "dossiers", 50)
    monkeypatch.chdir(tmp_path)
    config = configuration(None)
    run_context, _ = context(config)
    found = engine.targets(("dossiers",), config)
    assert len(found) == 100
    stored, encodings = {}, {}
    for jobs, name in ((2, "pool"), (1, "alone")):
        cache = Cache(tmp_path / name, "0123456789abcdef")
        encoded_here.clear()
        corpus = load_corpus(found, run_context, cache, jobs)
        stored[name], encodings[name] = cache, len(encoded_here)
        assert [item.dossier for item in corpus] == [cache.fetch(t.display) for t in found]
    assert encodings == {"pool": 0, "alone": 100}
    assert stored["pool"]._new == stored["alone"]._new
    assert len(stored["pool"]._new) == 100
