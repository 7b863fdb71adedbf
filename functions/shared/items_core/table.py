"""The items table: its layout (the stack declares exactly this) and the item index record.

One table holds two kinds of records, told apart by ``kind``:

- an item's index record, keyed by the item id, written whenever the item is stored (by the
  worker for imported items, by the items API for ``PUT /items/{id}``) and deleted with the item
  (by the items API for ``DELETE /items/{id}``);
- an import record, keyed by ``import#<bucket>/<key>#<version>`` (the importer's).

The GSI ``timestamp-index`` lists one kind of record by update time.
"""

from datetime import UTC, datetime
from typing import Any

from items_core.aws import iso_time
from items_core.dynamo import to_item

# The layout names a contract re-exports with ``from items_core.table import *``.
__all__ = [
    "TABLE_PARTITION_KEY",
    "TABLE_GSI_NAME",
    "TABLE_GSI_PARTITION_KEY",
    "TABLE_GSI_SORT_KEY",
    "TABLE_GSI_PROJECTION",
    "TABLE_ATTRIBUTES",
    "TABLE_TTL_ATTRIBUTE",
    "KIND_ITEM",
    "KIND_IMPORT",
    "IMPORT_RECORD_ID_PREFIX",
]

TABLE_PARTITION_KEY = "id"
"""Partition key (S): an item id, or "import#<bucket>/<key>#<version>" for an import record
(item ids cannot contain "#", so the two never collide). No sort key."""
TABLE_GSI_NAME = "timestamp-index"
TABLE_GSI_PARTITION_KEY = "kind"
"""GSI partition key (S): "item" or "import" - list one kind of record by update time."""
TABLE_GSI_SORT_KEY = "updated_at"
"""GSI sort key (S): ISO 8601 UTC time with milliseconds, "2026-12-02T18:42:57.123Z" (sorts as
text in time order)."""
TABLE_GSI_PROJECTION = "ALL"
TABLE_ATTRIBUTES: dict[str, str] = {"id": "S", "kind": "S", "updated_at": "S"}
"""Every key attribute and its DynamoDB type (the stack's attribute definitions)."""
TABLE_TTL_ATTRIBUTE = "expires_at"
"""TTL attribute (N, epoch seconds); set on import records only - enable TTL on it."""
KIND_ITEM = "item"
KIND_IMPORT = "import"
IMPORT_RECORD_ID_PREFIX = "import#"

INDEX_RECORD_FIELDS: tuple[str, ...] = (
    TABLE_PARTITION_KEY,
    TABLE_GSI_PARTITION_KEY,
    TABLE_GSI_SORT_KEY,
    "bucket",
    "key",
    "size",
    "etag",
    "version_id",
    "source",
)
"""Every attribute an item's index record may hold ("etag", "version_id" and "source" only when
known; "source" names the import line the item came from)."""


def index_record(
    item_id: str,
    *,
    bucket: str,
    key: str,
    size: int,
    put_response: dict[str, Any],
    now: datetime | None = None,
    source: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The index record of an item just stored at ``bucket``/``key`` (``size`` bytes).

    ``put_response`` is S3's answer to the ``PutObject`` that stored it (its ETag and VersionId).
    """
    record: dict[str, Any] = {
        TABLE_PARTITION_KEY: item_id,
        TABLE_GSI_PARTITION_KEY: KIND_ITEM,
        TABLE_GSI_SORT_KEY: iso_time(now or datetime.now(UTC)),
        "bucket": bucket,
        "key": key,
        "size": size,
        "etag": str(put_response.get("ETag", "")).strip('"') or None,
        "version_id": put_response.get("VersionId"),
    }
    if source:
        record["source"] = source
    return record


def index_key(item_id: str) -> dict[str, Any]:
    """The DynamoDB key (low-level format) of an item's index record."""
    return {TABLE_PARTITION_KEY: {"S": item_id}}


class ItemIndex:
    """Writes and deletes items' index records in the table, with any DynamoDB client (boto3's,
    moto's, a stub). The worker and the items API write through this, so both write the same
    record for an item stored at the same place."""

    def __init__(self, dynamodb: Any, table: str) -> None:
        self._dynamodb = dynamodb
        self.table = table

    def put(self, record: dict[str, Any]) -> None:
        """Write ``record`` (from ``index_record``), replacing the item's previous record whole."""
        self._dynamodb.put_item(TableName=self.table, Item=to_item(record))

    def delete(self, item_id: str) -> None:
        """Delete the item's record; deleting a missing record is not an error."""
        self._dynamodb.delete_item(TableName=self.table, Key=index_key(item_id))
