"""Encryption at rest (Q-01, B.8 SSE): SSE-SQS, or a customer managed KMS key by ARN."""

from __future__ import annotations

from typing import Any

from nova_core import Checker

__all__ = ["check_data_key_reuse", "check_kms_key_arn"]

SOURCE = "Q-01; SQS key management"


def check_kms_key_arn(checker: Checker, argument: str, value: Any) -> None:
    """A customer managed key, named by its key ARN.

    The grants put the key ARN into IAM policies, where an alias does not authorise anything, and
    ``alias/aws/sqs`` (the AWS managed key) has a key policy nobody can edit: S3, SNS and
    EventBridge producers and other accounts could never use the queue.
    """
    if isinstance(value, str) and ("alias/aws/sqs" in value or value == "aws/sqs"):
        checker.fail(
            argument,
            value,
            "the AWS managed key alias/aws/sqs cannot be used: its key policy cannot be "
            "edited, so S3, SNS and EventBridge producers and other accounts can never use the "
            "queue",
            "leave kms_key_arn out for SQS-managed encryption (SSE-SQS), or pass the ARN of a "
            "customer managed key",
            source=SOURCE,
        )
    checker.kms_key_arn(argument, value)


def check_data_key_reuse(
    checker: Checker, argument: str, value: Any, *, has_key: bool
) -> int | None:
    """Seconds SQS reuses a data key before calling KMS again: 60-86,400, CMK only."""
    seconds = checker.integer(
        argument,
        value,
        minimum=60,
        maximum=86_400,
        source="SQS CreateQueue KmsDataKeyReusePeriodSeconds",
        plain=True,
    )
    if seconds is not None and not has_key:
        checker.fail(
            argument,
            value,
            "applies only to queues encrypted with a customer managed key (kms_key_arn)",
            "remove it, or set kms_key_arn",
        )
    return seconds
