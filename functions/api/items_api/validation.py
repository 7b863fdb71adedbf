"""Pure request checks: event shape, ids, limits, content type, body decoding and parsing.

Every function here either returns a clean value or raises an ``ApiError`` subclass, so the
handler only wires them together and the tests can call them directly.
"""

import base64
import binascii
import re
from collections.abc import Mapping
from typing import Any

from items_api import contract
from items_api.errors import (
    BadRequestError,
    InvalidEventError,
    InvalidItemIdError,
    InvalidJsonError,
    InvalidLimitError,
    PayloadTooLargeError,
    UnsupportedMediaTypeError,
)
from items_core import rules

_CONTROL_CHARS_RE = re.compile(r"[\x00-\x1f\x7f]")
_LIMIT_RE = re.compile(r"[0-9]{1,4}")
# Base64 grows data by 4/3; anything longer than this cannot decode to MAX_BODY_BYTES or less.
_MAX_BASE64_CHARS = (contract.MAX_BODY_BYTES + 2) // 3 * 4


def _route_table() -> tuple[tuple[re.Pattern[str], str], ...]:
    table = []
    for route_key in contract.ROUTES:
        method, template = route_key.split(" ", 1)
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        table.append((re.compile(pattern), method))
    return tuple(table)


_ROUTE_TABLE = _route_table()


def allowed_methods(path: str) -> tuple[str, ...]:
    """The methods of every contract route whose path template matches ``path``, sorted."""
    return tuple(sorted({method for regex, method in _ROUTE_TABLE if regex.fullmatch(path)}))


def _is_str_map(value: object) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def event_problem(event: object) -> str | None:
    """Why ``event`` is not an API Gateway HTTP API payload 2.0 event, or None when it is one.

    Checks exactly the fields the resolver and this function read, so that a malformed event is
    answered with a 400 instead of failing somewhere inside the resolver.
    """
    if not isinstance(event, Mapping):
        return "the event is not a JSON object"
    context = _mapping_or_empty(event.get("requestContext"))
    http = _mapping_or_empty(context.get("http"))
    method = http.get("method")
    raw_path = event.get("rawPath")
    cookies = event.get("cookies")
    checks = (
        (event.get("version") == "2.0", "the event is not an HTTP API payload format 2.0 event"),
        (isinstance(method, str) and method != "", "requestContext.http.method is missing"),
        (isinstance(context.get("stage"), str), "requestContext.stage is missing"),
        (
            isinstance(raw_path, str)
            and raw_path.startswith("/")
            and not _CONTROL_CHARS_RE.search(raw_path),
            "rawPath is missing, does not start with '/' or holds control characters",
        ),
        *(
            (event.get(field) is None or _is_str_map(event[field]), f"{field} must map strings")
            for field in ("headers", "queryStringParameters", "pathParameters", "stageVariables")
        ),
        (
            cookies is None
            or (isinstance(cookies, list) and all(isinstance(c, str) for c in cookies)),
            "cookies must be a list of strings",
        ),
        (event.get("body") is None or isinstance(event["body"], str), "body must be a string"),
        (
            event.get("isBase64Encoded") is None or isinstance(event["isBase64Encoded"], bool),
            "isBase64Encoded must be a boolean",
        ),
    )
    return next((message for ok, message in checks if not ok), None)


def _mapping_or_empty(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def check_event(event: object) -> None:
    """Raise ``InvalidEventError`` unless ``event`` is a well-formed HTTP API 2.0 event."""
    problem = event_problem(event)
    if problem is not None:
        raise InvalidEventError(f"not an API Gateway HTTP API request: {problem}")


def parse_item_id(value: str) -> str:
    """Return ``value`` when it is a valid item id, else raise ``InvalidItemIdError``."""
    try:
        return rules.check_item_id(value)
    except rules.InvalidItemError as exc:
        raise InvalidItemIdError(exc.message) from None


def parse_limit(value: str | None) -> int:
    """The page size from the ``limit`` query parameter (default when absent)."""
    if value is None:
        return contract.LIST_LIMIT_DEFAULT
    limit = int(value) if _LIMIT_RE.fullmatch(value) else 0
    if not 1 <= limit <= contract.LIST_LIMIT_MAX:
        shown = value if len(value) <= 20 else value[:20] + "..."
        raise InvalidLimitError(
            f"invalid limit {shown!r}: use an integer from 1 to {contract.LIST_LIMIT_MAX}"
        )
    return limit


def check_json_content_type(content_type: str | None) -> None:
    """Accept ``application/json``, optionally with a UTF-8 charset; else raise 415."""
    expected = "Content-Type must be application/json (optionally with charset=utf-8)"
    if not content_type:
        raise UnsupportedMediaTypeError(f"missing Content-Type; {expected}")
    media_type, *params = (part.strip() for part in content_type.split(";"))
    if media_type.lower() != "application/json":
        raise UnsupportedMediaTypeError(f"unsupported Content-Type; {expected}")
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in (
            "utf-8",
            "utf8",
        ):
            raise UnsupportedMediaTypeError(f"unsupported charset; {expected}")


def read_body(body: str | None, is_base64_encoded: bool) -> bytes:
    """The request body as bytes, decoded from base64 when the gateway encoded it.

    Raises ``PayloadTooLargeError`` above ``MAX_BODY_BYTES`` and ``BadRequestError`` when the
    body is missing or cannot be decoded.
    """
    if not body:
        raise BadRequestError("a JSON object body is required")
    if is_base64_encoded:
        if len(body) > _MAX_BASE64_CHARS:
            raise _too_large()
        try:
            data = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise BadRequestError(
                "the body is marked base64-encoded but is not valid base64"
            ) from exc
    else:
        if len(body) > contract.MAX_BODY_BYTES:  # every character is at least one byte
            raise _too_large()
        try:
            data = body.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise BadRequestError("the body is not valid UTF-8 text") from exc
    if len(data) > contract.MAX_BODY_BYTES:
        raise _too_large()
    return data


def _too_large() -> PayloadTooLargeError:
    return PayloadTooLargeError(f"the body exceeds {contract.MAX_BODY_BYTES} bytes")


def parse_json_object(data: bytes) -> dict[str, Any]:
    """Parse ``data`` as a UTF-8 JSON document that must be a storable item document.

    The document rules are the shared item rules (``items_core.rules``): the importer applies
    the same ones to every line of an import file.
    """
    try:
        return rules.parse_document(data)
    except rules.InvalidItemError as exc:
        if exc.code == rules.TOO_LARGE:
            raise _too_large() from None
        raise InvalidJsonError(exc.message) from None
