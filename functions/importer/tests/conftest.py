"""Fixtures of the importer tests: moto S3 (versioned uploads), SQS (queue + DLQ), DynamoDB."""

import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

sys.path.insert(0, str(Path(__file__).resolve().parent))

from importer_testing import (
    QUEUE,
    REGION,
    TABLE,
    UPLOADS,
    Aws,
    FakeLambdaContext,
    create_table,
)

from items_importer import handler
from items_importer.importer import Importer, Limits


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
