"""The API and the worker keep one index: the same item stored either way has the same record."""

import json
from collections.abc import Iterator
from typing import Any

import api_testing
import pytest
import worker_testing
from functions_testing import BUCKET, PREFIX, TABLE, client, create_bucket, create_table
from functions_testing import index_record as read_record
from moto import mock_aws

from items_api.store import ItemStore
from items_core.table import ItemIndex
from items_worker.worker import Worker


@pytest.fixture
def aws() -> Iterator[tuple[Any, Any]]:
    with mock_aws():
        s3, dynamodb = client("s3"), client("dynamodb")
        create_bucket(s3, BUCKET, versioned=True)
        create_table(dynamodb)
        api_testing.handler.set_store(
            ItemStore(s3, BUCKET, PREFIX, api_testing.cursor_key, index=ItemIndex(dynamodb, TABLE))
        )
        worker_testing.handler.set_worker(
            Worker(s3=s3, dynamodb=dynamodb, bucket=BUCKET, prefix=PREFIX, table=TABLE)
        )
        try:
            yield s3, dynamodb
        finally:
            api_testing.handler.set_store(None)
            worker_testing.handler.set_worker(None)


def _api_put(item_id: str, document: dict[str, Any]) -> int:
    event = api_testing.load_event("put_item")
    event["rawPath"] = event["requestContext"]["http"]["path"] = f"/items/{item_id}"
    event["body"] = json.dumps(document)
    reply = api_testing.handler.lambda_handler(event, api_testing.FakeLambdaContext())
    return reply["statusCode"]


def _worker_write(item_id: str, document: dict[str, Any]) -> dict[str, Any]:
    body = json.dumps(
        {
            "id": item_id,
            "item": document,
            "source": {"bucket": "uploads", "key": "imports/a.jsonl", "version": "v1", "line": 3},
        }
    )
    event = worker_testing.sqs_event([body])
    return worker_testing.handler.lambda_handler(event, worker_testing.FakeLambdaContext())


def _without_time(record: dict[str, Any] | None) -> dict[str, Any]:
    assert record is not None
    return {name: value for name, value in record.items() if name != "updated_at"}


def test_the_api_and_the_worker_write_the_same_record_for_the_same_item(aws):
    s3, dynamodb = aws
    document = {"customer": "c-1", "total": 12.5}
    assert _worker_write("imported", document) == {"batchItemFailures": []}
    assert _api_put("typed-in", document) == 201
    imported = _without_time(read_record(dynamodb, "imported"))
    typed_in = _without_time(read_record(dynamodb, "typed-in"))
    # Only what differs between the two items: their ids and keys, and where the import came from.
    assert imported.pop("source") == {
        "bucket": "uploads",
        "key": "imports/a.jsonl",
        "version": "v1",
        "line": 3,
    }
    for record, item_id in ((imported, "imported"), (typed_in, "typed-in")):
        head = s3.head_object(Bucket=BUCKET, Key=f"{PREFIX}{item_id}.json")
        assert record.pop("id") == item_id
        assert record.pop("key") == f"{PREFIX}{item_id}.json"
        assert record.pop("version_id") == head["VersionId"]
    assert imported == typed_in


def test_an_api_put_of_an_imported_item_replaces_its_record_whole(aws):
    s3, dynamodb = aws
    _worker_write("order-7", {"v": 1})
    assert "source" in read_record(dynamodb, "order-7")
    assert _api_put("order-7", {"v": 2}) == 200
    record = read_record(dynamodb, "order-7")
    assert "source" not in record
    head = s3.head_object(Bucket=BUCKET, Key=f"{PREFIX}order-7.json")
    assert (record["etag"], record["version_id"]) == (head["ETag"].strip('"'), head["VersionId"])


def test_an_api_delete_of_an_imported_item_deletes_its_record(aws):
    _, dynamodb = aws
    _worker_write("order-8", {"v": 1})
    event = api_testing.load_event("delete_item")
    event["rawPath"] = event["requestContext"]["http"]["path"] = "/items/order-8"
    reply = api_testing.handler.lambda_handler(event, api_testing.FakeLambdaContext())
    assert reply["statusCode"] == 204
    assert read_record(dynamodb, "order-8") is None
