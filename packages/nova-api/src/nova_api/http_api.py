"""``HttpApi``: an API Gateway HTTP API (v2) in front of Lambda functions, with safe defaults."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypedDict

import pulumi
import pulumi_aws as aws

from ._validation import (
    HttpApiPlan,
    RoutePlan,
    _is_plain,
    check_certificate_region,
    check_target_timeout,
    check_throttling_region,
    validate_http_api_args,
)

__all__ = [
    "TYPE_TOKEN",
    "CorsArgs",
    "DomainArgs",
    "DomainTarget",
    "FunctionTarget",
    "HttpApi",
    "HttpApiArgs",
    "JwtAuthorizerArgs",
    "LambdaTarget",
    "RouteArgs",
]

TYPE_TOKEN = "nova-api:index:HttpApi"


class LambdaTarget(Protocol):
    """What a route needs from a Lambda function: its name and its invoke ARN.

    A nova-compute ``Function`` satisfies it, as does :class:`FunctionTarget`. An object that
    also has ``timeout_seconds`` (an ``int`` or ``Output[int]``) gets its timeout checked against
    the integration timeout. Plain dicts with the keys ``function_name``, ``invoke_arn`` and
    optionally ``timeout_seconds`` are accepted too (that is what a hosted component receives).
    """

    # Typed Any (an Input[str] or Output[str]): a stricter type would make the attribute
    # invariant and reject objects whose attributes are typed Output[str].
    function_name: Any
    """The function's name (or ARN), used by the invoke permission."""
    invoke_arn: Any
    """The function's invoke ARN (``arn:aws:apigateway:<region>:lambda:path/...``)."""


