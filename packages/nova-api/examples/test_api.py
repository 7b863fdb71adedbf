"""Testing a program that uses HttpApi: run it under mock_stack, assert on the recording."""

import pulumi

from nova_api import HttpApi, HttpApiArgs
from nova_compute import Function, FunctionArgs

CODE = pulumi.AssetArchive({"app.py": pulumi.StringAsset("def handler(event, context): ...\n")})


def program() -> HttpApi:
    items = Function("items", FunctionArgs(code=CODE, handler="app.handler"))
    return HttpApi(
        "api",
        HttpApiArgs(
            targets={"items": items},
            routes={"GET /health": {"public": True}, "GET /items": {}},
        ),
    )


def test_only_the_health_check_is_public(mock_stack):
    rec = mock_stack.run(program)  # waits for every output, then returns the recording
    authorization = {
        route.inputs["routeKey"]: route.inputs["authorizationType"]
        for route in rec.by_type("aws:apigatewayv2/route:Route")
    }
    assert authorization == {"GET /health": "NONE", "GET /items": "AWS_IAM"}
    permission = rec.get("aws:lambda/permission:Permission")
    assert (
        permission.inputs["sourceArn"]
        == rec.get("aws:apigatewayv2/api:Api").outputs["executionArn"] + "/*/*"
    )
