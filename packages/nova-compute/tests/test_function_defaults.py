"""The Function component with default arguments: its children, their configuration, outputs and
resource options."""

import pulumi
from compute_function_helpers import FUNCTION, INVOKE_CONFIG, LOG_GROUP, ROLE, ROLE_POLICY

from nova_compute import TYPE_TOKEN
from nova_testing import Match


def test_defaults_register_exactly_the_expected_children(mock_stack, build):
    rec = mock_stack.run(build())
    assert rec.types() == {
        TYPE_TOKEN: 1,
        FUNCTION: 1,
        LOG_GROUP: 1,
        ROLE: 1,
        ROLE_POLICY: 2,
    }
    assert {c.name for c in rec.children_of("fn")} == {
        "fn-role",
        "fn-log-group",
        "fn-policy-logs",
        "fn-policy-xray",
        "fn-function",
    }
    assert all(c.custom for c in rec.children_of("fn"))


def test_log_group_is_created_with_retention_under_aws_lambda(mock_stack, build):
    rec = mock_stack.run(build())
    log_group = rec.get(LOG_GROUP)
    assert log_group.inputs == {"retentionInDays": 14, "namePrefix": "/aws/lambda/fn-"}


def test_function_configuration_defaults(mock_stack, build):
    rec = mock_stack.run(build())
    function = rec.get(FUNCTION)
    log_group = rec.get(LOG_GROUP)
    inputs = {k: v for k, v in function.inputs.items() if k != "code"}
    assert inputs == {
        "packageType": "Zip",
        "runtime": "python3.13",
        "handler": "app.handler",
        "architectures": ["arm64"],
        "memorySize": 256,
        "timeout": 30,
        "role": rec.get(ROLE).outputs["arn"],
        "sourceCodeHash": rec.result.archive.sha256_b64,
        "loggingConfig": {
            "logFormat": "JSON",
            "logGroup": log_group.outputs["name"],
            "applicationLogLevel": "INFO",
            "systemLogLevel": "WARN",
        },
        "tracingConfig": {"mode": "Active"},
    }


def test_function_code_is_the_built_zip(mock_stack, build):
    rec = mock_stack.run(build())
    code = rec.get(FUNCTION).inputs["code"]
    assert isinstance(code, pulumi.FileArchive)
    assert code.path == str(rec.result.archive.path)
    assert rec.result.archive.files == ("app.py", "lib/__init__.py", "lib/util.py")


def test_function_depends_on_log_group_and_role_policies(mock_stack, build):
    rec = mock_stack.run(build())
    function = rec.get(FUNCTION)
    for name in ("fn-log-group", "fn-policy-logs", "fn-policy-xray"):
        assert rec.named(name).urn in function.dependencies
    assert rec.named("fn-policy-logs").urn in function.explicit_dependencies
    assert rec.named("fn-policy-xray").urn in function.explicit_dependencies


def test_no_reserved_concurrency_or_optional_settings_by_default(mock_stack, build):
    rec = mock_stack.run(build())
    rec.has_resource_properties(
        FUNCTION,
        {
            "reservedConcurrentExecutions": Match.absent(),
            "environment": Match.absent(),
            "deadLetterConfig": Match.absent(),
            "layers": Match.absent(),
            "kmsKeyArn": Match.absent(),
            "ephemeralStorage": Match.absent(),
        },
    )
    rec.resource_count_is(INVOKE_CONFIG, 0)


def test_outputs_resolve_to_child_values(mock_stack, build):
    rec = mock_stack.run(build())
    fn = rec.result
    function, role, log_group = rec.get(FUNCTION), rec.get(ROLE), rec.get(LOG_GROUP)
    assert rec.value(fn.function_name) == function.outputs["name"]
    assert rec.value(fn.function_arn) == function.outputs["arn"]
    assert rec.value(fn.invoke_arn) == function.outputs["invokeArn"]
    assert rec.value(fn.role_arn) == role.outputs["arn"]
    assert rec.value(fn.role_name) == role.outputs["name"]
    assert rec.value(fn.log_group_name) == log_group.outputs["name"]
    assert rec.value(fn.log_group_arn) == log_group.outputs["arn"]
    assert rec.value(fn.timeout_seconds) == 30
    assert rec.value(fn.memory_mb) == 256
    assert isinstance(fn.function, pulumi.CustomResource)
    assert fn.async_config is None


def test_children_are_parented_to_the_component(mock_stack, build):
    rec = mock_stack.run(build())
    component = rec.get(TYPE_TOKEN)
    assert component.parent_urn is None
    assert all(r.parent_urn == component.urn for r in rec if r is not component)


def test_protect_flows_to_children(mock_stack, build):
    rec = mock_stack.run(build(opts=pulumi.ResourceOptions(protect=True)))
    assert all(r.protect for r in rec)
