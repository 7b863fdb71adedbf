"""Signed list cursors: an S3 continuation token plus an HMAC-SHA256 over it.

A cursor is ``<token>.<mac>``, both URL-safe base64 without padding. The MAC covers the listing it
belongs to (bucket and prefix) and the token, under a key read from Secrets Manager. A cursor
that was not issued by this API (forged, altered, cut, from another listing or signed with a
rotated-out key) fails verification with ``MalformedCursorError`` before anything reaches S3,
so a client can never make the function list from a continuation token of its own choosing.
"""

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Callable

_PART_RE = re.compile(r"[A-Za-z0-9_-]{1,2048}")
_MAC_CHARS = 43  # 32 bytes of HMAC-SHA256 in unpadded base64
MAX_CURSOR_CHARS = 2048 + 1 + _MAC_CHARS

KeyProvider = Callable[[], bytes]
"""Returns the current HMAC key (cached by the caller's provider)."""


class MalformedCursorError(ValueError):
    """The list cursor is not one this API issued (or S3 no longer accepts it)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    if not _PART_RE.fullmatch(text) or len(text) % 4 == 1:
        raise MalformedCursorError("malformed cursor")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise MalformedCursorError("malformed cursor") from exc


def _mac(key: bytes, scope: str, token: str) -> bytes:
    message = f"nova-items-cursor/1\n{scope}\n{token}".encode()
    return hmac.new(key, message, hashlib.sha256).digest()


def sign(token: str, key: bytes, scope: str) -> str:
    """The cursor of continuation ``token`` for the listing ``scope``."""
    return f"{_b64(token.encode('utf-8'))}.{_b64(_mac(key, scope, token))}"


def verify(cursor: str, key: bytes, scope: str) -> str:
    """The continuation token of ``cursor``; raise ``MalformedCursorError`` unless it is genuine."""
    if len(cursor) > MAX_CURSOR_CHARS or cursor.count(".") != 1:
        raise MalformedCursorError("malformed cursor")
    token_part, mac_part = cursor.split(".")
    raw_token = _unb64(token_part)
    given = _unb64(mac_part)
    try:
        token = raw_token.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedCursorError("malformed cursor") from exc
    if not hmac.compare_digest(given, _mac(key, scope, token)):
        raise MalformedCursorError("cursor signature does not match")
    if not token or not token.isprintable():
        raise MalformedCursorError("malformed cursor")
    return token


def secret_key_provider(secret_arn: str, max_age: int, min_length: int) -> KeyProvider:
    """A provider reading the key from Secrets Manager through Powertools parameters.

    Powertools caches the value for ``max_age`` seconds, so a warm function reads the secret
    about once per ``max_age``. The SecretString's UTF-8 bytes are the key; a shorter secret than
    ``min_length`` characters is refused (a configuration error, answered as a 500).
    """

    def provide() -> bytes:
        # Imported on first use: keeps boto3 out of the cold import of the handler.
        from aws_lambda_powertools.utilities import parameters  # noqa: PLC0415

        value = parameters.get_secret(secret_arn, max_age=max_age)
        text = value.decode("utf-8") if isinstance(value, bytes) else str(value)
        if len(text) < min_length:
            raise RuntimeError(
                f"the cursor key secret holds {len(text)} characters; at least {min_length} "
                "are required"
            )
        return text.encode("utf-8")

    return provide
