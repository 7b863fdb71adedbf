import json
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

from nova_core import NovaInputError
from nova_observability import ServiceMonitor, ServiceMonitorArgs
from nova_testing import Match

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


# -- what gets created ---------------------------------------------------------------------------
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


# -- tuning ----------------------------------------------------------------------------------------
def test_thresholds_change_a_kind_and_overrides_win_for_one_resource(mock_stack):
    args = full_args(
        functions={
            "a": {"function_name": "fn-a", "timeout_seconds": 10},
            "b": {"function_name": "fn-b", "timeout_seconds": 10},
        },
        thresholds={
            "functions": {"errors": {"threshold": 5, "evaluation_periods": 2}},
            "apis": {"latency": {"threshold": 1000, "period_seconds": 300}},
        },
        overrides={"b": {"errors": {"threshold": 10, "datapoints_to_alarm": 1}}},
    )
    rec = run(mock_stack, args)
    a = alarm(rec, "a", "errors").inputs
    b = alarm(rec, "b", "errors").inputs
    assert (a["threshold"], a["evaluationPeriods"], a["datapointsToAlarm"]) == (5, 2, 2)
    assert (b["threshold"], b["evaluationPeriods"], b["datapointsToAlarm"]) == (10, 2, 1)
    latency = alarm(rec, "public", "latency").inputs
    assert (latency["threshold"], latency["period"]) == (1000, 300)
    assert "in 5 of 5 300-second periods" in latency["alarmDescription"]
    assert alarm(rec, "a", "throttles").inputs["threshold"] == 1


def test_overrides_can_change_statistic_operator_and_missing_data(mock_stack):
    args = full_args(
        overrides={
            "public": {
                "latency": {
                    "statistic": "p95",
                    "comparison_operator": "GreaterThanThreshold",
                    "treat_missing_data": "ignore",
                    "evaluate_low_sample_count_percentile": "ignore",
                },
                "5xx": {"statistic": "Average", "threshold": 0.01},
            },
            "orders": {"duration": {"statistic": "Maximum", "threshold": 9000}},
        }
    )
    rec = run(mock_stack, args)
    latency = alarm(rec, "public", "latency").inputs
    assert latency["extendedStatistic"] == "p95"
    assert "statistic" not in latency
    assert latency["comparisonOperator"] == "GreaterThanThreshold"
    assert latency["treatMissingData"] == "ignore"
    assert latency["evaluateLowSampleCountPercentiles"] == "ignore"
    five = alarm(rec, "public", "5xx").inputs
    assert (five["statistic"], five["threshold"]) == ("Average", 0.01)
    duration = alarm(rec, "orders", "duration").inputs
    assert (duration["statistic"], duration["threshold"]) == ("Maximum", 9000)
    assert "extendedStatistic" not in duration


def test_duration_percent_of_timeout_sets_the_duration_threshold(mock_stack):
    rec = run(mock_stack, full_args(duration_percent_of_timeout=50))
    assert alarm(rec, "orders", "duration").inputs["threshold"] == 5000


@pytest.mark.parametrize(
    "how",
    [
        {"disabled_alarms": ["orders/duration", "uploads/4xx"]},
        {"overrides": {"orders": {"duration": {"enabled": False}},
                       "uploads": {"4xx": {"enabled": False}}}},
        {"thresholds": {"functions": {"duration": {"enabled": False}},
                        "buckets": {"4xx": {"enabled": False}}}},
    ],
    ids=["disabled_alarms", "overrides-enabled-false", "thresholds-enabled-false"],
)  # fmt: skip
def test_switching_alarms_off(mock_stack, how):
    rec = run(mock_stack, full_args(**how))
    rec.resource_count_is(ALARM, 7)
    names = {r.name for r in rec.by_type(ALARM)}
    assert "svc-alarm-orders-duration" not in names
    assert "svc-alarm-uploads-4xx" not in names
    assert set(rec.value(rec.result.alarm_names)) == {
        "orders/errors", "orders/throttles", "public/5xx", "public/4xx", "public/latency",
        "public/integration_latency", "uploads/5xx",
    }  # fmt: skip


