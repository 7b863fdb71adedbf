"""Work that grows with the number of monitored resources stays linear and avoids needless
Outputs: pagination costs each resource once, a resource's alarms share one gathered Output for
their descriptions, a dashboard body awaits only the Outputs in its spec, and nothing gathers
Outputs through ``Output.all`` (an Output and a task per item)."""

import json
from collections import Counter
from typing import Any

import pulumi
import pytest

from nova_observability import ServiceMonitor, ServiceMonitorArgs, dashboard_body
from nova_observability import dashboard as dashboard_module
from nova_observability import service_monitor as service_monitor_module
from nova_observability.dashboard import _body, _render

ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
DASHBOARD = "aws:cloudwatch/dashboard:Dashboard"


def _spec(functions: int) -> dict[str, Any]:
    return {
        "service_name": "shop",
        "environment": "prod",
        "region": "eu-west-1",
        "period_seconds": 60,
        "functions": [
            {"key": f"fn{i:03d}", "function_name": f"shop-fn{i:03d}",
             "log_group_name": f"/aws/lambda/shop-fn{i:03d}"}
            for i in range(functions)
        ],
        "apis": [{"key": "api", "api_id": "a1b2c3d4e5", "stage_name": "$default"}],
        "buckets": [],
        "queues": [],
        "tables": [],
        "alarms": [{"key": f"fn{i:03d}/errors", "arn": f"arn:aws:cloudwatch:eu-west-1:1:alarm:{i}"}
                   for i in range(functions)],
    }  # fmt: skip


def test_pagination_costs_each_resource_once(monkeypatch):
    calls: Counter[str] = Counter()
    for resource_type, block in list(dashboard_body.BLOCKS.items()):

        def counted(*args: Any, _type: str = resource_type, _block: Any = block) -> Any:
            calls[_type] += 1
            return _block(*args)

        monkeypatch.setitem(dashboard_body.BLOCKS, resource_type, counted)
    pages = dashboard_body.paginate_dashboard_spec(_spec(300))
    assert len(pages) > 1  # 300 functions do not fit on one dashboard
    assert calls == {"functions": 300, "apis": 1}


@pytest.fixture
def all_calls(monkeypatch) -> list[tuple[int, frozenset[str]]]:
    """Every ``pulumi.Output.all`` call: (positional count, keyword names)."""
    seen: list[tuple[int, frozenset[str]]] = []
    original = pulumi.Output.all

    def counting(*args: Any, **kwargs: Any) -> Any:
        seen.append((len(args), frozenset(kwargs)))
        return original(*args, **kwargs)

    monkeypatch.setattr(pulumi.Output, "all", staticmethod(counting))
    return seen


@pytest.fixture
def gathered(monkeypatch) -> list[tuple[str, ...]]:
    """Every gather by ServiceMonitor and Dashboard: the keys (or item count) it gathered."""
    seen: list[tuple[str, ...]] = []

    def counting(module: Any, name: str) -> None:
        original = getattr(module, name)

        def gather(items: Any) -> Any:
            seen.append(tuple(items) if isinstance(items, dict) else (f"{len(items)} items",))
            return original(items)

        monkeypatch.setattr(module, name, gather)

    counting(service_monitor_module, "gather_dict")
    counting(dashboard_module, "gather_list")
    return seen


def test_the_alarms_of_a_function_share_one_gathered_output(mock_stack, gathered):
    def program() -> ServiceMonitor:
        functions = {
            key: {
                "function_name": pulumi.Output.from_input(f"{key}-fn"),
                "timeout_seconds": 10,
                "log_group_name": pulumi.Output.from_input(f"/aws/lambda/{key}-fn"),
            }
            for key in ("orders", "billing", "search")
        }
        return ServiceMonitor(
            "svc",
            ServiceMonitorArgs(name_prefix="shop", functions=functions, create_dashboard=False),
        )

    rec = mock_stack.run(program)
    rec.resource_count_is(ALARM, 9)
    shared = [keys for keys in gathered if set(keys) == {"function_name", "log_group_name"}]
    assert len(shared) == 3  # one per function, not one per alarm
    assert len(gathered) == 3 + 2  # and alarm_arns, alarm_names
    description = rec.get(ALARM, "svc-alarm-billing-errors").inputs["alarmDescription"]
    assert "billing-fn" in description
    assert "/aws/lambda/billing-fn" in description


def test_a_plain_dashboard_spec_is_rendered_without_outputs(all_calls, gathered):
    spec = _spec(3)
    assert _body(spec) == _render(spec)
    assert all_calls == []
    assert gathered == []


def test_a_dashboard_spec_with_outputs_awaits_only_them(mock_stack, gathered):
    plain = _spec(3)

    def program() -> None:
        spec = _spec(3)
        spec["region"] = pulumi.Output.from_input("eu-west-1")
        spec["functions"][1]["function_name"] = pulumi.Output.from_input("shop-fn001")
        spec["alarms"][2]["arn"] = pulumi.Output.from_input(plain["alarms"][2]["arn"])
        pulumi.export("body", _body(spec))

    rec = mock_stack.run(program)
    assert json.loads(rec.outputs["body"]) == json.loads(_render(plain))
    assert gathered == [("3 items",)]
