import json
from dataclasses import dataclass
from typing import Any

import pulumi
import pytest

from nova_core import NovaInputError
from nova_observability import Dashboard, DashboardArgs

DASHBOARD = "aws:cloudwatch/dashboard:Dashboard"
ALARM_ARN = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop-prod-orders-errors"


@dataclass
class FakeFunction:
    function_name: Any
    log_group_name: Any


def args(**extra: Any) -> DashboardArgs:
    out = DashboardArgs(
        dashboard_name="shop-prod",
        functions={"orders": FakeFunction(pulumi.Output.from_input("orders-fn"),
                                          pulumi.Output.from_input("/aws/lambda/orders-fn"))},
        apis={"public": {"api_id": "a1b2c3d4e5", "stage_name": "$default"}},
        buckets={"uploads": {"bucket_name": "shop-uploads"}},
        alarm_arns={"orders/errors": ALARM_ARN},
        service_name="shop",
        environment="prod",
    )  # fmt: skip
    out.update(extra)  # type: ignore[typeddict-item]
    return out


def run(mock_stack, dashboard_args: DashboardArgs):
    return mock_stack.run(lambda: Dashboard("ops", dashboard_args))


def body_of(resource) -> dict:
    return json.loads(resource.inputs["dashboardBody"])


def overlaps(widgets: list[dict]) -> bool:
    cells = set()
    for w in widgets:
        for x in range(w["x"], w["x"] + w["width"]):
            for y in range(w["y"], w["y"] + w["height"]):
                if (x, y) in cells:
                    return True
                cells.add((x, y))
    return False


def test_one_dashboard_with_every_resource_alarm_and_log_query(mock_stack):
    rec = run(mock_stack, args())
    rec.resource_count_is(DASHBOARD, 1)
    resource = rec.get(DASHBOARD)
    assert resource.name == "ops-dashboard"
    assert resource.inputs["dashboardName"] == "shop-prod"
    body = body_of(resource)
    types = [w["type"] for w in body["widgets"]]
    assert (types.count("metric"), types.count("alarm"), types.count("log")) == (10, 1, 1)
    assert not overlaps(body["widgets"])
    assert all(w["x"] + w["width"] <= 24 for w in body["widgets"])
    metrics = [m for w in body["widgets"] for m in w.get("properties", {}).get("metrics", [])]
    assert ["AWS/Lambda", "Errors", "FunctionName", "orders-fn",
            {"stat": "Sum", "label": "Errors"}] in metrics  # fmt: skip
    assert ["AWS/ApiGateway", "5xx", "ApiId", "a1b2c3d4e5", "Stage", "$default",
            {"stat": "Sum", "label": "5xx"}] in metrics  # fmt: skip
    assert ["AWS/S3", "5xxErrors", "BucketName", "shop-uploads", "FilterId", "EntireBucket",
            {"stat": "Sum", "label": "5xx"}] in metrics  # fmt: skip
    alarm = next(w for w in body["widgets"] if w["type"] == "alarm")
    assert alarm["properties"]["alarms"] == [ALARM_ARN]
    log = next(w for w in body["widgets"] if w["type"] == "log")
    assert log["properties"]["query"] == (
        "SOURCE '/aws/lambda/orders-fn' | fields @timestamp, @message, @requestId"
        ' | filter level = "ERROR" or @message like /ERROR/ | sort @timestamp desc | limit 50'
    )
    for widget in body["widgets"]:
        if widget["type"] in ("metric", "log"):
            assert widget["properties"]["region"] == "us-east-1"
    assert body["widgets"][0]["properties"]["markdown"].startswith("# shop · prod\n")


def test_outputs(mock_stack):
    rec = run(mock_stack, args())
    component = rec.result
    assert rec.value(component.dashboard_name) == "shop-prod"
    assert (
        rec.value(component.dashboard_arn) == "arn:aws:cloudwatch::123456789012:dashboard/shop-prod"
    )
    assert rec.value(component.dashboard_names) == ["shop-prod"]
    assert rec.value(component.page_count) == 1
    assert component.dashboard is component.dashboards[0]
    assert rec.get(DASHBOARD).parent_urn == rec.named("ops").urn


