"""A dossier cross-dossier rules cannot compare: no campaign or no region was found for it.

Dossiers are compared within one campaign and region; without both, every cross-dossier rule
of its profile passes it by. A file in which nothing was recognised is CNR002's, not this one's.
"""

from __future__ import annotations

from cnr_lint import checks
from cnr_lint.checks.common import Params, finding
from cnr_lint.models import Span

FIELDS = {
    "missing": "what was not found: campaign, region, or campaign and region",
    "front_matter": "the front matter keys that would give it (\"campaign: ...\")",
    "profile": "the profile applied to the file",
}


def check(dossier, rule, context):
    if not dossier.readable or not (dossier.figures or dossier.lists) or (dossier.campaign and dossier.region):
        return
    if not any(checks.scope(other.kind) == "corpus" and context.applies(other, dossier.path)
               for other in context.pack.rules):
        return  # no cross-dossier rule would compare it anyway
    missing = [name for name, value in (("campaign", dossier.campaign), ("region", dossier.region)) if not value]
    yield finding(
        rule, dossier.path, Span(1, 1, 1, 1),
        {"missing": " and ".join(missing), "front_matter": ", ".join(f"{name}: ..." for name in missing),
         "profile": context.profile_name(dossier.path)},
        key="+".join(missing),
    )
