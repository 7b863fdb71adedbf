"""Import records in the items table: claim, finish and release, all conditional.

A record's id is ``import#<bucket>/<key>#<version>``. Claiming it is a conditional put that
succeeds only when no record exists, or when an earlier attempt's lease has run out (that attempt
timed out or crashed). So of two deliveries of the same S3 event, one imports and the other is a
duplicate; the state lives in DynamoDB, never in the function's memory. Finishing overwrites the
record only while this attempt still holds the claim (same ``claim`` token).
"""

import uuid
from dataclasses import dataclass
from typing import Any

from items_core.aws import error_code
from items_importer import contract

CONDITION_FAILED = "ConditionalCheckFailedException"


def record_id(bucket: str, key: str, version: str) -> str:
    """``import#<bucket>/<key>#<version>``."""
    return f"{contract.IMPORT_RECORD_ID_PREFIX}{bucket}/{key}#{version}"


def to_attribute(value: Any) -> dict[str, Any]:
    """A DynamoDB attribute value (low-level format) for the plain values records hold."""
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int):
        return {"N": str(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, list):
        return {"L": [to_attribute(entry) for entry in value]}
    if isinstance(value, dict):
        return {"M": {name: to_attribute(entry) for name, entry in value.items()}}
    if value is None:
        return {"NULL": True}
    raise TypeError(f"cannot store {type(value).__name__} in a record")


def from_attribute(value: dict[str, Any]) -> Any:
    """The plain value of a DynamoDB attribute value written by ``to_attribute``."""
    (kind, data), *_ = value.items()
    if kind == "N":
        return int(data)
    if kind == "L":
        return [from_attribute(entry) for entry in data]
    if kind == "M":
        return {name: from_attribute(entry) for name, entry in data.items()}
    if kind == "NULL":
        return None
    return data


def to_item(record: dict[str, Any]) -> dict[str, Any]:
    return {name: to_attribute(value) for name, value in record.items() if value is not None}


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    return {name: from_attribute(value) for name, value in item.items()}


@dataclass
class Claim:
    """This attempt's hold on one import record."""

    id: str
    token: str


class ImportRecords:
    """Import records of one table."""

    def __init__(self, client: Any, table: str) -> None:
        self._client = client
        self.table = table

    def claim(self, record: dict[str, Any], now_epoch: int) -> Claim | None:
        """Write ``record`` as in progress unless another attempt holds or finished it.

        ``record`` carries ``lease_until`` (epoch seconds). Returns None for a duplicate.
        """
        token = uuid.uuid4().hex
        item = to_item({**record, "status": contract.STATUS_IN_PROGRESS, "claim": token})
        try:
            self._client.put_item(
                TableName=self.table,
                Item=item,
                ConditionExpression=(
                    "attribute_not_exists(#id) OR (#status = :in_progress AND #lease < :now)"
                ),
                ExpressionAttributeNames={
                    "#id": contract.TABLE_PARTITION_KEY,
                    "#status": "status",
                    "#lease": "lease_until",
                },
                ExpressionAttributeValues={
                    ":in_progress": {"S": contract.STATUS_IN_PROGRESS},
                    ":now": {"N": str(now_epoch)},
                },
            )
        except Exception as exc:
            if error_code(exc) == CONDITION_FAILED:
                return None
            raise
        return Claim(record["id"], token)

    def finish(self, claim: Claim, record: dict[str, Any]) -> bool:
        """Replace the claimed record with its final state; False if the claim was lost."""
        try:
            self._client.put_item(
                TableName=self.table,
                Item=to_item(record),
                ConditionExpression="#claim = :token",
                ExpressionAttributeNames={"#claim": "claim"},
                ExpressionAttributeValues={":token": {"S": claim.token}},
            )
        except Exception as exc:
            if error_code(exc) == CONDITION_FAILED:
                return False
            raise
        return True

    def release(self, claim: Claim) -> None:
        """Delete the in-progress record so a retry can import again (best effort)."""
        try:
            self._client.delete_item(
                TableName=self.table,
                Key={contract.TABLE_PARTITION_KEY: {"S": claim.id}},
                ConditionExpression="#claim = :token",
                ExpressionAttributeNames={"#claim": "claim"},
                ExpressionAttributeValues={":token": {"S": claim.token}},
            )
        except Exception:
            return

    def get(self, id_: str) -> dict[str, Any] | None:
        """The record with this id, or None."""
        response = self._client.get_item(
            TableName=self.table,
            Key={contract.TABLE_PARTITION_KEY: {"S": id_}},
            ConsistentRead=True,
        )
        item = response.get("Item")
        return from_item(item) if item else None
