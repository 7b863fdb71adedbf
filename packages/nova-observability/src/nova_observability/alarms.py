"""The alarm catalogue: which alarms exist for each kind of resource, with their defaults.

Defaults follow CloudWatch's recommended alarms
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html)
for period, evaluation periods and datapoints; where AWS leaves the threshold to the user
("depends on your situation"), the catalogue picks one and says why in ``basis``. Every field can
be changed per kind (``thresholds``) and per resource (``overrides``) through
:class:`AlarmSettings`, and every alarm can be switched off.

Everything here is pure data and pure functions; nothing registers resources.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypedDict

__all__ = [
    "ALARM_KINDS",
    "AlarmKind",
    "AlarmSettings",
    "ResolvedAlarmSettings",
    "RESOURCE_TYPES",
    "alarm_description",
    "fit_description",
    "OPERATOR_SYMBOLS",
    "LOGS_INSIGHTS_ERROR_QUERY",
    "MAX_ALARM_DESCRIPTION",
]

MAX_ALARM_DESCRIPTION = 1024
"""CloudWatch limit on ``AlarmDescription`` (characters)."""

RESOURCE_TYPES = ("functions", "apis", "buckets")
"""The argument keys under which resources are monitored, in dashboard order."""

LOGS_INSIGHTS_ERROR_QUERY = (
    "fields @timestamp, @message, @requestId"
    ' | filter level = "ERROR" or @message like /ERROR/'
    " | sort @timestamp desc | limit 50"
)
"""Logs Insights query for recent errors (JSON ``level`` field or an ``ERROR`` text match)."""

OPERATOR_SYMBOLS: Mapping[str, str] = {
    "GreaterThanOrEqualToThreshold": ">=",
    "GreaterThanThreshold": ">",
    "LessThanThreshold": "<",
    "LessThanOrEqualToThreshold": "<=",
}


class AlarmSettings(TypedDict, total=False):
    """Settings of one alarm kind; every key is optional and falls back to the catalogue default.

    Used per kind in ``thresholds`` (``{"functions": {"errors": {...}}}``) and per resource in
    ``overrides`` (``{"<resource key>": {"errors": {...}}}``); the resource override wins.
    """

    enabled: bool
    """Create this alarm. Default: True."""
    threshold: float
    """Value compared with the statistic: a count, a fraction for rate alarms (0.05 = 5 %), or
    milliseconds for latency and duration. Default: per alarm kind (see the package README)."""
    period_seconds: int
    """Length of one evaluation period: 60 or a multiple of 60 (the monitored AWS metrics are
    1-minute metrics). Default: 60."""
    evaluation_periods: int
    """Number of periods looked at (N of "M out of N"). Default: per alarm kind."""
    datapoints_to_alarm: int
    """Breaching periods needed (M of "M out of N"), 1 to ``evaluation_periods``.
    Default: equal to ``evaluation_periods``."""
    statistic: str
    """``SampleCount``, ``Average``, ``Sum``, ``Minimum``, ``Maximum``, or an extended statistic
    such as ``p99``, ``p99.9``, ``tm90``, ``IQM``, ``TM(10%:90%)``, ``PR(:300)``.
    Default: per alarm kind."""
    comparison_operator: str
    """``GreaterThanOrEqualToThreshold``, ``GreaterThanThreshold``, ``LessThanThreshold`` or
    ``LessThanOrEqualToThreshold``. Default: per alarm kind."""
    treat_missing_data: str
    """``notBreaching``, ``breaching``, ``ignore`` or ``missing``. Default: ``notBreaching``
    (no traffic is not a failure)."""
    evaluate_low_sample_count_percentile: str
    """For percentile statistics only: ``evaluate`` or ``ignore``. Default: not set (AWS
    evaluates)."""


ALARM_SETTINGS_KEYS: tuple[str, ...] = tuple(AlarmSettings.__annotations__)


@dataclass(frozen=True)
class AlarmKind:
    """One alarm of the catalogue, with its defaults."""

    resource_type: str
    """``functions``, ``apis`` or ``buckets``."""
    kind: str
    """Name of the alarm within its resource (``errors``, ``5xx``, ...)."""
    namespace: str
    metric_name: str
    statistic: str
    threshold: float | None
    """``None`` when derived from the resource (Lambda duration: a share of the timeout)."""
    comparison_operator: str
    period_seconds: int
    evaluation_periods: int
    treat_missing_data: str
    what: str
    """What is measured, for descriptions (``errors``, ``p99 duration``)."""
    unit: str
    """Unit of the threshold for descriptions (``""``, ``" ms"``)."""
    rate: bool
    """The metric is 0/1 per request, so its ``Average`` is a rate and the threshold a fraction."""
    first_look: str
    """Where to look first; ``{placeholders}`` name the resource's values."""
    basis: str
    """Where the default comes from."""


