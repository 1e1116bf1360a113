"""What `cnr-lint explain` and SARIF's rule help say about qualified figures is what the checks
do (issue 9, item 18): both said "près de 700" agrees with "plus de 650", while CNR201 (and the
README) say they do not. An explanation's `{agreement: A | B}` is computed by the interval
rules extraction applies; these tests hold every such claim to CNR201's behaviour.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from cnr_lint.pack import load_packs
from test_hostile import cli, no_traceback, reported_line

REPO = Path(__file__).resolve().parents[1]
BASE = REPO / "fixtures" / "rules" / "CNR201" / "qualified-design-example"
CLAIMS = [tuple(part.strip() for part in claim.split("|"))
          for rule in load_packs().rules for claim in re.findall(r"\{agreement:([^{}]*)\}", rule.explain)]
SAID = re.compile(r'"([^"]+)" [\[(][^\])]*[\])] (agrees with|does not agree with) "([^"]+)" [\[(][^\])]*[\])]')


def test_explain_and_sarif_help_say_the_same_computed_intervals(tmp_path):
    explained = cli(REPO, "explain", "CNR201")
    assert explained.exit_code == 0, explained.output
    text = " ".join(explained.stdout.split())
    assert '"près de 700" [665, 700] does not agree with "plus de 650" [650, 660)' in text
    assert '"près de 700" [665, 700] agrees with "près de 720" [684, 720]' in text
    assert "{agreement" not in text
    shutil.copytree(REPO / "fixtures" / "seeds", tmp_path / "seeds")
    sarif = cli(tmp_path, "--no-cache", "--format", "sarif", "seeds")
    (rule,) = [r for r in json.loads(sarif.stdout)["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "CNR201"]
    for field in (rule["help"]["text"], rule["help"]["markdown"], rule["fullDescription"]["text"]):
        assert SAID.findall(" ".join(field.split())) == SAID.findall(text)


@pytest.mark.parametrize(("left", "right"), CLAIMS, ids=[" | ".join(c) for c in CLAIMS])
def test_each_claim_of_an_explanation_is_what_cnr201_does(tmp_path, left, right):
    folder = tmp_path / "dossiers"
    shutil.copytree(BASE, folder)
    (folder / "NOTES").unlink()
    for name, figure in (("var.md", left), ("vaucluse.txt", right)):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        replaced = re.sub(r"(?:plus|près) de \d+ participants", f"{figure} participants", text)
        assert replaced != text
        path.write_text(replaced, encoding="utf-8")
    said = {(a, verb, b) for a, verb, b in SAID.findall(" ".join(cli(REPO, "explain", "CNR201").stdout.split()))}
    verb = next(v for a, v, b in said if (a, b) == (left, right))
    run = cli(tmp_path, "--no-cache", "--format", "json", "--select", "CNR201", "dossiers")
    conflicts = [f for f in json.loads(run.stdout)["findings"] if "participants" in f["message"]]
    assert bool(conflicts) == (verb == "does not agree with"), (verb, conflicts)


def test_a_claim_the_profile_cannot_read_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "pack.yaml").write_text(
        "rules:\n  - code: ARS201\n    name: meetings-conflict\n    severity: error\n    kind: agreement\n"
        "    params: {scope: region, figures: [region.meetings]}\n    summary: the meetings differ\n"
        "    message: \"{text}{as_of} here; {others}\"\n"
        "    explain: \"{agreement: beaucoup | 25}\"\n", encoding="utf-8")
    run = cli(tmp_path, "explain", "--rules", "pack.yaml", "ARS201")
    assert run.exit_code == 2 and no_traceback(run.output), run.output
    assert run.stderr.startswith("cnr-lint: error: ARS201: explain: 'beaucoup'"), run.stderr
