"""The benchmark corpora give exactly their planted findings: a bench whose dossiers cnr-lint
misreads measures the cost of false alarms, and a false alarm there is one in dossiers laid out
the same way (the distinct corpus once gave 186 CNR101/CNR104 from a description opening with
"Après")."""

from __future__ import annotations

from collections import Counter

import pytest

from cnr_lint.api import lint
from test_markdown_blocks import _bench_module


@pytest.mark.parametrize("corpus", ["pooled", "distinct"])
def test_a_bench_corpus_gives_its_planted_findings(tmp_path, corpus):
    bench = _bench_module()
    groups, _ = bench.write_corpus(tmp_path / corpus, 300, bench.SEED, corpus)
    found = Counter(finding.code for finding in lint([tmp_path / corpus], cache=False).findings)
    assert found == bench.expected_findings(groups)
    assert sum(found.values()) > 0
