"""The checks as a new user meets them: a campaign of twelve dossiers with planted mistakes,
and the corner cases of the corpus checks that the fixture folders do not show one by one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, dossier_from_bytes

REPO = Path(__file__).resolve().parents[1]
CAMPAIGN = REPO / "fixtures" / "campaign"
CLEAN = REPO / "fixtures" / "rules" / "clean"
_ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|\s*(\d+)\s*\|\s*(CNR\d{3})\s*\|")


def planted() -> set[tuple[str, int, str]]:
    """The (file, line, code) rows of MISTAKES.md's table."""
    rows = set()
    for line in (CAMPAIGN / "MISTAKES.md").read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            rows.add((match.group(2), int(match.group(3)), match.group(4)))
    return rows


def test_mistakes_list_is_readable():
    rows = planted()
    assert len(rows) == 15
    assert all((CAMPAIGN / "dossiers" / name).is_file() for name, _, _ in rows)
    assert len(list((CAMPAIGN / "dossiers").iterdir())) == 12


def test_campaign(run_cli):
    result = run_cli("--format", "json", "fixtures/campaign/dossiers")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    found = {(Path(f["path"]).name, f["line"], f["rule"]) for f in document["findings"]}
    expected = planted()
    assert found - expected == set(), "flagged but not planted"
    assert expected - found == set(), "planted but not found"
    assert document["summary"]["files"] == 12


# -- corner cases of the corpus checks -----------------------------------------------------------


@pytest.fixture(scope="module")
def context() -> Context:
    return Context(load_packs(()))


def _clean(name: str) -> str:
    return (CLEAN / name).read_text(encoding="utf-8")


def _lint(context: Context, files: dict[str, str]):
    dossiers = [dossier_from_bytes(text.encode("utf-8"), name, context) for name, text in files.items()]
    selection = engine.select_rules(context, Config())
    return engine.check(dossiers, set(files), context, selection)


def test_stale_snapshot_is_measured_against_the_agreed_newest(context):
    """The last dossier by path among the newest may be the wrong one: a stale older snapshot is
    still reported, against the split most dossiers of the newest date agree on."""
    files = {name: _clean(name) for name in ("hautes-alpes.md", "var.md", "alpes-maritimes.md")}
    files["bouches-du-rhone.txt"] = _clean("bouches-du-rhone.txt").replace(
        "au 8 novembre 2023", "au 30 juin 2023").replace("14 projets réalisés", "10 projets réalisés").replace(
        "27 projets en cours", "31 projets en cours")
    files["zz-var-copy.md"] = files["var.md"].replace("27 projets en cours", "28 projets en cours")
    findings = _lint(context, files)
    stale = [f for f in findings if f.code == "CNR202"]
    assert [(f.location.path, f.location.span.line) for f in stale] == [("bouches-du-rhone.txt", 21)]
    assert "14 / 27" in stale[0].message and stale[0].related[0].path == "alpes-maritimes.md"


def test_support_is_counted_in_dossiers_not_statements(context):
    files = {name: _clean(name) for name in ("hautes-alpes.md", "vaucluse.txt")}
    files["var.md"] = _clean("var.md").replace(
        "*25 réunions de concertation", "*26 réunions de concertation").replace(
        "**Le Conseil régional", "Ces 26 réunions de concertation ont associé les élus.\n\n**Le Conseil régional")
    conflicts = [f for f in _lint(context, files) if f.code == "CNR201"]
    assert {f.location.path for f in conflicts} == {"var.md"}
    assert len(conflicts) == 2


def test_table_row_does_not_hide_the_dossiers_own_list(context):
    text = _clean("hautes-alpes.md").replace(
        "\n\n\n\n## Dans les Hautes-Alpes",
        "\n\n| Département | Réunions | Projets |\n|---|---|---|\n| Hautes-Alpes | 5 | 5 |\n| Var | 4 | 8 |"
        "\n\n\n\n## Dans les Hautes-Alpes", 1)
    conflicts = [f for f in _lint(context, {"hautes-alpes.md": text}) if f.code == "CNR205"]
    # at odds with itself only: once, at the later statement (the list), the row related
    (conflict,) = conflicts
    assert conflict.message.split(" here")[0] == "Hautes-Alpes: 4 projets concrets"
    assert [r.message for r in conflict.related] == ["5"]
