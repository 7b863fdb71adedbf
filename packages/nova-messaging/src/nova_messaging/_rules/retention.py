"""Message retention of the queue and its DLQ (B.8 MessageRetentionPeriod, DLQ retention, Q-06)."""

from __future__ import annotations

from nova_core import Checker

__all__ = ["MAX_RETENTION", "MIN_RETENTION", "check_dlq_outlives_source", "check_retention"]

MIN_RETENTION = 60
MAX_RETENTION = 1_209_600
"""SQS keeps a message 60 s to 14 days (CreateQueue MessageRetentionPeriod)."""

SOURCE = "SQS CreateQueue MessageRetentionPeriod"
DLQ_SOURCE = "SQS developer guide, dead-letter queues: the enqueue timestamp is kept"


def check_retention(checker: Checker, argument: str, value: object) -> int | None:
    """A retention SQS accepts, known when the program runs."""
    return checker.integer(
        argument, value, minimum=MIN_RETENTION, maximum=MAX_RETENTION, source=SOURCE, plain=True
    )


def check_dlq_outlives_source(
    checker: Checker,
    retention: int,
    dlq_retention: int,
    *,
    fifo: bool,
    dlq_given: bool,
) -> None:
    """A standard queue's DLQ must keep messages longer than the source does.

    A standard queue keeps a message's original enqueue time when it moves to the DLQ, so a
    message that spent 3 days in a 4-day source has only ``dlq_retention - 3 days`` left there; with
    a DLQ retention not above the source's it can expire on arrival. FIFO queues reset the
    timestamp on the move, so the rule does not apply to them.
    """
    if fifo or dlq_retention > retention:
        return
    if dlq_given:
        checker.fail(
            "dlq_retention_seconds",
            dlq_retention,
            f"must be longer than the source queue's retention ({retention} s): a standard "
            "queue keeps each message's original enqueue time in the DLQ, so a message arrives "
            "there already aged and would expire early",
            f"raise dlq_retention_seconds above {retention} (at most {MAX_RETENTION}, 14 days), "
            "or lower retention_seconds",
            source=DLQ_SOURCE,
        )
    checker.fail(
        "retention_seconds",
        retention,
        f"must be shorter than the DLQ's retention ({dlq_retention} s): a standard queue keeps "
        "each message's original enqueue time in the DLQ, so with a source retention this long "
        "the DLQ could not keep a failed message any longer than the source did",
        f"use at most {dlq_retention - 1} (the default is 345600, 4 days; the DLQ keeps "
        f"{MAX_RETENTION}, 14 days, the SQS maximum)",
        source=DLQ_SOURCE,
    )
