"""`cnr-lint facts --unmatched`: the sentences with a number next to a figure word that gave no
figure. Precision first makes extraction skip what is ambiguous; this is where a user sees it."""

from __future__ import annotations

import json

from conftest import invoke


def test_the_seeds_show_no_cnr_figure_left_out(run_cli) -> None:
    result = run_cli("facts", "--unmatched", "fixtures/seeds/hautes-alpes.md", "fixtures/seeds/bouches-du-rhone.txt")
    assert result.exit_code == 0, result.output
    # the one sentence left: three kinds of cancer observed, not a figure of the CNR
    assert result.stdout == (
        "fixtures/seeds/bouches-du-rhone.txt:50:311: Un projet pilote d'observatoire de 3 types de cancers "
        "est mis en place depuis plusieurs années (Revela 13).\n"
    )


def test_an_ambiguous_sentence_is_shown_not_guessed(tmp_path, monkeypatch) -> None:
    dossier = tmp_path / "var.md"
    dossier.write_text(
        "# CNR santé dans le Var : 1 an après\n\n"
        "- Projets soutenus : 41\n"  # no figure of the profile is "soutenus" in the region's part: none is read
        "- Projets réalisés : 14\n"  # read: not shown
        "\nLe 3 octobre 2022, rien.\n",  # a date and no figure word: not shown
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = invoke("facts", "--unmatched", "var.md")
    assert result.exit_code == 0, result.output
    assert result.stdout == "var.md:3:22: Projets soutenus : 41\n"
    result = invoke("facts", "--unmatched", "--format", "json", "var.md")
    assert json.loads(result.stdout) == [
        {"path": "var.md", "unmatched": [{"line": 3, "column": 22, "text": "Projets soutenus : 41"}]}
    ]
