"""ServiceMonitor over SQS queues (with dead-letter queues and consumers) and DynamoDB tables.

The queues and tables are real ``aws.sqs.Queue`` / ``aws.dynamodb.Table`` resources created in the
test program, wrapped in stand-ins with the attributes nova-messaging's ``Queue`` and
nova-storage's ``Table`` expose (nova-observability does not depend on those packages).
"""

import json
from dataclasses import dataclass
from typing import Any

import pulumi_aws as aws
import pytest

from nova_core import NovaInputError
from nova_observability import Dashboard, DashboardArgs, ServiceMonitor, ServiceMonitorArgs
from nova_observability._catalogue_data import DEFAULT_TABLE_OPERATIONS

ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
TOPIC = "aws:sns/topic:Topic"
DASHBOARD = "aws:cloudwatch/dashboard:Dashboard"
RETENTION = 345_600  # 4 days, the SQS default
DLQ_RETENTION = 1_209_600


@dataclass
class StandInQueue:
    queue: Any
    dlq: Any
    name: Any
    arn: Any
    url: Any
    dlq_name: Any
    dlq_arn: Any
    dlq_url: Any
    retention_seconds: int
    dlq_retention_seconds: int
    visibility_timeout_seconds: int
    fifo: bool
    consumer_function: Any


@dataclass
class StandInFunction:
    function_name: Any
    timeout_seconds: Any
    log_group_name: Any


@dataclass
class StandInTable:
    table: Any
    name: Any
    arn: Any
    stream_arn: Any


@dataclass
class GrantedTable(StandInTable):
    granted_operations: list[str]


def make_queue(key: str, *, retention: int = RETENTION, consumer: Any = None) -> StandInQueue:
    dlq = aws.sqs.Queue(f"{key}-dlq", message_retention_seconds=DLQ_RETENTION)
    queue = aws.sqs.Queue(f"{key}-queue", message_retention_seconds=retention)
    return StandInQueue(
        queue=queue, dlq=dlq, name=queue.name, arn=queue.arn, url=queue.url,
        dlq_name=dlq.name, dlq_arn=dlq.arn, dlq_url=dlq.url, retention_seconds=retention,
        dlq_retention_seconds=DLQ_RETENTION, visibility_timeout_seconds=30, fifo=False,
        consumer_function=consumer,
    )  # fmt: skip


def make_table(key: str, operations: list[str] | None = None) -> StandInTable:
    table = aws.dynamodb.Table(
        f"{key}-table",
        attributes=[{"name": "pk", "type": "S"}],
        hash_key="pk",
        billing_mode="PAY_PER_REQUEST",
    )
    if operations is None:
        return StandInTable(table, table.name, table.arn, table.stream_arn)
    return GrantedTable(table, table.name, table.arn, table.stream_arn, operations)


def monitor(mock_stack, *, granted: list[str] | None = None, **extra: Any):
    def program():
        worker = aws.lambda_.Function(
            "worker", role="arn:aws:iam::123456789012:role/worker", runtime="python3.12",
            handler="app.handler", code=None,
        )  # fmt: skip
        consumer = StandInFunction(worker.name, 30, "/aws/lambda/worker")
        args = ServiceMonitorArgs(
            name_prefix="shop-prod",
            queues={"imports": make_queue("imports", consumer=consumer)},
            tables={"items": make_table("items", granted)},
        )
        args.update(extra)  # type: ignore[typeddict-item]
        return ServiceMonitor("svc", args)

    return mock_stack.run(program)


def alarm(rec, key: str, kind: str):
    return rec.get(ALARM, f"svc-alarm-{key}-{kind}")


def physical(rec, name: str) -> str:
    return rec.named(name).outputs["name"]


def monitor_resources(mock_stack) -> list[str]:
    return [r.name for r in mock_stack.last.resources if r.name.startswith("svc")]


# -- what gets created -----------------------------------------------------------------------------
def test_queues_and_tables_get_their_default_alarms(mock_stack):
    rec = monitor(mock_stack)
    assert set(rec.value(rec.result.alarm_names)) == {
        "imports/dlq", "imports/age", "imports/consumer_stopped",
        "items/read_throttles", "items/write_throttles", "items/system_errors",
    }  # fmt: skip
    topic_arn = rec.get(TOPIC).outputs["arn"]
    assert topic_arn.startswith("arn:aws:sns:")
    for resource in rec.by_type(ALARM):
        assert resource.inputs["alarmActions"] == [topic_arn]
        assert resource.inputs["okActions"] == [topic_arn]
        assert resource.inputs["actionsEnabled"] is True
        assert resource.inputs["treatMissingData"] == "notBreaching"
        assert resource.aliases == ()  # new in 0.2.0: nothing to keep
        assert 0 < len(resource.inputs["alarmDescription"]) <= 1024


