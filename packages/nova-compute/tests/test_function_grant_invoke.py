"""``Function.grant_invoke``: one permission per caller, scoped by source ARN and account."""

import pulumi
import pytest
from compute_function_helpers import ACCOUNT, FUNCTION, PERMISSION

from nova_compute import TYPE_TOKEN
from nova_testing.identity import alias_urns


def test_grant_invoke_scopes_by_source_arn_and_account(mock_stack, build):
    source = f"arn:aws:execute-api:us-east-1:{ACCOUNT}:abc123/*/*"

    def program():
        fn = build()()
        fn.grant_invoke("api", "apigateway.amazonaws.com", source)
        return fn

    rec = mock_stack.run(program)
    permission = rec.get(PERMISSION)
    assert permission.name == "fn-permission-api"
    # 0.1.0's URN: the same parent and type, the name "fn-api"
    assert alias_urns(
        permission.urn, permission.type, permission.name, permission.parent_urn, permission.aliases
    ) == {permission.urn.replace("::fn-permission-api", "::fn-api")}
    assert permission.parent_urn == rec.get(TYPE_TOKEN).urn
    assert permission.inputs == {
        "action": "lambda:InvokeFunction",
        "function": rec.get(FUNCTION).outputs["name"],
        "principal": "apigateway.amazonaws.com",
        "sourceArn": source,
        "sourceAccount": ACCOUNT,
    }


def test_grant_invoke_keeps_an_explicit_account_and_outputs(mock_stack, build):
    def program():
        fn = build()()
        fn.grant_invoke(
            "events",
            "events.amazonaws.com",
            pulumi.Output.from_input("arn:aws:events:us-east-1:210987654321:rule/nightly"),
            source_account="210987654321",
        )
        fn.grant_invoke("partner", "210987654321", "arn:aws:iam::210987654321:role/caller")
        return fn

    rec = mock_stack.run(program)
    events = rec.get(PERMISSION, "fn-permission-events")
    assert events.inputs["sourceAccount"] == "210987654321"
    assert events.inputs["sourceArn"] == "arn:aws:events:us-east-1:210987654321:rule/nightly"
    partner = rec.get(PERMISSION, "fn-permission-partner")
    assert "sourceAccount" not in partner.inputs
    assert partner.inputs["principal"] == "210987654321"


@pytest.mark.parametrize(
    ("name", "principal", "source_arn", "source_account", "match"),
    [
        ("api", "*", "arn:aws:execute-api:us-east-1:123456789012:a/*/*", None, "never be public"),
        (
            "api",
            "apigateway",
            "arn:aws:execute-api:us-east-1:123456789012:a/*/*",
            None,
            "a principal is a service",
        ),
        ("api", "apigateway.amazonaws.com", None, None, "scoped by the caller's ARN"),
        ("api", "apigateway.amazonaws.com", "execute-api/abc", None, "must be an ARN"),
        (
            "api",
            "apigateway.amazonaws.com",
            "arn:aws:execute-api:us-east-1:1:a/*/*",
            "123",
            "12-digit account id",
        ),
        (
            "bad name",
            "apigateway.amazonaws.com",
            "arn:aws:execute-api:us-east-1:1:a/*/*",
            None,
            "1-100 letters",
        ),
    ],
)
def test_fails_when_grant_invoke_is_unscoped_or_malformed(
    mock_stack, build, name, principal, source_arn, source_account, match
):
    def program():
        fn = build()()
        fn.grant_invoke(name, principal, source_arn, source_account)

    with pytest.raises(ValueError, match=match):
        mock_stack.run(program)
    assert PERMISSION not in {r.type for r in mock_stack.last}


def test_fails_when_grant_name_is_reused(mock_stack, build):
    def program():
        fn = build()()
        fn.grant_invoke("api", "apigateway.amazonaws.com", "arn:aws:execute-api:us-east-1:1:a/*/*")
        fn.grant_invoke("api", "apigateway.amazonaws.com", "arn:aws:execute-api:us-east-1:1:b/*/*")

    with pytest.raises(
        ValueError,
        match=r"argument .grant_invoke.name. is .api.: this function already uses that key",
    ):
        mock_stack.run(program)
