import pytest

from nova_observability import ALARM_KINDS, alarm_description
from nova_observability.alarms import (
    MAX_ALARM_DESCRIPTION,
    ResolvedAlarmSettings,
    fit_description,
)

ERRORS = ALARM_KINDS["functions"]["errors"]


def settings(**changes) -> ResolvedAlarmSettings:
    base = {
        "threshold": 1.0,
        "period_seconds": 60,
        "evaluation_periods": 3,
        "datapoints_to_alarm": 3,
        "statistic": "Sum",
        "extended": False,
        "comparison_operator": "GreaterThanOrEqualToThreshold",
        "treat_missing_data": "notBreaching",
    }
    return ResolvedAlarmSettings(**{**base, **changes})


def test_catalogue_has_the_documented_kinds():
    assert {t: list(k) for t, k in ALARM_KINDS.items()} == {
        "functions": ["errors", "throttles", "duration"],
        "apis": ["5xx", "4xx", "latency", "integration_latency"],
        "buckets": ["4xx", "5xx"],
        "queues": ["dlq", "age", "waiting", "consumer_stopped"],
        "tables": ["read_throttles", "write_throttles", "system_errors", "user_errors", "latency"],
    }
    for resource_type, kinds in ALARM_KINDS.items():
        for name, kind in kinds.items():
            assert (kind.resource_type, kind.kind) == (resource_type, name)
            assert kind.treat_missing_data == "notBreaching"
            # 1-minute metrics; the consumer-stopped math looks at 5-minute receive counts
            assert kind.period_seconds == (300 if name == "consumer_stopped" else 60)
            assert kind.basis
    opt_in = {(k.resource_type, k.kind) for ks in ALARM_KINDS.values() for k in ks.values()
              if not k.enabled_by_default}  # fmt: skip
    assert opt_in == {("tables", "user_errors"), ("tables", "latency"), ("queues", "waiting")}


def test_rate_kinds_average_a_0_1_metric():
    rates = {(k.resource_type, k.kind) for ks in ALARM_KINDS.values() for k in ks.values()
             if k.rate}  # fmt: skip
    assert rates == {("apis", "4xx"), ("buckets", "4xx"), ("buckets", "5xx")}
    for resource_type, kind in rates:
        assert ALARM_KINDS[resource_type][kind].statistic == "Average"
        assert ALARM_KINDS[resource_type][kind].threshold == 0.05


def test_description_of_a_function_alarm():
    text = alarm_description(
        ERRORS,
        settings(),
        {"function_name": "orders", "log_group_name": "/aws/lambda/orders"},
        threshold=1,
    )
    assert text.startswith(
        "Lambda function orders reported errors (Sum of Errors) >= 1 in 3 of 3 minutes. "
        "First look: the function's log group /aws/lambda/orders (Logs Insights: "
        "SOURCE '/aws/lambda/orders' | fields @timestamp"
    )
    assert text.endswith("then the last deployment of the function.")


@pytest.mark.parametrize(
    ("period", "phrase"),
    [(60, "in 2 of 3 minutes"), (300, "in 2 of 3 300-second periods"), (3600, "in 2 of 3 hours"),
     (7200, "in 2 of 3 2-hour periods")],
)  # fmt: skip
def test_description_names_the_window(period, phrase):
    text = alarm_description(
        ERRORS, settings(period_seconds=period, datapoints_to_alarm=2), {"function_name": "f"},
        threshold=1,
    )  # fmt: skip
    assert phrase in text


def test_description_of_an_api_alarm_without_stage():
    text = alarm_description(
        ALARM_KINDS["apis"]["latency"],
        settings(statistic="p99", extended=True, evaluation_periods=5, datapoints_to_alarm=5),
        {"api_id": "a1b2c3d4e5"},
        threshold=2500.5,
    )
    assert text.startswith("HTTP API a1b2c3d4e5 reported p99 latency (p99 of Latency) >= 2500.5 ms")


def test_description_with_missing_placeholders_keeps_them_visible():
    text = alarm_description(ALARM_KINDS["buckets"]["4xx"], settings(), {}, threshold=0.05)
    assert "S3 bucket {bucket_name}" in text


def test_long_descriptions_are_cut_to_1024_but_keep_the_runbook():
    runbook = "https://wiki.example.com/runbooks/" + "r" * 100
    text = alarm_description(
        ERRORS,
        settings(),
        {"function_name": "f", "log_group_name": "/aws/lambda/" + "l" * 500},
        threshold=1,
        runbook_url=runbook,
    )
    assert len(text) == MAX_ALARM_DESCRIPTION
    assert text.endswith(f"\u2026 Runbook: {runbook}")


def test_fit_description():
    assert fit_description("short") == "short"
    cut = fit_description("word " * 300)
    assert len(cut) <= 1024
    assert cut.endswith("\u2026")