def test_waiting_alarm_is_opt_in_for_queues_nothing_consumes(mock_stack):
    rec = monitor(
        mock_stack,
        overrides={
            "imports": {"waiting": {"enabled": True}, "consumer_stopped": {"enabled": False}}
        },
    )
    names = set(rec.value(rec.result.alarm_names))
    assert "imports/waiting" in names
    assert "imports/consumer_stopped" not in names
    inputs = alarm(rec, "imports", "waiting").inputs
    assert inputs["dimensions"] == {"QueueName": physical(rec, "imports-queue")}
    assert (inputs["metricName"], inputs["statistic"], inputs["threshold"]) == (
        "ApproximateNumberOfMessagesVisible",
        "Maximum",
        0,
    )
    assert inputs["comparisonOperator"] == "GreaterThanThreshold"
    assert (inputs["period"], inputs["evaluationPeriods"]) == (60, 1)
    assert (
        "on an on-failure destination each is an event a function failed"
        in (inputs["alarmDescription"])
    )


def test_dead_letter_queue_alarm(mock_stack):
    rec = monitor(mock_stack)
    dlq_name = physical(rec, "imports-dlq")
    dlq_arn = rec.named("imports-dlq").outputs["arn"]
    inputs = alarm(rec, "imports", "dlq").inputs
    assert inputs["name"] == "shop-prod-imports-dlq"
    assert (inputs["namespace"], inputs["metricName"]) == (
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
    )
    assert inputs["dimensions"] == {"QueueName": dlq_name}
    assert (inputs["statistic"], inputs["threshold"], inputs["comparisonOperator"]) == (
        "Maximum",
        0,
        "GreaterThanThreshold",
    )
    assert (inputs["period"], inputs["evaluationPeriods"], inputs["datapointsToAlarm"]) == (
        60,
        1,
        1,
    )
    assert inputs["treatMissingData"] == "notBreaching"
    description = inputs["alarmDescription"]
    assert description.startswith(
        f"SQS dead-letter queue {dlq_name} (of {physical(rec, 'imports-queue')})"
    )
    assert f"aws sqs start-message-move-task --source-arn {dlq_arn}" in description
    assert "Fix the consumer first" in description
    assert physical(rec, "worker") in description


def test_age_alarm_threshold_is_half_the_retention(mock_stack):
    rec = monitor(mock_stack)
    inputs = alarm(rec, "imports", "age").inputs
    assert (inputs["namespace"], inputs["metricName"]) == (
        "AWS/SQS",
        "ApproximateAgeOfOldestMessage",
    )
    assert inputs["dimensions"] == {"QueueName": physical(rec, "imports-queue")}
    assert inputs["statistic"] == "Maximum"
    assert inputs["threshold"] == RETENTION // 2
    assert inputs["comparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert (inputs["period"], inputs["evaluationPeriods"], inputs["datapointsToAlarm"]) == (
        60,
        15,
        15,
    )
    assert (
        ">= 172800 s (50 % of the 345600 s retention) in 15 of 15 minutes"
        in (inputs["alarmDescription"])
    )


def test_consumer_stopped_alarm_is_metric_math(mock_stack):
    rec = monitor(mock_stack)
    inputs = alarm(rec, "imports", "consumer_stopped").inputs
    queue_name = physical(rec, "imports-queue")
    for absent in ("namespace", "metricName", "dimensions", "statistic", "period"):
        assert absent not in inputs
    assert inputs["metricQueries"] == [
        {"id": "visible", "returnData": False, "metric": {
            "namespace": "AWS/SQS", "metricName": "ApproximateNumberOfMessagesVisible",
            "stat": "Maximum", "period": 300, "dimensions": {"QueueName": queue_name}}},
        {"id": "received", "returnData": False, "metric": {
            "namespace": "AWS/SQS", "metricName": "NumberOfMessagesReceived",
            "stat": "Sum", "period": 300, "dimensions": {"QueueName": queue_name}}},
        {"id": "stopped", "returnData": True,
         "expression": "IF(visible > 0 AND received == 0, 1, 0)",
         "label": "Consumer stopped (1 = messages visible, none received)"},
    ]  # fmt: skip
    assert (inputs["threshold"], inputs["comparisonOperator"]) == (
        1,
        "GreaterThanOrEqualToThreshold",
    )
    assert (inputs["evaluationPeriods"], inputs["datapointsToAlarm"]) == (3, 3)
    assert inputs["treatMissingData"] == "notBreaching"
    assert "list-event-source-mappings" in inputs["alarmDescription"]


