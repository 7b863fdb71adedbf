"""Table settings: recovery period, stream view type, TTL attribute, encryption key, flags."""

from __future__ import annotations

from typing import Any

from nova_core import Checker

__all__ = [
    "RECOVERY_PERIOD_DAYS",
    "STREAM_VIEW_TYPES",
    "check_kms_key_arn",
    "check_recovery_period",
    "check_stream",
    "check_ttl_attribute",
]

RECOVERY_PERIOD_DAYS = (1, 35)
"""Point-in-time recovery period bounds (PointInTimeRecoverySpecification)."""
STREAM_VIEW_TYPES: tuple[str, ...] = ("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")
"""What each stream record holds."""


def check_recovery_period(check: Checker, value: Any) -> int | None:
    low, high = RECOVERY_PERIOD_DAYS
    return check.integer(
        "recovery_period_days",
        value,
        minimum=low,
        maximum=high,
        source="DynamoDB API: PointInTimeRecoverySpecification.RecoveryPeriodInDays",
    )


def check_stream(check: Checker, value: Any) -> str | None:
    return check.one_of(
        "stream", value, STREAM_VIEW_TYPES, source="DynamoDB API: StreamViewType", plain=True
    )


def check_ttl_attribute(check: Checker, value: Any, key_attributes: set[str]) -> str | None:
    """1-255 characters and not a key attribute of the table or an index."""
    name = check.string("ttl_attribute", value, max_length=255)
    if name is not None and name in key_attributes:
        check.fail(
            "ttl_attribute",
            name,
            "the TTL attribute cannot be a key attribute of the table or an index",
            "use a separate Number attribute holding the expiry time in epoch seconds, "
            "e.g. 'expires_at'",
            source="DynamoDB API: UpdateTimeToLive",
        )
    return name


def check_kms_key_arn(
    check: Checker, argument: str, value: Any, *, region: str | None
) -> str | None:
    """A KMS **key** ARN (grants need the key, not an alias) in the provider's Region."""
    parsed = check.kms_key_arn(argument, value, region=region)
    return str(parsed) if parsed is not None else None
