"""Queue names (B.8 QueueName): 1-80 of ``[A-Za-z0-9_-]``, FIFO names end in ``.fifo``."""

from __future__ import annotations

from typing import Any

from nova_core import Checker
from nova_core.patterns import LazyPattern

__all__ = [
    "AUTO_NAME_SUFFIX",
    "FIFO_SUFFIX",
    "MAX_NAME",
    "check_auto_name",
    "check_queue_name",
    "dlq_name_for",
]

MAX_NAME = 80
FIFO_SUFFIX = ".fifo"
AUTO_NAME_SUFFIX = 8
"""Pulumi's auto-name appends ``-`` and 7 random characters to the child's logical name."""

SOURCE = "SQS CreateQueue QueueName"
_CHARS = LazyPattern(r"[A-Za-z0-9_-]+")


def check_queue_name(checker: Checker, argument: str, value: Any, *, fifo: bool) -> None:
    """An explicit queue name: allowed characters, length, ``.fifo`` exactly for FIFO queues."""
    text = checker.string(argument, value, max_length=MAX_NAME, source=SOURCE)
    if text is None:
        return
    base = text.removesuffix(FIFO_SUFFIX)
    if fifo and not text.endswith(FIFO_SUFFIX):
        checker.fail(
            argument,
            value,
            "a FIFO queue's name must end in '.fifo'",
            f"name it {(text + FIFO_SUFFIX)!r}" if len(text) + 5 <= MAX_NAME else "add '.fifo'",
            source=SOURCE,
        )
    if not fifo and text.endswith(FIFO_SUFFIX):
        checker.fail(
            argument,
            value,
            "only FIFO queues may end in '.fifo'",
            f"set fifo=True, or name it {base!r}",
            source=SOURCE,
        )
    if not base or not _CHARS.fullmatch(base):
        checker.fail(
            argument,
            value,
            "queue names may only use letters, digits, '-' and '_'"
            + (" (and end in '.fifo')" if fifo else ""),
            "replace the other characters, for example with '-'",
            source=SOURCE,
        )


def check_auto_name(checker: Checker, name: str, role: str, *, fifo: bool) -> None:
    """The component name, when it becomes part of an auto-generated queue name."""
    logical = f"{name}-{role}"
    longest = len(logical) + AUTO_NAME_SUFFIX + (len(FIFO_SUFFIX) if fifo else 0)
    if not _CHARS.fullmatch(name):
        checker.fail(
            "name",
            name,
            "the queue names are generated from the component name, and queue names may only "
            "use letters, digits, '-' and '_'",
            "rename the component, or pass queue_name and dlq_name",
            source=SOURCE,
        )
    if longest > MAX_NAME:
        checker.fail(
            "name",
            name,
            f"the generated {role} name '{logical}-xxxxxxx{FIFO_SUFFIX if fifo else ''}' would "
            f"have {longest} characters, more than the {MAX_NAME} SQS allows",
            f"shorten the component name by {longest - MAX_NAME} characters, or pass "
            "queue_name and dlq_name",
            source=SOURCE,
        )


def dlq_name_for(queue_name: str, *, fifo: bool) -> str:
    """The default DLQ name of an explicitly named queue: ``orders`` -> ``orders-dlq``."""
    base = queue_name.removesuffix(FIFO_SUFFIX)
    return f"{base}-dlq{FIFO_SUFFIX if fifo else ''}"
