"""Shared test setup for nova-api."""

import logging

_UNRETRIEVED = ("Future exception was never retrieved", "Task exception was never retrieved")


class _FailedRunFutures(logging.Filter):
    """Drops asyncio's report of a future whose exception nobody retrieved.

    A program that fails inside ``apply`` (the tests that prove a check ran when an Output
    resolved, or the echo-mock test) leaves Pulumi futures whose exceptions nobody retrieves;
    ``MockStack.run`` re-raised that exception and the test asserted it. When such a future is garbage-collected, asyncio logs it with its
    traceback, and on CPython 3.11 formatting a traceback parses source with ``ast``; if the
    collection happens while pytest is parsing a module (assertion rewriting, also at session
    end), that parse fails with ``SystemError: AST constructor recursion depth mismatch``
    (gh-106905). A logger filter runs before any formatting; every other asyncio report is kept.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (str(record.msg).startswith(_UNRETRIEVED) and isinstance(error, Exception))


# Installed for the whole process: the futures may be collected after the last test.
logging.getLogger("asyncio").addFilter(_FailedRunFutures())
