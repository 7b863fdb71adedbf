"""An HTTP API in front of one Lambda function: JWT on every route except the health check."""

import json

import pulumi
import pulumi_aws as aws

from nova_api import FunctionTarget, HttpApi, HttpApiArgs

# Any Lambda function works as a target. With nova-compute, pass its Function component directly
# (targets={"items": items_fn}); here a raw function keeps the example self-contained.
role = aws.iam.Role(
    "items-role",
    assume_role_policy=json.dumps(
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
    ),
)
items_fn = aws.lambda_.Function(
    "items",
    runtime="python3.13",
    architectures=["arm64"],
    handler="index.handler",
    role=role.arn,
    timeout=10,
    code=pulumi.AssetArchive(
        {
            "index.py": pulumi.StringAsset(
                "def handler(event, context):\n"
                "    return {'statusCode': 200, 'body': event['routeKey']}\n"
            )
        }
    ),
)

api = HttpApi(
    "items-api",
    HttpApiArgs(
        targets={"items": FunctionTarget.from_function(items_fn)},
        routes={
            "GET /health": {"public": True},
            "GET /items": {},
            "GET /items/{id}": {"authorization_scopes": ["items/read"]},
            "PUT /items/{id}": {"authorization_scopes": ["items/write"]},
            "DELETE /items/{id}": {"authorization_scopes": ["items/write"]},
        },
        jwt_authorizer={
            "issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE",
            "audiences": ["example-app-client-id"],
        },
        cors={"allow_origins": ["https://app.example.com"]},
        throttling_burst_limit=200,
        throttling_rate_limit=100,
        access_log_retention_days=90,
    ),
)

pulumi.export("url", api.url)
pulumi.export("api_id", api.api_id)
pulumi.export("access_log_group", api.access_log_group_name)
