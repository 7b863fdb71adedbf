"""The worker on moto: SQS batches in, items in the bucket and index records in the table."""

import json

import pytest
from botocore.exceptions import ClientError
from worker_testing import PREFIX, load_event, sqs_event

from items_worker import contract, handler
from items_worker.worker import InvalidMessageError, parse_message


def _body(item_id, item, **source):
    message = {"id": item_id, "item": item}
    if source:
        message["source"] = source
    return json.dumps(message)


def test_the_recorded_batch_is_written_to_the_bucket_and_the_index(aws, invoke):
    assert invoke(load_event("sqs_batch")) == {"batchItemFailures": []}
    assert aws.stored("order-1001") == {
        "customer": "c-77",
        "total": 42.5,
        "lines": [{"sku": "A-1", "qty": 2}],
    }
    assert aws.keys() == [f"{PREFIX}order-1001.json", f"{PREFIX}order-1002.json"]
    index = aws.index("order-1001")
    assert index["kind"] == "item"
    assert index["key"] == "items/order-1001.json"
    assert index["size"] == len(b'{"customer":"c-77","total":42.5,"lines":[{"sku":"A-1","qty":2}]}')
    assert index["updated_at"].endswith("Z")
    assert index["etag"]
    assert index["source"] == {
        "bucket": "nova-uploads-test",
        "key": "imports/2026-11-30/orders.jsonl",
        "version": "096fKKXTRTtl3on89fVO.nfljtsv6qko",
        "line": 1,
    }
    assert contract.TABLE_TTL_ATTRIBUTE not in index  # items never expire


def test_items_are_stored_in_the_api_layout(aws, invoke):
    invoke(sqs_event([_body("a-1", {"note": "Grüße", "l": [1]})]))
    raw = aws.s3.get_object(Bucket="nova-items-test", Key="items/a-1.json")
    assert raw["ContentType"] == "application/json"
    assert raw["Body"].read() == '{"note":"Grüße","l":[1]}'.encode()


def test_index_records_can_be_listed_by_update_time(aws, invoke):
    for n in range(3):
        invoke(sqs_event([_body(f"t{n}", {"n": n})]))
    response = aws.dynamodb.query(
        TableName="nova-items-table-test",
        IndexName=contract.TABLE_GSI_NAME,
        KeyConditionExpression="#k = :item",
        ExpressionAttributeNames={"#k": contract.TABLE_GSI_PARTITION_KEY},
        ExpressionAttributeValues={":item": {"S": contract.KIND_ITEM}},
        ScanIndexForward=False,
    )
    stamps = [entry["updated_at"]["S"] for entry in response["Items"]]
    assert len(stamps) == 3
    assert stamps == sorted(stamps, reverse=True)


def test_a_failing_record_is_reported_and_the_others_succeed(aws, invoke, log_lines):
    event = sqs_event(
        [_body("good-1", {}), "not json", _body("bad id", {}), _body("good-2", {"a": 1})],
        message_ids=["m1", "m2", "m3", "m4"],
    )
    assert invoke(event) == {
        "batchItemFailures": [{"itemIdentifier": "m2"}, {"itemIdentifier": "m3"}]
    }
    assert aws.keys() == ["items/good-1.json", "items/good-2.json"]
    warnings = [line for line in log_lines() if line["message"] == "invalid message"]
    assert [line["message_id"] for line in warnings] == ["m2", "m3"]


def test_a_whole_failing_batch_is_reported_record_by_record(aws, invoke):
    event = sqs_event(["x", "y"], message_ids=["a", "b"])
    assert invoke(event) == {
        "batchItemFailures": [{"itemIdentifier": "a"}, {"itemIdentifier": "b"}]
    }


def test_an_aws_failure_fails_only_its_record(aws, invoke, monkeypatch):
    real = aws.dynamodb.put_item

    def put_item(**kwargs):
        if kwargs["Item"]["id"]["S"] == "unlucky":
            raise ClientError(
                {"Error": {"Code": "ProvisionedThroughputExceededException"}}, "PutItem"
            )
        return real(**kwargs)

    monkeypatch.setattr(aws.dynamodb, "put_item", put_item)
    event = sqs_event([_body("lucky", {}), _body("unlucky", {})], message_ids=["ok", "ko"])
    assert invoke(event) == {"batchItemFailures": [{"itemIdentifier": "ko"}]}
    assert aws.index("lucky") is not None
    assert aws.index("unlucky") is None


def test_a_redelivered_message_ends_in_the_same_state(aws, invoke):
    event = sqs_event([_body("again", {"v": 1})])
    invoke(event)
    first = aws.index("again")
    invoke(event)
    assert aws.stored("again") == {"v": 1}
    assert aws.index("again")["etag"] == first["etag"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (None, "not text"),
        ("[]", "must be"),
        ('{"id": "a"}', "must be"),
        ('{"id": "a", "item": {}, "extra": 1}', "must be"),
        ('{"id": "a", "item": []}', "JSON object"),
        ('{"id": "../x", "item": {}}', "invalid item id"),
        ('{"id": "a", "item": {"v": NaN}}', "not valid JSON"),
        ('{"id": "a", "item": {"s": "\\ud800"}}', "surrogate"),
        ('{"id": "a", "item": {"x": "' + "y" * (256 * 1024) + '"}}', "exceeds"),
    ],
)
def test_fails_when_a_message_is_not_an_item_message(body, reason):
    with pytest.raises(InvalidMessageError, match=reason):
        parse_message(body)


def test_unexpected_source_fields_are_dropped():
    _, _, source = parse_message(_body("a", {}, bucket="b", line="7", extra="x"))
    assert source == {"bucket": "b"}


@pytest.mark.parametrize("event", [None, [], "x", {"Records": "no"}, {}])
def test_malformed_events_are_logged_and_answered_with_no_failures(aws, invoke, log_lines, event):
    assert invoke(event) == {"batchItemFailures": []}
    assert any(line["message"] == "invalid event: not an SQS event" for line in log_lines())


def test_records_without_a_message_id_are_skipped_and_logged(aws, invoke, log_lines):
    event = sqs_event([_body("kept", {})], message_ids=["m1"])
    event["Records"].append({"body": _body("lost", {})})
    assert invoke(event) == {"batchItemFailures": []}
    assert aws.keys() == ["items/kept.json"]
    (line,) = [line for line in log_lines() if line["level"] == "ERROR"]
    assert line["skipped_records"] == 1


def test_the_handler_uses_the_default_clients_when_none_is_injected(aws, invoke, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    handler.set_worker(None)
    handler.default_clients.cache_clear()
    try:
        assert invoke(sqs_event([_body("dflt", {})])) == {"batchItemFailures": []}
        assert aws.stored("dflt") == {}
        assert handler.get_worker().table == "nova-items-table-test"
    finally:
        handler.default_clients.cache_clear()
