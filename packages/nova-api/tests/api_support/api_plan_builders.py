"""ARNs and argument builders shared by the HttpApi plan tests and their rule cases."""

from typing import Any

FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:{name}"
INVOKE_ARN = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:{name}/invocations"
)
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"
ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf"


def target(name: str = "items", **extra: Any) -> dict[str, Any]:
    return {"function_name": name, "invoke_arn": INVOKE_ARN.format(name=name), **extra}


def base(**overrides: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "targets": {"items": target()},
        "routes": {"GET /items": {}, "GET /health": {"public": True}},
    }
    args.update(overrides)
    return args


def jwt(**overrides: Any) -> dict[str, Any]:
    return {"issuer": ISSUER, "audiences": ["client-id"], **overrides}


def domain(**overrides: Any) -> dict[str, Any]:
    return {"domain_name": "api.example.com", "certificate_arn": CERT, **overrides}


def routes(*keys: str, **options: Any) -> dict[str, Any]:
    return {key: dict(options) for key in keys}