@pytest.mark.parametrize(
    ("kind", "metric"), [("read_throttles", "ReadThrottleEvents"),
                         ("write_throttles", "WriteThrottleEvents")],
)  # fmt: skip
def test_table_throttle_alarms(mock_stack, kind, metric):
    rec = monitor(mock_stack)
    inputs = alarm(rec, "items", kind).inputs
    assert (inputs["namespace"], inputs["metricName"]) == ("AWS/DynamoDB", metric)
    assert inputs["dimensions"] == {"TableName": physical(rec, "items-table")}
    assert (inputs["statistic"], inputs["threshold"], inputs["comparisonOperator"]) == (
        "Sum",
        1,
        "GreaterThanOrEqualToThreshold",
    )
    assert (inputs["period"], inputs["evaluationPeriods"], inputs["datapointsToAlarm"]) == (
        60,
        5,
        5,
    )
    assert inputs["treatMissingData"] == "notBreaching"
    assert "Contributor Insights" in inputs["alarmDescription"]


def operation_queries(inputs: dict) -> tuple[list[tuple[str, str, int, dict]], dict]:
    *metrics, result = inputs["metricQueries"]
    return [
        (q["metric"]["metricName"], q["metric"]["stat"], q["metric"]["period"],
         q["metric"]["dimensions"])
        for q in metrics
        if q["returnData"] is False and q["metric"]["namespace"] == "AWS/DynamoDB"
    ], result  # fmt: skip


def test_system_errors_sum_every_item_operation_when_none_are_given(mock_stack):
    rec = monitor(mock_stack)
    inputs = alarm(rec, "items", "system_errors").inputs
    table = physical(rec, "items-table")
    metrics, result = operation_queries(inputs)
    assert metrics == [
        ("SystemErrors", "Sum", 60, {"TableName": table, "Operation": op})
        for op in DEFAULT_TABLE_OPERATIONS
    ]
    assert len(metrics) == 10
    assert result["expression"] == "SUM(METRICS())"
    assert result["returnData"] is True
    assert (inputs["threshold"], inputs["comparisonOperator"]) == (
        1,
        "GreaterThanOrEqualToThreshold",
    )
    assert (inputs["evaluationPeriods"], inputs["datapointsToAlarm"]) == (15, 15)
    assert "(Sum sum over operations of SystemErrors)" in inputs["alarmDescription"]


def test_latency_is_opt_in_and_watches_the_granted_operations(mock_stack):
    rec = monitor(
        mock_stack,
        granted=["GetItem", "Query"],
        thresholds={"tables": {"latency": {"enabled": True}}},
    )
    inputs = alarm(rec, "items", "latency").inputs
    table = physical(rec, "items-table")
    metrics, result = operation_queries(inputs)
    assert metrics == [
        ("SuccessfulRequestLatency", "Average", 60, {"TableName": table, "Operation": "GetItem"}),
        ("SuccessfulRequestLatency", "Average", 60, {"TableName": table, "Operation": "Query"}),
    ]
    assert result["expression"] == "MAX(METRICS())"
    assert (inputs["threshold"], inputs["comparisonOperator"]) == (50, "GreaterThanThreshold")
    assert (inputs["evaluationPeriods"], inputs["datapointsToAlarm"]) == (10, 10)
    assert inputs["treatMissingData"] == "notBreaching"
    assert "latency of the slowest of GetItem, Query" in inputs["alarmDescription"]
    # the system-errors alarm follows the same operations
    system_metrics, _ = operation_queries(alarm(rec, "items", "system_errors").inputs)
    assert [m[3]["Operation"] for m in system_metrics] == ["GetItem", "Query"]


