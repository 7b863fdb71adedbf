"""The CloudWatch and SNS rules (security-rules.md B.5/B.6) as pure checks, one case per rule."""

import pulumi
import pytest

from nova_core import NovaInputError, is_plain
from nova_observability._plan import checker
from nova_observability._rules import alarms as alarm_rules
from nova_observability._rules import dashboard as dashboard_rules
from nova_observability._rules import resources
from nova_observability._rules import thresholds as threshold_rules
from nova_observability._rules import topic as topic_rules
from nova_observability.alarms import ALARM_KINDS

CTX = checker("ServiceMonitor", "svc")


@pytest.mark.parametrize(
    "statistic",
    ["SampleCount", "Average", "Sum", "Minimum", "Maximum", "p0", "p50", "p99", "p99.9",
     "p99.99", "p100", "p0.1", "tm90", "tc90", "ts99.5", "wm50", "IQM", "TM(10%:90%)",
     "TC(25%:75%)", "TS(10%:50%)", "WM(20%:80%)", "PR(100:2000)", "PR(:300)", "PR(100:)",
     "PR(0.5:1.5)"],
)  # fmt: skip
def test_valid_statistics(statistic):
    extended = alarm_rules.statistic(CTX, "statistic", statistic)
    assert extended is (statistic not in alarm_rules.STATISTICS)


@pytest.mark.parametrize(
    "statistic",
    ["Mean", "sum", "p101", "p", "p-1", "P99", "tm", "iqm", "TM(5%:90%)", "TM(10%:95%)",
     "TM(90%:10%)", "TM(50%:50%)", "PR(:)", "PR(300:100)", "p99.", "Count", ""],
)  # fmt: skip
def test_fails_when_statistic_is_not_a_cloudwatch_statistic(statistic):
    with pytest.raises(NovaInputError, match=r"must be a CloudWatch statistic"):
        alarm_rules.statistic(CTX, "statistic", statistic)


def test_fails_when_statistic_is_not_a_string():
    with pytest.raises(NovaInputError, match=r"must be a string"):
        alarm_rules.statistic(CTX, "statistic", 99)


@pytest.mark.parametrize("period", [60, 120, 300, 3600, 86400])
def test_valid_periods(period):
    assert alarm_rules.period(CTX, "period_seconds", period) == period


@pytest.mark.parametrize("period", [10, 20, 30])
def test_sub_minute_periods_only_for_high_resolution_metrics(period):
    assert alarm_rules.period(CTX, "period_seconds", period, high_resolution=True) == period
    with pytest.raises(NovaInputError, match=r"only for high-resolution custom metrics"):
        alarm_rules.period(CTX, "period_seconds", period)


@pytest.mark.parametrize("period", [0, -60, 1, 45, 61, 90, 59])
def test_fails_when_period_is_not_10_20_30_or_a_multiple_of_60(period):
    with pytest.raises(NovaInputError, match=r"10, 20, 30 or a multiple of 60"):
        alarm_rules.period(CTX, "period_seconds", period)


@pytest.mark.parametrize("period", [60.0, "60", True, None])
def test_fails_when_period_is_not_an_int(period):
    with pytest.raises(NovaInputError, match=r"must be a whole number"):
        alarm_rules.period(CTX, "period_seconds", period)


