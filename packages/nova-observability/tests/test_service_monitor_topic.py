"""ServiceMonitor's alarm topic and what it leaves out: an existing or created topic, additional
actions, actions disabled, no dashboard or request metrics."""

import pulumi_aws as aws
from observability_service_monitor_helpers import (
    ALARM,
    BUCKET_METRIC,
    DASHBOARD,
    TOPIC,
    alarm,
    full_args,
    run,
)

from nova_observability import ServiceMonitor
from nova_testing import Match


def test_existing_topic_arn_is_used_and_no_topic_is_created(mock_stack):
    existing = "arn:aws:sns:us-east-1:123456789012:central-alarms"
    rec = run(mock_stack, full_args(alarm_topic_arn=existing))
    rec.resource_count_is(TOPIC, 0)
    rec.resource_count_is("nova-observability:index:AlarmTopic", 0)
    rec.all_resources_have(ALARM, {"alarmActions": [existing], "okActions": [existing]})
    assert rec.result.alarm_topic is None
    assert rec.value(rec.result.topic_arn) == existing


def test_topic_settings_reach_the_created_topic(mock_stack):
    args = full_args(
        topic={
            "topic_name": "shop-prod-alarms",
            "create_kms_key": True,
            "subscriptions": {"oncall": {"protocol": "email", "endpoint": "oncall@example.com"}},
            "tags": {"team": "payments"},
        },
        tags={"cost-center": "42"},
    )
    rec = run(mock_stack, args)
    topic = rec.get(TOPIC)
    assert topic.inputs["name"] == "shop-prod-alarms"
    assert topic.inputs["kmsMasterKeyId"] == rec.get("aws:kms/key:Key").outputs["arn"]
    assert topic.inputs["tags"] == {
        "managed-by": "nova-observability",
        "cost-center": "42",
        "team": "payments",
    }
    rec.has_resource_properties(
        "aws:sns/topicSubscription:TopicSubscription",
        {"protocol": "email", "endpoint": "oncall@example.com"},
    )
    rec.all_resources_have(ALARM, {"tags": {"managed-by": "nova-observability",
                                            "cost-center": "42"}})  # fmt: skip


def test_additional_actions_are_notified_on_alarm_only(mock_stack):
    extra = "arn:aws:lambda:us-east-1:123456789012:function:pager"
    rec = run(mock_stack, full_args(additional_alarm_actions=[extra]))
    topic_arn = rec.get(TOPIC).outputs["arn"]
    rec.all_resources_have(ALARM, {"alarmActions": [topic_arn, extra], "okActions": [topic_arn]})


def test_disable_alarm_actions_is_an_explicit_opt_out(mock_stack):
    rec = run(mock_stack, full_args(disable_alarm_actions=True))
    rec.all_resources_have(ALARM, {"actionsEnabled": False})


def test_dashboard_and_request_metrics_can_be_left_out(mock_stack):
    rec = run(mock_stack, full_args(create_dashboard=False, create_bucket_request_metrics=False))
    rec.resource_count_is(DASHBOARD, 0)
    rec.resource_count_is(BUCKET_METRIC, 0)
    rec.resource_count_is(ALARM, 9)
    assert rec.result.dashboard_name is None
    assert rec.result.dashboard_component is None
    assert alarm(rec, "uploads", "4xx").explicit_dependencies == ()


def test_topic_arn_may_be_an_output(mock_stack):
    def program():
        topic = aws.sns.Topic("central")
        return ServiceMonitor("svc", full_args(alarm_topic_arn=topic.arn))

    rec = mock_stack.run(program)
    arn = rec.get(TOPIC).outputs["arn"]
    rec.all_resources_have(ALARM, {"alarmActions": [arn]})
    rec.has_resource_properties(
        DASHBOARD, {"dashboardBody": Match.string_like_regexp(r"alarm:shop-prod-orders-errors")}
    )