@dataclass
class FunctionTarget:
    """A :class:`LambdaTarget` made of plain values or outputs, e.g. for a raw
    ``aws.lambda_.Function`` (see :meth:`from_function`)."""

    function_name: pulumi.Input[str]
    invoke_arn: pulumi.Input[str]
    timeout_seconds: pulumi.Input[int] | None = None

    @classmethod
    def from_function(cls, function: aws.lambda_.Function) -> "FunctionTarget":
        """The target for a raw ``aws.lambda_.Function`` (name, invoke ARN and timeout)."""
        return cls(function.name, function.invoke_arn, function.timeout)


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
    digits, '-'). Each target gets exactly one integration and one invoke permission, however
    many routes use it. Required."""
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


class HttpApi(pulumi.ComponentResource):
    """An API Gateway HTTP API that invokes Lambda functions, secure and operable by default.

    One ``AWS_PROXY`` integration (payload 2.0) and one invoke permission (scoped to this API's
    execution ARN and account) per target; routes depend on their permission, so every route
    answers on the first deploy. ``$default``-style auto-deployed stage with JSON access logs to
    a log group it owns, default throttling and detailed metrics; CORS only at the gateway; an
    optional JWT authorizer on every non-public route; an optional custom domain.
    """

    api: aws.apigatewayv2.Api
    """The HTTP API."""
    stage: aws.apigatewayv2.Stage
    """The auto-deployed stage."""
    access_log_group: aws.cloudwatch.LogGroup
    """The log group receiving the stage's access logs."""
    authorizer: aws.apigatewayv2.Authorizer | None
    """The JWT authorizer, when configured."""
    domain: aws.apigatewayv2.DomainName | None
    """The custom domain, when configured."""
    api_mapping: aws.apigatewayv2.ApiMapping | None
    """The mapping of the custom domain to the stage, when configured."""
    integrations: dict[str, aws.apigatewayv2.Integration]
    """Integration per target key."""
    permissions: dict[str, aws.lambda_.Permission]
    """Lambda invoke permission per target key."""
    routes: dict[str, aws.apigatewayv2.Route]
    """Route per route key."""
    api_id: pulumi.Output[str]
    """The API id."""
    api_endpoint: pulumi.Output[str]
    """The API's default endpoint, ``https://<id>.execute-api.<region>.amazonaws.com``."""
    execution_arn: pulumi.Output[str]
    """Execution ARN of the API (prefix of invoke permissions' source ARNs)."""
    invoke_url: pulumi.Output[str]
    """The stage's invoke URL on the default endpoint."""
    url: pulumi.Output[str]
    """The URL clients should use: ``https://<domain>/<base path>`` with a custom domain, else
    ``invoke_url``."""
    stage_name: pulumi.Output[str]
    """Name of the stage."""
    access_log_group_name: pulumi.Output[str]
    """Name of the access-log group."""
    access_log_group_arn: pulumi.Output[str]
    """ARN of the access-log group."""
    authorizer_id: pulumi.Output[str] | None
    """Id of the JWT authorizer, when configured."""
    domain_target: pulumi.Output[DomainTarget] | None
    """Where to point DNS for the custom domain, when configured."""

    def __init__(
        self, name: str, args: HttpApiArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        plan = validate_http_api_args(name, args)
        super().__init__(TYPE_TOKEN, name, None, opts)
        for warning in plan.warnings:
            pulumi.log.warn(warning, resource=self)

        child = pulumi.ResourceOptions(parent=self)
        invoke_opts = pulumi.InvokeOutputOptions(parent=self)
        region = aws.get_region_output(opts=invoke_opts).region
        account_id = aws.get_caller_identity_output(opts=invoke_opts).account_id

        def region_checked(value: Any, argument: str, kind: str) -> Any:
            def check(values: list[Any]) -> Any:
                check_throttling_region(name, argument, values[1], values[0], kind)
                return values[1]

            return pulumi.Output.all(region, value).apply(check)

        self.access_log_group = aws.cloudwatch.LogGroup(
            f"{name}-access-logs",
            retention_in_days=plan.access_log_retention_days,
            kms_key_id=plan.access_log_kms_key_arn,
            tags=plan.tags,
            opts=child,
        )

        cors = plan.cors
        domain = plan.domain
        self.api = aws.apigatewayv2.Api(
            f"{name}-api",
            protocol_type="HTTP",
            description=plan.description,
            cors_configuration=(
                aws.apigatewayv2.ApiCorsConfigurationArgs(**cors) if cors is not None else None
            ),
            disable_execute_api_endpoint=(
                domain["disable_execute_api_endpoint"] if domain is not None else False
            ),
            tags=plan.tags,
            opts=child,
        )

        self.authorizer = None
        jwt = plan.jwt_authorizer
        if jwt is not None:
            self.authorizer = aws.apigatewayv2.Authorizer(
                f"{name}-authorizer",
                api_id=self.api.id,
                authorizer_type="JWT",
                identity_sources=[jwt["identity_source"]],
                jwt_configuration=aws.apigatewayv2.AuthorizerJwtConfigurationArgs(
                    issuer=jwt["issuer"], audiences=jwt["audiences"]
                ),
                name=jwt["name"],
                opts=child,
            )

        # One invoke permission and one integration per target, however many routes use it.
        source_arn = self.api.execution_arn.apply(lambda arn: f"{arn}/*/*")
        self.permissions = {}
        self.integrations = {}
        for key, parts in plan.targets.items():
            self.permissions[key] = aws.lambda_.Permission(
                f"{name}-permission-{key}",
                action="lambda:InvokeFunction",
                function=parts.function_name,
                principal="apigateway.amazonaws.com",
                source_arn=source_arn,
                source_account=account_id,
                opts=child,
            )
            self.integrations[key] = aws.apigatewayv2.Integration(
                f"{name}-integration-{key}",
                api_id=self.api.id,
                integration_type="AWS_PROXY",
                integration_method="POST",
                integration_uri=parts.invoke_arn,
                payload_format_version=plan.payload_format_version,
                timeout_milliseconds=_checked_integration_timeout(
                    name, key, parts.timeout_seconds, plan.integration_timeout_ms
                ),
                description=f"Lambda proxy integration for target '{key}'",
                opts=child,
            )

        self.routes = {}
        for route in plan.routes:
            self.routes[route.route_key] = aws.apigatewayv2.Route(
                f"{name}-route-{route.resource_suffix}",
                api_id=self.api.id,
                route_key=route.route_key,
                target=self.integrations[route.target].id.apply(lambda i: f"integrations/{i}"),
                authorization_type=route.authorization_type,
                authorizer_id=(
                    self.authorizer.id
                    if self.authorizer is not None and route.authorization_type == "JWT"
                    else None
                ),
                authorization_scopes=route.authorization_scopes,
                opts=pulumi.ResourceOptions(
                    parent=self, depends_on=[self.permissions[route.target]]
                ),
            )

        self.stage = aws.apigatewayv2.Stage(
            f"{name}-stage",
            api_id=self.api.id,
            name=plan.stage_name,
            auto_deploy=True,
            access_log_settings=aws.apigatewayv2.StageAccessLogSettingsArgs(
                destination_arn=self.access_log_group.arn,
                format=plan.access_log_format,
            ),
            default_route_settings=aws.apigatewayv2.StageDefaultRouteSettingsArgs(
                detailed_metrics_enabled=True,
                throttling_burst_limit=region_checked(
                    plan.throttling_burst_limit, "throttling_burst_limit", "burst"
                ),
                throttling_rate_limit=region_checked(
                    plan.throttling_rate_limit, "throttling_rate_limit", "rate"
                ),
            ),
            route_settings=[
                _route_setting(route, plan, region_checked)
                for route in plan.routes
                if route.throttling_burst_limit is not None
                or route.throttling_rate_limit is not None
            ]
            or None,
            tags=plan.tags,
            # Route settings name routes by key, so the routes must exist first.
            opts=pulumi.ResourceOptions(parent=self, depends_on=list(self.routes.values())),
        )

        self.domain = None
        self.api_mapping = None
        self.domain_target = None
        self.url = self.stage.invoke_url
        if domain is not None:
            certificate = pulumi.Output.all(region, domain["certificate_arn"]).apply(
                lambda values: _certificate_checked(name, values[1], values[0])
            )
            self.domain = aws.apigatewayv2.DomainName(
                f"{name}-domain",
                domain_name=domain["domain_name"],
                domain_name_configuration=aws.apigatewayv2.DomainNameDomainNameConfigurationArgs(
                    certificate_arn=certificate,
                    endpoint_type="REGIONAL",
                    security_policy="TLS_1_2",
                ),
                tags=plan.tags,
                opts=child,
            )
            self.api_mapping = aws.apigatewayv2.ApiMapping(
                f"{name}-api-mapping",
                api_id=self.api.id,
                domain_name=self.domain.id,
                stage=self.stage.id,
                api_mapping_key=domain["api_mapping_key"],
                opts=child,
            )
            self.domain_target = pulumi.Output.all(
                self.domain.domain_name, self.domain.domain_name_configuration
            ).apply(
                lambda values: DomainTarget(
                    domain_name=values[0],
                    target_domain_name=_field(values[1], "target_domain_name"),
                    hosted_zone_id=_field(values[1], "hosted_zone_id"),
                )
            )
            self.url = pulumi.Output.all(self.domain.domain_name, domain["api_mapping_key"]).apply(
                lambda values: f"https://{values[0]}/{values[1] or ''}"
            )

        self.api_id = self.api.id
        self.api_endpoint = self.api.api_endpoint
        self.execution_arn = self.api.execution_arn
        self.invoke_url = self.stage.invoke_url
        self.stage_name = self.stage.name
        self.access_log_group_name = self.access_log_group.name
        self.access_log_group_arn = self.access_log_group.arn
        self.authorizer_id = self.authorizer.id if self.authorizer is not None else None

        self.register_outputs(
            {
                "api_id": self.api_id,
                "api_endpoint": self.api_endpoint,
                "execution_arn": self.execution_arn,
                "invoke_url": self.invoke_url,
                "url": self.url,
                "stage_name": self.stage_name,
                "access_log_group_name": self.access_log_group_name,
                "access_log_group_arn": self.access_log_group_arn,
                "authorizer_id": self.authorizer_id,
                "domain_target": self.domain_target,
            }
        )


def _checked_integration_timeout(name: str, key: str, timeout_seconds: Any, timeout_ms: Any) -> Any:
    """The integration timeout, failing inside ``apply`` when a function timeout that was still an
    ``Output`` at construction turns out to exceed it (plain values were checked up front)."""
    if timeout_seconds is None or (_is_plain(timeout_seconds) and _is_plain(timeout_ms)):
        return timeout_ms

    def check(values: list[Any]) -> Any:
        check_target_timeout(name, key, values[0], values[1])
        return values[1]

    return pulumi.Output.all(timeout_seconds, timeout_ms).apply(check)


def _field(value: Any, name: str) -> Any:
    """A field of a nested output object: the typed output class (a ``dict`` subclass whose
    property getters must be used) or, under some runtimes, a plain ``dict`` of wire names."""
    if type(value) is dict:
        camel = name.split("_")[0] + "".join(p.title() for p in name.split("_")[1:])
        return value.get(name, value.get(camel))
    return getattr(value, name)


def _certificate_checked(name: str, certificate_arn: str, region: str) -> str:
    check_certificate_region(name, certificate_arn, region)
    return certificate_arn


def _route_setting(
    route: RoutePlan, plan: HttpApiPlan, region_checked: Any
) -> aws.apigatewayv2.StageRouteSettingArgs:
    """Per-route throttling; a limit the route leaves out keeps the stage default."""
    prefix = f'routes["{route.route_key}"].'
    burst = route.throttling_burst_limit
    rate = route.throttling_rate_limit
    return aws.apigatewayv2.StageRouteSettingArgs(
        route_key=route.route_key,
        detailed_metrics_enabled=True,
        throttling_burst_limit=region_checked(
            plan.throttling_burst_limit if burst is None else burst,
            f"{prefix}throttling_burst_limit",
            "burst",
        ),
        throttling_rate_limit=region_checked(
            plan.throttling_rate_limit if rate is None else rate,
            f"{prefix}throttling_rate_limit",
            "rate",
        ),
    )