@pytest.mark.parametrize(
    ("period", "evaluation_periods"),
    [(60, 1440), (300, 288), (3599 // 60 * 60, 24), (3600, 168), (21600, 28), (86400, 7)],
)
def test_evaluation_windows_at_the_limit(period, evaluation_periods):
    alarm_rules.evaluation_window(CTX, "evaluation_periods", period, evaluation_periods)


@pytest.mark.parametrize(
    ("period", "evaluation_periods", "limit"),
    [(60, 1441, 86400), (300, 289, 86400), (3540, 25, 86400), (3600, 169, 604800),
     (86400, 8, 604800)],
)  # fmt: skip
def test_fails_when_period_times_evaluation_periods_exceeds_the_window(
    period, evaluation_periods, limit
):
    with pytest.raises(NovaInputError, match=rf"CloudWatch allows at most {limit} s"):
        alarm_rules.evaluation_window(CTX, "evaluation_periods", period, evaluation_periods)


@pytest.mark.parametrize(("datapoints", "evaluation_periods"), [(1, 1), (1, 5), (5, 5)])
def test_valid_datapoints(datapoints, evaluation_periods):
    assert alarm_rules.datapoints(CTX, "d", datapoints, evaluation_periods) == datapoints


@pytest.mark.parametrize(("datapoints", "evaluation_periods"), [(0, 3), (4, 3), (-1, 1)])
def test_fails_when_datapoints_are_outside_1_to_evaluation_periods(datapoints, evaluation_periods):
    with pytest.raises(NovaInputError, match=r"DatapointsToAlarm <= EvaluationPeriods"):
        alarm_rules.datapoints(CTX, "d", datapoints, evaluation_periods)


@pytest.mark.parametrize("operator", alarm_rules.COMPARISON_OPERATORS)
def test_valid_comparison_operators(operator):
    assert alarm_rules.comparison_operator(CTX, "op", operator) == operator


@pytest.mark.parametrize("operator", alarm_rules.ANOMALY_ONLY_OPERATORS)
def test_fails_when_operator_is_for_anomaly_detection_only(operator):
    with pytest.raises(NovaInputError, match=r"only valid for anomaly-detection alarms"):
        alarm_rules.comparison_operator(CTX, "op", operator)


@pytest.mark.parametrize("operator", ["GreaterThan", ">=", "greaterThanThreshold"])
def test_fails_when_operator_is_unknown(operator):
    with pytest.raises(NovaInputError, match=r"must be one of 'GreaterThanOrEqualToThreshold'"):
        alarm_rules.comparison_operator(CTX, "op", operator)


@pytest.mark.parametrize("treat", alarm_rules.TREAT_MISSING_DATA)
def test_valid_missing_data_values(treat):
    assert alarm_rules.treat_missing_data(CTX, "t", treat) == treat


@pytest.mark.parametrize("treat", ["NotBreaching", "notbreaching", "zero", ""])
def test_fails_when_missing_data_value_is_unknown(treat):
    with pytest.raises(NovaInputError, match=r"must be one of 'breaching', 'notBreaching'"):
        alarm_rules.treat_missing_data(CTX, "t", treat)


def test_low_sample_count_rules():
    assert alarm_rules.low_sample_count(CTX, "x", "ignore", extended=True) == "ignore"
    with pytest.raises(NovaInputError, match=r"percentile \(extended\) statistics only"):
        alarm_rules.low_sample_count(CTX, "x", "evaluate", extended=False)
    with pytest.raises(NovaInputError, match=r"must be one of 'evaluate', 'ignore'"):
        alarm_rules.low_sample_count(CTX, "x", "skip", extended=True)


@pytest.mark.parametrize("name", ["", "a" * 256, "bad\nname", "tab\there", "nul\x00"])
def test_fails_when_alarm_name_breaks_the_rules(name):
    with pytest.raises(NovaInputError, match=r"alarm names must be 1-255 characters"):
        alarm_rules.alarm_name(CTX, "name_prefix", name)


def test_alarm_names_may_use_any_printable_text_up_to_255():
    assert alarm_rules.alarm_name(CTX, "n", "shop/prod: orders é" + "a" * 200)


def test_fails_when_alarm_description_is_longer_than_1024():
    assert alarm_rules.alarm_description(CTX, "d", "a" * 1024)
    with pytest.raises(NovaInputError, match=r"limited to 1024 characters \(this one has 1025\)"):
        alarm_rules.alarm_description(CTX, "d", "a" * 1025)


@pytest.mark.parametrize("name", ["shop-prod", "Shop_Prod-1", "a" * 255])
def test_valid_dashboard_names(name):
    assert dashboard_rules.dashboard_name(CTX, "dashboard_name", name) == name


@pytest.mark.parametrize("name", ["", "shop.prod", "shop prod", "shop/prod", "a" * 256, "ü"])
def test_fails_when_dashboard_name_breaks_the_rules(name):
    with pytest.raises(NovaInputError, match=r"dashboard names are at most 255"):
        dashboard_rules.dashboard_name(CTX, "dashboard_name", name)


def test_sanitize_dashboard_name():
    assert dashboard_rules.sanitize_dashboard_name("shop.v2 prod") == "shop-v2-prod"
    assert len(dashboard_rules.sanitize_dashboard_name("a" * 300)) == 255


@pytest.mark.parametrize("name", ["alarms", "Shop_Prod-alarms", "a" * 256])
def test_valid_topic_names(name):
    assert topic_rules.topic_name(CTX, "topic_name", name) == name


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "1-256"), ("a" * 257, "1-256"), ("shop.alarms", "1-256"), ("shop alarms", "1-256"),
     ("alarms.fifo", "must be standard topics")],
)  # fmt: skip
def test_fails_when_topic_name_breaks_the_rules(name, message):
    with pytest.raises(NovaInputError, match=message):
        topic_rules.topic_name(CTX, "topic_name", name)


