"""The stage's access logs: retention, encryption key and extra fields (rule A-01)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nova_api._access_log import (
    MAX_ACCESS_LOG_FORMAT_BYTES,
    REQUIRED_ACCESS_LOG_FIELDS,
    render_access_log_format,
)
from nova_core import Checker, at, is_plain, known_region, parse_arn
from nova_core.patterns import LazyPattern

from .args import require_mapping

__all__ = ["check_access_log_fields", "check_kms_key", "check_retention"]

_LOG_FIELD_NAME = LazyPattern(r"[A-Za-z][A-Za-z0-9_]{0,63}")


def check_retention(check: Checker, value: Any) -> None:
    check.log_retention("access_log_retention_days", value)


def check_kms_key(check: Checker, value: Any, region: str | None) -> None:
    """A KMS key ARN (not an alias or key id) in a known Region, and in the API's Region when
    that is known: CloudWatch Logs only uses a key of its own Region."""
    if value is None or not is_plain(value):
        return
    arn = parse_arn(value) if isinstance(value, str) else None
    if arn is None or arn.service != "kms" or arn.resource_type != "key":
        check.fail(
            "access_log_kms_key_arn",
            value,
            "CloudWatch Logs needs a KMS key ARN ('arn:aws:kms:<region>:<account>:key/<id>'), "
            "not an alias or key id, whose key policy allows logs.<region>.amazonaws.com",
            "pass the key's arn output",
        )
    if not known_region(arn.region, arn.partition):
        check.fail(
            "access_log_kms_key_arn",
            value,
            f"{arn.region!r} is not a Region of the {arn.partition!r} partition",
            "use the ARN of a key in the API's Region",
        )
    if region is not None and arn.region != region:
        check.fail(
            "access_log_kms_key_arn",
            value,
            f"the key is in {arn.region} but CloudWatch Logs encrypts a log group only with a "
            f"key of its own Region ({region})",
            f"create the key in {region} (or a multi-Region replica there) and pass its ARN",
            source="CloudWatch Logs AssociateKmsKey",
        )


def check_access_log_fields(check: Checker, extra: Any) -> str:
    """The extra fields; returns the rendered format (the standard fields plus these)."""
    if extra is not None:
        extra = require_mapping(
            check,
            "access_log_fields",
            extra,
            "pass {'sub': '$context.authorizer.claims.sub'}",
        )
        for field_name, variable in extra.items():
            argument = at("access_log_fields", str(field_name))
            if not isinstance(field_name, str) or not _LOG_FIELD_NAME.fullmatch(field_name):
                check.fail(
                    "access_log_fields",
                    field_name,
                    "field names are letters, digits and '_' starting with a letter",
                    "use a name like 'userSub'",
                )
            if field_name in REQUIRED_ACCESS_LOG_FIELDS:
                check.fail(
                    argument,
                    variable,
                    f"'{field_name}' is a required field of the access-log format and cannot be "
                    "replaced",
                    "add the value under another field name",
                )
            if (
                not isinstance(variable, str)
                or "$context." not in variable
                or any(c in variable for c in '\n\r"\\')
            ):
                check.fail(
                    argument,
                    variable,
                    "a field is a single-line string containing a $context variable, without "
                    "quotes or backslashes",
                    "use e.g. '$context.authorizer.claims.sub'",
                )
    fields: Mapping[str, str] | None = extra
    rendered = render_access_log_format(fields)
    size = len(rendered.encode())
    if size > MAX_ACCESS_LOG_FORMAT_BYTES:
        check.fail(
            "access_log_fields",
            extra,
            f"the access-log format would be {size} bytes; API Gateway allows at most "
            f"{MAX_ACCESS_LOG_FORMAT_BYTES}",
            "log fewer extra fields",
            shown=f"<{len(extra or {})} fields>",
        )
    return rendered
