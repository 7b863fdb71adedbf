"""Routing to functions: a nova-compute ``Function`` passed as is, raw functions, dicts, and a
clear error for anything else (issue 19)."""

import re

import pulumi
import pulumi_aws as aws
import pytest

from nova_api import FunctionTarget, HttpApi, HttpApiArgs
from nova_compute import Function, FunctionArgs
from nova_core import NovaInputError

INTEGRATION = "aws:apigatewayv2/integration:Integration"
PERMISSION = "aws:lambda/permission:Permission"
LAMBDA = "aws:lambda/function:Function"
CODE = pulumi.AssetArchive(
    {"app.py": pulumi.StringAsset("def handler(event, context):\n    return {}\n")}
)


def nova_function(name: str = "items", **extra) -> Function:
    return Function(name, FunctionArgs(code=CODE, handler="app.handler", **extra))


def api_for(target) -> HttpApi:
    return HttpApi("shop", HttpApiArgs(targets={"items": target}, routes={"GET /items": {}}))


def component_children(rec) -> list:
    component = rec.named("shop")
    return [r for r in rec.resources if r.parent_urn == component.urn]


def test_a_nova_function_is_a_target_as_is(mock_stack):
    rec = mock_stack.run(lambda: api_for(nova_function(timeout_seconds=29)))
    function = rec.get(LAMBDA)
    assert rec.get(INTEGRATION).inputs["integrationUri"] == function.outputs["invokeArn"]
    assert rec.get(INTEGRATION).inputs["timeoutMilliseconds"] == 30_000
    assert rec.get(PERMISSION).inputs["function"] == function.outputs["name"]
    assert rec.get(PERMISSION).name == "shop-permission-items"


def test_fails_when_a_nova_functions_timeout_exceeds_the_integration_timeout(mock_stack):
    # nova-compute's Function gives its timeout as an Output today (checked when it resolves)
    # and as a plain int once it exposes one (checked before registration): the message is the
    # same apart from the "(checked when the Output resolved)" note.
    with pytest.raises(
        ValueError,
        match=r"(?s)nova-api HttpApi 'shop': argument 'targets\[\"items\"\]\.timeout_seconds' is 60"
        r"( \(checked when the Output resolved\))?: the function may run for 60 s but API "
        r"Gateway stops waiting after integration_timeout_ms=30000 ms.*Fix: set the function "
        r"timeout to at most 30 s",
    ) as caught:
        mock_stack.run(lambda: api_for(nova_function(timeout_seconds=60)))
    types = mock_stack.last.types()
    assert INTEGRATION not in types
    # With a plain timeout (nova-compute 0.2) nothing of the component registered at all.
    checked_up_front = isinstance(caught.value, NovaInputError) and not caught.value.deferred
    assert not checked_up_front or "nova-api:index:HttpApi" not in types


class PlainTimeoutFunction:
    """Shaped like a nova-compute Function that knows its timeout as a plain int."""

    def __init__(self, function: aws.lambda_.Function, timeout_seconds: int) -> None:
        self.function = function
        self.invoke_arn = function.invoke_arn
        self.timeout_seconds = timeout_seconds


def raw_function(name: str = "items") -> aws.lambda_.Function:
    role = aws.iam.Role(f"{name}-role", assume_role_policy="{}")
    return aws.lambda_.Function(
        name, role=role.arn, runtime="python3.13", handler="app.handler", code=CODE
    )


def test_fails_before_registration_when_a_plain_function_timeout_exceeds_the_integration(
    mock_stack,
):
    def program():
        fn = raw_function()
        return HttpApi(
            "shop",
            HttpApiArgs(
                targets={"items": PlainTimeoutFunction(fn, 10)},
                routes={"GET /items": {}},
                integration_timeout_ms=5000,
            ),
        )

    with pytest.raises(
        NovaInputError,
        match=r"^nova-api HttpApi 'shop': argument 'targets\[\"items\"\]\.timeout_seconds' is 10: "
        r"the function may run for 10 s but API Gateway stops waiting after "
        r"integration_timeout_ms=5000 ms",
    ) as caught:
        mock_stack.run(program)
    assert caught.value.deferred is False
    # Only the function of the program itself exists: the component registered nothing.
    assert {r.type for r in mock_stack.last.resources} == {"aws:iam/role:Role", LAMBDA}


def test_a_plain_function_timeout_within_the_integration_timeout_is_accepted(mock_stack):
    def program():
        return api_for(PlainTimeoutFunction(raw_function(), 30))

    rec = mock_stack.run(program)
    assert rec.get(INTEGRATION).inputs["integrationUri"] == rec.get(LAMBDA).outputs["invokeArn"]


def test_deprecated_function_target_reads_a_nova_function(mock_stack):
    def program():
        fn = nova_function()
        with pytest.warns(DeprecationWarning, match="pass the function itself"):
            target = FunctionTarget.from_function(fn)
        return api_for(target)

    rec = mock_stack.run(program)
    assert rec.get(PERMISSION).inputs["function"] == rec.get(LAMBDA).outputs["name"]


def test_fails_when_function_target_is_built_from_something_else():
    with pytest.raises(
        NovaInputError,
        match=r"nova-api FunctionTarget 'from_function': argument 'function' is "
        r"<builtins\.str object>: must be a nova-compute Function or an aws\.lambda_\.Function",
    ):
        FunctionTarget.from_function("items")


class NotAFunction:
    """Anything else a user might pass, e.g. another component."""


@pytest.mark.parametrize(
    ("target", "shown", "fix"),
    [
        (
            "arn:aws:lambda:us-east-1:123456789012:function:items",
            "'arn:aws:lambda:us-east-1:123456789012:function:items'",
            "a bare ARN does not say how to invoke the function",
        ),
        (
            NotAFunction(),
            f"<{NotAFunction.__module__}.NotAFunction object>",
            "pass the nova-compute Function",
        ),
        (Function, "the class nova_compute.function.Function (not an instance)", "pass the"),
        (None, "None", "pass the nova-compute Function itself"),
    ],
    ids=["arn-string", "other-object", "function-class", "none"],
)
def test_fails_when_a_target_is_not_a_function(mock_stack, target, shown, fix):
    with pytest.raises(
        NovaInputError,
        match=re.escape(f"nova-api HttpApi 'shop': argument 'targets[\"items\"]' is {shown}: ")
        + r"a target is a nova-compute Function, an aws\.lambda_\.Function, or a dict with "
        r"'function_name' and 'invoke_arn'.*Fix: " + re.escape(fix),
    ):
        mock_stack.run(lambda: api_for(target))
    assert mock_stack.last.resources == []


def test_fails_in_apply_when_an_output_integration_timeout_is_below_a_plain_function_timeout(
    mock_stack,
):
    def program():
        return HttpApi(
            "shop",
            HttpApiArgs(
                targets={"items": PlainTimeoutFunction(raw_function(), 10)},
                routes={"GET /items": {}},
                integration_timeout_ms=pulumi.Output.from_input(5000),
            ),
        )

    with pytest.raises(
        ValueError,
        match=r"(?s)argument 'targets\[\"items\"\]\.timeout_seconds' is 10 \(checked when the "
        r"Output resolved\): the function may run for 10 s .*integration_timeout_ms=5000 ms",
    ):
        mock_stack.run(program)
    assert INTEGRATION not in mock_stack.last.types()
