#!/usr/bin/env python3
"""Score cnr-lint on corpora whose expected findings are written next to them.

A corpus is a folder holding `dossiers/` and an answer key (`ANSWERS.md`, or `MISTAKES.md` as in
fixtures/campaign/) whose table rows read `| # | file | line | code | what was planted |`; `line`
may be a range `21-23` for a statement that spans lines. cnr-lint lints each `dossiers/` folder
as one corpus, and every finding is matched against the rows:

- a row is found by a finding of the same code in the same file whose line lies in the row's
  range, give or take one line (an answer key written by hand may count a wrapped line apart);
- a row about a Word, OpenDocument or PDF file, whose lines its writer cannot count as cnr-lint
  reads them, names its place by a quote instead, `«8 projets concrets»`: the row's range is
  every line of the file, as cnr-lint reads it, that holds the quote (spaces, case and the
  apostrophe's form aside; a quote may run over two lines; a remark in brackets may follow it,
  `«Total» (row Total, column Projets)`);
- CNR204 (the departments' figures add up to more than the region) is one finding for a whole
  campaign, placed by the rule at one of the dossiers stating the region's figure: a CNR204 row
  is found by a CNR204 finding in any file of the corpus, one that involves the row's file (at
  its place or a related one: its campaign's) first;
- each finding finds at most one row and each row is found at most once.

Recall is the share of rows found; precision the share of findings that found a row. Every
finding counts, whatever its severity: an info "not a dossier" on a real dossier is a miss the
user sees. Standard library only; prints a table per corpus, the misses and the false alarms,
and the totals; `--json` prints the same as one JSON document.

    python bench/score_corpus.py fixtures/blind/bretagne fixtures/blind/normandie
    python bench/score_corpus.py --python .venv/bin/python fixtures/campaign
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_ROW = re.compile(
    r"^\|\s*(?P<number>\d+)\s*\|\s*`?(?P<file>[^|`]+?)`?\s*\|\s*"
    r"(?:(?P<first>\d+)(?:\s*[-–]\s*(?P<last>\d+))?|«(?P<quote>[^»|]+)»(?:\s*\([^|]*\))?)"
    r"\s*\|\s*(?P<code>CNR\d{3})\s*\|\s*(?P<what>.*?)\s*\|?\s*$"
)
_KEY_NAMES = ("ANSWERS.md", "MISTAKES.md")
_CORPUS_WIDE = {"CNR204"}
_SLACK = 1


@dataclass(frozen=True)
class Expected:
    file: str
    first: int
    last: int
    code: str
    what: str
    quote: str | None = None


@dataclass(frozen=True)
class Found:
    file: str
    line: int
    code: str
    message: str
    involves: frozenset[str] = frozenset()  # the files of its place and of its related places


@dataclass(frozen=True)
class Score:
    corpus: str
    expected: tuple[Expected, ...]
    found: tuple[Found, ...]
    missed: tuple[Expected, ...]
    false_alarms: tuple[Found, ...]

    @property
    def recall(self) -> float:
        return 1.0 if not self.expected else 1 - len(self.missed) / len(self.expected)

    @property
    def precision(self) -> float:
        return 1.0 if not self.found else 1 - len(self.false_alarms) / len(self.found)


def answer_key(corpus: Path) -> tuple[Expected, ...]:
    """The rows of the first table of the corpus's answer key (the traps come after it)."""
    for name in _KEY_NAMES:
        key = corpus / name
        if key.is_file():
            break
    else:
        raise SystemExit(f"{corpus}: no {' or '.join(_KEY_NAMES)}")
    rows: list[Expected] = []
    in_table = False
    for line in key.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line.strip())
        if match:
            in_table = True
            first = int(match["first"] or 0)
            rows.append(
                Expected(
                    _in_dossiers(match["file"].strip()), first, int(match["last"] or first), match["code"], match["what"],
                    match["quote"],
                )
            )
        elif in_table and not line.strip().startswith("|"):
            break
    if not rows:
        raise SystemExit(f"{key}: no row of the form | # | file | line | code | what |")
    return tuple(rows)


def _in_dossiers(name: str) -> str:
    """The file's name inside `dossiers/`: a key may name it from the corpus, `dossiers/var-2023.md`."""
    return name.removeprefix("dossiers/")


_LINES_AS_READ = (
    "import json, sys\n"
    "from cnr_lint.read import lines_of\n"
    "print(json.dumps({path: list(lines_of(path)) for path in sys.argv[1:]}))"
)


def _folded(text: str) -> str:
    # a quote taken from a layout export ("Total   42   3 540") must find the row cnr-lint reads
    # with its cells joined by " | "
    return " ".join(text.replace("\u2019", "'").replace("\u00a0", " ").replace("|", " ").split()).casefold()


def placed(rows: tuple[Expected, ...], python: str, dossiers: Path) -> tuple[Expected, ...]:
    """The rows with a quote given the range of lines that hold it in the file as cnr-lint reads
    it (0-0 when no line holds it: the row can only be missed)."""
    quoted = sorted({row.file for row in rows if row.quote})
    if not quoted:
        return rows
    completed = subprocess.run(
        [python, "-c", _LINES_AS_READ, *(str(dossiers / name) for name in quoted)],
        capture_output=True, text=True, check=True,
    )
    lines = {_inside(path, dossiers): [_folded(line) for line in text] for path, text in json.loads(completed.stdout).items()}
    result = []
    for row in rows:
        if not row.quote:
            result.append(row)
            continue
        quote, text = _folded(row.quote), lines.get(row.file, [])
        spans = [(n, n) for n, line in enumerate(text, 1) if quote in line]
        spans += [(n, n + 1) for n in range(1, len(text))
                  if quote not in text[n - 1] and quote not in text[n] and quote in f"{text[n - 1]} {text[n]}"]
        if not spans:
            print(f"{dossiers / row.file}: the quote «{row.quote}» is on no line", file=sys.stderr)
        first, last = (min(span[0] for span in spans), max(span[1] for span in spans)) if spans else (0, 0)
        result.append(Expected(row.file, first, last, row.code, row.what, row.quote))
    return tuple(result)


