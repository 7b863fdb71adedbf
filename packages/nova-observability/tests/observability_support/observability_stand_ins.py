"""Stand-ins for nova-messaging's ``Queue`` and nova-storage's ``Table`` (nova-observability does
not depend on those packages): real ``aws.sqs.Queue`` / ``aws.dynamodb.Table`` resources created in
the test program, wrapped with the attributes those components expose; a ServiceMonitor over
them and lookups of what it registered."""

from dataclasses import dataclass
from typing import Any

import pulumi_aws as aws

from nova_observability import ServiceMonitor, ServiceMonitorArgs

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
