"""Helpers of the items API tests: environment, the handler, the Lambda context.

Loaded by ``functions/conftest.py`` (see ``functions/tests/functions_testing.py``).
"""

from dataclasses import dataclass
from functools import partial

from functions_testing import BUCKET, PREFIX, TABLE, use_function
from functions_testing import FakeLambdaContext as _Context
from functions_testing import load_event as _load_event

TEST_ENV = {
    "ITEMS_BUCKET": BUCKET,
    "ITEMS_PREFIX": PREFIX,
    "ITEMS_TABLE": TABLE,
    "POWERTOOLS_METRICS_DISABLED": "false",
    "CURSOR_KEY_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:items-cursor-AbCdEf",
}
CURSOR_KEY = b"k3y-for-tests-only-0123456789abcdef"
handler = use_function("api", TEST_ENV)
load_event = partial(_load_event, "api")
__all__ = [
    "BUCKET",
    "CURSOR_KEY",
    "PREFIX",
    "TABLE",
    "FakeLambdaContext",
    "cursor_key",
    "handler",
    "load_event",
]


def cursor_key() -> bytes:
    """The static cursor key of the test stores (the Secrets Manager path has its own tests)."""
    return CURSOR_KEY


@dataclass
class FakeLambdaContext(_Context):
    function_name: str = "nova-items-api"
