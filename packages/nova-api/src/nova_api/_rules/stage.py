"""The integration settings, the stage name and the API description."""

from __future__ import annotations

from typing import Any

from nova_core import Checker, is_plain
from nova_core.patterns import LazyPattern

__all__ = [
    "PAYLOAD_FORMAT_VERSIONS",
    "check_description",
    "check_integration_timeout",
    "check_payload_format",
    "check_stage_name",
]

PAYLOAD_FORMAT_VERSIONS: tuple[str, ...] = ("1.0", "2.0")
MAX_INTEGRATION_TIMEOUT_MS = 30_000
"""HTTP API integrations wait at most 30 s (a fixed quota)."""

_STAGE_NAME = LazyPattern(r"\$default|[A-Za-z0-9_-]{1,128}")


def check_integration_timeout(check: Checker, value: Any) -> None:
    check.integer(
        "integration_timeout_ms",
        value,
        minimum=50,
        maximum=MAX_INTEGRATION_TIMEOUT_MS,
        source="API Gateway HTTP API quotas: an integration timeout is 50 to 30000 ms, 30 s is a "
        "fixed maximum",
    )


def check_payload_format(check: Checker, value: Any) -> None:
    if value is None or (isinstance(value, str) and value in PAYLOAD_FORMAT_VERSIONS):
        return
    if is_plain(value):
        check.fail(
            "payload_format_version",
            value,
            "Lambda proxy integrations accept payload format '1.0' or '2.0' (strings)",
            "use '2.0' (the default) unless the handler parses the REST-style 1.0 event",
        )


def check_stage_name(check: Checker, value: Any) -> None:
    check.string(
        "stage_name",
        value,
        pattern=_STAGE_NAME,
        rule="a stage name is '$default' or 1-128 letters, digits, '-' and '_'",
        fix="use '$default' (served at the root URL) or e.g. 'v1'",
    )


def check_description(check: Checker, value: Any) -> None:
    check.string(
        "description",
        value,
        min_length=0,
        max_length=1024,
        source="API Gateway: a description is at most 1024 characters",
    )
