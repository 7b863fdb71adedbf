"""Stage and route throttling against API Gateway's account quota of the Region (rule A-03)."""

from __future__ import annotations

from typing import Any

from nova_core import APIGW_ACCOUNT_THROTTLING, APIGW_DEFAULT_THROTTLING, Checker, is_number

__all__ = ["account_quota", "check_region_quota", "check_throttling", "zero_warnings"]

QUOTA_SOURCE = "API Gateway account-level throttling quota per Region, shared by all APIs"


def account_quota(region: str | None) -> tuple[int, float]:
    """``(burst, rate)`` of the account quota in ``region`` (the default for unknown Regions)."""
    if region is None:
        return APIGW_DEFAULT_THROTTLING
    return APIGW_ACCOUNT_THROTTLING.get(region, APIGW_DEFAULT_THROTTLING)


def check_throttling(check: Checker, prefix: str, burst: Any, rate: Any) -> None:
    """Types and the largest quota any Region has; ``prefix`` is ``""`` or ``routes["k"].``."""
    max_burst, max_rate = APIGW_DEFAULT_THROTTLING
    check.integer(
        f"{prefix}throttling_burst_limit", burst, minimum=0, maximum=max_burst, source=QUOTA_SOURCE
    )
    check.number(
        f"{prefix}throttling_rate_limit",
        rate,
        minimum=0,
        maximum=max_rate,
        source=QUOTA_SOURCE,
    )


def check_region_quota(check: Checker, argument: str, value: Any, region: Any, kind: str) -> None:
    """A stage or route limit cannot exceed the lower quota some Regions have."""
    if not (is_number(value) and isinstance(region, str)):
        return
    burst, rate = account_quota(region)
    limit = burst if kind == "burst" else rate
    if value > limit:
        check.fail(
            argument,
            value,
            f"the account-level {kind} quota in {region} is {limit:g}, and a stage or route "
            "cannot exceed it",
            f"use at most {limit:g}, or request a quota increase first",
            source="API Gateway quotas",
        )


def zero_warnings(component: str, name: str, prefix: str, burst: Any, rate: Any) -> list[str]:
    """A limit of 0 is valid but blocks every request: say so."""
    warnings = []
    for key, value in (("throttling_burst_limit", burst), ("throttling_rate_limit", rate)):
        if is_number(value) and value == 0:
            warnings.append(
                f"{component} '{name}': {prefix}{key} is 0, which blocks every request "
                f"{'to this route' if prefix else 'to routes without their own limit'} with "
                "429 Too Many Requests."
            )
    return warnings
