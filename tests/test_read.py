"""read: bytes to decoded lines (UTF-8, UTF-8 with BOM, cp1252 fallback; LF, CRLF, CR)."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from cnr_lint import read
from cnr_lint.read import Source, Unreadable, decode, read_path

REPO = Path(__file__).resolve().parents[1]
FORMATS = REPO / "fixtures" / "formats"
SEEDS = REPO / "fixtures" / "seeds"


def lines_of(data: bytes) -> tuple[str, ...]:
    source = decode(data, "x.txt")
    assert isinstance(source, Source), source
    return source.lines


# -- encodings ------------------------------------------------------------------------------------


def test_utf8():
    source = decode("Près de 700 participants\n25 réunions\n".encode(), "a.md")
    assert source == Source("a.md", ("Près de 700 participants", "25 réunions", ""), "utf-8", source.digest, 0)


def test_utf8_bom_is_not_part_of_the_first_line():
    source = decode(b"\xef\xbb\xbf25 r\xc3\xa9unions\n", "a.md")
    assert source.encoding == "utf-8-sig"
    assert source.lines == ("25 réunions", "")
    assert source.fallback_line == 0


def test_a_bom_alone_is_an_empty_file():
    assert decode(b"\xef\xbb\xbf", "a.md").lines == ("",)


def test_cp1252_fallback_names_the_first_line_that_is_not_utf8():
    data = "Dossier de presse\r\n\r\nCNR santé — « 1 an après »\r\nœuvre\r\n".encode("cp1252")
    source = decode(data, "a.txt")
    assert source.encoding == "cp1252"
    assert source.lines == ("Dossier de presse", "", "CNR santé — « 1 an après »", "œuvre", "")
    assert source.fallback_line == 3


def test_cp1252_fallback_line_counts_lone_cr():
    source = decode(b"a\rb\r\rcaf\xe9\r", "a.txt")
    assert source.lines == ("a", "b", "", "café", "")
    assert source.fallback_line == 4


def test_utf8_wins_when_the_bytes_are_valid_utf8():
    # "Ã©" in cp1252 is the UTF-8 encoding of "é": valid UTF-8 is read as UTF-8.
    assert decode("Ã©".encode("cp1252"), "a.txt").lines == ("é",)


def test_empty_file():
    source = decode(b"", "empty.txt")
    assert isinstance(source, Source)
    assert source.lines == ("",)
    assert source.text == ""


# -- line ends ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "lines"),
    [
        (b"a\nb", ("a", "b")),
        (b"a\r\nb\r\n", ("a", "b", "")),
        (b"a\rb\r", ("a", "b", "")),
        (b"a\r\rb", ("a", "", "b")),
        (b"a\n\rb", ("a", "", "b")),  # LF then CR: two line ends, not one
        (b"a\r\n\nb", ("a", "", "b")),
        (b"a\r\n\r\nb", ("a", "", "b")),
        (b"\n", ("", "")),
        (b"\r", ("", "")),
        (b"\r\n", ("", "")),
    ],
)
def test_line_ends(data, lines):
    assert lines_of(data) == lines


def test_form_feed_and_other_separators_do_not_end_a_line():
    # Editors break lines at LF, CRLF and CR only; pdftotext's form feed stays in the line.
    data = "page 1\n\fpage 2\x0bsuite\u2028ligne\x85fin".encode()
    assert lines_of(data) == ("page 1", "\fpage 2\x0bsuite\u2028ligne\x85fin")


def test_text_joins_lines_with_lf():
    assert decode(b"a\r\nb\rc", "a.txt").text == "a\nb\nc"


def test_digest_is_of_the_bytes():
    one, same, other = decode(b"a\n", "x"), decode(b"a\n", "y"), decode(b"a\r\n", "x")
    assert one.digest == same.digest != other.digest


# -- what cannot be read -------------------------------------------------------------------------------


def test_nul_bytes_make_a_file_binary_with_the_place_of_the_first():
    failure = decode(b"abc\r\rd\xc3\xa9f\x00", "b.txt")
    assert failure == Unreadable("b.txt", "is binary (contains NUL bytes)", 3, 4)


def test_nul_place_after_a_bom_counts_from_the_text():
    assert decode(b"\xef\xbb\xbfab\x00", "b.txt") == Unreadable("b.txt", "is binary (contains NUL bytes)", 1, 3)


def test_mostly_control_bytes_is_binary():
    failure = decode(bytes(range(1, 8)) * 10 + b"text", "b.txt")
    assert isinstance(failure, Unreadable)
    assert failure.reason == "is binary (mostly control characters)"


def test_a_few_control_bytes_are_text():
    # ESC, VT and a stray DOS end-of-file marker in a long text do not make it binary.
    source = decode(b"x" * 100 + b"\x1b\x0b\x1a", "a.txt")
    assert isinstance(source, Source)


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_neither_utf8_nor_cp1252(byte):
    data = b"Dossier\r\n\r\nR\xe9unions" + bytes([byte]) + b" de concertation"
    failure = decode(data, "u.txt")
    assert failure == Unreadable("u.txt", f"is neither UTF-8 nor cp1252 (byte 0x{byte:02x})", 3, 9)


def test_read_path_names_the_display_path(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"25 r\xc3\xa9unions")
    assert read_path(path, "dossiers/a.md").path == "dossiers/a.md"
    assert read_path(path).path == str(path)


def test_read_path_of_a_missing_file_or_a_folder_is_unreadable(tmp_path):
    missing = read_path(tmp_path / "nope.md", "nope.md")
    assert isinstance(missing, Unreadable) and missing.path == "nope.md"
    assert missing.reason.startswith("cannot be read: ")
    folder = read_path(tmp_path, "dir")
    assert isinstance(folder, Unreadable) and folder.reason.startswith("cannot be read: ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_read_path_of_a_named_pipe_is_unreadable_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")  # no writer: opening it for reading the usual way blocks
    assert read_path(tmp_path / "pipe.md", "pipe.md") == Unreadable("pipe.md", "is not a regular file (a named pipe)")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this platform")
def test_read_path_of_a_link_to_a_device_is_unreadable(tmp_path):
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    failure = read_path(tmp_path / "zero.md", "zero.md")
    assert failure == Unreadable("zero.md", "is not a regular file (a character device)")


def test_read_path_follows_a_link_to_a_regular_file(tmp_path):
    (tmp_path / "real.md").write_bytes(b"25 r\xc3\xa9unions\n")
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    assert read_path(tmp_path / "link.md", "link.md").lines == ("25 réunions", "")


def test_read_path_refuses_a_file_above_the_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 10)
    (tmp_path / "ten.md").write_bytes(b"0123456789")
    (tmp_path / "eleven.md").write_bytes(b"0123456789A")
    assert read_path(tmp_path / "ten.md").lines == ("0123456789",)
    failure = read_path(tmp_path / "eleven.md", "eleven.md")
    assert isinstance(failure, Unreadable) and failure.reason.startswith("is larger than ")


def test_the_size_cap_leaves_room_for_any_real_dossier():
    assert read.MAX_FILE_BYTES >= 32 * 1024 * 1024


# -- the fixtures keep their quirks ------------------------------------------------------------------------


def _generator():
    spec = importlib.util.spec_from_file_location("generate_formats", FORMATS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_format_fixtures_are_what_the_generator_writes():
    for name, data in _generator().files().items():
        assert (FORMATS / name).read_bytes() == data, f"{name}: run python fixtures/formats/generate.py"


def test_format_fixtures_keep_their_quirks():
    def raw(name):
        return (FORMATS / name).read_bytes()

    assert raw("utf8-bom.md").startswith(b"\xef\xbb\xbf")
    crlf = raw("cp1252-crlf.txt")
    assert crlf.count(b"\r\n") == crlf.count(b"\n") == crlf.count(b"\r") > 10
    with pytest.raises(UnicodeDecodeError):
        crlf.decode("utf-8")
    lone_cr = raw("lone-cr.md")
    assert b"\n" not in lone_cr and lone_cr.count(b"\r") > 10
    pdf = raw("pdftotext.txt")
    assert pdf.count(b"\f") == 3 and b"\r" not in pdf and b"  " in pdf
    assert b"\x00" in raw("binary.txt")
    assert raw("empty.txt") == b""
    for byte in (b"\xe9", b"\x81"):
        assert byte in raw("undecodable.txt")


@pytest.mark.parametrize(
    ("name", "encoding", "fallback_line", "line_count"),
    [
        ("utf8-bom.md", "utf-8-sig", 0, 24),
        ("cp1252-crlf.txt", "cp1252", 5, 27),
        ("lone-cr.md", "utf-8", 0, 15),
        ("pdftotext.txt", "utf-8", 0, 44),
        ("front-matter.md", "utf-8", 0, 16),
        ("status-suffix.txt", "utf-8", 0, 24),
        ("bold-titles.md", "utf-8", 0, 22),
        ("empty.txt", "utf-8", 0, 1),
    ],
)
def test_format_fixtures_decode(name, encoding, fallback_line, line_count):
    source = read_path(FORMATS / name, name)
    assert isinstance(source, Source)
    assert (source.encoding, source.fallback_line, len(source.lines)) == (encoding, fallback_line, line_count)
    assert not any("\r" in line or "\n" in line or "\ufeff" in line for line in source.lines)


def test_format_fixture_lines_are_the_editor_lines():
    cp1252 = read_path(FORMATS / "cp1252-crlf.txt")
    assert cp1252.lines[4:6] == ("CNR santé dans le", "Vaucluse : 1 an après.")
    assert cp1252.lines[21] == "Carpentras : développer la télé-expertise — une œuvre commune des soignants."
    assert read_path(FORMATS / "utf8-bom.md").lines[0].startswith("25 réunions de concertation")
    assert read_path(FORMATS / "lone-cr.md").lines[2] == "# CNR santé dans les Alpes-Maritimes : 1 an après."
    pdf = read_path(FORMATS / "pdftotext.txt").lines
    assert pdf[15].startswith("\f41 projets") and pdf[15].endswith("14 projets réa-")
    assert pdf[16] == "lisés et 27 projets en cours de dé-"


@pytest.mark.parametrize(
    ("name", "reason", "line", "column"),
    [
        ("binary.txt", "is binary (contains NUL bytes)", 3, 1),  # \x89PNG CRLF \x1a LF \x00
        ("undecodable.txt", "is neither UTF-8 nor cp1252 (byte 0x81)", 3, 9),
    ],
)
def test_format_fixtures_that_cannot_be_read(name, reason, line, column):
    assert read_path(FORMATS / name, name) == Unreadable(name, reason, line, column)


def test_seeds_are_utf8():
    for path in SEEDS.glob("*.*"):
        source = read_path(path)
        assert isinstance(source, Source) and source.encoding == "utf-8"


# -- properties --------------------------------------------------------------------------------------------


@given(st.binary(max_size=400))
@example(b"\xef\xbb\xbf\x81")
@example(b"\r\x00")
@example(b"\xc3")
def test_any_bytes_decode_or_are_unreadable(data):
    result = decode(data, "any.txt")
    if isinstance(result, Source):
        assert result.encoding in ("utf-8", "utf-8-sig", "cp1252")
        assert not any("\r" in line or "\n" in line for line in result.lines)
        assert (result.fallback_line > 0) == (result.encoding == "cp1252")
        assert 0 <= result.fallback_line <= len(result.lines)
    else:
        assert isinstance(result, Unreadable)
        assert result.path == "any.txt" and result.reason.startswith("is ")
        assert result.line >= 1 and result.column >= 1
        assert result.line <= len(re.split(rb"\r\n|\r|\n", data))


# Text a dossier can hold: no line break inside a line, no control character but tab and form feed.
_CHARACTER = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\f\xa0\u202féèàçœ«»’–—…€")
_LINE = st.text(_CHARACTER, max_size=30)


@given(
    lines=st.lists(_LINE, min_size=1, max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
@example(lines=["Réunions", "", "œuvre"], encoding="cp1252", newline="\r")
def test_any_text_in_any_encoding_and_line_end_decodes_to_the_same_lines(lines, encoding, newline):
    assume(not lines[0].startswith("\ufeff"))  # a leading U+FEFF is a byte order mark
    text = newline.join(lines)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    if encoding == "cp1252" and not text.isascii():
        assume(_not_utf8(data))  # cp1252 bytes that happen to be valid UTF-8 are read as UTF-8
    source = decode(data, "t.txt")
    assert isinstance(source, Source)
    assert source.lines == tuple(lines)
    if encoding == "cp1252" and not text.isascii():
        assert source.encoding == "cp1252"
        first_non_ascii = next(n for n, line in enumerate(lines, 1) if not line.isascii())
        assert source.fallback_line >= first_non_ascii
        assert not lines[source.fallback_line - 1].isascii()
    else:
        assert source.encoding == ("utf-8-sig" if encoding == "utf-8-sig" else "utf-8")


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
