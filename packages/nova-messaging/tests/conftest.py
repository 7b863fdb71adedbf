"""The "refused before registration" assertion shared by the failure tests."""

from collections.abc import Callable
from typing import Any

import pytest

from nova_core import NovaInputError

COMPONENT = "nova-messaging Queue"


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
