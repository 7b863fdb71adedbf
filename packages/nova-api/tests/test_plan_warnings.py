"""The plan's warnings: settings that are valid but block traffic or leave routes open."""

from api_plan_builders import base, jwt

from nova_api._plan import plan_http_api


def test_warns_when_burst_limit_is_zero():
    plan = plan_http_api("api", base(throttling_burst_limit=0))
    assert any("throttling_burst_limit is 0" in w and "429" in w for w in plan.warnings)


def test_warns_when_route_rate_limit_is_zero():
    plan = plan_http_api(
        "api", base(routes={"GET /items": {"throttling_rate_limit": 0, "public": True}})
    )
    assert plan.warnings == (
        "nova-api HttpApi 'api': routes[\"GET /items\"].throttling_rate_limit is 0, which blocks "
        "every request to this route with 429 Too Many Requests.",
    )


def test_warns_when_cors_allows_every_origin():
    plan = plan_http_api(
        "api", base(cors={"allow_origins": ["*"]}, default_authorization="AWS_IAM")
    )
    assert len(plan.warnings) == 1
    assert "cors.allow_origins contains '*'" in plan.warnings[0]
    assert "A-04" in plan.warnings[0]


def test_default_authorization_is_iam_without_an_authorizer():
    plan = plan_http_api("api", base())
    assert plan.warnings == ()
    assert {r.route_key: r.authorization_type for r in plan.routes}["GET /items"] == "AWS_IAM"


def test_warns_about_routes_without_authorization():
    plan = plan_http_api("api", base(default_authorization="NONE"))
    assert len(plan.warnings) == 1
    assert "route(s) GET /items have no authorization" in plan.warnings[0]
    assert "A-02" in plan.warnings[0]
    assert "GET /health" not in plan.warnings[0]


def test_no_warnings_for_a_secure_configuration():
    plan = plan_http_api("api", base(jwt_authorizer=jwt()))
    assert plan.warnings == ()
