"""Fixtures of the importer tests: moto S3 (versioned uploads), SQS (queue + DLQ), DynamoDB."""

from collections.abc import Iterator

import pytest
from functions_testing import client, create_bucket, create_queue_with_dlq, create_table
from importer_testing import QUEUE, TABLE, UPLOADS, Aws, handler
from moto import mock_aws


@pytest.fixture
def aws() -> Iterator[Aws]:
    """Fresh moto S3 (versioned uploads bucket), SQS (queue + DLQ) and DynamoDB per test."""
    with mock_aws():
        s3, sqs, dynamodb = client("s3"), client("sqs"), client("dynamodb")
        create_bucket(s3, UPLOADS, versioned=True)
        queue_url, _, dlq_url = create_queue_with_dlq(sqs, QUEUE)
        create_table(dynamodb, TABLE)
        importer = handler.new_importer(s3, sqs, dynamodb, queue_url)
        handler.set_importer(importer)
        try:
            yield Aws(s3, sqs, dynamodb, queue_url, dlq_url)
        finally:
            handler.set_importer(None)
