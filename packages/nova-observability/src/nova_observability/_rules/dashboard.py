"""CloudWatch ``PutDashboard`` rules: dashboard names and the alarms shown."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from nova_core import Checker, at, is_plain, parse_arn
from nova_core.patterns import LazyPattern

SOURCE = "CloudWatch PutDashboard"
MAX_DASHBOARD_NAME = 255
_DASHBOARD_NAME_RE = LazyPattern(r"[A-Za-z0-9_-]+")


def dashboard_name(check: Checker, argument: str, value: Any, *, pages: int = 1) -> str:
    name = check.string(argument, value, min_length=0, plain=True)
    assert name is not None
    longest = name if pages == 1 else f"{name}-{pages}"
    if not _DASHBOARD_NAME_RE.fullmatch(name) or len(longest) > MAX_DASHBOARD_NAME:
        check.fail(
            argument,
            value,
            f"dashboard names are at most {MAX_DASHBOARD_NAME} characters of A-Z, a-z, 0-9, "
            "'-' and '_' (no spaces or dots)"
            + (f", including the page suffix '-{pages}'" if pages > 1 else ""),
            "use e.g. 'shop-prod-overview'; dashboards are account-global, so include "
            "project and stack",
            source=SOURCE,
        )
    return name


def sanitize_dashboard_name(value: str) -> str:
    """A default dashboard name from a prefix: characters CloudWatch rejects become '-'."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", value)[:MAX_DASHBOARD_NAME]


def alarm_arns(check: Checker, argument: str, value: Any) -> Mapping[str, Any]:
    given = check.mapping(argument, value) or {}
    for alarm_key, arn in given.items():
        if not isinstance(alarm_key, str) or not alarm_key:
            check.fail(
                argument,
                alarm_key,
                "alarm keys must be non-empty strings",
                "key alarms by '<resource key>/<kind>'",
            )
        parsed = parse_arn(arn) if is_plain(arn) and isinstance(arn, str) else None
        if is_plain(arn) and (
            parsed is None or parsed.service != "cloudwatch" or parsed.resource_type != "alarm"
        ):
            check.fail(
                at(argument, alarm_key),
                arn,
                "must be a CloudWatch alarm ARN",
                "pass the alarm's arn output",
            )
    return given
