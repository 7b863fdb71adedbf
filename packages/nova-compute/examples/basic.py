"""A Lambda function from a local folder, with the secure defaults of nova-compute.

Run it as a Pulumi program (``pulumi up`` with this file as ``__main__.py``), or offline in the
tests. The zip of ``hello/`` is built deterministically into the build cache, so a second
``pulumi up`` with unchanged code changes nothing.
"""

from pathlib import Path

import pulumi

from nova_compute import Function, FunctionArgs

HERE = Path(__file__).parent

hello = Function(
    "hello",
    FunctionArgs(
        code_path=str(HERE / "hello"),
        handler="app.handler",
        environment={"GREETING": "Hello"},
        log_retention_days=30,
    ),
)

# Let an API Gateway HTTP API call it (in a real stack: the nova-api HttpApi's execution ARN).
hello.grant_invoke(
    "api",
    "apigateway.amazonaws.com",
    "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*/*",
)

pulumi.export("function_name", hello.function_name)
pulumi.export("function_arn", hello.function_arn)
pulumi.export("log_group_name", hello.log_group_name)
pulumi.export("code_sha256", hello.archive.sha256_b64 if hello.archive else None)
