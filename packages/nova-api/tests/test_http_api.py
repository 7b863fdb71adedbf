"""Component tests: the resources ``HttpApi`` registers, asserted on their recorded inputs."""

import json
import re
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest
from pulumi.provider.experimental.analyzer import Analyzer

from nova_api import (
    ACCESS_LOG_FORMAT,
    REQUIRED_ACCESS_LOG_FIELDS,
    TYPE_TOKEN,
    FunctionTarget,
    HttpApi,
    HttpApiArgs,
)
from nova_api.http_api import _field
from nova_testing import Match, MockStack, NovaMocks

API = "aws:apigatewayv2/api:Api"
INTEGRATION = "aws:apigatewayv2/integration:Integration"
ROUTE = "aws:apigatewayv2/route:Route"
STAGE = "aws:apigatewayv2/stage:Stage"
AUTHORIZER = "aws:apigatewayv2/authorizer:Authorizer"
DOMAIN = "aws:apigatewayv2/domainName:DomainName"
MAPPING = "aws:apigatewayv2/apiMapping:ApiMapping"
PERMISSION = "aws:lambda/permission:Permission"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"


def invoke_arn(name: str) -> str:
    return (
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        f"arn:aws:lambda:us-east-1:123456789012:function:{name}/invocations"
    )


def target(name: str, **extra: Any) -> dict[str, Any]:
    return {"function_name": name, "invoke_arn": invoke_arn(name), **extra}


def single(**overrides: Any) -> HttpApiArgs:
    args: dict[str, Any] = {
        "targets": {"items": target("items-fn")},
        "routes": {
            "GET /health": {"public": True},
            "GET /items": {},
            "GET /items/{id}": {},
        },
    }
    args.update(overrides)
    return HttpApiArgs(**args)


def route_by_key(rec, key: str):
    return next(r for r in rec.by_type(ROUTE) if r.inputs["routeKey"] == key)


# -- resources and names -------------------------------------------------------------------------
def test_registers_one_of_each_child_with_stable_names(mock_stack):
    rec = mock_stack.run(lambda: HttpApi("shop", single()))
    assert rec.types() == {
        API: 1,
        INTEGRATION: 1,
        ROUTE: 3,
        STAGE: 1,
        LOG_GROUP: 1,
        PERMISSION: 1,
        TYPE_TOKEN: 1,
    }
    component = rec.named("shop")
    assert component.type == TYPE_TOKEN
    assert component.parent_urn is None
    assert {c.name for c in rec.children_of("shop")} == {
        "shop-access-logs",
        "shop-api",
        "shop-permission-items",
        "shop-integration-items",
        "shop-route-get-health",
        "shop-route-get-items",
        "shop-route-get-items-id",
        "shop-stage",
    }
    assert len(rec.children_of("shop")) == len(rec.resources) - 1


def test_api_is_an_http_api_without_cors_by_default(mock_stack):
    rec = mock_stack.run(lambda: HttpApi("shop", single(description="Shop API")))
    rec.has_resource_properties(
        API,
        {
            "protocolType": "HTTP",
            "description": "Shop API",
            "disableExecuteApiEndpoint": False,
            "corsConfiguration": Match.absent(),
        },
    )


