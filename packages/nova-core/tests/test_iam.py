"""IAM policy statements: the shape every Nova policy argument shares, in the one message format."""

from __future__ import annotations

import pulumi
import pytest

from nova_core import NovaInputError, PolicyStatement, policy_statement, policy_statements
from nova_core.checks import Checker
from nova_core.iam import GRAMMAR, role_name, strings

check = Checker("nova-test Thing", "t")
ALLOW = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}


def fails(*args, **kwargs) -> NovaInputError:
    with pytest.raises(NovaInputError) as caught:
        policy_statement(check, "statements[0]", *args, **kwargs)
    assert str(caught.value).startswith("nova-test Thing 't': argument 'statements[0]")
    return caught.value


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, []), ("s3:GetObject", ["s3:GetObject"]), (["a", "b"], ["a", "b"]), (("a",), ["a"]),
     ([], []), ({"AWS": "*"}, [{"AWS": "*"}])],
)  # fmt: skip
def test_strings_turns_one_value_or_a_list_into_a_list(value, expected):
    assert strings(value) == expected


def test_a_valid_statement_is_returned_with_its_effect():
    statement = policy_statement(check, "s", {**ALLOW, "Sid": "Read1"})
    assert isinstance(statement, PolicyStatement)
    assert statement.effect == "Allow"
    assert statement.allow is True
    assert statement.values("Action") == ["s3:GetObject"]
    assert statement.values("Condition") == []
    assert "Sid" in statement
    assert statement.get("Resource") == "arn:aws:s3:::b/*"


def test_an_output_statement_is_left_for_later():
    assert policy_statement(check, "s", pulumi.Output.from_input(ALLOW)) is None


def test_fails_when_a_statement_is_not_a_dict():
    error = fails("s3:GetObject")
    assert error.argument == "statements[0]"
    assert error.rule == "must be a dict: one IAM policy statement"
    assert error.source == GRAMMAR


def test_fails_on_an_unknown_key_with_the_closest_one():
    error = fails({**ALLOW, "Actions": "s3:GetObject"})
    assert error.argument == "statements[0].Actions"
    assert "did you mean 'Action'?" in error.fix


