"""Where and how an item is stored in the items bucket (the API and the worker write alike)."""

from typing import Any

from items_core.rules import check_item_id, encode_compact, is_item_id

OBJECT_SUFFIX = ".json"
"""Items live at ``<prefix><id>.json``."""
CONTENT_TYPE = "application/json"


def object_key(prefix: str, item_id: str) -> str:
    """The S3 key of ``item_id`` under ``prefix``; raise ``InvalidItemError`` for an invalid id."""
    return f"{prefix}{check_item_id(item_id)}{OBJECT_SUFFIX}"


def id_of_key(prefix: str, key: str) -> str | None:
    """The item id stored at ``key``, or None for keys that are not items under ``prefix``."""
    if not (key.startswith(prefix) and key.endswith(OBJECT_SUFFIX)):
        return None
    item_id = key[len(prefix) : -len(OBJECT_SUFFIX)]
    return item_id if is_item_id(item_id) else None


def encode_item(document: Any) -> bytes:
    """The stored bytes of a document: compact UTF-8 JSON."""
    return encode_compact(document)
