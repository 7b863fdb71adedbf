"""The importer's parts called directly: SQS batching and partial failures, records, events."""

import copy

import pytest
from botocore.exceptions import ClientError
from importer_testing import TABLE, load_event

from items_importer import handler
from items_importer.events import parse_event
from items_importer.records import ImportRecords
from items_importer.sender import MAX_ATTEMPTS, BatchSender, QueueSendError


class ScriptedSqs:
    """Answers SendMessageBatch from a script of {entry index: failure} per call."""

    def __init__(self, script):
        self.script = list(script)
        self.calls = []

    def send_message_batch(self, QueueUrl, Entries):  # noqa: N803 - boto3 keyword names
        self.calls.append([entry["MessageBody"] for entry in Entries])
        failures = self.script.pop(0) if self.script else {}
        failed = [
            {"Id": entry["Id"], **failures[entry["MessageBody"]]}
            for entry in Entries
            if entry["MessageBody"] in failures
        ]
        ok = [{"Id": entry["Id"]} for entry in Entries if entry["MessageBody"] not in failures]
        return {"Successful": ok, "Failed": failed}


SERVER = {"SenderFault": False, "Code": "InternalError", "Message": "try again"}
SENDER = {"SenderFault": True, "Code": "InvalidMessageContents", "Message": "bad character"}


def test_a_batch_is_sent_before_it_would_exceed_the_size_limit():
    sqs = ScriptedSqs([])
    sender = BatchSender(sqs, "url", max_batch_bytes=10)
    for line, body in enumerate(["aaaa", "bbbb", "cccc", "d"], start=1):
        assert sender.add(line, body) == []
    assert sender.flush() == []
    assert sqs.calls == [["aaaa", "bbbb"], ["cccc", "d"]]
    assert sender.sent == 4


def test_messages_sqs_refuses_as_the_senders_fault_become_rejections():
    sqs = ScriptedSqs([{"b": SENDER}])
    sender = BatchSender(sqs, "url", 1000)
    sender.add(1, "a")
    sender.add(2, "b")
    (refused,) = sender.flush()
    assert refused.line == 2
    assert refused.code == "queue_refused"
    assert "InvalidMessageContents" in refused.reason
    assert sender.sent == 1


def test_entries_failing_on_sqs_side_are_retried_alone_with_back_off():
    sleeps = []
    sqs = ScriptedSqs([{"b": SERVER}, {"b": SERVER}, {}])
    sender = BatchSender(sqs, "url", 1000, sleep=sleeps.append)
    sender.add(1, "a")
    sender.add(2, "b")
    assert sender.flush() == []
    assert sqs.calls == [["a", "b"], ["b"], ["b"]]
    assert sleeps == [0.1, 0.2]
    assert sender.sent == 2


def test_fails_when_sqs_keeps_failing_the_same_entries():
    sqs = ScriptedSqs([{"a": SERVER}] * MAX_ATTEMPTS)
    sender = BatchSender(sqs, "url", 1000, sleep=lambda _seconds: None)
    sender.add(1, "a")
    with pytest.raises(QueueSendError, match=f"1 message\\(s\\) on its side {MAX_ATTEMPTS} times"):
        sender.flush()
    assert len(sqs.calls) == MAX_ATTEMPTS


def test_an_empty_flush_sends_nothing():
    sqs = ScriptedSqs([])
    assert BatchSender(sqs, "url", 1000).flush() == []
    assert sqs.calls == []


# --- records ---------------------------------------------------------------------------------


def test_finish_reports_a_lost_claim_and_release_leaves_other_claims_alone(aws):
    records = ImportRecords(aws.dynamodb, TABLE)
    mine = records.claim({"id": "import#b/k#v", "lease_until": 10}, now_epoch=0)
    theirs = records.claim({"id": "import#b/k#v", "lease_until": 100}, now_epoch=50)
    assert mine is not None
    assert theirs is not None  # took over after the lease ran out
    assert records.finish(mine, {"id": "import#b/k#v", "status": "completed"}) is False
    records.release(mine)  # not ours any more: nothing happens
    assert records.get("import#b/k#v")["claim"] == theirs.token
    assert records.finish(theirs, {"id": "import#b/k#v", "status": "completed"}) is True
    assert records.get("import#b/k#v") == {"id": "import#b/k#v", "status": "completed"}