def test_override_can_switch_an_alarm_back_on_for_one_resource(mock_stack):
    args = full_args(
        functions={
            "a": {"function_name": "fn-a", "timeout_seconds": 10},
            "b": {"function_name": "fn-b", "timeout_seconds": 10},
        },
        thresholds={"functions": {"throttles": {"enabled": False}}},
        overrides={"b": {"throttles": {"enabled": True}}},
    )
    rec = run(mock_stack, args)
    throttles = {r.name for r in rec.by_type(ALARM) if r.inputs["metricName"] == "Throttles"}
    assert throttles == {"svc-alarm-b-throttles"}


# -- topic choices ---------------------------------------------------------------------------------
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


# -- accepted inputs -------------------------------------------------------------------------------
@dataclass
class FakeFunction:
    function_name: Any
    timeout_seconds: Any
    log_group_name: Any


@dataclass
class FakeApi:
    api_id: Any
    stage_name: Any


@dataclass
class FakeBucket:
    bucket_name: Any
    bucket: Any


def test_accepts_components_by_duck_typing(mock_stack):
    def program():
        raw = aws.s3.Bucket("raw")
        return ServiceMonitor(
            "svc",
            ServiceMonitorArgs(
                name_prefix="shop-prod",
                functions={
                    "orders": FakeFunction(
                        function_name=pulumi.Output.from_input("orders-fn"),
                        timeout_seconds=pulumi.Output.from_input(30),
                        log_group_name=pulumi.Output.from_input("/custom/orders"),
                    )
                },
                apis={"public": FakeApi(pulumi.Output.from_input("a1b2c3d4e5"), "live")},
                buckets={
                    "raw": FakeBucket(raw.bucket, raw),
                    "named": FakeBucket("shop-named", raw),
                },
            ),
        )

    rec = mock_stack.run(program)
    duration = alarm(rec, "orders", "duration").inputs
    assert duration["threshold"] == 24000
    assert duration["dimensions"] == {"FunctionName": "orders-fn"}
    assert "/custom/orders" in duration["alarmDescription"]
    assert alarm(rec, "public", "5xx").inputs["dimensions"] == {
        "ApiId": "a1b2c3d4e5",
        "Stage": "live",
    }
    bucket = rec.get("aws:s3/bucket:Bucket")
    metric = rec.named("svc-request-metrics-raw")
    assert metric.inputs["bucket"] == bucket.outputs["bucket"]
    assert bucket.urn in metric.dependencies
    named = rec.named("svc-request-metrics-named")
    assert named.inputs["bucket"] == "shop-named"
    assert named.explicit_dependencies == (bucket.urn,)
    assert alarm(rec, "raw", "4xx").inputs["dimensions"] == {
        "BucketName": bucket.outputs["bucket"],
        "FilterId": "EntireBucket",
    }


def test_accepts_plain_names_and_ids(mock_stack):
    args = ServiceMonitorArgs(
        name_prefix="shop-prod",
        functions={"orders": "orders-fn"},
        apis={"public": "a1b2c3d4e5"},
        buckets={"uploads": "shop-uploads"},
        overrides={"orders": {"duration": {"threshold": 3000}}},
    )
    rec = run(mock_stack, args)
    assert alarm(rec, "orders", "duration").inputs["threshold"] == 3000
    assert alarm(rec, "public", "latency").inputs["dimensions"] == {"ApiId": "a1b2c3d4e5"}
    body = json.loads(rec.get(DASHBOARD).inputs["dashboardBody"])
    log = next(w for w in body["widgets"] if w["type"] == "log")
    assert log["properties"]["query"].startswith("SOURCE '/aws/lambda/orders-fn' | ")


def test_output_function_name_gets_the_default_log_group(mock_stack):
    args = ServiceMonitorArgs(
        name_prefix="shop-prod",
        functions={"orders": pulumi.Output.from_input("orders-fn")},
        disabled_alarms=["orders/duration"],
    )
    rec = run(mock_stack, args)
    assert "/aws/lambda/orders-fn" in alarm(rec, "orders", "errors").inputs["alarmDescription"]
    rec.resource_count_is(ALARM, 2)


def test_a_function_without_timeout_may_skip_the_duration_alarm(mock_stack):
    rec = run(
        mock_stack,
        ServiceMonitorArgs(
            functions={"f": {"function_name": "fn"}}, disabled_alarms=["f/duration"]
        ),
    )
    rec.resource_count_is(ALARM, 2)


