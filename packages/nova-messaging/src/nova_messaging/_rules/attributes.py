"""Queue attributes with plain ranges (B.8): visibility, long polling, delay, message size."""

from __future__ import annotations

from nova_core import Checker
from nova_core.records import Record

__all__ = [
    "AttributeRange",
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


class AttributeRange(Record):
    """A queue attribute given in whole numbers within a plain range (a ``CreateQueue``
    attribute): checked by ``Checker.integer``, an ``Output`` refused (the plan needs the value)."""

    attribute: str
    minimum: int
    maximum: int

    def __call__(self, checker: Checker, argument: str, value: object) -> int | None:
        return checker.integer(
            argument,
            value,
            minimum=self.minimum,
            maximum=self.maximum,
            source=f"SQS CreateQueue {self.attribute}",
            plain=True,
        )


check_visibility = AttributeRange("VisibilityTimeout", 0, MAX_VISIBILITY)
"""Seconds a received message stays hidden from other receivers: 0-43,200."""
check_receive_wait = AttributeRange("ReceiveMessageWaitTimeSeconds", 0, MAX_RECEIVE_WAIT)
"""Long polling wait of ReceiveMessage: 0-20 s."""
check_delay = AttributeRange("DelaySeconds", 0, MAX_DELAY)
"""Delivery delay of every message: 0-900 s."""
check_max_message_size = AttributeRange("MaximumMessageSize", MIN_MESSAGE_SIZE, MAX_MESSAGE_SIZE)
"""Largest message in bytes: 1,024-1,048,576."""
