"""Secondary indexes: names, counts, key schemas and projections (B.7 GSIs, LSIs, Projection)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nova_core import Checker, at, field
from nova_core.records import Record

from .table_keys import check_distinct, check_key, check_name

__all__ = [
    "GLOBAL_INDEX_KEYS",
    "LOCAL_INDEX_KEYS",
    "MAX_GLOBAL_INDEXES",
    "MAX_LOCAL_INDEXES",
    "MAX_PROJECTED_PER_INDEX",
    "MAX_PROJECTED_TOTAL",
    "PROJECTIONS",
    "CheckedIndex",
    "check_indexes",
]

MAX_GLOBAL_INDEXES = 20
"""Global secondary indexes per table (default quota)."""
MAX_LOCAL_INDEXES = 5
"""Local secondary indexes per table."""
MAX_PROJECTED_PER_INDEX = 20
"""``NonKeyAttributes`` per index (API model)."""
MAX_PROJECTED_TOTAL = 100
"""Projected non-key attributes summed over all indexes of a table (a name in two indexes
counts twice)."""
PROJECTIONS: tuple[str, ...] = ("ALL", "KEYS_ONLY")
"""Projection strings; ``{"include": [...]}`` is the third form."""
GLOBAL_INDEX_KEYS: tuple[str, ...] = ("partition_key", "sort_key", "projection")
LOCAL_INDEX_KEYS: tuple[str, ...] = ("sort_key", "projection")
SOURCE = "DynamoDB API: CreateTable"


class CheckedIndex(Record):
    """One index after its checks: key attributes as ``(name, type)``."""

    name: str
    path: str
    partition_key: tuple[str, str] | None
    """``None`` for a local index (it shares the table's partition key)."""
    sort_key: tuple[str, str] | None
    projection_type: str
    non_key_attributes: tuple[str, ...]


def _projection(check: Checker, argument: str, value: Any) -> tuple[str, tuple[str, ...]]:
    if value is None:
        return "ALL", ()
    if isinstance(value, str):
        check.one_of(argument, value, PROJECTIONS, source=SOURCE)
        return value, ()
    given = check.mapping(argument, value, what="the projection")
    assert given is not None
    check.keys(argument, given, ("include",))
    path = field(argument, "include")
    names = check.sequence(path, given.get("include"), what="the projection")
    if not names:
        check.fail(
            path,
            names,
            "an include projection names at least one non-key attribute",
            'list attributes, e.g. {"include": ["status"]}, or use "KEYS_ONLY"',
            source=SOURCE,
        )
    if len(names) > MAX_PROJECTED_PER_INDEX:
        check.fail(
            path,
            names,
            f"at most {MAX_PROJECTED_PER_INDEX} projected non-key attributes per index",
            'project fewer attributes, or use "ALL"',
            source="DynamoDB API: Projection.NonKeyAttributes",
        )
    seen: list[str] = []
    for i, attribute in enumerate(names):
        name = check.string(at(path, i), attribute, max_length=255, plain=True)
        assert name is not None
        if name in seen:
            check.fail(at(path, i), name, "each attribute is projected once", "remove the copy")
        seen.append(name)
    return "INCLUDE", tuple(seen)


def _index(
    check: Checker,
    argument: str,
    index_name: Any,
    spec: Any,
    *,
    local: bool,
    table_sort_key: tuple[str, str] | None,
) -> CheckedIndex:
    path = at(argument, index_name)
    check_name(check, f"{path} (name)", index_name, what="index")
    given = check.mapping(path, spec, what="the index")
    if given is None:
        check.fail(path, spec, "an index needs its keys", 'pass {"sort_key": {...}}')
    check.keys(path, given, LOCAL_INDEX_KEYS if local else GLOBAL_INDEX_KEYS)
    if local:
        if table_sort_key is None:
            check.fail(
                path,
                spec,
                "local secondary indexes need a table with a sort key",
                "add sort_key to the table, or make this a global index",
                source=SOURCE,
            )
        partition = None
    else:
        if given.get("partition_key") is None:
            check.fail(
                field(path, "partition_key"),
                None,
                "a global index needs a partition key",
                'pass "partition_key": {"name": ..., "type": "S"}',
            )
        partition = check_key(check, field(path, "partition_key"), given["partition_key"])
    sort = None
    if given.get("sort_key") is not None or local:
        if given.get("sort_key") is None:
            check.fail(
                field(path, "sort_key"),
                None,
                "a local index needs its own sort key",
                'pass "sort_key": {"name": ..., "type": "S"}',
                source=SOURCE,
            )
        sort = check_key(check, field(path, "sort_key"), given["sort_key"])
    if partition is not None:
        check_distinct(check, field(path, "sort_key"), partition, sort)
    projection, non_key = _projection(check, field(path, "projection"), given.get("projection"))
    return CheckedIndex(index_name, path, partition, sort, projection, non_key)


def check_indexes(
    check: Checker,
    global_indexes: Any,
    local_indexes: Any,
    *,
    table_sort_key: tuple[str, str] | None,
) -> tuple[tuple[CheckedIndex, ...], tuple[CheckedIndex, ...]]:
    """Global and local indexes, each checked, then the table-wide limits."""
    globals_ = check.mapping("global_indexes", global_indexes, what="the index set") or {}
    locals_ = check.mapping("local_indexes", local_indexes, what="the index set") or {}
    if len(globals_) > MAX_GLOBAL_INDEXES:
        check.fail(
            "global_indexes",
            f"{len(globals_)} indexes",
            f"at most {MAX_GLOBAL_INDEXES} global secondary indexes per table (default quota)",
            "remove indexes, or raise the quota with AWS first",
            source="DynamoDB service quotas",
            shown=f"{len(globals_)} indexes",
        )
    if len(locals_) > MAX_LOCAL_INDEXES:
        check.fail(
            "local_indexes",
            f"{len(locals_)} indexes",
            f"at most {MAX_LOCAL_INDEXES} local secondary indexes per table",
            "remove indexes or use global ones",
            source="DynamoDB service quotas",
            shown=f"{len(locals_)} indexes",
        )
    checked_global = tuple(
        _index(check, "global_indexes", k, v, local=False, table_sort_key=table_sort_key)
        for k, v in _items(globals_)
    )
    checked_local = tuple(
        _index(check, "local_indexes", k, v, local=True, table_sort_key=table_sort_key)
        for k, v in _items(locals_)
    )
    for index in checked_local:
        if index.name in globals_:
            check.fail(
                f"{index.path} (name)",
                index.name,
                "index names are unique per table (global and local together)",
                "rename one of the two indexes",
                source=SOURCE,
            )
    total = sum(len(i.non_key_attributes) for i in (*checked_global, *checked_local))
    if total > MAX_PROJECTED_TOTAL:
        check.fail(
            "global_indexes",
            f"{total} projected attributes",
            f"at most {MAX_PROJECTED_TOTAL} projected non-key attributes across all indexes "
            "(an attribute in two indexes counts twice)",
            'project fewer attributes, or use "ALL" on the indexes that need many',
            source=SOURCE,
            shown=f"{total} projected attributes",
        )
    return checked_global, checked_local


def _items(given: Mapping[str, Any]) -> list[tuple[Any, Any]]:
    return list(given.items())
