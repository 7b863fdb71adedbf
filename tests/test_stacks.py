"""Every stack runs offline with its real config; the environments differ only where intended."""

import json

import pytest
from conftest import REPOSITORY, STACKS, STACKS_DIR, load_contract, stack_run

from nova_testing import load_stack_config

CONTRACT = load_contract()
BUCKET = "aws:s3/bucket:Bucket"
FUNCTION = "aws:lambda/function:Function"


def test_every_stack_exports_its_outputs(stack):
    assert set(stack.outputs) == {
        "api_url",
        "bucket_name",
        "function_name",
        "alarm_topic_arn",
        "dashboard_name",
    }
    env = stack.config.stack
    bucket = stack.recording.get(BUCKET)
    fn = stack.recording.get(FUNCTION)
    api = stack.recording.get("aws:apigatewayv2/api:Api")
    assert stack.outputs["bucket_name"] == bucket.outputs["bucket"]
    assert stack.outputs["function_name"] == fn.outputs["name"]
    region = stack.config.values["aws:region"]  # environments may run in different Regions
    assert stack.outputs["api_url"] == f"https://{api.id}.execute-api.{region}.amazonaws.com/"
    assert (
        stack.outputs["alarm_topic_arn"]
        == stack.recording.get("aws:sns/topic:Topic").outputs["arn"]
    )
    assert env in stack.outputs["dashboard_name"]


def test_no_raw_resources_in_a_stack(stack):
    """A stack is wiring only: every AWS resource belongs to a Nova component."""
    top_level = [r for r in stack.resources if r.parent_urn is None]
    assert {r.type.split(":")[0] for r in top_level} == {
        "nova-storage",
        "nova-compute",
        "nova-api",
        "nova-observability",
    }


def test_routes_come_from_the_handler_contract(stack):
    routes = {
        r.inputs["routeKey"]: r.inputs["authorizationType"]
        for r in stack.recording.by_type("aws:apigatewayv2/route:Route")
    }
    assert set(routes) == set(CONTRACT.ROUTES)
    for route, authorization in routes.items():
        expected_open = route in CONTRACT.PUBLIC_ROUTES
        assert (authorization == "NONE") is expected_open, route


def test_function_runs_the_contract_handler_with_its_environment(stack):
    fn = stack.recording.get(FUNCTION)
    assert fn.inputs["handler"] == CONTRACT.HANDLER
    variables = fn.inputs["environment"]["variables"]
    assert set(CONTRACT.REQUIRED_ENV) <= set(variables)
    assert variables[CONTRACT.ENV_BUCKET] == stack.outputs["bucket_name"]
    assert variables[CONTRACT.ENV_ENVIRONMENT] == stack.config.stack
    assert fn.inputs["architectures"] == ["arm64"]


def test_function_may_touch_only_its_bucket(stack):
    bucket_arn = stack.recording.get(BUCKET).outputs["arn"]
    grants = [
        json.loads(p.inputs["policy"])
        for p in stack.recording.by_type("aws:iam/rolePolicy:RolePolicy")
        if p.name.startswith(f"items-{stack.config.stack}-data-")
    ]
    statements = [s for doc in grants for s in doc["Statement"]]
    resources = {
        resource
        for statement in statements
        for resource in (
            [statement["Resource"]]
            if isinstance(statement["Resource"], str)
            else statement["Resource"]
        )
    }
    assert resources == {bucket_arn, f"{bucket_arn}/*"}
    actions = {action for statement in statements for action in statement["Action"]}
    assert {"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"} <= actions
    assert not any(a.endswith("*") for a in actions)
    # ListBucket unconditioned, so a read of a missing item is a 404, not a 403.
    listing = [s for s in statements if "s3:ListBucket" in s["Action"]]
    assert listing
    assert all("Condition" not in s for s in listing)


@pytest.mark.parametrize("environment", STACKS)
def test_config_values_reach_the_resources(environment):
    run = stack_run(environment)
    config = load_stack_config(STACKS_DIR / environment, environment).values
    fn = run.recording.get(FUNCTION)
    assert fn.inputs["memorySize"] == int(config["nova-service:memoryMb"])
    assert fn.inputs["timeout"] == int(config["nova-service:timeoutSeconds"])
    stage = run.recording.get("aws:apigatewayv2/stage:Stage")
    assert stage.inputs["defaultRouteSettings"]["throttlingBurstLimit"] == int(
        config["nova-service:throttleBurst"]
    )
    assert stage.inputs["defaultRouteSettings"]["throttlingRateLimit"] == int(
        config["nova-service:throttleRate"]
    )
    retention = int(config["nova-service:logRetentionDays"])
    assert {
        g.inputs["retentionInDays"]
        for g in run.recording.by_type("aws:cloudwatch/logGroup:LogGroup")
    } == {retention}


