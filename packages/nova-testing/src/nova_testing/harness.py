"""A fresh Pulumi mock runtime per run, with every registration recorded.

``MockStack.run(program)`` executes ``program`` in a new mock runtime, waits for every outstanding
registration and ``apply`` to finish, and only then returns a :class:`Recording`. Assertions made
on the recording see resolved, plain values, so a false assertion always fails; there is no
``Output`` left to forget to await.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

import pulumi
from pulumi.runtime import config as pulumi_config
from pulumi.runtime import settings as pulumi_settings
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

from ._stack_trace import frames_only_stack_traces
from .mocks import NovaMocks
from .recording import Recording, RecordingMonitor

__all__ = ["MockStack", "resolve"]

_UNRETRIEVED = ("Future exception was never retrieved", "Task exception was never retrieved")


class _FailedRunFutures(logging.Filter):
    """Drops asyncio's report of a future whose exception a failed run already raised.

    A program that fails (a validation error inside ``apply``, a raising program) leaves Pulumi
    futures holding the exception; :meth:`MockStack.run` re-raises it to the caller. When the
    garbage collector later frees such a future, asyncio logs it with a formatted traceback, and
    CPython 3.11 formats tracebacks with ``ast``. If that collection starts while something else
    is converting an ``ast`` (pytest's assertion rewriting or failure report, Pulumi's component
    analyzer), the nested conversion corrupts the interpreter-wide counter and the outer one
    fails with ``SystemError: AST constructor recursion depth mismatch`` (gh-106905). The filter
    runs before any formatting and keeps every other asyncio report.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (str(record.msg).startswith(_UNRETRIEVED) and isinstance(error, Exception))


_FILTER = _FailedRunFutures()


def _quiet_failed_run_futures() -> None:
    logger = logging.getLogger("asyncio")
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)


def resolve(value: Any) -> Any:
    """Resolve an ``Output`` (or any input) to its plain value inside the current mock runtime."""
    output = pulumi.Output.from_input(value)
    return _sync_await(output.future())


def _config_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value)


class MockStack:
    """Runs Pulumi programs under :class:`~nova_testing.mocks.NovaMocks`, recording resources.

    ``config`` keys are full Pulumi config keys (``"project:key"`` or ``"aws:region"``); values
    that are not strings are stored as JSON, like structured config in ``Pulumi.<stack>.yaml``.
    """

    def __init__(
        self,
        *,
        project: str = "nova-test",
        stack: str = "test",
        mocks: NovaMocks | None = None,
        config: Mapping[str, Any] | None = None,
        secret_keys: list[str] | None = None,
        preview: bool = False,
    ) -> None:
        self.project = project
        self.stack = stack
        self.mocks = mocks or NovaMocks()
        self.config: dict[str, Any] = dict(config or {})
        self.secret_keys = list(secret_keys or [])
        self.preview = preview
        self.last: Recording | None = None
        _quiet_failed_run_futures()

    def set_config(self, key: str, value: Any, *, secret: bool = False) -> None:
        """Set one config value for the next run (``key`` like ``"project:memoryMb"``)."""
        self.config[key] = value
        if secret:
            self.secret_keys.append(key)

    def run(self, program: Callable[[], Any]) -> Recording:
        """Run ``program`` in a fresh mock runtime and return everything it registered.

        Exceptions raised by the program (or by an ``apply`` it started) propagate with their
        original traceback, after the runtime has settled. While it runs, the SDK builds each
        registration's stack trace from the frames alone (:mod:`nova_testing._stack_trace`).
        """
        monitor = RecordingMonitor(self.mocks)
        pulumi_settings.ROOT.set(None)
        pulumi_settings.SETTINGS.rpc_manager.clear()
        pulumi_settings.SETTINGS.outputs.clear()
        pulumi_config.set_all_config(
            {k: _config_value(v) for k, v in self.config.items()}, list(self.secret_keys)
        )
        pulumi.runtime.set_mocks(
            self.mocks,
            project=self.project,
            stack=self.stack,
            preview=self.preview,
            monitor=monitor,
        )
        box: dict[str, Any] = {}

        def body() -> None:
            box["result"] = program()

        with frames_only_stack_traces():
            try:
                _sync_await(run_pulumi_func(body))
            except BaseException:
                # Keep what was registered before the failure: tests assert it is nothing.
                self.last = Recording(monitor.records, {}, None, resolve)
                self._drain_pending_tasks()
                raise
            root = pulumi_settings.get_root_resource()
            exported = dict(getattr(root, "outputs", {}) or {})
            outputs = {name: resolve(value) for name, value in exported.items()}
        self.last = Recording(monitor.records, outputs, box.get("result"), resolve)
        return self.last

    @staticmethod
    def _drain_pending_tasks() -> None:
        """Cancel what a failed run left pending, so it cannot fail a later run."""
        loop = asyncio.get_event_loop()
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        if pending and not loop.is_running():
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))

    def reset(self) -> None:
        """Leave no runtime state behind (called by the pytest fixture after each test)."""
        self._drain_pending_tasks()
        pulumi_settings.ROOT.set(None)
        pulumi_settings.SETTINGS.rpc_manager.clear()
        pulumi_settings.SETTINGS.outputs.clear()
        pulumi_config.set_all_config({}, [])
