"""The yardstick of the scale benchmark: the AWS resources of ``scale_program`` with the same
key inputs, registered straight with pulumi_aws under the same mocks, without the components
(no validation, no component resources, no parent/child links, nothing kept referenced).

Per function: role, log group, two role policies, function, invoke permission, integration,
routes and three alarms; shared: API, stage, access-log group, topic, topic policy, four API
alarms and one dashboard (one page: this yardstick does not split it)."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws
from scale_program import HANDLER_SOURCE

TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
XRAY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["xray:PutTraceSegments"], "Resource": "*"}],
    }
)


def _log_policy(arn: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                    "Resource": f"{arn}:*",
                }
            ],
        }
    )


def _alarm(name: str, metric: str, namespace: str, dims: dict[str, Any], topic: Any) -> None:
    aws.cloudwatch.MetricAlarm(
        name,
        name=name,
        alarm_description=f"{metric} alarm",
        namespace=namespace,
        metric_name=metric,
        dimensions=dims,
        statistic="Sum",
        threshold=1,
        comparison_operator="GreaterThanOrEqualToThreshold",
        period=60,
        evaluation_periods=1,
        treat_missing_data="notBreaching",
        alarm_actions=[topic.arn],
        ok_actions=[topic.arn],
    )


def build(n: int, routes_per_function: int = 2) -> None:
    archive = pulumi.AssetArchive({"app.py": pulumi.StringAsset(HANDLER_SOURCE)})
    topic = aws.sns.Topic("raw-topic")
    aws.sns.TopicPolicy(
        "raw-topic-policy",
        arn=topic.arn,
        policy=topic.arn.apply(
            lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [{"Resource": arn}]})
        ),
    )
    access_logs = aws.cloudwatch.LogGroup("raw-access-logs", retention_in_days=30)
    api = aws.apigatewayv2.Api("raw-api", protocol_type="HTTP")
    methods = ("GET", "POST", "PUT", "DELETE", "PATCH")
    routes = []
    names = []
    for index in range(n):
        key = f"fn{index:03d}"
        role = aws.iam.Role(f"raw-{key}-role", assume_role_policy=TRUST)
        group = aws.cloudwatch.LogGroup(f"raw-{key}-logs", retention_in_days=14)
        logs = aws.iam.RolePolicy(
            f"raw-{key}-policy-logs", role=role.name, policy=group.arn.apply(_log_policy)
        )
        xray = aws.iam.RolePolicy(f"raw-{key}-policy-xray", role=role.name, policy=XRAY)
        function = aws.lambda_.Function(
            f"raw-{key}-function",
            role=role.arn,
            runtime="python3.13",
            handler="app.handler",
            architectures=["arm64"],
            memory_size=256,
            timeout=10,
            code=archive,
            logging_config=aws.lambda_.FunctionLoggingConfigArgs(
                log_format="JSON", log_group=group.name
            ),
            tracing_config=aws.lambda_.FunctionTracingConfigArgs(mode="Active"),
            opts=pulumi.ResourceOptions(depends_on=[group, logs, xray]),
        )
        permission = aws.lambda_.Permission(
            f"raw-{key}-permission",
            action="lambda:InvokeFunction",
            function=function.name,
            principal="apigateway.amazonaws.com",
            source_arn=api.execution_arn.apply(lambda arn: f"{arn}/*/*"),
        )
        integration = aws.apigatewayv2.Integration(
            f"raw-{key}-integration",
            api_id=api.id,
            integration_type="AWS_PROXY",
            integration_uri=function.invoke_arn,
            payload_format_version="2.0",
        )
        for r in range(routes_per_function):
            routes.append(
                aws.apigatewayv2.Route(
                    f"raw-{key}-route-{r}",
                    api_id=api.id,
                    route_key=f"{methods[r % len(methods)]} /{key}/r{r}",
                    target=integration.id.apply(lambda i: f"integrations/{i}"),
                    authorization_type="AWS_IAM",
                    opts=pulumi.ResourceOptions(depends_on=[permission]),
                )
            )
        for metric in ("Errors", "Throttles", "Duration"):
            _alarm(
                f"raw-{key}-{metric.lower()}",
                metric,
                "AWS/Lambda",
                {"FunctionName": function.name},
                topic,
            )
        names.append(function.name)
    stage = aws.apigatewayv2.Stage(
        "raw-stage",
        api_id=api.id,
        name="$default",
        auto_deploy=True,
        access_log_settings=aws.apigatewayv2.StageAccessLogSettingsArgs(
            destination_arn=access_logs.arn, format='{"requestId":"$context.requestId"}'
        ),
        opts=pulumi.ResourceOptions(depends_on=routes),
    )
    for metric in ("5xx", "4xx", "Latency", "IntegrationLatency"):
        _alarm(
            f"raw-api-{metric.lower()}",
            metric,
            "AWS/ApiGateway",
            {"ApiId": api.id, "Stage": stage.name},
            topic,
        )
    aws.cloudwatch.Dashboard(
        "raw-dashboard",
        dashboard_name="raw-dashboard",
        dashboard_body=pulumi.Output.all(*names).apply(
            lambda resolved: json.dumps(
                {
                    "widgets": [
                        {
                            "type": "metric",
                            "properties": {
                                "metrics": [["AWS/Lambda", "Errors", "FunctionName", f]]
                            },
                        }
                        for f in resolved
                    ]
                }
            )
        ),
    )
