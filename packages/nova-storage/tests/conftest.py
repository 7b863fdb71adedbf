"""Shared fixtures of the nova-storage tests."""

import asyncio
import gc
import logging
import re

import pytest

from nova_core import NovaInputError
from nova_storage import Bucket

MESSAGE = re.compile(r"^nova-storage Bucket 'data': argument '[^']+' is .+: .+\. Fix: .+\.$", re.S)


def _quiet_handler(loop: asyncio.AbstractEventLoop, context: dict) -> None:
    if "exception was never retrieved" in context.get("message", ""):
        # The run already raised this exception to the test; log it without the traceback.
        logging.getLogger("asyncio").debug("%s: %r", context["message"], context.get("exception"))
        return
    loop.default_exception_handler(context)


@pytest.fixture(scope="session", autouse=True)
def _no_traceback_formatting_in_finalizers():
    """Keep ``ast`` out of garbage-collector finalizers.

    A Pulumi program that raises leaves futures holding the exception. When the cyclic garbage
    collector frees one, asyncio reports "Future exception was never retrieved", and its default
    handler logs the formatted traceback; CPython 3.11 formats tracebacks with ``ast``. A
    collection can start in the middle of any other ``ast`` conversion (pytest's failure report,
    Pulumi's component analyzer, a test reading source); the nested conversion then corrupts the
    interpreter-wide recursion counter and the outer one fails with "SystemError: AST
    constructor recursion depth mismatch" (gh-106905). Those futures' exceptions were already
    raised to the test that ran the program, so they are logged here without a traceback.
    """
    loop = asyncio.get_event_loop()
    previous = loop.get_exception_handler()
    loop.set_exception_handler(_quiet_handler)
    yield
    gc.collect()  # free what the last runs left while the quiet handler is still installed
    loop.set_exception_handler(previous)


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
