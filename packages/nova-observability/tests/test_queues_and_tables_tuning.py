"""ServiceMonitor over SQS queues and DynamoDB tables: thresholds, overrides and switches tune
the queue and table alarms; plain names and dicts are accepted.

The queues and tables are real ``aws.sqs.Queue`` / ``aws.dynamodb.Table`` resources created in the
test program, wrapped in the stand-ins of observability_support/observability_stand_ins.py.
"""

import pytest
from observability_stand_ins import RETENTION, alarm, monitor

from nova_observability import ServiceMonitor, ServiceMonitorArgs


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
