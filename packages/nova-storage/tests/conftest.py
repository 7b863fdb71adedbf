"""Shared fixtures of the nova-storage tests."""

import re

import pytest

from nova_core import NovaInputError
from nova_storage import Bucket

MESSAGE = re.compile(r"^nova-storage Bucket 'data': argument '[^']+' is .+: .+\. Fix: .+\.$", re.S)


@pytest.fixture
def fails(mock_stack):
    """``fails(args, pattern)``: ``Bucket("data", args)`` raises a ``NovaInputError`` in the one
    message format matching ``pattern``, before anything (not even the component) registers."""

    def check(args, pattern):
        with pytest.raises(NovaInputError, match=pattern) as caught:
            mock_stack.run(lambda: Bucket("data", args))
        assert mock_stack.last.resources == []
        assert MESSAGE.match(str(caught.value)), str(caught.value)
        return caught.value

    return check
