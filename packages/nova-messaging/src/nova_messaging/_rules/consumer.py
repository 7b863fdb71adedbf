"""The consumer of a queue: a Lambda function read by duck typing, and its mapping settings.

A function is anything with ``arn`` (or ``function_arn``), ``role`` (an ``aws.iam.Role``, an object
with a ``name`` or ``id`` output, or a role name) and ``timeout_seconds``: a nova-compute
``Function``, or a small object in tests. Mapping limits: B.8 (Lambda CreateEventSourceMapping).
"""

from __future__ import annotations

from typing import Any

import pulumi

from nova_core import Checker, field, is_plain
from nova_core.iam import role_name
from nova_core.patterns import LazyPattern
from nova_core.records import Record

__all__ = [
    "FunctionFacts",
    "MAX_BATCH",
    "MAX_BATCH_FIFO",
    "MAX_BATCHING_WINDOW",
    "check_batching",
    "check_function_timeout",
    "check_max_concurrency",
    "check_reason",
    "read_function",
    "role_name_of",
]

MAX_BATCH = 10_000
MAX_BATCH_FIFO = 10
MAX_BATCHING_WINDOW = 300
MAX_FUNCTION_TIMEOUT = 900
SOURCE = "Lambda CreateEventSourceMapping"
_FUNCTION_ARN = LazyPattern(
    r"arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?"
)
_SHAPE = (
    "a consumer is a function with 'arn' (or 'function_arn'), 'role' and 'timeout_seconds', "
    "such as a nova-compute Function"
)


class FunctionFacts(Record):
    """What the queue needs to know about its consumer."""

    function: Any
    """The object given (kept so other packages can read it back)."""
    arn: pulumi.Input[str]
    role_name: pulumi.Input[str]
    timeout_seconds: int | None
    """The plain timeout, or ``None`` when the function exposes it only as an ``Output``."""
    timeout_output: pulumi.Output[int] | None
    """The timeout when it is an ``Output`` (its checks run once it resolves)."""


def role_name_of(checker: Checker, argument: str, role: Any) -> pulumi.Input[str]:
    """The role name to attach a policy to: from a role name, an ``aws.iam.Role`` or an object
    with a ``name``/``id`` output (``nova_core.iam.role_name``); an ``Output`` is refused."""
    if not isinstance(role, str) and not is_plain(role):
        checker.fail(
            argument,
            role,
            "is an Output, which could hold a role ARN as well as a name (an "
            "aws.lambda_.Function's 'role' is its role ARN)",
            "pass the aws.iam.Role itself or a plain role name; for an aws.lambda_.Function "
            "use ConsumerFunction(arn=fn.arn, role=<its aws.iam.Role>, timeout_seconds=...)",
        )
    return role_name(checker, argument, role, attributes=("name", "id"))


def read_function(checker: Checker, argument: str, function: Any) -> FunctionFacts:
    """The consumer's ARN, role name and timeout, each checked where it is plain."""
    if function is None or isinstance(function, str | int | float | bool):
        checker.fail(argument, function, _SHAPE, "pass the function component itself")
    arn = getattr(function, "arn", None)
    if arn is None:
        arn = getattr(function, "function_arn", None)
    if arn is None:
        checker.fail(
            argument,
            f"<{type(function).__name__}>",
            _SHAPE + " (it has no 'arn')",
            "pass the function component itself",
        )
    if is_plain(arn):
        checker.string(
            field(argument, "arn"),
            arn,
            pattern=_FUNCTION_ARN,
            rule="must be a Lambda function ARN",
            fix="pass the function's ARN, "
            "e.g. 'arn:aws:lambda:us-east-1:123456789012:function:worker'",
        )
    role = getattr(function, "role", None)
    if role is None:
        checker.fail(
            field(argument, "role"),
            None,
            _SHAPE + " (it has no 'role', so the consume permission has nowhere to go)",
            "pass a function that exposes its execution role",
        )
    role_name = role_name_of(checker, field(argument, "role"), role)
    timeout = getattr(function, "timeout_seconds", None)
    if timeout is None:
        checker.fail(
            field(argument, "timeout_seconds"),
            None,
            _SHAPE + " (it has no 'timeout_seconds', so the visibility timeout cannot be "
            "checked against it)",
            "pass a function that exposes its timeout in seconds",
        )
    if not is_plain(timeout):
        return FunctionFacts(function, arn, role_name, None, pulumi.Output.from_input(timeout))
    check_function_timeout(checker, field(argument, "timeout_seconds"), timeout)
    return FunctionFacts(function, arn, role_name, timeout, None)


def check_function_timeout(checker: Checker, argument: str, value: Any) -> int | None:
    """A Lambda timeout: 1-900 whole seconds."""
    return checker.integer(
        argument, value, minimum=1, maximum=MAX_FUNCTION_TIMEOUT, source="Lambda CreateFunction"
    )


def check_batching(
    checker: Checker, path: str, batch_size: Any, window: Any, *, fifo: bool
) -> tuple[int, int]:
    """Batch size and batching window, against each other and the queue type."""
    size_arg = field(path, "batch_size")
    window_arg = field(path, "batching_window_seconds")
    size = checker.integer(
        size_arg, batch_size, minimum=1, maximum=MAX_BATCH, source=SOURCE, plain=True
    )
    seconds = checker.integer(
        window_arg, window, minimum=0, maximum=MAX_BATCHING_WINDOW, source=SOURCE, plain=True
    )
    size, seconds = size or 0, seconds or 0  # the plan always passes the defaults
    if fifo and seconds > 0:
        checker.fail(
            window_arg,
            seconds,
            "FIFO queues do not support a batching window: Lambda invokes as soon as a batch "
            "of a message group is available",
            "leave batching_window_seconds out for a FIFO queue",
            source=SOURCE,
        )
    if fifo and size > MAX_BATCH_FIFO:
        checker.fail(
            size_arg,
            size,
            f"a FIFO queue's mapping takes at most {MAX_BATCH_FIFO} messages per batch",
            f"use a batch_size between 1 and {MAX_BATCH_FIFO}",
            source=SOURCE,
        )
    if size > MAX_BATCH_FIFO and seconds < 1:
        checker.fail(
            size_arg,
            size,
            f"a batch of more than {MAX_BATCH_FIFO} messages needs a batching window of at "
            "least 1 second",
            f"set batching_window_seconds (1-{MAX_BATCHING_WINDOW}), or use a batch_size of at "
            f"most {MAX_BATCH_FIFO}",
            source=SOURCE,
        )
    return size, seconds


def check_max_concurrency(checker: Checker, argument: str, value: Any) -> int | None:
    """Maximum concurrent invocations by the SQS poller: 2-1,000 (Q-12)."""
    return checker.integer(
        argument, value, minimum=2, maximum=1_000, source=SOURCE + " ScalingConfig", plain=True
    )


def check_reason(checker: Checker, argument: str, value: Any) -> str | None:
    """A stated reason (a non-blank string)."""
    text = checker.string(argument, value, plain=True)
    if text is not None and not text.strip():
        checker.fail(argument, value, "must state the reason", "write why, in a few words")
    return text
