"""Items stored as JSON objects in S3, one object per item at ``<prefix><id>.json``, and each
item's index record in the items table.

``ItemStore`` takes any S3 client (and, for the index, any DynamoDB client: boto3's, moto's, a
stub), so tests and benchmarks can call it directly. boto3 is imported only inside the
``default_*_client`` functions: importing this module stays cheap and the handler's cold import
never pays for boto3 before the first request that needs it.

Ordering and failures. S3 holds the item and is changed first; the index follows it:

- ``put``: the object is written, then the item's index record (``items_core.table``: the record
  the worker writes for an imported item, built from S3's answer, so its ETag and version are the
  stored object's) replaces the previous one;
- ``delete``: the object is deleted, then the index record.

When the index write fails after the S3 change, ``IndexWriteError`` is raised (the API answers
500): the index then lags S3 (a missing or stale record after a put, a record of a deleted item
after a delete), never the reverse, so an index record never hides an item that exists. Both
steps are idempotent, so retrying the same request repairs the index (a retried first ``PUT``
reports ``created: false``: the object was created by the first attempt).
"""

import functools
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from items_api import cursors
from items_api.cursors import KeyProvider, MalformedCursorError
from items_core import layout
from items_core.aws import error_code
from items_core.rules import InvalidItemError
from items_core.table import ItemIndex, index_record

__all__ = [
    "IndexWriteError",
    "ItemIndex",
    "ItemStore",
    "ItemSummary",
    "MalformedCursorError",
    "NoSuchItemError",
    "Page",
    "default_dynamodb_client",
    "default_s3_client",
]


class NoSuchItemError(LookupError):
    """No item with this id."""


class IndexWriteError(RuntimeError):
    """S3 was changed but the item's index record was not written (or deleted)."""

    def __init__(self, operation: str, item_id: str) -> None:
        super().__init__(f"{operation} of item {item_id!r}: the index record was not updated")
        self.operation = operation
        self.item_id = item_id


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


class ItemStore:
    """CRUD and listing of JSON documents under one prefix of one bucket."""

    def __init__(
        self,
        client: Any,
        bucket: str,
        prefix: str,
        cursor_key: KeyProvider | None = None,
        index: ItemIndex | None = None,
    ) -> None:
        self._client = client
        self.bucket = bucket
        self.prefix = prefix
        self._cursor_key = cursor_key
        self.index = index
        """Where the items' index records go; None keeps no index (tests, benchmarks)."""

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
            if error_code(exc) in ("NoSuchKey", "404"):
                raise NoSuchItemError(item_id) from exc
            raise
        document: dict[str, Any] = json.loads(response["Body"].read())
        return document

    def put(self, item_id: str, document: dict[str, Any]) -> bool:
        """Store ``document``, then its index record; return True when it created the item,
        False when it replaced one. Raise ``IndexWriteError`` when the object was stored but
        the index record was not written.

        A conditional write (``If-None-Match: *``) decides "created" atomically: of two
        concurrent first writes exactly one is told it created the item.
        """
        key = self.key_for(item_id)
        data = layout.encode_item(document)
        params = {
            "Bucket": self.bucket,
            "Key": key,
            "Body": data,
            "ContentType": layout.CONTENT_TYPE,
        }
        created = True
        try:
            response = self._client.put_object(IfNoneMatch="*", **params)
        except Exception as exc:
            if error_code(exc) not in ("PreconditionFailed", "ConditionalRequestConflict"):
                raise
            created = False
            response = self._client.put_object(**params)
        if self.index is not None:
            record = index_record(
                item_id, bucket=self.bucket, key=key, size=len(data), put_response=response
            )
            try:
                self.index.put(record)
            except Exception as exc:
                raise IndexWriteError("put", item_id) from exc
        return created

    def delete(self, item_id: str) -> None:
        """Delete the item, then its index record; deleting a missing item is not an error.
        Raise ``IndexWriteError`` when the object was deleted but the record was not."""
        self._client.delete_object(Bucket=self.bucket, Key=self.key_for(item_id))
        if self.index is not None:
            try:
                self.index.delete(item_id)
            except Exception as exc:
                raise IndexWriteError("delete", item_id) from exc

    def list(self, limit: int, cursor: str | None = None) -> Page:
        """One page of at most ``limit`` items in key order, and the cursor of the next page."""
        params: dict[str, Any] = {"Bucket": self.bucket, "Prefix": self.prefix, "MaxKeys": limit}
        if cursor is not None:
            params["ContinuationToken"] = self.decode_cursor(cursor)
        try:
            response = self._client.list_objects_v2(**params)
        except Exception as exc:
            if cursor is not None and error_code(exc) == "InvalidArgument":
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
    return _client("s3")


@functools.cache
def default_dynamodb_client() -> Any:
    """The process-wide DynamoDB client (the index), created on first use."""
    return _client("dynamodb")


def _client(service: str) -> Any:
    # Deliberately lazy: keeps boto3 (about 100 ms) out of the cold import of the handler.
    import boto3  # noqa: PLC0415
    from botocore.config import Config  # noqa: PLC0415

    # Timeouts well below any sensible function timeout, so a slow AWS call fails as a 500
    # with a request id instead of a gateway timeout.
    config = Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard"})
    return boto3.client(service, config=config)
