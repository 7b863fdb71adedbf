"""HttpApi component tests: route authorization (JWT, IAM, explicitly open) and its warnings."""

from typing import Any

import pulumi
from api_http_api_helpers import API, AUTHORIZER, ISSUER, ROUTE, single

from nova_api import HttpApi
from nova_testing import Match


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