_FUNCTION_LOGS = (
    "the function's log group {log_group_name} (Logs Insights: SOURCE '{log_group_name}' | "
    + LOGS_INSIGHTS_ERROR_QUERY
    + ")"
)

ALARM_KINDS: Mapping[str, Mapping[str, AlarmKind]] = {
    "functions": {
        "errors": AlarmKind(
            resource_type="functions",
            kind="errors",
            namespace="AWS/Lambda",
            metric_name="Errors",
            statistic="Sum",
            threshold=1.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=3,
            treat_missing_data="notBreaching",
            what="errors",
            unit="",
            rate=False,
            first_look=_FUNCTION_LOGS + ", then the last deployment of the function.",
            basis="AWS recommended alarm Lambda Errors: Sum > 0, 60 s, 3 of 3.",
        ),
        "throttles": AlarmKind(
            resource_type="functions",
            kind="throttles",
            namespace="AWS/Lambda",
            metric_name="Throttles",
            statistic="Sum",
            threshold=1.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=5,
            treat_missing_data="notBreaching",
            what="throttled invocations",
            unit="",
            rate=False,
            first_look=(
                "ConcurrentExecutions of {function_name} on the dashboard, its reserved "
                "concurrency, and the account's unreserved concurrency in this Region."
            ),
            basis="AWS recommended alarm Lambda Throttles: Sum > 0, 60 s, 5 of 5.",
        ),
        "duration": AlarmKind(
            resource_type="functions",
            kind="duration",
            namespace="AWS/Lambda",
            metric_name="Duration",
            statistic="p99",
            threshold=None,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=15,
            treat_missing_data="notBreaching",
            what="p99 duration",
            unit=" ms",
            rate=False,
            first_look=(
                "slow downstream calls in the log group {log_group_name} (Logs Insights: "
                "SOURCE '{log_group_name}' | filter @type = \"REPORT\" | sort @duration desc "
                "| limit 20); invocations past the timeout fail."
            ),
            basis=(
                "AWS recommended alarm Lambda Duration (60 s, 15 of 15, threshold left to the "
                "user): p99 at 80 % of the function's timeout."
            ),
        ),
    },
    "apis": {
        "5xx": AlarmKind(
            resource_type="apis",
            kind="5xx",
            namespace="AWS/ApiGateway",
            metric_name="5xx",
            statistic="Sum",
            threshold=1.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=3,
            treat_missing_data="notBreaching",
            what="5xx responses",
            unit="",
            rate=False,
            first_look=(
                "the API's access log (filter status >= 500) and the log groups of the "
                "integration functions; 500/502 usually mean the function failed or returned "
                "a malformed response, 503/504 a timeout."
            ),
            basis=(
                "AWS recommended alarm API Gateway 5XXError (60 s, 3 of 3); counted (Sum >= 1) "
                "instead of a 5 % rate because any server error is a defect."
            ),
        ),
        "4xx": AlarmKind(
            resource_type="apis",
            kind="4xx",
            namespace="AWS/ApiGateway",
            metric_name="4xx",
            statistic="Average",
            threshold=0.05,
            comparison_operator="GreaterThanThreshold",
            period_seconds=60,
            evaluation_periods=5,
            treat_missing_data="notBreaching",
            what="4xx rate (share of requests)",
            unit="",
            rate=True,
            first_look=(
                "the API's access log grouped by route and status: 401/403 point to "
                "authorizers or tokens, 404 to routes, 429 to stage throttling."
            ),
            basis="AWS recommended alarm API Gateway 4XXError: Average > 0.05, 60 s, 5 of 5.",
        ),
        "latency": AlarmKind(
            resource_type="apis",
            kind="latency",
            namespace="AWS/ApiGateway",
            metric_name="Latency",
            statistic="p99",
            threshold=2500.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=5,
            treat_missing_data="notBreaching",
            what="p99 latency",
            unit=" ms",
            rate=False,
            first_look=(
                "IntegrationLatency on the dashboard: when it is close to Latency, the backend "
                "function is slow (see its p99 duration); otherwise the gateway (authorizer, "
                "throttling) adds the time."
            ),
            basis=(
                "AWS recommended alarm API Gateway Latency (p90 >= 2500 ms, 60 s, 5 of 5), "
                "taken at p99 to catch the slow tail."
            ),
        ),
        "integration_latency": AlarmKind(
            resource_type="apis",
            kind="integration_latency",
            namespace="AWS/ApiGateway",
            metric_name="IntegrationLatency",
            statistic="p99",
            threshold=2500.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=5,
            treat_missing_data="notBreaching",
            what="p99 integration latency",
            unit=" ms",
            rate=False,
            first_look=(
                "the p99 duration and the logs of the integration functions: the backend, "
                "not the gateway, is slow."
            ),
            basis="Same window and threshold as the latency alarm, to separate backend time.",
        ),
    },
    "buckets": {
        "4xx": AlarmKind(
            resource_type="buckets",
            kind="4xx",
            namespace="AWS/S3",
            metric_name="4xxErrors",
            statistic="Average",
            threshold=0.05,
            comparison_operator="GreaterThanThreshold",
            period_seconds=60,
            evaluation_periods=15,
            treat_missing_data="notBreaching",
            what="4xx rate (share of requests)",
            unit="",
            rate=True,
            first_look=(
                "403 AccessDenied (bucket policy, TLS-only rule, KMS key grants) and 404 "
                "NoSuchKey in CloudTrail data events or the server access log of {bucket_name}."
            ),
            basis="AWS recommended alarm S3 4xxErrors: Average > 0.05, 60 s, 15 of 15.",
        ),
        "5xx": AlarmKind(
            resource_type="buckets",
            kind="5xx",
            namespace="AWS/S3",
            metric_name="5xxErrors",
            statistic="Average",
            threshold=0.05,
            comparison_operator="GreaterThanThreshold",
            period_seconds=60,
            evaluation_periods=15,
            treat_missing_data="notBreaching",
            what="5xx rate (share of requests)",
            unit="",
            rate=True,
            first_look=(
                "503 SlowDown: the request rate per prefix of {bucket_name}; clients should "
                "retry with exponential backoff."
            ),
            basis="AWS recommended alarm S3 5xxErrors: Average > 0.05, 60 s, 15 of 15.",
        ),
    },
}
"""Every alarm kind, by resource type then kind name."""

