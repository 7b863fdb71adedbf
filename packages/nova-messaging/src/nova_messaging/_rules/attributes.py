"""Queue attributes with plain ranges (B.8): visibility, long polling, delay, message size."""

from __future__ import annotations

from nova_core import Checker

__all__ = [
    "MAX_DELAY",
    "MAX_MESSAGE_SIZE",
    "MAX_RECEIVE_WAIT",
    "MAX_VISIBILITY",
    "MIN_MESSAGE_SIZE",
    "check_delay",
    "check_max_message_size",
    "check_receive_wait",
    "check_visibility",
]

MAX_VISIBILITY = 43_200
MAX_RECEIVE_WAIT = 20
MAX_DELAY = 900
MIN_MESSAGE_SIZE = 1_024
MAX_MESSAGE_SIZE = 1_048_576
"""SQS limits (CreateQueue attributes; 1 MiB messages since August 2025)."""


def check_visibility(checker: Checker, argument: str, value: object) -> int | None:
    """Seconds a received message stays hidden from other receivers: 0-43,200."""
    return checker.integer(
        argument,
        value,
        minimum=0,
        maximum=MAX_VISIBILITY,
        source="SQS CreateQueue VisibilityTimeout",
        plain=True,
    )


def check_receive_wait(checker: Checker, argument: str, value: object) -> int | None:
    """Long polling wait of ReceiveMessage: 0-20 s."""
    return checker.integer(
        argument,
        value,
        minimum=0,
        maximum=MAX_RECEIVE_WAIT,
        source="SQS CreateQueue ReceiveMessageWaitTimeSeconds",
        plain=True,
    )


def check_delay(checker: Checker, argument: str, value: object) -> int | None:
    """Delivery delay of every message: 0-900 s."""
    return checker.integer(
        argument,
        value,
        minimum=0,
        maximum=MAX_DELAY,
        source="SQS CreateQueue DelaySeconds",
        plain=True,
    )


def check_max_message_size(checker: Checker, argument: str, value: object) -> int | None:
    """Largest message in bytes: 1,024-1,048,576."""
    return checker.integer(
        argument,
        value,
        minimum=MIN_MESSAGE_SIZE,
        maximum=MAX_MESSAGE_SIZE,
        source="SQS CreateQueue MaximumMessageSize",
        plain=True,
    )
