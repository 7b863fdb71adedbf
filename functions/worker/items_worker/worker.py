"""Write one import message: the item to the items bucket, its index record to the table.

The message is checked again with the shared item rules before anything is written (the queue
is not trusted more than the API's clients). Both writes are idempotent (same bytes, same key),
so a message delivered twice, or retried after one of the writes failed, ends in the same state.
"""

import json
from datetime import datetime
from typing import Any

from items_core import layout, rules
from items_core.table import ItemIndex, index_record

_SOURCE_FIELDS = {"bucket": str, "key": str, "version": str, "line": int}


class InvalidMessageError(ValueError):
    """The message body is not an item message; retrying will not help (it ends in the DLQ)."""


def parse_message(body: object) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """``(id, document, source)`` of a message body ``{"id", "item", "source"?}``."""
    if not isinstance(body, str):
        raise InvalidMessageError("the message body is not text")
    try:
        message = rules.parse_json(body.encode("utf-8", "surrogatepass"), "the message")
    except rules.InvalidItemError as exc:
        raise InvalidMessageError(exc.message) from None
    if not isinstance(message, dict) or not {"id", "item"} <= set(message) <= {
        "id",
        "item",
        "source",
    }:
        raise InvalidMessageError(
            'the message must be {"id": ..., "item": {...}, "source"?: {...}}'
        )
    try:
        item_id = rules.check_item_id(message["id"])
        document = rules.check_document(message["item"], "the item")
    except rules.InvalidItemError as exc:
        raise InvalidMessageError(exc.message) from None
    if len(rules.encode_compact(document)) > rules.MAX_DOCUMENT_BYTES:
        raise InvalidMessageError(f"the item exceeds {rules.MAX_DOCUMENT_BYTES} bytes")
    raw_source = message.get("source")
    source = {}
    if isinstance(raw_source, dict):
        source = {
            name: raw_source[name]
            for name, kind in _SOURCE_FIELDS.items()
            if type(raw_source.get(name)) is kind
        }
    return item_id, document, source


class Worker:
    """Writes items with the given clients (boto3's, moto's or stubs)."""

    def __init__(self, *, s3: Any, dynamodb: Any, bucket: str, prefix: str, table: str) -> None:
        self._s3 = s3
        self._index = ItemIndex(dynamodb, table)
        self.bucket = bucket
        self.prefix = prefix
        self.table = table

    def write(self, body: object, now: datetime | None = None) -> dict[str, Any]:
        """Store the item of one message; return its index record."""
        item_id, document, source = parse_message(body)
        key = layout.object_key(self.prefix, item_id)
        data = layout.encode_item(document)
        response = self._s3.put_object(
            Bucket=self.bucket, Key=key, Body=data, ContentType=layout.CONTENT_TYPE
        )
        record = index_record(
            item_id,
            bucket=self.bucket,
            key=key,
            size=len(data),
            put_response=response,
            now=now,
            source=source,
        )
        self._index.put(record)
        return record


def message_id_of(record: object) -> str | None:
    """The SQS message id of an event record, when it has one."""
    if isinstance(record, dict):
        message_id = record.get("messageId")
        if isinstance(message_id, str) and message_id:
            return message_id
    return None


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))
