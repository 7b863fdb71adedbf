"""Event notifications: stable keys, one target of the right kind, S3 event names, and no two
configurations sharing an event type on overlapping filters (S3 "Configurations overlap")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from nova_core import Checker, at, closest, field, is_plain
from nova_core.patterns import LazyPattern
from nova_storage.bucket_args import NotificationArgs

__all__ = [
    "NOTIFICATION_EVENTS",
    "NOTIFICATION_KEYS",
    "TARGET_KINDS",
    "check_notifications",
    "events_overlap",
    "filters_overlap",
]

NOTIFICATION_KEYS: tuple[str, ...] = tuple(NotificationArgs.__annotations__)
NOTIFICATION_EVENTS: tuple[str, ...] = (
    "s3:ObjectCreated:*",
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*",
    "s3:ObjectRemoved:Delete",
    "s3:ObjectRemoved:DeleteMarkerCreated",
    "s3:ObjectRestore:*",
    "s3:ObjectRestore:Post",
    "s3:ObjectRestore:Completed",
    "s3:ObjectRestore:Delete",
    "s3:ReducedRedundancyLostObject",
    "s3:Replication:*",
    "s3:Replication:OperationFailedReplication",
    "s3:Replication:OperationNotTracked",
    "s3:Replication:OperationMissedThreshold",
    "s3:Replication:OperationReplicatedAfterThreshold",
    "s3:LifecycleTransition",
    "s3:IntelligentTiering",
    "s3:ObjectAcl:Put",
    "s3:LifecycleExpiration:*",
    "s3:LifecycleExpiration:Delete",
    "s3:LifecycleExpiration:DeleteMarkerCreated",
    "s3:ObjectTagging:*",
    "s3:ObjectTagging:Put",
    "s3:ObjectTagging:Delete",
)
"""The ``Event`` enum of the S3 API model (botocore 1.44), without preview-only events."""


class TargetKind(NamedTuple):
    service: str
    resource_types: tuple[str, ...] | None
    what: str
    example: str


TARGET_KINDS: Mapping[str, TargetKind] = {
    "function_arn": TargetKind(
        "lambda",
        ("function",),
        "Lambda function",
        "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer",
    ),
    "queue_arn": TargetKind("sqs", None, "SQS queue", "arn:aws:sqs:us-east-1:123456789012:uploads"),
    "topic_arn": TargetKind("sns", None, "SNS topic", "arn:aws:sns:us-east-1:123456789012:uploads"),
}
STABLE_KEY = LazyPattern(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")
MAX_KEY_LENGTH = 1024
OVERLAP_SOURCE = (
    'S3 PutBucketNotificationConfiguration: "Configurations overlap. Configurations on the same '
    'bucket cannot share a common event type."'
)


class Checked(NamedTuple):
    key: str
    events: list[str]
    prefix: Any
    suffix: Any


def events_overlap(a: str, b: str) -> bool:
    """``True`` when two event types can match the same event (``s3:ObjectCreated:*`` covers
    ``s3:ObjectCreated:Put``)."""
    if a == b:
        return True
    return any(x.endswith(":*") and y.startswith(x[:-1]) for x, y in ((a, b), (b, a)))


def filters_overlap(prefix: str, other_prefix: str, suffix: str, other_suffix: str) -> bool:
    """``True`` when one key can match both filters: the prefixes and the suffixes each overlap
    (an empty filter overlaps everything)."""
    return (prefix.startswith(other_prefix) or other_prefix.startswith(prefix)) and (
        suffix.endswith(other_suffix) or other_suffix.endswith(suffix)
    )


def _check_target(check: Checker, path: str, notification: Mapping[str, Any]) -> None:
    targets = [k for k in TARGET_KINDS if notification.get(k) is not None]
    if len(targets) != 1:
        check.fail(
            path,
            dict(notification),
            "a notification has exactly one target: function_arn, queue_arn or topic_arn",
            "keep one target per key; add another key for another target",
        )
    key = targets[0]
    kind = TARGET_KINDS[key]
    arn = check.arn(
        field(path, key),
        notification[key],
        service=kind.service,
        resource_types=kind.resource_types,
        example=kind.example,
    )
    if arn is not None and key != "function_arn" and arn.resource.endswith(".fifo"):
        check.fail(
            field(path, key),
            notification[key],
            "S3 event notifications cannot target FIFO queues or topics",
            "use a standard queue/topic, or EventBridge (eventbridge_enabled=True)",
            source="S3 event notifications",
        )


def _check_events(check: Checker, path: str, events: Any) -> list[str]:
    if events is None or (is_plain(events) and not events):
        check.fail(
            path,
            events,
            "a notification needs at least one event type",
            "add events=['s3:ObjectCreated:*'] (or others)",
        )
    plain: list[str] = []
    for event in check.sequence(path, events):
        if not is_plain(event):
            continue
        if event not in NOTIFICATION_EVENTS:
            match = closest(str(event), NOTIFICATION_EVENTS)
            check.fail(
                path,
                event,
                "not an S3 event type",
                f"use {match or 's3:ObjectCreated:*'!r}",
                source="S3 event notifications",
            )
        if event in plain:
            check.fail(path, event, "listed twice", "list each event once")
        plain.append(event)
    return plain


def check_notifications(check: Checker, notifications: Any) -> None:
    """Every notification on its own, then every pair for overlapping configurations."""
    notifications = check.mapping("notifications", notifications)
    checked: list[Checked] = []
    for key, raw in (notifications or {}).items():
        path = at("notifications", key)
        if not isinstance(key, str) or not STABLE_KEY.fullmatch(key):
            check.fail(
                "notifications",
                key,
                "notification keys name child resources: 1 to 63 letters, digits, '.', '_' or "
                "'-', starting with a letter or digit",
                "use a short stable key such as 'thumbnails'",
            )
        notification = check.mapping(path, raw)
        check.keys(path, notification, NOTIFICATION_KEYS)
        _check_target(check, path, notification)
        events = _check_events(check, field(path, "events"), notification.get("events"))
        prefix, suffix = notification.get("filter_prefix"), notification.get("filter_suffix")
        for name, value in (("filter_prefix", prefix), ("filter_suffix", suffix)):
            check.string(field(path, name), value, min_length=0, max_length=MAX_KEY_LENGTH)
        current = Checked(key, events, prefix, suffix)
        _check_overlap(check, path, notification, current, checked)
        checked.append(current)


def _check_overlap(
    check: Checker,
    path: str,
    notification: Mapping[str, Any],
    current: Checked,
    checked: list[Checked],
) -> None:
    if not (is_plain(current.prefix) and is_plain(current.suffix)):
        return
    for other in checked:
        if not (is_plain(other.prefix) and is_plain(other.suffix)):
            continue
        shared = [a for a in current.events for b in other.events if events_overlap(a, b)]
        if shared and filters_overlap(
            current.prefix or "", other.prefix or "", current.suffix or "", other.suffix or ""
        ):
            check.fail(
                path,
                dict(notification),
                f"overlaps notification {other.key!r}: both receive {shared[0]} for keys "
                "matching both filters, and S3 allows one configuration per event and key",
                "give them disjoint filter_prefix/filter_suffix values or disjoint events",
                source=OVERLAP_SOURCE,
            )
