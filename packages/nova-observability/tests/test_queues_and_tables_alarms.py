"""ServiceMonitor over SQS queues (with dead-letter queues and consumers) and DynamoDB tables:
the alarms it creates for them.

The queues and tables are real ``aws.sqs.Queue`` / ``aws.dynamodb.Table`` resources created in the
test program, wrapped in the stand-ins of observability_support/observability_stand_ins.py.
"""

import pytest
from observability_stand_ins import ALARM, RETENTION, TOPIC, alarm, monitor, physical

from nova_observability._catalogue_data import DEFAULT_TABLE_OPERATIONS


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
