"""Suppression comments that silence nothing in this run: unused, naming no rule, or malformed.
The engine calls this after the other checks."""

from __future__ import annotations

from cnr_lint.checks.common import Params, finding  # noqa: F401 (Params: the kind takes none)
from cnr_lint.models import Span
from cnr_lint.yamlfile import nearest_code

FIELDS = {
    "codes": "the codes the comment names",
    "detail": "why it silences nothing: unused (\"suppression of CNR105 silences no finding; remove it\"), "
              "a code that names no rule, or a comment that is no suppression",
}


def check(dossier, unused, rule, known: frozenset[str]):
    """`unused`: the dossier's Suppression comments that silenced no finding; `known`: every rule code."""
    for suppression in unused:
        line = suppression.comment_line
        codes = ", ".join(suppression.codes)
        yield finding(rule, dossier.path, Span(line, 1, line, 1, suppression.comment_page),
                      {"codes": codes, "detail": _detail(suppression, known)},
                      key=codes or suppression.malformed)


def _detail(suppression, known: frozenset[str]) -> str:
    if suppression.malformed:
        return suppression.malformed
    unknown = [code for code in suppression.codes if code not in known]
    if unknown:
        hint = nearest_code(unknown[0], known)
        return f"suppression of {', '.join(unknown)}: no rule has that code{hint}; correct or remove it"
    return f"suppression of {', '.join(suppression.codes)} silences no finding; remove it"
