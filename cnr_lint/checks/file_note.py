"""Problems with the file itself, noted while reading: unreadable, decoded as cp1252, bad front matter or values."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cnr_lint.checks.common import Params as _Params
from cnr_lint.checks.common import finding

FIELDS = {"detail": "what the reader noticed"}


class Params(_Params):
    notes: tuple[Literal["unreadable", "front-matter", "front-matter-value", "encoding-fallback"], ...] = Field(
        description="the notes reported: unreadable (cannot be read or decoded), front-matter (broken front matter), "
        "front-matter-value (a value or key of the front matter cnr-lint cannot use), "
        "encoding-fallback (decoded as cp1252)")


def check(dossier, rule, context):
    wanted = rule.parsed_params.notes
    for note in dossier.notes:
        if note.code in wanted:
            yield finding(rule, dossier.path, note.span, {"detail": note.message}, key=note.code)