def test_fails_when_an_output_timeout_resolves_out_of_range(mock_stack):
    args = ServiceMonitorArgs(
        functions={
            "f": FakeFunction(
                function_name="fn",
                timeout_seconds=pulumi.Output.from_input(0),
                log_group_name="/aws/lambda/fn",
            )
        },
    )
    # The value is known only when the Output resolves: the rule runs then, and says so.
    with pytest.raises(ValueError, match=r"checked when the Output resolved") as error:
        run(mock_stack, args)
    assert (
        "nova-observability ServiceMonitor 'svc': argument 'functions[\"f\"].timeout_seconds' is 0 "
        "(checked when the Output resolved): must be between 1 and 900 (Lambda quotas). "
        "Fix: use a value between 1 and 900."
    ) in str(error.value)


# -- bad input -------------------------------------------------------------------------------------
FAILURES = [
    ("unknown-arg", {"funtions": {}}, r"argument 'funtions' is \{\}: 'funtions' is not a known key. Fix: did you mean 'functions'\?"),
    ("nothing-to-monitor", {"functions": {}, "apis": None, "buckets": {}},
     r"nothing to monitor"),
    ("functions-not-mapping", {"functions": ["fn"]}, r"argument 'functions' is \[\"fn\"\]: must be a dict"),
    ("bad-key", {"functions": {"my fn": "fn"}}, r"argument 'functions\[\"my fn\"\]' is 'my fn': keys must"),
    ("duplicate-key", {"functions": {"x": "fn"}, "buckets": {"x": "shop-b"}},
     r"already used in 'functions'"),
    ("function-arn", {"functions": {"f": "arn:aws:lambda:us-east-1:123456789012:function:f"}},
     r"FunctionName dimension needs the function name"),
    ("timeout-zero", {"functions": {"f": {"function_name": "fn", "timeout_seconds": 0}}},
     r"argument 'functions\[\"f\"\].timeout_seconds' is 0: must be between 1 and 900 \(Lambda quotas\)"),
    ("function-dict-typo", {"functions": {"f": {"function_name": "fn", "timeout": 3}}},
     r"'timeout' is not a known key.*did you mean 'timeout_seconds'\?"),
    ("function-dict-missing-name", {"functions": {"f": {"timeout_seconds": 3}}},
     r"the dict is missing 'function_name'"),
    ("function-object-without-name", {"functions": {"f": object()}},
     r"object with a 'function_name' attribute"),
    ("bad-log-group", {"functions": {"f": {"function_name": "fn", "timeout_seconds": 3,
                                           "log_group_name": "bad name"}}},
     r"log group names"),
    ("api-name-not-id", {"apis": {"a": "My API"}}, r"ApiId dimension needs the 10-character"),
    ("bad-stage", {"apis": {"a": {"api_id": "a1b2c3d4e5", "stage_name": "prod stage"}}},
     r"stage names"),
    ("bucket-arn", {"buckets": {"b": "arn:aws:s3:::shop"}}, r"bucket names are 3-63"),
    ("bucket-not-resource", {"buckets": {"b": {"bucket_name": "shop-b", "bucket": "shop-b"}}},
     r"must be the bucket resource"),
    ("duration-without-timeout", {"functions": {"f": "fn"}},
     r"duration alarm needs the function's timeout.*disabled_alarms"),
    ("thresholds-unknown-type", {"thresholds": {"lambdas": {}}},
     r"argument 'thresholds.lambdas'.*known keys: functions, apis, buckets"),
    ("thresholds-unknown-kind", {"thresholds": {"functions": {"error": {}}}},
     r"argument 'thresholds.functions.error'.*did you mean 'errors'\?"),
    ("thresholds-unknown-setting", {"thresholds": {"functions": {"errors": {"treshold": 1}}}},
     r"'treshold' is not a known key.*did you mean 'threshold'\?"),
    ("overrides-unknown-resource", {"overrides": {"nope": {}}}, r"argument 'overrides\[\"nope\"\]' is \{\}: 'nope' is not the key of a monitored resource"),
    ("overrides-kind-of-other-type", {"overrides": {"orders": {"5xx": {}}}},
     r"'5xx' is not a known key.*errors, throttles, duration"),
    ("disabled-unknown", {"disabled_alarms": ["orders/latency"]},
     r"disabled_alarms\[0\]' is 'orders/latency': must be one of .*'orders/errors'"),
    ("disabled-not-list", {"disabled_alarms": "orders/errors"}, r"argument 'disabled_alarms' is 'orders/errors': must be a list"),
    ("period-45", {"thresholds": {"functions": {"errors": {"period_seconds": 45}}}},
     r"thresholds.functions.errors.period_seconds' is 45: CloudWatch accepts a period of 10, 20, 30 or a multiple of 60"),
    ("period-30-on-1-minute-metric",
     {"overrides": {"orders": {"errors": {"period_seconds": 30}}}},
     r"is 30: 10, 20 and 30 second periods are only for high-resolution"),
    ("period-zero", {"overrides": {"orders": {"errors": {"period_seconds": 0}}}},
     r"multiple of 60"),
    ("window-over-a-day", {"overrides": {"orders": {"errors": {"period_seconds": 300,
                                                                "evaluation_periods": 289}}}},
     r"errors.evaluation_periods' is 289: period x evaluation periods is 300 x 289 = 86700 s"),
    ("window-over-a-week", {"overrides": {"orders": {"errors": {"period_seconds": 3600,
                                                                 "evaluation_periods": 169}}}},
     r"at most 604800 s \(7 days\)"),
    ("datapoints-over-evaluation", {"overrides": {"orders": {"errors": {
        "evaluation_periods": 3, "datapoints_to_alarm": 4}}}},
     r"errors.datapoints_to_alarm' is 4: datapoints to alarm must be between 1 and the evaluation"),
    ("datapoints-over-lowered-evaluation", {
        "thresholds": {"functions": {"errors": {"datapoints_to_alarm": 3}}},
        "overrides": {"orders": {"errors": {"evaluation_periods": 2}}}},
     r"thresholds.functions.errors.datapoints_to_alarm' is 3"),
    ("datapoints-zero", {"overrides": {"orders": {"errors": {"datapoints_to_alarm": 0}}}},
     r"at least 1"),
    ("evaluation-zero", {"overrides": {"orders": {"errors": {"evaluation_periods": 0}}}},
     r"evaluation_periods' is 0: must be at least 1"),
    ("bad-statistic", {"overrides": {"orders": {"errors": {"statistic": "Mean"}}}},
     r"is 'Mean': must be a CloudWatch statistic"),
    ("percentile-over-100", {"overrides": {"orders": {"duration": {"statistic": "p101"}}}},
     r"is 'p101': must be a CloudWatch statistic"),
    ("anomaly-operator", {"overrides": {"orders": {"errors": {
        "comparison_operator": "GreaterThanUpperThreshold"}}}},
     r"only valid for anomaly-detection alarms"),
    ("unknown-operator", {"overrides": {"orders": {"errors": {"comparison_operator": ">"}}}},
     r"is '>': must be one of 'GreaterThanOrEqualToThreshold'"),
    ("treat-missing", {"overrides": {"orders": {"errors": {"treat_missing_data": "zero"}}}},
     r"is 'zero': must be one of 'breaching', 'notBreaching'"),
    ("low-sample-on-sum", {"overrides": {"orders": {"errors": {
        "evaluate_low_sample_count_percentile": "ignore"}}}},
     r"applies to percentile \(extended\) statistics only"),
    ("low-sample-bad-value", {"overrides": {"orders": {"duration": {
        "evaluate_low_sample_count_percentile": "skip"}}}},
     r"is 'skip': must be one of 'evaluate', 'ignore'"),
    ("rate-threshold-as-percent", {"thresholds": {"apis": {"4xx": {"threshold": 5}}}},
     r"thresholds.apis.4xx.threshold' is 5: the 4xx alarm averages a 0/1 metric"),
    ("threshold-not-number", {"overrides": {"orders": {"errors": {"threshold": "1"}}}},
     r"must be a number \(True/False are not\)"),
    ("threshold-nan", {"overrides": {"orders": {"errors": {"threshold": float("nan")}}}},
     r"must be a number"),
    ("enabled-not-bool", {"overrides": {"orders": {"errors": {"enabled": "no"}}}},
     r"must be True or False"),
    ("prefix-charset", {"name_prefix": "shop prod"}, r"argument 'name_prefix' is 'shop prod'"),
    ("alarm-name-too-long", {"name_prefix": "p" * 200, "functions": {"f" * 60: {
        "function_name": "fn", "timeout_seconds": 3}}},
     r"alarm names must be 1-255 characters"),
    ("too-many-actions", {"additional_alarm_actions": [
        f"arn:aws:sns:us-east-1:123456789012:t{i}" for i in range(5)]},
     r"CloudWatch allows 5 actions per alarm state and the alarm topic takes 1"),
    ("bad-action", {"additional_alarm_actions": ["pager"]},
     r"additional_alarm_actions\[0\]' is 'pager': alarm actions must be ARNs"),
    ("runbook-http", {"runbook_url": "http://wiki.example.com"}, r"runbook links must be https"),
    ("topic-and-arn", {"alarm_topic_arn": "arn:aws:sns:us-east-1:123456789012:t",
                       "topic": {"create_kms_key": True}},
     r"argument 'topic'.*pass one of them"),
    ("fifo-topic-arn", {"alarm_topic_arn": "arn:aws:sns:us-east-1:123456789012:t.fifo"},
     r"CloudWatch alarms need a standard topic"),
    ("not-a-topic-arn", {"alarm_topic_arn": "central-alarms"}, r"argument 'alarm_topic_arn' is 'central-alarms': must be sns ARN"),
    ("topic-managed-key", {"topic": {"kms_key_arn": "alias/aws/sns"}},
     r"argument 'topic.kms_key_arn' is 'alias/aws/sns': this is an AWS managed key"),
    ("topic-unknown-key", {"topic": {"fifo": True}}, r"argument 'topic.fifo' is True: 'fifo' is not a known key"),
    ("topic-not-mapping", {"topic": "alarms"}, r"argument 'topic' is 'alarms'"),
    ("dashboard-name-dots", {"dashboard_name": "shop.prod"},
     r"argument 'dashboard_name' is 'shop.prod': dashboard names"),
    ("tag-aws-prefix", {"tags": {"aws:team": "x"}}, r"tag keys starting with 'aws:' are reserved"),
    ("too-many-tags", {"tags": {f"k{i}": "v" for i in range(50)}}, r"at most 50 tags"),
    ("duration-percent-zero", {"duration_percent_of_timeout": 0},
     r"above 0 and at most 100"),
    ("duration-percent-over-100", {"duration_percent_of_timeout": 150},
     r"above 0 and at most 100"),
    ("flag-not-bool", {"create_dashboard": "yes"}, r"argument 'create_dashboard'.*True or False"),
    ("service-name-not-str", {"service_name": 3}, r"argument 'service_name' is 3"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "message"), [f[1:] for f in FAILURES],
                         ids=[f[0] for f in FAILURES])  # fmt: skip