def test_explicit_region_and_period(mock_stack):
    rec = run(mock_stack, args(region="eu-central-1", period_seconds=300))
    body = body_of(rec.get(DASHBOARD))
    graphs = [w for w in body["widgets"] if w["type"] == "metric"]
    assert {w["properties"]["region"] for w in graphs} == {"eu-central-1"}
    assert {w["properties"]["period"] for w in graphs} == {300}


def test_default_name_and_header_come_from_project_and_stack(mock_stack):
    rec = run(mock_stack, DashboardArgs(functions={"orders": "orders-fn"}))
    resource = rec.get(DASHBOARD)
    assert resource.inputs["dashboardName"] == "nova-test-test-ops"
    body = body_of(resource)
    assert body["widgets"][0]["properties"]["markdown"].startswith("# nova-test · test\n")
    assert not any(w["type"] == "alarm" for w in body["widgets"])


def test_many_resources_split_into_numbered_dashboards(mock_stack):
    functions = {f"fn{i:03d}": f"shop-fn{i:03d}" for i in range(130)}
    alarms = {f"fn{i:03d}/errors": f"{ALARM_ARN}-{i:03d}" for i in range(130)}
    rec = run(mock_stack, DashboardArgs(dashboard_name="shop-prod", functions=functions,
                                        alarm_arns=alarms))  # fmt: skip
    rec.resource_count_is(DASHBOARD, 2)
    first, second = rec.named("ops-dashboard"), rec.named("ops-dashboard-2")
    assert first.inputs["dashboardName"] == "shop-prod"
    assert second.inputs["dashboardName"] == "shop-prod-2"
    seen: list[str] = []
    alarm_count = 0
    for resource in (first, second):
        body = body_of(resource)
        assert len(body["widgets"]) <= 500
        assert not overlaps(body["widgets"])
        for widget in body["widgets"]:
            for metric in widget.get("properties", {}).get("metrics", []):
                if metric[1] == "Invocations":
                    seen.append(metric[3])
            alarm_count += len(widget["properties"].get("alarms", []))
    assert seen == [f"shop-fn{i:03d}" for i in range(130)]
    assert alarm_count == 130
    assert rec.value(rec.result.dashboard_names) == ["shop-prod", "shop-prod-2"]
    assert rec.value(rec.result.page_count) == 2


FAILURES = [
    ("name-with-dot", {"dashboard_name": "shop.prod"}, r"dashboard names are at most 255"),
    ("name-with-space", {"dashboard_name": "shop prod"}, r"no spaces or dots"),
    ("name-too-long", {"dashboard_name": "d" * 256}, r"at most 255"),
    ("unknown-key", {"widgets": []}, r"argument 'widgets' is \[\]: 'widgets' is not a known key"),
    ("period", {"period_seconds": 90}, r"multiple of 60"),
    ("no-resources", {"functions": {}, "apis": {}, "buckets": {}}, r"nothing to monitor"),
    ("alarm-arn", {"alarm_arns": {"orders/errors": "shop-prod-orders-errors"}},
     r"must be a CloudWatch alarm ARN"),
    ("alarm-key", {"alarm_arns": {"": ALARM_ARN}}, r"alarm keys must be non-empty"),
    ("alarm-arns-list", {"alarm_arns": [ALARM_ARN]}, r"argument 'alarm_arns' is .*: must be a dict"),
    ("service-name", {"service_name": 3}, r"argument 'service_name' is 3: must be a string"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "message"), [f[1:] for f in FAILURES],
                         ids=[f[0] for f in FAILURES])  # fmt: skip
def test_fails_when_input_breaks_a_rule(mock_stack, changes, message):
    with pytest.raises(NovaInputError, match=message) as error:
        run(mock_stack, args(**changes))
    assert str(error.value).startswith("nova-observability Dashboard 'ops': argument ")
    assert mock_stack.last.resources == []


def test_fails_when_the_page_suffix_makes_the_name_too_long(mock_stack):
    functions = {f"fn{i:03d}": f"shop-fn{i:03d}" for i in range(130)}
    with pytest.raises(NovaInputError, match=r"including the page suffix '-2'"):
        run(mock_stack, DashboardArgs(dashboard_name="d" * 254, functions=functions))
    assert mock_stack.last.resources == []


def test_fails_when_args_is_not_a_dict(mock_stack):
    with pytest.raises(NovaInputError, match=r"must be DashboardArgs"):
        mock_stack.run(lambda: Dashboard("ops", None))  # type: ignore[arg-type]
    assert mock_stack.last.resources == []
