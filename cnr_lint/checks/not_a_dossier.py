"""A readable file of the corpus in which the profile recognised nothing."""

from __future__ import annotations

from cnr_lint.checks.common import Params, finding
from cnr_lint.models import Span

FIELDS = {"profile": "the profile applied to the file"}


def check(dossier, rule, context):
    if dossier.readable and not dossier.figures and not dossier.lists:
        yield finding(rule, dossier.path, Span(1, 1, 1, 1), {"profile": context.profile_of(dossier.path).name})
