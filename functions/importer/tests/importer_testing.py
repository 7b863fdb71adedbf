"""Helpers of the importer tests: environment, recorded events, the contract's table.

The function folder goes on ``sys.path`` and the environment is set before the handler is first
imported, because the function reads its configuration once, at import. (A module of its own,
not conftest.py: pytest's importlib mode does not make conftest importable by tests.)
"""

import copy
import json
import os
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

FUNCTION_ROOT = Path(__file__).resolve().parents[1]
EVENTS_DIR = Path(__file__).resolve().parent / "events"
if str(FUNCTION_ROOT) not in sys.path:
    sys.path.insert(0, str(FUNCTION_ROOT))

REGION = "eu-west-1"
UPLOADS = "nova-uploads-test"
TABLE = "nova-items-table-test"
QUEUE = "nova-import-test"
QUEUE_URL = f"https://sqs.{REGION}.amazonaws.com/123456789012/{QUEUE}"
TEST_ENV = {
    "IMPORT_QUEUE_URL": QUEUE_URL,
    "ITEMS_TABLE": TABLE,
    "APP_ENVIRONMENT": "test",
    "POWERTOOLS_SERVICE_NAME": "items-importer",
    "POWERTOOLS_METRICS_NAMESPACE": "Nova/ItemsImporterTest",
    "POWERTOOLS_LOG_LEVEL": "INFO",
}
os.environ.update(TEST_ENV)
os.environ.setdefault("AWS_DEFAULT_REGION", REGION)

from items_importer import contract, handler  # noqa: E402


@dataclass
class FakeLambdaContext:
    function_name: str = "nova-items-importer"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 512
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    invoked_function_arn: str = "arn:aws:lambda:eu-west-1:123456789012:function:nova-items-importer"
    log_group_name: str = "/aws/lambda/nova-items-importer"
    log_stream_name: str = "2026/11/30/[$LATEST]0123456789abcdef0123456789abcdef"
    remaining_ms: int = 300_000

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


def load_event(name: str) -> dict[str, Any]:
    return json.loads((EVENTS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def s3_event(key: str, *, version_id: str | None = None, etag: str | None = None, size: int = 0):
    """The recorded ObjectCreated event, naming another object."""
    event = copy.deepcopy(load_event("s3_object_created"))
    obj = event["Records"][0]["s3"]["object"]
    obj["key"] = quote_plus(key, safe="/")
    obj["size"] = size
    for name, value in (("versionId", version_id), ("eTag", etag)):
        if value is None:
            obj.pop(name, None)
        else:
            obj[name] = value
    event["Records"][0]["s3"]["bucket"]["name"] = UPLOADS
    return event


def create_table(client: Any, name: str) -> None:
    """The table exactly as the contract describes it (the stack declares the same)."""
    client.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": contract.TABLE_PARTITION_KEY, "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": attribute, "AttributeType": kind}
            for attribute, kind in contract.TABLE_ATTRIBUTES.items()
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": contract.TABLE_GSI_NAME,
                "KeySchema": [
                    {"AttributeName": contract.TABLE_GSI_PARTITION_KEY, "KeyType": "HASH"},
                    {"AttributeName": contract.TABLE_GSI_SORT_KEY, "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": contract.TABLE_GSI_PROJECTION},
            }
        ],
    )
    client.update_time_to_live(
        TableName=name,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": contract.TABLE_TTL_ATTRIBUTE},
    )


@dataclass
class Aws:
    s3: Any
    sqs: Any
    dynamodb: Any
    queue_url: str
    dlq_url: str

    def upload(self, key: str, data: bytes) -> dict[str, Any]:
        """Put an object; return the matching ObjectCreated event."""
        response = self.s3.put_object(Bucket=UPLOADS, Key=key, Body=data)
        return s3_event(
            key,
            version_id=response.get("VersionId"),
            etag=response["ETag"].strip('"'),
            size=len(data),
        )

    def messages(self) -> list[dict[str, Any]]:
        """Every message on the import queue (received, not deleted)."""
        found: list[dict[str, Any]] = []
        while True:
            batch = self.sqs.receive_message(
                QueueUrl=self.queue_url, MaxNumberOfMessages=10, VisibilityTimeout=300
            ).get("Messages", [])
            if not batch:
                return found
            found.extend(batch)

    def record(self, record_id: str) -> dict[str, Any] | None:
        return handler.get_importer().records.get(record_id)