def test_other_dynamodb_errors_escape_from_claim_and_finish():
    class Failing:
        def put_item(self, **_kwargs):
            raise ClientError(
                {"Error": {"Code": "ProvisionedThroughputExceededException"}}, "PutItem"
            )

        def delete_item(self, **_kwargs):
            raise ClientError({"Error": {"Code": "InternalServerError"}}, "DeleteItem")

    records = ImportRecords(Failing(), TABLE)
    with pytest.raises(ClientError, match="ProvisionedThroughput"):
        records.claim({"id": "x"}, now_epoch=0)
    from items_importer.records import Claim

    with pytest.raises(ClientError, match="ProvisionedThroughput"):
        records.finish(Claim("x", "t"), {"id": "x"})
    records.release(Claim("x", "t"))  # best effort: never raises


# --- events ----------------------------------------------------------------------------------


def _event(**object_fields):
    event = copy.deepcopy(load_event("s3_object_created"))
    for name, value in object_fields.items():
        if value is None:
            event["Records"][0]["s3"]["object"].pop(name, None)
        else:
            event["Records"][0]["s3"]["object"][name] = value
    return event


def test_the_recorded_event_names_its_object():
    (obj,) = parse_event(load_event("s3_object_created")).objects
    assert obj.bucket == "nova-uploads-test"
    assert obj.key == "imports/2026-11-30/orders batch#1.jsonl"
    assert obj.version_id == "096fKKXTRTtl3on89fVO.nfljtsv6qko"
    assert obj.etag == "b21b84d653bb07b05b1e6b33684dc11b"
    assert obj.size == 1305
    assert obj.record_id == (
        "import#nova-uploads-test/imports/2026-11-30/orders batch#1.jsonl"
        "#096fKKXTRTtl3on89fVO.nfljtsv6qko"
    )


def test_without_version_or_etag_the_record_says_unversioned():
    (obj,) = parse_event(_event(versionId=None, eTag=None)).objects
    assert obj.version == "unversioned"


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"key": "%ff%fe"}, "URL-encoded S3 key"),
        ({"key": "%ed%a0%80"}, "URL-encoded S3 key"),
        ({"key": "a" * 1025}, "1 to 1024"),
        ({"versionId": "bad version!"}, "versionId"),
        ({"versionId": 7}, "versionId"),
        ({"eTag": "not-hex"}, "eTag"),
        ({"versionId": "v" * 1024, "key": "k" * 1000}, "too long"),
    ],
)
def test_fails_when_object_fields_would_make_s3_refuse_the_request(fields, problem):
    parsed = parse_event(_event(**fields))
    assert parsed.objects == []
    (message,) = parsed.problems
    assert message.startswith("Records[0]: ")
    assert problem in message


def test_fails_when_the_bucket_name_is_not_a_bucket_name():
    event = load_event("s3_object_created")
    event["Records"][0]["s3"]["bucket"]["name"] = "Not_A_Bucket"
    assert "bucket name" in parse_event(event).problems[0]


def test_a_record_without_event_name_is_a_problem():
    event = load_event("s3_object_created")
    del event["Records"][0]["eventName"]
    assert parse_event(event).problems == ["Records[0]: eventName is missing"]


def test_the_handler_uses_the_default_clients_when_none_is_injected(aws, invoke, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    handler.set_importer(None)
    handler.default_clients.cache_clear()
    try:
        default = handler.get_importer()
        assert default.records.table == TABLE
        assert default.limits.import_prefix == "imports/"
        assert default.limits.max_import_bytes == 50 * 1024 * 1024
    finally:
        handler.default_clients.cache_clear()
        handler.set_importer(None)
