"""ServiceMonitor over SQS queues and DynamoDB tables: bad input fails before any resource of
the monitor registers.

The queues and tables are real ``aws.sqs.Queue`` / ``aws.dynamodb.Table`` resources created in the
test program, wrapped in the stand-ins of observability_support/observability_stand_ins.py.
"""

import pytest
from observability_stand_ins import RETENTION, monitor, monitor_resources

from nova_core import NovaInputError

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
