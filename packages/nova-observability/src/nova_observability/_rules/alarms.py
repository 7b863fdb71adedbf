"""CloudWatch ``PutMetricAlarm`` rules for one alarm definition (security-rules.md B.5).

Period, evaluation window, datapoints, statistic, comparison operator, missing-data treatment,
names, descriptions, metric definitions and alarm actions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nova_core import Checker, at, is_plain, parse_arn
from nova_core.patterns import LazyPattern
from nova_observability.alarms import MAX_ALARM_DESCRIPTION

SOURCE = "CloudWatch PutMetricAlarm"

STATISTICS = ("SampleCount", "Average", "Sum", "Minimum", "Maximum")
COMPARISON_OPERATORS = (
    "GreaterThanOrEqualToThreshold",
    "GreaterThanThreshold",
    "LessThanThreshold",
    "LessThanOrEqualToThreshold",
)
ANOMALY_ONLY_OPERATORS = (
    "LessThanLowerOrGreaterThanUpperThreshold",
    "LessThanLowerThreshold",
    "GreaterThanUpperThreshold",
)
TREAT_MISSING_DATA = ("breaching", "notBreaching", "ignore", "missing")
LOW_SAMPLE_COUNT_VALUES = ("evaluate", "ignore")
SUB_MINUTE_PERIODS = (10, 20, 30)
MAX_WINDOW_SHORT_PERIODS = 86_400
MAX_WINDOW_HOURLY_PERIODS = 604_800
MAX_ALARM_NAME = 255
MAX_ACTIONS_PER_STATE = 5
MAX_ACTION_ARN = 1024
MAX_DIMENSIONS = 30

_NUM_0_100 = r"(?:100(?:\.0+)?|\d{1,2}(?:\.\d+)?)"
_NUM = r"\d+(?:\.\d+)?"
_PERCENTILE_RE = LazyPattern(rf"p{_NUM_0_100}")
_TRIMMED_SHORT_RE = LazyPattern(rf"(?:tm|tc|ts|wm){_NUM_0_100}")
_TRIMMED_RANGE_RE = LazyPattern(r"(?:TM|TC|TS|WM)\((\d{1,3})%:(\d{1,3})%\)")
_PERCENTILE_RANK_RE = LazyPattern(rf"PR\(({_NUM})?:({_NUM})?\)")
_CONTROL_RE = LazyPattern(r"[\x00-\x1f\x7f]")
_ACTION_SERVICES = ("sns", "lambda", "ssm", "ssm-incidents", "autoscaling", "ec2", "swf")


def whole(check: Checker, argument: str, value: Any, **bounds: Any) -> int:
    """A required whole number (``None`` and ``bool`` refused)."""
    number = check.integer(argument, value, plain=True, **bounds)
    if number is None:
        check.fail(argument, value, "must be a whole number", "pass an int")
    return number


def period(check: Checker, argument: str, value: Any, *, high_resolution: bool = False) -> int:
    """10/20/30 s (high-resolution metrics only) or a multiple of 60 s."""
    seconds = whole(check, argument, value)
    if seconds in SUB_MINUTE_PERIODS:
        if not high_resolution:
            check.fail(
                argument,
                value,
                "10, 20 and 30 second periods are only for high-resolution custom metrics; "
                "the AWS metrics monitored here are 1-minute metrics, so the alarm would sit in "
                "INSUFFICIENT_DATA (and be billed as high-resolution)",
                "use 60 or a multiple of 60",
                source=SOURCE,
            )
        return seconds
    if seconds <= 0 or seconds % 60:
        check.fail(
            argument,
            value,
            "CloudWatch accepts a period of 10, 20, 30 or a multiple of 60 seconds",
            "use 60 or a multiple of 60, e.g. 300",
            source=SOURCE,
        )
    return seconds


def evaluation_periods(check: Checker, argument: str, value: Any) -> int:
    return whole(check, argument, value, minimum=1, source=SOURCE)


def evaluation_window(check: Checker, argument: str, seconds: int, periods: int) -> None:
    """Period x evaluation periods: at most 1 day, or 7 days with periods of 1 hour or more."""
    limit = MAX_WINDOW_HOURLY_PERIODS if seconds >= 3600 else MAX_WINDOW_SHORT_PERIODS
    window = seconds * periods
    if window > limit:
        check.fail(
            argument,
            periods,
            f"period x evaluation periods is {seconds} x {periods} = {window} s; CloudWatch "
            f"allows at most {limit} s "
            + (
                "(7 days) when the period is 1 hour or more"
                if seconds >= 3600
                else "(1 day) when the period is shorter than 1 hour"
            ),
            f"use at most {limit // seconds} evaluation periods of {seconds} s, or a longer period",
            source=SOURCE,
        )


def datapoints(check: Checker, argument: str, value: Any, periods: int) -> int:
    count = whole(check, argument, value)
    if not 1 <= count <= periods:
        check.fail(
            argument,
            value,
            f"datapoints to alarm must be between 1 and the evaluation periods ({periods}) "
            "(DatapointsToAlarm <= EvaluationPeriods)",
            f"use 1 to {periods}, or raise evaluation_periods",
            source=SOURCE,
        )
    return count


def is_extended_statistic(value: str) -> bool:
    """``True`` for percentiles, trimmed/winsorized means and counts/sums, IQM, PR(n:m)."""
    if value == "IQM" or _PERCENTILE_RE.fullmatch(value) or _TRIMMED_SHORT_RE.fullmatch(value):
        return True
    ranged = _TRIMMED_RANGE_RE.fullmatch(value)
    if ranged:
        low, high = int(ranged.group(1)), int(ranged.group(2))
        return 10 <= low < high <= 90
    rank = _PERCENTILE_RANK_RE.fullmatch(value)
    if rank:
        low, high = rank.group(1), rank.group(2)
        if low is None and high is None:
            return False
        return low is None or high is None or float(low) < float(high)
    return False


def statistic(check: Checker, argument: str, value: Any) -> bool:
    """A statistic or extended statistic; returns ``True`` for an extended one."""
    text = check.string(argument, value, min_length=0, plain=True)
    if text in STATISTICS:
        return False
    if text is None or not is_extended_statistic(text):
        check.fail(
            argument,
            value,
            "must be a CloudWatch statistic: one of "
            + ", ".join(STATISTICS)
            + ", or an extended statistic (p0-p100 with optional decimals such as p99.9, "
            "tm/tc/ts/wm followed by a percent such as tm90, IQM, PR(n:m), or "
            "TM/TC/TS/WM(X%:Y%) with 10 <= X < Y <= 90)",
            "use e.g. 'Sum', 'Average' or 'p99'",
            source=SOURCE,
        )
    return True


def comparison_operator(check: Checker, argument: str, value: Any) -> str:
    if value in ANOMALY_ONLY_OPERATORS:
        check.fail(
            argument,
            value,
            "this operator is only valid for anomaly-detection alarms (ThresholdMetricId), "
            "and these alarms compare with a static threshold",
            "use one of " + ", ".join(COMPARISON_OPERATORS),
            source=SOURCE,
        )
    return check.one_of(argument, value, COMPARISON_OPERATORS, source=SOURCE, plain=True)


def treat_missing_data(check: Checker, argument: str, value: Any) -> str:
    return check.one_of(argument, value, TREAT_MISSING_DATA, source=SOURCE, plain=True)


def low_sample_count(check: Checker, argument: str, value: Any, *, extended: bool) -> str:
    choice = check.one_of(argument, value, LOW_SAMPLE_COUNT_VALUES, source=SOURCE, plain=True)
    if not extended:
        check.fail(
            argument,
            value,
            "EvaluateLowSampleCountPercentile applies to percentile (extended) statistics only",
            "remove it, or use a percentile statistic such as 'p99'",
            source=SOURCE,
        )
    return choice


def alarm_name(check: Checker, argument: str, value: str) -> str:
    if not value or len(value) > MAX_ALARM_NAME or _CONTROL_RE.search(value):
        check.fail(
            argument,
            value,
            f"alarm names must be 1-{MAX_ALARM_NAME} characters without control characters "
            f"(this one has {len(value)})",
            "shorten name_prefix or the resource key",
            source=SOURCE,
        )
    return value


def alarm_description(check: Checker, argument: str, value: str) -> str:
    if len(value) > MAX_ALARM_DESCRIPTION:
        check.fail(
            argument,
            value,
            f"alarm descriptions are limited to {MAX_ALARM_DESCRIPTION} characters "
            f"(this one has {len(value)})",
            "shorten it",
            source=SOURCE,
        )
    return value


def metric_definition(
    check: Checker, argument: str, namespace: str, metric_name: str, dimensions: Mapping[str, Any]
) -> None:
    if not namespace or len(namespace) > 255 or namespace.startswith(":"):
        check.fail(
            argument,
            namespace,
            "namespaces are 1-255 characters and may not start with ':'",
            "use a namespace such as 'AWS/Lambda'",
            source=SOURCE,
        )
    if not metric_name or len(metric_name) > 255:
        check.fail(
            argument, metric_name, "metric names are 1-255 characters", "shorten it", source=SOURCE
        )
    if len(dimensions) > MAX_DIMENSIONS:
        check.fail(
            argument,
            dict(dimensions),
            f"an alarm's metric may have at most {MAX_DIMENSIONS} dimensions",
            "use fewer dimensions",
            source=SOURCE,
        )


def action_arns(check: Checker, argument: str, value: Any, *, reserved: int) -> list[Any]:
    """Extra alarm actions; ``reserved`` slots are taken by the component's own topic."""
    actions = list(check.sequence(argument, value) or [])
    budget = MAX_ACTIONS_PER_STATE - reserved
    if len(actions) > budget:
        check.fail(
            argument,
            value,
            f"CloudWatch allows {MAX_ACTIONS_PER_STATE} actions per alarm state and the alarm "
            f"topic takes {reserved}, leaving {budget}",
            f"pass at most {budget} ARNs (fan out through the alarm topic instead)",
            source=SOURCE,
        )
    for index, action in enumerate(actions):
        if not is_plain(action):
            continue
        parsed = parse_arn(action) if isinstance(action, str) else None
        if parsed is None or len(action) > MAX_ACTION_ARN:
            check.fail(
                at(argument, index),
                action,
                f"alarm actions must be ARNs of at most {MAX_ACTION_ARN} characters",
                "pass an SNS topic, Lambda function or SSM ARN such as "
                "'arn:aws:sns:us-east-1:123456789012:oncall'",
                source=SOURCE,
            )
        if parsed.service not in _ACTION_SERVICES:
            check.fail(
                at(argument, index),
                action,
                f"alarm actions must be ARNs of {', '.join(_ACTION_SERVICES)} "
                f"(this one is {parsed.service})",
                "pass an SNS topic, Lambda function or SSM ARN",
                source=SOURCE,
            )
        check.arn(at(argument, index), action, service=parsed.service, example=action)
    return actions
