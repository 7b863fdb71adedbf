"""The bounded line reader."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from items_importer.lines import read_lines


def _lines(data: bytes, limit: int = 100, chunk: int = 7):
    return list(read_lines(io.BytesIO(data), limit, chunk))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", []),
        (b"a", [(1, b"a")]),
        (b"a\n", [(1, b"a")]),
        (b"a\r\nb", [(1, b"a"), (2, b"b")]),
        (b"\n\n", [(1, b""), (2, b"")]),
        (b"\xef\xbb\xbfa\nb\n", [(1, b"a"), (2, b"b")]),
    ],
)
def test_lines_are_split_on_newlines(data, expected):
    assert _lines(data) == expected


def test_a_line_over_the_limit_is_reported_as_none_and_reading_goes_on():
    data = b"ok\n" + b"x" * 500 + b"\nafter\n" + b"y" * 101
    assert _lines(data, limit=100) == [(1, b"ok"), (2, None), (3, b"after"), (4, None)]


def test_a_line_of_exactly_the_limit_is_kept():
    assert _lines(b"x" * 100 + b"\n", limit=100) == [(1, b"x" * 100)]


class _CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.largest = 0

    def read(self, size=-1):
        assert size > 0, "the reader must never read the whole stream"
        chunk = super().read(size)
        self.largest = max(self.largest, len(chunk))
        return chunk


def test_the_stream_is_read_in_chunks_never_whole():
    stream = _CountingStream(b"line\n" * 50_000)
    assert sum(1 for _ in read_lines(stream, 1000, 4096)) == 50_000
    assert stream.largest == 4096


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.lists(st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"")), max_size=20),
    st.integers(1, 40),
)
def test_any_chunking_gives_the_same_lines(lines, chunk):
    data = b"\n".join(lines)
    expected = [
        (n, line.removesuffix(b"\r") if len(line) <= 25 else None)
        for n, line in enumerate(lines, 1)
    ]
    if data.startswith(b"\xef\xbb\xbf"):
        return
    if lines and lines[-1] == b"":  # nothing after the last newline: not a line
        expected = expected[:-1]
    assert list(read_lines(io.BytesIO(data), 25, chunk)) == expected
