"""The visibility timeout against its consumer (Q-10, B.8 "Visibility vs function timeout").

Lambda refuses to create an SQS mapping when the queue's visibility timeout is below the function's
timeout, but never checks again when either changes later; AWS guidance asks for six times the
function timeout plus the batching window, so a message being retried after a throttle is not
delivered twice. Nova checks both on every preview.
"""

from __future__ import annotations

from nova_core import Checker

__all__ = ["VISIBILITY_FACTOR", "check_visibility_for_consumer", "derived_visibility"]

VISIBILITY_FACTOR = 6
FLOOR_SOURCE = "Lambda CreateEventSourceMapping, checked by AWS only at creation"
GUIDANCE_SOURCE = "Q-10; AWS Lambda developer guide, using Lambda with Amazon SQS"


def derived_visibility(timeout_seconds: int, batching_window_seconds: int) -> int:
    """The visibility timeout Nova derives: 6 x (function timeout + batching window)."""
    return VISIBILITY_FACTOR * (timeout_seconds + batching_window_seconds)


def check_visibility_for_consumer(
    checker: Checker,
    visibility: int,
    timeout_seconds: int,
    batching_window_seconds: int,
    *,
    reason: str | None,
    reason_argument: str,
) -> None:
    """Refuse a visibility below the consumer's time per batch, and below 6 x that without a
    stated reason."""
    per_batch = timeout_seconds + batching_window_seconds
    recommended = derived_visibility(timeout_seconds, batching_window_seconds)
    sum_text = f"{timeout_seconds} s timeout + {batching_window_seconds} s batching window"
    if visibility < per_batch:
        checker.fail(
            "visibility_timeout_seconds",
            visibility,
            f"must be at least the consumer's {sum_text} = {per_batch} s, or messages become "
            "visible again while still being processed and run twice; Lambda refuses to create "
            "the mapping ('Queue visibility timeout ... is less than Function timeout') but "
            "never checks again on update",
            f"use {recommended} (6 x {per_batch}), or leave visibility_timeout_seconds out to "
            "derive it from the consumer",
            source=FLOOR_SOURCE,
        )
    if visibility < recommended and reason is None:
        checker.fail(
            "visibility_timeout_seconds",
            visibility,
            f"must be at least 6 x ({sum_text}) = {recommended} s, so a batch retried after "
            "throttling or a slow invocation is not received twice",
            f"use {recommended}, leave visibility_timeout_seconds out to derive it, or state "
            f"why it is shorter in {reason_argument}",
            source=GUIDANCE_SOURCE,
        )