@pytest.mark.parametrize(
    "arn",
    ["arn:aws:sns:us-east-1:123456789012:alarms", "arn:aws-cn:sns:cn-north-1:123456789012:a_b-c",
     "arn:aws-us-gov:sns:us-gov-west-1:123456789012:x"],
)  # fmt: skip
def test_valid_topic_arns(arn):
    topic_rules.topic_arn(CTX, "alarm_topic_arn", arn)


@pytest.mark.parametrize(
    ("arn", "message"),
    [("alarms", "must be sns ARN|must be an SNS topic ARN"),
     ("arn:aws:sqs:us-east-1:123456789012:alarms", "must be sns ARN|must be an SNS topic ARN"),
     ("arn:aws:sns:us-east-1:1234:alarms", "must be sns ARN|must be an SNS topic ARN"),
     ("arn:aws:sns:us-east-1:123456789012:alarms.fifo", "need a standard topic")],
)  # fmt: skip
def test_fails_when_topic_arn_is_wrong(arn, message):
    with pytest.raises(NovaInputError, match=message):
        topic_rules.topic_arn(CTX, "alarm_topic_arn", arn)


def test_output_values_are_left_to_aws():
    unknown = pulumi.Output.from_input("anything")
    topic_rules.topic_arn(CTX, "a", unknown)
    topic_rules.kms_key(CTX, "k", unknown)
    topic_rules.subscription_endpoint(CTX, "e", "email", unknown)
    resources.function_name(CTX, "f", unknown)
    resources.api_id(CTX, "a", unknown)
    resources.bucket_name(CTX, "b", unknown)
    resources.log_group_name(CTX, "l", unknown)
    resources.stage_name(CTX, "s", unknown)
    resources.timeout_seconds(CTX, "t", unknown)
    assert not is_plain(unknown)


@pytest.mark.parametrize(
    "key",
    ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
     "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
     "arn:aws:kms:us-east-1:123456789012:alias/alarms", "alias/alarms",
     "1234abcd-12ab-34cd-56ef-1234567890ab"],
)  # fmt: skip
def test_valid_kms_keys(key):
    topic_rules.kms_key(CTX, "kms_key_arn", key)


@pytest.mark.parametrize(
    "key",
    ["alias/aws/sns", "arn:aws:kms:us-east-1:123456789012:alias/aws/sns", "alias/aws/s3"],
)
def test_fails_when_kms_key_is_aws_managed(key):
    with pytest.raises(NovaInputError, match=r"AWS managed key.*silently dropped"):
        topic_rules.kms_key(CTX, "kms_key_arn", key)


@pytest.mark.parametrize(
    ("protocol", "endpoint"),
    [("email", "oncall@example.com"), ("email", "a.b+alarms@sub.example.co.uk"),
     ("https", "https://hooks.example.com/a?b=c"),
     ("sqs", "arn:aws:sqs:eu-west-1:123456789012:alarm-events"),
     ("lambda", "arn:aws:lambda:eu-west-1:123456789012:function:notify"),
     ("lambda", "arn:aws:lambda:eu-west-1:123456789012:function:notify:live"),
     ("lambda", "arn:aws:lambda:eu-west-1:123456789012:function:notify:$LATEST")],
)  # fmt: skip
def test_valid_subscription_endpoints(protocol, endpoint):
    topic_rules.subscription_endpoint(CTX, "endpoint", protocol, endpoint)