def _inside(path: str, dossiers: Path) -> str:
    """The file's path inside `dossiers/` ("2023/var.md" in a corpus kept by campaign folders)."""
    try:
        return Path(path).resolve().relative_to(dossiers.resolve()).as_posix()
    except ValueError:
        return Path(path).name


def lint(python: str, dossiers: Path) -> tuple[Found, ...]:
    completed = subprocess.run(
        [python, "-m", "cnr_lint", "--no-cache", "--format", "json", "--fail-on", "error", str(dossiers)],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode not in (0, 1):
        raise SystemExit(f"cnr-lint exited {completed.returncode} on {dossiers}:\n{completed.stderr}")
    findings = json.loads(completed.stdout)["findings"]
    # A PDF finding's line is a line of its page; the rows count the lines of the whole file.
    starts = _page_starts(python, sorted({f["path"] for f in findings if f.get("page")}))
    return tuple(
        Found(_inside(f["path"], dossiers), _file_line(starts.get(f["path"], []), f.get("page"), f["line"]), f["rule"],
              f["message"], frozenset(_inside(place["path"], dossiers) for place in (f, *f.get("related", ()))))
        for f in findings
    )


_PAGE_STARTS = (
    "import json, sys\n"
    "from cnr_lint.read import paged_lines_of\n"
    "print(json.dumps({path: list(paged_lines_of(path)[1]) for path in sys.argv[1:]}))"
)


def _page_starts(python: str, paths: list[str]) -> dict[str, list[int]]:
    """The first line of each page of each PDF, as cnr-lint reads it."""
    if not paths:
        return {}
    completed = subprocess.run([python, "-c", _PAGE_STARTS, *paths], capture_output=True, text=True, check=True)
    return json.loads(completed.stdout)


def _file_line(page_starts: list[int], page: int | None, line: int) -> int:
    """The line of the whole file that line `line` of page `page` is (a file without pages: `line`)."""
    return page_starts[page - 1] + line - 1 if page and page <= len(page_starts) else line


def _finds(finding: Found, row: Expected, anywhere: bool) -> bool:
    """Whether the finding finds the row: at its place; a corpus-wide row, by a finding that
    involves the row's file (its campaign's), or, `anywhere`, by any finding of its code."""
    if finding.code != row.code:
        return False
    if row.code in _CORPUS_WIDE:
        return anywhere or row.file in finding.involves
    return finding.file == row.file and row.first - _SLACK <= finding.line <= row.last + _SLACK


def score(corpus: Path, python: str) -> Score:
    expected = placed(answer_key(corpus), python, corpus / "dossiers")
    found = lint(python, corpus / "dossiers")
    unused = list(found)
    matched: set[int] = set()
    # A corpus-wide row takes a finding of its own campaign first, so that another campaign's
    # finding of that code is not spent on it.
    for anywhere in (False, True):
        for index, row in enumerate(expected):
            if index in matched:
                continue
            match = next((finding for finding in unused if _finds(finding, row, anywhere)), None)
            if match is not None:
                unused.remove(match)
                matched.add(index)
    missed = [row for index, row in enumerate(expected) if index not in matched]
    return Score(corpus.name, expected, found, tuple(missed), tuple(unused))


def _percent(value: float) -> str:
    return f"{100 * value:5.1f} %"


def _print(scores: list[Score]) -> None:
    for item in scores:
        print(f"== {item.corpus}: {len(item.expected)} expected, {len(item.found)} found")
        for row in item.missed:
            lines = str(row.first) if row.first == row.last else f"{row.first}-{row.last}"
            print(f"  missed       {row.file}:{lines} {row.code}  {row.what}")
        for finding in item.false_alarms:
            print(f"  false alarm  {finding.file}:{finding.line} {finding.code}  {finding.message}")
    print()
    print(f"{'corpus':28} {'expected':>8} {'found':>6} {'missed':>6} {'false':>6} {'recall':>8} {'precision':>9}")
    for item in scores:
        print(
            f"{item.corpus:28} {len(item.expected):8} {len(item.found):6} {len(item.missed):6} "
            f"{len(item.false_alarms):6} {_percent(item.recall):>8} {_percent(item.precision):>9}"
        )
    expected = sum(len(item.expected) for item in scores)
    found = sum(len(item.found) for item in scores)
    missed = sum(len(item.missed) for item in scores)
    false = sum(len(item.false_alarms) for item in scores)
    recall = 1.0 if not expected else 1 - missed / expected
    precision = 1.0 if not found else 1 - false / found
    print(f"{'all':28} {expected:8} {found:6} {missed:6} {false:6} {_percent(recall):>8} {_percent(precision):>9}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="folders holding dossiers/ and ANSWERS.md")
    parser.add_argument("--python", default=sys.executable, help="the Python where cnr-lint is installed")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    arguments = parser.parse_args()
    scores = [score(corpus, arguments.python) for corpus in arguments.corpora]
    if arguments.json:
        print(
            json.dumps(
                [
                    {
                        "corpus": item.corpus,
                        "expected": len(item.expected),
                        "found": len(item.found),
                        "recall": item.recall,
                        "precision": item.precision,
                        "missed": [vars(row) for row in item.missed],
                        "false_alarms": [{**vars(finding), "involves": sorted(finding.involves)}
                                         for finding in item.false_alarms],
                    }
                    for item in scores
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        _print(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
