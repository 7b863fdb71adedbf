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
from items_core.dynamo import from_item, to_item
from items_importer import contract

CONDITION_FAILED = "ConditionalCheckFailedException"


def record_id(bucket: str, key: str, version: str) -> str:
    """``import#<bucket>/<key>#<version>``."""
    return f"{contract.IMPORT_RECORD_ID_PREFIX}{bucket}/{key}#{version}"


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