@pytest.mark.parametrize(
    ("protocol", "endpoint", "message"),
    [("email", "oncall", "must be an email address"), ("email", "a@b", "must be an email address"),
     ("email", "a b@example.com", "must be an email address"),
     ("https", "http://hooks.example.com", "https:// URL"),
     ("https", "hooks.example.com", "https:// URL"),
     ("https", "https://hooks.example.com/a b", "https:// URL"),
     ("sqs", "alarm-events", "sqs ARN|queue ARN"),
     ("sqs", "arn:aws:sqs:eu-west-1:123456789012:q.fifo", "FIFO queue"),
     ("lambda", "arn:aws:lambda:eu-west-1:123456789012:notify", "lambda subscriptions need a function ARN"),
     ("lambda", "notify", "lambda subscriptions need a function ARN"), ("email", 42, "must be a string")],
)  # fmt: skip
def test_fails_when_subscription_endpoint_is_wrong(protocol, endpoint, message):
    with pytest.raises(NovaInputError, match=message):
        topic_rules.subscription_endpoint(CTX, "endpoint", protocol, endpoint)


def test_action_arns_leave_room_for_the_topic():
    four = [f"arn:aws:sns:us-east-1:123456789012:t{i}" for i in range(4)]
    assert alarm_rules.action_arns(CTX, "a", four, reserved=1) == four
    with pytest.raises(NovaInputError, match=r"5 actions per alarm state.*at most 4"):
        alarm_rules.action_arns(CTX, "a", [*four, four[0]], reserved=1)


@pytest.mark.parametrize(
    "action",
    ["pager", "arn:aws:sns:" + "x" * 1020, 42],
)
def test_fails_when_an_action_is_not_an_arn(action):
    with pytest.raises(NovaInputError, match=r"alarm actions must be ARNs of at most 1024"):
        alarm_rules.action_arns(CTX, "a", [action], reserved=1)


def test_fails_when_actions_are_not_a_list():
    with pytest.raises(NovaInputError, match=r"must be a list"):
        alarm_rules.action_arns(CTX, "a", "arn:aws:sns:us-east-1:123456789012:t", reserved=1)


@pytest.mark.parametrize(
    ("namespace", "metric", "dimensions", "message"),
    [("", "Errors", {}, "namespaces are 1-255"), (":AWS", "Errors", {}, "may not start with"),
     ("n" * 256, "Errors", {}, "namespaces are 1-255"), ("AWS/Lambda", "", {}, "metric names"),
     ("AWS/Lambda", "m" * 256, {}, "metric names"),
     ("AWS/Lambda", "Errors", {f"d{i}": "v" for i in range(31)}, "at most 30 dimensions")],
)  # fmt: skip
def test_fails_when_metric_definition_breaks_the_rules(namespace, metric, dimensions, message):
    with pytest.raises(NovaInputError, match=message):
        alarm_rules.metric_definition(CTX, "m", namespace, metric, dimensions)


def test_every_catalogue_metric_definition_is_valid():
    for kinds in ALARM_KINDS.values():
        for kind in kinds.values():
            alarm_rules.metric_definition(CTX, kind.kind, kind.namespace, kind.metric_name, {})
            alarm_rules.period(CTX, kind.kind, kind.period_seconds)
            alarm_rules.evaluation_window(
                CTX, kind.kind, kind.period_seconds, kind.evaluation_periods
            )
            alarm_rules.statistic(CTX, kind.kind, kind.statistic)
            alarm_rules.comparison_operator(CTX, kind.kind, kind.comparison_operator)
            alarm_rules.treat_missing_data(CTX, kind.kind, kind.treat_missing_data)


@pytest.mark.parametrize(
    ("check", "value", "message"),
    [(resources.function_name, "f" * 65, "FunctionName"),
     (resources.timeout_seconds, 901, "between 1 and 900"), (resources.timeout_seconds, True, "True/False"),
     (resources.log_group_name, "l" * 513, "log group names"),
     (resources.api_id, "A1B2C3D4E5", "10-character"), (resources.api_id, "a1b2c3", "10-character"),
     (resources.stage_name, "s" * 129, "stage names"), (resources.bucket_name, "Shop", "bucket names"),
     (resources.bucket_name, "ab", "bucket names")],
)  # fmt: skip
def test_fails_when_a_monitored_resource_id_is_wrong(check, value, message):
    with pytest.raises(NovaInputError, match=message):
        check(CTX, "arg", value)


