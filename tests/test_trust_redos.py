"""Every pack pattern runs in bounded time (issue 9, item 3): the shapes of the classic ReDoS
catalogue are refused when the pack is loaded, or match their attack text at once.

Before, `(?:a?){23}a{23}b` passed the safety check and took 20 s on a 49-character heading.
"""

from __future__ import annotations

import re
import time

import pytest

from cnr_lint.patterns import validate_user_pattern
from test_hostile import (FRONT_MATTER, builtin_profile, line_containing, no_traceback, reported_line, run_process,
                          seeds_into, write_yaml)

# (pattern, attack text): each takes seconds to minutes with Python's re on its text.
CATALOGUE = [
    (r"(a+)+b", "a" * 30), (r"([a-zA-Z]+)*b", "a" * 30), (r"(a|aa)+b", "a" * 40), (r"(a|a?)+b", "a" * 30),
    (r"(.*a){12}b", "a" * 30), (r"(?:a?){23}a{23}b", "a" * 49), (r"^(([a-z])+.)+[A-Z]([a-z])+$", "a" * 30 + "!"),
    (r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
     "a" * 30 + "!"),
    (r"(\w+\s?)+$", "a" * 30 + "!"), (r"(\d+)*$", "1" * 30 + "a"), (r"(x+x+)+y", "x" * 30),
    (r"^(\w+\s?)*$", "a" * 30 + "!"), (r"(a*)*b", "a" * 30), (r"(?:aa?)+b", "a" * 40), (r"(a|b|ab)*c", "ab" * 20),
    (r"(?:a{1,2}){1,40}b", "a" * 40), (r"(?:x*)*y", "x" * 30), (r"(.*?,){11}P", "a," * 14 + "b" * 200),
    (r"(?:\d|\d\d)+$", "1" * 40 + "a"), (r"(?:a?a?)+b", "a" * 30), (r"(?:a?){30}b", "a" * 30),
    (r"(?:(?:a|b)?a)+c", "a" * 30), (r"(?:ab?|b)+c", "ab" * 20), (r"(?:a?x?a?)+z", "a" * 30),
    (r"(?:[ab]?[bc]?)+d", "b" * 30), (r"(?:.?){20}.{20}z", "a" * 39), (r"(?:a?b?)*c", "ab" * 15),
    (r"\w*\w*\w*\w*\w*z", "a" * 60), (r"[\s\S]*[\s\S]*[\s\S]*[\s\S]*x", "b" * 300),
]
# Shapes that split one way: accepted, and fast.
SAFE = [(r"(?:a\s?)+b", "a " * 500), (r"(?:\s?\w)+!", "a" * 1000), (r"(?: [\w'-]+){0,3} projets", "x y " * 500),
        (r"(?:\w+,)+ fin", "ab," * 500), (r"(?:x(?:aa?)?)+y", "xaa" * 500)]


def _refused(pattern: str) -> bool:
    try:
        validate_user_pattern(pattern)
    except ValueError:
        return True
    return False


@pytest.mark.parametrize(("pattern", "text"), CATALOGUE, ids=[p for p, _ in CATALOGUE])
def test_a_catastrophic_shape_is_refused_or_fast(pattern, text):
    for where in (pattern, pattern + " {n}", "{n} " + pattern):
        if _refused(where):
            continue
        started = time.perf_counter()
        re.compile(pattern, re.IGNORECASE).search(text)
        assert time.perf_counter() - started < 0.5, f"{where!r} was accepted and is slow"


@pytest.mark.parametrize(("pattern", "text"), SAFE, ids=[p for p, _ in SAFE])
def test_a_shape_that_splits_one_way_is_accepted_and_fast(pattern, text):
    assert not _refused(pattern + " {n}")
    started = time.perf_counter()
    re.compile(pattern, re.IGNORECASE).search(text)
    assert time.perf_counter() - started < 0.5


def test_the_issues_heading_pattern_is_refused_with_its_line(tmp_path):
    pattern = r"(?:a?){23}a{23}b"
    pack = builtin_profile()
    pack["profile"]["title"] = [pattern]
    text = write_yaml(tmp_path / "redos.yaml", pack)
    folder = seeds_into(tmp_path / "dossiers")
    (folder / "evil.md").write_text(FRONT_MATTER + "# " + "a" * 49 + "\n", encoding="utf-8")
    run = run_process(tmp_path, "--no-cache", "--rules", "redos.yaml", "dossiers", timeout=8)
    assert not run.timed_out and run.returncode == 2 and no_traceback(run.stderr), run.describe()
    assert "can match nothing" in run.stderr
    assert reported_line(run.stderr, "redos.yaml") in range(line_containing(text, "(?:a?)") - 2,
                                                            line_containing(text, "(?:a?)") + 1), run.describe()
