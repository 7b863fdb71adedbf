"""Pure checks of user input against the CloudWatch and SNS rules (security-rules.md B.5/B.6).

Every check runs before a component registers anything. A failure raises ``ValueError`` whose
message names the component, the argument, the value, the rule and the fix. Values that are
still ``Output``s are skipped here (AWS checks them at deploy time).
"""

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn
from urllib.parse import urlparse

import pulumi

from .alarms import (
    ALARM_KINDS,
    ALARM_SETTINGS_KEYS,
    DEFAULT_DURATION_PERCENT_OF_TIMEOUT,
    RESOURCE_TYPES,
    AlarmKind,
    ResolvedAlarmSettings,
)
from .dashboard_body import paginate_dashboard_spec
from .targets import BUCKET_REQUEST_METRICS_FILTER_ID, ApiTarget, BucketTarget, FunctionTarget

PACKAGE = "nova-observability"

# -- limits and vocabularies (AWS API references; see security-rules.md B.5/B.6) -------------
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
MAX_ALARM_DESCRIPTION = 1024
MAX_ACTIONS_PER_STATE = 5
MAX_ACTION_ARN = 1024
MAX_DIMENSIONS = 30
MAX_TAGS = 50
MAX_DASHBOARD_NAME = 255
MAX_TOPIC_NAME = 256
MAX_LOG_GROUP_NAME = 512
MAX_RUNBOOK_URL = 512
SUBSCRIPTION_PROTOCOLS = ("email", "https", "sqs", "lambda")

_PARTITION = r"aws(?:-cn|-us-gov|-iso|-iso-[a-z])?"
_REGION = r"[a-z]{2}(?:-[a-z]+)+-\d+"
_ACCOUNT = r"\d{12}"
_NUM_0_100 = r"(?:100(?:\.0+)?|\d{1,2}(?:\.\d+)?)"
_NUM = r"\d+(?:\.\d+)?"
_PERCENTILE_RE = re.compile(rf"p{_NUM_0_100}")
_TRIMMED_SHORT_RE = re.compile(rf"(?:tm|tc|ts|wm){_NUM_0_100}")
_TRIMMED_RANGE_RE = re.compile(r"(?:TM|TC|TS|WM)\((\d{1,3})%:(\d{1,3})%\)")
_PERCENTILE_RANK_RE = re.compile(rf"PR\(({_NUM})?:({_NUM})?\)")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_KEY_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_PREFIX_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_DASHBOARD_NAME_RE = re.compile(r"[A-Za-z0-9_-]+")
_TOPIC_NAME_RE = re.compile(r"[A-Za-z0-9_-]+")
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z0-9-]{2,}")
_SNS_ARN_RE = re.compile(rf"arn:{_PARTITION}:sns:{_REGION}:{_ACCOUNT}:[A-Za-z0-9_-]{{1,256}}")
_SQS_ARN_RE = re.compile(rf"arn:{_PARTITION}:sqs:{_REGION}:{_ACCOUNT}:[A-Za-z0-9_-]{{1,80}}")
_LAMBDA_ARN_RE = re.compile(
    rf"arn:{_PARTITION}:lambda:{_REGION}:{_ACCOUNT}:function:[A-Za-z0-9_-]{{1,64}}"
    r"(?::(?:\$LATEST|[A-Za-z0-9_-]{1,128}))?"
)
_ACTION_ARN_RE = re.compile(rf"arn:{_PARTITION}:[a-z0-9-]+:[^\s]*")
_KMS_KEY_ID = r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})"
_KMS_ALIAS = r"alias/[A-Za-z0-9/_-]{1,250}"
_KMS_RE = re.compile(
    rf"(?:arn:{_PARTITION}:kms:{_REGION}:{_ACCOUNT}:(?:key/{_KMS_KEY_ID}|{_KMS_ALIAS})"
    rf"|{_KMS_KEY_ID}|{_KMS_ALIAS})"
)
_AWS_MANAGED_ALIAS_RE = re.compile(r"(?:^|:)alias/aws/")
_FUNCTION_NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_LOG_GROUP_RE = re.compile(r"[.\-_/#A-Za-z0-9]{1,512}")
_API_ID_RE = re.compile(r"[a-z0-9]{10}")
_STAGE_RE = re.compile(r"\$default|[A-Za-z0-9_-]{1,128}")
_BUCKET_RE = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


@dataclass(frozen=True)
class Ctx:
    """Which component instance is being checked; builds the error messages."""

    component: str
    name: str

    def fail(self, arg: str, value: Any, rule: str, fix: str) -> NoReturn:
        raise ValueError(
            f"{PACKAGE} {self.component} {self.name!r}: argument {arg!r} is {_show(value)}: "
            f"{rule}. Fix: {fix}"
        )


def is_plain(value: Any) -> bool:
    """``True`` when ``value`` is known now (not an ``Output`` or awaitable)."""
    return not isinstance(value, pulumi.Output) and not hasattr(value, "__await__")


# -- generic shapes ----------------------------------------------------------------------------
def check_known_keys(ctx: Ctx, arg: str, value: Mapping[str, Any], allowed: Sequence[str]) -> None:
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        ctx.fail(
            f"{arg}['{unknown[0]}']" if arg else unknown[0],
            value[unknown[0]],
            f"unknown key {unknown[0]!r}",
            f"use one of the valid keys: {', '.join(allowed)}.",
        )


