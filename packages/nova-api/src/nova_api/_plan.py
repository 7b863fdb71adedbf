"""``HttpApiArgs`` -> :class:`HttpApiPlan`: every default, every plain check, nothing registered.

:func:`plan_http_api` runs the rules of ``_rules/`` in order and returns a frozen plan that the
component only has to turn into resources. Every check that plain values can decide runs here,
before the component registers anything, including the checks that need the API's Region (read
from the ``aws:region`` config value, see :func:`plain_region`). What is still an ``Output`` is
left to the component, which checks it with ``nova_core.check_when_known``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from types import MappingProxyType
from typing import Any

import pulumi

from nova_core import Checker, at, child_name, is_plain, known_region
from nova_core.records import Record

from ._rules import access_logs, authorization, cors, domain, jwt, routes, stage, targets
from ._rules import throttling as throttle
from ._rules.args import HTTP_API_ARG_KEYS, check_keys, require_entries
from ._rules.targets import TargetParts

__all__ = [
    "COMPONENT",
    "HttpApiPlan",
    "RoutePlan",
    "TargetParts",
    "plain_region",
    "plan_http_api",
]

COMPONENT = "nova-api HttpApi"

# -- defaults: the only place they live ----------------------------------------------------------
DEFAULT_STAGE_NAME = "$default"
DEFAULT_INTEGRATION_TIMEOUT_MS = 30_000
DEFAULT_PAYLOAD_FORMAT_VERSION = "2.0"
DEFAULT_ACCESS_LOG_RETENTION_DAYS = 30
DEFAULT_THROTTLING_BURST_LIMIT = 500
DEFAULT_THROTTLING_RATE_LIMIT = 1000.0
DEFAULT_CORS_ALLOW_HEADERS: tuple[str, ...] = ("authorization", "content-type")
DEFAULT_CORS_ALLOW_CREDENTIALS = False
DEFAULT_CORS_MAX_AGE_SECONDS = 600
DEFAULT_JWT_IDENTITY_SOURCE = "$request.header.Authorization"
DEFAULT_DISABLE_EXECUTE_API_ENDPOINT = True
"""With a custom domain, clients must use it (rule A-11)."""


class RoutePlan(Record):
    """One route, normalised."""

    route_key: str
    method: str
    path: str
    resource_suffix: str
    """Stable part of the child name, e.g. ``get-items-id`` in ``<name>-route-get-items-id``."""
    target: str
    public: bool
    authorization_type: str
    """``NONE``, ``JWT`` or ``AWS_IAM``."""
    authorization_scopes: Any = None
    throttling_burst_limit: Any = None
    """This route's own limit, ``None`` to keep the stage's."""
    throttling_rate_limit: Any = None
    """This route's own limit, ``None`` to keep the stage's."""


class HttpApiPlan(Record):
    """Everything the component builds, with defaults resolved and plain values checked."""

    name: str
    targets: Mapping[str, TargetParts]
    routes: tuple[RoutePlan, ...]
    integration_timeout_ms: Any
    payload_format_version: Any
    stage_name: Any
    throttling_burst_limit: Any
    throttling_rate_limit: Any
    access_log_retention_days: Any
    access_log_kms_key_arn: Any
    access_log_format: str
    cors: Mapping[str, Any] | None
    jwt_authorizer: Mapping[str, Any] | None
    domain: Mapping[str, Any] | None
    description: Any
    tags: Any
    region: str | None
    """The API's Region when it is plain (``aws:region`` config), else ``None``: the component
    then reads it from the provider and runs the Region checks when it is known."""
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def checker(self) -> Checker:
        """The checker for checks of values that are still ``Output`` s."""
        return Checker(COMPONENT, self.name)


def plain_region(opts: pulumi.ResourceOptions | None) -> str | None:
    """The Region the API is created in, when it is known now.

    The default provider's Region is the plain ``aws:region`` config value. An explicit provider
    (``opts.provider``/``providers``, or one inherited from ``opts.parent``) has its Region only as
    an ``Output``: then ``None``, and the Region checks run when it resolves.
    """
    if opts is not None:
        if opts.provider is not None or opts.providers:
            return None
        parent = opts.parent
        while parent is not None:
            # A parent's providers pass to its children; the Region is then the provider's.
            if getattr(parent, "_providers", None):
                return None
            parent = getattr(parent, "_parent", None)
    region = pulumi.Config("aws").get("region")
    return region if isinstance(region, str) and known_region(region) else None


def _plan_targets(check: Checker, name: str, value: Any) -> dict[str, TargetParts]:
    value = require_entries(
        check,
        "targets",
        value,
        what="Lambda target",
        fix="pass targets={'items': items_function} (keys name the integrations)",
        limit=targets.MAX_INTEGRATIONS,
        quota=f"an HTTP API holds at most {targets.MAX_INTEGRATIONS} integrations (fixed quota) "
        "and this component makes one per target",
        split="split the API, or route several paths to one function",
    )
    return {
        targets.check_target_key(check, name, key): targets.check_target(check, key, target)
        for key, target in value.items()
    }


def _plan_routes(
    check: Checker,
    name: str,
    value: Any,
    target_keys: list[str],
    default_authorization: str,
    warnings: list[str],
) -> tuple[RoutePlan, ...]:
    value = require_entries(
        check,
        "routes",
        value,
        what="route",
        fix="pass routes={'GET /items': {'target': 'items'}}",
        limit=routes.MAX_ROUTES,
        quota=f"an HTTP API holds at most {routes.MAX_ROUTES} routes (default quota)",
        split="split the API, use a greedy route such as 'ANY /{proxy+}', or raise the quota "
        "and split the routes across components",
    )
    plans: list[RoutePlan] = []
    seen_paths: dict[tuple[str, str], str] = {}
    seen_names: dict[str, str] = {}
    for key in sorted(value, key=str):
        method, path = routes.check_route_key(check, key)
        identity = (method, routes.normalised_path(path))
        if identity in seen_paths:
            check.fail(
                "routes",
                key,
                f"conflicts with route '{seen_paths[identity]}': API Gateway treats paths that "
                "differ only in variable names as the same route",
                "use the same variable names in both, or keep only one of them",
            )
        seen_paths[identity] = key
        options = routes.check_route_options(check, key, value[key], target_keys)
        suffix = options.get("name") or routes.route_slug(key)
        if suffix in seen_names:
            check.fail(
                at("routes", key),
                suffix,
                f"this route's resource name '{child_name(name, 'route', suffix)}' is the same "
                f"as route '{seen_names[suffix]}''s",
                f"give one of them an explicit 'name', e.g. '{suffix}-2'",
            )
        seen_names[suffix] = key
        authorization_type = "NONE" if options["public"] else default_authorization
        scopes = options.get("authorization_scopes")
        if scopes is not None:
            routes.check_scopes(check, key, scopes, authorization_type)
        burst = options.get("throttling_burst_limit")
        rate = options.get("throttling_rate_limit")
        prefix = at("routes", key) + "."
        throttle.check_throttling(check, prefix, burst, rate)
        warnings.extend(throttle.zero_warnings(COMPONENT, name, prefix, burst, rate))
        plans.append(
            RoutePlan(
                route_key=key,
                method=method,
                path=path,
                resource_suffix=suffix,
                target=options["target"],
                public=options["public"],
                authorization_type=authorization_type,
                authorization_scopes=scopes,
                throttling_burst_limit=burst,
                throttling_rate_limit=rate,
            )
        )
    unused = sorted(set(target_keys) - {plan.target for plan in plans})
    if unused:
        check.fail(
            "targets",
            unused,
            "these targets are not used by any route (they would get an integration and an "
            "invoke permission for nothing)",
            "route something to them or remove them",
        )
    return tuple(plans)


def _plan_cors(
    check: Checker, value: Any, route_plans: tuple[RoutePlan, ...], warnings: list[str]
) -> Mapping[str, Any] | None:
    if value is None:
        return None
    given = cors.check_cors(check, value)
    cors.check_preflight(check, route_plans)
    wildcards = cors.wildcard_origins(given.get("allow_origins"))
    if wildcards:
        warnings.append(
            f"{COMPONENT} '{check.name}': cors.allow_origins contains {wildcards[0]!r}: any "
            "website can call this API from a browser (rule A-04 wants explicit origins in "
            "production)."
        )
    methods = given.get("allow_methods")
    if methods is None:
        used = {plan.method for plan in route_plans}
        methods = ["*"] if "ANY" in used else sorted(used)
    out: dict[str, Any] = {
        "allow_origins": given["allow_origins"],
        "allow_methods": methods,
        "allow_headers": given.get("allow_headers", list(DEFAULT_CORS_ALLOW_HEADERS)),
        "allow_credentials": given.get("allow_credentials", DEFAULT_CORS_ALLOW_CREDENTIALS),
        "max_age": given.get("max_age_seconds", DEFAULT_CORS_MAX_AGE_SECONDS),
    }
    if given.get("expose_headers") is not None:
        out["expose_headers"] = given["expose_headers"]
    return MappingProxyType(out)


def _plan_domain(check: Checker, value: Any, region: str | None) -> Mapping[str, Any] | None:
    if value is None:
        return None
    given = domain.check_domain(check, value)
    certificate = given.get("certificate_arn")
    if is_plain(certificate):
        domain.check_certificate_region(check, certificate, region)
    return MappingProxyType(
        {
            "domain_name": given.get("domain_name"),
            "certificate_arn": certificate,
            "api_mapping_key": given.get("api_mapping_key"),
            "disable_execute_api_endpoint": given.get(
                "disable_execute_api_endpoint", DEFAULT_DISABLE_EXECUTE_API_ENDPOINT
            ),
        }
    )


def plan_http_api(name: str, args: Any, region: str | None = None) -> HttpApiPlan:
    """Check every plain value of ``args`` and return the plan (with warnings to log).

    ``region`` is the API's Region when it is plain (:func:`plain_region`); the Region checks
    (throttling quota, certificate and log key Region) then run here too. Raises
    :class:`nova_core.NovaInputError` on the first problem found.
    """
    check = Checker(COMPONENT, name)
    if not isinstance(args, Mapping):
        check.fail("args", args, "must be an HttpApiArgs dict", "pass HttpApiArgs(...)")
    check_keys(check, "", args, HTTP_API_ARG_KEYS)
    warnings: list[str] = []

    target_plans = _plan_targets(check, name, args.get("targets"))
    jwt_given = (
        jwt.check_jwt(check, args["jwt_authorizer"])
        if args.get("jwt_authorizer") is not None
        else None
    )
    explicit = authorization.check_default_authorization(
        check, args.get("default_authorization"), jwt_given is not None
    )
    # Secure by default (rule A-02): without a JWT authorizer, routes not declared public
    # require SigV4-signed requests (AWS_IAM) instead of being open to anyone.
    default_authorization = explicit or ("JWT" if jwt_given is not None else "AWS_IAM")
    route_plans = _plan_routes(
        check, name, args.get("routes"), list(target_plans), default_authorization, warnings
    )

    timeout_ms = args.get("integration_timeout_ms", DEFAULT_INTEGRATION_TIMEOUT_MS)
    stage.check_integration_timeout(check, timeout_ms)
    for key, parts in target_plans.items():
        targets.check_timeout(check, key, parts.timeout_seconds, timeout_ms)
    payload = args.get("payload_format_version", DEFAULT_PAYLOAD_FORMAT_VERSION)
    stage.check_payload_format(check, payload)
    stage_name = args.get("stage_name", DEFAULT_STAGE_NAME)
    stage.check_stage_name(check, stage_name)

    burst = args.get("throttling_burst_limit", DEFAULT_THROTTLING_BURST_LIMIT)
    rate = args.get("throttling_rate_limit", DEFAULT_THROTTLING_RATE_LIMIT)
    throttle.check_throttling(check, "", burst, rate)
    warnings.extend(throttle.zero_warnings(COMPONENT, name, "", burst, rate))
    if region is not None:
        for argument, value, kind in _throttling_values(burst, rate, route_plans):
            throttle.check_region_quota(check, argument, value, region, kind)

    retention = args.get("access_log_retention_days", DEFAULT_ACCESS_LOG_RETENTION_DAYS)
    access_logs.check_retention(check, retention)
    kms = args.get("access_log_kms_key_arn")
    access_logs.check_kms_key(check, kms, region)
    log_format = access_logs.check_access_log_fields(check, args.get("access_log_fields"))

    cors_plan = _plan_cors(check, args.get("cors"), route_plans, warnings)
    domain_plan = _plan_domain(check, args.get("domain"), region)
    description = args.get("description")
    stage.check_description(check, description)
    tags = args.get("tags")
    if is_plain(tags):
        check.tags("tags", tags)

    open_routes = [
        r.route_key for r in route_plans if r.authorization_type == "NONE" and not r.public
    ]
    if open_routes:
        warnings.append(
            f"{COMPONENT} '{name}': route(s) {', '.join(open_routes)} have no authorization, so "
            "anyone can call them (rule A-02, Security Hub APIGateway.8). Configure "
            "jwt_authorizer or default_authorization='AWS_IAM', or mark intentionally open "
            "routes public=True."
        )

    jwt_plan = None
    if jwt_given is not None:
        jwt_plan = MappingProxyType(
            {
                "issuer": jwt_given["issuer"],
                "audiences": jwt_given["audiences"],
                "identity_source": jwt_given.get("identity_source", DEFAULT_JWT_IDENTITY_SOURCE),
                "name": jwt_given.get("name"),
            }
        )
    return HttpApiPlan(
        name=name,
        targets=MappingProxyType(target_plans),
        routes=route_plans,
        integration_timeout_ms=timeout_ms,
        payload_format_version=payload,
        stage_name=stage_name,
        throttling_burst_limit=burst,
        throttling_rate_limit=rate,
        access_log_retention_days=retention,
        access_log_kms_key_arn=kms,
        access_log_format=log_format,
        cors=cors_plan,
        jwt_authorizer=jwt_plan,
        domain=domain_plan,
        description=description,
        tags=tags,
        region=region,
        warnings=tuple(warnings),
    )


def _throttling_values(
    burst: Any, rate: Any, route_plans: tuple[RoutePlan, ...]
) -> list[tuple[str, Any, str]]:
    """Every throttling value the stage uses: ``(argument, value, "burst" | "rate")``."""
    out = [("throttling_burst_limit", burst, "burst"), ("throttling_rate_limit", rate, "rate")]
    for route in route_plans:
        prefix = at("routes", route.route_key) + "."
        if route.throttling_burst_limit is not None:
            out.append((f"{prefix}throttling_burst_limit", route.throttling_burst_limit, "burst"))
        if route.throttling_rate_limit is not None:
            out.append((f"{prefix}throttling_rate_limit", route.throttling_rate_limit, "rate"))
    return out
