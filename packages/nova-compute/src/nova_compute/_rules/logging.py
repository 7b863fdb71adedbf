"""Logs and tracing: retention, log group key and class, JSON log levels, X-Ray."""

from __future__ import annotations

from typing import Any

from nova_core import Checker

LOG_GROUP_CLASSES = ("STANDARD", "INFREQUENT_ACCESS")
APPLICATION_LOG_LEVELS = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")
SYSTEM_LOG_LEVELS = ("DEBUG", "INFO", "WARN")


def check_retention(checker: Checker, days: Any) -> None:
    """A retention CloudWatch Logs accepts (``True`` is not 1 day)."""
    checker.log_retention("log_retention_days", days)


def check_log_group_key(checker: Checker, key_arn: Any) -> None:
    checker.arn(
        "log_group_kms_key_arn",
        key_arn,
        service="kms",
        resource_types=("key",),
        example="'arn:aws:kms:us-east-1:123456789012:key/<key-id>' (not an alias; its key "
        "policy must allow logs.<region>.amazonaws.com)",
    )


def check_log_group_class(checker: Checker, log_class: Any) -> None:
    if log_class == "DELIVERY":
        checker.fail(
            "log_group_class",
            log_class,
            "DELIVERY log groups only receive vended logs; Lambda cannot write function logs there",
            "use 'STANDARD' or 'INFREQUENT_ACCESS'",
        )
    checker.one_of(
        "log_group_class", log_class, LOG_GROUP_CLASSES, source="CloudWatch Logs CreateLogGroup"
    )


def check_application_log_level(checker: Checker, level: Any) -> None:
    checker.one_of(
        "application_log_level",
        level,
        APPLICATION_LOG_LEVELS,
        source="Lambda LoggingConfig ApplicationLogLevel",
    )


def check_system_log_level(checker: Checker, level: Any) -> None:
    checker.one_of(
        "system_log_level", level, SYSTEM_LOG_LEVELS, source="Lambda LoggingConfig SystemLogLevel"
    )


def check_tracing(checker: Checker, enabled: Any) -> bool:
    """A plain bool: it decides whether the X-Ray policy exists."""
    value = checker.boolean("tracing_enabled", enabled, plain=True)
    return True if value is None else value
