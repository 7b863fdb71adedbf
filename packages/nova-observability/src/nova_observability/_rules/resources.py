"""Identifiers of monitored resources, as CloudWatch dimensions need them.

Values that are still ``Output``s are left alone here: they come from the resources themselves.
"""

from __future__ import annotations

from typing import Any

from nova_core import Checker, at
from nova_core.patterns import LazyPattern, PatternLike
from nova_core.records import Record
from nova_observability._catalogue_data import TABLE_OPERATIONS

MAX_METRICS_PER_ALARM = 10
"""Metrics one metric-math alarm of this package reads at most."""

MAX_LOG_GROUP_NAME = 512
LAMBDA_TIMEOUT = (1, 900)

SQS_RETENTION = (60, 1_209_600)
"""SQS MessageRetentionPeriod bounds in seconds (1 minute to 14 days)."""


class Identifier(Record):
    """A resource identifier as a CloudWatch dimension needs it: a plain string that fully matches
    ``pattern`` (``Output``s are left alone: they come from the resources themselves)."""

    pattern: PatternLike
    rule: str
    fix: str
    source: str | None = None

    def __call__(self, check: Checker, argument: str, value: Any) -> None:
        check.string(
            argument, value, pattern=self.pattern, rule=self.rule, fix=self.fix, source=self.source
        )


function_name = Identifier(
    LazyPattern(r"[A-Za-z0-9_-]{1,64}"),
    "the FunctionName dimension needs the function name (1-64 letters, digits, '_' and '-'), "
    "not an ARN",
    "pass the function's name, e.g. 'orders-api'",
)
log_group_name = Identifier(
    LazyPattern(r"[.\-_/#A-Za-z0-9]{1,512}"),
    f"log group names are 1-{MAX_LOG_GROUP_NAME} characters of letters, digits and '.-_/#'",
    "pass e.g. '/aws/lambda/orders-api'",
)
api_id = Identifier(
    LazyPattern(r"[a-z0-9]{10}"),
    "the ApiId dimension needs the 10-character API id (lowercase letters and digits), not the "
    "API name or URL",
    "pass the api's id, e.g. 'a1b2c3d4e5'",
)
stage_name = Identifier(
    LazyPattern(r"\$default|[A-Za-z0-9_-]{1,128}"),
    "stage names are '$default' or 1-128 letters, digits, '_' and '-'",
    "pass the stage name, e.g. '$default' or 'prod'",
)
bucket_name = Identifier(
    LazyPattern(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
    "bucket names are 3-63 lowercase letters, digits, '.' and '-'",
    "pass the bucket's name, not its ARN, e.g. 'shop-prod-uploads'",
    "S3 bucket naming rules",
)
queue_name = Identifier(
    LazyPattern(r"[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo"),
    "the QueueName dimension needs the queue name (1-80 letters, digits, '_' and '-', '.fifo' "
    "included for FIFO queues), not its URL or ARN",
    "pass the queue's name, e.g. 'shop-prod-imports'",
    "SQS CreateQueue",
)
table_name = Identifier(
    LazyPattern(r"[A-Za-z0-9_.-]{3,255}"),
    "the TableName dimension needs the table name (3-255 letters, digits, '_', '-' and '.'), not "
    "its ARN",
    "pass the table's name, e.g. 'shop-prod-items'",
    "DynamoDB naming rules",
)


def timeout_seconds(check: Checker, argument: str, value: Any) -> int | None:
    low, high = LAMBDA_TIMEOUT
    return check.integer(argument, value, minimum=low, maximum=high, source="Lambda quotas")


def queue_arn(check: Checker, argument: str, value: Any) -> None:
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
