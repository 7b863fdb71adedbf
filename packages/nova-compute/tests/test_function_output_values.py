"""Function arguments that are still Outputs: passed through, and checked once their values are known."""

import json

import pulumi
import pytest
from compute_function_helpers import ACCOUNT, FUNCTION, PERMISSION, ROLE_POLICY, _policy


def test_output_values_pass_through_unchecked_until_known(mock_stack, build):
    out = pulumi.Output.from_input
    layer = f"arn:aws:lambda:us-east-1:{ACCOUNT}:layer:tools:1"
    rec = mock_stack.run(
        build(
            handler=out("app.handler"),
            runtime=out("python3.13"),
            layers=out([layer]),
            memory_mb=out(512),
            policy_statements=out([{"Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}]),
        )
    )
    function = rec.get(FUNCTION)
    assert function.inputs["handler"] == "app.handler"
    assert function.inputs["runtime"] == "python3.13"
    assert function.inputs["layers"] == [layer]
    assert function.inputs["memorySize"] == 512
    assert _policy(rec, "fn-policy-statements")["Statement"][0]["Action"] == ["s3:GetObject"]


def test_statement_with_output_action_is_checked_when_known(mock_stack, build):
    statement = {
        "Action": [pulumi.Output.from_input("sqs:*")],
        "Resource": "arn:aws:sqs:us-east-1:1:q",
    }
    with pytest.raises(
        ValueError,
        match=r"'policy_statements\[0\]\.Action' is 'sqs:\*' \(checked when the Output "
        r"resolved\): wildcard",
    ):
        mock_stack.run(build(policy_statements=[statement]))


def test_fails_when_resolved_statements_exceed_the_inline_policy_quota(mock_stack, build):
    statements = [
        {
            "Sid": f"S{i}",
            "Action": "s3:GetObject",
            "Resource": pulumi.Output.from_input(f"arn:aws:s3:::{'b' * 200}-{i}/*"),
        }
        for i in range(60)
    ]
    with pytest.raises(ValueError, match=r"IAM allows 10240 for all inline policies of a role"):
        mock_stack.run(build(policy_statements=statements))


def test_added_statements_and_grants_may_hold_outputs(mock_stack, build):
    def program():
        fn = build()()
        fn.add_policy_statements(
            "queue",
            pulumi.Output.from_input(
                [{"Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:1:q"}]
            ),
        )
        principal = pulumi.Output.from_input("sns.amazonaws.com")
        fn.grant_invoke("sns", principal, "arn:aws:sns:us-east-1:1:t")
        return fn

    rec = mock_stack.run(program)
    policy = json.loads(rec.get(ROLE_POLICY, "fn-policy-queue").inputs["policy"])
    assert policy["Statement"][0]["Action"] == "sqs:SendMessage"
    permission = rec.get(PERMISSION, "fn-permission-sns")
    assert permission.inputs["principal"] == "sns.amazonaws.com"
    assert "sourceAccount" not in permission.inputs  # unknown principal kind: no account default


def test_whole_statement_or_action_list_as_output(mock_stack, build):
    out = pulumi.Output.from_input
    rec = mock_stack.run(
        build(
            policy_statements=[
                out({"Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:1:q"}),
                {"Action": out(["sns:Publish"]), "Resource": "arn:aws:sns:us-east-1:1:t"},
            ]
        )
    )
    assert [s["Action"] for s in _policy(rec, "fn-policy-statements")["Statement"]] == [
        "sqs:SendMessage",
        ["sns:Publish"],
    ]
