"""Alarm planning: catalogue defaults, per-kind ``thresholds``, per-resource ``overrides`` and
``disabled_alarms`` -> one frozen :class:`PlannedAlarm` per alarm to create.

The defaults live in the catalogue (``alarms.ALARM_KINDS``); this module merges the layers and
runs every rule on the merged settings, naming the argument that set an offending value.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from nova_core import Checker, at, did_you_mean, field, is_plain
from nova_core.records import Record

from ._catalogue_data import DEFAULT_TABLE_OPERATIONS
from ._plan_targets import Targets
from ._rules import alarms as alarm_rules
from ._rules import thresholds as threshold_rules
from .alarms import ALARM_KINDS, RESOURCE_TYPES, AlarmKind, ResolvedAlarmSettings
from .targets import ApiTarget, FunctionTarget, QueueTarget, TableTarget

__all__ = [
    "AlarmOptions",
    "PlannedAlarm",
    "dimension_names",
    "duration_threshold",
    "plan_alarms",
    "resolve_settings",
]


def duration_threshold(timeout_seconds: int, percent: float) -> float:
    """The duration alarm's threshold in ms: ``percent`` of the function's timeout."""
    return round(timeout_seconds * 1000.0 * percent / 100.0, 3)


class PlannedAlarm(Record):
    """One alarm to create: which resource, which kind, with which settings and name."""

    alarm_id: str
    """``"<resource key>/<kind>"``."""
    resource_type: str
    target: Any
    kind: AlarmKind
    settings: ResolvedAlarmSettings
    alarm_name: str
    threshold: float | None
    """The threshold to set; ``None`` only when it is derived from an ``Output`` (a function's
    timeout known later: ``duration_percent_of_timeout`` of it)."""
    duration_percent_of_timeout: float
    operations: tuple[str, ...] = ()
    """DynamoDB operations the alarm's metric math reads (``shape="operations"``)."""

    def describe_values(self) -> dict[str, Any]:
        """Plain or ``Output`` values the description is formatted with."""
        target = self.target
        values = target.describe() if hasattr(target, "describe") else dict(target.as_dict())
        values.pop("bucket", None)
        if self.operations:
            values["operations"] = ", ".join(self.operations)
        return values


class AlarmOptions(Record):
    """Resource facts the thresholds derive from, and the shares used."""

    duration_percent_of_timeout: float
    queue_age_percent_of_retention: float
    table_operations: Mapping[str, tuple[str, ...]]
    """Operations per table key (``table_operations`` over the table's own list)."""


def resolve_settings(
    check: Checker, kind: AlarmKind, layers: Sequence[tuple[str, Mapping[str, Any]]]
) -> tuple[bool, ResolvedAlarmSettings]:
    """Merge catalogue defaults with ``layers`` (argument path, settings), later layers winning.

    Returns ``(enabled, settings)``. Rules that combine several settings run here.
    """
    merged: dict[str, Any] = {
        "enabled": kind.enabled_by_default,
        "threshold": kind.threshold,
        "period_seconds": kind.period_seconds,
        "evaluation_periods": kind.evaluation_periods,
        "statistic": kind.statistic,
        "comparison_operator": kind.comparison_operator,
        "treat_missing_data": kind.treat_missing_data,
    }
    source: dict[str, str] = {}
    for argument, layer in layers:
        for key, item in layer.items():
            if key in kind.fixed:
                check.fail(
                    field(argument, key),
                    item,
                    f"the {kind.kind} alarm compares a 0/1 metric-math flag, so its {key} is fixed",
                    "change enabled, period_seconds, evaluation_periods, datapoints_to_alarm or "
                    "treat_missing_data instead",
                )
            merged[key] = item
            source[key] = field(argument, key)
    seconds = merged["period_seconds"]
    periods = merged["evaluation_periods"]
    window_argument = source.get("evaluation_periods") or source.get("period_seconds", "")
    alarm_rules.evaluation_window(check, window_argument, seconds, periods)
    datapoints = merged.get("datapoints_to_alarm", periods)
    if "datapoints_to_alarm" in source:
        alarm_rules.datapoints(check, source["datapoints_to_alarm"], datapoints, periods)
    extended = alarm_rules.is_extended_statistic(merged["statistic"])
    low_sample = merged.get("evaluate_low_sample_count_percentile")
    if low_sample is not None:
        alarm_rules.low_sample_count(
            check, source["evaluate_low_sample_count_percentile"], low_sample, extended=extended
        )
    threshold = merged["threshold"]
    if threshold is not None:
        threshold_rules.threshold_meaning(
            check,
            source.get("threshold") or source.get("comparison_operator") or kind.kind,
            threshold,
            kind=kind.kind,
            rate=kind.rate,
            statistic=merged["statistic"],
            operator=merged["comparison_operator"],
        )
    return merged["enabled"], ResolvedAlarmSettings(
        threshold=None if threshold is None else float(threshold),
        period_seconds=seconds,
        evaluation_periods=periods,
        datapoints_to_alarm=datapoints,
        statistic=merged["statistic"],
        extended=extended,
        comparison_operator=merged["comparison_operator"],
        treat_missing_data=merged["treat_missing_data"],
        evaluate_low_sample_count_percentile=low_sample,
    )


