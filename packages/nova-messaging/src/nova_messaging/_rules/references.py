"""Existing queues, named by ARN or URL, for grants (``Queue.from_arn`` / ``Queue.from_url``)."""

from __future__ import annotations

from typing import Any

from nova_core import Arn, Checker, known_region, partition_of_region
from nova_core.patterns import LazyPattern

__all__ = ["check_queue_arn", "queue_arn_from_url"]

ARN_EXAMPLE = "arn:aws:sqs:us-east-1:123456789012:orders"
URL_EXAMPLE = "https://sqs.us-east-1.amazonaws.com/123456789012/orders"
_NAME = LazyPattern(r"[A-Za-z0-9_-]{1,75}(\.fifo)?|[A-Za-z0-9_-]{1,80}")
_URL = LazyPattern(
    r"https://(?:sqs\.(?P<region>[a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|api\.aws)"
    r"|(?P<legacy>[a-z0-9-]+)\.queue\.amazonaws\.com(?:\.cn)?)"
    r"/(?P<account>\d{12})/(?P<name>[^/?#]+)/?"
)


def check_queue_arn(checker: Checker, argument: str, value: Any) -> Arn | None:
    """An SQS queue ARN (``arn:<partition>:sqs:<region>:<account>:<name>``)."""
    parsed = checker.arn(argument, value, service="sqs", example=ARN_EXAMPLE)
    if parsed is None:
        return None
    if not parsed.region or not parsed.account or not _NAME.fullmatch(parsed.resource):
        checker.fail(
            argument,
            value,
            "a queue ARN names a Region, an account and a queue name",
            f"pass an ARN like {ARN_EXAMPLE}",
        )
    return parsed


def queue_arn_from_url(checker: Checker, argument: str, value: Any) -> str | None:
    """The ARN of the queue at ``value``, an SQS queue URL."""
    text = checker.string(argument, value)
    if text is None:
        return None
    match = _URL.fullmatch(text)
    region = (match.group("region") or match.group("legacy")) if match else None
    if match is None or region is None or not known_region(region):
        checker.fail(
            argument,
            value,
            "must be an SQS queue URL in a known Region",
            f"pass a URL like {URL_EXAMPLE}",
        )
    name = match.group("name")
    if not _NAME.fullmatch(name):
        checker.fail(
            argument,
            value,
            "queue names are 1-80 letters, digits, '-' and '_' (FIFO: ending in '.fifo')",
            f"pass a URL like {URL_EXAMPLE}",
        )
    partition = partition_of_region(region)
    return f"arn:{partition}:sqs:{region}:{match.group('account')}:{name}"
