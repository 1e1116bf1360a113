"""A rule's explanation, as `cnr-lint explain` prints it and SARIF gives it as the rule's help.

An explanation may state how two qualified figures compare as `{agreement: près de 700 | plus
de 650}`: it reads as the two intervals and whether they agree, computed by the interval rules
extraction applies (`extract.interval`, with the run's profile), so that what the text says is
what the checks do.
"""

from __future__ import annotations

import re

from cnr_lint.checks.common import number
from cnr_lint.models import Figure, Span
from cnr_lint.yamlfile import ConfigError

_CLAIM = re.compile(r"\{agreement:\s*([^|{}]+?)\s*\|\s*([^|{}]+?)\s*\}")


def explained(rule, context) -> str:
    """The rule's explanation, with each `{agreement: A | B}` said as the profile computes it."""
    if "{agreement:" not in rule.explain:
        return rule.explain
    return _CLAIM.sub(lambda claim: _agreement(rule, claim.group(1), claim.group(2), context), rule.explain)


def _agreement(rule, left: str, right: str, context) -> str:
    first, second = _figure(rule, left, context), _figure(rule, right, context)
    verb = "agrees with" if first.agrees_with(second) else "does not agree with"
    return f'"{left}" {_interval(first)} {verb} "{right}" {_interval(second)}'


def _figure(rule, text: str, context) -> Figure:
    from cnr_lint.extract import interval

    profile = context.profile
    found = profile.number.fullmatch(text)
    bounds = interval(found, profile) if found else None
    if bounds is None:
        raise ConfigError(rule.code, None, f"explain: {text!r} is not a figure the profile reads")
    low, high, low_open, high_open, qualifier = bounds
    return Figure(name="", low=low, high=high, low_open=low_open, high_open=high_open, unit="", qualifier=qualifier,
                  as_of=None, as_of_text=None, scope="", department=None, text=text, span=Span(1, 1, 1, 1))


def _interval(figure: Figure) -> str:
    opening, closing = figure.bounds
    return f"{opening}{number(figure.low)}, {number(figure.high)}{closing}"
