"""Lower case as `re.IGNORECASE` sees it, for looking up what a case-insensitive pattern matched.

The regex engine takes "ı" (dotless i) and "İ" for "i", and "ſ" (long s) for "s", where
`str.lower()` does not: "avrıl" matches the month pattern and must then be found among the
months, "mİllion" among the multipliers. These are the only such letters (`tests/test_dates.py`
derives them from the engine).
"""

from __future__ import annotations

import re

REGEX_CASE_EQUIVALENTS = {"İ": "i", "ı": "i", "ſ": "s"}
_TABLE = str.maketrans(REGEX_CASE_EQUIVALENTS)
_ANY = re.compile("[" + "".join(REGEX_CASE_EQUIVALENTS) + "]")


def lower(text: str) -> str:
    if _ANY.search(text):  # rare: the translation is skipped otherwise
        text = text.translate(_TABLE)
    return text.lower()
