"""Whole-number ranges whose bounds pass a million.

``Checker.integer`` renders its bounds with ``:g`` (``1.2096e+06``); the bounds of retention and
message size are written out here instead, so the message can be copied into code.
"""

from __future__ import annotations

from typing import Any

from nova_core import Checker

__all__ = ["whole"]


def whole(
    checker: Checker, argument: str, value: Any, *, minimum: int, maximum: int, source: str
) -> int | None:
    """A plain ``int`` (never a ``bool``) from ``minimum`` to ``maximum``."""
    number = checker.integer(argument, value, source=source, plain=True)
    if number is not None and not minimum <= number <= maximum:
        checker.fail(
            argument,
            value,
            f"must be between {minimum} and {maximum}",
            f"use a value between {minimum} and {maximum}",
            source=source,
        )
    return number