DEFAULT_DURATION_PERCENT_OF_TIMEOUT = 80.0
"""Default duration threshold, in percent of the function's timeout."""


@dataclass(frozen=True)
class ResolvedAlarmSettings:
    """An alarm kind's settings after defaults, per-kind thresholds and per-resource overrides."""

    threshold: float | None
    period_seconds: int
    evaluation_periods: int
    datapoints_to_alarm: int
    statistic: str
    extended: bool
    """``True`` when ``statistic`` is an extended statistic (percentile, trimmed mean, ...)."""
    comparison_operator: str
    treat_missing_data: str
    evaluate_low_sample_count_percentile: str | None = None


def _number(value: float) -> str:
    if math.isfinite(value) and float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def _window(settings: ResolvedAlarmSettings) -> str:
    if settings.period_seconds == 60:
        unit = "minutes"
    elif settings.period_seconds % 3600 == 0:
        hours = settings.period_seconds // 3600
        unit = "hours" if hours == 1 else f"{hours}-hour periods"
    else:
        unit = f"{settings.period_seconds}-second periods"
    return f"{settings.datapoints_to_alarm} of {settings.evaluation_periods} {unit}"


def fit_description(text: str, limit: int = MAX_ALARM_DESCRIPTION) -> str:
    """``text`` cut to CloudWatch's description limit, ending in an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "\u2026"


_SUBJECTS = {
    "functions": "Lambda function {function_name}",
    "apis": "HTTP API {api_id}{stage}",
    "buckets": "S3 bucket {bucket_name}",
}


def alarm_description(
    kind: AlarmKind,
    settings: ResolvedAlarmSettings,
    values: Mapping[str, object],
    *,
    threshold: float,
    runbook_url: str | None = None,
) -> str:
    """What fired and what to look at first, within CloudWatch's 1,024-character limit.

    ``values`` holds the resolved names of the resource (``function_name``, ``log_group_name``,
    ``api_id``, ``stage_name``, ``bucket_name``) and may hold ``timeout_seconds``.
    """
    fields = {k: ("" if v is None else v) for k, v in values.items()}
    stage = fields.get("stage_name")
    fields["stage"] = f" (stage {stage})" if stage else ""
    subject = _SUBJECTS[kind.resource_type].format_map(_Default(fields))
    symbol = OPERATOR_SYMBOLS.get(settings.comparison_operator, settings.comparison_operator)
    measure = f"{kind.what} ({settings.statistic} of {kind.metric_name})"
    detail = ""
    timeout = fields.get("timeout_seconds")
    if kind.kind == "duration" and isinstance(timeout, int | float) and timeout:
        share = threshold / (float(timeout) * 1000.0) * 100.0
        detail = f" ({_number(round(share, 1))} % of the {_number(timeout)} s timeout)"
    text = (
        f"{subject} reported {measure} {symbol} {_number(threshold)}{kind.unit}{detail} "
        f"in {_window(settings)}. First look: " + kind.first_look.format_map(_Default(fields))
    )
    suffix = f" Runbook: {runbook_url}" if runbook_url else ""
    return fit_description(text, MAX_ALARM_DESCRIPTION - len(suffix)) + suffix


class _Default(dict[str, object]):
    """``str.format_map`` helper leaving unknown placeholders visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
