"""Configurations the plan accepts: empty route options, wildcard domains, preflight routes,
an open catch-all with CORS and a route name resolving a slug collision."""

from api_plan_builders import CERT, base, jwt

from nova_api._plan import plan_http_api


def test_route_options_may_be_none_and_wildcard_domains_are_valid():
    plan = plan_http_api(
        "api",
        base(
            routes={"GET /items": None, "GET /health": {"public": True}},
            domain={"domain_name": "*.api.example.com", "certificate_arn": CERT},
        ),
    )
    assert [r.target for r in plan.routes] == ["items", "items"]
    assert plan.domain is not None
    assert plan.domain["domain_name"] == "*.api.example.com"
    assert plan.domain["disable_execute_api_endpoint"] is True


def test_a_preflight_route_satisfies_the_cors_rule():
    plan = plan_http_api(
        "api",
        base(
            jwt_authorizer=jwt(),
            cors={"allow_origins": ["https://a.example.com"]},
            routes={"ANY /{proxy+}": {}, "OPTIONS /{path+}": {"public": True}},
        ),
    )
    assert {r.route_key: r.authorization_type for r in plan.routes} == {
        "ANY /{proxy+}": "JWT",
        "OPTIONS /{path+}": "NONE",
    }


def test_an_open_catch_all_needs_no_preflight_route():
    plan = plan_http_api(
        "api",
        base(
            cors={"allow_origins": ["https://a.example.com"]},
            routes={"$default": {}},
            default_authorization="NONE",
        ),
    )
    assert plan.cors is not None
    assert plan.cors["allow_methods"] == ["*"]


def test_route_name_resolves_a_slug_collision():
    plan = plan_http_api(
        "api", base(routes={"GET /a-b": {}, "GET /a/b": {"name": "get-a-slash-b"}})
    )
    assert {r.route_key: r.resource_suffix for r in plan.routes} == {
        "GET /a-b": "get-a-b",
        "GET /a/b": "get-a-slash-b",
    }
