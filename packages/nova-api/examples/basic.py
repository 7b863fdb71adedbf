"""An HTTP API in front of one nova-compute Function: JWT on every route except the health check."""

import pulumi

from nova_api import HttpApi, HttpApiArgs
from nova_compute import Function, FunctionArgs

# The function: its own least-privilege role and log group, X-Ray tracing, JSON logs. In a real
# project the code lives in a folder (code_path="functions/items"); it is inline here so the
# example runs as is.
items_fn = Function(
    "items",
    FunctionArgs(
        code=pulumi.AssetArchive(
            {
                "app.py": pulumi.StringAsset(
                    "def handler(event, context):\n"
                    "    return {'statusCode': 200, 'body': event['routeKey']}\n"
                )
            }
        ),
        handler="app.handler",
        memory_mb=256,
        timeout_seconds=10,  # within the API's 30 s integration timeout (checked)
        log_retention_days=30,
    ),
)

api = HttpApi(
    "items-api",
    HttpApiArgs(
        targets={"items": items_fn},  # the Function itself: one integration, one permission
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
