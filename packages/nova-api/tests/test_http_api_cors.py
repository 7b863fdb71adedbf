"""HttpApi component tests: CORS, configured at the gateway."""

from api_http_api_helpers import API, single

from nova_api import HttpApi


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
