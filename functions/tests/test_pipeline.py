"""Upload -> importer -> queue -> worker -> items bucket and table, on moto; poison -> DLQ.

Lambda's S3 trigger and SQS event source mapping are played by the test: the importer gets the
ObjectCreated event of the real upload, the worker gets an SQS event built from the messages
really received from the queue, and messages the worker does not report as failed are deleted
(what the event source mapping does with a partial batch response).
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import importer_testing
import pytest
import worker_testing
from functions_testing import (
    client,
    create_bucket,
    create_queue_with_dlq,
    create_table,
    index_record,
)
from moto import mock_aws

from items_importer import contract
from items_importer import handler as importer_handler
from items_worker import handler as worker_handler
from items_worker.worker import Worker

REGION = "eu-west-1"
UPLOADS = "nova-uploads-e2e"
ITEMS = "nova-items-e2e"
TABLE = "nova-items-table-e2e"
MAX_RECEIVE_COUNT = 3


@dataclass
class Pipeline:
    s3: Any
    sqs: Any
    dynamodb: Any
    queue_url: str
    queue_arn: str
    dlq_url: str

    def upload(self, key: str, data: bytes) -> dict[str, Any]:
        return importer_testing.upload(self.s3, key, data, UPLOADS)

    def receive(self, queue_url: str | None = None) -> list[dict[str, Any]]:
        """One poll, like the event source mapping's; a message not deleted is visible again
        at once (visibility timeout 0), so the next poll redelivers it."""
        return self.sqs.receive_message(
            QueueUrl=queue_url or self.queue_url,
            MaxNumberOfMessages=10,
            VisibilityTimeout=0,
            AttributeNames=["All"],
        ).get("Messages", [])

    def deliver(self, messages: list[dict[str, Any]]) -> dict[str, Any]:
        """Invoke the worker with these messages; delete those it did not report as failed."""
        event = worker_testing.sqs_event_from_messages(messages, self.queue_arn)
        response = worker_handler.lambda_handler(event, worker_testing.FakeLambdaContext())
        failed = {entry["itemIdentifier"] for entry in response["batchItemFailures"]}
        for message in messages:
            if message["MessageId"] not in failed:
                self.sqs.delete_message(
                    QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"]
                )
        return response

    def record(self, record_id: str) -> dict[str, Any] | None:
        return index_record(self.dynamodb, record_id, TABLE)


@pytest.fixture
def pipeline() -> Iterator[Pipeline]:
    with mock_aws():
        s3, sqs, dynamodb = client("s3"), client("sqs"), client("dynamodb")
        create_bucket(s3, UPLOADS, versioned=True)
        create_bucket(s3, ITEMS)
        create_table(dynamodb, TABLE)
        queue_url, queue_arn, dlq_url = create_queue_with_dlq(sqs, "import-e2e", MAX_RECEIVE_COUNT)
        importer_handler.set_importer(
            importer_handler.new_importer(s3, sqs, dynamodb, queue_url, TABLE)
        )
        worker_handler.set_worker(
            Worker(s3=s3, dynamodb=dynamodb, bucket=ITEMS, prefix="items/", table=TABLE)
        )
        try:
            yield Pipeline(s3, sqs, dynamodb, queue_url, queue_arn, dlq_url)
        finally:
            importer_handler.set_importer(None)
            worker_handler.set_worker(None)


GOOD = [
    {"id": "order-1", "item": {"customer": "c-1", "total": 12.5}},
    {"id": "order-2", "item": {"customer": "c-2", "lines": [{"sku": "A", "qty": 2}]}},
    {"id": "order-3", "item": {"note": "Grüße aus Köln"}},
]


def test_an_upload_with_good_and_bad_lines_ends_in_the_bucket_and_the_table(pipeline):
    lines = [
        json.dumps(GOOD[0]),
        "{not json",
        json.dumps(GOOD[1]),
        json.dumps({"id": "has space", "item": {}}),
        json.dumps({"id": "order-9", "item": "a string"}),
        json.dumps(GOOD[2]),
    ]
    event = pipeline.upload("imports/2026-12-02/orders.jsonl", "\n".join(lines).encode() + b"\n")

    result = importer_handler.lambda_handler(event, importer_testing.FakeLambdaContext())
    (summary,) = result["imports"]
    assert (summary["queued"], summary["rejected"]) == (3, 3)

    messages = pipeline.receive()
    assert len(messages) == 3
    assert pipeline.deliver(messages) == {"batchItemFailures": []}
    assert pipeline.receive() == []

    for good in GOOD:
        stored = pipeline.s3.get_object(Bucket=ITEMS, Key=f"items/{good['id']}.json")
        assert json.loads(stored["Body"].read()) == good["item"]
        index = pipeline.record(good["id"])
        assert index["kind"] == "item"
        assert index["key"] == f"items/{good['id']}.json"
        assert index["source"]["key"] == "imports/2026-12-02/orders.jsonl"
    listed = pipeline.s3.list_objects_v2(Bucket=ITEMS)["Contents"]
    assert sorted(entry["Key"] for entry in listed) == [f"items/{g['id']}.json" for g in GOOD]

    by_time = pipeline.dynamodb.query(
        TableName=TABLE,
        IndexName=contract.TABLE_GSI_NAME,
        KeyConditionExpression="#kind = :kind",
        ExpressionAttributeNames={"#kind": contract.TABLE_GSI_PARTITION_KEY},
        ExpressionAttributeValues={":kind": {"S": contract.KIND_ITEM}},
    )["Items"]
    assert sorted(item["id"]["S"] for item in by_time) == ["order-1", "order-2", "order-3"]

    record = pipeline.record(summary["id"])
    assert record["status"] == "completed"
    assert (record["lines"], record["queued"], record["rejected"]) == (6, 3, 3)
    assert [(r["line"], r["code"]) for r in record["rejections"]] == [
        (2, "invalid_json"),
        (4, "invalid_id"),
        (5, "not_an_object"),
    ]
    assert "the item must be a JSON object, not a string" in record["rejections"][2]["reason"]

    imports = pipeline.dynamodb.query(
        TableName=TABLE,
        IndexName=contract.TABLE_GSI_NAME,
        KeyConditionExpression="#kind = :kind",
        ExpressionAttributeNames={"#kind": contract.TABLE_GSI_PARTITION_KEY},
        ExpressionAttributeValues={":kind": {"S": contract.KIND_IMPORT}},
    )["Items"]
    assert [item["id"]["S"] for item in imports] == [summary["id"]]

    # S3 delivers the same event again: nothing new reaches the queue.
    again = importer_handler.lambda_handler(event, importer_testing.FakeLambdaContext())
    assert again["imports"][0]["result"] == "duplicate"
    assert pipeline.receive() == []


def test_a_poison_message_ends_in_the_dlq_after_max_receive_count(pipeline):
    pipeline.sqs.send_message(QueueUrl=pipeline.queue_url, MessageBody='{"id": "x"}')
    pipeline.sqs.send_message(QueueUrl=pipeline.queue_url, MessageBody=json.dumps(GOOD[0]))

    deliveries = 0
    while messages := pipeline.receive():
        deliveries += 1
        response = pipeline.deliver(messages)
        assert len(response["batchItemFailures"]) == 1  # only the poison message fails
        assert deliveries <= MAX_RECEIVE_COUNT
    assert deliveries == MAX_RECEIVE_COUNT

    dead = pipeline.receive(pipeline.dlq_url)
    assert [message["Body"] for message in dead] == ['{"id": "x"}']
    assert pipeline.record("order-1")["kind"] == "item"