def test_fails_when_input_breaks_a_rule(mock_stack, changes, message):
    args = full_args(**changes)
    with pytest.raises(NovaInputError, match=message) as error:
        run(mock_stack, args)
    assert str(error.value).startswith("nova-observability ServiceMonitor 'svc': argument ")
    assert "Fix: " in str(error.value)
    assert mock_stack.last.resources == []


def test_fails_when_args_is_not_a_dict(mock_stack):
    with pytest.raises(NovaInputError, match=r"must be ServiceMonitorArgs"):
        mock_stack.run(lambda: ServiceMonitor("svc", ["orders"]))  # type: ignore[arg-type]
    assert mock_stack.last.resources == []


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


# -- holes closed in 0.2.0 -------------------------------------------------------------------------
def aws_resources(mock_stack) -> list[str]:
    return [r.type for r in mock_stack.last.resources if r.type.startswith("aws:")]


@pytest.mark.parametrize(
    ("layer", "threshold", "operator"),
    [
        ({"overrides": {"orders": {"errors": {}}}}, -1, None),
        ({"thresholds": {"apis": {"5xx": {}}}}, -0.5, "GreaterThanThreshold"),
        ({"thresholds": {"functions": {"throttles": {}}}}, -1, "LessThanThreshold"),
        ({"overrides": {"uploads": {"5xx": {}}}}, -0.01, None),
    ],
    ids=["errors>=-1", "5xx>-0.5", "throttles<-1", "bucket-5xx-rate"],
)
def test_fails_when_a_count_alarm_threshold_is_negative(mock_stack, layer, threshold, operator):
    settings = next(iter(next(iter(layer.values())).values()))
    kind = next(iter(settings))
    settings[kind]["threshold"] = threshold
    if operator:
        settings[kind]["comparison_operator"] = operator
    with pytest.raises(NovaInputError) as error:
        run(mock_stack, full_args(**layer))
    message = str(error.value)
    assert (
        f".{kind}.threshold' is {threshold}: the {kind} alarm watches a metric that is never "
        in (message)
    )
    assert "negative threshold makes it fire on every datapoint (or never)" in message
    assert message.endswith("Fix: use 0 or more (e.g. 1 to alarm on the first occurrence).")
    assert aws_resources(mock_stack) == []


