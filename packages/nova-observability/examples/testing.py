"""Testing a program that uses ServiceMonitor, offline, with nova-testing's ``mock_stack``."""

from nova_observability import ServiceMonitor, ServiceMonitorArgs

ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"


def program() -> ServiceMonitor:
    return ServiceMonitor(
        "shop",
        ServiceMonitorArgs(
            name_prefix="shop-prod",
            functions={"orders": {"function_name": "shop-prod-orders", "timeout_seconds": 10}},
        ),
    )


def test_every_alarm_notifies_the_topic(mock_stack):
    rec = mock_stack.run(program)  # every Output resolved before the assertions run
    topic_arn = rec.get("aws:sns/topic:Topic").outputs["arn"]
    assert topic_arn.startswith("arn:aws:sns:us-east-1:123456789012:")  # a real ARN, not None
    rec.resource_count_is(ALARM, 3)
    rec.all_resources_have(
        ALARM,
        {"alarmActions": [topic_arn], "okActions": [topic_arn], "actionsEnabled": True},
    )
    duration = rec.named("shop-alarm-orders-duration").inputs
    assert (duration["extendedStatistic"], duration["threshold"]) == ("p99", 8000)  # 80 % of 10 s