def test_prod_data_is_protected_retained_and_versioned():
    run = stack_run("prod")
    bucket = run.recording.get(BUCKET)
    assert bucket.protect is True
    assert bucket.retain_on_delete is True
    assert bucket.inputs["forceDestroy"] is False
    component = run.recording.by_urn(bucket.parent_urn)
    assert (component.protect, component.retain_on_delete) == (True, True)
    run.recording.has_resource_properties(
        "aws:s3/bucketVersioning:BucketVersioning",
        {"versioningConfiguration": {"status": "Enabled"}},
    )


@pytest.mark.parametrize("environment", ["dev", "staging"])
def test_non_prod_data_is_not_protected(environment):
    bucket = stack_run(environment).recording.get(BUCKET)
    assert bucket.protect is False
    assert bucket.retain_on_delete is False


@pytest.mark.parametrize(
    ("environment", "force_destroy"), [("dev", True), ("staging", False), ("prod", False)]
)
def test_only_dev_may_force_destroy(environment, force_destroy):
    assert stack_run(environment).recording.get(BUCKET).inputs["forceDestroy"] is force_destroy


@pytest.mark.parametrize(("environment", "minimum"), [("dev", 1), ("staging", 30), ("prod", 365)])
def test_log_retention_per_environment(environment, minimum):
    groups = stack_run(environment).recording.by_type("aws:cloudwatch/logGroup:LogGroup")
    assert len(groups) == 2  # function logs and API access logs
    assert all(g.inputs["retentionInDays"] >= minimum for g in groups)


@pytest.mark.parametrize(
    ("environment", "origins"),
    [
        ("dev", ["http://localhost:3000"]),
        ("staging", ["https://staging.items.example.com"]),
        ("prod", ["https://items.example.com"]),
    ],
)
def test_cors_origins_per_environment(environment, origins):
    api = stack_run(environment).recording.get("aws:apigatewayv2/api:Api")
    assert api.inputs["corsConfiguration"]["allowOrigins"] == origins
    assert "*" not in api.inputs["corsConfiguration"]["allowOrigins"]


def test_every_stack_tags_every_resource_through_default_tags(stack):
    tags = json.loads(stack.config.values["aws:defaultTags"])["tags"]
    assert tags == {
        "Project": "nova-service",
        "Environment": stack.config.stack,
        "ManagedBy": "pulumi",
    }


def test_names_carry_the_environment(stack):
    env = stack.config.stack
    alarms = stack.recording.by_type("aws:cloudwatch/metricAlarm:MetricAlarm")
    assert alarms
    assert all(f"-{env}-" in a.inputs["name"] for a in alarms)
    for dashboard in stack.recording.by_type("aws:cloudwatch/dashboard:Dashboard"):
        assert env in dashboard.inputs["dashboardName"]
    assert env in stack.recording.get(BUCKET).outputs["bucket"]


def test_account_wide_names_never_collide_across_stacks():
    names = {}
    for environment in STACKS:
        run = stack_run(environment)
        for alarm in run.recording.by_type("aws:cloudwatch/metricAlarm:MetricAlarm"):
            names.setdefault(alarm.inputs["name"], []).append(environment)
        for dashboard in run.recording.by_type("aws:cloudwatch/dashboard:Dashboard"):
            names.setdefault(dashboard.inputs["dashboardName"], []).append(environment)
    assert {name: envs for name, envs in names.items() if len(envs) > 1} == {}


def test_prod_subscribes_its_oncall_address():
    run = stack_run("prod")
    run.recording.has_resource_properties(
        "aws:sns/topicSubscription:TopicSubscription",
        {"protocol": "email", "endpoint": "items-oncall@example.com"},
    )


def test_the_three_programs_are_one():
    programs = {
        (STACKS_DIR / env / "__main__.py").read_text().replace(env, "ENV") for env in STACKS
    }
    assert len(programs) == 1


def test_prod_pins_released_versions_dev_uses_the_workspace():
    import re

    prod = (STACKS_DIR / "prod" / "requirements.txt").read_text()
    pins = dict(re.findall(r"^(nova-[a-z-]+)==(\S+)$", prod, re.MULTILINE))
    program = "".join(p.read_text() for p in STACKS_DIR.glob("*.py"))
    imported = {
        m.replace("_", "-") for m in re.findall(r"^from (nova_[a-z_]+) import", program, re.M)
    }
    assert imported <= set(pins), f"prod does not pin {imported - set(pins)}"
    for distribution, version in pins.items():
        about = next((REPOSITORY / "packages" / distribution / "src").glob("*/__about__.py"))
        assert f'__version__ = "{version}"' in about.read_text(), (distribution, version)
    for environment in ("dev", "staging"):
        text = (STACKS_DIR / environment / "Pulumi.yaml").read_text()
        assert "virtualenv: ../../.venv" in text
