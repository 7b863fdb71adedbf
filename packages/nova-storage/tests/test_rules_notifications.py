"""Event notifications: keys, targets, events and overlapping configurations."""

import pytest

from nova_storage import Bucket, BucketArgs
from nova_storage._rules.notifications import NOTIFICATION_EVENTS

FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer"
QUEUE = "arn:aws:sqs:us-east-1:123456789012:uploads"
TOPIC = "arn:aws:sns:us-east-1:123456789012:events"


def _notification(**overrides):
    spec = {"function_arn": FUNCTION, "events": ["s3:ObjectCreated:*"]}
    spec.update(overrides)
    return {k: v for k, v in spec.items() if v is not None}


NOTIFICATION_CASES = [
    ("bad-key", {"bad key": _notification()}, r"argument 'notifications' is 'bad key'"),
    ("long-key", {"k" * 64: _notification()}, r"notification keys name child resources"),
    ("two-targets", {"a": _notification(queue_arn=QUEUE)}, r"exactly one target"),
    ("no-target", {"a": _notification(function_arn=None)}, r"exactly one target"),
    (
        "bad-lambda-arn",
        {"a": _notification(function_arn="thumbnailer")},
        r"function_arn' is 'thumbnailer': must be lambda ARN",
    ),
    (
        "queue-arn-is-topic",
        {"a": _notification(function_arn=None, queue_arn=TOPIC)},
        r"queue_arn' is 'arn:aws:sns:.*must be sqs ARN",
    ),
    (
        "fifo-queue",
        {"a": _notification(function_arn=None, queue_arn=QUEUE + ".fifo")},
        r"cannot target FIFO queues",
    ),
    (
        "fifo-topic",
        {"a": _notification(function_arn=None, topic_arn=TOPIC + ".fifo")},
        r"cannot target FIFO",
    ),
    (
        "bad-event",
        {"a": _notification(events=["s3:ObjectCreated"])},
        r"'s3:ObjectCreated': not an S3 event type.*use 's3:ObjectCreated:\*'",
    ),
    ("nonsense-event", {"a": _notification(events=["created"])}, r"not an S3 event type"),
    ("no-events", {"a": _notification(events=[])}, r"at least one event type"),
    ("missing-events", {"a": _notification(events=None)}, r"at least one event type"),
    (
        "duplicate-event",
        {"a": _notification(events=["s3:ObjectCreated:Put", "s3:ObjectCreated:Put"])},
        r"listed twice",
    ),
    (
        "overlap-same",
        {"a": _notification(), "b": _notification(function_arn=None, queue_arn=QUEUE)},
        r'notifications\["b"\]. is .*overlaps notification .a.',
    ),
    (
        "overlap-wildcard",
        {
            "a": _notification(events=["s3:ObjectCreated:Put"], filter_prefix="in/"),
            "b": _notification(events=["s3:ObjectCreated:*"], filter_prefix="in/raw/"),
        },
        r"overlaps notification 'a'",
    ),
    (
        "overlap-suffix",
        {
            "a": _notification(filter_suffix=".jpg"),
            "b": _notification(filter_suffix="thumb.jpg"),
        },
        r"overlaps",
    ),
    ("filter-too-long", {"a": _notification(filter_prefix="p" * 1025)}, r"at most 1024"),
    ("unknown-key", {"a": _notification(lambda_arn=FUNCTION)}, r"'lambda_arn' is not a known"),
    ("not-dict", {"a": FUNCTION}, r"'notifications\[\"a\"\]' is .*: must be a dict"),
]


@pytest.mark.parametrize(
    ("notifications", "pattern"),
    [c[1:] for c in NOTIFICATION_CASES],
    ids=[c[0] for c in NOTIFICATION_CASES],
)
def test_fails_when_a_notification_is_invalid(fails, notifications, pattern):
    fails(BucketArgs(notifications=notifications), pattern)


def test_disjoint_notifications_pass(mock_stack):
    notifications = {
        "images": _notification(filter_suffix=".jpg"),
        "videos": _notification(filter_suffix=".mp4"),
        "removed": _notification(events=["s3:ObjectRemoved:*"]),
        "other-prefix": _notification(filter_prefix="a/"),
    }
    notifications["other-prefix"]["events"] = ["s3:ObjectRestore:*"]
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(notifications=notifications)))
    assert (
        len(rec.get("aws:s3/bucketNotification:BucketNotification").inputs["lambdaFunctions"]) == 4
    )


def test_every_listed_event_is_accepted(mock_stack):
    notifications = {
        f"e{i}": {"queue_arn": QUEUE, "events": [event], "filter_prefix": f"p{i}/"}
        for i, event in enumerate(NOTIFICATION_EVENTS)
    }
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(notifications=notifications)))
    queues = rec.get("aws:s3/bucketNotification:BucketNotification").inputs["queues"]
    assert len(queues) == len(NOTIFICATION_EVENTS)
