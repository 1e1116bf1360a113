"""Fixes: the JSON `fix` field, --diff, --fix, --unsafe-fixes; only the spans change, bytes and encodings kept."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cnr_lint import write
from cnr_lint.models import Edit, Finding, Fix, Location, Severity, Span
from tests.conftest import REPO, invoke

CAMPAIGN = REPO / "fixtures" / "campaign" / "dossiers"
# Corpora with fixes to propose: the campaign, and rule fixtures whose findings have one.
CORPORA = [CAMPAIGN] + [REPO / "fixtures" / "rules" / name for name in (
    "CNR101/more-stated", "CNR103/fewer-stated", "CNR105/weekdays", "CNR201/majority", "CNR202/older-snapshot",
)]


def _copy(source: Path, into: Path) -> Path:
    target = into / source.name
    shutil.copytree(source, target)
    return target


def _lint(folder: Path, *options: str) -> tuple[int, dict]:
    result = invoke("--no-cache", "--format", "json", *options, str(folder))
    return result.exit_code, json.loads(result.stdout)


def _key(finding: dict) -> tuple:
    return Path(finding["path"]).name, finding["line"], finding["column"], finding["rule"]


def test_json_carries_the_fixes_of_the_campaign():
    _, document = _lint(CAMPAIGN)
    fixes = {_key(f)[0:2] + (f["rule"], f["fix"]["applicability"]): f["fix"] for f in document["findings"] if f["fix"]}
    assert set(fixes) == {
        ("alpes-maritimes-2023.md", 13, "CNR105", "safe"),
        ("bouches-du-rhone-2023.txt", 21, "CNR202", "safe"),
        ("alpes-de-haute-provence-2023.md", 15, "CNR201", "unsafe"),
        ("vaucluse-2023.txt", 21, "CNR201", "unsafe"),
        ("drome-2023.md", 31, "CNR103", "unsafe"),
    }
    # var-2023.md's "8 projets concrets" gets no fix: the regional summary table states 8 too.
    stale = fixes[("bouches-du-rhone-2023.txt", 21, "CNR202", "safe")]
    assert [(e["line"], e["column"], e["end_column"], e["original"], e["content"]) for e in stale["edits"]] == [
        (21, 84, 86, "10", "14"), (21, 155, 157, "31", "27"), (21, 40, 52, "30 juin 2023", "8 novembre 2023"),
    ]
    weekday = fixes[("alpes-maritimes-2023.md", 13, "CNR105", "safe")]
    assert weekday["edits"] == [{"line": 13, "column": 2, "end_line": 13, "end_column": 7, "original": "Mardi", "content": "Lundi"}]
    count = fixes[("drome-2023.md", 31, "CNR103", "unsafe")]
    assert [(e["original"], e["content"]) for e in count["edits"]] == [("trois", "quatre")]
    majority = fixes[("alpes-de-haute-provence-2023.md", 15, "CNR201", "unsafe")]
    assert [(e["original"], e["content"]) for e in majority["edits"]] == [("plus de 800", "près de 700")]


def test_diff_shows_the_safe_fixes_and_writes_nothing(tmp_path):
    folder = _copy(CAMPAIGN, tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = invoke("--no-cache", "--diff", str(folder))
    assert result.exit_code == 1
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    changed = [line for line in result.stdout.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        "-*Mardi 3 octobre 2022, le Ministre de la Santé et de la Prévention, a lancé le volet thématique « Santé » du Conseil national de la refondation pour répondre au défi de l'accès aux soins.*",
        "+*Lundi 3 octobre 2022, le Ministre de la Santé et de la Prévention, a lancé le volet thématique « Santé » du Conseil national de la refondation pour répondre au défi de l'accès aux soins.*",
        "-A 1 an du lancement de la démarche, au 30 juin 2023, le premier bilan comptabilise 10 projets réalisés dont certains s'étaleront sur plusieurs années, et 31 projets en cours de déploiement. Plus de 2,9 millions d'euros ont été engagés par l'ARS Paca en 2023 pour accompagner ces projets.",
        "+A 1 an du lancement de la démarche, au 8 novembre 2023, le premier bilan comptabilise 14 projets réalisés dont certains s'étaleront sur plusieurs années, et 27 projets en cours de déploiement. Plus de 2,9 millions d'euros ont été engagés par l'ARS Paca en 2023 pour accompagner ces projets.",
    ]
    unsafe = invoke("--no-cache", "--diff", "--unsafe-fixes", str(folder))
    assert unsafe.stdout.count("--- a/") == 5


def test_fix_writes_the_safe_fixes_and_the_second_lint_shows_them_gone(tmp_path):
    folder = _copy(CAMPAIGN, tmp_path)
    _, before = _lint(folder)
    result = invoke("--no-cache", "--fix", str(folder))
    assert result.exit_code == 1  # unfixable findings remain
    assert "cnr-lint: fixed 2 findings in 2 files" in result.stderr
    _, after = _lint(folder)
    gone = {_key(f) for f in before["findings"]} - {_key(f) for f in after["findings"]}
    assert {k[0:2] + k[3:] for k in gone} == {
        ("alpes-maritimes-2023.md", 13, "CNR105"), ("bouches-du-rhone-2023.txt", 21, "CNR202"),
    }
    assert {_key(f) for f in after["findings"]} <= {_key(f) for f in before["findings"]}
    assert invoke("--no-cache", "--diff", str(folder)).exit_code == 0  # nothing safe left to fix
    unsafe = invoke("--no-cache", "--fix", "--unsafe-fixes", str(folder))
    assert "cnr-lint: fixed 3 findings in 3 files" in unsafe.stderr
    _, last = _lint(folder)
    assert not any(f["fix"] for f in last["findings"])


# -- encodings, byte order marks, line ends ------------------------------------------------------

VARIANTS = [
    ("utf-8", False, "\n"), ("utf-8", True, "\r\n"), ("utf-8", True, "\r"), ("cp1252", False, "\r\n"),
    ("cp1252", False, "\n"), ("utf-8", False, "mixed"),
]


def _encode(text: str, encoding: str, bom: bool, end: str) -> bytes:
    lines = text.split("\n")
    if end == "mixed":  # each line its own ending, as a file edited on several systems
        joined = "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]
    else:
        joined = end.join(lines)
    return (b"\xef\xbb\xbf" if bom else b"") + joined.encode(encoding)


@pytest.mark.parametrize("encoding,bom,end", VARIANTS)
def test_fix_keeps_encoding_bom_and_line_ends(tmp_path, encoding, bom, end):
    folder = _copy(CAMPAIGN, tmp_path)
    texts = {}
    for name in ("alpes-maritimes-2023.md", "bouches-du-rhone-2023.txt"):
        path = folder / name
        texts[name] = path.read_text(encoding="utf-8")
        path.write_bytes(_encode(texts[name], encoding, bom, end))
    result = invoke("--no-cache", "--fix", str(folder))
    assert "cnr-lint: fixed 2 findings in 2 files" in result.stderr, result.stderr
    fixed_weekday = texts["alpes-maritimes-2023.md"].replace("*Mardi 3 octobre 2022", "*Lundi 3 octobre 2022", 1)
    fixed_stale = (texts["bouches-du-rhone-2023.txt"].replace("au 30 juin 2023, le premier bilan comptabilise 10 projets",
                                                              "au 8 novembre 2023, le premier bilan comptabilise 14 projets", 1)
                   .replace("et 31 projets en cours de déploiement", "et 27 projets en cours de déploiement", 1))
    assert (folder / "alpes-maritimes-2023.md").read_bytes() == _encode(fixed_weekday, encoding, bom, end)
    assert (folder / "bouches-du-rhone-2023.txt").read_bytes() == _encode(fixed_stale, encoding, bom, end)
    assert not list(folder.glob(".*.cnr-lint"))  # no temporary file left behind


def _finding(path: str, edits: tuple[Edit, ...]) -> Finding:
    return Finding("CNR105", "weekday-mismatch", Severity.ERROR, "m", Location(path, edits[0].span),
                   fix=Fix("replace", True, edits))


def test_a_fix_that_no_longer_matches_or_cannot_be_encoded_is_not_written(tmp_path):
    dossier = tmp_path / "a.txt"
    dossier.write_bytes("Mardi 3 octobre 2022, réunion\r\n".encode("cp1252"))
    stale = _finding(str(dossier), (Edit(Span(1, 1, 1, 6), "Jeudi", "Lundi"),))
    unencodable = _finding(str(dossier), (Edit(Span(1, 1, 1, 6), "Mardi", "Lundi \u2603"),))
    for finding, expected in ((stale, "no longer matches"), (unencodable, "cp1252 cannot hold")):
        rewrites, notes, _ = write.plan([finding], unsafe=False)
        assert rewrites == [] and expected in notes[0]
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    rewrites, notes, _ = write.plan([_finding(str(pipe), (Edit(Span(1, 1, 1, 6), "Mardi", "Lundi"),))], unsafe=False)
    assert rewrites == [] and "is not a regular file (a named pipe); not fixed" in notes[0]  # and it did not block
    pdf = _finding(str(tmp_path / "a.pdf"), (Edit(Span(1, 1, 1, 6), "Mardi", "Lundi"),))
    rewrites, notes, by_hand = write.plan([pdf], unsafe=True)
    assert rewrites == [] and by_hand == [pdf]
    assert f"{pdf.location.path}:1:1: CNR105 cannot be fixed in place" in notes[0] and 'by hand: replace: 1:1 "Mardi" -> "Lundi"' in notes[0]
    unsafe = replace_fix(stale, safe=False)
    assert write.plan([unsafe], unsafe=False) == ([], [], [])


def replace_fix(finding: Finding, safe: bool) -> Finding:
    from dataclasses import replace

    return replace(finding, fix=replace(finding.fix, safe=safe))


# -- property: fixes change their spans and nothing else; what they fix is gone ------------------


def _fixable(folder: Path) -> list[dict]:
    _, document = _lint(folder)
    return [f for f in document["findings"] if f["fix"]]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_applying_any_fixes_changes_only_their_spans_and_removes_what_they_fix(tmp_path_factory, data):
    source = data.draw(st.sampled_from(CORPORA), label="corpus")
    folder = _copy(source, tmp_path_factory.mktemp("property"))
    _, before = _lint(folder)
    fixable = [f for f in before["findings"] if f["fix"]]
    assert fixable, f"{source} has fixes to propose"
    chosen = data.draw(st.lists(st.sampled_from(fixable), unique_by=_key, min_size=1), label="fixes")
    originals = {Path(f["path"]): Path(f["path"]).read_bytes() for f in chosen}
    findings = [_as_finding(f) for f in chosen]
    rewrites, notes, _ = write.plan(findings, unsafe=True)
    assert notes == []
    for rewrite in rewrites:
        write.apply(rewrite)
    edited_lines = set()
    for path, data_before in originals.items():
        edits = [e for f in chosen if Path(f["path"]) == path for e in f["fix"]["edits"]]
        assert path.read_bytes() == _splice(data_before, edits)
        edited_lines |= {(path.name, e["line"]) for e in edits}
    _, after = _lint(folder)
    kept = {_key(f) for f in after["findings"]}
    assert not {_key(f) for f in chosen} & kept, "a fixed finding is still reported"
    assert kept <= {_key(f) for f in before["findings"]}, "a fix made a new finding"
    for finding in before["findings"]:
        if _key(finding) not in kept and finding not in chosen:
            # gone without being fixed: it was about a line a fix rewrote
            places = [(Path(finding["path"]).name, finding["line"])] + [(Path(r["path"]).name, r["line"]) for r in finding["related"]]
            assert set(places) & edited_lines, finding


def _as_finding(found: dict) -> Finding:
    fix = found["fix"]
    edits = tuple(Edit(Span(e["line"], e["column"], e["end_line"], e["end_column"]), e["original"], e["content"])
                  for e in fix["edits"])
    span = Span(found["line"], found["column"], found["end_line"], found["end_column"])
    return Finding(found["rule"], found["name"], Severity(found["severity"]), found["message"], Location(found["path"], span),
                   fix=Fix(fix["message"], fix["applicability"] == "safe", edits))


def _splice(data: bytes, edits: list[dict]) -> bytes:
    """The bytes with each edit made at its offset in the whole text: an oracle independent of
    the writer's line-by-line splice."""
    from cnr_lint.read import decode

    encoding = decode(data, "x").encoding
    bom = data[:3] if data.startswith(b"\xef\xbb\xbf") else b""
    text = data[len(bom):].decode("utf-8" if encoding == "utf-8-sig" else encoding)
    starts = [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]  # not splitlines: \f is no line end
    for edit in sorted(edits, key=lambda e: (e["line"], e["column"]), reverse=True):
        at = starts[edit["line"] - 1] + edit["column"] - 1
        assert text[at:at + len(edit["original"])] == edit["original"]
        text = text[:at] + edit["content"] + text[at + len(edit["original"]):]
    return bom + text.encode("utf-8" if encoding == "utf-8-sig" else encoding)


