"""Suppression comments that silenced nothing in this run; the engine calls this after the others."""

from __future__ import annotations

from cnr_lint.checks.common import Params, finding
from cnr_lint.models import Span

FIELDS = {"codes": "the codes the comment names"}


def check(dossier, unused, rule):
    """`unused`: the dossier's Suppression comments that silenced no finding."""
    for suppression in unused:
        line = suppression.comment_line
        yield finding(rule, dossier.path, Span(line, 1, line, 1, suppression.comment_page),
                      {"codes": ", ".join(suppression.codes)},
                      key=",".join(suppression.codes))
