"""A cold run shares what depends on a block's text alone, and its workers encode for the cache
(issue 15): neither may change what a dossier is understood to say."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

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


RULES = SEEDS.parent / "rules"


def _mixed_corpus(folder: Path, copies: int) -> None:
    """Copies of the seeds (cross-dossier findings) and of dossiers with document findings
    (a wrong weekday, a list longer than it says)."""
    folder.mkdir()
    files = [*SEEDS.glob("*.*"), *(RULES / "CNR105" / "weekdays").glob("*.*"), RULES / "CNR101" / "more-stated" / "var.md"]
    for index in range(copies):
        for source in files:
            if source.suffix in (".md", ".txt"):
                shutil.copy(source, folder / f"{index:03d}-{source.parent.name}-{source.name}")


def test_document_checks_run_in_the_workers_and_find_what_the_main_process_finds(tmp_path, monkeypatch):
    """120 files over two workers: the document rules run there, as each dossier is extracted,
    none in the main process; the findings, and the cache's results, are those of a run that
    checks every dossier in the main process after extraction."""
    from cnr_lint import checks

    _mixed_corpus(tmp_path / "dossiers", 20)
    monkeypatch.chdir(tmp_path)
    config = configuration(None)
    run_context, _ = context(config)
    selection = engine.select_rules(run_context, config)
    found = engine.targets(("dossiers",), config)
    assert len(found) == 120
    named = {t.display for t in found}
    in_main = []
    document_findings = checks.document_findings
    monkeypatch.setattr(checks, "document_findings", lambda *a: in_main.append(a[0].path) or document_findings(*a))
    runs = {}
    for name, jobs, document in (("after", 2, None), ("workers", 2, engine.document_checks(run_context, selection)),
                                 ("alone", 1, engine.document_checks(run_context, selection))):
        in_main.clear()
        cache = Cache(tmp_path / name, "0123456789abcdef")
        corpus = load_corpus(found, run_context, cache, jobs, document=document)
        extracted = len(in_main)
        findings = engine.check(corpus, named, run_context, selection, cache)
        runs[name] = findings, cache.results, extracted, len(in_main)
    codes = {f.code for f in runs["after"][0]}
    assert {"CNR101", "CNR105", "CNR201"} <= codes
    assert runs["workers"][:2] == runs["after"][:2] == runs["alone"][:2]
    # (calls as extraction ran, calls by the end of the checks), in the main process
    assert runs["after"][2:] == (0, 120)
    assert runs["workers"][2:] == (0, 0)
    assert runs["alone"][2:] == (120, 120)


def test_document_findings_of_another_selection_are_not_used(tmp_path):
    """Findings worked out for one selection of rules are not taken for another's."""
    _mixed_corpus(tmp_path / "dossiers", 1)
    config = configuration(None)
    run_context, _ = context(config)
    found = engine.targets((str(tmp_path / "dossiers"),), config)
    named = {t.display for t in found}
    everything = engine.select_rules(run_context, config)
    weekdays = engine.select_rules(run_context, config, select=("CNR105",))
    corpus = load_corpus(found, run_context, document=engine.document_checks(run_context, everything))
    found_weekdays = engine.check(corpus, named, run_context, weekdays)
    assert found_weekdays and {f.code for f in found_weekdays} == {"CNR105"}
    assert found_weekdays == engine.check(load_corpus(found, run_context), named, run_context, weekdays)


def test_a_dossier_comes_back_from_a_worker_equal_and_immutable(tmp_path):
    """What a worker pickles, the main process rebuilds without the constructors: equal
    dossiers (spans, periods, figures, entries, dates), of the same classes, still frozen."""
    import dataclasses
    import pickle

    from cnr_lint.models import Span

    _mixed_corpus(tmp_path / "dossiers", 1)
    dossiers = cnr_lint.facts(tmp_path / "dossiers")
    assert sum(len(d.figures) + len(d.dates) for d in dossiers) > 20
    back = pickle.loads(pickle.dumps(dossiers))
    assert back == dossiers
    assert [type(f.as_of) for d in back for f in d.figures] == [type(f.as_of) for d in dossiers for f in d.figures]
    span = back[0].figures[0].span
    assert type(span) is Span and hash(span) == hash(dossiers[0].figures[0].span)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.line = 0
