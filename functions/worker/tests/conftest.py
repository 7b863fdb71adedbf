"""Fixtures of the worker tests: moto S3 (items bucket) and DynamoDB (the items table)."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from functions_testing import client, create_bucket, create_table, index_record
from moto import mock_aws
from worker_testing import BUCKET, PREFIX, TABLE, handler

from items_worker.worker import Worker


@dataclass
class Aws:
    s3: Any
    dynamodb: Any

    def stored(self, item_id: str) -> Any:
        body = self.s3.get_object(Bucket=BUCKET, Key=f"{PREFIX}{item_id}.json")["Body"].read()
        return json.loads(body)

    def keys(self) -> list[str]:
        return [
            entry["Key"] for entry in self.s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
        ]

    def index(self, item_id: str) -> dict[str, Any] | None:
        return index_record(self.dynamodb, item_id)


@pytest.fixture
def aws() -> Iterator[Aws]:
    with mock_aws():
        s3, dynamodb = client("s3"), client("dynamodb")
        create_bucket(s3, BUCKET)
        create_table(dynamodb, TABLE)
        handler.set_worker(
            Worker(s3=s3, dynamodb=dynamodb, bucket=BUCKET, prefix=PREFIX, table=TABLE)
        )
        try:
            yield Aws(s3, dynamodb)
        finally:
            handler.set_worker(None)
