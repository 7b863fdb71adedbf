"""Dashboard rows for SQS queues, their consumers and DynamoDB tables, from ServiceMonitor and
from the Dashboard component.

The queues and tables are real ``aws.sqs.Queue`` / ``aws.dynamodb.Table`` resources created in the
test program, wrapped in the stand-ins of observability_support/observability_stand_ins.py.
"""

import json

from observability_stand_ins import (
    ALARM,
    DASHBOARD,
    monitor,
    physical,
)

from nova_observability import Dashboard, DashboardArgs


def test_dashboard_rows_for_queues_consumers_and_tables(mock_stack):
    rec = monitor(mock_stack, granted=["GetItem", "Query"])
    body = json.loads(rec.get(DASHBOARD).inputs["dashboardBody"])
    widgets = {w["properties"].get("title"): w for w in body["widgets"]}
    queue, dlq = physical(rec, "imports-queue"), physical(rec, "imports-dlq")
    table, worker = physical(rec, "items-table"), physical(rec, "worker")

    def metrics(title: str) -> list[list]:
        return widgets[title]["properties"]["metrics"]

    assert metrics("imports · Messages visible and in flight") == [
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue,
         {"stat": "Maximum", "label": "Visible"}],
        ["AWS/SQS", "ApproximateNumberOfMessagesNotVisible", "QueueName", queue,
         {"stat": "Maximum", "label": "In flight"}],
    ]  # fmt: skip
    age = widgets["imports · Age of oldest message (s, deleted at 345600)"]["properties"]
    assert age["metrics"][0][:4] == ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", queue]
    assert metrics("imports · Dead-letter queue depth")[0][:4] == [
        "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", dlq,
    ]  # fmt: skip
    assert [m[:4] for m in metrics("imports · Consumer: received, invoked, failed")] == [
        ["AWS/SQS", "NumberOfMessagesReceived", "QueueName", queue],
        ["AWS/Lambda", "Invocations", "FunctionName", worker],
        ["AWS/Lambda", "Errors", "FunctionName", worker],
    ]
    assert [m[1] for m in metrics("items · Consumed capacity")] == [
        "ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits",
    ]  # fmt: skip
    assert [m[1] for m in metrics("items · Throttles")] == [
        "ReadThrottleEvents", "WriteThrottleEvents",
    ]  # fmt: skip
    assert metrics("items · Latency (ms, average)") == [
        ["AWS/DynamoDB", "SuccessfulRequestLatency", "TableName", table, "Operation", op,
         {"stat": "Average", "label": op}]
        for op in ("GetItem", "Query")
    ]  # fmt: skip
    header = body["widgets"][0]["properties"]["markdown"]
    assert "1 SQS queue, 1 DynamoDB table" in header
    alarms = next(w for w in body["widgets"] if w["type"] == "alarm")["properties"]["alarms"]
    assert sorted(alarms) == sorted(r.outputs["arn"] for r in rec.by_type(ALARM))


def test_dashboard_component_takes_queues_and_tables(mock_stack):
    args = DashboardArgs(
        queues={"jobs": {"name": "shop-jobs", "dlq_name": "shop-jobs-dlq"}},
        tables={"items": {"name": "shop-items", "operations": ["Query"]}},
    )
    rec = mock_stack.run(lambda: Dashboard("ops", args))
    body = json.loads(rec.get(DASHBOARD).inputs["dashboardBody"])
    titles = [w["properties"].get("title") for w in body["widgets"] if w["type"] == "metric"]
    assert titles == [
        "jobs · Messages visible and in flight", "jobs · Age of oldest message (s)",
        "jobs · Dead-letter queue depth", "items · Consumed capacity", "items · Throttles",
        "items · Latency (ms, average)",
    ]  # fmt: skip
    latency = body["widgets"][-1]["properties"]["metrics"]
    assert latency == [
        ["AWS/DynamoDB", "SuccessfulRequestLatency", "TableName", "shop-items", "Operation",
         "Query", {"stat": "Average", "label": "Query"}],
    ]  # fmt: skip