@pytest.mark.parametrize("key", ["Action", "Resource", "Principal"])
def test_fails_when_an_element_and_its_not_form_are_both_given(key):
    statement = {**ALLOW, "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}
    error = fails({**statement, f"Not{key}": "x"})
    assert error.argument == f"statements[0].Not{key}"
    assert error.rule == f"a statement takes {key} or Not{key}, not both"


def test_fails_when_the_effect_is_missing_and_required():
    error = fails({k: v for k, v in ALLOW.items() if k != "Effect"})
    assert error.argument == "statements[0].Effect"
    assert error.rule == "every statement needs an Effect"


def test_a_missing_effect_takes_the_default_when_there_is_one():
    value = {k: v for k, v in ALLOW.items() if k != "Effect"}
    statement = policy_statement(check, "s", value, default_effect="Allow")
    assert statement is not None
    assert statement.allow


@pytest.mark.parametrize("effect", ["allow", "Permit", True])
def test_fails_when_the_effect_is_not_allow_or_deny(effect):
    error = fails({**ALLOW, "Effect": effect})
    assert error.argument == "statements[0].Effect"
    assert error.rule == "must be one of 'Allow', 'Deny'"


@pytest.mark.parametrize("sid", ["read-bucket", "", "a b", 5])
def test_fails_when_a_sid_is_not_letters_and_digits(sid):
    error = fails({**ALLOW, "Sid": sid})
    assert error.argument == "statements[0].Sid"


def test_a_sid_pattern_of_none_takes_any_string():
    statement = policy_statement(check, "s", {**ALLOW, "Sid": "Queue1_Send"}, sid_pattern=None)
    assert statement is not None
    assert statement.get("Sid") == "Queue1_Send"


@pytest.mark.parametrize(
    ("missing", "value", "rule"),
    [
        ("Action", None, "every statement needs a non-empty Action or NotAction"),
        ("Action", [], "every statement needs a non-empty Action or NotAction"),
        ("Resource", None, "every statement needs a non-empty Resource or NotResource"),
    ],
)
def test_fails_when_a_required_element_is_missing_or_empty(missing, value, rule):
    statement = {k: v for k, v in ALLOW.items() if k != missing}
    if value is not None:
        statement[missing] = value
    error = fails(statement)
    assert error.argument == f"statements[0].{missing}"
    assert error.rule == rule
    assert error.fix == f"add '{missing}'"


def test_the_not_form_meets_a_required_element():
    value = {"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*"}
    statement = policy_statement(check, "s", value)
    assert statement is not None
    assert not statement.allow


def test_a_required_element_takes_the_callers_fix():
    error = fails({"Effect": "Allow", "Action": "sqs:SendMessage"},
                  required=("Principal",), fixes={"Principal": "add a service principal"})  # fmt: skip
    assert error.argument == "statements[0].Principal"
    assert error.fix == "add a service principal"


def test_a_refused_key_fails_with_the_callers_message_before_unknown_keys():
    refused = {"NotAction": ("NotAction is refused here", "use Action")}
    error = fails({"NotAction": "iam:*", "Resource": "*", "Sneaky": 1}, refused=refused)
    assert (error.argument, error.rule, error.fix) == (
        "statements[0].NotAction",
        "NotAction is refused here",
        "use Action",
    )
    # Refused keys are no longer among the known keys, nor a way to meet a required element.
    error = fails({**ALLOW, "Action": []}, refused=refused)
    assert error.rule == "every statement needs a non-empty Action"
    error = fails({**ALLOW, "Bad": 1}, refused=refused)
    assert "NotAction" not in error.fix


def test_fails_when_a_condition_is_not_a_dict():
    error = fails({**ALLOW, "Condition": "aws:SecureTransport"})
    assert error.argument == "statements[0].Condition"
    assert error.rule == "a Condition is a dict"


def test_sids_must_be_unique_in_the_policy_and_apart_from_the_components_own():
    statements = [{**ALLOW, "Sid": "A"}, {**ALLOW, "Sid": "A"}]
    with pytest.raises(NovaInputError) as caught:
        policy_statements(check, "statements", statements, policy="the queue policy")
    assert caught.value.argument == "statements[1].Sid"
    assert caught.value.rule == "Sids must be unique in the queue policy"
    with pytest.raises(NovaInputError) as caught:
        policy_statements(check, "statements", [{**ALLOW, "Sid": "Tls"}], policy="the policy",
                          reserved_sids=("Tls", "Other"))  # fmt: skip
    assert caught.value.argument == "statements[0].Sid"
    assert caught.value.rule == (
        "Sids must be unique in the policy; the component's own statements use Other, Tls"
    )


def test_policy_statements_returns_one_entry_per_statement():
    output = pulumi.Output.from_input(ALLOW)
    checked = policy_statements(check, "s", [ALLOW, output, {**ALLOW, "Sid": "B"}], policy="p")
    assert [c is None for c in checked] == [False, True, False]
    assert checked[2] is not None
    assert checked[2].get("Sid") == "B"


@pytest.mark.parametrize("name", ["app", "orders-api_role+x=1,y.z@w", "r" * 64])
def test_a_role_name_that_iam_accepts_is_returned(name):
    assert role_name(check, "grant.role", name) == name


@pytest.mark.parametrize("name", ["arn:aws:iam::123456789012:role/app", "r" * 65, "rôle"])
def test_fails_when_a_role_name_breaks_iams_rule(name):
    with pytest.raises(NovaInputError) as caught:
        role_name(check, "grant.role", name)
    assert caught.value.argument == "grant.role"
    assert caught.value.rule == "IAM role names are 1-64 letters, digits or + = , . @ _ -"
    assert "not its ARN" in caught.value.fix


def test_fails_when_a_role_name_is_empty():
    with pytest.raises(NovaInputError) as caught:
        role_name(check, "grant.role", "")
    assert caught.value.rule == "must not be empty"


def test_a_role_object_gives_its_first_output_attribute():
    class Role:
        id = pulumi.Output.from_input("role-id")
        name = pulumi.Output.from_input("role-name")

    role = Role()
    assert role_name(check, "r", role) is Role.name
    assert role_name(check, "r", role, attributes=("id",)) is Role.id


def test_fails_when_the_object_has_no_role_output():
    with pytest.raises(NovaInputError) as caught:
        role_name(check, "grant.role", 42, attributes=("name", "id"))
    assert str(caught.value) == (
        "nova-test Thing 't': argument 'grant.role' is <int>: needs an IAM role: an aws.iam.Role, "
        "an object with a name or id Output, or a role name. Fix: pass the role resource or its "
        "name."
    )
