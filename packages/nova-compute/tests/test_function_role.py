"""The Function component's role: its trust policy, the role policies it writes and the statements
callers add."""

import json

import pulumi
import pytest
from compute_function_helpers import ACCOUNT, FUNCTION, LOG_GROUP, ROLE, ROLE_POLICY, _policy

from nova_compute import TYPE_TOKEN
from nova_testing import Match


def test_role_trusts_only_lambda_for_this_account(mock_stack, build):
    rec = mock_stack.run(build())
    role = rec.get(ROLE)
    assert json.loads(role.inputs["assumeRolePolicy"]) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "LambdaAssumeRole",
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
            }
        ],
    }


def test_role_has_no_managed_or_inline_policy_arguments(mock_stack, build):
    rec = mock_stack.run(build())
    rec.has_resource_properties(
        ROLE,
        {
            "managedPolicyArns": Match.absent(),
            "inlinePolicies": Match.absent(),
            "permissionsBoundary": Match.absent(),
        },
    )
    rec.resource_count_is("aws:iam/rolePolicyAttachment:RolePolicyAttachment", 0)
    rec.resource_count_is("aws:iam/policy:Policy", 0)


def test_every_role_policy_statement_is_exact(mock_stack, build):
    rec = mock_stack.run(build())
    log_group = rec.get(LOG_GROUP)
    role = rec.get(ROLE)
    for policy in rec.by_type(ROLE_POLICY):
        assert policy.inputs["role"] == role.outputs["name"]
    assert _policy(rec, "fn-policy-logs")["Statement"] == [
        {
            "Sid": "WriteOwnLogGroup",
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": f"{log_group.outputs['arn']}:*",
        }
    ]
    assert _policy(rec, "fn-policy-xray")["Statement"] == [
        {
            "Sid": "XRayWriteNoResourceScoping",
            "Effect": "Allow",
            "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
            "Resource": "*",
        }
    ]


def test_caller_statements_become_one_separate_role_policy(mock_stack, build):
    table = pulumi.Output.from_input(f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders")
    rec = mock_stack.run(
        build(
            policy_statements=[
                {
                    "Sid": "ReadOrders",
                    "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                    "Resource": [table],
                },
                {"Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "*"},
            ]
        )
    )
    assert _policy(rec, "fn-policy-statements") == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadOrders",
                "Effect": "Allow",
                "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                "Resource": [f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders"],
            },
            {"Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "*"},
        ],
    }
    assert rec.named("fn-policy-statements").urn in rec.get(FUNCTION).explicit_dependencies


def test_wildcard_resource_is_allowed_with_a_reason(mock_stack, build):
    rec = mock_stack.run(
        build(
            policy_statements=[{"Action": "ec2:DescribeInstances", "Resource": "*"}],
            allow_wildcard_resources_reason="ec2:Describe* has no resource-level permissions",
        )
    )
    assert _policy(rec, "fn-policy-statements")["Statement"][0]["Resource"] == "*"


def test_fails_when_an_output_resource_resolves_to_a_wildcard(mock_stack, build):
    with pytest.raises(ValueError, match=r"policy_statements\[0\]\.Resource' is '\*'"):
        mock_stack.run(
            build(
                policy_statements=[
                    {"Action": "s3:GetObject", "Resource": pulumi.Output.from_input("*")}
                ]
            )
        )


def test_add_policy_statements_creates_its_own_role_policy(mock_stack, build):
    def program():
        fn = build()()
        fn.add_policy_statements(
            "orders-table",
            [
                {
                    "Action": ["dynamodb:PutItem"],
                    "Resource": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders",
                }
            ],
        )
        return fn

    rec = mock_stack.run(program)
    policy = rec.get(ROLE_POLICY, "fn-policy-orders-table")
    assert policy.parent_urn == rec.get(TYPE_TOKEN).urn
    assert json.loads(policy.inputs["policy"])["Statement"] == [
        {
            "Effect": "Allow",
            "Action": ["dynamodb:PutItem"],
            "Resource": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders",
        }
    ]


@pytest.mark.parametrize(
    ("key", "statements", "match"),
    [
        (
            "logs",
            [{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}],
            "already uses that key",
        ),
        (
            "bad key!",
            [{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}],
            "letters, digits or '-'",
        ),
        ("wide", [{"Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}], "wildcard actions"),
        ("empty", None, "needs at least one statement"),
    ],
)
def test_fails_when_added_statements_break_the_rules(mock_stack, build, key, statements, match):
    def program():
        fn = build()()
        fn.add_policy_statements(key, statements)

    with pytest.raises(ValueError, match=match):
        mock_stack.run(program)


def test_added_statement_errors_name_the_key_in_the_path(mock_stack, build):
    from nova_core import NovaInputError

    def program():
        fn = build()()
        fn.add_policy_statements("wide", [{"Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}])

    with pytest.raises(NovaInputError) as info:
        mock_stack.run(program)
    assert str(info.value).startswith(
        "nova-compute Function 'fn': argument 'add_policy_statements[\"wide\"][0].Action' is "
        "'s3:*': wildcard actions"
    )
    assert "fn-policy-wide" not in {r.name for r in mock_stack.last}
