"""HttpApi component tests: the kinds of function target it accepts, and their timeouts."""

import pulumi
import pulumi_aws as aws
import pytest
from api_http_api_helpers import INTEGRATION, PERMISSION, invoke_arn, single

from nova_api import FunctionTarget, HttpApi, HttpApiArgs


class LambdaTargetShaped:
    """An object of the LambdaTarget protocol whose attributes are outputs."""

    def __init__(self, name: str, timeout: int) -> None:
        self.function_name = pulumi.Output.from_input(name)
        self.invoke_arn = pulumi.Output.from_input(invoke_arn(name))
        self.timeout_seconds = pulumi.Output.from_input(timeout)


def test_accepts_protocol_objects_raw_functions_and_deprecated_function_targets(mock_stack):
    def program():
        role = aws.iam.Role("role", assume_role_policy="{}")
        raw = aws.lambda_.Function(
            "raw",
            role=role.arn,
            runtime="python3.13",
            handler="h.h",
            timeout=5,
            code=pulumi.AssetArchive({}),
        )
        with pytest.warns(DeprecationWarning, match="FunctionTarget is deprecated"):
            wrapped = FunctionTarget.from_function(raw)
        return HttpApi(
            "shop",
            HttpApiArgs(
                targets={
                    "compute": LambdaTargetShaped("compute-fn", 29),
                    "raw": raw,
                    "wrapped": wrapped,
                },
                routes={
                    "GET /a": {"target": "compute", "public": True},
                    "GET /b": {"target": "raw", "public": True},
                    "GET /c": {"target": "wrapped", "public": True},
                },
            ),
        )

    rec = mock_stack.run(program)
    raw = rec.get("aws:lambda/function:Function")
    uris = {i.name: i.inputs["integrationUri"] for i in rec.by_type(INTEGRATION)}
    assert uris == {
        "shop-integration-compute": invoke_arn("compute-fn"),
        "shop-integration-raw": raw.outputs["invokeArn"],
        "shop-integration-wrapped": raw.outputs["invokeArn"],
    }
    functions = {p.name: p.inputs["function"] for p in rec.by_type(PERMISSION)}
    assert functions == {
        "shop-permission-compute": "compute-fn",
        "shop-permission-raw": raw.outputs["name"],
        "shop-permission-wrapped": raw.outputs["name"],
    }
    assert {i.inputs["timeoutMilliseconds"] for i in rec.by_type(INTEGRATION)} == {30000}


def test_fails_in_apply_when_an_output_timeout_exceeds_the_integration_timeout(mock_stack):
    args = single(targets={"items": LambdaTargetShaped("items-fn", 60)})
    with pytest.raises(
        ValueError,
        match=r"(?s)nova-api HttpApi 'shop': argument 'targets\[\"items\"\]\.timeout_seconds' is 60 "
        r"\(checked when the Output resolved\): the function may run for 60 s but API Gateway "
        r"stops waiting after integration_timeout_ms=30000 ms.*Fix: set the function timeout to "
        r"at most 30 s",
    ):
        mock_stack.run(lambda: HttpApi("shop", args))
    assert INTEGRATION not in {r.type for r in mock_stack.last.resources}
