"""Pure builders of the IAM documents of a ``Function``: trust policy and role policies.

Every action the component grants is a constant here, so reviewers find them in one place.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "DEAD_LETTER_ACTIONS",
    "DESTINATION_ACTIONS",
    "INLINE_POLICY_LIMIT",
    "LAMBDA_SERVICE_PRINCIPAL",
    "LOG_ACTIONS",
    "XRAY_ACTIONS",
    "arn_service",
    "dead_letter_policy",
    "destination_policy",
    "log_policy",
    "policy_chars",
    "statements_policy",
    "to_json",
    "trust_policy",
    "xray_policy",
]

VERSION = "2012-10-17"
LAMBDA_SERVICE_PRINCIPAL = "lambda.amazonaws.com"

LOG_ACTIONS: tuple[str, ...] = ("logs:CreateLogStream", "logs:PutLogEvents")
"""What Lambda needs to write the function's logs into a log group that already exists."""

XRAY_ACTIONS: tuple[str, ...] = ("xray:PutTraceSegments", "xray:PutTelemetryRecords")
"""What active tracing needs. These actions support no resource-level permissions, so this is
the one statement with ``Resource: "*"`` (documented suppression of AwsSolutions-IAM5)."""

DEAD_LETTER_ACTIONS: dict[str, tuple[str, ...]] = {
    "sqs": ("sqs:SendMessage",),
    "sns": ("sns:Publish",),
}
"""Dead-letter target service -> what the execution role needs on that one ARN."""

DESTINATION_ACTIONS: dict[str, tuple[str, ...]] = {
    "sqs": ("sqs:SendMessage",),
    "sns": ("sns:Publish",),
    "lambda": ("lambda:InvokeFunction",),
    "events": ("events:PutEvents",),
    "s3": ("s3:PutObject", "s3:ListBucket"),
}
"""On-failure destination service -> what the execution role needs on that one ARN."""

INLINE_POLICY_LIMIT = 10_240
"""IAM quota: characters of all inline policies of one role together, whitespace not counted."""


def to_json(document: Mapping[str, Any]) -> str:
    """Serialise a policy document the same way every time (keys in insertion order)."""
    return json.dumps(document, indent=2)


def policy_chars(document: Mapping[str, Any]) -> int:
    """Length IAM counts against its quotas: the JSON without insignificant whitespace."""
    return len(json.dumps(document, separators=(",", ":")))


def arn_service(arn: str) -> str:
    """The service part of an ARN (``sqs`` in ``arn:aws:sqs:...``), or ``""``."""
    parts = arn.split(":")
    return parts[2] if len(parts) > 2 and parts[0] == "arn" else ""


def trust_policy(account_id: str) -> dict[str, Any]:
    """Only Lambda, acting for this account, may assume the execution role."""
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "LambdaAssumeRole",
                "Effect": "Allow",
                "Principal": {"Service": LAMBDA_SERVICE_PRINCIPAL},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
            }
        ],
    }


def log_policy(log_group_arn: str) -> dict[str, Any]:
    """Write log streams and events into the function's own log group, nothing else."""
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "WriteOwnLogGroup",
                "Effect": "Allow",
                "Action": list(LOG_ACTIONS),
                "Resource": f"{log_group_arn.removesuffix(':*')}:*",
            }
        ],
    }


def xray_policy() -> dict[str, Any]:
    """Send trace segments and telemetry (X-Ray actions have no resource-level scoping)."""
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "XRayWriteNoResourceScoping",
                "Effect": "Allow",
                "Action": list(XRAY_ACTIONS),
                "Resource": "*",
            }
        ],
    }


def dead_letter_policy(target_arn: str) -> dict[str, Any]:
    """Send discarded asynchronous events to the one dead-letter queue or topic."""
    service = arn_service(target_arn)
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "SendToDeadLetterTarget",
                "Effect": "Allow",
                "Action": list(DEAD_LETTER_ACTIONS[service]),
                "Resource": target_arn,
            }
        ],
    }


def destination_policy(destination_arn: str) -> dict[str, Any]:
    """Send records of failed asynchronous invocations to the one on-failure destination."""
    service = arn_service(destination_arn)
    if service == "s3":
        bucket = destination_arn.split("/", 1)[0]
        statements: list[dict[str, Any]] = [
            {
                "Sid": "WriteFailureRecords",
                "Effect": "Allow",
                "Action": "s3:PutObject",
                "Resource": f"{bucket}/*",
            },
            {
                "Sid": "ListFailureBucket",
                "Effect": "Allow",
                "Action": "s3:ListBucket",
                "Resource": bucket,
            },
        ]
    else:
        statements = [
            {
                "Sid": "SendToFailureDestination",
                "Effect": "Allow",
                "Action": list(DESTINATION_ACTIONS[service]),
                "Resource": destination_arn,
            }
        ]
    return {"Version": VERSION, "Statement": statements}


def statements_policy(statements: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Caller statements (already validated) in one document; ``Effect`` defaults to Allow."""
    normalised = []
    for statement in statements:
        out: dict[str, Any] = {}
        if "Sid" in statement:
            out["Sid"] = statement["Sid"]
        out["Effect"] = statement.get("Effect", "Allow")
        for key in ("Action", "Resource", "Condition"):
            if key in statement:
                out[key] = statement[key]
        normalised.append(out)
    return {"Version": VERSION, "Statement": normalised}
