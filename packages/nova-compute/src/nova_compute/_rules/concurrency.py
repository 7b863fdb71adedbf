"""Sizing and concurrency: memory, timeout, ephemeral storage, reserved concurrency."""

from __future__ import annotations

from typing import Any

from nova_core import (
    LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY,
    LAMBDA_MIN_UNRESERVED_CONCURRENCY,
    Checker,
    is_plain,
)

from . import warn

MEMORY_RANGE = (128, 10_240)
MEMORY_NEW_ACCOUNT_CAP = 3008
TIMEOUT_RANGE = (1, 900)
EPHEMERAL_RANGE = (512, 10_240)
CONCURRENCY_SOURCE = "Lambda PutFunctionConcurrency"


def check_memory(checker: Checker, memory: Any) -> None:
    value = checker.integer(
        "memory_mb", memory, minimum=MEMORY_RANGE[0], maximum=MEMORY_RANGE[1],
        source="Lambda MemorySize in MB",
    )  # fmt: skip
    if value is not None and value > MEMORY_NEW_ACCOUNT_CAP:
        warn(
            checker,
            "memory_mb",
            value,
            f"new AWS accounts may be capped at {MEMORY_NEW_ACCOUNT_CAP} MB until a quota "
            "increase; the deployment fails there",
        )


def check_timeout(checker: Checker, timeout: Any) -> int:
    """A plain number of seconds: other components (API integrations, queues, alarms) check
    their own limits against it before they register."""
    if not is_plain(timeout):
        checker.fail(
            "timeout_seconds",
            timeout,
            "must be known when the program runs, not an Output (APIs, queues and alarms check "
            "their limits against the function's timeout before anything is created)",
            "pass a plain int, e.g. pulumi.Config().require_int('timeoutSeconds')",
        )
    value = checker.integer(
        "timeout_seconds", timeout, minimum=TIMEOUT_RANGE[0], maximum=TIMEOUT_RANGE[1],
        source="Lambda Timeout in seconds",
    )  # fmt: skip
    assert value is not None  # the plan always passes a value (the default is 30)
    return value


def check_ephemeral_storage(checker: Checker, size: Any) -> None:
    checker.integer(
        "ephemeral_storage_mb", size, minimum=EPHEMERAL_RANGE[0], maximum=EPHEMERAL_RANGE[1],
        source="Lambda EphemeralStorage in MB",
    )  # fmt: skip


def check_account_concurrency(checker: Checker, account: Any) -> int:
    """The account's concurrency quota in the function's Region (plain)."""
    value = checker.integer(
        "account_concurrency", account, minimum=1, source="Lambda quotas", plain=True
    )
    return LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY if value is None else value


def check_reserved_concurrency(checker: Checker, reserved: Any, account: int) -> None:
    """0..(account concurrency - 100): Lambda keeps 100 executions unreserved."""
    value = checker.integer("reserved_concurrency", reserved, minimum=0, source=CONCURRENCY_SOURCE)
    if value is None:
        return
    highest = account - LAMBDA_MIN_UNRESERVED_CONCURRENCY
    if value > highest:
        checker.fail(
            "reserved_concurrency",
            value,
            f"Lambda keeps {LAMBDA_MIN_UNRESERVED_CONCURRENCY} of the account's {account} "
            f"concurrent executions unreserved, so a function may reserve at most "
            f"{max(highest, 0)}",
            f"reserve at most {max(highest, 0)}, or, when your account's quota was raised, set "
            "'account_concurrency' to it (Service Quotas: Lambda concurrent executions)",
            source=CONCURRENCY_SOURCE,
        )
    if value == 0:
        warn(
            checker,
            "reserved_concurrency",
            value,
            "0 throttles every invocation: the function never runs",
        )
