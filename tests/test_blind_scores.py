"""The blind corpora's scores never get worse: a ratchet on every corpus's misses and false alarms.

`fixtures/blind/SCORES.json` records, per corpus, how many rows of its answer key cnr-lint misses
and how many false alarms it raises. A change that understands one corpus better must not make
another worse; when a change improves a corpus, lower its numbers there in the same commit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BLIND = REPO / "fixtures" / "blind"


def test_no_blind_corpus_misses_more_or_cries_wolf_more_than_recorded():
    recorded = json.loads((BLIND / "SCORES.json").read_text(encoding="utf-8"))
    corpora = sorted(path.parent for path in BLIND.glob("*/ANSWERS.md"))
    assert sorted(corpus.name for corpus in corpora) == sorted(recorded)
    completed = subprocess.run(
        [sys.executable, str(REPO / "bench" / "score_corpus.py"), "--json", *map(str, corpora)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    worse = []
    for score in json.loads(completed.stdout):
        record = recorded[score["corpus"]]
        now = {"missed": len(score["missed"]), "false_alarms": len(score["false_alarms"])}
        if any(now[kind] > record[kind] for kind in now):
            worse.append((score["corpus"], record, now, score["missed"], score["false_alarms"]))
    assert not worse, json.dumps(worse, ensure_ascii=False, indent=1)
