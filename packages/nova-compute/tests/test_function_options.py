"""The Function component's options: tracing, names, log group, sizing and environment."""

import pulumi
import pytest
from compute_function_helpers import ACCOUNT, FUNCTION, LOG_GROUP, ROLE, ROLE_POLICY, _policy


def test_tracing_can_be_turned_off(mock_stack, build):
    rec = mock_stack.run(build(tracing_enabled=False))
    assert rec.get(FUNCTION).inputs["tracingConfig"] == {"mode": "PassThrough"}
    assert {p.name for p in rec.by_type(ROLE_POLICY)} == {"fn-policy-logs"}


def test_explicit_names_and_log_group_follow_the_function_name(mock_stack, build):
    rec = mock_stack.run(
        build(
            function_name="orders-api",
            role_name="orders-api-role",
            role_path="/service/",
            permissions_boundary_arn=f"arn:aws:iam::{ACCOUNT}:policy/boundary",
        )
    )
    assert rec.get(FUNCTION).inputs["name"] == "orders-api"
    assert rec.get(LOG_GROUP).inputs == {"name": "/aws/lambda/orders-api", "retentionInDays": 14}
    role = rec.get(ROLE)
    assert role.inputs["name"] == "orders-api-role"
    assert role.inputs["path"] == "/service/"
    assert role.inputs["permissionsBoundary"] == f"arn:aws:iam::{ACCOUNT}:policy/boundary"
    assert _policy(rec, "fn-policy-logs")["Statement"][0]["Resource"] == (
        f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/aws/lambda/orders-api:*"
    )


def test_log_group_options(mock_stack, build):
    key = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    rec = mock_stack.run(
        build(
            log_group_name="/custom/orders",
            log_retention_days=365,
            log_group_kms_key_arn=key,
            log_group_class="INFREQUENT_ACCESS",
            application_log_level="DEBUG",
            system_log_level="INFO",
        )
    )
    assert rec.get(LOG_GROUP).inputs == {
        "name": "/custom/orders",
        "retentionInDays": 365,
        "kmsKeyId": key,
        "logGroupClass": "INFREQUENT_ACCESS",
    }
    assert rec.get(FUNCTION).inputs["loggingConfig"] == {
        "logFormat": "JSON",
        "logGroup": "/custom/orders",
        "applicationLogLevel": "DEBUG",
        "systemLogLevel": "INFO",
    }


def test_sizing_environment_and_extras_pass_through(mock_stack, build):
    layer = f"arn:aws:lambda:us-east-1:{ACCOUNT}:layer:powertools:3"
    env_key = f"arn:aws:kms:us-east-1:{ACCOUNT}:alias/lambda-env"
    rec = mock_stack.run(
        build(
            runtime="python3.12",
            architecture="x86_64",
            handler="lib/util.VALUE",
            memory_mb=1024,
            timeout_seconds=120,
            ephemeral_storage_mb=2048,
            environment={"TABLE_NAME": "orders", "LOG_LEVEL": "INFO"},
            environment_kms_key_arn=env_key,
            reserved_concurrency=5,
            layers=[layer],
            description="Orders API",
            tags={"team": "orders"},
        )
    )
    rec.has_resource_properties(
        FUNCTION,
        {
            "runtime": "python3.12",
            "architectures": ["x86_64"],
            "handler": "lib/util.VALUE",
            "memorySize": 1024,
            "timeout": 120,
            "ephemeralStorage": {"size": 2048},
            "environment": {"variables": {"TABLE_NAME": "orders", "LOG_LEVEL": "INFO"}},
            "kmsKeyArn": env_key,
            "reservedConcurrentExecutions": 5,
            "layers": [layer],
            "description": "Orders API",
            "tags": {"team": "orders"},
        },
    )
    assert rec.get(ROLE).inputs["tags"] == {"team": "orders"}
    assert rec.get(LOG_GROUP).inputs["tags"] == {"team": "orders"}
    assert rec.value(rec.result.timeout_seconds) == 120
    assert rec.value(rec.result.memory_mb) == 1024


def test_environment_with_output_values_is_resolved(mock_stack, build):
    rec = mock_stack.run(build(environment={"TABLE": pulumi.Output.from_input("orders")}))
    assert rec.get(FUNCTION).inputs["environment"] == {"variables": {"TABLE": "orders"}}


def test_fails_when_an_output_environment_value_is_an_access_key(mock_stack, build):
    secret = pulumi.Output.secret("AKIAIOSFODNN7EXAMPLE")
    with pytest.raises(
        ValueError,
        match=r"environment\[\"KEY\"\]' is 'AKIA\*+LE' \(checked when the Output resolved\): .*"
        r"access key id",
    ):
        mock_stack.run(build(environment={"KEY": secret}))