def test_fails_when_a_count_alarm_fires_at_zero(mock_stack):
    with pytest.raises(
        NovaInputError, match=r"GreaterThanOrEqualToThreshold 0 fires on every"
    ) as e:
        run(mock_stack, full_args(thresholds={"functions": {"errors": {"threshold": 0}}}))
    assert e.value.argument == "thresholds.functions.errors.threshold"
    assert aws_resources(mock_stack) == []


def test_a_zero_threshold_with_greater_than_is_accepted(mock_stack):
    rec = run(
        mock_stack,
        full_args(
            thresholds={
                "functions": {
                    "errors": {"threshold": 0, "comparison_operator": "GreaterThanThreshold"}
                }
            }
        ),
    )
    errors = alarm(rec, "orders", "errors").inputs
    assert (errors["threshold"], errors["comparisonOperator"]) == (0, "GreaterThanThreshold")


BOOLS = [
    ("threshold", {"overrides": {"orders": {"errors": {"threshold": True}}}},
     'overrides["orders"].errors.threshold', "must be a number (True/False are not)"),
    ("period", {"overrides": {"orders": {"errors": {"period_seconds": True}}}},
     'overrides["orders"].errors.period_seconds', "must be a whole number"),
    ("evaluation-periods", {"thresholds": {"apis": {"5xx": {"evaluation_periods": True}}}},
     "thresholds.apis.5xx.evaluation_periods", "must be a whole number"),
    ("datapoints", {"overrides": {"orders": {"errors": {"datapoints_to_alarm": False}}}},
     'overrides["orders"].errors.datapoints_to_alarm', "must be a whole number"),
    ("timeout", {"functions": {"f": {"function_name": "fn", "timeout_seconds": True}}},
     'functions["f"].timeout_seconds', "must be a whole number"),
    ("duration-percent", {"duration_percent_of_timeout": True},
     "duration_percent_of_timeout", "must be a number (True/False are not)"),
    ("flag-as-int", {"create_dashboard": 1}, "create_dashboard", "must be True or False"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "argument", "rule"), [b[1:] for b in BOOLS],
                         ids=[b[0] for b in BOOLS])  # fmt: skip
