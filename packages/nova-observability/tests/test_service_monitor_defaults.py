"""ServiceMonitor with default settings: what it creates, every default alarm, their descriptions,
outputs and names."""

import json

import pytest
from observability_service_monitor_helpers import (
    ALARM,
    BUCKET_METRIC,
    DASHBOARD,
    TOPIC,
    TOPIC_ARN,
    alarm,
    full_args,
    run,
)


def test_creates_topic_every_default_alarm_request_metrics_and_dashboard(mock_stack):
    rec = run(mock_stack)
    rec.resource_count_is(ALARM, 9)
    rec.resource_count_is(TOPIC, 1)
    rec.resource_count_is("aws:sns/topicPolicy:TopicPolicy", 1)
    rec.resource_count_is(BUCKET_METRIC, 1)
    rec.resource_count_is(DASHBOARD, 1)
    rec.resource_count_is("nova-observability:index:AlarmTopic", 1)
    rec.resource_count_is("nova-observability:index:Dashboard", 1)
    assert {c.name for c in rec.children_of("svc")} == {
        "svc-alarms",
        "svc-dashboard",
        "svc-request-metrics-uploads",
        "svc-alarm-orders-errors",
        "svc-alarm-orders-throttles",
        "svc-alarm-orders-duration",
        "svc-alarm-public-5xx",
        "svc-alarm-public-4xx",
        "svc-alarm-public-latency",
        "svc-alarm-public-integration_latency",
        "svc-alarm-uploads-4xx",
        "svc-alarm-uploads-5xx",
    }
    assert len(rec.children_of("svc", recursive=True)) == len(rec) - 1


# (key, kind, namespace, metric, dimensions, statistic, extended, threshold, operator, period,
#  evaluation periods, datapoints)
DEFAULT_ALARMS = [
    ("orders", "errors", "AWS/Lambda", "Errors", {"FunctionName": "orders-fn"}, "Sum", None,
     1, "GreaterThanOrEqualToThreshold", 60, 3, 3),
    ("orders", "throttles", "AWS/Lambda", "Throttles", {"FunctionName": "orders-fn"}, "Sum", None,
     1, "GreaterThanOrEqualToThreshold", 60, 5, 5),
    ("orders", "duration", "AWS/Lambda", "Duration", {"FunctionName": "orders-fn"}, None, "p99",
     8000, "GreaterThanOrEqualToThreshold", 60, 15, 15),
    ("public", "5xx", "AWS/ApiGateway", "5xx", {"ApiId": "a1b2c3d4e5", "Stage": "$default"},
     "Sum", None, 1, "GreaterThanOrEqualToThreshold", 60, 3, 3),
    ("public", "4xx", "AWS/ApiGateway", "4xx", {"ApiId": "a1b2c3d4e5", "Stage": "$default"},
     "Average", None, 0.05, "GreaterThanThreshold", 60, 5, 5),
    ("public", "latency", "AWS/ApiGateway", "Latency",
     {"ApiId": "a1b2c3d4e5", "Stage": "$default"}, None, "p99", 2500,
     "GreaterThanOrEqualToThreshold", 60, 5, 5),
    ("public", "integration_latency", "AWS/ApiGateway", "IntegrationLatency",
     {"ApiId": "a1b2c3d4e5", "Stage": "$default"}, None, "p99", 2500,
     "GreaterThanOrEqualToThreshold", 60, 5, 5),
    ("uploads", "4xx", "AWS/S3", "4xxErrors",
     {"BucketName": "shop-uploads", "FilterId": "EntireBucket"}, "Average", None, 0.05,
     "GreaterThanThreshold", 60, 15, 15),
    ("uploads", "5xx", "AWS/S3", "5xxErrors",
     {"BucketName": "shop-uploads", "FilterId": "EntireBucket"}, "Average", None, 0.05,
     "GreaterThanThreshold", 60, 15, 15),
]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "kind", "namespace", "metric", "dimensions", "statistic", "extended", "threshold",
     "operator", "period", "evaluation_periods", "datapoints"),
    DEFAULT_ALARMS,
    ids=[f"{row[0]}/{row[1]}" for row in DEFAULT_ALARMS],
)  # fmt: skip
def test_default_alarm_definition(
    mock_stack, key, kind, namespace, metric, dimensions, statistic, extended, threshold,
    operator, period, evaluation_periods, datapoints,
):  # fmt: skip
    rec = run(mock_stack)
    topic_arn = rec.get(TOPIC).outputs["arn"]
    resource = alarm(rec, key, kind)
    assert resource.inputs["namespace"] == namespace
    assert resource.inputs["metricName"] == metric
    assert resource.inputs["dimensions"] == dimensions
    assert resource.inputs.get("statistic") == statistic
    assert resource.inputs.get("extendedStatistic") == extended
    assert resource.inputs["threshold"] == threshold
    assert resource.inputs["comparisonOperator"] == operator
    assert resource.inputs["period"] == period
    assert resource.inputs["evaluationPeriods"] == evaluation_periods
    assert resource.inputs["datapointsToAlarm"] == datapoints
    assert resource.inputs["treatMissingData"] == "notBreaching"
    assert resource.inputs["actionsEnabled"] is True
    assert resource.inputs["alarmActions"] == [topic_arn]
    assert resource.inputs["okActions"] == [topic_arn]
    assert resource.inputs["name"] == f"shop-prod-{key}-{kind}"
    assert "insufficientDataActions" not in resource.inputs
    assert "evaluateLowSampleCountPercentiles" not in resource.inputs


