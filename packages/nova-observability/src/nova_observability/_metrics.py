"""What each planned alarm reads: one metric with its dimensions, or metric-math queries.

Pure: returns the metric part of ``aws.cloudwatch.MetricAlarm``'s arguments (``Output`` values
such as resource names pass through untouched).
"""

from __future__ import annotations

from typing import Any

import pulumi_aws as aws

from ._plan_alarms import PlannedAlarm
from .targets import (
    BUCKET_REQUEST_METRICS_FILTER_ID,
    ApiTarget,
    BucketTarget,
    FunctionTarget,
    QueueTarget,
    TableTarget,
)

__all__ = ["CONSUMER_STOPPED_EXPRESSION", "alarm_metric"]

SQS = "AWS/SQS"
CONSUMER_STOPPED_EXPRESSION = "IF(visible > 0 AND received == 0, 1, 0)"
"""1 in a period where messages wait and none is received, else 0."""


def _dimensions(planned: PlannedAlarm) -> dict[str, Any] | None:
    target = planned.target
    if isinstance(target, FunctionTarget):
        return {"FunctionName": target.function_name}
    if isinstance(target, ApiTarget):
        dims: dict[str, Any] = {"ApiId": target.api_id}
        if target.stage_name is not None:
            dims["Stage"] = target.stage_name
        return dims
    if isinstance(target, BucketTarget):
        return {"BucketName": target.bucket_name, "FilterId": BUCKET_REQUEST_METRICS_FILTER_ID}
    if isinstance(target, QueueTarget):
        name = target.dlq_name if planned.kind.kind == "dlq" else target.queue_name
        return {"QueueName": name}
    if planned.kind.kind == "user_errors":
        return None  # UserErrors has no dimensions: account and Region
    return {"TableName": target.table_name}


def _query(
    query_id: str,
    namespace: str,
    metric_name: str,
    stat: str,
    period: int,
    dimensions: dict[str, Any],
) -> aws.cloudwatch.MetricAlarmMetricQueryArgs:
    return aws.cloudwatch.MetricAlarmMetricQueryArgs(
        id=query_id,
        return_data=False,
        metric=aws.cloudwatch.MetricAlarmMetricQueryMetricArgs(
            namespace=namespace,
            metric_name=metric_name,
            stat=stat,
            period=period,
            dimensions=dimensions,
        ),
    )


def _consumer_stopped(planned: PlannedAlarm) -> list[aws.cloudwatch.MetricAlarmMetricQueryArgs]:
    target: QueueTarget = planned.target
    period = planned.settings.period_seconds
    dims = {"QueueName": target.queue_name}
    return [
        _query("visible", SQS, "ApproximateNumberOfMessagesVisible", "Maximum", period, dims),
        _query("received", SQS, "NumberOfMessagesReceived", "Sum", period, dims),
        aws.cloudwatch.MetricAlarmMetricQueryArgs(
            id="stopped",
            expression=CONSUMER_STOPPED_EXPRESSION,
            label="Consumer stopped (1 = messages visible, none received)",
            return_data=True,
        ),
    ]


def _per_operation(planned: PlannedAlarm) -> list[aws.cloudwatch.MetricAlarmMetricQueryArgs]:
    target: TableTarget = planned.target
    settings = planned.settings
    queries = [
        _query(
            f"m{index}",
            planned.kind.namespace,
            planned.kind.metric_name,
            settings.statistic,
            settings.period_seconds,
            {"TableName": target.table_name, "Operation": operation},
        )
        for index, operation in enumerate(planned.operations)
    ]
    queries.append(
        aws.cloudwatch.MetricAlarmMetricQueryArgs(
            id="result",
            expression=planned.kind.expression,
            label=f"{planned.kind.metric_name} ({planned.kind.expression})",
            return_data=True,
        )
    )
    return queries


def alarm_metric(planned: PlannedAlarm) -> dict[str, Any]:
    """The metric arguments of ``aws.cloudwatch.MetricAlarm`` for ``planned``."""
    settings = planned.settings
    if planned.kind.shape == "consumer_stopped":
        return {"metric_queries": _consumer_stopped(planned)}
    if planned.kind.shape == "operations":
        return {"metric_queries": _per_operation(planned)}
    return {
        "namespace": planned.kind.namespace,
        "metric_name": planned.kind.metric_name,
        "dimensions": _dimensions(planned),
        "statistic": None if settings.extended else settings.statistic,
        "extended_statistic": settings.statistic if settings.extended else None,
        "evaluate_low_sample_count_percentiles": settings.evaluate_low_sample_count_percentile,
        "period": settings.period_seconds,
    }
