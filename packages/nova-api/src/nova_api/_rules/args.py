"""The shape of the arguments: known keys, and options HTTP APIs do not have."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nova_core import Checker, field, is_plain
from nova_core.patterns import PatternLike

__all__ = [
    "HTTP_API_ARG_KEYS",
    "check_keys",
    "check_string_list",
    "require_args",
    "require_entries",
    "require_mapping",
]

HTTP_API_ARG_KEYS: tuple[str, ...] = (
    "targets",
    "routes",
    "integration_timeout_ms",
    "payload_format_version",
    "default_authorization",
    "jwt_authorizer",
    "cors",
    "stage_name",
    "throttling_burst_limit",
    "throttling_rate_limit",
    "access_log_retention_days",
    "access_log_kms_key_arn",
    "access_log_fields",
    "domain",
    "description",
    "tags",
)

# Features that exist on REST APIs but not on HTTP APIs: a key that looks like one of them gets
# an explanation instead of a bare "unknown key".
NOT_AVAILABLE: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("waf", "web_acl"),
        "AWS WAF cannot be associated with HTTP APIs (rule A-05, N/A)",
        "put CloudFront with a WAF web ACL in front of the API and route clients through a custom "
        "domain (domain.disable_execute_api_endpoint stays True), or use a REST API",
    ),
    (
        ("cach",),
        "HTTP APIs have no response cache (rule A-08, N/A)",
        "cache in CloudFront in front of the API, or inside the function",
    ),
    (
        ("xray", "x_ray", "tracing"),
        "HTTP APIs do not support X-Ray tracing (rule A-07, N/A)",
        "turn on active tracing on the Lambda function instead",
    ),
    (
        ("validat", "request_model", "request_parameter"),
        "HTTP APIs have no request validation (rule A-10, N/A)",
        "validate requests in the handler, e.g. Powertools' APIGatewayHttpResolver with "
        "enable_validation=True",
    ),
    (
        ("api_key", "usage_plan"),
        "HTTP APIs have no API keys or usage plans",
        "use jwt_authorizer or default_authorization='AWS_IAM' for access control and the "
        "throttling_* arguments for rate limits",
    ),
    (
        ("resource_policy",),
        "HTTP APIs have no resource policies",
        "use default_authorization='AWS_IAM' or jwt_authorizer",
    ),
    (
        ("logging_level", "execution_log", "data_trace"),
        "HTTP APIs have no execution logs (rule A-06, N/A); JSON access logs are always on",
        "read the access logs (access_log_group_name) and the function's own logs",
    ),
    (
        ("private", "vpc_endpoint", "endpoint_type"),
        "HTTP APIs cannot be private and custom domains are always REGIONAL",
        "use a REST API for a private endpoint",
    ),
)


def check_keys(
    check: Checker, argument: str, given: Mapping[str, Any], valid: Sequence[str]
) -> None:
    """Refuse unknown keys: REST-API-only features get an explanation, typos a "did you mean"."""
    for key in given:
        if key in valid:
            continue
        lowered = str(key).lower()
        for needles, rule, fix in NOT_AVAILABLE:
            if any(needle in lowered for needle in needles):
                path = field(argument, str(key)) if argument else str(key)
                check.fail(path, given[key], f"not available: {rule}", fix)
    check.keys(argument, given, valid)


def require_mapping(check: Checker, argument: str, value: Any, fix: str) -> Mapping[str, Any]:
    """A plain ``dict``; an ``Output`` or any other type is refused with ``fix``."""
    if not isinstance(value, Mapping):
        check.fail(argument, value, "must be a plain mapping (dict)", fix)
    return value


def require_args(
    check: Checker, argument: str, value: Any, valid: Sequence[str], fix: str
) -> Mapping[str, Any]:
    """A plain ``dict`` (else refused with ``fix``) of the keys in ``valid`` (see
    :func:`check_keys`)."""
    value = require_mapping(check, argument, value, fix)
    check_keys(check, argument, value, valid)
    return value


def require_entries(
    check: Checker,
    argument: str,
    value: Any,
    *,
    what: str,
    fix: str,
    limit: int,
    quota: str,
    split: str,
) -> Mapping[str, Any]:
    """A plain ``dict`` of one to ``limit`` entries: at least one ``what`` is required (``fix``
    says how to give it); more than ``limit`` breaks ``quota`` (``split`` says what to do)."""
    if value is None:
        check.fail(argument, value, f"at least one {what} is required", fix)
    value = require_mapping(check, argument, value, fix)
    if not value:
        check.fail(argument, dict(value), f"at least one {what} is required", fix)
    if len(value) > limit:
        check.fail(argument, value, quota, split, shown=f"<{len(value)} {argument}>")
    return value


def check_string_list(
    check: Checker,
    argument: str,
    value: Any,
    *,
    pattern: PatternLike,
    rule: str,
    fix: str,
    min_items: int = 0,
    max_items: int | None = None,
) -> None:
    """A list of strings matching ``pattern`` (elements that are ``Output`` s are left out)."""
    if not is_plain(value):
        return
    if isinstance(value, str) or not isinstance(value, list | tuple):
        check.fail(argument, value, "must be a list of strings", f"write [{value!r}]")
    if len(value) < min_items:
        check.fail(argument, value, f"needs at least {min_items} item(s)", fix)
    if max_items is not None and len(value) > max_items:
        check.fail(argument, value, f"at most {max_items} items are allowed", fix)
    for item in value:
        if is_plain(item) and (not isinstance(item, str) or not pattern.fullmatch(item)):
            check.fail(argument, value, f"{item!r} is not valid: {rule}", fix)
