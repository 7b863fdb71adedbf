"""Helpers of the worker tests: environment, recorded events.

Loaded by ``functions/conftest.py`` (see ``functions/tests/functions_testing.py``).
"""

import copy
import uuid
from dataclasses import dataclass
from functools import partial
from typing import Any

from functions_testing import BUCKET, PREFIX, REGION, TABLE, use_function
from functions_testing import FakeLambdaContext as _Context
from functions_testing import load_event as _load_event

TEST_ENV = {
    "ITEMS_BUCKET": BUCKET,
    "ITEMS_PREFIX": PREFIX,
    "ITEMS_TABLE": TABLE,
}
handler = use_function("worker", TEST_ENV)
load_event = partial(_load_event, "worker")


@dataclass
class FakeLambdaContext(_Context):
    function_name: str = "nova-items-worker"


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
