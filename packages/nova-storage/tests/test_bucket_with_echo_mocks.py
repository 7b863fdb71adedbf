"""The Bucket component under mocks that echo inputs back: a clear message, not a type error."""

import pulumi
import pytest

from nova_storage import Bucket
from nova_testing import MockStack


class EchoMocks(pulumi.runtime.Mocks):
    """The mocks many Pulumi examples show: every resource's inputs echoed back as its outputs,
    so outputs AWS computes (``arn``, a generated ``bucket`` name) stay unset."""

    def new_resource(self, args):
        return [args.name + "_id", args.inputs]

    def call(self, args):
        return {}


def test_echo_mocks_get_a_clear_message_instead_of_a_type_error():
    stack = MockStack(mocks=EchoMocks())

    def program():
        bucket = Bucket("data")
        bucket.grant_read_write("app-role")
        return bucket

    try:
        with pytest.raises(RuntimeError, match=r"nova_testing\.NovaMocks") as caught:
            stack.run(program)
    finally:
        stack.reset()
    message = str(caught.value)
    assert "'arn' output resolved to None" in message
    assert "echo the inputs back" in message
    assert "NoneType" not in message
