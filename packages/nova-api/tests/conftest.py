"""Shared test setup for nova-api."""

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

_UNRETRIEVED = ("Future exception was never retrieved", "Task exception was never retrieved")


@pytest.fixture(autouse=True, scope="session")
def _quiet_failed_runs() -> Iterator[None]:
    """Do not format the tracebacks of futures a failed mock run leaves behind.

    A program that fails inside ``apply`` (the tests that prove a check ran when an Output
    resolved) leaves Pulumi futures whose exceptions nobody retrieves; the test has already
    asserted that exception. When such a future is garbage-collected, asyncio logs its traceback,
    and on CPython 3.11 formatting a traceback parses source with ``ast``; if the collection
    happens while pytest is parsing a module, that parse fails with ``SystemError: AST
    constructor recursion depth mismatch`` (gh-106905). Anything else is reported as usual.
    """
    loop = asyncio.get_event_loop()
    previous = loop.get_exception_handler()

    def handler(event_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if str(context.get("message", "")).startswith(_UNRETRIEVED) and isinstance(
            context.get("exception"), ValueError
        ):
            return
        if previous is not None:
            previous(event_loop, context)
        else:
            event_loop.default_exception_handler(context)

    loop.set_exception_handler(handler)
    yield
    loop.set_exception_handler(previous)
