"""The README example (examples/basic.py) runs as a Pulumi program under the mocks."""

import json
import runpy
from pathlib import Path

import pulumi
import pytest

from nova_api import HttpApi, HttpApiArgs
from nova_testing import MockStack

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
        "aws:cloudwatch/logGroup:LogGroup": 2,
        "aws:iam/role:Role": 1,
        "aws:iam/rolePolicy:RolePolicy": 2,
        "aws:lambda/function:Function": 1,
        "aws:lambda/permission:Permission": 1,
        "nova-api:index:HttpApi": 1,
        "nova-compute:index:Function": 1,
    }
    function = rec.get("aws:lambda/function:Function")
    # What a user copies first must pass the catalogue: tracing, its own log group, memory set.
    assert function.inputs["tracingConfig"] == {"mode": "Active"}
    assert function.inputs["memorySize"] == 256
    assert function.inputs["timeout"] == 10
    function_logs = rec.named("items-log-group")
    assert function.inputs["loggingConfig"]["logGroup"] == function_logs.outputs["name"]
    assert function_logs.inputs["retentionInDays"] == 30
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
    access_logs = rec.named("items-api-access-logs")
    assert access_logs.inputs["retentionInDays"] == 90
    api = rec.get("aws:apigatewayv2/api:Api")
    assert rec.outputs == {
        "url": f"https://{api.id}.execute-api.us-east-1.amazonaws.com/",
        "api_id": api.id,
        "access_log_group": access_logs.outputs["name"],
    }


def test_readme_starts_with_the_example_code():
    readme = README_PATH.read_text()
    code = EXAMPLE_PATH.read_text()
    first_block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    assert first_block == code


TESTING_EXAMPLE_PATH = EXAMPLE_PATH.parent / "test_api.py"


def test_the_testing_example_passes_under_the_fixture(mock_stack):
    example = runpy.run_path(str(TESTING_EXAMPLE_PATH))
    example["test_only_the_health_check_is_public"](mock_stack)
    # The example's assertions ran against a real recording.
    assert mock_stack.last is not None
    assert len(mock_stack.last.by_type("aws:apigatewayv2/route:Route")) == 2


def test_readme_testing_section_shows_the_testing_example():
    testing = README_PATH.read_text().split("## Testing", 1)[1]
    block = testing.split("```python\n", 1)[1].split("```", 1)[0]
    assert block == TESTING_EXAMPLE_PATH.read_text()


class EchoMocks(pulumi.runtime.Mocks):
    """The mocks users often write first: every resource echoes its inputs."""

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict]:
        return args.name + "_id", args.inputs

    def call(self, args: pulumi.runtime.MockCallArgs) -> dict:
        return {}


def test_fails_with_a_clear_message_under_echo_mocks():
    invoke_arn = (
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:us-east-1:123456789012:function:items/invocations"
    )
    stack = MockStack(mocks=EchoMocks())
    try:
        with pytest.raises(
            RuntimeError,
            match=r"(?s)nova-api HttpApi 'api': the API's execution_arn resolved to None.*echo "
            r"their inputs.*mock_stack fixture \(NovaMocks\)",
        ):
            stack.run(
                lambda: HttpApi(
                    "api",
                    HttpApiArgs(
                        targets={"items": {"function_name": "items", "invoke_arn": invoke_arn}},
                        routes={"GET /items": {}},
                    ),
                )
            )
        assert "aws:lambda/permission:Permission" not in stack.last.types()
    finally:
        stack.reset()
