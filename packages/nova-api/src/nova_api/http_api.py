"""``HttpApi``: an API Gateway HTTP API (v2) in front of Lambda functions, with safe defaults."""

from typing import Any

import pulumi
import pulumi_aws as aws

from nova_core import check_when_known, child_name, is_plain

from ._args import (
    CorsArgs,
    DomainArgs,
    DomainTarget,
    FunctionTarget,
    HttpApiArgs,
    JwtAuthorizerArgs,
    LambdaTarget,
    RouteArgs,
)
from ._plan import HttpApiPlan, RoutePlan, plain_region, plan_http_api
from ._rules import access_logs, domain, targets, throttling

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
        # Every plain value (and the Region, when it is plain) is checked before registering.
        plan = plan_http_api(name, args, plain_region(opts))
        super().__init__(TYPE_TOKEN, name, None, opts)
        for warning in plan.warnings:
            pulumi.log.warn(warning, resource=self)

        child = pulumi.ResourceOptions(parent=self)
        invoke_opts = pulumi.InvokeOutputOptions(parent=self)
        account_id = aws.get_caller_identity_output(opts=invoke_opts).account_id
        later = _Deferred(plan, None if plan.region else aws.get_region_output(opts=invoke_opts))

        self.access_log_group = aws.cloudwatch.LogGroup(
            child_name(name, "access-logs"),
            retention_in_days=plan.access_log_retention_days,
            kms_key_id=later.kms_key(plan.access_log_kms_key_arn),
            tags=plan.tags,
            opts=child,
        )

        cors = plan.cors
        domain_plan = plan.domain
        self.api = aws.apigatewayv2.Api(
            child_name(name, "api"),
            protocol_type="HTTP",
            description=plan.description,
            cors_configuration=(
                aws.apigatewayv2.ApiCorsConfigurationArgs(**cors) if cors is not None else None
            ),
            disable_execute_api_endpoint=(
                domain_plan["disable_execute_api_endpoint"] if domain_plan is not None else False
            ),
            tags=plan.tags,
            opts=child,
        )

        self.authorizer = None
        jwt = plan.jwt_authorizer
        if jwt is not None:
            self.authorizer = aws.apigatewayv2.Authorizer(
                child_name(name, "authorizer"),
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
        source_arn = self.api.execution_arn.apply(lambda arn: _source_arn(name, arn))
        self.permissions = {}
        self.integrations = {}
        for key, parts in plan.targets.items():
            self.permissions[key] = aws.lambda_.Permission(
                child_name(name, "permission", key),
                action="lambda:InvokeFunction",
                function=parts.function_name,
                principal="apigateway.amazonaws.com",
                source_arn=source_arn,
                source_account=account_id,
                opts=child,
            )
            self.integrations[key] = aws.apigatewayv2.Integration(
                child_name(name, "integration", key),
                api_id=self.api.id,
                integration_type="AWS_PROXY",
                integration_method="POST",
                integration_uri=parts.invoke_arn,
                payload_format_version=plan.payload_format_version,
                timeout_milliseconds=later.integration_timeout(key, parts.timeout_seconds),
                description=f"Lambda proxy integration for target '{key}'",
                opts=child,
            )

        # "integrations/<id>" once per integration, however many routes point at it.
        route_targets = {
            key: self.integrations[key].id.apply(lambda i: f"integrations/{i}")
            for key in dict.fromkeys(route.target for route in plan.routes)
        }
        self.routes = {}
        for route in plan.routes:
            self.routes[route.route_key] = aws.apigatewayv2.Route(
                child_name(name, "route", route.resource_suffix),
                api_id=self.api.id,
                route_key=route.route_key,
                target=route_targets[route.target],
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
            child_name(name, "stage"),
            api_id=self.api.id,
            name=plan.stage_name,
            auto_deploy=True,
            access_log_settings=aws.apigatewayv2.StageAccessLogSettingsArgs(
                destination_arn=self.access_log_group.arn,
                format=plan.access_log_format,
            ),
            default_route_settings=aws.apigatewayv2.StageDefaultRouteSettingsArgs(
                detailed_metrics_enabled=True,
                throttling_burst_limit=later.quota(
                    plan.throttling_burst_limit, "throttling_burst_limit", "burst"
                ),
                throttling_rate_limit=later.quota(
                    plan.throttling_rate_limit, "throttling_rate_limit", "rate"
                ),
            ),
            route_settings=[
                _route_setting(route, plan, later)
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
        if domain_plan is not None:
            self.domain = aws.apigatewayv2.DomainName(
                child_name(name, "domain"),
                domain_name=domain_plan["domain_name"],
                domain_name_configuration=aws.apigatewayv2.DomainNameDomainNameConfigurationArgs(
                    certificate_arn=later.certificate(domain_plan["certificate_arn"]),
                    endpoint_type="REGIONAL",
                    security_policy="TLS_1_2",
                ),
                tags=plan.tags,
                opts=child,
            )
            self.api_mapping = aws.apigatewayv2.ApiMapping(
                child_name(name, "api-mapping"),
                api_id=self.api.id,
                domain_name=self.domain.id,
                stage=self.stage.id,
                api_mapping_key=domain_plan["api_mapping_key"],
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
            self.url = pulumi.Output.all(
                self.domain.domain_name, domain_plan["api_mapping_key"]
            ).apply(lambda values: f"https://{values[0]}/{values[1] or ''}")

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


class _Deferred:
    """The checks that need a value which really is an unknown ``Output`` (the Region of an
    explicit provider, a function timeout or certificate ARN that another resource outputs).

    Each method returns its value unchanged when the plan already checked it, else the value
    wrapped in ``nova_core.check_when_known``, whose message says the check ran late.
    """

    def __init__(self, plan: HttpApiPlan, region: Any) -> None:
        self.plan = plan
        self.check = plan.checker
        self.region = plan.region if region is None else region.region

    def _when_known(self, value: Any, rule: Any) -> Any:
        """``value`` after ``rule(region, value)`` passed, once both are known."""
        if is_plain(self.region):  # one apply: the value passes through unchanged
            return check_when_known(value, lambda known: rule(self.region, known))
        both = pulumi.Output.all(self.region, value)
        return check_when_known(both, lambda known: rule(known[0], known[1])).apply(
            lambda known: known[1]
        )

    def quota(self, value: Any, argument: str, kind: str) -> Any:
        if self.plan.region is not None and is_plain(value):
            return value  # checked by the plan
        return self._when_known(
            value,
            lambda region, known: throttling.check_region_quota(
                self.check, argument, known, region, kind
            ),
        )

    def certificate(self, arn: Any) -> Any:
        if self.plan.region is not None and is_plain(arn):
            return arn  # checked by the plan
        return self._when_known(
            arn,
            lambda region, known: (
                domain.certificate_arn(self.check, known),
                domain.check_certificate_region(self.check, known, region),
            ),
        )

    def kms_key(self, arn: Any) -> Any:
        if arn is None or (self.plan.region is not None and is_plain(arn)):
            return arn  # absent, or checked by the plan
        return self._when_known(
            arn, lambda region, known: access_logs.check_kms_key(self.check, known, region)
        )

    def integration_timeout(self, key: str, timeout_seconds: Any) -> Any:
        timeout_ms = self.plan.integration_timeout_ms
        if timeout_seconds is None or (is_plain(timeout_seconds) and is_plain(timeout_ms)):
            return timeout_ms  # nothing to compare, or checked by the plan
        if is_plain(timeout_ms):  # the usual case: only the function's timeout is unknown
            return check_when_known(
                timeout_seconds,
                lambda known: targets.check_timeout(self.check, key, known, timeout_ms),
            ).apply(lambda _: timeout_ms)
        both = pulumi.Output.all(timeout_seconds, timeout_ms)
        return check_when_known(
            both, lambda known: targets.check_timeout(self.check, key, known[0], known[1])
        ).apply(lambda known: known[1])


def _source_arn(name: str, execution_arn: str | None) -> str:
    """Every stage, method and path of this API. AWS always returns an execution ARN; ``None``
    means mocks that echo inputs instead of returning computed outputs, which would otherwise
    produce a permission for the literal ``None/*/*``."""
    if execution_arn is None:
        raise RuntimeError(
            f"nova-api HttpApi '{name}': the API's execution_arn resolved to None, so the invoke "
            "permission cannot be scoped to it. Pulumi mocks that echo their inputs "
            "(return [name + '_id', inputs]) leave every AWS-computed output empty; use "
            "nova_testing's mock_stack fixture (NovaMocks), or return an executionArn for "
            "aws:apigatewayv2/api:Api from your mocks."
        )
    return f"{execution_arn}/*/*"


def _field(value: Any, name: str) -> Any:
    """A field of a nested output object: the typed output class (a ``dict`` subclass whose
    property getters must be used) or, under some runtimes, a plain ``dict`` of wire names."""
    if type(value) is dict:
        camel = name.split("_")[0] + "".join(p.title() for p in name.split("_")[1:])
        return value.get(name, value.get(camel))
    return getattr(value, name)


def _route_setting(
    route: RoutePlan, plan: HttpApiPlan, later: _Deferred
) -> aws.apigatewayv2.StageRouteSettingArgs:
    """Per-route throttling; a limit the route leaves out keeps the stage default."""
    prefix = f'routes["{route.route_key}"].'
    burst = route.throttling_burst_limit
    rate = route.throttling_rate_limit
    return aws.apigatewayv2.StageRouteSettingArgs(
        route_key=route.route_key,
        detailed_metrics_enabled=True,
        throttling_burst_limit=later.quota(
            plan.throttling_burst_limit if burst is None else burst,
            f"{prefix}throttling_burst_limit",
            "burst",
        ),
        throttling_rate_limit=later.quota(
            plan.throttling_rate_limit if rate is None else rate,
            f"{prefix}throttling_rate_limit",
            "rate",
        ),
    )
