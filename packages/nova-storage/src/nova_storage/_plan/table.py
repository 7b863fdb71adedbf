"""``TableArgs`` -> :class:`TablePlan`: every default of ``Table`` and every check, in one place.

Nothing here registers a resource; ``plan_table`` raises :class:`nova_core.NovaInputError` for
the first broken rule, so a bad table never reaches the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from nova_core import Checker, check_now_or_when_known
from nova_core.records import Record
from nova_storage._rules.table_indexes import CheckedIndex, check_indexes
from nova_storage._rules.table_keys import (
    NAME_PATTERN,
    check_distinct,
    check_key,
    check_name,
    derive_attributes,
    key_names,
)
from nova_storage._rules.table_settings import (
    check_kms_key_arn,
    check_recovery_period,
    check_stream,
    check_ttl_attribute,
)

__all__ = [
    "AUTO_NAME_SUFFIX",
    "BILLING_MODE",
    "COMPONENT",
    "DEFAULT_DELETION_PROTECTION",
    "DEFAULT_RECOVERY_PERIOD_DAYS",
    "TABLE_ARGS_KEYS",
    "IndexPlan",
    "TablePlan",
    "plan_table",
]

COMPONENT = "nova-storage Table"
BILLING_MODE = "PAY_PER_REQUEST"
"""On-demand capacity (DDB-04): no capacity to size, no autoscaling to forget."""
DEFAULT_RECOVERY_PERIOD_DAYS = 35
"""Point-in-time recovery window (DDB-01), the DynamoDB maximum."""
DEFAULT_DELETION_PROTECTION = True
"""Deletion protection (DDB-02); ``deletion_protection=False`` is the opt-out."""
AUTO_NAME_SUFFIX = len("-table") + 8
"""Pulumi auto-names the table child ``<name>-table`` as ``<name>-table-<7 random
characters>``."""
TABLE_ARGS_KEYS: tuple[str, ...] = (
    "table_name",
    "partition_key",
    "sort_key",
    "global_indexes",
    "local_indexes",
    "recovery_period_days",
    "deletion_protection",
    "kms_key_arn",
    "ttl_attribute",
    "stream",
    "tags",
)


class IndexPlan(Record):
    """One secondary index as the provider takes it."""

    name: str
    partition_key: str | None
    """``None`` for a local index."""
    sort_key: str | None
    projection_type: str
    non_key_attributes: tuple[str, ...]


class TablePlan(Record):
    """Everything ``Table`` registers, with the defaults resolved."""

    name: str
    table_name: pulumi.Input[str] | None
    partition_key: str
    sort_key: str | None
    attributes: tuple[tuple[str, str], ...]
    """Attribute definitions, derived from the keys of the table and its indexes."""
    global_indexes: tuple[IndexPlan, ...]
    local_indexes: tuple[IndexPlan, ...]
    billing_mode: str
    recovery_period_days: pulumi.Input[int]
    deletion_protection: pulumi.Input[bool]
    kms_key_arn: pulumi.Input[str] | None
    """``None``: the AWS owned key (``server_side_encryption.enabled = False``)."""
    ttl_attribute: pulumi.Input[str] | None
    stream_view_type: str | None
    """``None``: streams off."""
    tags: Mapping[str, pulumi.Input[str]] | None


def _index_plan(index: CheckedIndex) -> IndexPlan:
    return IndexPlan(
        name=index.name,
        partition_key=index.partition_key[0] if index.partition_key else None,
        sort_key=index.sort_key[0] if index.sort_key else None,
        projection_type=index.projection_type,
        non_key_attributes=index.non_key_attributes,
    )


def _check_auto_name(check: Checker, name: str) -> None:
    if len(name) + AUTO_NAME_SUFFIX > 255 or not NAME_PATTERN.fullmatch(name):
        check.fail(
            "name",
            name,
            "without table_name the table is named '<name>-table-<7 random characters>', and "
            "table names are 3-255 letters, digits, '_', '.' or '-'",
            "pass table_name, or use a logical name of those characters",
            source="DynamoDB API: TableName",
        )


def plan_table(name: str, args: Mapping[str, Any], *, region: str | None = None) -> TablePlan:
    """Check ``args`` and resolve every default. ``region`` is the provider's Region when it is
    known from config (a CMK must be in it)."""
    check = Checker(COMPONENT, name)
    given = check.mapping("args", args) or {}
    check.keys("", given, TABLE_ARGS_KEYS)

    table_name = given.get("table_name")
    if table_name is None:
        _check_auto_name(check, name)
    else:
        table_name = check_now_or_when_known(
            table_name, lambda v: check_name(check, "table_name", v)
        )

    if given.get("partition_key") is None:
        check.fail(
            "partition_key",
            None,
            "a table needs a partition key",
            'pass partition_key={"name": "pk", "type": "S"}',
        )
    partition = check_key(check, "partition_key", given["partition_key"])
    sort = None
    if given.get("sort_key") is not None:
        sort = check_key(check, "sort_key", given["sort_key"])
    check_distinct(check, "sort_key", partition, sort)

    global_indexes, local_indexes = check_indexes(
        check, given.get("global_indexes"), given.get("local_indexes"), table_sort_key=sort
    )
    keys: list[tuple[str, tuple[str, str]]] = [("partition_key", partition)]
    if sort is not None:
        keys.append(("sort_key", sort))
    for index in (*global_indexes, *local_indexes):
        if index.partition_key is not None:
            keys.append((f"{index.path}.partition_key", index.partition_key))
        if index.sort_key is not None:
            keys.append((f"{index.path}.sort_key", index.sort_key))
    attributes = derive_attributes(check, keys)

    recovery = check_now_or_when_known(
        given.get("recovery_period_days", DEFAULT_RECOVERY_PERIOD_DAYS),
        lambda v: check_recovery_period(check, v),
    )

    deletion_protection = given.get("deletion_protection", DEFAULT_DELETION_PROTECTION)
    check.boolean("deletion_protection", deletion_protection)

    kms_key_arn = check_now_or_when_known(
        given.get("kms_key_arn"),
        lambda v: check_kms_key_arn(check, "kms_key_arn", v, region=region),
    )

    names = key_names(attributes)
    ttl = check_now_or_when_known(
        given.get("ttl_attribute"), lambda v: check_ttl_attribute(check, v, names)
    )

    stream = check_stream(check, given.get("stream"))
    tags = check.tags("tags", given.get("tags"))

    return TablePlan(
        name=name,
        table_name=table_name,
        partition_key=partition[0],
        sort_key=sort[0] if sort else None,
        attributes=attributes,
        global_indexes=tuple(_index_plan(i) for i in global_indexes),
        local_indexes=tuple(_index_plan(i) for i in local_indexes),
        billing_mode=BILLING_MODE,
        recovery_period_days=recovery,
        deletion_protection=deletion_protection,
        kms_key_arn=kms_key_arn,
        ttl_attribute=ttl,
        stream_view_type=stream,
        tags=tags,
    )