def test_error_message_names_component_argument_value_rule_and_fix():
    with pytest.raises(NovaInputError, match=r"^nova-observability ") as error:
        topic_rules.topic_name(CTX, "topic_name", "alarms.fifo")
    assert str(error.value) == (
        "nova-observability ServiceMonitor 'svc': argument 'topic_name' is 'alarms.fifo': alarm "
        "topics must be standard topics: FIFO topics accept only SQS subscriptions, so email, "
        "HTTPS and Lambda subscribers would never be notified (SNS CreateTopic). Fix: drop the "
        "'.fifo' suffix."
    )


def test_long_values_are_shortened_in_messages():
    with pytest.raises(NovaInputError, match=r"topic names") as error:
        topic_rules.topic_name(CTX, "topic_name", "x" * 300)
    assert "xxx..." in str(error.value)
    assert len(str(error.value)) < 600


# -- queues and tables ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["jobs", "shop-prod_jobs", "q" * 80, "jobs.fifo", "j" * 75 + ".fifo"]
)
def test_valid_queue_names(name):
    resources.queue_name(CTX, "name", name)


@pytest.mark.parametrize(
    "name",
    ["", "q" * 81, "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
     "arn:aws:sqs:us-east-1:123456789012:jobs", "jobs.fifo.fifo", "my jobs"],
)  # fmt: skip
def test_fails_when_queue_name_is_not_a_queue_name(name):
    with pytest.raises(
        NovaInputError, match=r"QueueName dimension needs the queue name|not be empty"
    ):
        resources.queue_name(CTX, "name", name)


@pytest.mark.parametrize(("value", "rule"), [(59, "between 60 and 1209600"),
                                             (1_209_601, "between 60 and 1209600"),
                                             (True, "whole number"), (86_400.0, "whole number")])  # fmt: skip
def test_fails_when_retention_is_outside_sqs_limits(value, rule):
    with pytest.raises(NovaInputError, match=rule):
        resources.retention_seconds(CTX, "retention_seconds", value)


def test_retention_must_be_plain_because_it_decides_a_threshold():
    with pytest.raises(NovaInputError, match=r"must be known when the program runs"):
        resources.retention_seconds(CTX, "retention_seconds", pulumi.Output.from_input(600))
    assert resources.retention_seconds(CTX, "retention_seconds", 60) == 60


def test_table_operations_rules():
    assert resources.table_operations(CTX, "ops", ["GetItem", "Query"]) == ("GetItem", "Query")
    assert resources.table_operations(CTX, "ops", None) == ()
    with pytest.raises(NovaInputError, match=r"lists an operation twice"):
        resources.table_operations(CTX, "ops", ["GetItem", "GetItem"])
    with pytest.raises(NovaInputError, match=r"did you mean 'GetItem'\?"):
        resources.table_operations(CTX, "ops", ["getitem"])
    with pytest.raises(NovaInputError, match=r"must be a list"):
        resources.table_operations(CTX, "ops", "GetItem")


@pytest.mark.parametrize(
    ("threshold", "operator", "fires"),
    [(-1, "GreaterThanOrEqualToThreshold", "every datapoint"),
     (-0.1, "GreaterThanThreshold", "every datapoint"),
     (-5, "LessThanThreshold", "every datapoint"),
     (0, "GreaterThanOrEqualToThreshold", "fires on every datapoint, including healthy ones")],
)  # fmt: skip
def test_fails_when_a_threshold_always_or_never_fires(threshold, operator, fires):
    with pytest.raises(NovaInputError, match=fires):
        threshold_rules.threshold_meaning(
            CTX, "t", threshold, kind="errors", rate=False, statistic="Sum", operator=operator
        )


@pytest.mark.parametrize(("threshold", "operator"),
                         [(0, "GreaterThanThreshold"), (1, "GreaterThanOrEqualToThreshold"),
                          (0.5, "LessThanThreshold")])  # fmt: skip
def test_meaningful_thresholds_pass(threshold, operator):
    threshold_rules.threshold_meaning(
        CTX, "t", threshold, kind="errors", rate=False, statistic="Sum", operator=operator
    )
