"""Fixtures of the worker tests: moto S3 (items bucket) and DynamoDB (the contract's table)."""

import importlib.util
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
from moto import mock_aws


def _load_helpers(path: Path) -> ModuleType:
    """Import a helper module of the tests by path, once, under its own name.

    (Not by putting its folder on ``sys.path``: that folder holds a conftest.py, which would
    shadow the repository's ``tests/conftest.py`` for ``from conftest import ...``.)
    """
    name = path.stem
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_load_helpers(Path(__file__).with_name("worker_testing.py"))

from worker_testing import (  # noqa: E402
    BUCKET,
    PREFIX,
    REGION,
    TABLE,
    FakeLambdaContext,
    create_table,
)

from items_core.dynamo import from_item  # noqa: E402
from items_worker import handler  # noqa: E402
from items_worker.worker import Worker  # noqa: E402


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
        item = self.dynamodb.get_item(TableName=TABLE, Key={"id": {"S": item_id}}).get("Item")
        return from_item(item) if item else None


def _client(service: str) -> Any:
    return boto3.client(
        service, region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing"
    )


@pytest.fixture
def aws() -> Iterator[Aws]:
    with mock_aws():
        s3, dynamodb = _client("s3"), _client("dynamodb")
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        create_table(dynamodb, TABLE)
        handler.set_worker(
            Worker(s3=s3, dynamodb=dynamodb, bucket=BUCKET, prefix=PREFIX, table=TABLE)
        )
        try:
            yield Aws(s3, dynamodb)
        finally:
            handler.set_worker(None)


@pytest.fixture
def invoke() -> Callable[..., dict[str, Any]]:
    def call(event: Any, context: Any = None) -> dict[str, Any]:
        return handler.lambda_handler(event, context or FakeLambdaContext())

    return call


@pytest.fixture
def log_lines() -> Iterator[Callable[[], list[dict[str, Any]]]]:
    log_handler = handler.logger.registered_handler
    buffer = io.StringIO()
    previous = log_handler.setStream(buffer)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines() if line]
    log_handler.setStream(previous)
