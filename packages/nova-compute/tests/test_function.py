"""The Function component under Pulumi mocks: every child, every security-relevant input."""

import json
import logging

import pulumi
import pytest
from pulumi.provider.experimental.analyzer import Analyzer

from nova_compute import TYPE_TOKEN, Function, FunctionArgs
from nova_compute._plan import ARG_KEYS
from nova_testing import Match

FUNCTION = "aws:lambda/function:Function"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
PERMISSION = "aws:lambda/permission:Permission"
INVOKE_CONFIG = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig"
ACCOUNT = "123456789012"


@pytest.fixture
def build(app_dir):
    """``build(**args)`` -> a program creating Function('fn') from the app folder."""

    def program(name="fn", opts=None, **args):
        args.setdefault("code_path", str(app_dir))
        return lambda: Function(name, FunctionArgs(**args), opts)

    return program


def _policy(rec, name):
    return json.loads(rec.get(ROLE_POLICY, name).inputs["policy"])


# -- defaults ---------------------------------------------------------------------------------
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


def test_role_trusts_only_lambda_for_this_account(mock_stack, build):
    rec = mock_stack.run(build())
    role = rec.get(ROLE)
    assert json.loads(role.inputs["assumeRolePolicy"]) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "LambdaAssumeRole",
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
            }
        ],
    }


def test_role_has_no_managed_or_inline_policy_arguments(mock_stack, build):
    rec = mock_stack.run(build())
    rec.has_resource_properties(
        ROLE,
        {
            "managedPolicyArns": Match.absent(),
            "inlinePolicies": Match.absent(),
            "permissionsBoundary": Match.absent(),
        },
    )
    rec.resource_count_is("aws:iam/rolePolicyAttachment:RolePolicyAttachment", 0)
    rec.resource_count_is("aws:iam/policy:Policy", 0)


def test_every_role_policy_statement_is_exact(mock_stack, build):
    rec = mock_stack.run(build())
    log_group = rec.get(LOG_GROUP)
    role = rec.get(ROLE)
    for policy in rec.by_type(ROLE_POLICY):
        assert policy.inputs["role"] == role.outputs["name"]
    assert _policy(rec, "fn-policy-logs")["Statement"] == [
        {
            "Sid": "WriteOwnLogGroup",
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": f"{log_group.outputs['arn']}:*",
        }
    ]
    assert _policy(rec, "fn-policy-xray")["Statement"] == [
        {
            "Sid": "XRayWriteNoResourceScoping",
            "Effect": "Allow",
            "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
            "Resource": "*",
        }
    ]


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


# -- options ----------------------------------------------------------------------------------
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


@pytest.mark.parametrize(
    ("arn", "action"),
    [
        (f"arn:aws:sqs:us-east-1:{ACCOUNT}:fn-dlq", "sqs:SendMessage"),
        (f"arn:aws:sns:us-east-1:{ACCOUNT}:fn-dlq", "sns:Publish"),
    ],
)
def test_dead_letter_queue_gets_exactly_one_send_permission(mock_stack, build, arn, action):
    rec = mock_stack.run(build(dead_letter_target_arn=arn))
    assert rec.get(FUNCTION).inputs["deadLetterConfig"] == {"targetArn": arn}
    assert _policy(rec, "fn-policy-dlq")["Statement"] == [
        {"Sid": "SendToDeadLetterTarget", "Effect": "Allow", "Action": [action], "Resource": arn}
    ]
    assert rec.named("fn-policy-dlq").urn in rec.get(FUNCTION).dependencies


def test_dead_letter_arn_as_output_is_checked_and_used(mock_stack, build):
    arn = f"arn:aws:sqs:us-east-1:{ACCOUNT}:later"
    rec = mock_stack.run(build(dead_letter_target_arn=pulumi.Output.from_input(arn)))
    assert _policy(rec, "fn-policy-dlq")["Statement"][0]["Resource"] == arn


def test_fails_when_an_output_dead_letter_arn_is_not_a_queue(mock_stack, build):
    with pytest.raises(
        ValueError,
        match=r"'dead_letter_target_arn' is 'arn:aws:s3:::bucket' \(checked when the Output "
        r"resolved\): must be sqs or sns ARN",
    ):
        mock_stack.run(
            build(dead_letter_target_arn=pulumi.Output.from_input("arn:aws:s3:::bucket"))
        )


