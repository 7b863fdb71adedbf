"""One caller-identity lookup per program and AWS provider, however many functions there are."""

import gc
import json
import weakref

import pulumi
import pulumi_aws as aws
import pytest
from pulumi.runtime import settings

from nova_compute import Function, FunctionArgs
from nova_testing import MockStack, NovaMocks

CALLER_IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity"
ROLE = "aws:iam/role:Role"
PERMISSION = "aws:lambda/permission:Permission"
ACCOUNT = "123456789012"


class ProviderRecordingMocks(NovaMocks):
    """NovaMocks that also record which provider each invoke went to."""

    def __init__(self) -> None:
        super().__init__()
        self.providers: list[str] = []

    def call(self, args: pulumi.runtime.MockCallArgs):  # type: ignore[override]
        if args.token == CALLER_IDENTITY:
            self.providers.append(args.provider or "")
        return super().call(args)


@pytest.fixture
def stack() -> MockStack:
    return MockStack(mocks=ProviderRecordingMocks())


def _function(name: str, app_dir, opts: pulumi.ResourceOptions | None = None) -> Function:
    return Function(name, FunctionArgs(code_path=str(app_dir)), opts)


def _source_account(rec, role_name: str) -> str:
    trust = json.loads(rec.get(ROLE, role_name).inputs["assumeRolePolicy"])
    return trust["Statement"][0]["Condition"]["StringEquals"]["aws:SourceAccount"]


def test_functions_of_one_program_share_one_lookup(stack, app_dir):
    def program():
        functions = [_function(f"fn{index}", app_dir) for index in range(4)]
        functions[0].grant_invoke("api", "apigateway.amazonaws.com", "arn:aws:execute-api:x")
        functions[3].grant_invoke("sns", "sns.amazonaws.com", "arn:aws:sns:us-east-1:1:t")

    rec = stack.run(program)
    assert stack.mocks.providers == [""]
    assert {_source_account(rec, f"fn{index}-role") for index in range(4)} == {ACCOUNT}
    for permission in rec.by_type(PERMISSION):
        assert permission.inputs["sourceAccount"] == ACCOUNT


def test_a_function_with_another_provider_gets_its_own_lookup(stack, app_dir):
    def program():
        other = aws.Provider("other", region="eu-west-1")
        _function("plain", app_dir)
        _function("explicit", app_dir, pulumi.ResourceOptions(provider=other))
        parent = pulumi.ComponentResource(
            "test:index:Service", "service", opts=pulumi.ResourceOptions(providers={"aws": other})
        )
        _function("inherited", app_dir, pulumi.ResourceOptions(parent=parent))
        _function("plain-again", app_dir)

    rec = stack.run(program)
    providers = sorted(stack.mocks.providers)
    assert len(providers) == 2
    assert providers[0] == ""
    assert "::other::" in providers[1]
    names = ("plain", "explicit", "inherited", "plain-again")
    assert {_source_account(rec, f"{name}-role") for name in names} == {ACCOUNT}


def test_every_program_looks_the_account_up_again(stack, app_dir):
    first = stack.run(lambda: _function("fn", app_dir))
    second = stack.run(lambda: [_function("fn", app_dir), _function("other", app_dir)])
    assert stack.mocks.providers == ["", ""]
    assert _source_account(first, "fn-role") == ACCOUNT
    assert _source_account(second, "other-role") == ACCOUNT


def test_another_account_in_a_new_program_is_not_taken_from_the_last(app_dir):
    MockStack(mocks=NovaMocks(account_id="111111111111")).run(lambda: _function("fn", app_dir))
    rec = MockStack(mocks=NovaMocks(account_id="222222222222")).run(
        lambda: _function("fn", app_dir)
    )
    assert _source_account(rec, "fn-role") == "222222222222"


def test_finished_programs_are_not_kept_alive(app_dir):
    roots: list[weakref.ref] = []

    def program() -> None:
        roots.append(weakref.ref(settings.get_root_resource()))
        _function("fn", app_dir)

    for _ in range(4):
        stack = MockStack()
        stack.run(program)
        stack.reset()
    gc.collect()
    assert len(roots) == 4
    assert roots[0]() is None
    assert roots[1]() is None