def test_every_alarm_notifies_the_created_topic_on_alarm_and_ok(mock_stack):
    rec = run(mock_stack)
    topic_arn = rec.get(TOPIC).outputs["arn"]
    assert topic_arn.startswith(TOPIC_ARN)
    rec.all_resources_have(
        ALARM,
        {
            "actionsEnabled": True,
            "alarmActions": [topic_arn],
            "okActions": [topic_arn],
            "treatMissingData": "notBreaching",
            "tags": {"managed-by": "nova-observability"},
        },
    )


def test_alarm_descriptions_say_what_fired_and_where_to_look_first(mock_stack):
    rec = run(mock_stack)
    errors = alarm(rec, "orders", "errors").inputs["alarmDescription"]
    assert errors.startswith(
        "Lambda function orders-fn reported errors (Sum of Errors) >= 1 in 3 of 3 minutes. "
        "First look: the function's log group /aws/lambda/orders-fn (Logs Insights: "
        "SOURCE '/aws/lambda/orders-fn' | fields @timestamp, @message, @requestId"
    )
    duration = alarm(rec, "orders", "duration").inputs["alarmDescription"]
    assert "p99 duration (p99 of Duration) >= 8000 ms (80 % of the 10 s timeout)" in duration
    assert "in 15 of 15 minutes" in duration
    api = alarm(rec, "public", "4xx").inputs["alarmDescription"]
    assert api.startswith("HTTP API a1b2c3d4e5 (stage $default) reported 4xx rate")
    assert "> 0.05 in 5 of 5 minutes" in api
    bucket = alarm(rec, "uploads", "5xx").inputs["alarmDescription"]
    assert bucket.startswith("S3 bucket shop-uploads reported 5xx rate")
    assert "503 SlowDown" in bucket
    for resource in rec.by_type(ALARM):
        assert 0 < len(resource.inputs["alarmDescription"]) <= 1024


def test_runbook_url_ends_every_description(mock_stack):
    rec = run(mock_stack, full_args(runbook_url="https://wiki.example.com/runbooks/shop"))
    for resource in rec.by_type(ALARM):
        assert resource.inputs["alarmDescription"].endswith(
            " Runbook: https://wiki.example.com/runbooks/shop"
        )


def test_bucket_request_metrics_configuration_covers_the_whole_bucket(mock_stack):
    rec = run(mock_stack)
    metric = rec.get(BUCKET_METRIC)
    assert metric.name == "svc-request-metrics-uploads"
    assert metric.inputs == {"bucket": "shop-uploads", "name": "EntireBucket"}
    for kind in ("4xx", "5xx"):
        assert metric.urn in alarm(rec, "uploads", kind).dependencies


def test_outputs_map_alarm_ids_to_names_and_arns(mock_stack):
    rec = run(mock_stack)
    monitor = rec.result
    names = rec.value(monitor.alarm_names)
    arns = rec.value(monitor.alarm_arns)
    ids = {
        "orders/errors", "orders/throttles", "orders/duration", "public/5xx", "public/4xx",
        "public/latency", "public/integration_latency", "uploads/4xx", "uploads/5xx",
    }  # fmt: skip
    assert set(names) == ids
    assert set(arns) == ids
    assert names["public/5xx"] == "shop-prod-public-5xx"
    assert (
        arns["public/5xx"] == "arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop-prod-public-5xx"
    )
    assert rec.value(monitor.topic_arn) == rec.get(TOPIC).outputs["arn"]
    assert rec.value(monitor.dashboard_name) == "shop-prod"
    assert rec.value(monitor.dashboard_arn) == (
        "arn:aws:cloudwatch::123456789012:dashboard/shop-prod"
    )
    assert set(monitor.alarms) == ids
    assert monitor.alarm_topic is not None
    assert monitor.dashboard_component is not None
    assert set(monitor.request_metrics) == {"uploads"}


def test_dashboard_lists_every_alarm(mock_stack):
    rec = run(mock_stack)
    body = json.loads(rec.get(DASHBOARD).inputs["dashboardBody"])
    widget = next(w for w in body["widgets"] if w["type"] == "alarm")
    assert widget["properties"]["alarms"] == sorted(r.outputs["arn"] for r in rec.by_type(ALARM))
    assert rec.get(DASHBOARD).inputs["dashboardName"] == "shop-prod"


def test_default_names_use_project_stack_and_component_name(mock_stack):
    args = full_args()
    del args["name_prefix"]
    rec = run(mock_stack, args)
    assert alarm(rec, "orders", "errors").inputs["name"] == "nova-test-test-svc-orders-errors"
    assert rec.get(DASHBOARD).inputs["dashboardName"] == "nova-test-test-svc"


def test_default_dashboard_name_replaces_dots_of_the_prefix(mock_stack):
    rec = run(mock_stack, full_args(name_prefix="shop.v2-prod"))
    assert rec.get(DASHBOARD).inputs["dashboardName"] == "shop-v2-prod"
    assert alarm(rec, "orders", "errors").inputs["name"] == "shop.v2-prod-orders-errors"
