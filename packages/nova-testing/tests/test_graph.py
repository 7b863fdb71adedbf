"""The component picture reads in the direction of the flow, grants and monitoring apart."""

import pulumi

from nova_testing.graph import build_graph, render_dot, render_mermaid


class Component(pulumi.ComponentResource):
    def __init__(self, type_, name, opts=None):
        super().__init__(type_, name, None, opts)


def raw(type_, logical, parent, **inputs):
    return pulumi.CustomResource(type_, logical, inputs, pulumi.ResourceOptions(parent=parent))


def service():
    bucket = Component("nova-storage:index:Bucket", "data")
    data = raw("aws:s3/bucket:Bucket", "data-bucket", bucket, bucket=None, arn=None)
    fn = Component("nova-compute:index:Function", "api")
    role = raw("aws:iam/role:Role", "api-role", fn, name=None, arn=None)
    function = raw("aws:lambda/function:Function", "api-function", fn,
                   role=role.arn, environment={"BUCKET": data.bucket}, arn=None, name=None)  # fmt: skip
    raw("aws:iam/rolePolicy:RolePolicy", "data-grant", bucket, role=role.name, policy="{}")
    api = Component("nova-api:index:HttpApi", "http")
    raw("aws:apigatewayv2/integration:Integration", "http-integration", api,
        integrationUri=function.arn)  # fmt: skip
    monitor = Component("nova-observability:index:ServiceMonitor", "monitor")
    topic_component = Component(
        "nova-observability:index:AlarmTopic", "alarms", pulumi.ResourceOptions(parent=monitor)
    )
    topic = raw("aws:sns/topic:Topic", "alarms-topic", topic_component, arn=None)
    raw("aws:cloudwatch/metricAlarm:MetricAlarm", "errors", monitor,
        dimensions={"FunctionName": function.name}, alarmActions=[topic.arn])  # fmt: skip


def edges(graph):
    names = {urn: r.name for urn, r in graph.nodes.items()}
    return {(names[e.source], names[e.target], e.kind) for e in graph.edges}


def test_edges_follow_the_request_flow_and_keep_grants_and_monitoring_apart(mock_stack):
    rec = mock_stack.run(service)
    graph = build_graph(rec, "svc/dev")
    assert {r.name for r in graph.nodes.values()} == {"data", "api", "http", "monitor", "alarms"}
    assert edges(graph) == {
        ("http", "api", "uses"),  # API -> function
        ("api", "data", "uses"),  # function -> bucket (its environment names the bucket)
        ("monitor", "alarms", "uses"),  # alarms -> topic
        ("monitor", "api", "watches"),
    }


def test_a_grant_alone_is_drawn_from_the_role_owner_to_the_resource(mock_stack):
    def program():
        bucket = Component("nova-storage:index:Bucket", "data")
        fn = Component("nova-compute:index:Function", "api")
        role = raw("aws:iam/role:Role", "api-role", fn, name=None)
        raw("aws:iam/rolePolicy:RolePolicy", "data-grant", bucket, role=role.name, policy="{}")

    graph = build_graph(mock_stack.run(program), "svc/dev")
    assert edges(graph) == {("api", "data", "grant")}
    assert "style=dotted" in render_dot(graph)
    assert "-.->" in render_mermaid(graph)


def test_detail_mode_groups_resources_by_component(mock_stack):
    graph = build_graph(mock_stack.run(service), "svc/dev", detail=True)
    assert all(r.custom for r in graph.nodes.values())
    function_group = next(m for g, m in graph.groups.items() if g.endswith("::api"))
    assert {graph.nodes[u].name for u in function_group} == {"api-role", "api-function"}
    assert ("http-integration", "api-function", "uses") in edges(graph)
