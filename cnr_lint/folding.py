"""Lower case as `re.IGNORECASE` sees it, for looking up what a case-insensitive pattern matched.

The regex engine takes "ı" (dotless i) and "İ" for "i", and "ſ" (long s) for "s", where
`str.lower()` does not: "avrıl" matches the month pattern and must then be found among the
months, "mİllion" among the multipliers. These are the only such letters (`tests/test_dates.py`
derives them from the engine).
"""

from __future__ import annotations

REGEX_CASE_EQUIVALENTS = {"İ": "i", "ı": "i", "ſ": "s"}
_TABLE = str.maketrans(REGEX_CASE_EQUIVALENTS)


def lower(text: str) -> str:
    # Three substring tests cost less than one regex search, and the letters are rare.
    if "ı" in text or "İ" in text or "ſ" in text:
        text = text.translate(_TABLE)
    return text.lower()
