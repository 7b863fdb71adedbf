"""Reading the monitored resources: duck-typed objects, dicts or plain names -> targets.

Part of the plan: every plain value is checked here (``_rules.resources``) and the defaults of a
target (the function's log group) are resolved here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pulumi

from nova_core import Checker, at, is_plain
from nova_core import field as path_field
from nova_core.records import Record

from ._rules import names, resources
from .alarms import RESOURCE_TYPES
from .targets import ApiTarget, BucketTarget, FunctionTarget, QueueTarget, TableTarget

__all__ = ["Targets", "read_targets"]

_FIELDS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "functions": ("function_name", ("function_name", "timeout_seconds", "log_group_name")),
    "apis": ("api_id", ("api_id", "stage_name")),
    "buckets": ("bucket_name", ("bucket_name", "bucket")),
    "queues": (
        "name",
        ("name", "dlq_name", "dlq_arn", "retention_seconds", "consumer_function"),
    ),
    "tables": ("name", ("name", "operations")),
}
_ATTRIBUTES: Mapping[str, Mapping[str, str]] = {
    "tables": {"operations": "granted_operations"},
}
"""Attribute names of duck-typed objects that differ from the dict keys."""


def _read(check: Checker, argument: str, resource_type: str, value: Any) -> dict[str, Any]:
    """The fields of one target, from a plain id, a dict or an object with attributes."""
    required, fields = _FIELDS[resource_type]
    if isinstance(value, str) or not is_plain(value):
        return {required: value}
    if isinstance(value, Mapping):
        check.keys(argument, value, fields)
        if value.get(required) is None:
            check.fail(
                argument,
                dict(value),
                f"the dict is missing {required!r}",
                f"add {required!r} to the dict",
            )
        return {k: value.get(k) for k in fields if value.get(k) is not None}
    if getattr(value, required, None) is None:
        check.fail(
            argument,
            value,
            f"must be a {required} (str or Output[str]), a dict with {required!r}, or an "
            f"object with a {required!r} attribute",
            f"pass e.g. {{'{required}': ...}} or the component itself",
        )
    names = _ATTRIBUTES.get(resource_type, {})
    found = {k: getattr(value, names.get(k, k), None) for k in fields}
    return {k: v for k, v in found.items() if v is not None}


def _function(check: Checker, argument: str, key: str, value: Any) -> FunctionTarget:
    raw = _read(check, argument, "functions", value)
    name = raw["function_name"]
    resources.function_name(check, path_field(argument, "function_name"), name)
    timeout = raw.get("timeout_seconds")
    resources.timeout_seconds(check, path_field(argument, "timeout_seconds"), timeout)
    log_group = raw.get("log_group_name")
    if log_group is None:
        log_group = (
            f"/aws/lambda/{name}" if is_plain(name) else pulumi.Output.concat("/aws/lambda/", name)
        )
    resources.log_group_name(check, path_field(argument, "log_group_name"), log_group)
    return FunctionTarget(key, name, log_group, timeout)


def _api(check: Checker, argument: str, key: str, value: Any) -> ApiTarget:
    raw = _read(check, argument, "apis", value)
    resources.api_id(check, path_field(argument, "api_id"), raw["api_id"])
    stage = raw.get("stage_name")
    resources.stage_name(check, path_field(argument, "stage_name"), stage)
    return ApiTarget(key, raw["api_id"], stage)


def _bucket(check: Checker, argument: str, key: str, value: Any) -> BucketTarget:
    raw = _read(check, argument, "buckets", value)
    resources.bucket_name(check, path_field(argument, "bucket_name"), raw["bucket_name"])
    bucket = raw.get("bucket")
    if bucket is not None and not isinstance(bucket, pulumi.Resource):
        check.fail(
            path_field(argument, "bucket"),
            bucket,
            "must be the bucket resource (it orders the request-metrics configuration)",
            "pass the aws.s3.Bucket, or leave 'bucket' out",
        )
    return BucketTarget(key, raw["bucket_name"], bucket)


def _queue(check: Checker, argument: str, key: str, value: Any) -> QueueTarget:
    raw = _read(check, argument, "queues", value)
    resources.queue_name(check, path_field(argument, "name"), raw["name"])
    resources.queue_name(check, path_field(argument, "dlq_name"), raw.get("dlq_name"))
    resources.queue_arn(check, path_field(argument, "dlq_arn"), raw.get("dlq_arn"))
    retention = resources.retention_seconds(
        check, path_field(argument, "retention_seconds"), raw.get("retention_seconds")
    )
    consumer = raw.get("consumer_function")
    consumer_name = None
    if consumer is not None:
        where = path_field(argument, "consumer_function")
        consumer_name = consumer if isinstance(consumer, str) or not is_plain(consumer) else None
        if consumer_name is None:
            consumer_name = getattr(consumer, "function_name", None)
            if consumer_name is None:
                check.fail(
                    where,
                    consumer,
                    "must be the subscribed function: an object with 'function_name' or the "
                    "function name",
                    "pass the nova-compute Function (or its name), or leave it out",
                )
        resources.function_name(check, where, consumer_name)
    return QueueTarget(
        key,
        raw["name"],
        dlq_name=raw.get("dlq_name"),
        dlq_arn=raw.get("dlq_arn"),
        retention_seconds=retention,
        consumer_function_name=consumer_name,
    )


def _table(check: Checker, argument: str, key: str, value: Any) -> TableTarget:
    raw = _read(check, argument, "tables", value)
    resources.table_name(check, path_field(argument, "name"), raw["name"])
    operations = resources.table_operations(
        check, path_field(argument, "operations"), raw.get("operations")
    )
    return TableTarget(key, raw["name"], operations)


_READERS: Mapping[str, Callable[[Checker, str, str, Any], Any]] = {
    "functions": _function,
    "apis": _api,
    "buckets": _bucket,
    "queues": _queue,
    "tables": _table,
}


class Targets(Record):
    """Monitored resources, normalised and sorted by key."""

    functions: tuple[FunctionTarget, ...] = ()
    apis: tuple[ApiTarget, ...] = ()
    buckets: tuple[BucketTarget, ...] = ()
    queues: tuple[QueueTarget, ...] = ()
    tables: tuple[TableTarget, ...] = ()

    def by_key(self) -> dict[str, tuple[str, Any]]:
        """``{key: (resource type, target)}`` over every type."""
        return {
            target.key: (resource_type, target)
            for resource_type in RESOURCE_TYPES
            for target in getattr(self, resource_type)
        }

    def count(self) -> int:
        return sum(len(getattr(self, resource_type)) for resource_type in RESOURCE_TYPES)


def read_targets(check: Checker, args: Mapping[str, Any]) -> Targets:
    """Normalise every resource type; keys must be unique across all of them."""
    found: dict[str, list[Any]] = {resource_type: [] for resource_type in RESOURCE_TYPES}
    seen: dict[str, str] = {}
    for resource_type in RESOURCE_TYPES:
        given = check.mapping(resource_type, args.get(resource_type)) or {}
        for key in sorted(given, key=str):
            argument = at(resource_type, key)
            names.key(check, argument, key)
            if key in seen:
                check.fail(
                    argument,
                    key,
                    f"the key is already used in {seen[key]!r}; keys name alarms "
                    f"('<key>/<kind>') and must be unique across {', '.join(RESOURCE_TYPES)}",
                    "rename one of them",
                )
            seen[key] = resource_type
            found[resource_type].append(_READERS[resource_type](check, argument, key, given[key]))
    targets = Targets(**{t: tuple(items) for t, items in found.items()})
    if targets.count() == 0:
        check.fail(
            "functions",
            args.get("functions"),
            f"nothing to monitor: {', '.join(RESOURCE_TYPES)} are all empty",
            "pass at least one resource to monitor",
        )
    return targets
