"""Pure checks of ``HttpApiArgs`` against the API Gateway HTTP API rules (security-rules.md B.4).

:func:`validate_http_api_args` checks every plain (non-``Output``) value before anything is
registered and returns an :class:`HttpApiPlan`: the normalised settings the component turns into
resources, plus warnings. Nothing here creates resources or calls AWS.
"""

from __future__ import annotations

import difflib
import inspect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pulumi

from ._access_log import (
    MAX_ACCESS_LOG_FORMAT_BYTES,
    REQUIRED_ACCESS_LOG_FIELDS,
    render_access_log_format,
)

__all__ = [
    "ALLOWED_LOG_RETENTION_DAYS",
    "COMPONENT",
    "HTTP_METHODS",
    "HttpApiPlan",
    "RouteKey",
    "RoutePlan",
    "TargetParts",
    "check_certificate_region",
    "check_target_timeout",
    "check_throttling_region",
    "parse_route_key",
    "route_slug",
    "validate_http_api_args",
]

COMPONENT = "nova-api HttpApi"

HTTP_METHODS: tuple[str, ...] = ("ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
"""Methods a route key may use (``ANY`` matches every method without a route of its own)."""

ALLOWED_LOG_RETENTION_DAYS: tuple[int, ...] = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
)  # fmt: skip
"""Values CloudWatch Logs accepts for a retention policy."""

DEFAULT_STAGE_NAME = "$default"
DEFAULT_INTEGRATION_TIMEOUT_MS = 30_000
DEFAULT_PAYLOAD_FORMAT_VERSION = "2.0"
DEFAULT_ACCESS_LOG_RETENTION_DAYS = 30
DEFAULT_THROTTLING_BURST_LIMIT = 500
DEFAULT_THROTTLING_RATE_LIMIT = 1000.0
DEFAULT_CORS_ALLOW_HEADERS: tuple[str, ...] = ("authorization", "content-type")
DEFAULT_CORS_MAX_AGE_SECONDS = 600
DEFAULT_JWT_IDENTITY_SOURCE = "$request.header.Authorization"

MAX_ROUTES = 300
MAX_INTEGRATIONS = 300
MAX_SCOPES_PER_ROUTE = 10
MAX_JWT_AUDIENCES = 50
ACCOUNT_BURST_LIMIT = 5000
ACCOUNT_RATE_LIMIT = 10_000
REGIONAL_THROTTLING_LIMITS: Mapping[str, tuple[int, int]] = {
    "af-south-1": (1250, 2500),
    "eu-south-1": (1250, 2500),
}
"""Regions whose account-level quota is lower: region -> (burst, rate)."""

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
ROUTE_ARG_KEYS: tuple[str, ...] = (
    "target",
    "public",
    "authorization_scopes",
    "throttling_burst_limit",
    "throttling_rate_limit",
    "name",
)
TARGET_KEYS: tuple[str, ...] = ("function_name", "invoke_arn", "timeout_seconds")
CORS_KEYS: tuple[str, ...] = (
    "allow_origins",
    "allow_methods",
    "allow_headers",
    "expose_headers",
    "allow_credentials",
    "max_age_seconds",
)
JWT_KEYS: tuple[str, ...] = ("issuer", "audiences", "identity_source", "name")
DOMAIN_KEYS: tuple[str, ...] = (
    "domain_name",
    "certificate_arn",
    "api_mapping_key",
    "disable_execute_api_endpoint",
)

