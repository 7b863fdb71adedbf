"""HttpApi component tests: the children it registers, their names, integrations and permissions."""

from api_http_api_helpers import (
    API,
    INTEGRATION,
    LOG_GROUP,
    PERMISSION,
    ROUTE,
    STAGE,
    invoke_arn,
    route_by_key,
    single,
    target,
)

from nova_api import TYPE_TOKEN, HttpApi, HttpApiArgs
from nova_testing import Match


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
