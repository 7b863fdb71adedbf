"""SNS rules for the alarm topic and its subscriptions (security-rules.md B.6)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from nova_core import Checker, at, field, is_plain, parse_arn
from nova_core.patterns import LazyPattern

from .names import KEY_RULE, key

SOURCE = "SNS CreateTopic"
MAX_TOPIC_NAME = 256
SUBSCRIPTION_PROTOCOLS = ("email", "https", "sqs", "lambda")
SUBSCRIPTION_KEYS = ("protocol", "endpoint", "dead_letter_queue_arn")

_TOPIC_NAME_RE = LazyPattern(r"[A-Za-z0-9_-]{1,256}")
_EMAIL_RE = LazyPattern(r"[^@\s]+@[^@\s]+\.[A-Za-z0-9-]{2,}")
_KMS_KEY_ID = r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})"
_KMS_ALIAS = r"alias/[A-Za-z0-9/_-]{1,250}"
_KMS_SHORT_RE = LazyPattern(rf"{_KMS_KEY_ID}|{_KMS_ALIAS}")
_AWS_MANAGED_ALIAS_RE = LazyPattern(r"(?:^|:)alias/aws/")
_QUEUE_NAME_RE = LazyPattern(r"[A-Za-z0-9_-]{1,80}(?:\.fifo)?")
_SQS_EXAMPLE = "arn:aws:sqs:us-east-1:123456789012:alarms"
_LAMBDA_EXAMPLE = "arn:aws:lambda:us-east-1:123456789012:function:notify"
_FUNCTION_RE = LazyPattern(r"[A-Za-z0-9_-]{1,64}(?::(?:\$LATEST|[A-Za-z0-9_-]{1,128}))?")


def topic_name(check: Checker, argument: str, value: Any) -> str | None:
    name = check.string(argument, value, min_length=0)
    if name is None:
        return None
    if name.endswith(".fifo"):
        check.fail(
            argument,
            value,
            "alarm topics must be standard topics: FIFO topics accept only SQS subscriptions, "
            "so email, HTTPS and Lambda subscribers would never be notified",
            "drop the '.fifo' suffix",
            source=SOURCE,
        )
    if not _TOPIC_NAME_RE.fullmatch(name):
        check.fail(
            argument,
            value,
            f"topic names are 1-{MAX_TOPIC_NAME} characters of ASCII letters, digits, '_' and '-'",
            "use e.g. 'shop-prod-alarms'",
            source=SOURCE,
        )
    return name


def topic_arn(check: Checker, argument: str, value: Any) -> None:
    text = check.string(argument, value)
    if text is None:
        return
    if text.endswith(".fifo"):
        check.fail(
            argument,
            value,
            "CloudWatch alarms need a standard topic; FIFO topics only deliver to SQS",
            "pass the ARN of a standard SNS topic",
        )
    parsed = check.arn(
        argument, value, service="sns", example="arn:aws:sns:us-east-1:123456789012:shop-alarms"
    )
    if parsed is not None and (not parsed.region or not _TOPIC_NAME_RE.fullmatch(parsed.resource)):
        check.fail(
            argument,
            value,
            "must be an SNS topic ARN (Region, account and topic name)",
            "pass e.g. 'arn:aws:sns:us-east-1:123456789012:shop-prod-alarms'",
        )


def kms_key(check: Checker, argument: str, value: Any) -> None:
    key_ref = check.string(argument, value)
    if key_ref is None:
        return
    if _AWS_MANAGED_ALIAS_RE.search(key_ref):
        check.fail(
            argument,
            value,
            "this is an AWS managed key: its key policy cannot grant cloudwatch.amazonaws.com, "
            "so the topic deploys fine and then alarm notifications are silently dropped",
            "leave kms_key_arn unset, set create_kms_key=True, or pass a customer managed key "
            "whose policy grants cloudwatch.amazonaws.com kms:GenerateDataKey* and kms:Decrypt",
        )
    if key_ref.startswith("arn:"):
        check.arn(
            argument,
            value,
            service="kms",
            resource_types=("key", "alias"),
            example="arn:aws:kms:us-east-1:123456789012:key/<key id>",
        )
    elif not _KMS_SHORT_RE.fullmatch(key_ref):
        check.fail(
            argument,
            value,
            "must be a KMS key id, key ARN, alias name or alias ARN",
            "pass e.g. 'arn:aws:kms:us-east-1:123456789012:key/<key id>'",
        )


def subscription_endpoint(check: Checker, argument: str, protocol: str, endpoint: Any) -> None:
    if not is_plain(endpoint):
        return
    text = check.string(argument, endpoint)
    assert text is not None
    if protocol == "email":
        if not _EMAIL_RE.fullmatch(text) or len(text) > 254:
            check.fail(argument, endpoint, "must be an email address", "use 'oncall@example.com'")
    elif protocol == "https":
        parsed = urlparse(text)
        if parsed.scheme != "https" or not parsed.hostname or any(c.isspace() for c in text):
            check.fail(
                argument,
                endpoint,
                "https subscriptions need an https:// URL with a host",
                "use e.g. 'https://hooks.example.com/alarms'",
            )
    elif protocol == "sqs":
        if text.endswith(".fifo"):
            check.fail(
                argument,
                endpoint,
                "a standard topic cannot deliver to a FIFO queue",
                "subscribe a standard SQS queue",
            )
        parsed = parse_arn(text)
        if (
            parsed is None
            or parsed.service != "sqs"
            or not parsed.region
            or not _QUEUE_NAME_RE.fullmatch(parsed.resource)
        ):
            check.fail(
                argument,
                endpoint,
                "sqs subscriptions need a queue ARN (not a queue URL)",
                "use e.g. 'arn:aws:sqs:us-east-1:123456789012:alarms'",
            )
        check.arn(argument, endpoint, service="sqs", example=_SQS_EXAMPLE)
    else:
        parsed = parse_arn(text)
        if (
            parsed is None
            or parsed.service != "lambda"
            or parsed.resource_type != "function"
            or not _FUNCTION_RE.fullmatch(parsed.resource_name)
        ):
            check.fail(
                argument,
                endpoint,
                "lambda subscriptions need a function ARN",
                f"use e.g. '{_LAMBDA_EXAMPLE}'",
            )
        check.arn(argument, endpoint, service="lambda", example=_LAMBDA_EXAMPLE)


def subscriptions(check: Checker, argument: str, value: Any) -> Mapping[str, Mapping[str, Any]]:
    """Subscriptions by key: protocol, endpoint, optional redrive queue."""
    given = check.mapping(argument, value) or {}
    for sub_key in sorted(given, key=str):
        where = at(argument, sub_key)
        key(check, where, sub_key, rule=KEY_RULE)
        sub = check.mapping(where, given[sub_key])
        if sub is None:
            check.fail(where, None, "must be a subscription dict", "pass {'protocol', 'endpoint'}")
        check.keys(where, sub, SUBSCRIPTION_KEYS)
        protocol = sub.get("protocol")
        check.one_of(field(where, "protocol"), protocol, SUBSCRIPTION_PROTOCOLS, plain=True)
        if protocol is None:
            check.fail(
                field(where, "protocol"),
                None,
                "alarm topic subscriptions need a protocol: " + ", ".join(SUBSCRIPTION_PROTOCOLS),
                "use 'email', 'https', 'sqs' or 'lambda'",
            )
        if sub.get("endpoint") is None:
            check.fail(
                field(where, "endpoint"),
                None,
                "every subscription needs an endpoint",
                "add the email address, URL or ARN",
            )
        subscription_endpoint(check, field(where, "endpoint"), protocol, sub["endpoint"])
        dlq = sub.get("dead_letter_queue_arn")
        if dlq is not None:
            if protocol == "email":
                check.fail(
                    field(where, "dead_letter_queue_arn"),
                    dlq,
                    "SNS redrive policies apply to sqs, lambda and https subscriptions, not email",
                    "remove it from the email subscription",
                )
            subscription_endpoint(check, field(where, "dead_letter_queue_arn"), "sqs", dlq)
    return given