# Features that exist on REST APIs but not on HTTP APIs: a key that looks like one of them gets
# an explanation instead of a bare "unknown argument".
_NOT_AVAILABLE: tuple[tuple[tuple[str, ...], str, str], ...] = (
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

_TARGET_KEY = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?")
_ROUTE_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
_STATEMENT_ID = re.compile(r"[A-Za-z0-9_-]+")
_PARAM_SEGMENT = re.compile(r"\{([A-Za-z0-9_.-]+)(\+?)\}")
_LITERAL_SEGMENT = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@-]+")
_STAGE_NAME = re.compile(r"[A-Za-z0-9_-]{1,128}")
_FUNCTION_ARN = (
    r"arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9$_-]+)?"
)
_FUNCTION_NAME = re.compile(rf"(?:{_FUNCTION_ARN}|(?:\d{{12}}:function:)?[A-Za-z0-9_-]{{1,64}})")
_INVOKE_ARN = re.compile(
    rf"arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/{_FUNCTION_ARN}"
    r"/invocations"
)
_ANY_FUNCTION_ARN = re.compile(_FUNCTION_ARN)
_CERTIFICATE_ARN = re.compile(
    r"arn:aws[a-zA-Z-]*:acm:([a-z0-9-]+):\d{12}:certificate/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
    r"[0-9a-f]{4}-[0-9a-f]{12}"
)
_KMS_KEY_ARN = re.compile(r"arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]{1,128}")
_HTTPS_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d{1,5})?(?:/[^\s?#]*)?")
_ORIGIN = re.compile(r"[a-z][a-z0-9+.-]*://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?")
_WILDCARD_ORIGINS = ("*", "https://*", "http://*")
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_IDENTITY_SOURCE = re.compile(
    r"\$(?:request\.(?:header|querystring)\.[!#$%&'*+.^_`|~0-9A-Za-z-]+"
    r"|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)"
)
_DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_MAPPING_KEY_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")
_LOG_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")
_SCOPE = re.compile(r"\S{1,256}")


# -- small helpers -------------------------------------------------------------------------------
def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _fail(name: str, argument: str, value: Any, rule: str, fix: str) -> ValueError:
    """The error every check raises: component, argument, value, rule and fix."""
    return ValueError(
        f"{COMPONENT} '{name}': argument '{argument}' is {_show(value)}: {rule}. Fix: {fix}."
    )


def _is_plain(value: Any) -> bool:
    """``True`` unless ``value`` is still an ``Output`` (or another awaitable)."""
    return not isinstance(value, pulumi.Output) and not inspect.isawaitable(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _key_path(parent: str, key: str) -> str:
    return f'{parent}["{key}"]'


def _check_keys(name: str, parent: str, given: Mapping[str, Any], allowed: Sequence[str]) -> None:
    for key in given:
        if key in allowed:
            continue
        argument = f"{parent}.{key}" if parent else str(key)
        lowered = str(key).lower()
        for needles, rule, fix in _NOT_AVAILABLE:
            if any(needle in lowered for needle in needles):
                raise _fail(name, argument, given[key], f"not available: {rule}", fix)
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise _fail(
            name,
            argument,
            given[key],
            f"unknown argument (valid keys: {', '.join(allowed)})",
            f"{hint}remove it or use one of the valid keys",
        )


def _require_mapping(name: str, argument: str, value: Any, fix: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(name, argument, value, "must be a plain mapping (dict)", fix)
    return value


def _check_string_list(
    name: str,
    argument: str,
    value: Any,
    *,
    pattern: re.Pattern[str],
    rule: str,
    fix: str,
    min_items: int = 0,
    max_items: int | None = None,
) -> None:
    if not _is_plain(value):
        return
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise _fail(name, argument, value, "must be a list of strings", f"write [{value!r}]")
    if len(value) < min_items:
        raise _fail(name, argument, value, f"needs at least {min_items} item(s)", fix)
    if max_items is not None and len(value) > max_items:
        raise _fail(name, argument, value, f"at most {max_items} items are allowed", fix)
    for item in value:
        if not _is_plain(item):
            continue
        if not isinstance(item, str) or not pattern.fullmatch(item):
            raise _fail(name, argument, value, f"{item!r} is not valid: {rule}", fix)


# -- route keys ----------------------------------------------------------------------------------
class RouteKey(NamedTuple):
    """A parsed route key. For ``$default`` the method is ``ANY`` and the path ``$default``."""

    method: str
    path: str


def _route_key_problem(key: Any) -> tuple[str, str] | None:
    """``(rule, fix)`` when ``key`` is not a valid HTTP API route key, else ``None``."""
    example = "e.g. 'GET /items/{id}' or '$default'"
    if not isinstance(key, str):
        return ("route keys must be strings", f"write the route key as a string, {example}")
    if key == "$default":
        return None
    parts = key.split(" ")
    if len(parts) != 2 or not parts[0] or not parts[1]:
        return (
            "a route key is '$default' or '<METHOD> <path>' with exactly one space",
            f"write it as {example}",
        )
    method, path = parts
    if method not in HTTP_METHODS:
        if method.upper() in HTTP_METHODS:
            return ("methods are upper case", f"write '{method.upper()} {path}'")
        return (
            f"unknown method '{method}' (allowed: {', '.join(HTTP_METHODS)})",
            f"use one of the allowed methods, {example}",
        )
    if not path.startswith("/"):
        return ("the path must start with '/'", f"write '{method} /{path}'")
    if path == "/":
        return None
    if path.endswith("/"):
        return ("the path must not end with '/'", f"write '{method} {path.rstrip('/')}'")
    segments = path[1:].split("/")
    seen: set[str] = set()
    for index, segment in enumerate(segments):
        if not segment:
            return ("the path must not contain empty segments ('//')", "remove the extra '/'")
        param = _PARAM_SEGMENT.fullmatch(segment)
        if param:
            if param.group(2) and index != len(segments) - 1:
                return (
                    f"the greedy path variable '{segment}' must be the last path segment",
                    f"move '{segment}' to the end of the path or drop the '+'",
                )
            if param.group(1) in seen:
                return (
                    f"path variable '{param.group(1)}' appears twice",
                    "give every path variable its own name",
                )
            seen.add(param.group(1))
            continue
        if "{" in segment or "}" in segment:
            return (
                f"segment '{segment}' is not a valid path variable: a variable fills a whole "
                "segment, '{name}' or greedy '{name+}', with a name of letters, digits, '_', '.' "
                "or '-'",
                "write the variable as its own segment, e.g. '/items/{id}'",
            )
        if not _LITERAL_SEGMENT.fullmatch(segment):
            return (
                f"segment '{segment}' contains characters not allowed in a path (letters, digits "
                "and -._~!$&'()*+,;=:@ are)",
                "remove spaces, '%', '?', '#' and similar characters from the path",
            )
    return None


def parse_route_key(key: str) -> RouteKey:
    """Split and validate an HTTP API route key.

    ``"GET /items/{id}"`` gives ``("GET", "/items/{id}")``; ``"$default"`` gives
    ``("ANY", "$default")``. Raises ``ValueError`` naming the rule and the fix when the key is not
    valid (unknown method, path not starting with ``/``, greedy variable not last, malformed
    ``{name}``, ...).
    """
    problem = _route_key_problem(key)
    if problem is not None:
        rule, fix = problem
        raise ValueError(f"route key {key!r}: {rule}. Fix: {fix}.")
    if key == "$default":
        return RouteKey("ANY", "$default")
    method, path = key.split(" ")
    return RouteKey(method, path)


def _normalised_path(path: str) -> str:
    """The path with variable names erased: API Gateway treats ``/a/{id}`` and ``/a/{x}`` as the
    same route."""
    if path in ("/", "$default"):
        return path
    out = []
    for segment in path[1:].split("/"):
        param = _PARAM_SEGMENT.fullmatch(segment)
        out.append(("{+}" if param.group(2) else "{}") if param else segment)
    return "/" + "/".join(out)


def route_slug(key: str) -> str:
    """The stable resource-name part for a route key: ``"GET /items/{id}"`` -> ``"get-items-id"``,
    ``"GET /"`` -> ``"get-root"``, ``"$default"`` -> ``"default"``."""
    method, path = parse_route_key(key)
    if path == "$default":
        return "default"
    if path == "/":
        return f"{method.lower()}-root"
    return re.sub(r"[^a-z0-9]+", "-", f"{method} {path}".lower()).strip("-")


# -- plan ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TargetParts:
    """What the component needs from a Lambda target."""

    function_name: Any
    invoke_arn: Any
    timeout_seconds: Any = None


@dataclass(frozen=True)
class RoutePlan:
    """One route, normalised."""

    route_key: str
    method: str
    path: str
    resource_suffix: str
    """Stable part of the child names, e.g. ``get-items-id``."""
    target: str
    public: bool
    authorization_type: str
    """``NONE``, ``JWT`` or ``AWS_IAM``."""
    authorization_scopes: Any = None
    throttling_burst_limit: Any = None
    throttling_rate_limit: Any = None


@dataclass(frozen=True)
class HttpApiPlan:
    """Everything the component builds, after validation and defaults."""

    targets: dict[str, TargetParts]
    routes: list[RoutePlan]
    integration_timeout_ms: Any
    payload_format_version: Any
    stage_name: Any
    throttling_burst_limit: Any
    throttling_rate_limit: Any
    access_log_retention_days: Any
    access_log_kms_key_arn: Any
    access_log_format: str
    cors: dict[str, Any] | None
    jwt_authorizer: dict[str, Any] | None
    domain: dict[str, Any] | None
    description: Any
    tags: Any
    warnings: list[str] = field(default_factory=list)


# -- individual checks ---------------------------------------------------------------------------
def check_target_timeout(name: str, key: str, timeout_seconds: Any, integration_ms: Any) -> None:
    """Raise when the function may run longer than API Gateway waits for it."""
    if not (_is_int(timeout_seconds) and _is_int(integration_ms)):
        return
    if timeout_seconds * 1000 > integration_ms:
        raise _fail(
            name,
            f"{_key_path('targets', key)}.timeout_seconds",
            timeout_seconds,
            f"the function may run for {timeout_seconds} s but API Gateway stops waiting after "
            f"integration_timeout_ms={integration_ms} ms, so clients get an error while the "
            "function keeps running (and billing)",
            f"set the function timeout to at most {integration_ms // 1000} s, or raise "
            "integration_timeout_ms (HTTP API maximum 30000)",
        )


def check_certificate_region(name: str, certificate_arn: Any, region: Any) -> None:
    """Raise when a REGIONAL custom domain's ACM certificate is in another region."""
    if not (isinstance(certificate_arn, str) and isinstance(region, str)):
        return
    match = _CERTIFICATE_ARN.fullmatch(certificate_arn)
    if match and match.group(1) != region:
        raise _fail(
            name,
            "domain.certificate_arn",
            certificate_arn,
            f"the certificate is in {match.group(1)} but a REGIONAL custom domain needs an ACM "
            f"certificate in the API's region ({region})",
            f"request or import the certificate in {region}",
        )


def check_throttling_region(name: str, argument: str, value: Any, region: Any, kind: str) -> None:
    """Raise when a throttling value exceeds the lower account quota of some regions."""
    if not (_is_number(value) and isinstance(region, str)) or region not in (
        REGIONAL_THROTTLING_LIMITS
    ):
        return
    burst, rate = REGIONAL_THROTTLING_LIMITS[region]
    limit = burst if kind == "burst" else rate
    if value > limit:
        raise _fail(
            name,
            argument,
            value,
            f"the account-level {kind} quota in {region} is {limit}, and a stage or route "
            "cannot exceed it",
            f"use at most {limit}, or request a quota increase first",
        )


def _check_throttling(name: str, prefix: str, burst: Any, rate: Any, warnings: list[str]) -> None:
    burst_arg, rate_arg = f"{prefix}throttling_burst_limit", f"{prefix}throttling_rate_limit"
    if burst is not None and _is_plain(burst):
        if not _is_int(burst) or not 0 <= burst <= ACCOUNT_BURST_LIMIT:
            raise _fail(
                name,
                burst_arg,
                burst,
                f"the burst limit is a whole number from 0 to {ACCOUNT_BURST_LIMIT} (the "
                "account-level burst quota per region, shared by all APIs)",
                f"use an integer between 1 and {ACCOUNT_BURST_LIMIT}, e.g. 500",
            )
        if burst == 0:
            warnings.append(
                f"{COMPONENT} '{name}': {burst_arg} is 0, which blocks every request "
                f"{'to this route' if prefix else 'to routes without their own limit'} with "
                "429 Too Many Requests."
            )
    if rate is not None and _is_plain(rate):
        if not _is_number(rate) or not 0 <= rate <= ACCOUNT_RATE_LIMIT:
            raise _fail(
                name,
                rate_arg,
                rate,
                f"the rate limit is a number of requests per second from 0 to "
                f"{ACCOUNT_RATE_LIMIT} (the account-level quota per region, shared by all APIs)",
                f"use a value between 1 and {ACCOUNT_RATE_LIMIT}, e.g. 1000",
            )
        if rate == 0:
            warnings.append(
                f"{COMPONENT} '{name}': {rate_arg} is 0, which blocks every request "
                f"{'to this route' if prefix else 'to routes without their own limit'} with "
                "429 Too Many Requests."
            )


def _read_target(name: str, key: str, target: Any) -> TargetParts:
    argument = _key_path("targets", key)
    shape = (
        "a target is a nova-compute Function, a FunctionTarget, an aws.lambda_.Function, or a "
        "mapping with 'function_name' and 'invoke_arn' (optional 'timeout_seconds')"
    )
    if isinstance(target, Mapping):
        _check_keys(name, argument, target, TARGET_KEYS)
        parts = TargetParts(
            target.get("function_name"), target.get("invoke_arn"), target.get("timeout_seconds")
        )
    else:
        import pulumi_aws as aws  # noqa: PLC0415 - sub-module loads lazily; only needed here

        if isinstance(target, aws.lambda_.Function):
            parts = TargetParts(target.name, target.invoke_arn, target.timeout)
        else:
            parts = TargetParts(
                getattr(target, "function_name", None),
                getattr(target, "invoke_arn", None),
                getattr(target, "timeout_seconds", None),
            )
    if parts.function_name is None or parts.invoke_arn is None:
        raise _fail(
            name, argument, target, shape, "pass the function component itself or such a mapping"
        )
    function_name = parts.function_name
    if _is_plain(function_name) and (
        not isinstance(function_name, str) or not _FUNCTION_NAME.fullmatch(function_name)
    ):
        raise _fail(
            name,
            f"{argument}.function_name",
            parts.function_name,
            "a Lambda function name is 1-64 letters, digits, '-' or '_' (or the function's ARN)",
            "pass the function's name, e.g. function.name",
        )
    if _is_plain(parts.invoke_arn) and (
        not isinstance(parts.invoke_arn, str) or not _INVOKE_ARN.fullmatch(parts.invoke_arn)
    ):
        is_function_arn = isinstance(parts.invoke_arn, str) and bool(
            _ANY_FUNCTION_ARN.fullmatch(parts.invoke_arn)
        )
        raise _fail(
            name,
            f"{argument}.invoke_arn",
            parts.invoke_arn,
            "this is the function ARN, not its invoke ARN"
            if is_function_arn
            else "an invoke ARN looks like 'arn:aws:apigateway:<region>:lambda:path/2015-03-31/"
            "functions/<function ARN>/invocations'",
            "pass the function's invoke_arn output (aws.lambda_.Function.invoke_arn)",
        )
    timeout = parts.timeout_seconds
    if (
        timeout is not None
        and _is_plain(timeout)
        and (not _is_int(timeout) or not 1 <= timeout <= 900)
    ):
        raise _fail(
            name,
            f"{argument}.timeout_seconds",
            timeout,
            "a Lambda timeout is a whole number of seconds from 1 to 900",
            "pass the function's timeout in seconds, or leave it out",
        )
    return parts


def _check_targets(name: str, targets: Any) -> dict[str, TargetParts]:
    fix = "pass targets={'items': items_function} (keys name the integrations)"
    if targets is None:
        raise _fail(name, "targets", targets, "at least one Lambda target is required", fix)
    targets = _require_mapping(name, "targets", targets, fix)
    if not targets:
        raise _fail(name, "targets", dict(targets), "at least one Lambda target is required", fix)
    if len(targets) > MAX_INTEGRATIONS:
        raise _fail(
            name,
            "targets",
            f"<{len(targets)} targets>",
            f"an HTTP API holds at most {MAX_INTEGRATIONS} integrations (fixed quota) and this "
            "component makes one per target",
            "split the API, or route several paths to one function",
        )
    out: dict[str, TargetParts] = {}
    for key, target in targets.items():
        if not isinstance(key, str) or not _TARGET_KEY.fullmatch(key):
            raise _fail(
                name,
                "targets",
                key,
                "target keys name child resources: 1-32 lowercase letters, digits and '-', "
                "starting and ending with a letter or digit",
                "use a short name like 'items' or 'auth-callback'",
            )
        statement = f"{name}-permission-{key}"
        if not _STATEMENT_ID.fullmatch(statement) or len(statement) > 92:
            raise _fail(
                name,
                _key_path("targets", key),
                statement,
                "the Lambda permission's statement id is derived from the component name and the "
                "target key; it may contain only letters, digits, '-' and '_' and be at most 100 "
                "characters including an 8-character random suffix",
                "use a shorter component name made of letters, digits and '-'",
            )
        out[key] = _read_target(name, key, target)
    return out


def _check_route_args(
    name: str, key: str, value: Any, target_keys: Sequence[str]
) -> dict[str, Any]:
    argument = _key_path("routes", key)
    if value is None:
        value = {}
    value = _require_mapping(
        name, argument, value, "give route options as a dict, e.g. {'target': 'items'}"
    )
    _check_keys(name, argument, value, ROUTE_ARG_KEYS)
    target = value.get("target")
    if target is None:
        if len(target_keys) != 1:
            raise _fail(
                name,
                f"{argument}.target",
                target,
                f"with several targets ({', '.join(target_keys)}) every route names its target",
                "add 'target': '<target key>' to the route",
            )
        target = target_keys[0]
    elif target not in target_keys:
        raise _fail(
            name,
            f"{argument}.target",
            target,
            f"no such target (targets: {', '.join(target_keys)})",
            "use one of the keys of 'targets'",
        )
    public = value.get("public", False)
    if not isinstance(public, bool):
        raise _fail(
            name, f"{argument}.public", public, "must be True or False", "write public=True"
        )
    route_name = value.get("name")
    if route_name is not None and (
        not isinstance(route_name, str) or not _ROUTE_NAME.fullmatch(route_name)
    ):
        raise _fail(
            name,
            f"{argument}.name",
            route_name,
            "route names are 1-64 lowercase letters, digits and '-', starting and ending with a "
            "letter or digit",
            "use a slug like 'get-item-by-id'",
        )
    return {**value, "target": target, "public": public}


def _check_routes(
    name: str,
    routes: Any,
    target_keys: Sequence[str],
    default_authorization: str,
    warnings: list[str],
) -> list[RoutePlan]:
    fix = "pass routes={'GET /items': {'target': 'items'}}"
    if routes is None:
        raise _fail(name, "routes", routes, "at least one route is required", fix)
    routes = _require_mapping(name, "routes", routes, fix)
    if not routes:
        raise _fail(name, "routes", dict(routes), "at least one route is required", fix)
    if len(routes) > MAX_ROUTES:
        raise _fail(
            name,
            "routes",
            f"<{len(routes)} routes>",
            f"an HTTP API holds at most {MAX_ROUTES} routes (default quota)",
            "split the API, use a greedy route such as 'ANY /{proxy+}', or raise the quota and "
            "split the routes across components",
        )
    plans: list[RoutePlan] = []
    seen_paths: dict[tuple[str, str], str] = {}
    seen_names: dict[str, str] = {}
    for key in sorted(routes, key=str):
        problem = _route_key_problem(key)
        if problem is not None:
            rule, route_fix = problem
            raise _fail(name, "routes", key, f"invalid route key: {rule}", route_fix)
        method, path = parse_route_key(key)
        identity = (method, _normalised_path(path))
        if identity in seen_paths:
            raise _fail(
                name,
                "routes",
                key,
                f"conflicts with route '{seen_paths[identity]}': API Gateway treats paths that "
                "differ only in variable names as the same route",
                "use the same variable names in both, or keep only one of them",
            )
        seen_paths[identity] = key
        options = _check_route_args(name, key, routes[key], target_keys)
        suffix = options.get("name") or route_slug(key)
        if suffix in seen_names:
            raise _fail(
                name,
                _key_path("routes", key),
                suffix,
                f"this route's resource name '{name}-route-{suffix}' is the same as route "
                f"'{seen_names[suffix]}''s",
                f"give one of them an explicit 'name', e.g. '{suffix}-2'",
            )
        seen_names[suffix] = key
        authorization = "NONE" if options["public"] else default_authorization
        scopes = options.get("authorization_scopes")
        if scopes is not None:
            if authorization != "JWT":
                raise _fail(
                    name,
                    f"{_key_path('routes', key)}.authorization_scopes",
                    scopes,
                    "authorization scopes apply only to routes authorized by the JWT authorizer "
                    f"(this route's authorization is {authorization})",
                    "configure jwt_authorizer and keep the route non-public, or drop the scopes",
                )
            _check_string_list(
                name,
                f"{_key_path('routes', key)}.authorization_scopes",
                scopes,
                pattern=_SCOPE,
                rule="a scope is a non-empty string without spaces, e.g. 'items/read'",
                fix=f"use 1 to {MAX_SCOPES_PER_ROUTE} scopes such as 'items/read'",
                min_items=1,
                max_items=MAX_SCOPES_PER_ROUTE,
            )
        burst = options.get("throttling_burst_limit")
        rate = options.get("throttling_rate_limit")
        _check_throttling(name, f"{_key_path('routes', key)}.", burst, rate, warnings)
        plans.append(
            RoutePlan(
                route_key=key,
                method=method,
                path=path,
                resource_suffix=suffix,
                target=options["target"],
                public=options["public"],
                authorization_type=authorization,
                authorization_scopes=scopes,
                throttling_burst_limit=burst,
                throttling_rate_limit=rate,
            )
        )
    unused = sorted(set(target_keys) - {plan.target for plan in plans})
    if unused:
        raise _fail(
            name,
            "targets",
            unused,
            "these targets are not used by any route (they would get an integration and an "
            "invoke permission for nothing)",
            "route something to them or remove them",
        )
    return plans


def _check_default_authorization(name: str, value: Any, has_jwt: bool) -> str:
    if value is None:
        # Secure by default (rule A-02): without a JWT authorizer, routes not declared public
        # require SigV4-signed requests (AWS_IAM) instead of being open to anyone.
        return "JWT" if has_jwt else "AWS_IAM"
    if value == "CUSTOM":
        raise _fail(
            name,
            "default_authorization",
            value,
            "Lambda (CUSTOM) authorizers are not offered by this component",
            "use jwt_authorizer, or 'AWS_IAM'",
        )
    if value not in ("NONE", "AWS_IAM", "JWT"):
        raise _fail(
            name,
            "default_authorization",
            value,
            "allowed values are 'NONE', 'AWS_IAM' and 'JWT'",
            "use 'AWS_IAM', or configure jwt_authorizer (which makes 'JWT' the default)",
        )
    if value == "JWT" and not has_jwt:
        raise _fail(
            name,
            "default_authorization",
            value,
            "JWT authorization needs a JWT authorizer",
            "configure jwt_authorizer={'issuer': ..., 'audiences': [...]}",
        )
    if value != "JWT" and has_jwt:
        raise _fail(
            name,
            "default_authorization",
            value,
            "with jwt_authorizer configured every non-public route uses it",
            "leave default_authorization out, and mark open routes public=True",
        )
    return value


def _check_jwt(name: str, jwt: Any) -> dict[str, Any] | None:
    if jwt is None:
        return None
    jwt = _require_mapping(
        name,
        "jwt_authorizer",
        jwt,
        "pass {'issuer': 'https://...', 'audiences': ['client-id']}",
    )
    _check_keys(name, "jwt_authorizer", jwt, JWT_KEYS)
    issuer = jwt.get("issuer")
    if issuer is None or (
        _is_plain(issuer) and (not isinstance(issuer, str) or not _HTTPS_URL.fullmatch(issuer))
    ):
        raise _fail(
            name,
            "jwt_authorizer.issuer",
            issuer,
            "the issuer is the identity provider's https URL (the 'iss' claim), without query or "
            "fragment",
            "use e.g. 'https://cognito-idp.<region>.amazonaws.com/<user pool id>'",
        )
    audiences = jwt.get("audiences")
    if audiences is None:
        raise _fail(
            name,
            "jwt_authorizer.audiences",
            audiences,
            f"a JWT authorizer needs 1 to {MAX_JWT_AUDIENCES} audiences (the 'aud' or "
            "'client_id' values it accepts)",
            "pass audiences=['<app client id>']",
        )
    _check_string_list(
        name,
        "jwt_authorizer.audiences",
        audiences,
        pattern=re.compile(r"\S(?:.{0,1022}\S)?"),
        rule="an audience is a non-empty string",
        fix=f"pass 1 to {MAX_JWT_AUDIENCES} audiences, e.g. ['<app client id>']",
        min_items=1,
        max_items=MAX_JWT_AUDIENCES,
    )
    identity_source = jwt.get("identity_source", DEFAULT_JWT_IDENTITY_SOURCE)
    if _is_plain(identity_source) and (
        not isinstance(identity_source, str) or not _IDENTITY_SOURCE.fullmatch(identity_source)
    ):
        raise _fail(
            name,
            "jwt_authorizer.identity_source",
            identity_source,
            "a JWT identity source is one selection expression such as "
            "'$request.header.Authorization' or '$request.querystring.token'",
            "use '$request.header.Authorization' (the default)",
        )
    auth_name = jwt.get("name")
    if (
        auth_name is not None
        and _is_plain(auth_name)
        and (
            not isinstance(auth_name, str)
            or not 1 <= len(auth_name) <= 128
            or auth_name != auth_name.strip()
        )
    ):
        raise _fail(
            name,
            "jwt_authorizer.name",
            auth_name,
            "an authorizer name is 1-128 characters without leading or trailing spaces",
            "use a short name like 'cognito', or leave it out",
        )
    return {
        "issuer": issuer,
        "audiences": audiences,
        "identity_source": identity_source,
        "name": auth_name,
    }


def _check_cors(
    name: str, cors: Any, routes: Sequence[RoutePlan], warnings: list[str]
) -> dict[str, Any] | None:
    if cors is None:
        return None
    cors = _require_mapping(
        name, "cors", cors, "pass {'allow_origins': ['https://app.example.com']}"
    )
    _check_keys(name, "cors", cors, CORS_KEYS)
    origins = cors.get("allow_origins")
    if origins is None or (_is_plain(origins) and not origins):
        raise _fail(
            name,
            "cors.allow_origins",
            origins,
            "CORS needs the list of origins allowed to call the API from a browser",
            "pass allow_origins=['https://app.example.com'], or leave cors out",
        )
    if _is_plain(origins):
        if isinstance(origins, str) or not isinstance(origins, Sequence):
            raise _fail(
                name,
                "cors.allow_origins",
                origins,
                "must be a list of origins",
                f"write [{origins!r}]",
            )
        for origin in origins:
            if not _is_plain(origin):
                continue
            if not isinstance(origin, str) or not (
                origin in _WILDCARD_ORIGINS or _ORIGIN.fullmatch(origin)
            ):
                fix = "write origins as scheme://host[:port], e.g. 'https://app.example.com'"
                if isinstance(origin, str) and _ORIGIN.fullmatch(origin.lower().rstrip("/")):
                    fix = f"write {origin.lower().rstrip('/')!r} (lower case, no path or '/')"
                raise _fail(
                    name,
                    "cors.allow_origins",
                    origins,
                    f"{origin!r} is not an origin: '*' or scheme://host[:port] without a path",
                    fix,
                )
    credentials = cors.get("allow_credentials", False)
    if _is_plain(credentials) and not isinstance(credentials, bool):
        raise _fail(
            name,
            "cors.allow_credentials",
            credentials,
            "must be True or False",
            "write allow_credentials=True",
        )
    plain_origins = [o for o in origins if _is_plain(o)] if _is_plain(origins) else []
    wildcards = [o for o in plain_origins if o in _WILDCARD_ORIGINS]
    if credentials is True and wildcards:
        raise _fail(
            name,
            "cors.allow_credentials",
            credentials,
            f"credentials cannot be allowed for the wildcard origin {wildcards[0]!r} (API "
            "Gateway rejects '*', and any wildcard would let every website make credentialed "
            "requests; rule A-04)",
            "list the exact origins, or set allow_credentials=False",
        )
    if wildcards:
        warnings.append(
            f"{COMPONENT} '{name}': cors.allow_origins contains {wildcards[0]!r}: any website "
            "can call this API from a browser (rule A-04 wants explicit origins in production)."
        )
    methods = cors.get("allow_methods")
    if methods is None:
        used = {plan.method for plan in routes}
        methods = ["*"] if "ANY" in used else sorted(used)
    else:
        _check_string_list(
            name,
            "cors.allow_methods",
            methods,
            pattern=re.compile(r"\*|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS"),
            rule="methods are GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or '*'",
            fix="use upper-case method names such as ['GET', 'PUT']",
            min_items=1,
        )
    headers = cors.get("allow_headers", list(DEFAULT_CORS_ALLOW_HEADERS))
    for key, value in (("allow_headers", headers), ("expose_headers", cors.get("expose_headers"))):
        if value is not None:
            _check_string_list(
                name,
                f"cors.{key}",
                value,
                pattern=_HEADER_NAME,
                rule="a header name is a token such as 'content-type' (or '*')",
                fix="use header names without spaces or ':'",
            )
    max_age = cors.get("max_age_seconds", DEFAULT_CORS_MAX_AGE_SECONDS)
    if _is_plain(max_age) and (not _is_int(max_age) or not -1 <= max_age <= 86_400):
        raise _fail(
            name,
            "cors.max_age_seconds",
            max_age,
            "the preflight cache time is a whole number of seconds from -1 to 86400",
            "use e.g. 600 (-1 disables caching)",
        )
    out: dict[str, Any] = {
        "allow_origins": origins,
        "allow_methods": methods,
        "allow_headers": headers,
        "allow_credentials": credentials,
        "max_age": max_age,
    }
    if cors.get("expose_headers") is not None:
        out["expose_headers"] = cors["expose_headers"]
    return out


def _check_preflight(name: str, routes: Sequence[RoutePlan]) -> None:
    """With gateway CORS on, a browser's preflight must not reach an authorized catch-all route."""
    open_options = {_normalised_path(r.path) for r in routes if r.method == "OPTIONS" and r.public}
    for plan in routes:
        if plan.authorization_type == "NONE" or plan.method != "ANY":
            continue
        path = "/{proxy+}" if plan.path == "$default" else plan.path
        if _normalised_path(path) in open_options:
            continue
        raise _fail(
            name,
            "routes",
            plan.route_key,
            f"CORS is configured and route '{plan.route_key}' requires {plan.authorization_type}"
            " authorization for every method, so browsers' preflight OPTIONS requests (which "
            "carry no credentials) are routed to it and rejected",
            f"add a public preflight route, e.g. 'OPTIONS {path}': {{'target': "
            f"'{plan.target}', 'public': True}}, whose handler answers OPTIONS with 204",
        )


def _check_domain(name: str, domain: Any) -> dict[str, Any] | None:
    if domain is None:
        return None
    domain = _require_mapping(
        name,
        "domain",
        domain,
        "pass {'domain_name': 'api.example.com', 'certificate_arn': 'arn:aws:acm:...'}",
    )
    _check_keys(name, "domain", domain, DOMAIN_KEYS)
    domain_name = domain.get("domain_name")
    if domain_name is None or _is_plain(domain_name):
        problem = _domain_name_problem(domain_name)
        if problem:
            rule, fix = problem
            raise _fail(name, "domain.domain_name", domain_name, rule, fix)
    certificate = domain.get("certificate_arn")
    if certificate is None or (
        _is_plain(certificate)
        and (not isinstance(certificate, str) or not _CERTIFICATE_ARN.fullmatch(certificate))
    ):
        raise _fail(
            name,
            "domain.certificate_arn",
            certificate,
            "a custom domain needs an ACM certificate ARN, "
            "'arn:aws:acm:<region>:<account>:certificate/<uuid>'",
            "pass the ARN of an issued ACM certificate in the API's region (e.g. "
            "aws.acm.Certificate(...).arn)",
        )
    mapping_key = domain.get("api_mapping_key")
    if mapping_key is not None and _is_plain(mapping_key):
        segments = mapping_key.split("/") if isinstance(mapping_key, str) else [None]
        if not isinstance(mapping_key, str) or not all(
            s is not None and _MAPPING_KEY_SEGMENT.fullmatch(s) for s in segments
        ):
            raise _fail(
                name,
                "domain.api_mapping_key",
                mapping_key,
                "the base path is one or more segments of letters, digits and -._~ separated "
                "by '/', without a leading or trailing '/'",
                "use e.g. 'v1' or 'orders/v1', or leave it out to map the domain root",
            )
    disable = domain.get("disable_execute_api_endpoint", True)
    if _is_plain(disable) and not isinstance(disable, bool):
        raise _fail(
            name,
            "domain.disable_execute_api_endpoint",
            disable,
            "must be True or False",
            "leave it out (True: clients must use the custom domain, rule A-11)",
        )
    return {
        "domain_name": domain_name,
        "certificate_arn": certificate,
        "api_mapping_key": mapping_key,
        "disable_execute_api_endpoint": disable,
    }


def _domain_name_problem(value: Any) -> tuple[str, str] | None:
    rule = (
        "a custom domain name is a fully qualified lower-case DNS name (labels of letters, digits "
        "and '-', at most 253 characters; a leading '*.' makes a wildcard)"
    )
    if not isinstance(value, str) or not value:
        return rule, "pass e.g. 'api.example.com'"
    if value != value.lower():
        return rule, f"write {value.lower()!r}"
    if value.endswith("."):
        return rule, f"write {value.rstrip('.')!r} (no trailing dot)"
    labels = value.split(".")
    if labels[0] == "*":
        labels = labels[1:]
    if (
        len(value) > 253
        or len(labels) < 2
        or not all(_DOMAIN_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        return rule, "pass e.g. 'api.example.com'"
    return None


def _check_tags(name: str, tags: Any) -> None:
    if tags is None or not _is_plain(tags):
        return
    tags = _require_mapping(name, "tags", tags, "pass {'team': 'payments'}")
    if len(tags) > 50:
        raise _fail(
            name,
            "tags",
            f"<{len(tags)} tags>",
            "AWS resources take at most 50 tags",
            "drop some tags",
        )
    for key, value in tags.items():
        if not isinstance(key, str) or not 1 <= len(key) <= 128 or key.lower().startswith("aws:"):
            raise _fail(
                name,
                "tags",
                key,
                "tag keys are 1-128 characters and may not start with 'aws:'",
                "rename the tag key",
            )
        if _is_plain(value) and (not isinstance(value, str) or len(value) > 256):
            raise _fail(
                name,
                f"{_key_path('tags', key)}",
                value,
                "tag values are strings of at most 256 characters",
                "shorten the value or convert it to a string",
            )


def _check_access_log(name: str, args: Mapping[str, Any]) -> tuple[Any, Any, str]:
    retention = args.get("access_log_retention_days", DEFAULT_ACCESS_LOG_RETENTION_DAYS)
    if _is_plain(retention) and (
        not _is_int(retention) or retention not in ALLOWED_LOG_RETENTION_DAYS
    ):
        raise _fail(
            name,
            "access_log_retention_days",
            retention,
            "CloudWatch Logs accepts only these retention periods: "
            + ", ".join(map(str, ALLOWED_LOG_RETENTION_DAYS)),
            "pick one of them, e.g. 30 (dev), 90 or 365 (prod)",
        )
    kms = args.get("access_log_kms_key_arn")
    if (
        kms is not None
        and _is_plain(kms)
        and (not isinstance(kms, str) or not _KMS_KEY_ARN.fullmatch(kms))
    ):
        raise _fail(
            name,
            "access_log_kms_key_arn",
            kms,
            "CloudWatch Logs needs a KMS key ARN ('arn:aws:kms:<region>:<account>:key/<id>'), "
            "not an alias or key id, whose key policy allows logs.<region>.amazonaws.com",
            "pass the key's arn output",
        )
    extra = args.get("access_log_fields")
    if extra is not None:
        extra = _require_mapping(
            name,
            "access_log_fields",
            extra,
            "pass {'sub': '$context.authorizer.claims.sub'}",
        )
        for field_name, variable in extra.items():
            argument = _key_path("access_log_fields", str(field_name))
            if not isinstance(field_name, str) or not _LOG_FIELD_NAME.fullmatch(field_name):
                raise _fail(
                    name,
                    "access_log_fields",
                    field_name,
                    "field names are letters, digits and '_' starting with a letter",
                    "use a name like 'userSub'",
                )
            if field_name in REQUIRED_ACCESS_LOG_FIELDS:
                raise _fail(
                    name,
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
                raise _fail(
                    name,
                    argument,
                    variable,
                    "a field is a single-line string containing a $context variable, without "
                    "quotes or backslashes",
                    "use e.g. '$context.authorizer.claims.sub'",
                )
    rendered = render_access_log_format(extra)
    if len(rendered.encode()) > MAX_ACCESS_LOG_FORMAT_BYTES:
        raise _fail(
            name,
            "access_log_fields",
            f"<{len(extra or {})} fields>",
            f"the access-log format would be {len(rendered.encode())} bytes; API Gateway allows "
            f"at most {MAX_ACCESS_LOG_FORMAT_BYTES}",
            "log fewer extra fields",
        )
    return retention, kms, rendered


# -- entry point ---------------------------------------------------------------------------------
def validate_http_api_args(name: str, args: Mapping[str, Any]) -> HttpApiPlan:
    """Check every plain value of ``args`` and return the normalised plan (with warnings).

    Raises ``ValueError`` (component, argument, value, rule, fix) on the first problem found.
    """
    if not isinstance(args, Mapping):
        raise _fail(name, "args", args, "must be an HttpApiArgs dict", "pass HttpApiArgs(...)")
    _check_keys(name, "", args, HTTP_API_ARG_KEYS)
    warnings: list[str] = []

    targets = _check_targets(name, args.get("targets"))
    jwt = _check_jwt(name, args.get("jwt_authorizer"))
    default_authorization = _check_default_authorization(
        name, args.get("default_authorization"), jwt is not None
    )
    routes = _check_routes(name, args.get("routes"), list(targets), default_authorization, warnings)

    timeout_ms = args.get("integration_timeout_ms", DEFAULT_INTEGRATION_TIMEOUT_MS)
    if _is_plain(timeout_ms) and (not _is_int(timeout_ms) or not 50 <= timeout_ms <= 30_000):
        raise _fail(
            name,
            "integration_timeout_ms",
            timeout_ms,
            "an HTTP API integration timeout is 50 to 30000 milliseconds (30 s is a fixed maximum)",
            "use a value up to 30000 and keep the function's timeout within it",
        )
    for key, parts in targets.items():
        check_target_timeout(name, key, parts.timeout_seconds, timeout_ms)

    payload = args.get("payload_format_version", DEFAULT_PAYLOAD_FORMAT_VERSION)
    if _is_plain(payload) and payload not in ("1.0", "2.0"):
        raise _fail(
            name,
            "payload_format_version",
            payload,
            "Lambda proxy integrations accept payload format '1.0' or '2.0' (strings)",
            "use '2.0' (the default) unless the handler parses the REST-style 1.0 event",
        )

    stage_name = args.get("stage_name", DEFAULT_STAGE_NAME)
    if _is_plain(stage_name) and (
        not isinstance(stage_name, str)
        or not (stage_name == "$default" or _STAGE_NAME.fullmatch(stage_name))
    ):
        raise _fail(
            name,
            "stage_name",
            stage_name,
            "a stage name is '$default' or 1-128 letters, digits, '-' and '_'",
            "use '$default' (served at the root URL) or e.g. 'v1'",
        )

    burst = args.get("throttling_burst_limit", DEFAULT_THROTTLING_BURST_LIMIT)
    rate = args.get("throttling_rate_limit", DEFAULT_THROTTLING_RATE_LIMIT)
    _check_throttling(name, "", burst, rate, warnings)

    retention, kms, log_format = _check_access_log(name, args)
    cors = _check_cors(name, args.get("cors"), routes, warnings)
    if cors is not None:
        _check_preflight(name, routes)
    domain = _check_domain(name, args.get("domain"))

    description = args.get("description")
    if (
        description is not None
        and _is_plain(description)
        and (not isinstance(description, str) or len(description) > 1024)
    ):
        raise _fail(
            name,
            "description",
            description,
            "a description is a string of at most 1024 characters",
            "shorten it",
        )
    _check_tags(name, args.get("tags"))

    open_routes = [r.route_key for r in routes if r.authorization_type == "NONE" and not r.public]
    if open_routes:
        warnings.append(
            f"{COMPONENT} '{name}': route(s) {', '.join(open_routes)} have no authorization, so "
            "anyone can call them (rule A-02, Security Hub APIGateway.8). Configure "
            "jwt_authorizer or default_authorization='AWS_IAM', or mark intentionally open "
            "routes public=True."
        )

    return HttpApiPlan(
        targets=targets,
        routes=routes,
        integration_timeout_ms=timeout_ms,
        payload_format_version=payload,
        stage_name=stage_name,
        throttling_burst_limit=burst,
        throttling_rate_limit=rate,
        access_log_retention_days=retention,
        access_log_kms_key_arn=kms,
        access_log_format=log_format,
        cors=cors,
        jwt_authorizer=jwt,
        domain=domain,
        description=description,
        tags=args.get("tags"),
        warnings=warnings,
    )
