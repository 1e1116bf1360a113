"""Determinism: the same findings, in the same order, byte for byte, however cnr-lint is run.

Whatever the order of the files on the command line, whatever the run (two processes with
different hash seeds, so that no set or dict order leaks into the output), with one extracting
process or two (`--jobs`), and with the cache cold, warm, stale or off (`--no-cache`).

The corpus is generated from the two real seeds, varied with a seeded random generator: 120
dossiers (enough for `--jobs 2` to start worker processes), in two regions and two campaigns,
with conflicting figures, wrong weekdays, miscounted lists and suppression comments, so that
many rules fire on many files.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cnr_lint.cli import main

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "fixtures" / "seeds"
FILES = 120
FORMATS = ("text", "json", "sarif", "github", "junit")

_DEPARTMENTS = ["Var", "Vaucluse", "Alpes-Maritimes", "Alpes-de-Haute-Provence"]
_REGIONS = ["Provence-Alpes-Côte d'Azur", "Occitanie"]
_CAMPAIGNS = ["1 an après 2023", "2 ans après 2024"]


def _vary(text: str, rng: random.Random, markdown: bool) -> str:
    def maybe(old: str, choices: list[str]) -> None:
        nonlocal text
        if old in text and rng.random() < 0.35:
            text = text.replace(old, rng.choice(choices))

    maybe("25 réunions de concertation", ["24 réunions de concertation", "près de 25 réunions de concertation",
                                          "vingt-six réunions de concertation", "plus de 25 réunions de concertation"])
    maybe("41 projets ont émergé", ["40 projets ont émergé", "42 projets ont émergé", "une quarantaine de projets ont émergé"])
    for old in ("14 projets réalisés", "11 projets réalisés"):
        maybe(old, [f"{n} projets réalisés" for n in range(9, 17)])
    for old in ("27 projets en cours", "30 projets en cours"):
        maybe(old, [f"{n} projets en cours" for n in range(25, 33)])
    maybe("au 8 novembre 2023", ["au 30 juin 2023", "au 1er décembre 2023", "au 8 novembre 2024"])
    maybe("sur l'année 2023", ["sur l'année 2024", "au premier trimestre 2024"])
    maybe("Lundi 3 octobre 2022", ["Lundi 4 octobre 2022", "Mardi 3 octobre 2022"])
    for old in ("4 projets concrets", "6 projets concrets"):
        maybe(old, [f"{n} projets concrets" for n in range(3, 8)])
    for old in ("5 réunions se sont tenues", "4 réunions se sont tenues"):
        maybe(old, [f"{n} réunions se sont tenues" for n in (3, 5, 26, 40)])
    maybe("quatre grands défis", ["trois grands défis", "cinq grands défis"])
    maybe("PROJET RÉALISÉ", ["PROJET TERMINÉ EN PARTIE", "EN COURS"])
    maybe("Hautes-Alpes", _DEPARTMENTS)
    maybe("Bouches-du-Rhône", _DEPARTMENTS)
    if markdown and rng.random() < 0.2:
        lines = text.split("\n")
        at = rng.randrange(len(lines))
        lines.insert(at, f"<!-- cnr-lint: disable-next-line {rng.choice(['CNR201', 'CNR101', 'CNR105'])} -->")
        text = "\n".join(lines)
    if rng.random() < 0.4:
        text = (f"---\nregion: {rng.choice(_REGIONS)}\ncampaign: {rng.choice(_CAMPAIGNS)}\n---\n") + text
    return text


def make_corpus(folder: Path, count: int = FILES, seed: int = 20231108) -> list[str]:
    """`count` dossiers under `folder`, in a few subfolders; their paths relative to folder's parent."""
    rng = random.Random(seed)
    sources = {name: (SEEDS / name).read_text(encoding="utf-8") for name in ("hautes-alpes.md", "bouches-du-rhone.txt")}
    paths = []
    for index in range(count):
        name = rng.choice(sorted(sources))
        sub = folder / rng.choice(["paca", "occitanie", "archives/2023"])
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{index:03d}-{name}"
        text = sources[name] if index < 2 else _vary(sources[name], rng, name.endswith(".md"))
        path.write_bytes(text.encode("utf-8").replace(b"\n", b"\r\n" if rng.random() < 0.2 else b"\n"))
        paths.append(path.relative_to(folder.parent).as_posix())
    return sorted(paths)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("determinism")
    return root, make_corpus(root / "dossiers")


def cli(cwd: Path, *args: str):
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(previous)
    assert result.exit_code in (0, 1), result.output
    return result


