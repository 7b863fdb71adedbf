"""The importer end to end on moto: S3 event in, messages on the queue, an import record out."""

import json

import pytest
from botocore.exceptions import ClientError
from importer_testing import UPLOADS, FakeLambdaContext, load_event

from items_importer import contract, handler
from items_importer.importer import Limits, UploadedObject
from items_importer.records import record_id

GOOD = [{"id": f"order-{n}", "item": {"n": n, "note": "Grüße"}} for n in range(3)]


def _jsonl(*lines) -> bytes:
    return b"".join(
        (line if isinstance(line, bytes) else json.dumps(line).encode()) + b"\n" for line in lines
    )


def _id_of(event) -> str:
    obj = event["Records"][0]["s3"]["object"]
    version = obj.get("versionId") or f"etag:{obj['eTag']}"
    from urllib.parse import unquote_plus

    return record_id(UPLOADS, unquote_plus(obj["key"]), version)


def test_good_lines_are_queued_and_bad_lines_recorded_with_reasons(aws, invoke):
    data = _jsonl(
        GOOD[0],
        b"not json",
        GOOD[1],
        {"id": "bad id", "item": {}},
        b"",
        {"id": "x", "item": [1, 2]},
        GOOD[2],
    )
    event = aws.upload("imports/orders.jsonl", data)
    result = invoke(event)

    (summary,) = result["imports"]
    assert summary == {
        "id": _id_of(event),
        "result": "imported",
        "status": "completed",
        "lines": 6,
        "queued": 3,
        "rejected": 3,
    }
    messages = [json.loads(m["Body"]) for m in aws.messages()]
    assert sorted(m["id"] for m in messages) == ["order-0", "order-1", "order-2"]
    first = next(m for m in messages if m["id"] == "order-0")
    assert first["item"] == {"n": 0, "note": "Grüße"}
    assert first["source"]["key"] == "imports/orders.jsonl"
    assert first["source"]["line"] == 1

    record = aws.record(_id_of(event))
    assert record["status"] == "completed"
    assert record["kind"] == "import"
    assert (record["lines"], record["queued"], record["rejected"], record["blank_lines"]) == (
        6,
        3,
        3,
        1,
    )
    assert [(r["line"], r["code"]) for r in record["rejections"]] == [
        (2, "invalid_json"),
        (4, "invalid_id"),
        (6, "not_an_object"),
    ]
    assert "not valid JSON" in record["rejections"][0]["reason"]
    assert record["rejections_truncated"] is False
    assert record["key"] == "imports/orders.jsonl"
    assert record["version_id"] == event["Records"][0]["s3"]["object"]["versionId"]
    assert record["etag"]
    assert record["size"] == len(data)
    assert record["updated_at"].endswith("Z")
    ttl = record[contract.TABLE_TTL_ATTRIBUTE]
    assert 29 * 86_400 < ttl - int(__import__("time").time()) <= 30 * 86_400
    assert "claim" not in record
    assert "lease_until" not in record


def test_items_are_sent_in_batches_of_ten(aws, invoke, monkeypatch):
    calls = []
    real = aws.sqs.send_message_batch

    def spy(**kwargs):
        calls.append(len(kwargs["Entries"]))
        return real(**kwargs)

    monkeypatch.setattr(aws.sqs, "send_message_batch", spy)
    lines = [{"id": f"i{n}", "item": {"n": n}} for n in range(25)]
    result = invoke(aws.upload("imports/many.jsonl", _jsonl(*lines)))
    assert result["imports"][0]["queued"] == 25
    assert calls == [10, 10, 5]
    assert len(aws.messages()) == 25


def test_a_second_delivery_of_the_same_version_imports_nothing(aws, invoke):
    event = aws.upload("imports/twice.jsonl", _jsonl(*GOOD))
    assert invoke(event)["imports"][0]["result"] == "imported"
    before = aws.record(_id_of(event))
    again = invoke(event)
    assert again["imports"][0] == {"id": _id_of(event), "result": "duplicate"}
    assert len(aws.messages()) == 3
    assert aws.record(_id_of(event)) == before


def test_a_new_version_of_the_same_key_is_imported_again(aws, invoke):
    first = aws.upload("imports/same.jsonl", _jsonl(GOOD[0]))
    second = aws.upload("imports/same.jsonl", _jsonl(GOOD[1], GOOD[2]))
    assert _id_of(first) != _id_of(second)
    assert invoke(first)["imports"][0]["queued"] == 1
    assert invoke(second)["imports"][0]["queued"] == 2  # read by version, not the latest


def test_an_attempt_whose_lease_ran_out_is_taken_over(aws, invoke):
    event = aws.upload("imports/stuck.jsonl", _jsonl(*GOOD))
    records = handler.get_importer().records
    obj = UploadedObject(
        UPLOADS, "imports/stuck.jsonl", event["Records"][0]["s3"]["object"]["versionId"]
    )
    assert records.claim({"id": obj.record_id, "lease_until": 1000}, now_epoch=900) is not None
    # Still leased (at 900 < 1000): a second delivery now would be a duplicate ...
    assert records.claim({"id": obj.record_id, "lease_until": 2000}, now_epoch=950) is None
    # ... but the real clock is far past 1000: the crashed attempt's lease is over.
    assert invoke(event)["imports"][0]["result"] == "imported"
    assert aws.record(obj.record_id)["status"] == "completed"


