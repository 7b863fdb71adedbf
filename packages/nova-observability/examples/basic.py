"""Alarms, an alarm topic and a dashboard for a small service, in one call.

A Pulumi program (the body of a stack's ``__main__.py``). It monitors resources by name, so it
works for functions, APIs, buckets, queues and tables created anywhere; nova components can be
passed directly instead (see the README). Optional stack config: ``alarmEmail`` and
``latencyP99Ms``.
"""

import pulumi

from nova_observability import AlarmTopicArgs, ServiceMonitor, ServiceMonitorArgs

config = pulumi.Config()
environment = pulumi.get_stack()
alarm_email = config.get("alarmEmail")

monitor = ServiceMonitor(
    "shop",
    ServiceMonitorArgs(
        name_prefix=f"{pulumi.get_project()}-{environment}",
        functions={
            "orders": {
                "function_name": f"shop-{environment}-orders",
                "timeout_seconds": 10,
                "log_group_name": f"/aws/lambda/shop-{environment}-orders",
            },
        },
        apis={"public": {"api_id": "a1b2c3d4e5", "stage_name": "$default"}},
        buckets={"uploads": f"shop-{environment}-uploads"},
        queues={
            "imports": {
                "name": f"shop-{environment}-imports",
                "dlq_name": f"shop-{environment}-imports-dlq",
                "retention_seconds": 4 * 24 * 3600,  # the age alarm fires at half of it
                "consumer_function": f"shop-{environment}-orders",
            },
        },
        tables={"items": f"shop-{environment}-items"},
        topic=AlarmTopicArgs(
            subscriptions=(
                {"oncall": {"protocol": "email", "endpoint": alarm_email}} if alarm_email else {}
            ),
        ),
        # Per-environment tuning: every kind's defaults, then one resource's own settings.
        thresholds={
            "apis": {"latency": {"threshold": config.get_float("latencyP99Ms") or 2500.0}},
        },
        overrides={"orders": {"duration": {"evaluation_periods": 5}}},
        disabled_alarms=["uploads/4xx"] if environment == "dev" else [],
        runbook_url="https://wiki.example.com/runbooks/shop",
    ),
)

pulumi.export("alarm_topic_arn", monitor.topic_arn)
pulumi.export("alarm_names", monitor.alarm_names)
pulumi.export("dashboard_name", monitor.dashboard_name)
