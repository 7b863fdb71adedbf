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

from nova_core.records import Record

from ._catalogue_data import DATA_KINDS
from ._catalogue_services import SERVICE_KINDS
from ._kind import LOGS_INSIGHTS_ERROR_QUERY, MAX_ALARM_DESCRIPTION, AlarmKind

RESOURCE_TYPES = ("functions", "apis", "buckets", "queues", "tables")
"""The argument keys under which resources are monitored, in dashboard order."""

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


ALARM_KINDS: Mapping[str, Mapping[str, AlarmKind]] = {**SERVICE_KINDS, **DATA_KINDS}
"""Every alarm kind, by resource type then kind name."""

DEFAULT_DURATION_PERCENT_OF_TIMEOUT = 80.0
"""Default duration threshold, in percent of the function's timeout."""

DEFAULT_QUEUE_AGE_PERCENT_OF_RETENTION = 50.0
"""Default threshold of a queue's age alarm, in percent of the queue's retention."""


class ResolvedAlarmSettings(Record):
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


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


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
    "queues": "SQS queue {queue_name}",
    "tables": "DynamoDB table {table_name}",
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
    ``api_id``, ``stage_name``, ``bucket_name``, ``queue_name``, ``dlq_name``, ``table_name``...)
    and may hold ``timeout_seconds``, ``retention_seconds`` and ``operations``.
    """
    fields = {k: ("" if v is None else v) for k, v in values.items()}
    stage = fields.get("stage_name")
    fields["stage"] = f" (stage {stage})" if stage else ""
    subject = (kind.subject or _SUBJECTS[kind.resource_type]).format_map(_Default(fields))
    symbol = OPERATOR_SYMBOLS.get(settings.comparison_operator, settings.comparison_operator)
    what = kind.what.format_map(_Default(fields))
    first_look = kind.first_look.format_map(_Default(fields))
    window = _window(settings)
    if kind.shape == "consumer_stopped":
        text = (
            f"{subject} reported {what}: ApproximateNumberOfMessagesVisible > 0 while "
            f"NumberOfMessagesReceived = 0 in {window}. First look: {first_look}"
        )
    else:
        over = (
            f" {kind.expression.split('(')[0].lower()} over operations" if kind.expression else ""
        )
        measure = f"{what} ({settings.statistic}{over} of {kind.metric_name})"
        detail = ""
        timeout = fields.get("timeout_seconds")
        retention = fields.get("retention_seconds")
        if kind.kind == "duration" and _is_number(timeout) and timeout:
            share = threshold / (float(timeout) * 1000.0) * 100.0
            detail = f" ({_number(round(share, 1))} % of the {_number(timeout)} s timeout)"
        if kind.kind == "age" and _is_number(retention) and retention:
            share = threshold / float(retention) * 100.0
            detail = f" ({_number(round(share, 1))} % of the {_number(retention)} s retention)"
        text = (
            f"{subject} reported {measure} {symbol} {_number(threshold)}{kind.unit}{detail} "
            f"in {window}. First look: {first_look}"
        )
    suffix = f" Runbook: {runbook_url}" if runbook_url else ""
    return fit_description(text, MAX_ALARM_DESCRIPTION - len(suffix)) + suffix


class _Default(dict[str, object]):
    """``str.format_map`` helper leaving unknown placeholders visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
