"""The README example (examples/basic.py) runs as a Pulumi program under the mocks."""

import json
import runpy
from pathlib import Path

EXAMPLE_PATH = Path(__file__).resolve().parent.parent / "examples" / "basic.py"
README_PATH = Path(__file__).resolve().parent.parent / "README.md"


def test_basic_example_builds_a_guarded_api(mock_stack):
    rec = mock_stack.run(lambda: runpy.run_path(str(EXAMPLE_PATH), run_name="__main__"))
    assert rec.types() == {
        "aws:apigatewayv2/api:Api": 1,
        "aws:apigatewayv2/authorizer:Authorizer": 1,
        "aws:apigatewayv2/integration:Integration": 1,
        "aws:apigatewayv2/route:Route": 5,
        "aws:apigatewayv2/stage:Stage": 1,
        "aws:cloudwatch/logGroup:LogGroup": 1,
        "aws:iam/role:Role": 1,
        "aws:lambda/function:Function": 1,
        "aws:lambda/permission:Permission": 1,
        "nova-api:index:HttpApi": 1,
    }
    function = rec.get("aws:lambda/function:Function")
    integration = rec.get("aws:apigatewayv2/integration:Integration")
    assert integration.inputs["integrationUri"] == function.outputs["invokeArn"]
    assert (
        rec.get("aws:lambda/permission:Permission").inputs["function"] == function.outputs["name"]
    )
    authorization = {
        r.inputs["routeKey"]: r.inputs["authorizationType"]
        for r in rec.by_type("aws:apigatewayv2/route:Route")
    }
    assert authorization == {
        "GET /health": "NONE",
        "GET /items": "JWT",
        "GET /items/{id}": "JWT",
        "PUT /items/{id}": "JWT",
        "DELETE /items/{id}": "JWT",
    }
    stage = rec.get("aws:apigatewayv2/stage:Stage")
    assert stage.inputs["defaultRouteSettings"]["throttlingBurstLimit"] == 200
    assert json.loads(stage.inputs["accessLogSettings"]["format"])["requestId"] == (
        "$context.requestId"
    )
    assert rec.get("aws:cloudwatch/logGroup:LogGroup").inputs["retentionInDays"] == 90
    api = rec.get("aws:apigatewayv2/api:Api")
    assert rec.outputs == {
        "url": f"https://{api.id}.execute-api.us-east-1.amazonaws.com/",
        "api_id": api.id,
        "access_log_group": rec.get("aws:cloudwatch/logGroup:LogGroup").outputs["name"],
    }


def test_readme_starts_with_the_example_code():
    readme = README_PATH.read_text()
    code = EXAMPLE_PATH.read_text()
    first_block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    assert first_block == code
