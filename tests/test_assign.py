"""`assign` in the configuration: the campaign, region or department of the dossiers under path
globs, for repositories organised by folder; front matter still wins."""

from __future__ import annotations

import json

from conftest import invoke

DOSSIER = "# Bilan du CNR santé\n\n25 réunions de concertation se sont tenues en région.\n"


def _facts(*paths: str) -> dict[str, dict]:
    result = invoke("facts", "--format", "json", *paths)
    assert result.exit_code == 0, result.output
    return {d["path"]: d for d in json.loads(result.stdout)}


def test_folders_give_the_campaign_and_region(tmp_path, monkeypatch) -> None:
    (tmp_path / "2023" / "bretagne").mkdir(parents=True)
    (tmp_path / "2023" / "bretagne" / "finistere.md").write_text(DOSSIER, encoding="utf-8")
    (tmp_path / "2023" / "bretagne" / "var.md").write_text(
        "---\nregion: Provence-Alpes-Côte d'Azur\ndepartment: Var\n---\n" + DOSSIER, encoding="utf-8"
    )
    (tmp_path / ".cnr-lint.yaml").write_text(
        'assign:\n  "2023/**": {campaign: "1 an après 2023"}\n  "*/bretagne/*": {region: Bretagne}\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    found = _facts("2023/bretagne/finistere.md", "2023/bretagne/var.md")
    finistere, var = found["2023/bretagne/finistere.md"], found["2023/bretagne/var.md"]
    assert (finistere["campaign"], finistere["region"]) == ("1 an après 2023", "Bretagne")
    assert (var["campaign"], var["region"], var["department"]) == ("1 an après 2023", "Provence-Alpes-Côte d'Azur", "Var")


def test_a_changed_assignment_is_not_answered_from_the_cache(tmp_path, monkeypatch) -> None:
    (tmp_path / "a.md").write_text(DOSSIER, encoding="utf-8")
    (tmp_path / "b.md").write_text(DOSSIER.replace("25", "26"), encoding="utf-8")
    config = tmp_path / ".cnr-lint.yaml"
    config.write_text('assign:\n  "*.md": {campaign: "1 an après 2023", region: Bretagne}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "CNR201" in invoke("--format", "json", ".").stdout  # one group: 25 against 26
    config.write_text('assign:\n  "a.md": {campaign: "1 an après 2023", region: Bretagne}\n', encoding="utf-8")
    assert "CNR201" not in invoke("--format", "json", ".").stdout  # b.md is in no group any more


def test_an_unknown_assigned_field_is_a_configuration_error(tmp_path, monkeypatch) -> None:
    (tmp_path / ".cnr-lint.yaml").write_text('assign:\n  "*.md": {campain: "1 an après 2023"}\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(DOSSIER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke(".")
    assert result.exit_code == 2 and ".cnr-lint.yaml" in result.output and "assign" in result.output
