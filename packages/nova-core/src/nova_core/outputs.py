"""Gathering many ``Output``s into one.

``pulumi.Output.all`` turns every item into an ``Output`` of its own first (an ``apply`` and a
task per item), which is what a component pays for its own public outputs that gather hundreds
of alarm ARNs, or for a dashboard body that waits on every name and ARN it shows. The gatherers
here await the items in place instead: the result has the same value, dependencies, known-ness
and secrecy as ``Output.all`` over the same items, for items that are plain values or
``Output``s of plain values. An item whose resolved value still holds an ``Output`` (a list of
``Output``s inside an ``Output``) is unwrapped as ``Output.all`` would unwrap it.

They read an ``Output`` through the members Pulumi keeps for generated provider SDKs
(``_future``, ``_resources``, ``_is_known``, ``_is_secret``) and build the result with the
public ``Output`` constructor.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import pulumi

from .values import is_deep_plain, is_plain

__all__ = ["gather_dict", "gather_list"]

T = TypeVar("T")

_SCALARS = (str, int, float, bool, type(None))


async def _read(item: Any) -> tuple[Any, set[Any], bool, bool]:
    """Value, resources, known, secret of one item."""
    if isinstance(item, pulumi.Output):
        value = await item._future
        resources = await item._resources
        known = await item._is_known
        secret = await item._is_secret
    elif not is_plain(item):
        value, resources, known, secret = await item, set(), True, False
    else:
        value, resources, known, secret = item, set(), True, False
    if not isinstance(value, _SCALARS) and not is_deep_plain(value):
        inner = pulumi.Output.from_input(value)
        value = await inner._future
        resources = resources | await inner._resources
        known = known and await inner._is_known
        secret = secret or await inner._is_secret
    return value, resources, known, secret


async def _collect(items: Sequence[Any]) -> tuple[list[Any], set[Any], bool, bool]:
    values: list[Any] = []
    resources: set[Any] = set()
    known = True
    secret = False
    for item in items:
        value, item_resources, item_known, item_secret = await _read(item)
        values.append(value)
        resources |= item_resources
        known = known and item_known
        secret = secret or item_secret
    return values, resources, known, secret


def _gathered(items: Sequence[Any], shape: Callable[[list[Any]], Any]) -> pulumi.Output[Any]:
    # The constructor awaits resources, value, known and secret in that order: four futures,
    # settled together when the items are read.
    parts: list[asyncio.Future[Any]] = [asyncio.Future() for _ in range(4)]

    def settle(task: asyncio.Future[tuple[list[Any], set[Any], bool, bool]]) -> None:
        if task.cancelled():
            for part in parts:
                part.cancel()
            return
        error = task.exception()
        if error is not None:
            for part in parts:
                part.set_exception(error)
            for part in parts[1:]:
                part.exception()  # reported once, through the first part
            return
        values, resources, known, secret = task.result()
        parts[0].set_result(resources)
        parts[1].set_result(shape(values))
        parts[2].set_result(known)
        parts[3].set_result(secret)

    asyncio.ensure_future(_collect(items)).add_done_callback(settle)
    return pulumi.Output(parts[0], parts[1], parts[2], parts[3])


def gather_list(items: Sequence[pulumi.Input[T]]) -> pulumi.Output[list[T]]:
    """One ``Output`` of the items' values, in order (``Output.all(*items)``, without an
    ``Output`` per item)."""
    return _gathered(list(items), list)


def gather_dict(items: Mapping[str, pulumi.Input[T]]) -> pulumi.Output[dict[str, T]]:
    """One ``Output`` of ``{key: value}`` (``Output.all(**items)``, without an ``Output`` per
    item)."""
    keys = list(items)
    return _gathered([items[k] for k in keys], lambda values: dict(zip(keys, values, strict=True)))
