"""Widgets of one monitored resource on the dashboard (pure; values are passed through)."""

from collections.abc import Mapping
from typing import Any

from .targets import BUCKET_REQUEST_METRICS_FILTER_ID

__all__ = ["BLOCKS", "DASHBOARD_TABLE_OPERATIONS", "GRID_COLUMNS", "SECTION_TITLES", "text_widget"]

GRID_COLUMNS = 24
_GRAPH_WIDTH = 6
_GRAPH_HEIGHT = 6


def _metric_widget(
    title: str, region: str, period: int, metrics: list[list[Any]], width: int = _GRAPH_WIDTH
) -> dict[str, Any]:
    return {
        "type": "metric",
        "width": width,
        "height": _GRAPH_HEIGHT,
        "properties": {
            "title": title,
            "region": region,
            "period": period,
            "view": "timeSeries",
            "stacked": False,
            "metrics": metrics,
            "yAxis": {"left": {"min": 0}},
        },
    }


def text_widget(markdown: str, height: int) -> dict[str, Any]:
    return {
        "type": "text",
        "width": GRID_COLUMNS,
        "height": height,
        "properties": {"markdown": markdown},
    }


def _function_widgets(item: Mapping[str, Any], region: str, period: int) -> list[dict[str, Any]]:
    key = item["key"]
    dims = ["FunctionName", item["function_name"]]

    def metric(name: str, stat: str, label: str) -> list[Any]:
        return ["AWS/Lambda", name, *dims, {"stat": stat, "label": label}]

    return [
        _metric_widget(
            f"{key} · Invocations", region, period, [metric("Invocations", "Sum", "Invocations")]
        ),
        _metric_widget(
            f"{key} · Errors and throttles",
            region,
            period,
            [metric("Errors", "Sum", "Errors"), metric("Throttles", "Sum", "Throttles")],
        ),
        _metric_widget(
            f"{key} · Duration (ms)",
            region,
            period,
            [metric("Duration", p, p) for p in ("p50", "p90", "p99")],
        ),
        _metric_widget(
            f"{key} · Concurrency",
            region,
            period,
            [metric("ConcurrentExecutions", "Maximum", "Concurrent executions")],
        ),
    ]


def _api_widgets(item: Mapping[str, Any], region: str, period: int) -> list[dict[str, Any]]:
    key = item["key"]
    dims: list[Any] = ["ApiId", item["api_id"]]
    if item.get("stage_name"):
        dims += ["Stage", item["stage_name"]]

    def metric(name: str, stat: str, label: str) -> list[Any]:
        return ["AWS/ApiGateway", name, *dims, {"stat": stat, "label": label}]

    return [
        _metric_widget(f"{key} · Requests", region, period, [metric("Count", "Sum", "Requests")]),
        _metric_widget(
            f"{key} · 4xx and 5xx",
            region,
            period,
            [metric("4xx", "Sum", "4xx"), metric("5xx", "Sum", "5xx")],
        ),
        _metric_widget(
            f"{key} · Latency (ms)",
            region,
            period,
            [metric("Latency", p, p) for p in ("p50", "p99")],
        ),
        _metric_widget(
            f"{key} · Integration latency (ms)",
            region,
            period,
            [metric("IntegrationLatency", p, p) for p in ("p50", "p99")],
        ),
    ]


def _bucket_widgets(item: Mapping[str, Any], region: str, period: int) -> list[dict[str, Any]]:
    key = item["key"]
    dims = [
        "BucketName",
        item["bucket_name"],
        "FilterId",
        item.get("filter_id") or BUCKET_REQUEST_METRICS_FILTER_ID,
    ]

    def metric(name: str, label: str) -> list[Any]:
        return ["AWS/S3", name, *dims, {"stat": "Sum", "label": label}]

    half = GRID_COLUMNS // 2
    return [
        _metric_widget(
            f"{key} · Requests", region, period, [metric("AllRequests", "Requests")], half
        ),
        _metric_widget(
            f"{key} · 4xx and 5xx errors",
            region,
            period,
            [metric("4xxErrors", "4xx"), metric("5xxErrors", "5xx")],
            half,
        ),
    ]


