"""ServiceMonitor's bad-input rules, each raising a NovaInputError before any AWS resource
registers, and the edge values they still accept."""

import pytest
from observability_service_monitor_helpers import alarm, full_args, run

from nova_core import NovaInputError
from nova_observability import ServiceMonitor

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
