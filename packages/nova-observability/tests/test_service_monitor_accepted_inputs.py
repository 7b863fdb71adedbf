"""The inputs ServiceMonitor accepts: components by duck typing, plain names and ids, Output values."""

import json
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest
from observability_service_monitor_helpers import ALARM, DASHBOARD, alarm, run

from nova_observability import ServiceMonitor, ServiceMonitorArgs


@dataclass
class FakeFunction:
    function_name: Any
    timeout_seconds: Any
    log_group_name: Any


@dataclass
class FakeApi:
    api_id: Any
    stage_name: Any


@dataclass
class FakeBucket:
    bucket_name: Any
    bucket: Any


def test_accepts_components_by_duck_typing(mock_stack):
    def program():
        raw = aws.s3.Bucket("raw")
        return ServiceMonitor(
            "svc",
            ServiceMonitorArgs(
                name_prefix="shop-prod",
                functions={
                    "orders": FakeFunction(
                        function_name=pulumi.Output.from_input("orders-fn"),
                        timeout_seconds=pulumi.Output.from_input(30),
                        log_group_name=pulumi.Output.from_input("/custom/orders"),
                    )
                },
                apis={"public": FakeApi(pulumi.Output.from_input("a1b2c3d4e5"), "live")},
                buckets={
                    "raw": FakeBucket(raw.bucket, raw),
                    "named": FakeBucket("shop-named", raw),
                },
            ),
        )

    rec = mock_stack.run(program)
    duration = alarm(rec, "orders", "duration").inputs
    assert duration["threshold"] == 24000
    assert duration["dimensions"] == {"FunctionName": "orders-fn"}
    assert "/custom/orders" in duration["alarmDescription"]
    assert alarm(rec, "public", "5xx").inputs["dimensions"] == {
        "ApiId": "a1b2c3d4e5",
        "Stage": "live",
    }
    bucket = rec.get("aws:s3/bucket:Bucket")
    metric = rec.named("svc-request-metrics-raw")
    assert metric.inputs["bucket"] == bucket.outputs["bucket"]
    assert bucket.urn in metric.dependencies
    named = rec.named("svc-request-metrics-named")
    assert named.inputs["bucket"] == "shop-named"
    assert named.explicit_dependencies == (bucket.urn,)
    assert alarm(rec, "raw", "4xx").inputs["dimensions"] == {
        "BucketName": bucket.outputs["bucket"],
        "FilterId": "EntireBucket",
    }


def test_accepts_plain_names_and_ids(mock_stack):
    args = ServiceMonitorArgs(
        name_prefix="shop-prod",
        functions={"orders": "orders-fn"},
        apis={"public": "a1b2c3d4e5"},
        buckets={"uploads": "shop-uploads"},
        overrides={"orders": {"duration": {"threshold": 3000}}},
    )
    rec = run(mock_stack, args)
    assert alarm(rec, "orders", "duration").inputs["threshold"] == 3000
    assert alarm(rec, "public", "latency").inputs["dimensions"] == {"ApiId": "a1b2c3d4e5"}
    body = json.loads(rec.get(DASHBOARD).inputs["dashboardBody"])
    log = next(w for w in body["widgets"] if w["type"] == "log")
    assert log["properties"]["query"].startswith("SOURCE '/aws/lambda/orders-fn' | ")


def test_output_function_name_gets_the_default_log_group(mock_stack):
    args = ServiceMonitorArgs(
        name_prefix="shop-prod",
        functions={"orders": pulumi.Output.from_input("orders-fn")},
        disabled_alarms=["orders/duration"],
    )
    rec = run(mock_stack, args)
    assert "/aws/lambda/orders-fn" in alarm(rec, "orders", "errors").inputs["alarmDescription"]
    rec.resource_count_is(ALARM, 2)


def test_a_function_without_timeout_may_skip_the_duration_alarm(mock_stack):
    rec = run(
        mock_stack,
        ServiceMonitorArgs(
            functions={"f": {"function_name": "fn"}}, disabled_alarms=["f/duration"]
        ),
    )
    rec.resource_count_is(ALARM, 2)


def test_fails_when_an_output_timeout_resolves_out_of_range(mock_stack):
    args = ServiceMonitorArgs(
        functions={
            "f": FakeFunction(
                function_name="fn",
                timeout_seconds=pulumi.Output.from_input(0),
                log_group_name="/aws/lambda/fn",
            )
        },
    )
    # The value is known only when the Output resolves: the rule runs then, and says so.
    with pytest.raises(ValueError, match=r"checked when the Output resolved") as error:
        run(mock_stack, args)
    assert (
        "nova-observability ServiceMonitor 'svc': argument 'functions[\"f\"].timeout_seconds' is 0 "
        "(checked when the Output resolved): must be between 1 and 900 (Lambda quotas). "
        "Fix: use a value between 1 and 900."
    ) in str(error.value)
