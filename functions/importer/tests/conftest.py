"""Fixtures of the importer tests: moto S3 (versioned uploads), SQS (queue + DLQ), DynamoDB."""

import importlib.util
import io
import json
import sys
from collections.abc import Callable, Iterator
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


_load_helpers(Path(__file__).with_name("importer_testing.py"))

from importer_testing import (  # noqa: E402
    QUEUE,
    REGION,
    TABLE,
    UPLOADS,
    Aws,
    FakeLambdaContext,
    create_table,
)

from items_importer import handler  # noqa: E402
from items_importer.importer import Importer, Limits  # noqa: E402


def _client(service: str) -> Any:
    return boto3.client(
        service,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@pytest.fixture
def aws() -> Iterator[Aws]:
    """Fresh moto S3 (versioned uploads bucket), SQS (queue + DLQ) and DynamoDB per test."""
    with mock_aws():
        s3, sqs, dynamodb = _client("s3"), _client("sqs"), _client("dynamodb")
        s3.create_bucket(Bucket=UPLOADS, CreateBucketConfiguration={"LocationConstraint": REGION})
        s3.put_bucket_versioning(Bucket=UPLOADS, VersioningConfiguration={"Status": "Enabled"})
        dlq_url = sqs.create_queue(QueueName=f"{QUEUE}-dlq")["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        queue_url = sqs.create_queue(
            QueueName=QUEUE,
            Attributes={
                "RedrivePolicy": json.dumps(
                    {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "3"}
                )
            },
        )["QueueUrl"]
        create_table(dynamodb, TABLE)
        importer = Importer(
            s3=s3,
            sqs=sqs,
            dynamodb=dynamodb,
            queue_url=queue_url,
            table=TABLE,
            limits=Limits(
                max_import_bytes=handler.SETTINGS.max_import_bytes,
                queue_max_message_bytes=handler.SETTINGS.queue_max_message_bytes,
                record_ttl_days=handler.SETTINGS.record_ttl_days,
                import_prefix=handler.SETTINGS.import_prefix,
            ),
        )
        handler.set_importer(importer)
        try:
            yield Aws(s3, sqs, dynamodb, queue_url, dlq_url)
        finally:
            handler.set_importer(None)


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
