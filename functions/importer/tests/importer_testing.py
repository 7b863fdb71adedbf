"""Helpers of the importer tests: environment, recorded events, the moto resources.

Loaded by ``functions/conftest.py`` (see ``functions/tests/functions_testing.py``).
"""

import copy
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import quote_plus

from functions_testing import REGION, TABLE, use_function
from functions_testing import FakeLambdaContext as _Context
from functions_testing import load_event as _load_event

UPLOADS = "nova-uploads-test"
QUEUE = "nova-import-test"
QUEUE_URL = f"https://sqs.{REGION}.amazonaws.com/123456789012/{QUEUE}"
TEST_ENV = {
    "IMPORT_QUEUE_URL": QUEUE_URL,
    "ITEMS_TABLE": TABLE,
}
handler = use_function("importer", TEST_ENV)
load_event = partial(_load_event, "importer")


@dataclass
class FakeLambdaContext(_Context):
    function_name: str = "nova-items-importer"
    memory_limit_in_mb: int = 512
    remaining_ms: int = 300_000


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


def upload(s3: Any, key: str, data: bytes, bucket: str = UPLOADS) -> dict[str, Any]:
    """Put an object into ``bucket``; return the ObjectCreated event S3 would send."""
    response = s3.put_object(Bucket=bucket, Key=key, Body=data)
    event = s3_event(
        key, version_id=response.get("VersionId"), etag=response["ETag"].strip('"'), size=len(data)
    )
    event["Records"][0]["s3"]["bucket"]["name"] = bucket
    return event


@dataclass
class Aws:
    s3: Any
    sqs: Any
    dynamodb: Any
    queue_url: str
    dlq_url: str

    def upload(self, key: str, data: bytes) -> dict[str, Any]:
        """Put an object; return the matching ObjectCreated event."""
        return upload(self.s3, key, data)

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