def test_table_operations_argument_covers_a_table_without_granted_operations(mock_stack):
    rec = monitor(
        mock_stack,
        table_operations={"items": ["PutItem"]},
        overrides={"items": {"latency": {"enabled": True, "statistic": "p99", "threshold": 20}}},
    )
    inputs = alarm(rec, "items", "latency").inputs
    metrics, _ = operation_queries(inputs)
    assert metrics == [
        ("SuccessfulRequestLatency", "p99", 60,
         {"TableName": physical(rec, "items-table"), "Operation": "PutItem"}),
    ]  # fmt: skip
    assert inputs["threshold"] == 20


def test_user_errors_are_opt_in_and_account_wide(mock_stack):
    rec = monitor(mock_stack, overrides={"items": {"user_errors": {"enabled": True}}})
    inputs = alarm(rec, "items", "user_errors").inputs
    assert (inputs["namespace"], inputs["metricName"]) == ("AWS/DynamoDB", "UserErrors")
    assert "dimensions" not in inputs  # published per account and Region only
    assert (inputs["statistic"], inputs["threshold"], inputs["comparisonOperator"]) == (
        "Sum",
        1,
        "GreaterThanOrEqualToThreshold",
    )
    assert (inputs["period"], inputs["evaluationPeriods"]) == (60, 5)
    assert inputs["alarmDescription"].startswith("DynamoDB in this account and Region")


# -- tuning the new kinds --------------------------------------------------------------------------
def test_thresholds_and_overrides_tune_the_new_kinds(mock_stack):
    rec = monitor(
        mock_stack,
        thresholds={
            "queues": {"age": {"threshold": 3600}, "consumer_stopped": {"evaluation_periods": 6}},
            "tables": {"read_throttles": {"threshold": 10, "evaluation_periods": 2}},
        },
        overrides={"imports": {"dlq": {"period_seconds": 300, "treat_missing_data": "ignore"}}},
    )
    age = alarm(rec, "imports", "age").inputs
    assert age["threshold"] == 3600
    assert "(1 % of the 345600 s retention)" in age["alarmDescription"]
    stopped = alarm(rec, "imports", "consumer_stopped").inputs
    assert (stopped["evaluationPeriods"], stopped["datapointsToAlarm"]) == (6, 6)
    dlq = alarm(rec, "imports", "dlq").inputs
    assert (dlq["period"], dlq["treatMissingData"]) == (300, "ignore")
    reads = alarm(rec, "items", "read_throttles").inputs
    assert (reads["threshold"], reads["evaluationPeriods"]) == (10, 2)
    assert alarm(rec, "items", "write_throttles").inputs["threshold"] == 1


def test_queue_age_percent_of_retention(mock_stack):
    rec = monitor(mock_stack, queue_age_percent_of_retention=25)
    assert alarm(rec, "imports", "age").inputs["threshold"] == RETENTION // 4


@pytest.mark.parametrize(
    "how",
    [
        {"disabled_alarms": ["imports/consumer_stopped", "items/system_errors"]},
        {"overrides": {"imports": {"consumer_stopped": {"enabled": False}},
                       "items": {"system_errors": {"enabled": False}}}},
        {"thresholds": {"queues": {"consumer_stopped": {"enabled": False}},
                        "tables": {"system_errors": {"enabled": False}}}},
    ],
    ids=["disabled_alarms", "overrides", "thresholds"],
)  # fmt: skip
def test_switching_new_alarms_off(mock_stack, how):
    rec = monitor(mock_stack, **how)
    assert set(rec.value(rec.result.alarm_names)) == {
        "imports/dlq", "imports/age", "items/read_throttles", "items/write_throttles",
    }  # fmt: skip


def test_plain_names_and_dicts_are_accepted(mock_stack):
    args = ServiceMonitorArgs(
        name_prefix="shop-prod",
        queues={"jobs": {"name": "shop-jobs", "dlq_name": "shop-jobs-dlq",
                         "retention_seconds": 86_400, "consumer_function": "shop-worker"}},
        tables={"items": "shop-items"},
    )  # fmt: skip
    rec = mock_stack.run(lambda: ServiceMonitor("svc", args))
    assert alarm(rec, "jobs", "age").inputs["threshold"] == 43_200
    assert alarm(rec, "jobs", "dlq").inputs["dimensions"] == {"QueueName": "shop-jobs-dlq"}
    assert alarm(rec, "items", "read_throttles").inputs["dimensions"] == {"TableName": "shop-items"}
    assert "<dead-letter queue ARN>" in alarm(rec, "jobs", "dlq").inputs["alarmDescription"]


