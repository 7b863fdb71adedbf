"""Shared helpers: stand-in consumers and the "refused before registration" assertion."""

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

from nova_core import NovaInputError

COMPONENT = "nova-messaging Queue"


class StandInFunction:
    """What a Queue reads from its consumer: ``arn``, ``role`` and ``timeout_seconds``."""

    def __init__(self, name: str = "worker", timeout_seconds: Any = 30, *, role: Any = None):
        self.arn = pulumi.Output.from_input(
            f"arn:aws:lambda:us-east-1:123456789012:function:{name}"
        )
        self.role = (
            role if role is not None else aws.iam.Role(f"{name}-role", assume_role_policy="{}")
        )
        self.timeout_seconds = timeout_seconds


def fake_role(name: str = "worker-role") -> SimpleNamespace:
    """A role stand-in that registers nothing (for tests asserting zero aws: resources)."""
    return SimpleNamespace(name=pulumi.Output.from_input(name), pulumi_resource_name=name)


def offline_function(timeout_seconds: Any = 30, **overrides: Any) -> SimpleNamespace:
    """A consumer stand-in that registers nothing."""
    fields = {
        "arn": pulumi.Output.from_input("arn:aws:lambda:us-east-1:123456789012:function:worker"),
        "role": fake_role(),
        "timeout_seconds": timeout_seconds,
    }
    fields.update(overrides)
    return SimpleNamespace(**fields)


@pytest.fixture
def refused(mock_stack) -> Callable[..., NovaInputError]:
    """Run ``program``, expect a NovaInputError on ``argument`` whose message holds every
    fragment, and prove nothing of AWS was registered (nor the component itself)."""

    def check(program: Callable[[], Any], argument: str, *fragments: str) -> NovaInputError:
        with pytest.raises(NovaInputError) as caught:
            mock_stack.run(program)
        error = caught.value
        assert error.component == COMPONENT
        assert error.argument == argument, error.message
        assert error.message.startswith(f"{COMPONENT} '"), error.message
        assert "Fix: " in error.message
        for fragment in fragments:
            assert fragment in error.message, error.message
        registered = [r.type for r in mock_stack.last.resources]
        assert not [t for t in registered if t.startswith("aws:")], registered
        assert "nova-messaging:index:Queue" not in registered
        return error

    return check
