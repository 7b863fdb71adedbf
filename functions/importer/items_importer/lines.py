"""Read a byte stream line by line with bounded memory.

Only one line is held at a time, and never more than ``max_line_bytes`` of it: a longer line is
skipped to its end and reported as ``None``, so one huge line (or a file with no newline at all)
cannot exhaust the function's memory.
"""

from collections.abc import Iterator
from typing import Protocol

CHUNK_BYTES = 64 * 1024
_BOM = b"\xef\xbb\xbf"


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def read_lines(
    stream: Readable, max_line_bytes: int, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line number, line)`` for every line, 1-based; ``line`` is None when too long.

    Lines end at ``\\n``; a trailing ``\\r`` is removed, and a UTF-8 byte order mark at the
    start of the stream is dropped. A final line without ``\\n`` is still yielded; an empty
    stream yields nothing.
    """
    buffer = bytearray()
    too_long = False
    number = 0
    first = True
    while chunk := stream.read(chunk_bytes):
        if first:
            first = False
            if chunk.startswith(_BOM):
                chunk = chunk[len(_BOM) :]
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            if not too_long:
                if len(buffer) + len(piece) > max_line_bytes:
                    too_long = True
                    buffer.clear()
                else:
                    buffer += piece
            if end < 0:
                break
            number += 1
            yield number, None if too_long else _strip_cr(buffer)
            buffer.clear()
            too_long = False
            start = end + 1
    if buffer or too_long:
        yield number + 1, None if too_long else _strip_cr(buffer)


def _strip_cr(buffer: bytearray) -> bytes:
    return bytes(buffer[:-1]) if buffer.endswith(b"\r") else bytes(buffer)