def test_fails_when_a_bool_is_given_for_a_number(mock_stack, changes, argument, rule):
    with pytest.raises(NovaInputError) as error:
        run(mock_stack, full_args(**changes))
    assert error.value.argument == argument
    assert rule in error.value.rule
    assert str(error.value).startswith(
        f"nova-observability ServiceMonitor 'svc': argument '{argument}'"
    )
    assert aws_resources(mock_stack) == []


# -- identity across versions ----------------------------------------------------------------------
def test_children_renamed_in_0_2_keep_their_0_1_urns_and_physical_names(mock_stack):
    rec = run(mock_stack)
    for key, kind in [("orders", "errors"), ("public", "integration_latency"), ("uploads", "5xx")]:
        resource = alarm(rec, key, kind)
        assert [a.get("name") for a in resource.aliases] == [f"svc-{key}-{kind}-alarm"]
        assert resource.inputs["name"] == f"shop-prod-{key}-{kind}"  # the alarm name is unchanged
    metric = rec.named("svc-request-metrics-uploads")
    assert [a.get("name") for a in metric.aliases] == ["svc-uploads-request-metrics"]
    assert metric.inputs["name"] == "EntireBucket"
    dashboard = rec.get(DASHBOARD)
    assert dashboard.name == "svc-dashboard-dashboard"  # as in 0.1.0: no alias needed
    assert dashboard.aliases == ()
    assert dashboard.inputs["dashboardName"] == "shop-prod"
    assert rec.named("svc-alarms").aliases == ()