# -- dashboard -------------------------------------------------------------------------------------
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


# -- bad input -------------------------------------------------------------------------------------
FAILURES = [
    ("age-threshold-at-retention", {"overrides": {"imports": {"age": {"threshold": RETENTION}}}},
     'overrides["imports"].age.threshold', "the queue deletes messages at its retention"),
    ("age-percent-100", {"queue_age_percent_of_retention": 100},
     "queue_age_percent_of_retention", "above 0 and below 100"),
    ("age-percent-bool", {"queue_age_percent_of_retention": True},
     "queue_age_percent_of_retention", "must be a number (True/False are not)"),
    ("consumer-stopped-threshold", {"thresholds": {"queues": {"consumer_stopped": {
        "threshold": 5}}}}, "thresholds.queues.consumer_stopped.threshold",
     "compares a 0/1 metric-math flag, so its threshold is fixed"),
    ("negative-dlq-threshold", {"overrides": {"imports": {"dlq": {"threshold": -1}}}},
     'overrides["imports"].dlq.threshold', "never negative"),
    ("latency-without-operations", {"thresholds": {"tables": {"latency": {"enabled": True}}}},
     'tables["items"]', "the latency alarm watches the operations the table is used for"),
    ("unknown-operation", {"table_operations": {"items": ["GetItems"]}},
     'table_operations["items"][0]', "must be one of 'GetItem'"),
    ("too-many-operations", {"table_operations": {"items": [
        "GetItem", "BatchGetItem", "Query", "Scan", "PutItem", "UpdateItem", "DeleteItem",
        "BatchWriteItem", "TransactGetItems", "TransactWriteItems", "ExecuteStatement"]}},
     'table_operations["items"]', "at most 10 operations"),
    ("operations-of-unknown-table", {"table_operations": {"orders": ["GetItem"]}},
     'table_operations["orders"]', "not the key of a monitored table"),
    ("user-errors-on-two-tables", {"tables": "two",
                                   "thresholds": {"tables": {"user_errors": {"enabled": True}}}},
     "thresholds.tables.user_errors.enabled", "published per account and Region"),
    ("unknown-queue-kind", {"thresholds": {"queues": {"consumer_stoped": {}}}},
     "thresholds.queues.consumer_stoped", "did you mean 'consumer_stopped'?"),
    ("disable-unknown-new-alarm", {"disabled_alarms": ["imports/depth"]},
     "disabled_alarms[0]", "must be one of"),
    ("queue-arn-as-name", {"queues": {"jobs": "arn:aws:sqs:us-east-1:123456789012:jobs"}},
     'queues["jobs"].name', "QueueName dimension needs the queue name"),
    ("retention-bool", {"queues": {"jobs": {"name": "jobs", "retention_seconds": True}}},
     'queues["jobs"].retention_seconds', "must be a whole number"),
    ("retention-too-long", {"queues": {"jobs": {"name": "jobs", "retention_seconds": 2_000_000}}},
     'queues["jobs"].retention_seconds', "must be between 60 and 1209600 seconds (1 minute to 14 days)"),
    ("age-needs-retention", {"queues": {"jobs": {"name": "jobs", "dlq_name": "jobs-dlq"}}},
     'queues["jobs"]', "no retention_seconds was given"),
    ("dlq-needs-name", {"queues": {"jobs": {"name": "jobs", "retention_seconds": 600}}},
     'queues["jobs"]', "needs the dead-letter queue's name"),
    ("table-unknown-key", {"tables": {"items": {"name": "items", "operation": ["GetItem"]}}},
     'tables["items"].operation', "did you mean 'operations'?"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "argument", "rule"), [f[1:] for f in FAILURES],
                         ids=[f[0] for f in FAILURES])  # fmt: skip
def test_fails_when_queue_or_table_input_breaks_a_rule(mock_stack, changes, argument, rule):
    changes = dict(changes)
    if changes.get("tables") == "two":
        changes["tables"] = {"a": "shop-a", "b": "shop-b"}
    with pytest.raises(NovaInputError) as error:
        monitor(mock_stack, **changes)
    assert error.value.component == "nova-observability ServiceMonitor"
    assert error.value.argument == argument
    assert rule in str(error.value)
    assert "Fix: " in str(error.value)
    # nothing of the monitor registered (the test's own queues, table and function were)
    assert monitor_resources(mock_stack) == []