def test_an_attempt_in_progress_is_not_imported_twice(aws, invoke):
    event = aws.upload("imports/busy.jsonl", _jsonl(*GOOD))
    records = handler.get_importer().records
    far_future = 4_000_000_000
    assert records.claim({"id": _id_of(event), "lease_until": far_future}, now_epoch=0) is not None
    assert invoke(event)["imports"][0]["result"] == "duplicate"
    assert aws.messages() == []


def test_an_unreadable_object_is_recorded_as_failed(aws, invoke):
    event = aws.upload("imports/gone.jsonl", _jsonl(*GOOD))
    aws.s3.delete_object(
        Bucket=UPLOADS,
        Key="imports/gone.jsonl",
        VersionId=event["Records"][0]["s3"]["object"]["versionId"],
    )
    (summary,) = invoke(event)["imports"]
    assert summary["status"] == "failed"
    assert summary["failure"] == "unreadable"
    record = aws.record(_id_of(event))
    assert record["failure"]["code"] == "unreadable"
    assert "NoSuchVersion" in record["failure"]["reason"] or "404" in record["failure"]["reason"]
    assert aws.messages() == []


@pytest.mark.parametrize(
    ("data", "reason"), [(b"", "the object is empty"), (b"\n \n\r\n", "no lines")]
)
def test_an_empty_file_is_recorded_as_failed(aws, invoke, data, reason):
    event = aws.upload("imports/empty.jsonl", data)
    assert invoke(event)["imports"][0]["failure"] == "empty"
    assert reason in aws.record(_id_of(event))["failure"]["reason"]


def test_a_file_over_the_size_limit_is_recorded_without_being_read(aws, invoke, monkeypatch):
    importer = handler.get_importer()
    monkeypatch.setattr(importer, "limits", Limits(100, 262_144, 30, "imports/"))
    data = _jsonl(*GOOD) * 5
    event = aws.upload("imports/big.jsonl", data)
    assert invoke(event)["imports"][0]["failure"] == "too_large"
    record = aws.record(_id_of(event))
    assert record["failure"]["reason"] == (
        f"the object holds {len(data)} bytes; the limit is 100 (MAX_IMPORT_BYTES)"
    )
    assert aws.messages() == []


def test_a_line_longer_than_the_limit_is_rejected_and_the_rest_imported(aws, invoke):
    huge = b'{"id": "big", "item": {"x": "' + b"y" * 400_000 + b'"}}'
    event = aws.upload("imports/huge.jsonl", _jsonl(GOOD[0], huge, GOOD[1]))
    assert invoke(event)["imports"][0]["queued"] == 2
    (rejection,) = aws.record(_id_of(event))["rejections"]
    assert rejection["line"] == 2
    assert rejection["code"] == "too_large"


def test_a_message_too_large_for_the_queue_is_rejected(aws, invoke, monkeypatch):
    importer = handler.get_importer()
    monkeypatch.setattr(importer, "limits", Limits(1 << 20, 1024, 30, "imports/"))
    event = aws.upload(
        "imports/q.jsonl", _jsonl(GOOD[0], {"id": "wide", "item": {"x": "y" * 2000}})
    )
    assert invoke(event)["imports"][0]["queued"] == 1
    assert aws.record(_id_of(event))["rejections"][0]["code"] == "too_large_for_queue"


def test_only_the_first_hundred_rejections_are_listed_but_all_are_counted(aws, invoke):
    event = aws.upload("imports/junk.jsonl", b"junk\n" * 150 + _jsonl(GOOD[0]))
    (summary,) = invoke(event)["imports"]
    assert (summary["rejected"], summary["queued"]) == (150, 1)
    record = aws.record(_id_of(event))
    assert len(record["rejections"]) == contract.MAX_RECORDED_REJECTIONS
    assert record["rejections"][-1]["line"] == 100
    assert record["rejections_truncated"] is True


