from pulumi.provider.experimental.analyzer import Analyzer

from nova_observability import AlarmTopic, Dashboard, ServiceMonitor


def test_components_are_host_compatible():
    schema = Analyzer("nova-observability").analyze([ServiceMonitor, AlarmTopic, Dashboard])
    components = schema["component_definitions"]
    assert set(components) == {"ServiceMonitor", "AlarmTopic", "Dashboard"}
    monitor = components["ServiceMonitor"]
    assert {"functions", "apis", "buckets", "namePrefix", "alarmTopicArn", "topic",
            "thresholds", "overrides", "disabledAlarms"} <= set(monitor.inputs)  # fmt: skip
    assert {"topicArn", "alarmArns", "alarmNames", "dashboardName", "dashboardArn"} <= set(
        monitor.outputs
    )
    assert set(components["AlarmTopic"].outputs) >= {"topic", "topicArn", "topicName"}
    assert set(components["Dashboard"].outputs) >= {"dashboardName", "dashboardArn"}
    for component in components.values():
        for prop in component.inputs.values():
            assert prop.description
            assert "Default:" in prop.description
