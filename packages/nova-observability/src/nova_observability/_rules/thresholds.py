"""Rules for alarm settings (``thresholds`` per kind, ``overrides`` per resource).

One settings layer is checked key by key when it is read; the merged settings of an alarm
(catalogue default, then ``thresholds``, then ``overrides``) are checked together, and a failure
names the argument that set the offending value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from nova_core import Checker, field
from nova_observability.alarms import ALARM_SETTINGS_KEYS as SETTINGS_KEYS

from . import alarms as rules


def threshold_value(check: Checker, argument: str, value: Any) -> float:
    number = check.number(argument, value, plain=True)
    assert number is not None
    if not math.isfinite(number):
        check.fail(argument, value, "must be a finite number", "pass an int or float, e.g. 1")
    return float(number)


def settings_layer(check: Checker, argument: str, value: Any) -> Mapping[str, Any]:
    """Shape and single-key rules of one ``AlarmSettings`` dict."""
    layer = check.mapping(argument, value)
    if layer is None:
        check.fail(
            argument, value, "must be a dict of alarm settings", "pass e.g. {'threshold': 5}"
        )
    check.keys(argument, layer, SETTINGS_KEYS)
    for key, item in layer.items():
        where = field(argument, key)
        if key == "enabled":
            check.boolean(where, item, plain=True)
        elif key == "threshold":
            threshold_value(check, where, item)
        elif key == "period_seconds":
            rules.period(check, where, item)
        elif key == "evaluation_periods":
            rules.evaluation_periods(check, where, item)
        elif key == "datapoints_to_alarm":
            check.integer(where, item, minimum=1, source=rules.SOURCE, plain=True)
        elif key == "statistic":
            rules.statistic(check, where, item)
        elif key == "comparison_operator":
            rules.comparison_operator(check, where, item)
        elif key == "treat_missing_data":
            rules.treat_missing_data(check, where, item)
        else:
            check.one_of(where, item, rules.LOW_SAMPLE_COUNT_VALUES, plain=True)
    return layer


def threshold_meaning(
    check: Checker,
    argument: str,
    threshold: Any,
    *,
    kind: str,
    rate: bool,
    statistic: str,
    operator: str,
) -> None:
    """A threshold that makes the alarm fire always (or never) is refused.

    Every metric the catalogue watches is a count, a duration or a 0/1 rate: never negative. So
    ``errors >= -1`` (or ``> -1``) fires on every datapoint and ``< 0`` never fires; ``>= 0``
    fires on every datapoint as well. A rate (``Average`` of a 0/1 metric) is a fraction.
    """
    if threshold < 0:
        check.fail(
            argument,
            threshold,
            f"the {kind} alarm watches a metric that is never negative, so a negative threshold "
            "makes it fire on every datapoint (or never)",
            "use 0 or more (e.g. 1 to alarm on the first occurrence)",
        )
    if threshold == 0 and operator == "GreaterThanOrEqualToThreshold":
        check.fail(
            argument,
            threshold,
            f"the {kind} alarm with GreaterThanOrEqualToThreshold 0 fires on every datapoint, "
            "including healthy ones",
            "use a threshold above 0, or comparison_operator 'GreaterThanThreshold'",
        )
    if rate and statistic == "Average" and threshold > 1:
        check.fail(
            argument,
            threshold,
            f"the {kind} alarm averages a 0/1 metric, so its threshold is a fraction of "
            "requests between 0 and 1",
            "use e.g. 0.05 for 5 %",
        )


def duration_percent(check: Checker, argument: str, value: Any) -> float:
    percent = check.number(argument, value, plain=True)
    assert percent is not None
    if not 0 < percent <= 100:
        check.fail(
            argument,
            value,
            "the duration threshold is a percentage of the timeout, above 0 and at most 100",
            "use e.g. 80",
        )
    return float(percent)


def queue_age_percent(check: Checker, argument: str, value: Any) -> float:
    percent = check.number(argument, value, plain=True)
    assert percent is not None
    if not 0 < percent < 100:
        check.fail(
            argument,
            value,
            "the age threshold is a percentage of the queue's retention, above 0 and below 100 "
            "(messages are deleted at the retention, so 100 % never fires)",
            "use e.g. 50",
        )
    return float(percent)