def _queue_widgets(item: Mapping[str, Any], region: str, period: int) -> list[dict[str, Any]]:
    key = item["key"]

    def metric(name: str, stat: str, label: str, queue: Any = None) -> list[Any]:
        queue_name = item["queue_name"] if queue is None else queue
        return ["AWS/SQS", name, "QueueName", queue_name, {"stat": stat, "label": label}]

    retention = item.get("retention_seconds")
    # The retention goes into the title, not an annotation: a line at days would flatten the
    # seconds a healthy queue shows.
    known = isinstance(retention, int) and not isinstance(retention, bool)
    age = _metric_widget(
        f"{key} · Age of oldest message (s{f', deleted at {retention}' if known else ''})",
        region,
        period,
        [metric("ApproximateAgeOfOldestMessage", "Maximum", "Age of oldest message")],
    )
    widgets = [
        _metric_widget(
            f"{key} · Messages visible and in flight",
            region,
            period,
            [
                metric("ApproximateNumberOfMessagesVisible", "Maximum", "Visible"),
                metric("ApproximateNumberOfMessagesNotVisible", "Maximum", "In flight"),
            ],
        ),
        age,
    ]
    if item.get("dlq_name") is not None:
        widgets.append(
            _metric_widget(
                f"{key} · Dead-letter queue depth",
                region,
                period,
                [
                    metric(
                        "ApproximateNumberOfMessagesVisible",
                        "Maximum",
                        "Messages in the DLQ",
                        item["dlq_name"],
                    )
                ],
            )
        )
    consumer = item.get("consumer_function_name")
    if consumer is not None:
        lambda_dims = ["FunctionName", consumer]
        widgets.append(
            _metric_widget(
                f"{key} · Consumer: received, invoked, failed",
                region,
                period,
                [
                    metric("NumberOfMessagesReceived", "Sum", "Messages received"),
                    [
                        "AWS/Lambda",
                        "Invocations",
                        *lambda_dims,
                        {"stat": "Sum", "label": "Consumer invocations"},
                    ],
                    [
                        "AWS/Lambda",
                        "Errors",
                        *lambda_dims,
                        {"stat": "Sum", "label": "Consumer errors"},
                    ],
                ],
            )
        )
    return widgets


DASHBOARD_TABLE_OPERATIONS = ("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query")
"""Operations graphed for a table that does not say which it is used for."""


def _table_widgets(item: Mapping[str, Any], region: str, period: int) -> list[dict[str, Any]]:
    key = item["key"]
    dims = ["TableName", item["table_name"]]

    def metric(name: str, stat: str, label: str, *extra: Any) -> list[Any]:
        return ["AWS/DynamoDB", name, *dims, *extra, {"stat": stat, "label": label}]

    operations = list(item.get("operations") or DASHBOARD_TABLE_OPERATIONS)
    return [
        _metric_widget(
            f"{key} · Consumed capacity",
            region,
            period,
            [
                metric("ConsumedReadCapacityUnits", "Sum", "Read units"),
                metric("ConsumedWriteCapacityUnits", "Sum", "Write units"),
            ],
        ),
        _metric_widget(
            f"{key} · Throttles",
            region,
            period,
            [
                metric("ReadThrottleEvents", "Sum", "Read throttles"),
                metric("WriteThrottleEvents", "Sum", "Write throttles"),
            ],
        ),
        _metric_widget(
            f"{key} · Latency (ms, average)",
            region,
            period,
            [
                metric("SuccessfulRequestLatency", "Average", op, "Operation", op)
                for op in operations
            ],
            GRID_COLUMNS // 2,
        ),
    ]


BLOCKS = {
    "functions": _function_widgets,
    "apis": _api_widgets,
    "buckets": _bucket_widgets,
    "queues": _queue_widgets,
    "tables": _table_widgets,
}
SECTION_TITLES = {
    "functions": "## Lambda functions",
    "apis": "## HTTP APIs",
    "buckets": "## S3 buckets (request metrics, filter EntireBucket)",
    "queues": "## SQS queues (with dead-letter queue and consumer)",
    "tables": "## DynamoDB tables",
}
