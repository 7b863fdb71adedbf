"""ServiceMonitor's identity across versions: children renamed in 0.2 keep their 0.1 URNs and
physical names."""

import pulumi
from observability_service_monitor_helpers import DASHBOARD, alarm, full_args, run

from nova_observability import ServiceMonitor
from nova_testing.identity import alias_urns

MONITOR = "nova-observability:index:ServiceMonitor"


def _former(rec, resource) -> set[str]:
    return alias_urns(
        resource.urn, resource.type, resource.name, resource.parent_urn, resource.aliases
    )


def _urn_0_1(mock_stack, chain: str, name: str) -> str:
    """The URN 0.1.0 gave a child of a ServiceMonitor directly under the stack."""
    return f"urn:pulumi:{mock_stack.stack}::{mock_stack.project}::{MONITOR}${chain}::{name}"


def test_children_renamed_in_0_2_keep_their_0_1_urns_and_physical_names(mock_stack):
    rec = run(mock_stack)
    for key, kind in [("orders", "errors"), ("public", "integration_latency"), ("uploads", "5xx")]:
        resource = alarm(rec, key, kind)
        assert _former(rec, resource) == {
            _urn_0_1(mock_stack, resource.type, f"svc-{key}-{kind}-alarm")
        }
        assert resource.inputs["name"] == f"shop-prod-{key}-{kind}"  # the alarm name is unchanged
    metric = rec.named("svc-request-metrics-uploads")
    assert _former(rec, metric) == {
        _urn_0_1(mock_stack, metric.type, "svc-uploads-request-metrics")
    }
    assert metric.inputs["name"] == "EntireBucket"
    dashboard = rec.get(DASHBOARD)
    assert dashboard.name == "svc-dashboard-dashboard"  # as in 0.1.0: no alias needed
    assert dashboard.aliases == ()
    assert dashboard.inputs["dashboardName"] == "shop-prod"
    assert rec.named("svc-alarms").aliases == ()


class Team(pulumi.ComponentResource):
    def __init__(self, name: str) -> None:
        super().__init__("acme:index:Team", name, None, None)
        self.monitor = ServiceMonitor("svc", full_args(), pulumi.ResourceOptions(parent=self))


def test_under_a_parent_the_renamed_children_keep_their_0_1_urns_too(mock_stack):
    rec = mock_stack.run(lambda: Team("team"))
    resource = alarm(rec, "orders", "errors")
    chain = f"acme:index:Team${MONITOR}${resource.type}"
    assert _former(rec, resource) == {
        f"urn:pulumi:{mock_stack.stack}::{mock_stack.project}::{chain}::svc-orders-errors-alarm"
    }