def dimension_names(target: Any) -> dict[str, None]:
    """The CloudWatch dimension names an alarm on ``target`` uses."""
    if isinstance(target, FunctionTarget):
        return {"FunctionName": None}
    if isinstance(target, ApiTarget):
        return {"ApiId": None} | ({"Stage": None} if target.stage_name is not None else {})
    if isinstance(target, QueueTarget):
        return {"QueueName": None}
    if isinstance(target, TableTarget):
        return {"TableName": None, "Operation": None}
    return {"BucketName": None, "FilterId": None}


def _per_kind(check: Checker, thresholds: Any) -> dict[str, dict[str, Mapping[str, Any]]]:
    layers: dict[str, dict[str, Mapping[str, Any]]] = {}
    given = check.mapping("thresholds", thresholds) or {}
    check.keys("thresholds", given, RESOURCE_TYPES)
    for resource_type, raw in given.items():
        argument = field("thresholds", resource_type)
        kinds = check.mapping(argument, raw) or {}
        check.keys(argument, kinds, tuple(ALARM_KINDS[resource_type]))
        layers[resource_type] = {
            kind: threshold_rules.settings_layer(check, field(argument, kind), layer)
            for kind, layer in kinds.items()
        }
    return layers


def _per_resource(
    check: Checker, overrides: Any, by_key: Mapping[str, tuple[str, Any]]
) -> dict[str, dict[str, Mapping[str, Any]]]:
    layers: dict[str, dict[str, Mapping[str, Any]]] = {}
    given = check.mapping("overrides", overrides) or {}
    for key, raw in given.items():
        argument = at("overrides", key)
        if key not in by_key:
            hint = did_you_mean(str(key), by_key)
            check.fail(
                argument,
                raw,
                f"{key!r} is not the key of a monitored resource",
                f"{hint + ' ' if hint else ''}use one of {', '.join(sorted(by_key))}",
            )
        kinds = check.mapping(argument, raw) or {}
        check.keys(argument, kinds, tuple(ALARM_KINDS[by_key[key][0]]))
        layers[key] = {
            kind: threshold_rules.settings_layer(check, field(argument, kind), layer)
            for kind, layer in kinds.items()
        }
    return layers


def _disabled(check: Checker, disabled_alarms: Any, valid_ids: Sequence[str]) -> set[str]:
    given = check.sequence("disabled_alarms", disabled_alarms) or ()
    for index, alarm_id in enumerate(given):
        if alarm_id not in valid_ids:
            check.one_of(at("disabled_alarms", index), alarm_id, sorted(valid_ids))
    return set(given)


def _threshold(
    check: Checker, planned: PlannedAlarm, key: str, options: AlarmOptions, source: str
) -> float | None:
    """The threshold of ``planned``, derived from the resource when the settings leave it open;
    cross checks against the resource's plain facts."""
    target, kind, threshold = planned.target, planned.kind, planned.settings.threshold
    if isinstance(target, FunctionTarget) and threshold is None:
        if target.timeout_seconds is None:
            check.fail(
                at("functions", key),
                target.function_name,
                "the duration alarm needs the function's timeout (its threshold is "
                f"{options.duration_percent_of_timeout:g} % of it), and none was given",
                "pass {'function_name': ..., 'timeout_seconds': ...}, set "
                f'overrides["{key}"].duration.threshold in ms, or add '
                f"'{planned.alarm_id}' to disabled_alarms",
            )
        if is_plain(target.timeout_seconds):
            return duration_threshold(target.timeout_seconds, options.duration_percent_of_timeout)
        return None
    if isinstance(target, QueueTarget) and kind.kind == "age":
        retention = target.retention_seconds
        if threshold is None:
            if retention is None:
                check.fail(
                    at("queues", key),
                    target.queue_name,
                    "the age alarm's threshold is "
                    f"{options.queue_age_percent_of_retention:g} % of the queue's retention, "
                    "and no retention_seconds was given",
                    "pass the nova-messaging Queue (or {'name': ..., 'retention_seconds': ...}), "
                    f'set overrides["{key}"].age.threshold in seconds, or add '
                    f"'{planned.alarm_id}' to disabled_alarms",
                )
            return float(round(retention * options.queue_age_percent_of_retention / 100.0))
        if retention is not None and threshold >= retention:
            check.fail(
                source,
                threshold,
                f"the queue deletes messages at its retention ({retention} s), so the age of the "
                "oldest message never reaches this threshold and the alarm never fires",
                f"use less than {retention} s (the default is "
                f"{options.queue_age_percent_of_retention:g} % of it)",
            )
    if isinstance(target, QueueTarget) and kind.kind == "dlq" and target.dlq_name is None:
        check.fail(
            at("queues", key),
            target.queue_name,
            "the dead-letter queue alarm needs the dead-letter queue's name (dlq_name), and none "
            "was given",
            "pass the nova-messaging Queue (or a dict with 'dlq_name'), or add "
            f"'{planned.alarm_id}' to disabled_alarms",
        )
    return threshold


