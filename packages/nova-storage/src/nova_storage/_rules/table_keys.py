"""Table and index key schemas: names, types, and the attribute definitions derived from them.

Attribute definitions are never declared by the caller: they are exactly the key attributes of
the table and its indexes, so DynamoDB's "all attributes must be indexed" / "Number of attributes
in KeySchema does not exactly match" errors cannot happen. An attribute given two types is caught
here instead (B.7 Key attributes).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nova_core import Checker, field
from nova_core.patterns import LazyPattern

__all__ = [
    "ATTRIBUTE_TYPES",
    "KEY_KEYS",
    "NAME_PATTERN",
    "check_key",
    "check_name",
    "check_distinct",
    "derive_attributes",
    "key_names",
]

SOURCE = "DynamoDB API: CreateTable"
NAME_PATTERN = LazyPattern(r"[a-zA-Z0-9_.-]+")
"""Table and index names: 3-255 of letters, digits, ``_``, ``.`` and ``-`` (B.7)."""
ATTRIBUTE_TYPES: tuple[str, ...] = ("S", "N", "B")
"""Key attribute types: string, number, binary (no BOOL, L or M keys)."""
KEY_KEYS: tuple[str, ...] = ("name", "type")


def check_name(check: Checker, argument: str, value: Any, *, what: str = "table") -> str | None:
    """A table or index name: 3-255 characters of ``[a-zA-Z0-9_.-]``."""
    return check.string(
        argument,
        value,
        min_length=3,
        max_length=255,
        pattern=NAME_PATTERN,
        rule=f"{what} names may only use letters, digits, '_', '.' and '-'",
        fix="replace the other characters with '-'",
        source=f"DynamoDB API: {what.capitalize()}Name",
    )


def check_key(check: Checker, argument: str, value: Any) -> tuple[str, str]:
    """A key ``{"name": ..., "type": "S"|"N"|"B"}``, both plain: they decide the schema."""
    key = check.mapping(argument, value, what="the key schema")
    if key is None:
        check.fail(
            argument,
            value,
            "a key needs a name and a type",
            'pass {"name": "pk", "type": "S"}',
        )
    check.keys(argument, key, KEY_KEYS)
    for part in KEY_KEYS:
        if key.get(part) is None:
            check.fail(
                field(argument, part),
                None,
                f"a key needs a {part}",
                'pass {"name": "pk", "type": "S"}',
            )
    name = check.string(field(argument, "name"), key["name"], max_length=255, plain=True)
    kind = check.one_of(field(argument, "type"), key["type"], ATTRIBUTE_TYPES, plain=True)
    assert name is not None
    assert kind is not None
    return name, kind


def check_distinct(
    check: Checker, argument: str, partition: tuple[str, str], sort: tuple[str, str] | None
) -> None:
    """The partition and sort key of one schema are two different attributes."""
    if sort is not None and sort[0] == partition[0]:
        check.fail(
            field(argument, "name"),
            sort[0],
            "the sort key must be another attribute than the partition key",
            "use a different attribute as sort key, or drop the sort key",
            source=SOURCE,
        )


def derive_attributes(
    check: Checker, keys: Iterable[tuple[str, tuple[str, str]]]
) -> tuple[tuple[str, str], ...]:
    """``(name, type)`` for every key attribute, in first-use order. ``keys`` yields
    ``(argument path, (name, type))``; one attribute given two types is refused."""
    seen: dict[str, tuple[str, str]] = {}
    for path, (name, kind) in keys:
        first = seen.get(name)
        if first is None:
            seen[name] = (path, kind)
        elif first[1] != kind:
            check.fail(
                field(path, "type"),
                kind,
                f"attribute {name!r} is already a key of type {first[1]!r} at {first[0]}; "
                "DynamoDB keeps one type per attribute",
                f"use type {first[1]!r} here, or another attribute name",
                source="DynamoDB API: AttributeDefinitions",
            )
    return tuple((name, kind) for name, (_, kind) in seen.items())


def key_names(attributes: Iterable[tuple[str, str]]) -> set[str]:
    """The names of derived attributes."""
    return {name for name, _ in attributes}
