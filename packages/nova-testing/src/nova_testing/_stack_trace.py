"""Pulumi's per-resource stack trace, built from the frames alone while a mock run lasts.

For every resource a program registers, the Pulumi SDK sends the engine the call stack of the
code that created it (``pulumi.runtime.resource._get_stack_trace``). The SDK builds it with
``traceback.extract_stack()``, which checks and reads the source file of every frame, and turns
each frame into a ``file://`` URI through ``pathlib``. Under pytest a registration sits about sixty
frames deep, so this took a fifth of a mock run's time, for source lines nothing reads.
:func:`stack_trace` builds the same message from the frames' file names and line numbers, with
each frame's URI computed once; :func:`frames_only_stack_traces` puts it in place for a run and
restores the SDK's own function after it. ``tests/test_stack_trace.py`` holds it equal to the
SDK's function for the Pulumi versions the kit pins.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from types import FrameType

from pulumi.runtime import resource as pulumi_resource
from pulumi.runtime.proto import source_pb2

__all__ = ["frames_only_stack_traces", "stack_trace"]

_CONSTRUCTORS_ABOVE_USER_CODE = 3
"""Resource, Custom/ComponentResource, then the concrete class: the SDK's frames end there."""


@lru_cache(maxsize=8192)
def _stack_frame(filename: str, lineno: int | None) -> source_pb2.StackFrame:
    """The SDK's ``_get_source_position_for_frame`` for one frame, cached (messages are copied
    into the trace that holds them, so a cached one is never changed)."""
    position = None
    if filename != "" and lineno is not None:
        try:
            position = source_pb2.SourcePosition(uri=Path(filename).as_uri(), line=lineno)
        except BaseException:  # as the SDK: a frame it cannot convert has no position
            position = None
    return source_pb2.StackFrame(pc=position)


def stack_trace(frame: FrameType | None = None) -> source_pb2.StackTrace:
    """What ``pulumi.runtime.resource._get_stack_trace`` returns when called from ``frame``'s
    callee (default: the caller's frame): the frames below the third ``__init__`` on the stack,
    innermost first, or an empty trace when there are not three."""
    current = frame if frame is not None else sys._getframe(1)
    seen = 0
    while current is not None:
        if current.f_code.co_name == "__init__":
            seen += 1
            if seen == _CONSTRUCTORS_ABOVE_USER_CODE:
                break
        current = current.f_back
    if current is None:
        return source_pb2.StackTrace()
    frames = []
    outer = current.f_back
    while outer is not None:
        frames.append(_stack_frame(outer.f_code.co_filename, outer.f_lineno))
        outer = outer.f_back
    return source_pb2.StackTrace(frames=frames)


def _sdk_stack_trace() -> source_pb2.StackTrace:
    return stack_trace(sys._getframe(1))


@contextmanager
def frames_only_stack_traces() -> Iterator[None]:
    """Let the SDK build its stack traces with :func:`stack_trace` inside the ``with`` block."""
    original = pulumi_resource._get_stack_trace
    pulumi_resource._get_stack_trace = _sdk_stack_trace
    try:
        yield
    finally:
        pulumi_resource._get_stack_trace = original
