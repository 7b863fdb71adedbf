"""Setup shared by every test under ``functions/``: the helpers, then each function's handler.

The shared helpers (``tests/functions_testing.py``) and each function's ``<function>_testing``
module are loaded by path, once, before any test is collected, so every test (a function's own,
the shared contract tests, the end-to-end pipeline test) finds the three functions imported with
their own environment.
"""

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

FUNCTIONS = Path(__file__).resolve().parent

if "functions_testing" not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        "functions_testing", FUNCTIONS / "tests" / "functions_testing.py"
    )
    assert _spec is not None
    assert _spec.loader is not None
    sys.modules["functions_testing"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["functions_testing"])

for _function in sys.modules["functions_testing"].PACKAGES:
    sys.modules["functions_testing"].load_module(
        FUNCTIONS / _function / "tests" / f"{_function}_testing.py"
    )


def _testing(request: pytest.FixtureRequest) -> ModuleType:
    """The ``<function>_testing`` module of the function whose tests ask."""
    function = request.path.relative_to(FUNCTIONS).parts[0]
    return sys.modules[f"{function}_testing"]


@pytest.fixture
def log_lines(request: pytest.FixtureRequest) -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """The JSON log lines the function under test writes during the test, parsed."""
    with sys.modules["functions_testing"].captured_logs(_testing(request).handler.logger) as lines:
        yield lines


@pytest.fixture
def invoke(request: pytest.FixtureRequest) -> Callable[..., Any]:
    """Call the function's Lambda handler as the runtime does, with a fresh context per call."""
    testing = _testing(request)

    def call(event: Any, context: Any = None) -> Any:
        return testing.handler.lambda_handler(event, context or testing.FakeLambdaContext())

    return call