@pytest.mark.parametrize(
    ("arn", "statements"),
    [
        (
            f"arn:aws:sqs:us-east-1:{ACCOUNT}:failures",
            [{"Sid": "SendToFailureDestination", "Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": f"arn:aws:sqs:us-east-1:{ACCOUNT}:failures"}],
        ),
        (
            f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/default",
            [{"Sid": "SendToFailureDestination", "Effect": "Allow", "Action": ["events:PutEvents"], "Resource": f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/default"}],
        ),
        (
            f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:on-failure",
            [{"Sid": "SendToFailureDestination", "Effect": "Allow", "Action": ["lambda:InvokeFunction"], "Resource": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:on-failure"}],
        ),
        (
            "arn:aws:s3:::failure-records",
            [
                {"Sid": "WriteFailureRecords", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::failure-records/*"},
                {"Sid": "ListFailureBucket", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::failure-records"},
            ],
        ),
    ],
)  # fmt: skip
def test_on_failure_destination_with_retry_limits(mock_stack, build, arn, statements):
    rec = mock_stack.run(
        build(
            on_failure_destination_arn=arn,
            async_max_retry_attempts=1,
            async_max_event_age_seconds=3600,
        )
    )
    config = rec.get(INVOKE_CONFIG)
    assert config.name == "fn-async-config"
    assert config.inputs == {
        "functionName": rec.get(FUNCTION).outputs["name"],
        "maximumRetryAttempts": 1,
        "maximumEventAgeInSeconds": 3600,
        "destinationConfig": {"onFailure": {"destination": arn}},
    }
    assert _policy(rec, "fn-policy-destination")["Statement"] == statements
    assert rec.named("fn-policy-destination").urn in config.dependencies
    assert rec.result.async_config is not None


def test_async_limits_alone_need_no_extra_policy(mock_stack, build):
    rec = mock_stack.run(build(async_max_retry_attempts=0))
    assert rec.get(INVOKE_CONFIG).inputs == {
        "functionName": rec.get(FUNCTION).outputs["name"],
        "maximumRetryAttempts": 0,
    }
    assert {p.name for p in rec.by_type(ROLE_POLICY)} == {"fn-policy-logs", "fn-policy-xray"}


def test_caller_statements_become_one_separate_role_policy(mock_stack, build):
    table = pulumi.Output.from_input(f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders")
    rec = mock_stack.run(
        build(
            policy_statements=[
                {
                    "Sid": "ReadOrders",
                    "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                    "Resource": [table],
                },
                {"Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "*"},
            ]
        )
    )
    assert _policy(rec, "fn-policy-statements") == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadOrders",
                "Effect": "Allow",
                "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                "Resource": [f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders"],
            },
            {"Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "*"},
        ],
    }
    assert rec.named("fn-policy-statements").urn in rec.get(FUNCTION).explicit_dependencies


def test_wildcard_resource_is_allowed_with_a_reason(mock_stack, build):
    rec = mock_stack.run(
        build(
            policy_statements=[{"Action": "ec2:DescribeInstances", "Resource": "*"}],
            allow_wildcard_resources_reason="ec2:Describe* has no resource-level permissions",
        )
    )
    assert _policy(rec, "fn-policy-statements")["Statement"][0]["Resource"] == "*"


def test_fails_when_an_output_resource_resolves_to_a_wildcard(mock_stack, build):
    with pytest.raises(ValueError, match=r"policy_statements\[0\]\.Resource' is '\*'"):
        mock_stack.run(
            build(
                policy_statements=[
                    {"Action": "s3:GetObject", "Resource": pulumi.Output.from_input("*")}
                ]
            )
        )


def test_add_policy_statements_creates_its_own_role_policy(mock_stack, build):
    def program():
        fn = build()()
        fn.add_policy_statements(
            "orders-table",
            [
                {
                    "Action": ["dynamodb:PutItem"],
                    "Resource": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders",
                }
            ],
        )
        return fn

    rec = mock_stack.run(program)
    policy = rec.get(ROLE_POLICY, "fn-policy-orders-table")
    assert policy.parent_urn == rec.get(TYPE_TOKEN).urn
    assert json.loads(policy.inputs["policy"])["Statement"] == [
        {
            "Effect": "Allow",
            "Action": ["dynamodb:PutItem"],
            "Resource": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders",
        }
    ]


@pytest.mark.parametrize(
    ("key", "statements", "match"),
    [
        (
            "logs",
            [{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}],
            "already uses that key",
        ),
        (
            "bad key!",
            [{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}],
            "letters, digits or '-'",
        ),
        ("wide", [{"Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}], "wildcard actions"),
        ("empty", None, "needs at least one statement"),
    ],
)
def test_fails_when_added_statements_break_the_rules(mock_stack, build, key, statements, match):
    def program():
        fn = build()()
        fn.add_policy_statements(key, statements)

    with pytest.raises(ValueError, match=match):
        mock_stack.run(program)


def test_prebuilt_code_archive_is_used_as_is(mock_stack, tmp_path):
    archive = pulumi.AssetArchive(
        {"app.py": pulumi.StringAsset("def handler(e, c):\n    return 1\n")}
    )
    rec = mock_stack.run(lambda: Function("fn", FunctionArgs(code=archive)))
    function = rec.get(FUNCTION)
    assert isinstance(function.inputs["code"], pulumi.AssetArchive)
    assert "sourceCodeHash" not in function.inputs
    assert rec.result.archive is None


def test_dependencies_are_packaged_through_the_component(mock_stack, build, wheelhouse):
    rec = mock_stack.run(
        build(requirements=["nova-top"], find_links=[str(wheelhouse)], no_index=True)
    )
    archive = rec.result.archive
    assert "nova_top/__init__.py" in archive.files
    assert "nova_tiny/__init__.py" in archive.files
    assert rec.get(FUNCTION).inputs["sourceCodeHash"] == archive.sha256_b64


def test_handler_may_live_in_a_dependency(mock_stack, build, wheelhouse):
    rec = mock_stack.run(
        build(
            handler="nova_tiny.GREETING",
            requirements=["nova-tiny"],
            find_links=[str(wheelhouse)],
            no_index=True,
        )
    )
    assert rec.get(FUNCTION).inputs["handler"] == "nova_tiny.GREETING"


def test_same_program_twice_gives_the_same_code_hash(mock_stack, build):
    first = mock_stack.run(build()).get(FUNCTION).inputs["sourceCodeHash"]
    second = mock_stack.run(build()).get(FUNCTION).inputs["sourceCodeHash"]
    assert first == second


# -- grant_invoke -----------------------------------------------------------------------------
def test_grant_invoke_scopes_by_source_arn_and_account(mock_stack, build):
    source = f"arn:aws:execute-api:us-east-1:{ACCOUNT}:abc123/*/*"

    def program():
        fn = build()()
        fn.grant_invoke("api", "apigateway.amazonaws.com", source)
        return fn

    rec = mock_stack.run(program)
    permission = rec.get(PERMISSION)
    assert permission.name == "fn-permission-api"
    assert permission.aliases == ({"name": "fn-api"},)
    assert permission.parent_urn == rec.get(TYPE_TOKEN).urn
    assert permission.inputs == {
        "action": "lambda:InvokeFunction",
        "function": rec.get(FUNCTION).outputs["name"],
        "principal": "apigateway.amazonaws.com",
        "sourceArn": source,
        "sourceAccount": ACCOUNT,
    }


def test_grant_invoke_keeps_an_explicit_account_and_outputs(mock_stack, build):
    def program():
        fn = build()()
        fn.grant_invoke(
            "events",
            "events.amazonaws.com",
            pulumi.Output.from_input("arn:aws:events:us-east-1:210987654321:rule/nightly"),
            source_account="210987654321",
        )
        fn.grant_invoke("partner", "210987654321", "arn:aws:iam::210987654321:role/caller")
        return fn

    rec = mock_stack.run(program)
    events = rec.get(PERMISSION, "fn-permission-events")
    assert events.inputs["sourceAccount"] == "210987654321"
    assert events.inputs["sourceArn"] == "arn:aws:events:us-east-1:210987654321:rule/nightly"
    partner = rec.get(PERMISSION, "fn-permission-partner")
    assert "sourceAccount" not in partner.inputs
    assert partner.inputs["principal"] == "210987654321"


@pytest.mark.parametrize(
    ("name", "principal", "source_arn", "source_account", "match"),
    [
        ("api", "*", "arn:aws:execute-api:us-east-1:123456789012:a/*/*", None, "never be public"),
        (
            "api",
            "apigateway",
            "arn:aws:execute-api:us-east-1:123456789012:a/*/*",
            None,
            "a principal is a service",
        ),
        ("api", "apigateway.amazonaws.com", None, None, "scoped by the caller's ARN"),
        ("api", "apigateway.amazonaws.com", "execute-api/abc", None, "must be an ARN"),
        (
            "api",
            "apigateway.amazonaws.com",
            "arn:aws:execute-api:us-east-1:1:a/*/*",
            "123",
            "12-digit account id",
        ),
        (
            "bad name",
            "apigateway.amazonaws.com",
            "arn:aws:execute-api:us-east-1:1:a/*/*",
            None,
            "1-100 letters",
        ),
    ],
)
def test_fails_when_grant_invoke_is_unscoped_or_malformed(
    mock_stack, build, name, principal, source_arn, source_account, match
):
    def program():
        fn = build()()
        fn.grant_invoke(name, principal, source_arn, source_account)

    with pytest.raises(ValueError, match=match):
        mock_stack.run(program)
    assert PERMISSION not in {r.type for r in mock_stack.last}


def test_fails_when_grant_name_is_reused(mock_stack, build):
    def program():
        fn = build()()
        fn.grant_invoke("api", "apigateway.amazonaws.com", "arn:aws:execute-api:us-east-1:1:a/*/*")
        fn.grant_invoke("api", "apigateway.amazonaws.com", "arn:aws:execute-api:us-east-1:1:b/*/*")

    with pytest.raises(
        ValueError,
        match=r"argument .grant_invoke.name. is .api.: this function already uses that key",
    ):
        mock_stack.run(program)


# -- warnings ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ({"memory_mb": 4096}, "capped at 3008 MB"),
        ({"environment": {"DB_PASSWORD": "hunter2"}}, "the name suggests a secret"),
        ({"environment": {"TZ": "UTC"}}, "TZ appears in Lambda's reserved list"),
        ({"reserved_concurrency": 0}, "throttles every invocation"),
        ({"handler": "app.main"}, "defines no top-level 'main'"),
        (
            {"environment_kms_key_arn": f"arn:aws:kms:us-east-1:{ACCOUNT}:key/abc-123"},
            "encrypts nothing",
        ),
    ],
)
def test_warns_on_risky_but_valid_settings(mock_stack, build, caplog, args, fragment):
    with caplog.at_level(logging.WARNING):
        mock_stack.run(build(**args))
    assert fragment in caplog.text
    assert "nova-compute Function 'fn'" in caplog.text


def test_warns_when_runtime_deprecation_is_near(mock_stack, build, caplog, monkeypatch):
    import datetime

    import nova_compute.runtimes

    monkeypatch.setattr(nova_compute.runtimes, "today", lambda: datetime.date(2027, 3, 1))
    with caplog.at_level(logging.WARNING):
        mock_stack.run(build(runtime="python3.11"))
    assert "python3.11 is deprecated on 2027-06-30" in caplog.text


def test_secret_reference_names_do_not_warn(mock_stack, build, caplog):
    with caplog.at_level(logging.WARNING):
        mock_stack.run(
            build(
                environment={
                    "DB_SECRET_ARN": f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:db"
                }
            )
        )
    assert "suggests a secret" not in caplog.text


# -- host compatibility -----------------------------------------------------------------------
def test_component_is_host_compatible():
    schema = Analyzer("nova-compute").analyze([Function])
    definition = schema["component_definitions"]["Function"]
    assert set(definition.inputs_mapping.values()) == set(ARG_KEYS)
    contract = {
        "function",
        "functionName",
        "functionArn",
        "invokeArn",
        "role",
        "roleArn",
        "roleName",
        "logGroup",
        "logGroupName",
        "logGroupArn",
        "timeoutSeconds",
        "memoryMb",
    }
    assert contract <= set(definition.outputs)
    assert definition.outputs["timeoutSeconds"].type.value == "integer"


def test_every_args_key_documents_its_default():
    schema = Analyzer("nova-compute").analyze([Function])
    inputs = schema["component_definitions"]["Function"].inputs
    undocumented = [k for k, v in inputs.items() if "Default:" not in (v.description or "")]
    assert undocumented == []
    assert len(inputs) == len(ARG_KEYS) == 41


# -- values that are still Outputs ------------------------------------------------------------
def test_output_values_pass_through_unchecked_until_known(mock_stack, build):
    out = pulumi.Output.from_input
    layer = f"arn:aws:lambda:us-east-1:{ACCOUNT}:layer:tools:1"
    rec = mock_stack.run(
        build(
            handler=out("app.handler"),
            runtime=out("python3.13"),
            layers=out([layer]),
            memory_mb=out(512),
            policy_statements=out([{"Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}]),
        )
    )
    function = rec.get(FUNCTION)
    assert function.inputs["handler"] == "app.handler"
    assert function.inputs["runtime"] == "python3.13"
    assert function.inputs["layers"] == [layer]
    assert function.inputs["memorySize"] == 512
    assert _policy(rec, "fn-policy-statements")["Statement"][0]["Action"] == ["s3:GetObject"]


def test_statement_with_output_action_is_checked_when_known(mock_stack, build):
    statement = {
        "Action": [pulumi.Output.from_input("sqs:*")],
        "Resource": "arn:aws:sqs:us-east-1:1:q",
    }
    with pytest.raises(
        ValueError,
        match=r"'policy_statements\[0\]\.Action' is 'sqs:\*' \(checked when the Output "
        r"resolved\): wildcard",
    ):
        mock_stack.run(build(policy_statements=[statement]))


def test_fails_when_resolved_statements_exceed_the_inline_policy_quota(mock_stack, build):
    statements = [
        {
            "Sid": f"S{i}",
            "Action": "s3:GetObject",
            "Resource": pulumi.Output.from_input(f"arn:aws:s3:::{'b' * 200}-{i}/*"),
        }
        for i in range(60)
    ]
    with pytest.raises(ValueError, match=r"IAM allows 10240 for all inline policies of a role"):
        mock_stack.run(build(policy_statements=statements))


def test_added_statements_and_grants_may_hold_outputs(mock_stack, build):
    def program():
        fn = build()()
        fn.add_policy_statements(
            "queue",
            pulumi.Output.from_input(
                [{"Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:1:q"}]
            ),
        )
        principal = pulumi.Output.from_input("sns.amazonaws.com")
        fn.grant_invoke("sns", principal, "arn:aws:sns:us-east-1:1:t")
        return fn

    rec = mock_stack.run(program)
    policy = json.loads(rec.get(ROLE_POLICY, "fn-policy-queue").inputs["policy"])
    assert policy["Statement"][0]["Action"] == "sqs:SendMessage"
    permission = rec.get(PERMISSION, "fn-permission-sns")
    assert permission.inputs["principal"] == "sns.amazonaws.com"
    assert "sourceAccount" not in permission.inputs  # unknown principal kind: no account default


@pytest.mark.parametrize(
    "source",
    [
        "from lib.util import VALUE as handler\n",
        "import json\nhandler: object = json.loads\n",
        "class handler:\n    pass\n",
        "handler = lambda event, context: None\n",
        "async def handler(event, context):\n    return None\n",
    ],
)
def test_handler_defined_in_any_top_level_form_does_not_warn(
    mock_stack, build, app_dir, caplog, source
):
    (app_dir / "app.py").write_text(source)
    with caplog.at_level(logging.WARNING):
        mock_stack.run(build())
    assert "defines no top-level" not in caplog.text


def test_whole_statement_or_action_list_as_output(mock_stack, build):
    out = pulumi.Output.from_input
    rec = mock_stack.run(
        build(
            policy_statements=[
                out({"Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:1:q"}),
                {"Action": out(["sns:Publish"]), "Resource": "arn:aws:sns:us-east-1:1:t"},
            ]
        )
    )
    assert [s["Action"] for s in _policy(rec, "fn-policy-statements")["Statement"]] == [
        "sqs:SendMessage",
        ["sns:Publish"],
    ]


# -- packaging through the component ------------------------------------------------------------
def test_pip_does_not_run_during_preview_when_the_cache_is_warm(
    mock_stack, build, wheelhouse, monkeypatch
):
    from nova_compute import _packaging_pip

    args = {"requirements": ["nova-top"], "find_links": [str(wheelhouse)], "no_index": True}
    first = mock_stack.run(build(**args)).result.archive

    def no_pip(command, cwd):
        raise AssertionError(f"pip ran during preview: {command}")

    monkeypatch.setattr(_packaging_pip, "_run", no_pip)
    mock_stack.preview = True
    rec = mock_stack.run(build(**args))
    assert rec.result.archive.reused
    assert rec.get(FUNCTION).inputs["sourceCodeHash"] == first.sha256_b64


def test_first_dependency_build_is_announced_with_the_function_name(
    mock_stack, build, wheelhouse, caplog
):
    args = {"requirements": ["nova-top"], "find_links": [str(wheelhouse)], "no_index": True}
    with caplog.at_level(logging.INFO):
        mock_stack.run(build(**args))
    assert (
        "nova-compute Function 'fn': installing 1 requirement(s) (nova-top) with pip for "
        "manylinux_2_34_aarch64 (CPython 3.13, arm64, python3.13)" in caplog.text
    )
    caplog.clear()
    with caplog.at_level(logging.INFO):
        mock_stack.run(build(**args))
    assert "installing" not in caplog.text


def test_added_statement_errors_name_the_key_in_the_path(mock_stack, build):
    from nova_core import NovaInputError

    def program():
        fn = build()()
        fn.add_policy_statements("wide", [{"Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}])

    with pytest.raises(NovaInputError) as info:
        mock_stack.run(program)
    assert str(info.value).startswith(
        "nova-compute Function 'fn': argument 'add_policy_statements[\"wide\"][0].Action' is "
        "'s3:*': wildcard actions"
    )
    assert "fn-policy-wide" not in {r.name for r in mock_stack.last}
