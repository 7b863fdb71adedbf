"""Identifiers of monitored resources, as CloudWatch dimensions need them.

Values that are still ``Output``s are left alone here: they come from the resources themselves.
"""

from __future__ import annotations

import re
from typing import Any

from nova_core import Checker, is_plain

MAX_LOG_GROUP_NAME = 512
LAMBDA_TIMEOUT = (1, 900)

_FUNCTION_NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_LOG_GROUP_RE = re.compile(r"[.\-_/#A-Za-z0-9]{1,512}")
_API_ID_RE = re.compile(r"[a-z0-9]{10}")
_STAGE_RE = re.compile(r"\$default|[A-Za-z0-9_-]{1,128}")
_BUCKET_RE = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


def _plain_string(check: Checker, argument: str, value: Any) -> str | None:
    if not is_plain(value):
        return None
    return check.string(argument, value)


def function_name(check: Checker, argument: str, value: Any) -> None:
    name = _plain_string(check, argument, value)
    if name is not None and not _FUNCTION_NAME_RE.fullmatch(name):
        check.fail(
            argument,
            value,
            "the FunctionName dimension needs the function name (1-64 letters, digits, '_' "
            "and '-'), not an ARN",
            "pass the function's name, e.g. 'orders-api'",
        )


def timeout_seconds(check: Checker, argument: str, value: Any) -> int | None:
    low, high = LAMBDA_TIMEOUT
    return check.integer(argument, value, minimum=low, maximum=high, source="Lambda quotas")


def log_group_name(check: Checker, argument: str, value: Any) -> None:
    name = _plain_string(check, argument, value)
    if name is not None and not _LOG_GROUP_RE.fullmatch(name):
        check.fail(
            argument,
            value,
            f"log group names are 1-{MAX_LOG_GROUP_NAME} characters of letters, digits and '.-_/#'",
            "pass e.g. '/aws/lambda/orders-api'",
        )


def api_id(check: Checker, argument: str, value: Any) -> None:
    text = _plain_string(check, argument, value)
    if text is not None and not _API_ID_RE.fullmatch(text):
        check.fail(
            argument,
            value,
            "the ApiId dimension needs the 10-character API id (lowercase letters and digits), "
            "not the API name or URL",
            "pass the api's id, e.g. 'a1b2c3d4e5'",
        )


def stage_name(check: Checker, argument: str, value: Any) -> None:
    text = _plain_string(check, argument, value)
    if text is not None and not _STAGE_RE.fullmatch(text):
        check.fail(
            argument,
            value,
            "stage names are '$default' or 1-128 letters, digits, '_' and '-'",
            "pass the stage name, e.g. '$default' or 'prod'",
        )


def bucket_name(check: Checker, argument: str, value: Any) -> None:
    text = _plain_string(check, argument, value)
    if text is not None and not _BUCKET_RE.fullmatch(text):
        check.fail(
            argument,
            value,
            "bucket names are 3-63 lowercase letters, digits, '.' and '-'",
            "pass the bucket's name, not its ARN, e.g. 'shop-prod-uploads'",
            source="S3 bucket naming rules",
        )
