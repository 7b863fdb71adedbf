"""What a valid item is: its id, its document, and one import line holding both.

The items API applies these rules to ``PUT /items/{id}``; the importer applies them to every line
of an import file; the worker applies them again to every queue message before it writes. Every
check returns the clean value or raises ``InvalidItemError`` with a stable ``code`` and a readable
``message`` (never the rejected data itself beyond a short prefix of an id).
"""

import json
import math
import re
from typing import Any

ID_PATTERN = r"^[A-Za-z0-9_-]{1,128}$"
"""Item ids: 1 to 128 characters from A-Z, a-z, 0-9, '_' and '-' (safe in S3 keys and URLs)."""
ID_MAX_LENGTH = 128
MAX_DOCUMENT_BYTES = 256 * 1024
"""Largest document, in UTF-8 bytes of the JSON text as received."""
MAX_JSON_DEPTH = 32
"""Deepest nesting of objects and arrays in a document (``{}`` is depth 1)."""
MAX_LINE_BYTES = MAX_DOCUMENT_BYTES + 1024
"""Largest import line: one document plus the ``{"id": ..., "item": ...}`` envelope."""
LINE_FIELDS = ("id", "item")
"""The keys of an import line, exactly: ``{"id": "<item id>", "item": {<document>}}``."""

_ID_RE = re.compile(ID_PATTERN)

# Rejection codes (the ``code`` of ``InvalidItemError``), stable for clients and dashboards.
INVALID_ID = "invalid_id"
INVALID_JSON = "invalid_json"
INVALID_UTF8 = "invalid_utf8"
NOT_AN_OBJECT = "not_an_object"
TOO_DEEP = "too_deep"
TOO_LARGE = "too_large"
UNPAIRED_SURROGATE = "unpaired_surrogate"
INVALID_LINE = "invalid_line"
REJECTION_CODES: tuple[str, ...] = (
    INVALID_ID,
    INVALID_JSON,
    INVALID_UTF8,
    NOT_AN_OBJECT,
    TOO_DEEP,
    TOO_LARGE,
    UNPAIRED_SURROGATE,
    INVALID_LINE,
)


class InvalidItemError(ValueError):
    """An id, document or import line that breaks the item rules."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def is_item_id(value: object) -> bool:
    """True when ``value`` is a string that is a valid item id."""
    return isinstance(value, str) and _ID_RE.fullmatch(value) is not None


def check_item_id(value: object) -> str:
    """Return ``value`` when it is a valid item id, else raise ``InvalidItemError``."""
    if is_item_id(value):
        return str(value)
    shown = value if not isinstance(value, str) or len(value) <= 40 else value[:40] + "..."
    raise InvalidItemError(
        INVALID_ID,
        f"invalid item id {shown!r}: use 1 to {ID_MAX_LENGTH} characters "
        "from A-Z, a-z, 0-9, '_' and '-'",
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):  # 1e400: valid JSON text, but no JSON encoder can write it back
        raise ValueError(f"{text[:20]} is out of range")
    return value


def parse_json(data: bytes, what: str = "the body") -> Any:
    """Parse UTF-8 JSON text strictly (no NaN or Infinity); raise ``InvalidItemError``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidItemError(INVALID_UTF8, f"{what} is not valid UTF-8") from exc
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except (ValueError, RecursionError) as exc:
        raise InvalidItemError(INVALID_JSON, f"{what} is not valid JSON") from exc


def check_document(document: object, what: str = "the body") -> dict[str, Any]:
    """Return ``document`` when it is a storable item document, else raise ``InvalidItemError``.

    A storable document is a JSON object, nested at most ``MAX_JSON_DEPTH`` levels, that can be
    written as UTF-8 (no unpaired surrogate escapes).
    """
    if not isinstance(document, dict):
        raise InvalidItemError(
            NOT_AN_OBJECT, f"{what} must be a JSON object, not {json_type(document)}"
        )
    if depth(document) > MAX_JSON_DEPTH:
        raise InvalidItemError(TOO_DEEP, f"{what} nests deeper than {MAX_JSON_DEPTH} levels")
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidItemError(
            UNPAIRED_SURROGATE, f"{what} contains an unpaired UTF-16 surrogate escape"
        ) from exc
    return document


def parse_document(data: bytes, what: str = "the body") -> dict[str, Any]:
    """Parse and check one document given as UTF-8 JSON bytes (the API's ``PUT`` body)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InvalidItemError(TOO_LARGE, f"{what} exceeds {MAX_DOCUMENT_BYTES} bytes")
    return check_document(parse_json(data, what), what)


def parse_line(line: bytes) -> tuple[str, dict[str, Any]]:
    """The ``(id, document)`` of one import line ``{"id": "...", "item": {...}}``.

    The same rules as ``PUT /items/{id}``: the id as in the path, the document as the body
    (``MAX_DOCUMENT_BYTES`` applies to the ``item`` value, re-encoded compactly).
    """
    if len(line) > MAX_LINE_BYTES:
        raise InvalidItemError(TOO_LARGE, f"the line exceeds {MAX_LINE_BYTES} bytes")
    value = parse_json(line, "the line")
    if not isinstance(value, dict):
        raise InvalidItemError(
            INVALID_LINE,
            f'the line must be an object {{"id": ..., "item": ...}}, not {json_type(value)}',
        )
    if set(value) != set(LINE_FIELDS):
        unknown = sorted(set(value) - set(LINE_FIELDS))
        missing = [name for name in LINE_FIELDS if name not in value]
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unknown {', '.join(repr(name[:20]) for name in unknown[:5])}" if unknown else "",
            )
            if part
        )
        raise InvalidItemError(
            INVALID_LINE, f'the line must hold exactly "id" and "item" ({detail})'
        )
    item_id = check_item_id(value["id"])
    document = check_document(value["item"], "the item")
    if len(encode_compact(document)) > MAX_DOCUMENT_BYTES:
        raise InvalidItemError(TOO_LARGE, f"the item exceeds {MAX_DOCUMENT_BYTES} bytes")
    return item_id, document


def encode_compact(document: object) -> bytes:
    """Compact UTF-8 JSON: how items are stored and sent."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def depth(document: object) -> int:
    """Nesting depth of a parsed JSON value (a scalar is 0, ``{}`` is 1), without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(document, 0)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level + 1)
        stack.extend((child, level + 1) for child in children)
    return deepest


def json_type(value: object) -> str:
    """``value``'s JSON type with its article, for messages."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"
