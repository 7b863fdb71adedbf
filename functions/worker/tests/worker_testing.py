"""Helpers of the worker tests: environment, recorded events, the contract's table.

The function folder goes on ``sys.path`` and the environment is set before the handler is first
imported, because the function reads its configuration once, at import.
"""

import copy
import json
import os
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FUNCTION_ROOT = Path(__file__).resolve().parents[1]
EVENTS_DIR = Path(__file__).resolve().parent / "events"
if str(FUNCTION_ROOT) not in sys.path:
    sys.path.insert(0, str(FUNCTION_ROOT))

REGION = "eu-west-1"
BUCKET = "nova-items-test"
PREFIX = "items/"
TABLE = "nova-items-table-test"
TEST_ENV = {
    "ITEMS_BUCKET": BUCKET,
    "ITEMS_PREFIX": PREFIX,
    "ITEMS_TABLE": TABLE,
    "APP_ENVIRONMENT": "test",
    "POWERTOOLS_SERVICE_NAME": "items-worker",
    "POWERTOOLS_METRICS_NAMESPACE": "Nova/ItemsWorkerTest",
    "POWERTOOLS_LOG_LEVEL": "INFO",
}
os.environ.update(TEST_ENV)
os.environ.setdefault("AWS_DEFAULT_REGION", REGION)

from items_worker import contract  # noqa: E402


@dataclass
class FakeLambdaContext:
    function_name: str = "nova-items-worker"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 256
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    invoked_function_arn: str = "arn:aws:lambda:eu-west-1:123456789012:function:nova-items-worker"
    log_group_name: str = "/aws/lambda/nova-items-worker"
    log_stream_name: str = "2026/11/30/[$LATEST]0123456789abcdef0123456789abcdef"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def load_event(name: str) -> dict[str, Any]:
    return json.loads((EVENTS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def sqs_event(bodies: list[str], message_ids: list[str] | None = None) -> dict[str, Any]:
    """An SQS event shaped like the recorded one, holding ``bodies``."""
    template = load_event("sqs_batch")["Records"][0]
    records = []
    for index, body in enumerate(bodies):
        record = copy.deepcopy(template)
        record["body"] = body
        record["messageId"] = message_ids[index] if message_ids else str(uuid.uuid4())
        records.append(record)
    return {"Records": records}


def sqs_event_from_messages(messages: list[dict[str, Any]], queue_arn: str) -> dict[str, Any]:
    """The event Lambda's event source mapping builds from messages received from a queue."""
    records = []
    for message in messages:
        records.append(
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": message.get("Attributes", {}),
                "messageAttributes": {},
                "md5OfBody": message["MD5OfBody"],
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": REGION,
            }
        )
    return {"Records": records}


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
