"""Asynchronous invocation: dead-letter target, on-failure destination, retries, event age."""

from __future__ import annotations

from typing import Any

from nova_compute._policies import DEAD_LETTER_ACTIONS, DESTINATION_ACTIONS
from nova_core import Checker

RETRY_RANGE = (0, 2)
EVENT_AGE_RANGE = (60, 21_600)
SOURCE = "Lambda PutFunctionEventInvokeConfig"


def check_dead_letter_target(checker: Checker, arn: Any) -> None:
    """A standard SQS queue or SNS topic."""
    parsed = checker.arn(
        "dead_letter_target_arn",
        arn,
        service=tuple(DEAD_LETTER_ACTIONS),
        example="'arn:aws:sqs:us-east-1:123456789012:orders-dlq' (an SQS queue or SNS topic)",
    )
    if parsed is not None and parsed.resource.endswith(".fifo"):
        checker.fail(
            "dead_letter_target_arn",
            arn,
            "Lambda delivers dead letters only to standard (non-FIFO) queues and topics",
            "use a standard queue or topic",
            source="Lambda DeadLetterConfig",
        )


def check_on_failure_destination(checker: Checker, arn: Any) -> None:
    """An SQS queue, SNS topic, Lambda function, EventBridge bus or S3 bucket (standard)."""
    argument = "on_failure_destination_arn"
    example = (
        "'arn:aws:sqs:us-east-1:123456789012:orders-failures' (an SQS queue, SNS topic, Lambda "
        "function, EventBridge event bus or S3 bucket)"
    )
    parsed = checker.arn(argument, arn, service=tuple(DESTINATION_ACTIONS), example=example)
    if parsed is None:
        return
    expected = {"lambda": "function", "events": "event-bus"}.get(parsed.service)
    if expected is not None and parsed.resource_type != expected:
        checker.fail(argument, arn, f"a {parsed.service} destination is a {expected} ARN",
                     f"pass an ARN like {example}", source=SOURCE)  # fmt: skip
    if parsed.service == "s3" and (parsed.region or parsed.account or "/" in parsed.resource):
        checker.fail(argument, arn, "an S3 destination is a bucket ARN 'arn:aws:s3:::<bucket>'",
                     "pass the bucket ARN, without a key", source=SOURCE)  # fmt: skip
    if parsed.resource.endswith(".fifo"):
        checker.fail(
            argument,
            arn,
            "Lambda sends invocation records only to standard (non-FIFO) queues and topics",
            "use a standard queue or topic",
            source=SOURCE,
        )


def check_retries(checker: Checker, attempts: Any) -> None:
    checker.integer(
        "async_max_retry_attempts", attempts, minimum=RETRY_RANGE[0], maximum=RETRY_RANGE[1],
        source=f"{SOURCE} MaximumRetryAttempts",
    )  # fmt: skip


def check_event_age(checker: Checker, seconds: Any) -> None:
    checker.integer(
        "async_max_event_age_seconds", seconds, minimum=EVENT_AGE_RANGE[0],
        maximum=EVENT_AGE_RANGE[1], source=f"{SOURCE} MaximumEventAgeInSeconds",
    )  # fmt: skip
