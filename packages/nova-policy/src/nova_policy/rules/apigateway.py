"""API Gateway HTTP APIs."""

from __future__ import annotations

import json
from collections.abc import Iterator

from nova_policy.model import Resource
from nova_policy.rule import Context, Scanners, Scope, Severity, rule

from ._common import DOMAIN, HTTP_API, LOG_GROUP, ROUTE, STAGE, as_list


@rule(
    "A-01",
    "JSON access logs with $context.requestId to a log group of the program",
    severity=Severity.MEDIUM,
    types=(STAGE,),
    scope=Scope.STACK,
    scanners=Scanners(
        security_hub=("APIGateway.9",),
        cdk_nag=("AwsSolutions-APIG1", "Serverless-APIGWAccessLogging"),
        checkov=("CKV_AWS_76",),
        trivy=("AWS-0001",),
    ),
    rationale="HTTP APIs have no execution logs; access logs are the only record of requests.",
    fix="Set access_log_settings with destination_arn of a program-owned log group (with "
    'retention) and a JSON format containing "$context.requestId".',
)
def api_access_logs(stage: Resource, ctx: Context) -> Iterator[str]:
    settings = stage.inputs.get("accessLogSettings") or {}
    destination = settings.get("destinationArn")
    groups = ctx.stack.by_type(LOG_GROUP)
    if not any(g.known("arn") == destination or ctx.stack.refers(stage, "accessLogSettings", g)
               for g in groups):  # fmt: skip
        yield "access logs not sent to a log group of the program"
        return
    try:
        fmt = json.loads(settings.get("format") or "")
    except ValueError:
        yield "access log format is not JSON"
        return
    if not isinstance(fmt, dict) or "$context.requestId" not in fmt.values():
        yield "access log format lacks $context.requestId"


@rule(
    "A-02",
    "Every route authorized unless declared public",
    severity=Severity.MEDIUM,
    types=(ROUTE,),
    scanners=Scanners(
        security_hub=("APIGateway.8",), cdk_nag=("AwsSolutions-APIG4",), checkov=("CKV_AWS_309",)
    ),
    rationale="An open route is reachable by anyone on the internet.",
    fix="Set authorization_type (JWT, AWS_IAM or CUSTOM), or list the route key in this rule's "
    "public_routes option (or suppress it with a reason).",
    options={"public_routes": []},
)
def api_routes_authorized(route: Resource, ctx: Context) -> Iterator[str]:
    public = set(as_list(ctx.options.get("public_routes")))
    key = route.inputs.get("routeKey")
    if (route.inputs.get("authorizationType") or "NONE") == "NONE" and key not in public:
        yield f"route {key!r} has no authorization"


@rule(
    "A-03",
    "Default route throttling on the stage",
    severity=Severity.MEDIUM,
    types=(STAGE,),
    scanners=Scanners(cdk_nag=("Serverless-APIGWDefaultThrottling",)),
    rationale="Without a stage limit one client can use the account's whole Regional quota, "
    "shared by every API.",
    fix="Set default_route_settings throttling_burst_limit and throttling_rate_limit.",
)
def api_throttling(stage: Resource, ctx: Context) -> Iterator[str]:
    settings = stage.inputs.get("defaultRouteSettings") or {}
    if not settings.get("throttlingBurstLimit") or not settings.get("throttlingRateLimit"):
        yield "no default route throttling"


@rule(
    "A-04",
    "CORS never allows credentials with origin '*'",
    severity=Severity.HIGH,
    types=(HTTP_API,),
    scanners=Scanners(checkov=("CKV2_AWS_75",), other=("AWS BadRequestException",)),
    rationale="Credentials with any origin let every website make authenticated calls.",
    fix="List the allowed origins explicitly, or turn allow_credentials off.",
)
def api_cors_strict(api: Resource, ctx: Context) -> Iterator[str]:
    cors = api.inputs.get("corsConfiguration") or {}
    if cors.get("allowCredentials") and "*" in as_list(cors.get("allowOrigins")):
        yield "CORS credentials with origin '*'"


@rule(
    "A-11",
    "Custom domain uses TLS 1.2",
    severity=Severity.MEDIUM,
    types=(DOMAIN,),
    scanners=Scanners(security_hub=("APIGateway.11",), trivy=("AWS-0005",)),
    rationale="TLS 1.0/1.1 have known weaknesses.",
    fix="Set domain_name_configuration security_policy='TLS_1_2'.",
)
def api_domain_tls(domain: Resource, ctx: Context) -> Iterator[str]:
    policy = (domain.inputs.get("domainNameConfiguration") or {}).get("securityPolicy")
    if policy != "TLS_1_2":
        yield f"security policy {policy!r}"