def test_fix_writes_only_the_named_files(tmp_path):
    folder = _copy(CAMPAIGN, tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    # bouches-du-rhone's stale snapshot cites this file, so it is shown; its fix is not written
    result = invoke("--no-cache", "--fix", str(folder / "alpes-de-haute-provence-2023.md"))
    assert "CNR202" in result.stdout
    assert "cnr-lint: no fix applied" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    result = invoke("--no-cache", "--fix", str(folder / "bouches-du-rhone-2023.txt"))
    assert "cnr-lint: fixed 1 finding in 1 file" in result.stderr
    changed = {p.name for p in folder.iterdir() if p.read_bytes() != before[p.name]}
    assert changed == {"bouches-du-rhone-2023.txt"}


def test_a_linked_dossier_stays_a_link_and_a_file_changed_meanwhile_is_not_written(tmp_path):
    folder = _copy(CAMPAIGN, tmp_path)
    real = tmp_path / "elsewhere.md"
    (folder / "alpes-maritimes-2023.md").rename(real)
    (folder / "alpes-maritimes-2023.md").symlink_to(real)
    result = invoke("--no-cache", "--fix", str(folder / "alpes-maritimes-2023.md"))
    assert "cnr-lint: fixed 1 finding in 1 file" in result.stderr
    assert (folder / "alpes-maritimes-2023.md").is_symlink()
    assert "*Lundi 3 octobre 2022" in real.read_text(encoding="utf-8")

    dossier = folder / "bouches-du-rhone-2023.txt"
    _, document = _lint(folder)
    stale = [_as_finding(f) for f in document["findings"] if f["rule"] == "CNR202"]
    (rewrite,), _, _ = write.plan(stale, unsafe=False)
    dossier.write_bytes(dossier.read_bytes() + b"\n")  # an editor saved it in between
    changed = dossier.read_bytes()
    assert write.apply(rewrite) is False
    assert dossier.read_bytes() == changed


_LINE_TEXT = st.text(st.sampled_from("abcdeéèàçôœ€ 0123456789,.;:'«»\f\t"), max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(_LINE_TEXT, min_size=1, max_size=8),
    ends=st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=8, max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    final_end=st.booleans(),
    data=st.data(),
)
def test_any_edit_round_trips_encoding_bom_and_line_ends(tmp_path_factory, lines, ends, encoding, final_end, data):
    """Whatever the text, its encoding and line ends, an edit changes its span's bytes and no other."""
    text = "".join(line + ends[i] for i, line in enumerate(lines[:-1])) + lines[-1] + (ends[-1] if final_end else "")
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    if encoding == "cp1252" and text.isascii():
        text += "é"  # else it would read as UTF-8, which is what it then is
    raw = (b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b"") + text.encode(codec)
    if encoding == "cp1252":
        assume(not _is_utf8(raw))  # "é€€" in cp1252 is valid UTF-8, and is read as such
    path = tmp_path_factory.mktemp("roundtrip") / "d.txt"
    path.write_bytes(raw)
    lines = re.split(r"\r\n|\r|\n", text)  # as read: a CR ending an empty line and the next LF make one CRLF
    line = data.draw(st.integers(1, len(lines)), label="line")
    content = lines[line - 1]
    start = data.draw(st.integers(0, len(content)), label="start")
    end = data.draw(st.integers(start, len(content)), label="end")
    replacement = data.draw(st.text(st.sampled_from("xyzé0 9"), min_size=1, max_size=5), label="replacement")
    if content[start:end] == "":
        return  # an edit replaces some text
    edit = {"line": line, "column": start + 1, "end_line": line, "end_column": end + 1,
            "original": content[start:end], "content": replacement}
    finding = _finding(str(path), (Edit(Span(line, start + 1, line, end + 1), content[start:end], replacement),))
    (rewrite,), notes, _ = write.plan([finding], unsafe=False)
    assert notes == []
    assert write.apply(rewrite)
    assert path.read_bytes() == _splice(raw, [edit])


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
