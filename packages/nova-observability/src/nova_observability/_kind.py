"""One alarm kind of the catalogue and the constants the catalogue modules share."""

from nova_core.records import Record

__all__ = ["AlarmKind", "LOGS_INSIGHTS_ERROR_QUERY", "MAX_ALARM_DESCRIPTION"]

MAX_ALARM_DESCRIPTION = 1024
"""CloudWatch limit on ``AlarmDescription`` (characters)."""

LOGS_INSIGHTS_ERROR_QUERY = (
    "fields @timestamp, @message, @requestId"
    ' | filter level = "ERROR" or @message like /ERROR/'
    " | sort @timestamp desc | limit 50"
)
"""Logs Insights query for recent errors (JSON ``level`` field or an ``ERROR`` text match)."""


class AlarmKind(Record):
    """One alarm of the catalogue, with its defaults."""

    resource_type: str
    """``functions``, ``apis``, ``buckets``, ``queues`` or ``tables``."""
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
    enabled_by_default: bool = True
    """``False`` for opt-in alarms (``{"enabled": True}`` in ``thresholds`` or ``overrides``)."""
    shape: str = "metric"
    """How the alarm reads its metric: ``metric`` (one metric), ``operations`` (metric math over
    the table's operations: ``expression`` of ``METRICS()``), ``consumer_stopped`` (metric math:
    messages visible while none are received)."""
    expression: str = ""
    """Metric math over the per-operation metrics (``shape="operations"``)."""
    subject: str = ""
    """Subject of the description when it is not the resource type's (the dead-letter queue)."""
    fixed: tuple[str, ...] = ()
    """Settings that cannot be changed for this kind (metric math alarms compare a 0/1 flag)."""
