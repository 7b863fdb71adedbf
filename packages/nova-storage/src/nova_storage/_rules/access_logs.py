"""Server access logging (S3-08): a separate target bucket, named by its name, never itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nova_core import Checker
from nova_storage.bucket_args import AccessLogsArgs

from .bucket_name import check_bucket_name

__all__ = ["ACCESS_LOGS_KEYS", "check_access_log_target", "check_access_logs"]

ACCESS_LOGS_KEYS: tuple[str, ...] = tuple(AccessLogsArgs.__annotations__)
TARGET = "access_logs.target_bucket"


def check_access_logs(
    check: Checker, access_logs: Any, bucket_name: str | None
) -> Mapping[str, Any] | None:
    """The target is a valid bucket name (dots allowed: it is not this bucket's name), not an
    ARN, and not this bucket when both names are plain."""
    access_logs = check.mapping("access_logs", access_logs)
    if access_logs is None:
        return None
    check.keys("access_logs", access_logs, ACCESS_LOGS_KEYS)
    target = access_logs.get("target_bucket")
    if target is None:
        check.fail(
            TARGET,
            target,
            "server access logging needs a target bucket",
            "pass target_bucket=<name of the log bucket>",
            source="S3-08",
        )
    text = check.string(TARGET, target)
    if text is not None:
        if text.startswith("arn:"):
            check.fail(
                TARGET,
                text,
                "the target is a bucket name, not an ARN",
                f"use {text.split(':::')[-1]!r}",
            )
        check_bucket_name(check, text, allow_dots=True, argument=TARGET)
        check_access_log_target(check, text, bucket_name)
    check.string(
        "access_logs.target_prefix",
        access_logs.get("target_prefix"),
        min_length=0,
        max_length=1024,
    )
    return access_logs


def check_access_log_target(check: Checker, target: str, bucket_name: str | None) -> str:
    """Refuse logging a bucket into itself (each log write would log again)."""
    if bucket_name is not None and target == bucket_name:
        check.fail(
            TARGET,
            target,
            "a bucket must not log to itself: each log delivery would create more logs",
            "send the logs to a separate log bucket in the same Region",
            source="S3-08, B.1 access-log target",
        )
    return target
