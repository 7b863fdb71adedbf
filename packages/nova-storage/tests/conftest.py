"""Shared fixtures of the nova-storage tests.

Shared constants and builders live in storage_support/, put on sys.path here. Only that folder goes
on it: this one holds a conftest.py, which must not shadow the repository tests' own ``conftest``
module when both suites run in one session. Its module names carry the package's name, so they do
not collide with the support modules of the other packages' tests.
"""

import re
import sys
from pathlib import Path

import pytest

from nova_core import NovaInputError
from nova_storage import Bucket

sys.path.insert(0, str(Path(__file__).resolve().parent / "storage_support"))

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