def test_routes_sharing_a_function_share_one_integration_and_permission(mock_stack):
    args = HttpApiArgs(
        targets={"items": target("items-fn"), "auth": target("auth-fn")},
        routes={
            "GET /items": {"target": "items"},
            "PUT /items/{id}": {"target": "items"},
            "DELETE /items/{id}": {"target": "items"},
            "POST /login": {"target": "auth", "public": True},
        },
        default_authorization="AWS_IAM",
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    rec.resource_count_is(INTEGRATION, 2)
    rec.resource_count_is(PERMISSION, 2)
    rec.resource_count_is(ROUTE, 4)
    integrations = {i.id: i for i in rec.by_type(INTEGRATION)}
    resolved = {}
    for route in rec.by_type(ROUTE):
        integration_id = route.inputs["target"].removeprefix("integrations/")
        resolved[route.inputs["routeKey"]] = integrations[integration_id].inputs["integrationUri"]
    assert resolved == {
        "GET /items": invoke_arn("items-fn"),
        "PUT /items/{id}": invoke_arn("items-fn"),
        "DELETE /items/{id}": invoke_arn("items-fn"),
        "POST /login": invoke_arn("auth-fn"),
    }
    assert {p.name: p.inputs["function"] for p in rec.by_type(PERMISSION)} == {
        "shop-permission-items": "items-fn",
        "shop-permission-auth": "auth-fn",
    }
    assert {i.name for i in rec.by_type(INTEGRATION)} == {
        "shop-integration-items",
        "shop-integration-auth",
    }


def test_integration_is_lambda_proxy_with_payload_2_and_30s_timeout(mock_stack):
    rec = mock_stack.run(lambda: HttpApi("shop", single()))
    api = rec.get(API)
    integration = rec.get(INTEGRATION)
    assert integration.inputs == {
        "apiId": api.id,
        "integrationType": "AWS_PROXY",
        "integrationMethod": "POST",
        "integrationUri": invoke_arn("items-fn"),
        "payloadFormatVersion": "2.0",
        "timeoutMilliseconds": 30000,
        "description": "Lambda proxy integration for target 'items'",
    }


def test_integration_timeout_and_payload_format_are_configurable(mock_stack):
    rec = mock_stack.run(
        lambda: HttpApi(
            "shop",
            single(
                integration_timeout_ms=10_000,
                payload_format_version="1.0",
                targets={"items": target("items-fn", timeout_seconds=10)},
            ),
        )
    )
    rec.has_resource_properties(
        INTEGRATION, {"timeoutMilliseconds": 10000, "payloadFormatVersion": "1.0"}
    )


def test_permission_is_scoped_to_this_api_and_account(mock_stack):
    rec = mock_stack.run(lambda: HttpApi("shop", single()))
    api = rec.get(API)
    permission = rec.get(PERMISSION)
    assert permission.inputs == {
        "action": "lambda:InvokeFunction",
        "function": "items-fn",
        "principal": "apigateway.amazonaws.com",
        "sourceArn": f"{api.outputs['executionArn']}/*/*",
        "sourceAccount": "123456789012",
    }
    assert api.outputs["executionArn"] == f"arn:aws:execute-api:us-east-1:123456789012:{api.id}"


def test_every_route_depends_on_its_functions_permission(mock_stack):
    args = HttpApiArgs(
        targets={"a": target("a-fn"), "b": target("b-fn")},
        routes={
            "GET /a": {"target": "a", "public": True},
            "GET /b": {"target": "b", "public": True},
        },
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    for key, permission in (("GET /a", "shop-permission-a"), ("GET /b", "shop-permission-b")):
        route = route_by_key(rec, key)
        assert route.explicit_dependencies == (rec.named(permission).urn,)


# -- stage, access logs, throttling --------------------------------------------------------------
def test_stage_is_default_auto_deployed_with_metrics_and_throttling(mock_stack):
    rec = mock_stack.run(lambda: HttpApi("shop", single()))
    stage = rec.get(STAGE)
    assert stage.inputs["apiId"] == rec.get(API).id
    assert stage.inputs["name"] == "$default"
    assert stage.inputs["autoDeploy"] is True
    assert stage.inputs["defaultRouteSettings"] == {
        "detailedMetricsEnabled": True,
        "throttlingBurstLimit": 500,
        "throttlingRateLimit": 1000,
    }
    assert "routeSettings" not in stage.inputs
    assert set(stage.explicit_dependencies) == {r.urn for r in rec.by_type(ROUTE)}


def test_access_logs_go_to_the_components_log_group_as_json(mock_stack):
    rec = mock_stack.run(lambda: HttpApi("shop", single()))
    log_group = rec.get(LOG_GROUP)
    assert log_group.name == "shop-access-logs"
    assert log_group.inputs["retentionInDays"] == 30
    assert "kmsKeyId" not in log_group.inputs
    settings = rec.get(STAGE).inputs["accessLogSettings"]
    assert settings["destinationArn"] == log_group.outputs["arn"]
    log_format = settings["format"]
    assert "\n" not in log_format
    assert len(log_format.encode()) <= 3072
    parsed = json.loads(log_format)
    assert parsed == dict(ACCESS_LOG_FORMAT)
    assert parsed["requestId"] == "$context.requestId"
    assert parsed["ip"] == "$context.identity.sourceIp"
    for required in REQUIRED_ACCESS_LOG_FIELDS:
        assert parsed[required].startswith("$context.")


def test_stage_name_throttling_and_log_settings_are_configurable(mock_stack):
    args = single(
        stage_name="v1",
        throttling_burst_limit=50,
        throttling_rate_limit=25.5,
        access_log_retention_days=365,
        access_log_kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        access_log_fields={"userSub": "$context.authorizer.claims.sub"},
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    stage = rec.get(STAGE)
    assert stage.inputs["name"] == "v1"
    assert stage.inputs["defaultRouteSettings"] == {
        "detailedMetricsEnabled": True,
        "throttlingBurstLimit": 50,
        "throttlingRateLimit": 25.5,
    }
    fields = json.loads(stage.inputs["accessLogSettings"]["format"])
    assert fields["userSub"] == "$context.authorizer.claims.sub"
    assert fields["requestId"] == "$context.requestId"
    rec.has_resource_properties(
        LOG_GROUP,
        {
            "retentionInDays": 365,
            "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        },
    )
    comp = rec.result
    assert rec.value(comp.stage_name) == "v1"
    assert rec.value(comp.invoke_url).endswith(".execute-api.us-east-1.amazonaws.com/v1")


def test_per_route_throttling_overrides_keep_stage_defaults_for_unset_limits(mock_stack):
    args = single(
        routes={
            "GET /health": {"public": True, "throttling_rate_limit": 5},
            "GET /items": {"throttling_burst_limit": 20, "throttling_rate_limit": 10},
            "GET /items/{id}": {},
        }
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    settings = sorted(rec.get(STAGE).inputs["routeSettings"], key=lambda s: s["routeKey"])
    assert settings == [
        {
            "routeKey": "GET /health",
            "detailedMetricsEnabled": True,
            "throttlingBurstLimit": 500,
            "throttlingRateLimit": 5,
        },
        {
            "routeKey": "GET /items",
            "detailedMetricsEnabled": True,
            "throttlingBurstLimit": 20,
            "throttlingRateLimit": 10,
        },
    ]


@pytest.mark.parametrize(
    ("overrides", "argument", "limit"),
    [
        ({"throttling_burst_limit": 2000}, "throttling_burst_limit", 1250),
        ({"throttling_rate_limit": 3000}, "throttling_rate_limit", 2500),
        (
            {"routes": {"GET /x": {"public": True, "throttling_burst_limit": 1300}}},
            'routes["GET /x"].throttling_burst_limit',
            1250,
        ),
    ],
)
def test_fails_when_throttling_exceeds_a_regions_lower_quota(overrides, argument, limit):
    stack = MockStack(mocks=NovaMocks(region="af-south-1"))
    try:
        message = rf"argument '{re.escape(argument)}'.*quota in af-south-1 is {limit}"
        with pytest.raises(ValueError, match=message):
            stack.run(lambda: HttpApi("shop", single(**overrides)))
    finally:
        stack.reset()


# -- CORS ----------------------------------------------------------------------------------------
def test_cors_is_configured_at_the_gateway_with_derived_defaults(mock_stack):
    args = single(cors={"allow_origins": ["https://app.example.com"]})
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    assert rec.get(API).inputs["corsConfiguration"] == {
        "allowOrigins": ["https://app.example.com"],
        "allowMethods": ["GET"],
        "allowHeaders": ["authorization", "content-type"],
        "allowCredentials": False,
        "maxAge": 600,
    }


def test_cors_settings_are_passed_through(mock_stack):
    cors = {
        "allow_origins": ["https://app.example.com", "http://localhost:3000"],
        "allow_methods": ["GET", "PUT"],
        "allow_headers": ["content-type", "x-request-id"],
        "expose_headers": ["x-request-id"],
        "allow_credentials": True,
        "max_age_seconds": 3600,
    }
    rec = mock_stack.run(lambda: HttpApi("shop", single(cors=cors)))
    assert rec.get(API).inputs["corsConfiguration"] == {
        "allowOrigins": ["https://app.example.com", "http://localhost:3000"],
        "allowMethods": ["GET", "PUT"],
        "allowHeaders": ["content-type", "x-request-id"],
        "exposeHeaders": ["x-request-id"],
        "allowCredentials": True,
        "maxAge": 3600,
    }


def test_cors_allows_every_method_when_a_route_uses_any(mock_stack):
    args = single(
        routes={"ANY /{proxy+}": {"public": True}, "POST /items": {"public": True}},
        cors={"allow_origins": ["https://app.example.com"]},
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    assert rec.get(API).inputs["corsConfiguration"]["allowMethods"] == ["*"]


# -- authorization -------------------------------------------------------------------------------
def test_jwt_authorizer_guards_every_route_except_public_ones(mock_stack):
    args = single(
        jwt_authorizer={"issuer": ISSUER, "audiences": ["client-a", "client-b"]},
        routes={
            "GET /health": {"public": True},
            "GET /items": {},
            "PUT /items/{id}": {"authorization_scopes": ["items/write"]},
            "$default": {},
        },
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    authorizer = rec.get(AUTHORIZER)
    assert authorizer.name == "shop-authorizer"
    assert authorizer.inputs == {
        "apiId": rec.get(API).id,
        "authorizerType": "JWT",
        "identitySources": ["$request.header.Authorization"],
        "jwtConfiguration": {"issuer": ISSUER, "audiences": ["client-a", "client-b"]},
    }
    auth = {
        r.inputs["routeKey"]: (
            r.inputs["authorizationType"],
            r.inputs.get("authorizerId"),
            r.inputs.get("authorizationScopes"),
        )
        for r in rec.by_type(ROUTE)
    }
    assert auth == {
        "GET /health": ("NONE", None, None),
        "GET /items": ("JWT", authorizer.id, None),
        "PUT /items/{id}": ("JWT", authorizer.id, ["items/write"]),
        "$default": ("JWT", authorizer.id, None),
    }
    assert rec.value(rec.result.authorizer_id) == authorizer.id


def test_jwt_authorizer_name_and_identity_source_are_configurable(mock_stack):
    args = single(
        jwt_authorizer={
            "issuer": ISSUER,
            "audiences": ["a"],
            "identity_source": "$request.header.X-Token",
            "name": "cognito",
        }
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    rec.has_resource_properties(
        AUTHORIZER, {"name": "cognito", "identitySources": ["$request.header.X-Token"]}
    )


def test_iam_authorization_applies_to_non_public_routes(mock_stack):
    rec = mock_stack.run(lambda: HttpApi("shop", single(default_authorization="AWS_IAM")))
    rec.resource_count_is(AUTHORIZER, 0)
    assert {r.inputs["routeKey"]: r.inputs["authorizationType"] for r in rec.by_type(ROUTE)} == {
        "GET /health": "NONE",
        "GET /items": "AWS_IAM",
        "GET /items/{id}": "AWS_IAM",
    }
    assert all("authorizerId" not in r.inputs for r in rec.by_type(ROUTE))


def test_without_authorizer_routes_require_iam_by_default(mock_stack, monkeypatch):
    logged: list[str] = []
    monkeypatch.setattr(pulumi.log, "warn", lambda msg, **_: logged.append(msg))
    rec = mock_stack.run(lambda: HttpApi("shop", single()))
    kinds = {r.inputs["routeKey"]: r.inputs["authorizationType"] for r in rec.by_type(ROUTE)}
    assert kinds == {"GET /health": "NONE", "GET /items": "AWS_IAM", "GET /items/{id}": "AWS_IAM"}
    assert all("authorizerId" not in r.inputs for r in rec.by_type(ROUTE))
    assert logged == []


def test_explicitly_open_routes_get_a_warning_naming_them(mock_stack, monkeypatch):
    logged: list[tuple[str, Any]] = []
    monkeypatch.setattr(
        pulumi.log, "warn", lambda msg, resource=None, **_: logged.append((msg, resource))
    )
    rec = mock_stack.run(lambda: HttpApi("shop", single(default_authorization="NONE")))
    rec.all_resources_have(ROUTE, {"authorizationType": "NONE", "authorizerId": Match.absent()})
    assert len(logged) == 1
    message, resource = logged[0]
    assert message.startswith(
        "nova-api HttpApi 'shop': route(s) GET /items, GET /items/{id} have no authorization"
    )
    assert resource is rec.result


def test_a_secure_configuration_logs_no_warning(mock_stack, monkeypatch):
    logged: list[str] = []
    monkeypatch.setattr(pulumi.log, "warn", lambda msg, **_: logged.append(msg))
    mock_stack.run(
        lambda: HttpApi("shop", single(jwt_authorizer={"issuer": ISSUER, "audiences": ["a"]}))
    )
    assert logged == []


# -- custom domain -------------------------------------------------------------------------------
def test_custom_domain_uses_tls12_regional_endpoint_and_maps_the_stage(mock_stack):
    args = single(
        domain={"domain_name": "api.example.com", "certificate_arn": CERT, "api_mapping_key": "v1"}
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    domain = rec.get(DOMAIN)
    assert domain.name == "shop-domain"
    assert domain.inputs["domainName"] == "api.example.com"
    assert domain.inputs["domainNameConfiguration"] == {
        "certificateArn": CERT,
        "endpointType": "REGIONAL",
        "securityPolicy": "TLS_1_2",
    }
    mapping = rec.get(MAPPING)
    assert mapping.name == "shop-api-mapping"
    assert mapping.inputs == {
        "apiId": rec.get(API).id,
        "domainName": domain.id,
        "stage": rec.get(STAGE).id,
        "apiMappingKey": "v1",
    }
    rec.has_resource_properties(API, {"disableExecuteApiEndpoint": True})
    comp = rec.result
    config = domain.outputs["domainNameConfiguration"]
    assert rec.value(comp.domain_target) == {
        "domain_name": "api.example.com",
        "target_domain_name": config["targetDomainName"],
        "hosted_zone_id": config["hostedZoneId"],
    }
    assert rec.value(comp.url) == "https://api.example.com/v1"


def test_custom_domain_can_keep_the_execute_api_endpoint(mock_stack):
    args = single(
        domain={
            "domain_name": "api.example.com",
            "certificate_arn": CERT,
            "disable_execute_api_endpoint": False,
        }
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    rec.has_resource_properties(API, {"disableExecuteApiEndpoint": False})
    rec.has_resource_properties(MAPPING, {"apiMappingKey": Match.absent()})
    assert rec.value(rec.result.url) == "https://api.example.com/"


def test_fails_in_apply_when_a_certificate_output_is_in_another_region(mock_stack):
    cert = CERT.replace("us-east-1", "eu-west-1")

    def program():
        certificate = pulumi.Output.from_input(cert)
        return HttpApi(
            "shop",
            single(domain={"domain_name": "api.example.com", "certificate_arn": certificate}),
        )

    with pytest.raises(
        ValueError,
        match=r"(?s)argument 'domain\.certificate_arn' is 'arn:aws:acm:eu-west-1:.* \(checked when "
        r"the Output resolved\): the certificate is in eu-west-1 but a REGIONAL custom domain "
        r"needs an ACM certificate in the API's region \(us-east-1\)",
    ):
        mock_stack.run(program)
    assert DOMAIN not in {r.type for r in mock_stack.last.resources}


# -- outputs -------------------------------------------------------------------------------------
def test_outputs_resolve_to_the_children(mock_stack):
    rec = mock_stack.run(lambda: HttpApi("shop", single()))
    comp = rec.result
    api, stage, log_group = rec.get(API), rec.get(STAGE), rec.get(LOG_GROUP)
    assert rec.value(comp.api_id) == api.id
    assert rec.value(comp.api_endpoint) == f"https://{api.id}.execute-api.us-east-1.amazonaws.com"
    assert rec.value(comp.execution_arn) == api.outputs["executionArn"]
    assert rec.value(comp.invoke_url) == stage.outputs["invokeUrl"]
    assert rec.value(comp.url) == stage.outputs["invokeUrl"]
    assert rec.value(comp.stage_name) == "$default"
    assert rec.value(comp.access_log_group_name) == log_group.outputs["name"]
    assert rec.value(comp.access_log_group_arn) == log_group.outputs["arn"]
    assert comp.authorizer is None
    assert comp.authorizer_id is None
    assert comp.domain is None
    assert comp.api_mapping is None
    assert comp.domain_target is None
    assert isinstance(comp.api, aws.apigatewayv2.Api)
    assert isinstance(comp.stage, aws.apigatewayv2.Stage)
    assert set(comp.routes) == {"GET /health", "GET /items", "GET /items/{id}"}
    assert set(comp.integrations) == {"items"}
    assert set(comp.permissions) == {"items"}


def test_tags_reach_api_stage_log_group_and_domain(mock_stack):
    args = single(
        tags={"team": "shop"},
        domain={"domain_name": "api.example.com", "certificate_arn": CERT},
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    for type_ in (API, STAGE, LOG_GROUP, DOMAIN):
        rec.has_resource_properties(type_, {"tags": {"team": "shop"}})


# -- targets -----------------------------------------------------------------------------------
class LambdaTargetShaped:
    """An object of the LambdaTarget protocol whose attributes are outputs."""

    def __init__(self, name: str, timeout: int) -> None:
        self.function_name = pulumi.Output.from_input(name)
        self.invoke_arn = pulumi.Output.from_input(invoke_arn(name))
        self.timeout_seconds = pulumi.Output.from_input(timeout)


def test_accepts_protocol_objects_raw_functions_and_deprecated_function_targets(mock_stack):
    def program():
        role = aws.iam.Role("role", assume_role_policy="{}")
        raw = aws.lambda_.Function(
            "raw",
            role=role.arn,
            runtime="python3.13",
            handler="h.h",
            timeout=5,
            code=pulumi.AssetArchive({}),
        )
        with pytest.warns(DeprecationWarning, match="FunctionTarget is deprecated"):
            wrapped = FunctionTarget.from_function(raw)
        return HttpApi(
            "shop",
            HttpApiArgs(
                targets={
                    "compute": LambdaTargetShaped("compute-fn", 29),
                    "raw": raw,
                    "wrapped": wrapped,
                },
                routes={
                    "GET /a": {"target": "compute", "public": True},
                    "GET /b": {"target": "raw", "public": True},
                    "GET /c": {"target": "wrapped", "public": True},
                },
            ),
        )

    rec = mock_stack.run(program)
    raw = rec.get("aws:lambda/function:Function")
    uris = {i.name: i.inputs["integrationUri"] for i in rec.by_type(INTEGRATION)}
    assert uris == {
        "shop-integration-compute": invoke_arn("compute-fn"),
        "shop-integration-raw": raw.outputs["invokeArn"],
        "shop-integration-wrapped": raw.outputs["invokeArn"],
    }
    functions = {p.name: p.inputs["function"] for p in rec.by_type(PERMISSION)}
    assert functions == {
        "shop-permission-compute": "compute-fn",
        "shop-permission-raw": raw.outputs["name"],
        "shop-permission-wrapped": raw.outputs["name"],
    }
    assert {i.inputs["timeoutMilliseconds"] for i in rec.by_type(INTEGRATION)} == {30000}


def test_fails_in_apply_when_an_output_timeout_exceeds_the_integration_timeout(mock_stack):
    args = single(targets={"items": LambdaTargetShaped("items-fn", 60)})
    with pytest.raises(
        ValueError,
        match=r"(?s)nova-api HttpApi 'shop': argument 'targets\[\"items\"\]\.timeout_seconds' is 60 "
        r"\(checked when the Output resolved\): the function may run for 60 s but API Gateway "
        r"stops waiting after integration_timeout_ms=30000 ms.*Fix: set the function timeout to "
        r"at most 30 s",
    ):
        mock_stack.run(lambda: HttpApi("shop", args))
    assert INTEGRATION not in {r.type for r in mock_stack.last.resources}


# -- host compatibility --------------------------------------------------------------------------
def test_component_is_accepted_by_pulumis_component_analyzer():
    result = Analyzer("nova-api").analyze([HttpApi])
    definition = result["component_definitions"]["HttpApi"]
    assert {"targets", "routes", "cors", "jwtAuthorizer", "domain"} <= set(definition.inputs)
    assert {"apiId", "apiEndpoint", "invokeUrl", "executionArn", "stageName"} <= set(
        definition.outputs
    )
    assert {"accessLogGroupName", "accessLogGroupArn", "domainTarget"} <= set(definition.outputs)
    assert set(result["type_definitions"]["LambdaTarget"].properties) == {
        "functionName",
        "invokeArn",
    }


def test_domain_target_reads_typed_and_plain_nested_outputs():
    typed = aws.apigatewayv2.outputs.DomainNameDomainNameConfiguration(
        certificate_arn=CERT,
        endpoint_type="REGIONAL",
        security_policy="TLS_1_2",
        target_domain_name="d-abc.execute-api.us-east-1.amazonaws.com",
        hosted_zone_id="Z1UJRXOUMOOFQ8",
    )
    plain = {"targetDomainName": "d-abc.execute-api.us-east-1.amazonaws.com"}
    assert _field(typed, "target_domain_name") == "d-abc.execute-api.us-east-1.amazonaws.com"
    assert _field(typed, "hosted_zone_id") == "Z1UJRXOUMOOFQ8"
    assert _field(plain, "target_domain_name") == "d-abc.execute-api.us-east-1.amazonaws.com"
