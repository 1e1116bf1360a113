"""Places in a PDF are lines of its pages (round 15). `facts --unmatched` compared the sentences of
a PDF, placed on the lines of the whole file, with the figures, placed on the lines of their page:
on every page but the first, a sentence that gave figures was listed as passed over. And a
summary table's Total (CNR108) was placed on a line of the whole file, where every other finding
names its page."""

from __future__ import annotations

import json

from cnr_lint.pipeline import load_unmatched
from conftest import REPO, invoke
from test_other_hands import CONTEXT

LOIRET = REPO / "fixtures" / "blind" / "centre-val-de-loire-chartres" / "dossiers" / "loiret-2024.pdf"
LAON = REPO / "fixtures" / "blind" / "hauts-de-france-laon" / "dossiers"


def test_a_sentence_that_gave_figures_is_not_listed_as_passed_over() -> None:
    dossier, passed_over = load_unmatched(LOIRET, "loiret-2024.pdf", CONTEXT)
    figures_at = {(f.span.page, f.span.line) for f in dossier.figures}
    assert {page for page, _ in figures_at} >= {2, 3}  # figures on later pages: the case at stake
    sentences = [u for u in passed_over if not u.text.startswith(("status not understood", "department."))]
    assert all(u.span.page >= 1 for u in sentences)
    assert not [u.text for u in sentences if (u.span.page, u.span.line) in figures_at]


def test_a_total_row_is_placed_on_its_page() -> None:
    result = invoke("check", "--select", "CNR108", "--format", "json", str(LAON))
    places = [(f["path"].rsplit("/", 1)[-1], f.get("page"), f["line"]) for f in json.loads(result.output)["findings"]]
    # the 2024 summary's Total row is on its third page, its fourth line
    assert ("synthese-regionale-2024.pdf", 3, 4) in places
    assert all(page is not None and page >= 1 for _, page, _ in places), places
