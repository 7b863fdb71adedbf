"""Plain values versus ``Output``s.

A plain value is known when the program runs, so it can be checked before anything registers.
An ``Output`` (or any awaitable) is known only later; checks of such values run inside ``apply``
through :func:`check_when_known`, which reports the Nova message before Pulumi wraps it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import pulumi

from .errors import NovaInputError

__all__ = ["check_now_or_when_known", "check_when_known", "is_deep_plain", "is_plain"]

T = TypeVar("T")


def is_plain(value: Any) -> bool:
    """``True`` for values known now; ``False`` for ``Output``s and other awaitables."""
    return not isinstance(value, pulumi.Output) and not inspect.isawaitable(value)


def is_deep_plain(value: Any) -> bool:
    """``True`` when ``value`` holds no ``Output`` at any depth of dicts, lists and tuples."""
    if not is_plain(value):
        return False
    if isinstance(value, Mapping):
        return all(is_deep_plain(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(is_deep_plain(v) for v in value)
    return True


def check_when_known(value: pulumi.Input[T], check: Callable[[T], None]) -> pulumi.Output[T]:
    """Run ``check`` on ``value`` once it is known and pass the value on unchanged.

    Use it only for values that really are unknown ``Output``s: a plain value must be checked
    before registration instead. A :class:`NovaInputError` raised by ``check`` is marked as
    deferred (its message says the check ran when the Output resolved) and logged as an error
    first, so the user reads the Nova message before Pulumi's "While processing input" wrapping.
    """

    def run(resolved: T) -> T:
        try:
            check(resolved)
        except NovaInputError as error:
            error.deferred = True
            error.args = (error.message,)
            pulumi.log.error(error.message)
            raise
        return resolved

    return pulumi.Output.from_input(value).apply(run)


def check_now_or_when_known(value: pulumi.Input[T], check: Callable[[T], None]) -> pulumi.Input[T]:
    """Run ``check`` on ``value`` now when it is plain (before anything registers) and return it
    unchanged; for an ``Output``, return :func:`check_when_known`'s checked ``Output``."""
    if is_plain(value):
        check(value)  # type: ignore[arg-type]
        return value
    return check_when_known(value, check)
