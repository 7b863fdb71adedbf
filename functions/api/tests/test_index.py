"""The items table index: a stored item has the record the worker would write; a deleted one
has none. S3 changes first; when the index write fails after it, the request is a 500 and
retrying it repairs the index."""

import json
import re

from botocore.stub import Stubber
from functions_testing import index_record

from items_api import contract
from items_core import table

ITEM_KEY = "items/order-1001.json"
ISO_MILLIS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def _put(make_event, item_id, document):
    return make_event(
        "put_item",
        path=f"/items/{item_id}",
        body=json.dumps(document),
        content_type="application/json",
    )


def _delete(make_event, item_id):
    return make_event("delete_item", path=f"/items/{item_id}")


def test_put_writes_the_items_index_record(make_event, invoke, store, s3, dynamodb):
    assert invoke(make_event("put_item")).status == 201
    stored = s3.head_object(Bucket="nova-items-test", Key=ITEM_KEY)
    record = index_record(dynamodb, "order-1001")
    assert record is not None
    assert set(record) == {"id", "kind", "updated_at", "bucket", "key", "size", "etag"}
    assert record["id"] == "order-1001"
    assert record["kind"] == table.KIND_ITEM
    assert ISO_MILLIS.fullmatch(record["updated_at"])
    assert (record["bucket"], record["key"]) == ("nova-items-test", ITEM_KEY)
    assert record["size"] == stored["ContentLength"]
    assert record["etag"] == stored["ETag"].strip('"')


def test_put_of_a_versioned_bucket_records_the_version(make_event, invoke, store, s3, dynamodb):
    s3.put_bucket_versioning(
        Bucket="nova-items-test", VersioningConfiguration={"Status": "Enabled"}
    )
    invoke(make_event("put_item"))
    version = s3.head_object(Bucket="nova-items-test", Key=ITEM_KEY)["VersionId"]
    assert index_record(dynamodb, "order-1001")["version_id"] == version


def test_replacing_an_item_replaces_its_record(make_event, invoke, store, s3, dynamodb):
    invoke(_put(make_event, "order-1001", {"v": 1}))
    first = index_record(dynamodb, "order-1001")
    assert invoke(_put(make_event, "order-1001", {"v": 2, "more": "x" * 50})).status == 200
    second = index_record(dynamodb, "order-1001")
    assert second["size"] == len(b'{"v":2,"more":"' + b"x" * 50 + b'"}')
    assert second["size"] != first["size"]
    assert second["etag"] == s3.head_object(Bucket="nova-items-test", Key=ITEM_KEY)["ETag"].strip(
        '"'
    )
    assert second["etag"] != first["etag"]
    assert second["updated_at"] >= first["updated_at"]


def test_the_record_is_listed_by_the_timestamp_index(make_event, invoke, store, dynamodb):
    for item_id in ("a-1", "a-2"):
        invoke(_put(make_event, item_id, {"id": item_id}))
    found = dynamodb.query(
        TableName="nova-items-table-test",
        IndexName=table.TABLE_GSI_NAME,
        KeyConditionExpression="#kind = :kind",
        ExpressionAttributeNames={"#kind": table.TABLE_GSI_PARTITION_KEY},
        ExpressionAttributeValues={":kind": {"S": table.KIND_ITEM}},
    )["Items"]
    assert sorted(item["id"]["S"] for item in found) == ["a-1", "a-2"]


def test_delete_deletes_the_record(make_event, invoke, store, dynamodb):
    invoke(make_event("put_item"))
    assert index_record(dynamodb, "order-1001") is not None
    assert invoke(_delete(make_event, "order-1001")).status == 204
    assert index_record(dynamodb, "order-1001") is None
    # Deleting again (no object, no record) is still a success.
    assert invoke(_delete(make_event, "order-1001")).status == 204


def test_rejected_requests_leave_the_index_alone(make_event, invoke, store, dynamodb):
    reply = invoke(_put(make_event, "bad-doc", [1, 2]))
    assert reply.status == 400
    assert index_record(dynamodb, "bad-doc") is None
    assert dynamodb.scan(TableName="nova-items-table-test")["Count"] == 0


def test_a_failed_s3_write_writes_no_record(make_event, invoke, store, s3, dynamodb):
    with Stubber(s3) as stub:
        stub.add_client_error("put_object", service_error_code="SlowDown", http_status_code=503)
        reply = invoke(make_event("put_item"))
    assert reply.status == 500
    assert index_record(dynamodb, "order-1001") is None


def _break_the_index(dynamodb):
    """The table disappears: every index write fails (ResourceNotFoundException)."""
    dynamodb.delete_table(TableName="nova-items-table-test")


def _repair_the_index(dynamodb):
    from functions_testing import create_table

    create_table(dynamodb)


def test_put_is_500_when_the_index_write_fails_and_a_retry_repairs_it(
    make_event, invoke, store, s3, dynamodb, log_lines, emitted_metrics
):
    _break_the_index(dynamodb)
    reply = invoke(make_event("put_item"))
    assert reply.status == 500
    assert reply.error["code"] == "internal_error"
    assert "ResourceNotFound" not in reply.body
    # S3 was written first: the item exists, only its index record is missing.
    assert s3.head_object(Bucket="nova-items-test", Key=ITEM_KEY)["ContentLength"] > 0
    (error_line,) = [line for line in log_lines() if line["level"] == "ERROR"]
    assert error_line["item_id"] == "order-1001"
    assert error_line["operation"] == "put"
    assert "ResourceNotFoundException" in error_line["exception"]
    metrics = emitted_metrics()
    assert contract.METRIC_INDEX_WRITE_FAILED in metrics
    assert contract.METRIC_UNHANDLED_ERRORS in metrics
    assert contract.METRIC_ITEM_STORED not in metrics

    _repair_the_index(dynamodb)
    retried = invoke(make_event("put_item"))
    assert retried.status == 200  # the first attempt created the object
    assert retried.json()["created"] is False
    assert index_record(dynamodb, "order-1001")["key"] == ITEM_KEY


def test_delete_is_500_when_the_index_delete_fails_and_a_retry_repairs_it(
    make_event, invoke, store, s3, dynamodb, log_lines
):
    invoke(make_event("put_item"))
    with Stubber(dynamodb) as stub:
        stub.add_client_error(
            "delete_item",
            service_error_code="ProvisionedThroughputExceededException",
            http_status_code=400,
        )
        reply = invoke(_delete(make_event, "order-1001"))
    assert reply.status == 500
    # The object is gone first; the record of the deleted item remains until a retry.
    assert s3.list_objects_v2(Bucket="nova-items-test").get("KeyCount") == 0
    assert index_record(dynamodb, "order-1001") is not None
    (error_line,) = [line for line in log_lines() if line["level"] == "ERROR"]
    assert (error_line["item_id"], error_line["operation"]) == ("order-1001", "delete")

    assert invoke(_delete(make_event, "order-1001")).status == 204
    assert index_record(dynamodb, "order-1001") is None
