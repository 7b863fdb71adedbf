"""Resource types, the full argument set and the program shared by the ServiceMonitor tests."""

from typing import Any

from nova_observability import ServiceMonitor, ServiceMonitorArgs

ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
TOPIC = "aws:sns/topic:Topic"
DASHBOARD = "aws:cloudwatch/dashboard:Dashboard"
BUCKET_METRIC = "aws:s3/bucketMetric:BucketMetric"
TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:svc-alarms-topic-"


def full_args(**extra: Any) -> ServiceMonitorArgs:
    args = ServiceMonitorArgs(
        name_prefix="shop-prod",
        functions={
            "orders": {
                "function_name": "orders-fn",
                "timeout_seconds": 10,
                "log_group_name": "/aws/lambda/orders-fn",
            }
        },
        apis={"public": {"api_id": "a1b2c3d4e5", "stage_name": "$default"}},
        buckets={"uploads": "shop-uploads"},
    )
    args.update(extra)  # type: ignore[typeddict-item]
    return args


def run(mock_stack, args: ServiceMonitorArgs | None = None):
    return mock_stack.run(lambda: ServiceMonitor("svc", args if args is not None else full_args()))


def alarm(rec, key: str, kind: str):
    return rec.get(ALARM, f"svc-alarm-{key}-{kind}")
