from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import SourceError
from extract.readers.text import clean, decode, join_pieces, read_source


def test_decode_strips_bom_and_normalises_line_endings() -> None:
    assert decode("\ufeffa\r\nb\rc\n".encode(), "f.txt") == "a\nb\nc\n"


def test_decode_names_byte_offset_and_line_of_bad_utf8() -> None:
    with pytest.raises(SourceError) as caught:
        decode(b"ok\nab\xffcd", "f.txt")
    assert str(caught.value) == (
        "f.txt:2: not UTF-8: byte 0xff at offset 5; it reads as Latin-1/Windows-1252: save it"
        " as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8) and give that"
    )


def test_markup_removed_and_spaces_collapsed() -> None:
    text = '<p>In response</p> <p>to\u00a0ILC</p><ol style="list-style-type: none"> <li>x</li>'
    assert clean(text) == "In response to ILC x"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("high- quality services", "high-quality services"),
        ("cross- border dialogue", "cross-border dialogue"),
        ("sector- and region-specific", "sector- and region-specific"),
        ("pillar 3 \u2013 Access", "pillar 3 \u2013 Access"),
    ],
)
def test_line_break_hyphens_repaired_but_suspended_ones_kept(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_pieces_split_inside_a_hyphenated_word_join_without_space() -> None:
    assert join_pieces(["the cross-", "border dialogue"]) == "the cross-border dialogue"
    assert join_pieces(["the 50 for Freedom", "", "campaign"]) == "the 50 for Freedom campaign"


def test_read_source_refuses_files_over_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 100)
    with pytest.raises(SourceError, match="over the limit of 10"):
        read_source(big, "annex_i", max_bytes=10)


def test_read_source_records_sha256(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    source = read_source(path, "annex_i")
    assert source.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert [line.text for line in source.lines] == ["abc"]
