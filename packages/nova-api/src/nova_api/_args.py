"""The argument and output shapes of :class:`~nova_api.HttpApi` (TypedDicts, read by Pulumi's
component analyzer, so no ``from __future__ import annotations`` here)."""

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypedDict

import pulumi
import pulumi_aws as aws

from nova_core import NovaInputError

__all__ = [
    "CorsArgs",
    "DomainArgs",
    "DomainTarget",
    "FunctionTarget",
    "HttpApiArgs",
    "JwtAuthorizerArgs",
    "LambdaTarget",
    "RouteArgs",
]


class LambdaTarget(Protocol):
    """The shape of a target given as an object: a function's name and its invoke ARN.

    Route to a nova-compute ``Function`` by passing it as is (``targets={"items": fn}``): it is
    recognised by its ``function`` attribute (the ``aws.lambda_.Function``), and its
    ``timeout_seconds`` is checked against the integration timeout. A raw
    ``aws.lambda_.Function`` is accepted as is too. For any other function pass a dict with the
    keys ``function_name``, ``invoke_arn`` and optionally ``timeout_seconds`` (that is also what
    a hosted component receives).
    """

    # Typed Any (an Input[str] or Output[str]): a stricter type would make the attribute
    # invariant and reject objects whose attributes are typed Output[str].
    function_name: Any
    """The function's name (or ARN), used by the invoke permission."""
    invoke_arn: Any
    """The function's invoke ARN (``arn:aws:apigateway:<region>:lambda:path/...``)."""


@dataclass
class FunctionTarget:
    """Deprecated since 0.2.0, removed in 0.3.0: pass the function itself
    (``targets={"items": fn}`` for a nova-compute ``Function`` or an ``aws.lambda_.Function``)
    or a dict ``{"function_name": ..., "invoke_arn": ..., "timeout_seconds": ...}``."""

    function_name: pulumi.Input[str]
    invoke_arn: pulumi.Input[str]
    timeout_seconds: pulumi.Input[int] | None = None

    def __post_init__(self) -> None:
        warnings.warn(
            "nova_api.FunctionTarget is deprecated and will be removed in nova-api 0.3.0: pass "
            "the function itself (targets={'items': fn}) or a dict with 'function_name' and "
            "'invoke_arn'",
            DeprecationWarning,
            stacklevel=3,
        )

    @classmethod
    def from_function(cls, function: Any) -> "FunctionTarget":
        """Deprecated: the target for a nova-compute ``Function`` or an ``aws.lambda_.Function``;
        pass the function itself instead."""
        inner = getattr(function, "function", None)
        if isinstance(inner, aws.lambda_.Function) and hasattr(function, "invoke_arn"):
            return cls(inner.name, function.invoke_arn, getattr(function, "timeout_seconds", None))
        if isinstance(function, aws.lambda_.Function):
            return cls(function.name, function.invoke_arn, function.timeout)
        raise NovaInputError(
            "nova-api FunctionTarget",
            "from_function",
            "function",
            function,
            "must be a nova-compute Function or an aws.lambda_.Function",
            "pass the function itself as the target (targets={'items': fn}), or a dict with "
            "'function_name' and 'invoke_arn'",
            shown=f"<{type(function).__module__}.{type(function).__qualname__} object>",
        )


class RouteArgs(TypedDict, total=False):
    """Options of one route (the value of an entry in ``HttpApiArgs.routes``)."""

    target: str
    """Key of the ``targets`` entry this route invokes. Default: the only target, when there is
    exactly one."""
    public: bool
    """Serve this route without authorization (``authorization_type`` NONE), e.g. a health check.
    This is the explicit opt-out that rule A-02 asks for. Default: False."""
    authorization_scopes: list[pulumi.Input[str]]
    """OAuth scopes the JWT must carry (1-10; JWT-authorized routes only). Default: none."""
    throttling_burst_limit: pulumi.Input[int]
    """Burst limit of this route, overriding the stage default (0-5000). Default: the stage's."""
    throttling_rate_limit: pulumi.Input[float]
    """Requests per second for this route, overriding the stage default (0-10000).
    Default: the stage's."""
    name: str
    """Resource-name part of this route's child (``<name>-route-<name>``); set it only when two
    route keys give the same slug. Default: a slug of the route key (``get-items-id``)."""


class CorsArgs(TypedDict, total=False):
    """CORS answered by API Gateway itself. The handler must not add CORS headers: API Gateway
    ignores them when gateway CORS is configured."""

    allow_origins: list[pulumi.Input[str]]
    """Origins allowed to call the API from a browser, ``scheme://host[:port]``; ``*`` allows
    every origin (not with credentials; rule A-04). Required when ``cors`` is set."""
    allow_methods: list[str]
    """Methods allowed in cross-origin requests. Default: the methods of the routes (``*`` when a
    route uses ``ANY`` or ``$default``)."""
    allow_headers: list[str]
    """Request headers allowed in cross-origin requests. Default: ``["authorization",
    "content-type"]``."""
    expose_headers: list[str]
    """Response headers the browser may read. Default: none."""
    allow_credentials: bool
    """Allow cookies / credentials; invalid with a ``*`` origin. Default: False."""
    max_age_seconds: int
    """How long browsers cache a preflight answer (-1 to 86400). Default: 600."""