def check_mapping(ctx: Ctx, arg: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        ctx.fail(arg, value, "expected a mapping (dict)", "pass a dict keyed by a stable key.")
    return value


def check_bool(ctx: Ctx, arg: str, value: Any) -> bool:
    if not isinstance(value, bool):
        ctx.fail(arg, value, "expected True or False", "pass a bool.")
    return value


def check_int(ctx: Ctx, arg: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        ctx.fail(arg, value, "expected a whole number", "pass an int, e.g. 60.")
    return value


def check_number(ctx: Ctx, arg: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        ctx.fail(arg, value, "expected a finite number", "pass an int or float, e.g. 1 or 0.05.")
    return float(value)


def check_str(ctx: Ctx, arg: str, value: Any) -> str:
    if not isinstance(value, str):
        ctx.fail(arg, value, "expected a string", "pass a str.")
    return value


def check_key(ctx: Ctx, arg: str, key: Any) -> str:
    """Keys of monitored resources and subscriptions: used in child and alarm names."""
    if not isinstance(key, str) or not _KEY_RE.fullmatch(key):
        ctx.fail(
            arg,
            key,
            "keys must be 1-64 characters of letters, digits, '_' and '-', starting with a "
            "letter or digit (they become part of resource and alarm names)",
            "use a short stable key such as 'orders-api'.",
        )
    return key


# -- CloudWatch alarm rules (B.5) --------------------------------------------------------------
def check_period(ctx: Ctx, arg: str, value: Any, *, high_resolution: bool = False) -> int:
    period = check_int(ctx, arg, value)
    if period in SUB_MINUTE_PERIODS:
        if not high_resolution:
            ctx.fail(
                arg,
                value,
                "10, 20 and 30 second periods are only for high-resolution custom metrics; "
                "AWS/Lambda, AWS/ApiGateway and AWS/S3 request metrics are 1-minute metrics, "
                "so the alarm would sit in INSUFFICIENT_DATA (and be billed as high-resolution)",
                "use 60 or a multiple of 60.",
            )
        return period
    if period <= 0 or period % 60:
        ctx.fail(
            arg,
            value,
            "CloudWatch accepts a period of 10, 20, 30 or a multiple of 60 seconds",
            "use 60 or a multiple of 60, e.g. 300.",
        )
    return period


def check_evaluation_periods(ctx: Ctx, arg: str, value: Any) -> int:
    periods = check_int(ctx, arg, value)
    if periods < 1:
        ctx.fail(arg, value, "evaluation periods must be at least 1", "use 1 or more.")
    return periods


def check_evaluation_window(ctx: Ctx, arg: str, period: int, evaluation_periods: int) -> None:
    limit = MAX_WINDOW_HOURLY_PERIODS if period >= 3600 else MAX_WINDOW_SHORT_PERIODS
    window = period * evaluation_periods
    if window > limit:
        ctx.fail(
            arg,
            evaluation_periods,
            f"period x evaluation periods is {period} x {evaluation_periods} = {window} s; "
            f"CloudWatch allows at most {limit} s "
            + (
                "(7 days) when the period is 1 hour or more"
                if period >= 3600
                else "(1 day) when the period is shorter than 1 hour"
            ),
            f"use at most {limit // period} evaluation periods of {period} s, or a longer period.",
        )


def check_datapoints(ctx: Ctx, arg: str, value: Any, evaluation_periods: int) -> int:
    datapoints = check_int(ctx, arg, value)
    if datapoints < 1 or datapoints > evaluation_periods:
        ctx.fail(
            arg,
            value,
            "datapoints to alarm must be between 1 and the evaluation periods "
            f"({evaluation_periods}) (DatapointsToAlarm <= EvaluationPeriods)",
            f"use 1 to {evaluation_periods}, or raise evaluation_periods.",
        )
    return datapoints


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


def check_statistic(ctx: Ctx, arg: str, value: Any) -> bool:
    """Validate a statistic; returns ``True`` when it is an extended statistic."""
    statistic = check_str(ctx, arg, value)
    if statistic in STATISTICS:
        return False
    if not is_extended_statistic(statistic):
        _bad_statistic(ctx, arg, value)
    return True


def _bad_statistic(ctx: Ctx, arg: str, value: Any) -> NoReturn:
    ctx.fail(
        arg,
        value,
        "not a CloudWatch statistic: use one of "
        + ", ".join(STATISTICS)
        + ", or an extended statistic (p0-p100 with optional decimals such as p99.9, tm/tc/ts/wm "
        "followed by a percent such as tm90, IQM, PR(n:m), or TM/TC/TS/WM(X%:Y%) with "
        "10 <= X < Y <= 90)",
        "e.g. 'Sum', 'Average' or 'p99'.",
    )


def check_comparison_operator(ctx: Ctx, arg: str, value: Any) -> str:
    operator = check_str(ctx, arg, value)
    if operator in ANOMALY_ONLY_OPERATORS:
        ctx.fail(
            arg,
            value,
            "this operator is only valid for anomaly-detection alarms (ThresholdMetricId), "
            "and these alarms compare with a static threshold",
            "use one of " + ", ".join(COMPARISON_OPERATORS) + ".",
        )
    if operator not in COMPARISON_OPERATORS:
        ctx.fail(
            arg,
            value,
            "not a CloudWatch comparison operator",
            "use one of " + ", ".join(COMPARISON_OPERATORS) + ".",
        )
    return operator


def check_treat_missing_data(ctx: Ctx, arg: str, value: Any) -> str:
    treat = check_str(ctx, arg, value)
    if treat not in TREAT_MISSING_DATA:
        ctx.fail(
            arg,
            value,
            "TreatMissingData must be one of " + ", ".join(TREAT_MISSING_DATA),
            "use 'notBreaching' for error counters, 'breaching' for heartbeats.",
        )
    return treat


def check_low_sample_count(ctx: Ctx, arg: str, value: Any, *, extended: bool) -> str:
    choice = check_str(ctx, arg, value)
    if choice not in LOW_SAMPLE_COUNT_VALUES:
        ctx.fail(arg, value, "must be 'evaluate' or 'ignore'", "use 'evaluate' or 'ignore'.")
    if not extended:
        ctx.fail(
            arg,
            value,
            "EvaluateLowSampleCountPercentile applies to percentile (extended) statistics only",
            "remove it, or use a percentile statistic such as 'p99'.",
        )
    return choice


def check_alarm_name(ctx: Ctx, arg: str, value: str) -> str:
    if not value or len(value) > MAX_ALARM_NAME or _CONTROL_RE.search(value):
        ctx.fail(
            arg,
            value,
            f"alarm names must be 1-{MAX_ALARM_NAME} characters without control characters "
            f"(this one has {len(value)})",
            "shorten name_prefix or the resource key.",
        )
    return value


def check_alarm_description(ctx: Ctx, arg: str, value: str) -> str:
    if len(value) > MAX_ALARM_DESCRIPTION:
        ctx.fail(
            arg,
            value,
            f"alarm descriptions are limited to {MAX_ALARM_DESCRIPTION} characters "
            f"(this one has {len(value)})",
            "shorten it.",
        )
    return value


def check_name_prefix(ctx: Ctx, arg: str, value: Any) -> str:
    prefix = check_str(ctx, arg, value)
    if not _PREFIX_RE.fullmatch(prefix) or len(prefix) > 200:
        ctx.fail(
            arg,
            value,
            "the name prefix must be 1-200 characters of letters, digits, '_', '.' and '-', "
            "starting with a letter or digit",
            "use '<project>-<stack>', e.g. 'shop-prod'.",
        )
    return prefix


def check_metric_definition(
    ctx: Ctx, arg: str, namespace: str, metric_name: str, dimensions: Mapping[str, Any]
) -> None:
    if not namespace or len(namespace) > 255 or namespace.startswith(":"):
        ctx.fail(
            arg,
            namespace,
            "namespaces are 1-255 characters and may not start with ':'",
            "use a namespace such as 'AWS/Lambda'.",
        )
    if not metric_name or len(metric_name) > 255:
        ctx.fail(arg, metric_name, "metric names are 1-255 characters", "shorten it.")
    if len(dimensions) > MAX_DIMENSIONS:
        ctx.fail(
            arg,
            dict(dimensions),
            f"an alarm's metric may have at most {MAX_DIMENSIONS} dimensions",
            "use fewer dimensions.",
        )


def check_action_arns(ctx: Ctx, arg: str, value: Any, *, reserved: int) -> list[Any]:
    """Extra alarm actions; ``reserved`` slots are taken by the component's own topic."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        ctx.fail(arg, value, "expected a list of ARNs", "pass a list, e.g. [topic_arn].")
    actions = list(value)
    budget = MAX_ACTIONS_PER_STATE - reserved
    if len(actions) > budget:
        ctx.fail(
            arg,
            value,
            f"CloudWatch allows {MAX_ACTIONS_PER_STATE} actions per alarm state and the alarm "
            f"topic takes {reserved}, leaving {budget}",
            f"pass at most {budget} ARNs (fan out through the alarm topic instead).",
        )
    for index, action in enumerate(actions):
        if is_plain(action) and (
            not isinstance(action, str)
            or len(action) > MAX_ACTION_ARN
            or not _ACTION_ARN_RE.fullmatch(action)
        ):
            ctx.fail(
                f"{arg}[{index}]",
                action,
                f"alarm actions must be ARNs of at most {MAX_ACTION_ARN} characters",
                "pass an SNS topic, Lambda function or SSM ARN such as "
                "'arn:aws:sns:us-east-1:123456789012:oncall'.",
            )
    return actions


def check_tags(ctx: Ctx, arg: str, value: Any) -> dict[str, Any]:
    tags = check_mapping(ctx, arg, value)
    if len(tags) > MAX_TAGS:
        ctx.fail(arg, value, f"at most {MAX_TAGS} tags per resource", "drop some tags.")
    for key, tag in tags.items():
        if not isinstance(key, str) or not 1 <= len(key) <= 128 or key.lower().startswith("aws:"):
            ctx.fail(
                f"{arg}[{key!r}]",
                key,
                "tag keys are 1-128 characters and may not start with 'aws:'",
                "rename the tag key.",
            )
        if is_plain(tag) and (not isinstance(tag, str) or len(tag) > 256):
            ctx.fail(
                f"{arg}[{key!r}]",
                tag,
                "tag values are strings of at most 256 characters",
                "shorten the value.",
            )
    return dict(tags)


# -- dashboards --------------------------------------------------------------------------------
def check_dashboard_name(ctx: Ctx, arg: str, value: Any, *, pages: int = 1) -> str:
    name = check_str(ctx, arg, value)
    longest = name if pages == 1 else f"{name}-{pages}"
    if not _DASHBOARD_NAME_RE.fullmatch(name) or len(longest) > MAX_DASHBOARD_NAME:
        ctx.fail(
            arg,
            value,
            f"dashboard names are at most {MAX_DASHBOARD_NAME} characters of A-Z, a-z, 0-9, "
            "'-' and '_' (no spaces or dots)"
            + (f", including the page suffix '-{pages}'" if pages > 1 else ""),
            "use e.g. 'shop-prod-overview'; dashboards are account-global, so include "
            "project and stack.",
        )
    return name


def sanitize_dashboard_name(value: str) -> str:
    """A default dashboard name from a prefix: characters CloudWatch rejects become '-'."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", value)[:MAX_DASHBOARD_NAME]


# -- SNS (B.6) ---------------------------------------------------------------------------------
def check_topic_name(ctx: Ctx, arg: str, value: Any) -> str:
    name = check_str(ctx, arg, value)
    if name.endswith(".fifo"):
        ctx.fail(
            arg,
            value,
            "alarm topics must be standard topics: FIFO topics accept only SQS subscriptions, "
            "so email, HTTPS and Lambda subscribers would never be notified",
            "drop the '.fifo' suffix.",
        )
    if not 1 <= len(name) <= MAX_TOPIC_NAME or not _TOPIC_NAME_RE.fullmatch(name):
        ctx.fail(
            arg,
            value,
            f"topic names are 1-{MAX_TOPIC_NAME} characters of ASCII letters, digits, '_' and '-'",
            "use e.g. 'shop-prod-alarms'.",
        )
    return name


def check_topic_arn(ctx: Ctx, arg: str, value: Any) -> None:
    if not is_plain(value):
        return
    arn = check_str(ctx, arg, value)
    if arn.endswith(".fifo"):
        ctx.fail(
            arg,
            value,
            "CloudWatch alarms need a standard topic; FIFO topics only deliver to SQS",
            "pass the ARN of a standard SNS topic.",
        )
    if not _SNS_ARN_RE.fullmatch(arn):
        ctx.fail(
            arg,
            value,
            "not an SNS topic ARN",
            "pass e.g. 'arn:aws:sns:us-east-1:123456789012:shop-prod-alarms'.",
        )


def check_kms_key(ctx: Ctx, arg: str, value: Any) -> None:
    if not is_plain(value):
        return
    key = check_str(ctx, arg, value)
    if _AWS_MANAGED_ALIAS_RE.search(key):
        ctx.fail(
            arg,
            value,
            "this is an AWS managed key: its key policy cannot grant cloudwatch.amazonaws.com, "
            "so the topic deploys fine and then alarm notifications are silently dropped",
            "leave kms_key_arn unset, set create_kms_key=True, or pass a customer managed key "
            "whose policy grants cloudwatch.amazonaws.com kms:GenerateDataKey* and kms:Decrypt.",
        )
    if not _KMS_RE.fullmatch(key):
        ctx.fail(
            arg,
            value,
            "not a KMS key id, key ARN, alias name or alias ARN",
            "pass e.g. 'arn:aws:kms:us-east-1:123456789012:key/<key id>'.",
        )


def check_subscription_endpoint(ctx: Ctx, arg: str, protocol: str, endpoint: Any) -> None:
    if not is_plain(endpoint):
        return
    text = check_str(ctx, arg, endpoint)
    if protocol == "email":
        if not _EMAIL_RE.fullmatch(text) or len(text) > 254:
            ctx.fail(arg, endpoint, "not an email address", "use e.g. 'oncall@example.com'.")
    elif protocol == "https":
        parsed = urlparse(text)
        if parsed.scheme != "https" or not parsed.hostname or any(c.isspace() for c in text):
            ctx.fail(
                arg,
                endpoint,
                "https subscriptions need an https:// URL with a host",
                "use e.g. 'https://hooks.example.com/alarms'.",
            )
    elif protocol == "sqs":
        if text.endswith(".fifo"):
            ctx.fail(
                arg,
                endpoint,
                "a standard topic cannot deliver to a FIFO queue",
                "subscribe a standard SQS queue.",
            )
        if not _SQS_ARN_RE.fullmatch(text):
            ctx.fail(
                arg,
                endpoint,
                "sqs subscriptions need a queue ARN (not a queue URL)",
                "use e.g. 'arn:aws:sqs:us-east-1:123456789012:alarms'.",
            )
    elif not _LAMBDA_ARN_RE.fullmatch(text):
        ctx.fail(
            arg,
            endpoint,
            "lambda subscriptions need a function ARN",
            "use e.g. 'arn:aws:lambda:us-east-1:123456789012:function:notify'.",
        )


def check_runbook_url(ctx: Ctx, arg: str, value: Any) -> str:
    url = check_str(ctx, arg, value)
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.hostname or len(url) > MAX_RUNBOOK_URL:
        ctx.fail(
            arg,
            value,
            f"runbook links must be https:// URLs of at most {MAX_RUNBOOK_URL} characters "
            "(they go into every alarm description, limited to 1,024 characters)",
            "use e.g. 'https://wiki.example.com/runbooks/shop'.",
        )
    return url


# -- monitored resources -----------------------------------------------------------------------
def check_function_name(ctx: Ctx, arg: str, value: Any) -> None:
    if is_plain(value) and (not isinstance(value, str) or not _FUNCTION_NAME_RE.fullmatch(value)):
        ctx.fail(
            arg,
            value,
            "the FunctionName dimension needs the function name (1-64 letters, digits, '_' "
            "and '-'), not an ARN",
            "pass the function's name, e.g. 'orders-api'.",
        )


def check_timeout_seconds(ctx: Ctx, arg: str, value: Any) -> None:
    if is_plain(value):
        timeout = check_int(ctx, arg, value)
        if not 1 <= timeout <= 900:
            ctx.fail(arg, value, "Lambda timeouts are 1-900 seconds", "use the function's timeout.")


def check_log_group_name(ctx: Ctx, arg: str, value: Any) -> None:
    if is_plain(value) and (not isinstance(value, str) or not _LOG_GROUP_RE.fullmatch(value)):
        ctx.fail(
            arg,
            value,
            f"log group names are 1-{MAX_LOG_GROUP_NAME} characters of letters, digits and '.-_/#'",
            "pass e.g. '/aws/lambda/orders-api'.",
        )


def check_api_id(ctx: Ctx, arg: str, value: Any) -> None:
    if is_plain(value) and (not isinstance(value, str) or not _API_ID_RE.fullmatch(value)):
        ctx.fail(
            arg,
            value,
            "the ApiId dimension needs the 10-character API id (lowercase letters and digits), "
            "not the API name or URL",
            "pass the api's id, e.g. 'a1b2c3d4e5'.",
        )


def check_stage_name(ctx: Ctx, arg: str, value: Any) -> None:
    if is_plain(value) and (not isinstance(value, str) or not _STAGE_RE.fullmatch(value)):
        ctx.fail(
            arg,
            value,
            "stage names are '$default' or 1-128 letters, digits, '_' and '-'",
            "pass the stage name, e.g. '$default' or 'prod'.",
        )


def check_bucket_name(ctx: Ctx, arg: str, value: Any) -> None:
    if is_plain(value) and (not isinstance(value, str) or not _BUCKET_RE.fullmatch(value)):
        ctx.fail(
            arg,
            value,
            "bucket names are 3-63 lowercase letters, digits, '.' and '-' (S3 naming rules)",
            "pass the bucket's name, not its ARN, e.g. 'shop-prod-uploads'.",
        )


_TARGET_FIELDS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "functions": ("function_name", ("function_name", "timeout_seconds", "log_group_name")),
    "apis": ("api_id", ("api_id", "stage_name")),
    "buckets": ("bucket_name", ("bucket_name", "bucket")),
}


def _read_target(ctx: Ctx, arg: str, resource_type: str, value: Any) -> dict[str, Any]:
    required, fields = _TARGET_FIELDS[resource_type]
    if isinstance(value, str | pulumi.Output):
        return {required: value}
    if isinstance(value, Mapping):
        check_known_keys(ctx, arg, value, fields)
        if value.get(required) is None:
            ctx.fail(arg, dict(value), f"missing {required!r}", f"add {required!r} to the dict.")
        return {k: value.get(k) for k in fields if value.get(k) is not None}
    if getattr(value, required, None) is None:
        ctx.fail(
            arg,
            value,
            f"expected a {required} (str or Output[str]), a dict with {required!r}, or an "
            f"object with a {required!r} attribute",
            f"pass e.g. {{'{required}': ...}} or the component itself.",
        )
    return {k: getattr(value, k) for k in fields if getattr(value, k, None) is not None}


def _function_target(ctx: Ctx, arg: str, key: str, value: Any) -> FunctionTarget:
    raw = _read_target(ctx, arg, "functions", value)
    name = raw["function_name"]
    check_function_name(ctx, f"{arg}['function_name']", name)
    timeout = raw.get("timeout_seconds")
    if timeout is not None:
        check_timeout_seconds(ctx, f"{arg}['timeout_seconds']", timeout)
    log_group = raw.get("log_group_name")
    if log_group is None:
        log_group = (
            f"/aws/lambda/{name}" if is_plain(name) else pulumi.Output.concat("/aws/lambda/", name)
        )
    check_log_group_name(ctx, f"{arg}['log_group_name']", log_group)
    return FunctionTarget(key, name, log_group, timeout)


def _api_target(ctx: Ctx, arg: str, key: str, value: Any) -> ApiTarget:
    raw = _read_target(ctx, arg, "apis", value)
    check_api_id(ctx, f"{arg}['api_id']", raw["api_id"])
    stage = raw.get("stage_name")
    if stage is not None:
        check_stage_name(ctx, f"{arg}['stage_name']", stage)
    return ApiTarget(key, raw["api_id"], stage)


def _bucket_target(ctx: Ctx, arg: str, key: str, value: Any) -> BucketTarget:
    raw = _read_target(ctx, arg, "buckets", value)
    check_bucket_name(ctx, f"{arg}['bucket_name']", raw["bucket_name"])
    bucket = raw.get("bucket")
    if bucket is not None and not isinstance(bucket, pulumi.Resource):
        ctx.fail(
            f"{arg}['bucket']",
            bucket,
            "expected the bucket resource (used to order the request-metrics configuration)",
            "pass the aws.s3.Bucket, or leave 'bucket' out.",
        )
    return BucketTarget(key, raw["bucket_name"], bucket)


_TARGET_READERS: Mapping[str, Callable[[Ctx, str, str, Any], Any]] = {
    "functions": _function_target,
    "apis": _api_target,
    "buckets": _bucket_target,
}


@dataclass
class Targets:
    """Monitored resources, normalised and sorted by key."""

    functions: list[FunctionTarget] = field(default_factory=list)
    apis: list[ApiTarget] = field(default_factory=list)
    buckets: list[BucketTarget] = field(default_factory=list)

    def by_key(self) -> dict[str, tuple[str, Any]]:
        out: dict[str, tuple[str, Any]] = {}
        for resource_type in RESOURCE_TYPES:
            for target in getattr(self, resource_type):
                out[target.key] = (resource_type, target)
        return out

    def count(self) -> int:
        return len(self.functions) + len(self.apis) + len(self.buckets)


def read_targets(ctx: Ctx, args: Mapping[str, Any]) -> Targets:
    """Normalise ``functions``/``apis``/``buckets``; keys must be unique across all three."""
    targets = Targets()
    seen: dict[str, str] = {}
    for resource_type in RESOURCE_TYPES:
        raw = args.get(resource_type)
        if raw is None:
            continue
        mapping = check_mapping(ctx, resource_type, raw)
        for key in sorted(mapping, key=str):
            check_key(ctx, f"{resource_type}[{key!r}]", key)
            if key in seen:
                ctx.fail(
                    f"{resource_type}[{key!r}]",
                    key,
                    f"the key is already used in {seen[key]!r}; keys name alarms "
                    "('<key>/<kind>') and must be unique across functions, apis and buckets",
                    "rename one of them.",
                )
            seen[key] = resource_type
            reader = _TARGET_READERS[resource_type]
            getattr(targets, resource_type).append(
                reader(ctx, f"{resource_type}[{key!r}]", key, mapping[key])
            )
    if targets.count() == 0:
        ctx.fail(
            "functions",
            args.get("functions"),
            "nothing to monitor: functions, apis and buckets are all empty",
            "pass at least one function, HTTP API or bucket.",
        )
    return targets


# -- alarm settings ----------------------------------------------------------------------------
def check_settings_layer(ctx: Ctx, arg: str, value: Any) -> Mapping[str, Any]:
    """Shape and single-field rules of one ``AlarmSettings`` dict."""
    layer = check_mapping(ctx, arg, value)
    check_known_keys(ctx, arg, layer, ALARM_SETTINGS_KEYS)
    for key, item in layer.items():
        where = f"{arg}['{key}']"
        if key == "enabled":
            check_bool(ctx, where, item)
        elif key == "threshold":
            check_number(ctx, where, item)
        elif key == "period_seconds":
            check_period(ctx, where, item)
        elif key == "evaluation_periods":
            check_evaluation_periods(ctx, where, item)
        elif key == "datapoints_to_alarm":
            if check_int(ctx, where, item) < 1:
                ctx.fail(where, item, "datapoints to alarm must be at least 1", "use 1 or more.")
        elif key == "statistic":
            check_statistic(ctx, where, item)
        elif key == "comparison_operator":
            check_comparison_operator(ctx, where, item)
        elif key == "treat_missing_data":
            check_treat_missing_data(ctx, where, item)
        else:
            check_str(ctx, where, item)
    return layer


def resolve_settings(
    ctx: Ctx, kind: AlarmKind, layers: Sequence[tuple[str, Mapping[str, Any]]]
) -> tuple[bool, ResolvedAlarmSettings]:
    """Merge catalogue defaults with ``layers`` (argument path, settings), later layers winning.

    Returns ``(enabled, settings)``; combination rules are checked here, and a failure names
    the argument that set the offending value.
    """
    merged: dict[str, Any] = {
        "enabled": True,
        "threshold": kind.threshold,
        "period_seconds": kind.period_seconds,
        "evaluation_periods": kind.evaluation_periods,
        "statistic": kind.statistic,
        "comparison_operator": kind.comparison_operator,
        "treat_missing_data": kind.treat_missing_data,
    }
    source: dict[str, str] = {}
    for arg, layer in layers:
        for key, item in layer.items():
            merged[key] = item
            source[key] = f"{arg}['{key}']"
    period = merged["period_seconds"]
    evaluation_periods = merged["evaluation_periods"]
    window_arg = source.get("evaluation_periods") or source.get("period_seconds", "")
    check_evaluation_window(ctx, window_arg, period, evaluation_periods)
    datapoints = merged.get("datapoints_to_alarm", evaluation_periods)
    if "datapoints_to_alarm" in source:
        check_datapoints(ctx, source["datapoints_to_alarm"], datapoints, evaluation_periods)
    extended = is_extended_statistic(merged["statistic"])
    low_sample = merged.get("evaluate_low_sample_count_percentile")
    if low_sample is not None:
        check_low_sample_count(
            ctx, source["evaluate_low_sample_count_percentile"], low_sample, extended=extended
        )
    threshold = merged["threshold"]
    if (
        kind.rate
        and merged["statistic"] == "Average"
        and threshold is not None
        and not 0 <= threshold <= 1
    ):
        ctx.fail(
            source.get("threshold", "thresholds"),
            threshold,
            f"the {kind.kind} alarm averages a 0/1 metric, so its threshold is a fraction of "
            "requests between 0 and 1",
            "use e.g. 0.05 for 5 %.",
        )
    return merged["enabled"], ResolvedAlarmSettings(
        threshold=None if threshold is None else float(threshold),
        period_seconds=period,
        evaluation_periods=evaluation_periods,
        datapoints_to_alarm=datapoints,
        statistic=merged["statistic"],
        extended=extended,
        comparison_operator=merged["comparison_operator"],
        treat_missing_data=merged["treat_missing_data"],
        evaluate_low_sample_count_percentile=low_sample,
    )


@dataclass(frozen=True)
class PlannedAlarm:
    """One alarm to create: which resource, which kind, with which settings and name."""

    alarm_id: str
    """``"<resource key>/<kind>"``."""
    resource_type: str
    target: Any
    kind: AlarmKind
    settings: ResolvedAlarmSettings
    alarm_name: str
    duration_percent_of_timeout: float = DEFAULT_DURATION_PERCENT_OF_TIMEOUT


def plan_alarms(
    ctx: Ctx,
    targets: Targets,
    *,
    name_prefix: str,
    thresholds: Mapping[str, Any] | None,
    overrides: Mapping[str, Any] | None,
    disabled_alarms: Sequence[str] | None,
    duration_percent_of_timeout: float,
) -> list[PlannedAlarm]:
    """Every alarm for ``targets`` after thresholds, overrides and disabling, sorted by id."""
    by_key = targets.by_key()
    per_kind: dict[str, dict[str, Mapping[str, Any]]] = {}
    if thresholds is not None:
        check_mapping(ctx, "thresholds", thresholds)
        check_known_keys(ctx, "thresholds", thresholds, RESOURCE_TYPES)
        for resource_type, kinds in thresholds.items():
            arg = f"thresholds['{resource_type}']"
            check_mapping(ctx, arg, kinds)
            check_known_keys(ctx, arg, kinds, tuple(ALARM_KINDS[resource_type]))
            per_kind[resource_type] = {
                kind: check_settings_layer(ctx, f"{arg}['{kind}']", layer)
                for kind, layer in kinds.items()
            }
    per_resource: dict[str, dict[str, Mapping[str, Any]]] = {}
    if overrides is not None:
        check_mapping(ctx, "overrides", overrides)
        check_known_keys(ctx, "overrides", overrides, tuple(by_key))
        for key, kinds in overrides.items():
            arg = f"overrides['{key}']"
            check_mapping(ctx, arg, kinds)
            check_known_keys(ctx, arg, kinds, tuple(ALARM_KINDS[by_key[key][0]]))
            per_resource[key] = {
                kind: check_settings_layer(ctx, f"{arg}['{kind}']", layer)
                for kind, layer in kinds.items()
            }
    valid_ids = [
        f"{key}/{kind}"
        for key, (resource_type, _) in by_key.items()
        for kind in ALARM_KINDS[resource_type]
    ]
    disabled: set[str] = set()
    if disabled_alarms is not None:
        if isinstance(disabled_alarms, str) or not isinstance(disabled_alarms, Sequence):
            ctx.fail(
                "disabled_alarms",
                disabled_alarms,
                "expected a list of '<resource key>/<alarm kind>' strings",
                "pass e.g. ['orders/duration'].",
            )
        for index, alarm_id in enumerate(disabled_alarms):
            if alarm_id not in valid_ids:
                ctx.fail(
                    f"disabled_alarms[{index}]",
                    alarm_id,
                    "no such alarm",
                    "use '<resource key>/<alarm kind>', one of: "
                    + ", ".join(sorted(valid_ids))
                    + ".",
                )
            disabled.add(alarm_id)
    planned: list[PlannedAlarm] = []
    for key in sorted(by_key):
        resource_type, target = by_key[key]
        for kind_name, kind in ALARM_KINDS[resource_type].items():
            alarm_id = f"{key}/{kind_name}"
            layers: list[tuple[str, Mapping[str, Any]]] = []
            if kind_name in per_kind.get(resource_type, {}):
                layers.append(
                    (
                        f"thresholds['{resource_type}']['{kind_name}']",
                        per_kind[resource_type][kind_name],
                    )
                )
            if kind_name in per_resource.get(key, {}):
                layers.append((f"overrides['{key}']['{kind_name}']", per_resource[key][kind_name]))
            enabled, settings = resolve_settings(ctx, kind, layers)
            if not enabled or alarm_id in disabled:
                continue
            if (
                settings.threshold is None
                and isinstance(target, FunctionTarget)
                and target.timeout_seconds is None
            ):
                ctx.fail(
                    f"functions[{key!r}]",
                    target.function_name,
                    "the duration alarm needs the function's timeout (its threshold is "
                    f"{duration_percent_of_timeout:g} % of it), and none was given",
                    f"pass {{'function_name': ..., 'timeout_seconds': ...}}, set "
                    f"overrides['{key}']['duration']['threshold'] in ms, or add "
                    f"'{alarm_id}' to disabled_alarms.",
                )
            alarm_name = check_alarm_name(ctx, "name_prefix", f"{name_prefix}-{key}-{kind_name}")
            check_metric_definition(
                ctx, alarm_id, kind.namespace, kind.metric_name, dimension_names(target)
            )
            planned.append(
                PlannedAlarm(
                    alarm_id=alarm_id,
                    resource_type=resource_type,
                    target=target,
                    kind=kind,
                    settings=settings,
                    alarm_name=alarm_name,
                    duration_percent_of_timeout=duration_percent_of_timeout,
                )
            )
    return planned


def dimension_names(target: Any) -> dict[str, None]:
    """The CloudWatch dimension names an alarm on ``target`` uses."""
    if isinstance(target, FunctionTarget):
        return {"FunctionName": None}
    if isinstance(target, ApiTarget):
        return {"ApiId": None} | ({"Stage": None} if target.stage_name is not None else {})
    return {"BucketName": None, "FilterId": None}


def check_duration_percent(ctx: Ctx, arg: str, value: Any) -> float:
    percent = check_number(ctx, arg, value)
    if not 0 < percent <= 100:
        ctx.fail(
            arg,
            value,
            "the duration threshold is a percentage of the timeout, above 0 and at most 100",
            "use e.g. 80.",
        )
    return percent


# -- component argument checks -----------------------------------------------------------------
DASHBOARD_ARG_KEYS = (
    "dashboard_name",
    "functions",
    "apis",
    "buckets",
    "alarm_arns",
    "service_name",
    "environment",
    "period_seconds",
    "region",
)


@dataclass(frozen=True)
class DashboardPlan:
    """Validated, normalised input of a ``Dashboard``: its name and its pages."""

    dashboard_name: str
    pages: list[dict[str, Any]]


def validate_dashboard_args(
    name: str,
    args: Any,
    *,
    project: str,
    stack: str,
    component: str = "Dashboard",
    default_name: str | None = None,
    alarm_ids: Sequence[str] = (),
) -> DashboardPlan:
    """Check every plain value of ``DashboardArgs`` and plan the pages; registers nothing.

    ``component`` names the component in messages (``ServiceMonitor`` checks the dashboard it
    will create with its own argument names, which match these); ``alarm_ids`` plans for alarms
    whose ARNs do not exist yet.
    """
    ctx = Ctx(component, name)
    if not isinstance(args, Mapping):
        ctx.fail("args", args, "expected DashboardArgs (a dict)", "pass DashboardArgs(...).")
    if component == "Dashboard":
        check_known_keys(ctx, "", args, DASHBOARD_ARG_KEYS)
    targets = read_targets(ctx, args)
    period = check_period(ctx, "period_seconds", args.get("period_seconds", 60))
    service_name = check_str(ctx, "service_name", args.get("service_name", project))
    environment = check_str(ctx, "environment", args.get("environment", stack))
    alarm_arns = check_mapping(ctx, "alarm_arns", args.get("alarm_arns") or {})
    for key, arn in alarm_arns.items():
        if not isinstance(key, str) or not key:
            ctx.fail(
                "alarm_arns",
                key,
                "alarm keys must be non-empty strings",
                "key alarms by '<resource key>/<kind>'.",
            )
        if is_plain(arn) and (not isinstance(arn, str) or ":cloudwatch:" not in arn):
            ctx.fail(
                f"alarm_arns[{key!r}]",
                arn,
                "not a CloudWatch alarm ARN",
                "pass the alarm's arn output.",
            )
    spec: dict[str, Any] = {
        "service_name": service_name,
        "environment": environment,
        "period_seconds": period,
        "functions": [
            {"key": t.key, "function_name": t.function_name, "log_group_name": t.log_group_name}
            for t in targets.functions
        ],
        "apis": [
            {"key": t.key, "api_id": t.api_id, "stage_name": t.stage_name} for t in targets.apis
        ],
        "buckets": [
            {
                "key": t.key,
                "bucket_name": t.bucket_name,
                "filter_id": BUCKET_REQUEST_METRICS_FILTER_ID,
            }
            for t in targets.buckets
        ],
        "alarms": [{"key": k, "arn": alarm_arns[k]} for k in sorted(alarm_arns)]
        + [{"key": k, "arn": None} for k in sorted(alarm_ids)],
    }
    pages = paginate_dashboard_spec(spec)
    if default_name is None:
        default_name = sanitize_dashboard_name(f"{project}-{stack}-{name}")
    dashboard_name = check_dashboard_name(
        ctx, "dashboard_name", args.get("dashboard_name", default_name), pages=len(pages)
    )
    return DashboardPlan(dashboard_name, pages)


ALARM_TOPIC_ARG_KEYS = ("topic_name", "subscriptions", "kms_key_arn", "create_kms_key", "tags")
SUBSCRIPTION_KEYS = ("protocol", "endpoint", "dead_letter_queue_arn")


def validate_alarm_topic_args(
    name: str, args: Any, *, component: str = "AlarmTopic", arg_prefix: str = ""
) -> None:
    """Check every plain value of ``AlarmTopicArgs``; registers nothing.

    ``arg_prefix`` qualifies argument names when the args are nested (``ServiceMonitor``'s
    ``topic``).
    """
    ctx = Ctx(component, name)
    if not isinstance(args, Mapping):
        ctx.fail(
            arg_prefix or "args",
            args,
            "expected AlarmTopicArgs (a dict)",
            "pass AlarmTopicArgs(...).",
        )
    check_known_keys(ctx, arg_prefix, args, ALARM_TOPIC_ARG_KEYS)
    p = arg_prefix
    if args.get("topic_name") is not None:
        check_topic_name(ctx, _arg(p, "topic_name"), args["topic_name"])
    create_key = args.get("create_kms_key", False)
    check_bool(ctx, _arg(p, "create_kms_key"), create_key)
    if args.get("kms_key_arn") is not None:
        if create_key:
            ctx.fail(
                _arg(p, "kms_key_arn"),
                args["kms_key_arn"],
                "kms_key_arn and create_kms_key=True both choose the topic's key",
                "pass one of them.",
            )
        check_kms_key(ctx, _arg(p, "kms_key_arn"), args["kms_key_arn"])
    if args.get("tags") is not None:
        check_tags(ctx, _arg(p, "tags"), args["tags"])
    subscriptions = check_mapping(ctx, _arg(p, "subscriptions"), args.get("subscriptions") or {})
    for key in sorted(subscriptions, key=str):
        where = f"{_arg(p, 'subscriptions')}[{key!r}]"
        check_key(ctx, where, key)
        sub = check_mapping(ctx, where, subscriptions[key])
        check_known_keys(ctx, where, sub, SUBSCRIPTION_KEYS)
        protocol = sub.get("protocol")
        if protocol not in SUBSCRIPTION_PROTOCOLS:
            ctx.fail(
                f"{where}['protocol']",
                protocol,
                "alarm topic subscriptions support " + ", ".join(SUBSCRIPTION_PROTOCOLS),
                "use 'email', 'https', 'sqs' or 'lambda'.",
            )
        if sub.get("endpoint") is None:
            ctx.fail(
                f"{where}['endpoint']",
                None,
                "every subscription needs an endpoint",
                "add the email address, URL or ARN.",
            )
        check_subscription_endpoint(ctx, f"{where}['endpoint']", protocol, sub["endpoint"])
        dlq = sub.get("dead_letter_queue_arn")
        if dlq is not None:
            if protocol == "email":
                ctx.fail(
                    f"{where}['dead_letter_queue_arn']",
                    dlq,
                    "SNS redrive policies apply to sqs, lambda and https subscriptions, not email",
                    "remove it from the email subscription.",
                )
            check_subscription_endpoint(ctx, f"{where}['dead_letter_queue_arn']", "sqs", dlq)


def _arg(prefix: str, key: str) -> str:
    return f"{prefix}['{key}']" if prefix else key


SERVICE_MONITOR_ARG_KEYS = (
    "functions",
    "apis",
    "buckets",
    "name_prefix",
    "alarm_topic_arn",
    "topic",
    "thresholds",
    "overrides",
    "disabled_alarms",
    "duration_percent_of_timeout",
    "additional_alarm_actions",
    "disable_alarm_actions",
    "runbook_url",
    "create_bucket_request_metrics",
    "create_dashboard",
    "dashboard_name",
    "service_name",
    "environment",
    "tags",
)


@dataclass(frozen=True)
class MonitorPlan:
    """Validated, normalised input of a ``ServiceMonitor``."""

    targets: Targets
    alarms: list[PlannedAlarm]
    name_prefix: str
    dashboard: DashboardPlan | None
    additional_alarm_actions: list[Any]
    tags: dict[str, Any]
    """Extra tags of alarms (and, merged under ``topic['tags']``, of the topic)."""
    runbook_url: str | None
    disable_alarm_actions: bool


def validate_service_monitor_args(name: str, args: Any, *, project: str, stack: str) -> MonitorPlan:
    """Check every plain value of ``ServiceMonitorArgs`` and plan every alarm; registers nothing."""
    ctx = Ctx("ServiceMonitor", name)
    if not isinstance(args, Mapping):
        ctx.fail(
            "args", args, "expected ServiceMonitorArgs (a dict)", "pass ServiceMonitorArgs(...)."
        )
    check_known_keys(ctx, "", args, SERVICE_MONITOR_ARG_KEYS)
    targets = read_targets(ctx, args)
    name_prefix = check_name_prefix(
        ctx, "name_prefix", args.get("name_prefix", f"{project}-{stack}-{name}")
    )
    if args.get("alarm_topic_arn") is not None:
        if args.get("topic") is not None:
            ctx.fail(
                "topic",
                args["topic"],
                "topic configures the alarm topic this component creates, but alarm_topic_arn "
                "says to use an existing one",
                "pass one of them.",
            )
        check_topic_arn(ctx, "alarm_topic_arn", args["alarm_topic_arn"])
    else:
        validate_alarm_topic_args(
            name, args.get("topic") or {}, component="ServiceMonitor", arg_prefix="topic"
        )
    percent = check_duration_percent(
        ctx,
        "duration_percent_of_timeout",
        args.get("duration_percent_of_timeout", DEFAULT_DURATION_PERCENT_OF_TIMEOUT),
    )
    for flag in ("disable_alarm_actions", "create_bucket_request_metrics", "create_dashboard"):
        if flag in args:
            check_bool(ctx, flag, args[flag])
    actions = check_action_arns(
        ctx, "additional_alarm_actions", args.get("additional_alarm_actions") or [], reserved=1
    )
    runbook_url = args.get("runbook_url")
    if runbook_url is not None:
        check_runbook_url(ctx, "runbook_url", runbook_url)
    tags = check_tags(ctx, "tags", args.get("tags") or {})
    topic_tags = dict((args.get("topic") or {}).get("tags") or {})
    check_tags(ctx, "tags", {"managed-by": "", **tags, **topic_tags})
    alarms = plan_alarms(
        ctx,
        targets,
        name_prefix=name_prefix,
        thresholds=args.get("thresholds"),
        overrides=args.get("overrides"),
        disabled_alarms=args.get("disabled_alarms"),
        duration_percent_of_timeout=percent,
    )
    dashboard = None
    if args.get("create_dashboard", True):
        dashboard = validate_dashboard_args(
            name,
            {
                k: args[k]
                for k in (
                    "functions",
                    "apis",
                    "buckets",
                    "dashboard_name",
                    "service_name",
                    "environment",
                )
                if k in args
            },
            project=project,
            stack=stack,
            component="ServiceMonitor",
            default_name=sanitize_dashboard_name(name_prefix),
            alarm_ids=[a.alarm_id for a in alarms],
        )
    return MonitorPlan(
        targets=targets,
        alarms=alarms,
        name_prefix=name_prefix,
        dashboard=dashboard,
        additional_alarm_actions=actions,
        tags=tags,
        runbook_url=runbook_url,
        disable_alarm_actions=bool(args.get("disable_alarm_actions", False)),
    )
