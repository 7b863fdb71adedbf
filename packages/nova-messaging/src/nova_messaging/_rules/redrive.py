"""Redrive to the DLQ (B.8 RedrivePolicy, Q-04)."""

from __future__ import annotations

from nova_core import Checker

__all__ = ["MAX_RECEIVE_COUNT", "check_max_receive_count"]

MAX_RECEIVE_COUNT = 1_000


def check_max_receive_count(checker: Checker, argument: str, value: object) -> int | None:
    """Receives before SQS moves a message to the DLQ: 1-1,000."""
    return checker.integer(
        argument,
        value,
        minimum=1,
        maximum=MAX_RECEIVE_COUNT,
        source="SQS RedrivePolicy maxReceiveCount",
        plain=True,
    )
