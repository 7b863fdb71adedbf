"""Identifiers of monitored resources, as CloudWatch dimensions need them.

Values that are still ``Output``s are left alone here: they come from the resources themselves.
"""

from __future__ import annotations

import re
from typing import Any

from nova_core import Checker, at, is_plain
from nova_observability._catalogue_data import TABLE_OPERATIONS

MAX_METRICS_PER_ALARM = 10
"""Metrics one metric-math alarm of this package reads at most."""

MAX_LOG_GROUP_NAME = 512
LAMBDA_TIMEOUT = (1, 900)

_FUNCTION_NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_LOG_GROUP_RE = re.compile(r"[.\-_/#A-Za-z0-9]{1,512}")
_API_ID_RE = re.compile(r"[a-z0-9]{10}")
_STAGE_RE = re.compile(r"\$default|[A-Za-z0-9_-]{1,128}")
_QUEUE_NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo")
_TABLE_NAME_RE = re.compile(r"[A-Za-z0-9_.-]{3,255}")
SQS_RETENTION = (60, 1_209_600)
"""SQS MessageRetentionPeriod bounds in seconds (1 minute to 14 days)."""
_BUCKET_RE = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


def _plain_string(check: Checker, argument: str, value: Any) -> str | None:
    if not is_plain(value):
        return None
    return check.string(argument, value)


def function_name(check: Checker, argument: str, value: Any) -> None:
    name = _plain_string(check, argument, value)
    if name is not None and not _FUNCTION_NAME_RE.fullmatch(name):
        check.fail(
            argument,
            value,
            "the FunctionName dimension needs the function name (1-64 letters, digits, '_' "
            "and '-'), not an ARN",
            "pass the function's name, e.g. 'orders-api'",
        )


def timeout_seconds(check: Checker, argument: str, value: Any) -> int | None:
    low, high = LAMBDA_TIMEOUT
    return check.integer(argument, value, minimum=low, maximum=high, source="Lambda quotas")


def log_group_name(check: Checker, argument: str, value: Any) -> None:
    name = _plain_string(check, argument, value)
    if name is not None and not _LOG_GROUP_RE.fullmatch(name):
        check.fail(
            argument,
            value,
            f"log group names are 1-{MAX_LOG_GROUP_NAME} characters of letters, digits and '.-_/#'",
            "pass e.g. '/aws/lambda/orders-api'",
        )


def api_id(check: Checker, argument: str, value: Any) -> None:
    text = _plain_string(check, argument, value)
    if text is not None and not _API_ID_RE.fullmatch(text):
        check.fail(
            argument,
            value,
            "the ApiId dimension needs the 10-character API id (lowercase letters and digits), "
            "not the API name or URL",
            "pass the api's id, e.g. 'a1b2c3d4e5'",
        )


def stage_name(check: Checker, argument: str, value: Any) -> None:
    text = _plain_string(check, argument, value)
    if text is not None and not _STAGE_RE.fullmatch(text):
        check.fail(
            argument,
            value,
            "stage names are '$default' or 1-128 letters, digits, '_' and '-'",
            "pass the stage name, e.g. '$default' or 'prod'",
        )


def bucket_name(check: Checker, argument: str, value: Any) -> None:
    text = _plain_string(check, argument, value)
    if text is not None and not _BUCKET_RE.fullmatch(text):
        check.fail(
            argument,
            value,
            "bucket names are 3-63 lowercase letters, digits, '.' and '-'",
            "pass the bucket's name, not its ARN, e.g. 'shop-prod-uploads'",
            source="S3 bucket naming rules",
        )


def queue_name(check: Checker, argument: str, value: Any) -> None:
    text = _plain_string(check, argument, value)
    if text is not None and not _QUEUE_NAME_RE.fullmatch(text):
        check.fail(
            argument,
            value,
            "the QueueName dimension needs the queue name (1-80 letters, digits, '_' and '-', "
            "'.fifo' included for FIFO queues), not its URL or ARN",
            "pass the queue's name, e.g. 'shop-prod-imports'",
            source="SQS CreateQueue",
        )


def queue_arn(check: Checker, argument: str, value: Any) -> None:
    if is_plain(value) and value is not None:
        check.arn(
            argument, value, service="sqs", example="arn:aws:sqs:us-east-1:123456789012:imports-dlq"
        )


def retention_seconds(check: Checker, argument: str, value: Any) -> int | None:
    """A queue's retention: plain (it decides the age alarm's threshold), 60 s to 14 days."""
    low, high = SQS_RETENTION
    seconds = check.integer(argument, value, plain=True)
    if seconds is not None and not low <= seconds <= high:
        check.fail(
            argument,
            value,
            f"must be between {low} and {high} seconds (1 minute to 14 days)",
            "pass the queue's MessageRetentionPeriod",
            source="SQS SetQueueAttributes",
        )
    return seconds


def table_name(check: Checker, argument: str, value: Any) -> None:
    text = _plain_string(check, argument, value)
    if text is not None and not _TABLE_NAME_RE.fullmatch(text):
        check.fail(
            argument,
            value,
            "the TableName dimension needs the table name (3-255 letters, digits, '_', '-' and "
            "'.'), not its ARN",
            "pass the table's name, e.g. 'shop-prod-items'",
            source="DynamoDB naming rules",
        )


def table_operations(check: Checker, argument: str, value: Any) -> tuple[str, ...]:
    """DynamoDB operations (the ``Operation`` dimension), at most 10, no repeats."""
    given = check.sequence(argument, value, what="the list of operations")
    if given is None:
        return ()
    for index, operation in enumerate(given):
        check.one_of(at(argument, index), operation, TABLE_OPERATIONS, plain=True)
    if len(set(given)) != len(given):
        check.fail(argument, list(given), "lists an operation twice", "list each operation once")
    if len(given) > MAX_METRICS_PER_ALARM:
        check.fail(
            argument,
            list(given),
            f"one alarm here watches at most {MAX_METRICS_PER_ALARM} operations (one metric "
            "each in its metric math)",
            f"list the {MAX_METRICS_PER_ALARM} operations that matter most",
        )
    return tuple(given)
