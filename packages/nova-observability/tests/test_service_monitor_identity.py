"""ServiceMonitor's identity across versions: children renamed in 0.2 keep their 0.1 URNs and
physical names."""

from observability_service_monitor_helpers import DASHBOARD, alarm, run


def test_children_renamed_in_0_2_keep_their_0_1_urns_and_physical_names(mock_stack):
    rec = run(mock_stack)
    for key, kind in [("orders", "errors"), ("public", "integration_latency"), ("uploads", "5xx")]:
        resource = alarm(rec, key, kind)
        assert [a.get("name") for a in resource.aliases] == [f"svc-{key}-{kind}-alarm"]
        assert resource.inputs["name"] == f"shop-prod-{key}-{kind}"  # the alarm name is unchanged
    metric = rec.named("svc-request-metrics-uploads")
    assert [a.get("name") for a in metric.aliases] == ["svc-uploads-request-metrics"]
    assert metric.inputs["name"] == "EntireBucket"
    dashboard = rec.get(DASHBOARD)
    assert dashboard.name == "svc-dashboard-dashboard"  # as in 0.1.0: no alias needed
    assert dashboard.aliases == ()
    assert dashboard.inputs["dashboardName"] == "shop-prod"
    assert rec.named("svc-alarms").aliases == ()
