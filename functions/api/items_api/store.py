"""Items stored as JSON objects in S3, one object per item at ``<prefix><id>.json``.

``ItemStore`` takes any S3 client (boto3's, moto's, a stub), so tests and benchmarks can call it
directly. boto3 is imported only inside ``default_s3_client``: importing this module stays cheap
and the handler's cold import never pays for boto3 before the first request that needs it.
"""

import functools
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from items_api import cursors
from items_api.cursors import KeyProvider, MalformedCursorError
from items_core import layout
from items_core.rules import InvalidItemError

__all__ = [
    "ItemStore",
    "ItemSummary",
    "MalformedCursorError",
    "NoSuchItemError",
    "Page",
    "default_s3_client",
]


class NoSuchItemError(LookupError):
    """No item with this id."""


@dataclass(frozen=True)
class ItemSummary:
    """One entry of a listing: what S3 reports without reading the object."""

    id: str
    size: int
    last_modified: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "size": self.size, "last_modified": self.last_modified.isoformat()}


@dataclass(frozen=True)
class Page:
    items: list[ItemSummary]
    next_cursor: str | None


def _error_code(exc: BaseException) -> str | None:
    """The AWS error code of a botocore ``ClientError`` (duck-typed: no botocore import)."""
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        error = response.get("Error")
        if isinstance(error, dict):
            code = error.get("Code")
            return code if isinstance(code, str) else None
    return None


class ItemStore:
    """CRUD and listing of JSON documents under one prefix of one bucket."""

    def __init__(
        self, client: Any, bucket: str, prefix: str, cursor_key: KeyProvider | None = None
    ) -> None:
        self._client = client
        self.bucket = bucket
        self.prefix = prefix
        self._cursor_key = cursor_key

    @property
    def cursor_scope(self) -> str:
        """What a cursor is bound to: this bucket and prefix."""
        return f"{self.bucket}\n{self.prefix}"

    def _key(self) -> bytes:
        if self._cursor_key is None:
            raise RuntimeError("this store has no cursor key: pass cursor_key to page listings")
        return self._cursor_key()

    def encode_cursor(self, token: str) -> str:
        """The signed cursor of an S3 continuation token."""
        return cursors.sign(token, self._key(), self.cursor_scope)

    def decode_cursor(self, cursor: str) -> str:
        """The continuation token of a cursor this store signed; else ``MalformedCursorError``."""
        return cursors.verify(cursor, self._key(), self.cursor_scope)

    def key_for(self, item_id: str) -> str:
        try:  # the handler validates first; this guards direct callers
            return layout.object_key(self.prefix, item_id)
        except InvalidItemError as exc:
            raise ValueError(f"invalid item id {item_id!r}") from exc

    def id_for(self, key: str) -> str | None:
        """The item id stored at ``key``, or None for keys that are not items."""
        return layout.id_of_key(self.prefix, key)

    def get(self, item_id: str) -> dict[str, Any]:
        """The stored document; raise ``NoSuchItemError`` when there is none."""
        try:
            response = self._client.get_object(Bucket=self.bucket, Key=self.key_for(item_id))
        except Exception as exc:
            if _error_code(exc) in ("NoSuchKey", "404"):
                raise NoSuchItemError(item_id) from exc
            raise
        document: dict[str, Any] = json.loads(response["Body"].read())
        return document

    def put(self, item_id: str, document: dict[str, Any]) -> bool:
        """Store ``document``; return True when it created the item, False when it replaced one.

        A conditional write (``If-None-Match: *``) decides "created" atomically: of two
        concurrent first writes exactly one is told it created the item.
        """
        key = self.key_for(item_id)
        params = {
            "Bucket": self.bucket,
            "Key": key,
            "Body": layout.encode_item(document),
            "ContentType": layout.CONTENT_TYPE,
        }
        try:
            self._client.put_object(IfNoneMatch="*", **params)
        except Exception as exc:
            if _error_code(exc) not in ("PreconditionFailed", "ConditionalRequestConflict"):
                raise
        else:
            return True
        self._client.put_object(**params)
        return False

    def delete(self, item_id: str) -> None:
        """Delete the item; deleting a missing item is not an error."""
        self._client.delete_object(Bucket=self.bucket, Key=self.key_for(item_id))

    def list(self, limit: int, cursor: str | None = None) -> Page:
        """One page of at most ``limit`` items in key order, and the cursor of the next page."""
        params: dict[str, Any] = {"Bucket": self.bucket, "Prefix": self.prefix, "MaxKeys": limit}
        if cursor is not None:
            params["ContinuationToken"] = self.decode_cursor(cursor)
        try:
            response = self._client.list_objects_v2(**params)
        except Exception as exc:
            if cursor is not None and _error_code(exc) == "InvalidArgument":
                raise MalformedCursorError("cursor not accepted") from exc
            raise
        items = []
        for entry in response.get("Contents", ()):
            item_id = self.id_for(entry["Key"])
            if item_id is not None:
                items.append(ItemSummary(item_id, entry["Size"], entry["LastModified"]))
        token = response.get("NextContinuationToken") if response.get("IsTruncated") else None
        return Page(items=items, next_cursor=self.encode_cursor(token) if token else None)


@functools.cache
def default_s3_client() -> Any:
    """The process-wide S3 client, created on first use (boto3 is imported here, not above)."""
    # Deliberately lazy: keeps boto3 (about 100 ms) out of the cold import of the handler.
    import boto3  # noqa: PLC0415
    from botocore.config import Config  # noqa: PLC0415

    # Timeouts well below any sensible function timeout, so a slow S3 call fails as a 500
    # with a request id instead of a gateway timeout.
    config = Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard"})
    return boto3.client("s3", config=config)