def run_process(cwd: Path, *args: str, hash_seed: str = "0") -> str:
    env = dict(os.environ, NO_COLOR="1", PYTHONHASHSEED=hash_seed)
    done = subprocess.run(
        [sys.executable, "-m", "cnr_lint", *args], cwd=cwd, env=env, capture_output=True, timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")[-3000:]
    return done.stdout.decode("utf-8")


def test_the_corpus_makes_many_rules_fire(corpus):
    """A guard for the tests below: they prove little on a corpus with few findings."""
    root, paths = corpus
    findings = json.loads(cli(root, "--no-cache", "--format", "json", "dossiers").stdout)["findings"]
    assert len({f["path"] for f in findings}) >= 40
    assert len({f["rule"] for f in findings}) >= 5, {f["rule"] for f in findings}


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_file_order_on_the_command_line_does_not_matter(corpus, output_format):
    root, paths = corpus
    orders = [paths, paths[::-1]] + [random.Random(seed).sample(paths, len(paths)) for seed in (1, 2)]
    outputs = [cli(root, "--no-cache", "--format", output_format, *order).stdout for order in orders]
    for order, output in zip(orders[1:], outputs[1:]):
        assert output == outputs[0], f"order starting {order[:3]} gives other findings"


def test_a_folder_and_its_files_listed_give_the_same_findings(corpus):
    root, paths = corpus
    by_folder = cli(root, "--no-cache", "--format", "json", "dossiers").stdout
    by_files = cli(root, "--no-cache", "--format", "json", *paths).stdout
    assert by_files == by_folder


@pytest.mark.parametrize("output_format", FORMATS)
def test_two_runs_in_one_process_give_the_same_output(corpus, output_format):
    root, _ = corpus
    first = cli(root, "--no-cache", "--format", output_format, "dossiers").stdout
    second = cli(root, "--no-cache", "--format", output_format, "dossiers").stdout
    assert second == first


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_two_runs_with_other_hash_seeds_give_the_same_output(corpus, output_format):
    """Separate processes with different PYTHONHASHSEED: no set or dict order leaks out."""
    root, _ = corpus
    outputs = {
        seed: run_process(root, "--no-cache", "--jobs", "1", "--format", output_format, "dossiers", hash_seed=seed)
        for seed in ("0", "1", "4242")
    }
    assert outputs["1"] == outputs["0"]
    assert outputs["4242"] == outputs["0"]


def test_jobs_1_and_jobs_2_give_the_same_output(corpus):
    root, _ = corpus
    one = run_process(root, "--no-cache", "--jobs", "1", "--format", "json", "dossiers")
    two = run_process(root, "--no-cache", "--jobs", "2", "--format", "json", "dossiers", hash_seed="7")
    assert two == one
    assert json.loads(one)["findings"]


def test_cache_cold_warm_stale_and_off_give_the_same_output(tmp_path):
    make_corpus(tmp_path / "dossiers")
    args = ("--format", "json", "dossiers")
    off = run_process(tmp_path, "--no-cache", *args)
    assert not (tmp_path / ".cnr_lint_cache").exists(), "--no-cache wrote a cache"
    cold = run_process(tmp_path, *args)
    assert (tmp_path / ".cnr_lint_cache").exists(), "no cache was written: the warm run below tests nothing"
    warm = run_process(tmp_path, "--jobs", "2", *args, hash_seed="3")
    assert cold == off
    assert warm == off

    # A file edited after the cache was written: the warm run must see the edit.
    victim = next(p for p in sorted((tmp_path / "dossiers").rglob("*.md")) if b"projets r\xc3\xa9alis\xc3\xa9s" in p.read_bytes())
    original = victim.read_bytes()
    index = original.index("projets réalisés".encode())
    digit = original[index - 2:index - 1]  # the last digit of the realised count
    same_size = original[:index - 2] + (b"9" if digit != b"9" else b"8") + original[index - 1:]
    edits = {
        "same-size": same_size,
        "longer": original.replace("projets réalisés".encode(), "projets réalisés en tout".encode()),
        "emptied": b"",
    }
    for edit, edited in edits.items():
        victim.write_bytes(edited)
        assert run_process(tmp_path, *args) == run_process(tmp_path, "--no-cache", *args), f"stale cache after a {edit} edit"
    victim.write_bytes(original)
    assert run_process(tmp_path, *args) == off

    # A file removed, then the cache folder itself damaged: still the same as no cache.
    removed = victim.with_suffix(".bak")
    shutil.move(victim, removed)
    assert run_process(tmp_path, *args) == run_process(tmp_path, "--no-cache", *args)
    shutil.move(removed, victim)
    for entry in (tmp_path / ".cnr_lint_cache").iterdir():
        if entry.is_file() and entry.name != ".gitignore":
            entry.write_bytes(b"\x80\x04not a pickle at all")
    assert run_process(tmp_path, *args) == off