class JwtAuthorizerArgs(TypedDict, total=False):
    """A JWT authorizer (e.g. Amazon Cognito, Auth0, Entra ID) attached to every non-public
    route."""

    issuer: pulumi.Input[str]
    """The token issuer's https URL (the ``iss`` claim), e.g.
    ``https://cognito-idp.<region>.amazonaws.com/<pool id>``. Required."""
    audiences: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Accepted ``aud`` / ``client_id`` values (1-50). Required."""
    identity_source: str
    """Where the token is read from. Default: ``$request.header.Authorization``."""
    name: pulumi.Input[str]
    """Authorizer name. Default: generated from the component name."""


class DomainArgs(TypedDict, total=False):
    """A custom domain (REGIONAL endpoint, TLS 1.2 policy) mapped to the stage (rule A-11)."""

    domain_name: str
    """Fully qualified lower-case domain name, e.g. ``api.example.com``. Required."""
    certificate_arn: pulumi.Input[str]
    """ARN of an issued ACM certificate for the name, in the API's region. Required."""
    api_mapping_key: pulumi.Input[str]
    """Base path under the domain, e.g. ``v1``. Default: the domain root."""
    disable_execute_api_endpoint: bool
    """Turn off the default ``execute-api`` URL so clients must use the domain (and whatever sits
    in front of it, e.g. CloudFront + WAF). Default: True."""


class DomainTarget(TypedDict):
    """What a DNS alias record for the custom domain points at."""

    domain_name: str
    """The custom domain name."""
    target_domain_name: str
    """API Gateway's regional domain name (the alias target / CNAME value)."""
    hosted_zone_id: str
    """Route 53 hosted zone id of that regional endpoint (for an alias record)."""


class HttpApiArgs(TypedDict, total=False):
    """Arguments of :class:`HttpApi`. Only ``targets`` and ``routes`` are required."""

    targets: Mapping[str, LambdaTarget]
    """Lambda functions behind the API, keyed by a short stable name (1-32 lowercase letters,
    digits, '-'): a nova-compute ``Function`` itself, an ``aws.lambda_.Function``, or a dict
    ``{"function_name": ..., "invoke_arn": ..., "timeout_seconds": ...}``. Each target gets
    exactly one integration and one invoke permission, however many routes use it. Required."""
    routes: Mapping[str, RouteArgs]
    """Route key (``"GET /items/{id}"``, ``"ANY /{proxy+}"`` or ``"$default"``) -> route options.
    ``{}`` is enough when there is a single target. Required."""
    integration_timeout_ms: pulumi.Input[int]
    """How long API Gateway waits for a function (50-30000 ms); function timeouts above it are
    rejected. Default: 30000."""
    payload_format_version: pulumi.Input[str]
    """Lambda event format, ``"2.0"`` or ``"1.0"``. Default: ``"2.0"``."""
    default_authorization: str
    """Authorization of non-public routes: ``"JWT"`` (needs ``jwt_authorizer``), ``"AWS_IAM"``
    or ``"NONE"``. Default: ``"JWT"`` when ``jwt_authorizer`` is set, else ``"AWS_IAM"`` (rule
    A-02: no route is open unless declared ``public=True``; an explicit ``"NONE"`` logs a warning
    naming the open routes)."""
    jwt_authorizer: JwtAuthorizerArgs
    """JWT authorizer used by every non-public route. Default: none."""
    cors: CorsArgs
    """CORS configured at the gateway. Default: off."""
    stage_name: str
    """Stage name, ``$default`` (served at the root URL) or 1-128 of ``[A-Za-z0-9_-]``.
    Default: ``"$default"``."""
    throttling_burst_limit: pulumi.Input[int]
    """Stage default burst limit (0-5000; rule A-03). Default: 500."""
    throttling_rate_limit: pulumi.Input[float]
    """Stage default steady-state requests per second (0-10000; rule A-03). Default: 1000."""
    access_log_retention_days: pulumi.Input[int]
    """Retention of the access-log group, a CloudWatch Logs value (1, 3, 5, 7, 14, 30, ...).
    Default: 30."""
    access_log_kms_key_arn: pulumi.Input[str]
    """KMS key ARN to encrypt the access-log group with (rule C-06, opt-in); its key policy must
    allow ``logs.<region>.amazonaws.com``. Default: CloudWatch Logs' own encryption."""
    access_log_fields: Mapping[str, str]
    """Extra access-log fields, name -> ``$context`` variable, e.g. ``{"userSub":
    "$context.authorizer.claims.sub"}``. Default: none (the standard fields are always logged)."""
    domain: DomainArgs
    """Custom domain for the API. Default: none (the ``execute-api`` URL is used)."""
    description: pulumi.Input[str]
    """Description of the API. Default: none."""
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]]
    """Tags for the API, stage, log group and domain. Default: none."""
