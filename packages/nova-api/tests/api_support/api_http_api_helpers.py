"""Resource types, ARNs and argument builders shared by the HttpApi component tests."""

from typing import Any

from nova_api import HttpApiArgs

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