def _operations(
    check: Checker, kind: AlarmKind, key: str, alarm_id: str, options: AlarmOptions
) -> tuple[str, ...]:
    if kind.shape != "operations":
        return ()
    given = options.table_operations.get(key, ())
    if given:
        return given
    if kind.kind == "latency":
        check.fail(
            at("tables", key),
            None,
            "the latency alarm watches the operations the table is used for, and none were "
            "given (the table has no granted_operations)",
            f'pass table_operations={{"{key}": ["GetItem", "Query", ...]}}, or leave '
            f"'{alarm_id}' off",
        )
    return DEFAULT_TABLE_OPERATIONS


def _one_table_with_user_errors(check: Checker, planned: Sequence[PlannedAlarm]) -> None:
    keys = [p.target.key for p in planned if p.kind.kind == "user_errors"]
    if len(keys) > 1:
        check.fail(
            "thresholds.tables.user_errors.enabled",
            keys,
            "UserErrors is published per account and Region, not per table, so each of these "
            "alarms would watch the same metric",
            f'enable it on one table only, e.g. overrides["{keys[0]}"].user_errors.enabled',
            source="DynamoDB metrics and dimensions",
        )


def plan_alarms(
    check: Checker,
    targets: Targets,
    *,
    name_prefix: str,
    thresholds: Any,
    overrides: Any,
    disabled_alarms: Any,
    options: AlarmOptions,
) -> tuple[PlannedAlarm, ...]:
    """Every alarm for ``targets`` after thresholds, overrides and disabling, sorted by id."""
    by_key = targets.by_key()
    per_kind = _per_kind(check, thresholds)
    per_resource = _per_resource(check, overrides, by_key)
    valid_ids = [
        f"{key}/{kind}"
        for key, (resource_type, _) in by_key.items()
        for kind in ALARM_KINDS[resource_type]
    ]
    disabled = _disabled(check, disabled_alarms, valid_ids)
    planned: list[PlannedAlarm] = []
    for key in sorted(by_key):
        resource_type, target = by_key[key]
        for kind_name, kind in ALARM_KINDS[resource_type].items():
            alarm_id = f"{key}/{kind_name}"
            layers: list[tuple[str, Mapping[str, Any]]] = []
            if kind_name in per_kind.get(resource_type, {}):
                layers.append(
                    (field(field("thresholds", resource_type), kind_name),
                     per_kind[resource_type][kind_name])
                )  # fmt: skip
            if kind_name in per_resource.get(key, {}):
                layers.append(
                    (field(at("overrides", key), kind_name), per_resource[key][kind_name])
                )
            enabled, settings = resolve_settings(check, kind, layers)
            if not enabled or alarm_id in disabled:
                continue
            alarm_name = alarm_rules.alarm_name(
                check, "name_prefix", f"{name_prefix}-{key}-{kind_name}"
            )
            alarm_rules.metric_definition(
                check, alarm_id, kind.namespace, kind.metric_name, dimension_names(target)
            )
            draft = PlannedAlarm(
                alarm_id=alarm_id,
                resource_type=resource_type,
                target=target,
                kind=kind,
                settings=settings,
                alarm_name=alarm_name,
                threshold=settings.threshold,
                duration_percent_of_timeout=options.duration_percent_of_timeout,
                operations=_operations(check, kind, key, alarm_id, options),
            )
            source = next(
                (
                    field(arg, "threshold")
                    for arg, layer in reversed(layers)
                    if "threshold" in layer
                ),
                alarm_id,
            )
            planned.append(
                dataclasses.replace(draft, threshold=_threshold(check, draft, key, options, source))
            )
    _one_table_with_user_errors(check, planned)
    return tuple(planned)