def test_an_unversioned_bucket_keys_records_by_etag_and_reads_that_content(aws, invoke):
    aws.s3.create_bucket(
        Bucket="plain-uploads", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    response = aws.s3.put_object(
        Bucket="plain-uploads", Key="imports/a.jsonl", Body=_jsonl(GOOD[0])
    )
    etag = response["ETag"].strip('"')
    event = load_event("s3_object_created")
    obj = event["Records"][0]["s3"]["object"]
    event["Records"][0]["s3"]["bucket"]["name"] = "plain-uploads"
    obj.update(key="imports/a.jsonl", eTag=etag)
    del obj["versionId"]
    (summary,) = invoke(event)["imports"]
    assert summary["id"] == f"import#plain-uploads/imports/a.jsonl#etag:{etag}"
    assert summary["queued"] == 1
    # Overwritten since the event: the event's content is gone, which is recorded, not guessed.
    aws.s3.put_object(Bucket="plain-uploads", Key="imports/a.jsonl", Body=_jsonl(GOOD[1]))
    obj["eTag"] = "0" * 32
    assert invoke(event)["imports"][0]["failure"] == "unreadable"


def test_keys_are_url_decoded_from_the_event(aws, invoke):
    event = aws.upload("imports/a b+c#1.jsonl", _jsonl(GOOD[0]))
    assert "a+b%2Bc%231" in event["Records"][0]["s3"]["object"]["key"]
    assert invoke(event)["imports"][0]["queued"] == 1


def test_objects_outside_the_import_prefix_are_ignored(aws, invoke, log_lines):
    event = aws.upload("elsewhere/x.jsonl", _jsonl(GOOD[0]))
    assert invoke(event)["imports"][0]["result"] == "ignored"
    assert aws.record(_id_of(event)) is None
    assert any(
        line["message"] == "object outside the import prefix ignored" for line in log_lines()
    )


def test_s3_test_events_and_other_event_types_are_skipped(aws, invoke):
    assert invoke(load_event("s3_test_event")) == {
        "imports": [],
        "invalid_records": 0,
        "skipped_records": 1,
    }
    event = load_event("s3_object_created")
    event["Records"][0]["eventName"] = "ObjectRemoved:Delete"
    assert invoke(event)["skipped_records"] == 1


@pytest.mark.parametrize(
    "event", [None, [], "x", {"Records": "no"}, {"Records": [{"eventSource": "aws:sqs"}]}]
)
def test_malformed_events_are_logged_not_raised(aws, invoke, log_lines, event):
    result = invoke(event)
    assert result["imports"] == []
    assert result["invalid_records"] == 1
    assert any(line["level"] == "ERROR" for line in log_lines())


def _failing(code: str, status: int):
    def fail(**_kwargs):
        raise ClientError(
            {"Error": {"Code": code}, "ResponseMetadata": {"HTTPStatusCode": status}}, "Op"
        )

    return fail


def test_an_aws_failure_escapes_and_releases_the_claim_so_a_retry_imports(aws, invoke, monkeypatch):
    event = aws.upload("imports/retry.jsonl", _jsonl(*GOOD))
    monkeypatch.setattr(aws.sqs, "send_message_batch", _failing("ServiceUnavailable", 503))
    with pytest.raises(ClientError, match="ServiceUnavailable"):
        invoke(event)
    assert aws.record(_id_of(event)) is None
    monkeypatch.undo()
    assert invoke(event)["imports"][0]["queued"] == 3


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("SlowDown", 503),
        ("InternalError", 500),
        ("Throttling", 429),
        ("RequestTimeout", 400),
        ("ExpiredToken", 400),
    ],
)
def test_s3_server_errors_and_throttling_escape(aws, invoke, monkeypatch, code, status):
    event = aws.upload("imports/s3err.jsonl", _jsonl(*GOOD))
    monkeypatch.setattr(aws.s3, "get_object", _failing(code, status))
    with pytest.raises(ClientError, match=code):
        invoke(event)
    assert aws.record(_id_of(event)) is None


def test_a_broken_stream_escapes(aws, invoke, monkeypatch):
    event = aws.upload("imports/stream.jsonl", _jsonl(*GOOD))
    real = aws.s3.get_object

    class Broken:
        def read(self, _size=-1):
            raise ConnectionResetError("connection reset by peer")

    def get_object(**kwargs):
        response = real(**kwargs)
        response["Body"] = Broken()
        return response

    monkeypatch.setattr(aws.s3, "get_object", get_object)
    with pytest.raises(ConnectionResetError):
        invoke(event)
    assert aws.record(_id_of(event)) is None


def test_a_context_without_remaining_time_gets_the_longest_lease(aws):
    assert handler._lease_seconds(object()) == 900
    assert handler._lease_seconds(FakeLambdaContext(remaining_ms=120_000)) == 180


@pytest.mark.parametrize(("code", "status"), [("AccessDenied", 403), ("InvalidObjectState", 403)])
def test_s3_refusing_the_object_itself_is_recorded_not_retried(
    aws, invoke, monkeypatch, code, status
):
    event = aws.upload("imports/denied.jsonl", _jsonl(*GOOD))
    monkeypatch.setattr(aws.s3, "get_object", _failing(code, status))
    assert invoke(event)["imports"][0]["failure"] == "unreadable"
    assert (
        aws.record(_id_of(event))["failure"]["reason"] == f"S3 refused to read the object ({code})"
    )


def test_an_attempt_that_lost_its_claim_does_not_overwrite_the_record(
    aws, invoke, monkeypatch, log_lines
):
    event = aws.upload("imports/slow.jsonl", _jsonl(*GOOD))
    records = handler.get_importer().records
    monkeypatch.setattr(records, "finish", lambda claim, record: False)
    (summary,) = invoke(event)["imports"]
    assert summary["result"] == "superseded"
    assert any("outlived its lease" in line["message"] for line in log_lines())
