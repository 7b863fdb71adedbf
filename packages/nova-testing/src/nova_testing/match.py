"""Matchers for partial comparison of recorded resource inputs (CDK's ``Match``, for Pulumi).

``has_resource_properties`` compares with :func:`matches`: a ``dict`` pattern matches any dict
holding at least those keys (recursively), a ``list`` pattern matches a list of the same length
element by element, anything else compares with ``==``. :class:`Match` offers the special cases.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["Match", "Matcher", "matches"]


class Matcher:
    """A pattern with its own comparison. Subclasses implement :meth:`test`."""

    def test(self, actual: Any, path: str) -> list[str]:  # pragma: no cover - interface
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class _Absent(Matcher):
    def test(self, actual: Any, path: str) -> list[str]:
        return [] if actual is _MISSING else [f"{path}: expected absent, found {actual!r}"]

    def __repr__(self) -> str:
        return "Match.absent()"


class _AnyValue(Matcher):
    def test(self, actual: Any, path: str) -> list[str]:
        if actual is _MISSING or actual is None:
            return [f"{path}: expected a value, found none"]
        return []

    def __repr__(self) -> str:
        return "Match.any_value()"


class _Exact(Matcher):
    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern

    def test(self, actual: Any, path: str) -> list[str]:
        if actual == self.pattern:
            return []
        return [f"{path}: expected exactly {self.pattern!r}, found {_show(actual)}"]

    def __repr__(self) -> str:
        return f"Match.exact({self.pattern!r})"


class _ArrayWith(Matcher):
    def __init__(self, items: Sequence[Any]) -> None:
        self.items = list(items)

    def test(self, actual: Any, path: str) -> list[str]:
        if not isinstance(actual, list):
            return [f"{path}: expected a list, found {_show(actual)}"]
        errors: list[str] = []
        for index, item in enumerate(self.items):
            if not any(not _compare(item, candidate, path) for candidate in actual):
                errors.append(f"{path}: no element matches pattern #{index} {item!r}")
        return errors

    def __repr__(self) -> str:
        return f"Match.array_with({self.items!r})"


class _Regexp(Matcher):
    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)

    def test(self, actual: Any, path: str) -> list[str]:
        if isinstance(actual, str) and self.pattern.search(actual):
            return []
        return [
            f"{path}: expected a string matching /{self.pattern.pattern}/, found {_show(actual)}"
        ]

    def __repr__(self) -> str:
        return f"Match.string_like_regexp({self.pattern.pattern!r})"


class _SerializedJson(Matcher):
    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern

    def test(self, actual: Any, path: str) -> list[str]:
        if not isinstance(actual, str):
            return [f"{path}: expected a JSON string, found {_show(actual)}"]
        try:
            parsed = json.loads(actual)
        except ValueError as error:
            return [f"{path}: expected a JSON string, it does not parse ({error})"]
        return _compare(self.pattern, parsed, f"{path}<json>")

    def __repr__(self) -> str:
        return f"Match.serialized_json({self.pattern!r})"


class Match:
    """Factory of special patterns, named like ``aws_cdk.assertions.Match``."""

    @staticmethod
    def absent() -> Matcher:
        """The key must not be present (or be ``None``)."""
        return _Absent()

    @staticmethod
    def any_value() -> Matcher:
        """The key must be present with a non-``None`` value."""
        return _AnyValue()

    @staticmethod
    def exact(pattern: Any) -> Matcher:
        """Equality, with no partial matching of nested dicts."""
        return _Exact(pattern)

    @staticmethod
    def array_with(items: Sequence[Any]) -> Matcher:
        """A list that contains an element matching each pattern, in any order."""
        return _ArrayWith(items)

    @staticmethod
    def string_like_regexp(pattern: str) -> Matcher:
        """A string in which the regular expression is found."""
        return _Regexp(pattern)

    @staticmethod
    def serialized_json(pattern: Any) -> Matcher:
        """A JSON string whose parsed value matches ``pattern`` (policies, dashboard bodies)."""
        return _SerializedJson(pattern)


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Any = _Missing()


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 200 else text[:197] + "..."


def _compare(pattern: Any, actual: Any, path: str) -> list[str]:
    if isinstance(pattern, Matcher):
        return pattern.test(actual, path)
    if isinstance(pattern, Mapping):
        if not isinstance(actual, Mapping):
            return [f"{path}: expected an object, found {_show(actual)}"]
        errors: list[str] = []
        for key, sub in pattern.items():
            value = actual.get(key, _MISSING)
            if value is _MISSING and not isinstance(sub, _Absent):
                errors.append(f"{path}.{key}: missing (keys present: {sorted(actual)})")
                continue
            errors.extend(_compare(sub, value, f"{path}.{key}"))
        return errors
    if isinstance(pattern, list):
        if not isinstance(actual, (list, tuple)):
            return [f"{path}: expected a list, found {_show(actual)}"]
        if len(pattern) != len(actual):
            return [
                f"{path}: expected {len(pattern)} elements, found {len(actual)}: {_show(actual)}"
            ]
        errors = []
        for index, (sub, value) in enumerate(zip(pattern, actual, strict=True)):
            errors.extend(_compare(sub, value, f"{path}[{index}]"))
        return errors
    if actual is _MISSING:
        return [f"{path}: missing"]
    if pattern != actual:
        return [f"{path}: expected {pattern!r}, found {_show(actual)}"]
    return []


def matches(pattern: Any, actual: Any) -> list[str]:
    """Compare ``actual`` against ``pattern``; return the list of differences (empty: a match)."""
    return _compare(pattern, actual, "$")
