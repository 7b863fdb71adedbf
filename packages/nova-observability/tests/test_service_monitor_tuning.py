"""ServiceMonitor tuning: thresholds per kind, overrides per resource, alarms switched off and on."""

import pytest
from observability_service_monitor_helpers import ALARM, alarm, full_args, run


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
