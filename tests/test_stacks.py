"""Every stack runs offline with its real config; the environments differ only where intended."""

import json
import re

import pytest
from conftest import REPOSITORY, STACKS, STACKS_DIR, load_contract, stack_run

from nova_testing import load_stack_config

CONTRACT = load_contract("api")
BUCKET = "aws:s3/bucket:Bucket"
FUNCTION = "aws:lambda/function:Function"


def test_every_stack_exports_its_outputs(stack):
    assert set(stack.outputs) == {
        "api_url",
        "bucket_name",
        "function_name",
        "alarm_topic_arn",
        "dashboard_name",
        "uploads_bucket_name",
        "table_name",
        "import_queue_url",
        "import_dlq_url",
    }
    env = stack.config.stack
    rec = stack.recording
    api = rec.get("aws:apigatewayv2/api:Api")
    assert stack.outputs["bucket_name"] == rec.named(f"items-{env}-data-bucket").outputs["bucket"]
    assert (
        stack.outputs["uploads_bucket_name"]
        == (rec.named(f"items-{env}-uploads-bucket").outputs["bucket"])
    )
    assert stack.outputs["function_name"] == rec.named(f"items-{env}-api-function").outputs["name"]
    assert stack.outputs["table_name"] == rec.named(f"items-{env}-records-table").outputs["name"]
    assert (
        stack.outputs["import_queue_url"] == rec.named(f"items-{env}-imports-queue").outputs["url"]
    )
    assert stack.outputs["import_dlq_url"] == rec.named(f"items-{env}-imports-dlq").outputs["url"]
    region = stack.config.values["aws:region"]  # environments may run in different Regions
    assert stack.outputs["api_url"] == f"https://{api.id}.execute-api.{region}.amazonaws.com/"
    assert stack.outputs["alarm_topic_arn"] == rec.get("aws:sns/topic:Topic").outputs["arn"]
    assert env in stack.outputs["dashboard_name"]


# The whole service, per stack: what each environment is expected to hold, by design.
COMMON = {
    "nova-storage:index:Bucket": 2,  # data, uploads
    "nova-storage:index:Table": 1,
    "nova-storage:index:Secret": 1,  # the cursor key
    "nova-compute:index:Function": 3,  # api, importer, worker
    "nova-messaging:index:Queue": 2,  # imports (with the worker), import failures
    "nova-api:index:HttpApi": 1,
    "nova-observability:index:ServiceMonitor": 1,
    "aws:s3/bucket:Bucket": 2,
    "aws:dynamodb/table:Table": 1,
    "aws:secretsmanager/secret:Secret": 1,
    "aws:lambda/function:Function": 3,
    "aws:sqs/queue:Queue": 4,  # two queues, each with its dead-letter queue
    "aws:lambda/eventSourceMapping:EventSourceMapping": 1,
    "aws:s3/bucketNotification:BucketNotification": 1,
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": 1,  # importer on-failure
    "aws:cloudwatch/logGroup:LogGroup": 4,  # three functions, API access logs
    "aws:kms/key:Key": 0,
    "aws:sns/topicSubscription:TopicSubscription": 1,
    # Per function: logs and X-Ray; api: data read-write and delete, cursor key, its table
    # actions; importer: uploads read, queue send, its table actions, on-failure destination;
    # worker: data put, its table actions; the worker's event source mapping policy.
    "aws:iam/rolePolicy:RolePolicy": 17,
}
EXPECTED = {
    "dev": {**COMMON, "aws:sns/topicSubscription:TopicSubscription": 0},
    "staging": COMMON,
    "prod": {
        **COMMON,
        "nova-storage:index:Bucket": 3,  # + the access-log bucket
        "aws:s3/bucket:Bucket": 3,
        "aws:s3/bucketLogging:BucketLogging": 2,  # data and uploads log to it
        "aws:kms/key:Key": 1,  # the alarm topic's key
    },
}


def test_every_stack_holds_the_whole_service(stack):
    types = stack.recording.types()
    expected = EXPECTED[stack.config.stack]
    assert {t: types.get(t, 0) for t in expected} == expected


def test_no_raw_resources_in_a_stack(stack):
    """A stack is wiring only: every AWS resource belongs to a Nova component."""
    top_level = [r for r in stack.resources if r.parent_urn is None]
    assert {r.type.split(":")[0] for r in top_level} == {
        "nova-storage",
        "nova-compute",
        "nova-api",
        "nova-messaging",
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


@pytest.mark.parametrize("function", ["api", "importer", "worker"])
def test_each_function_runs_its_contract_handler_with_allowed_environment_values(stack, function):
    contract = load_contract(function)
    fn = stack.recording.named(f"items-{stack.config.stack}-{function}-function")
    assert fn.inputs["handler"] == contract.HANDLER
    assert fn.inputs["architectures"] == ["arm64"]
    variables = fn.inputs["environment"]["variables"]
    assert set(contract.REQUIRED_ENV) <= set(variables)
    assert set(variables) <= set(contract.REQUIRED_ENV) | set(contract.OPTIONAL_ENV)
    assert variables[contract.ENV_ENVIRONMENT] == stack.config.stack
    for key, value in variables.items():
        rule = contract.ENVIRONMENT[key]
        if "pattern" in rule:
            assert re.fullmatch(rule["pattern"], value), (key, value)
        if "choices" in rule:
            assert value in rule["choices"], (key, value)
        if "minimum" in rule:
            assert rule["minimum"] <= int(value) <= rule["maximum"], (key, value)


def test_one_log_level_setting_reaches_lambda_and_powertools_in_their_vocabularies(stack):
    level = load_stack_config(STACKS_DIR / stack.config.stack, stack.config.stack).values.get(
        "nova-service:logLevel", "INFO"
    )
    for function in ("api", "importer", "worker"):
        contract = load_contract(function)
        fn = stack.recording.named(f"items-{stack.config.stack}-{function}-function")
        lambda_level, powertools_level = contract.log_levels(level)
        assert fn.inputs["loggingConfig"]["applicationLogLevel"] == lambda_level
        assert fn.inputs["environment"]["variables"][contract.ENV_LOG_LEVEL] == powertools_level
        assert powertools_level in contract.POWERTOOLS_LOG_LEVELS


def _statements(rec, prefix: str, suffix: str) -> list[dict]:
    return [
        statement
        for policy in rec.by_type("aws:iam/rolePolicy:RolePolicy")
        if policy.name.startswith(prefix) and policy.name.endswith(suffix)
        for statement in json.loads(policy.inputs["policy"])["Statement"]
    ]


def _listed(value) -> list:
    return [value] if isinstance(value, str) else list(value)


def test_api_function_may_touch_only_its_bucket_and_read_its_cursor_key(stack):
    env = stack.config.stack
    rec = stack.recording
    bucket_arn = rec.named(f"items-{env}-data-bucket").outputs["arn"]
    statements = _statements(rec, f"items-{env}-data-", "-api")
    resources = {r for s in statements for r in _listed(s["Resource"])}
    assert resources == {bucket_arn, f"{bucket_arn}/*"}
    actions = {a for s in statements for a in _listed(s["Action"])}
    assert {"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"} <= actions
    assert not any(a.endswith("*") for a in actions)
    # ListBucket unconditioned, so a read of a missing item is a 404, not a 403.
    listing = [s for s in statements if "s3:ListBucket" in _listed(s["Action"])]
    assert listing
    assert all("Condition" not in s for s in listing)
    secret = _statements(rec, f"items-{env}-cursor-key-", "-api")
    secret_arn = rec.named(f"items-{env}-cursor-key-secret").outputs["arn"]
    assert {r for s in secret for r in _listed(s["Resource"])} == {secret_arn}
    assert set(CONTRACT.SECRETS_ACTIONS) <= {a for s in secret for a in _listed(s["Action"])}


def test_api_function_indexes_items_in_the_service_table(stack):
    """PUT writes an item's index record, DELETE deletes it: the API gets the table's name, the
    same table as the worker."""
    env = stack.config.stack
    rec = stack.recording
    table = rec.named(f"items-{env}-records-table")
    variables = rec.named(f"items-{env}-api-function").inputs["environment"]["variables"]
    assert variables[CONTRACT.ENV_TABLE] == table.outputs["name"]
    # The worker's records go to the same table.
    worker = rec.named(f"items-{env}-worker-function").inputs["environment"]["variables"]
    assert worker[load_contract("worker").ENV_TABLE] == variables[CONTRACT.ENV_TABLE]


@pytest.mark.parametrize("function", ["api", "importer", "worker"])
def test_each_function_may_do_exactly_its_contracts_table_actions(stack, function):
    """Least privilege from the contract: the table actions it lists, on the table alone (no
    index, no wildcard, no table-level change), in one role policy."""
    env = stack.config.stack
    rec = stack.recording
    role = rec.named(f"items-{env}-{function}-role").outputs["name"]
    on_table = [
        policy
        for policy in rec.by_type("aws:iam/rolePolicy:RolePolicy")
        if policy.inputs["role"] == role and "dynamodb:" in policy.inputs["policy"]
    ]
    assert [policy.name for policy in on_table] == [f"items-{env}-records-grant-data-{function}"]
    (statement,) = json.loads(on_table[0].inputs["policy"])["Statement"]
    assert statement["Effect"] == "Allow"
    assert statement["Resource"] == rec.named(f"items-{env}-records-table").outputs["arn"]
    expected = load_contract(function).TABLE_ACTIONS
    assert statement["Action"] == list(expected)
    assert {"dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateTable"}.isdisjoint(expected)


@pytest.mark.parametrize("environment", STACKS)
def test_config_values_reach_the_resources(environment):
    run = stack_run(environment)
    config = load_stack_config(STACKS_DIR / environment, environment).values
    rec = run.recording
    for function, memory, timeout in (
        ("api", "memoryMb", "timeoutSeconds"),
        ("importer", "importerMemoryMb", "importerTimeoutSeconds"),
        ("worker", "workerMemoryMb", "workerTimeoutSeconds"),
    ):
        fn = rec.named(f"items-{environment}-{function}-function")
        assert fn.inputs["memorySize"] == int(config[f"nova-service:{memory}"])
        assert fn.inputs["timeout"] == int(config[f"nova-service:{timeout}"])
    stage = rec.get("aws:apigatewayv2/stage:Stage")
    assert stage.inputs["defaultRouteSettings"]["throttlingBurstLimit"] == int(
        config["nova-service:throttleBurst"]
    )
    assert stage.inputs["defaultRouteSettings"]["throttlingRateLimit"] == int(
        config["nova-service:throttleRate"]
    )
    retention = int(config["nova-service:logRetentionDays"])
    assert {
        g.inputs["retentionInDays"] for g in rec.by_type("aws:cloudwatch/logGroup:LogGroup")
    } == {retention}
    table = rec.named(f"items-{environment}-records-table")
    assert table.inputs["pointInTimeRecovery"]["recoveryPeriodInDays"] == int(
        config["nova-service:pitrDays"]
    )
    assert table.inputs["deletionProtectionEnabled"] is (
        config["nova-service:deletionProtection"] == "true"
    )
    secret = rec.named(f"items-{environment}-cursor-key-secret")
    assert secret.inputs["recoveryWindowInDays"] == int(
        config["nova-service:secretRecoveryWindowDays"]
    )


STATEFUL = (
    "aws:s3/bucket:Bucket",
    "aws:dynamodb/table:Table",
    "aws:sqs/queue:Queue",
    "aws:secretsmanager/secret:Secret",
)


def test_prod_data_is_protected_retained_and_recoverable():
    rec = stack_run("prod").recording
    stateful = [r for r in rec.resources if r.type in STATEFUL]
    assert len(stateful) == 9  # 3 buckets, the table, 4 queues, the secret
    for resource in stateful:
        assert (resource.protect, resource.retain_on_delete) == (True, True), resource.name
    for bucket in rec.by_type("aws:s3/bucket:Bucket"):
        assert bucket.inputs["forceDestroy"] is False
    table = rec.get("aws:dynamodb/table:Table")
    assert table.inputs["deletionProtectionEnabled"] is True
    assert table.inputs["pointInTimeRecovery"] == {"enabled": True, "recoveryPeriodInDays": 35}
    assert rec.get("aws:secretsmanager/secret:Secret").inputs["recoveryWindowInDays"] == 30
    rec.all_resources_have(
        "aws:s3/bucketVersioning:BucketVersioning",
        {"versioningConfiguration": {"status": "Enabled"}},
    )


def test_prod_logs_bucket_access_and_encrypts_its_alarm_topic_with_its_own_key():
    rec = stack_run("prod").recording
    log_bucket = rec.named("items-prod-access-logs-bucket").outputs["bucket"]
    logging = {
        r.name: (r.inputs["targetBucket"], r.inputs["targetPrefix"])
        for r in rec.by_type("aws:s3/bucketLogging:BucketLogging")
    }
    assert sorted(logging.values()) == [(log_bucket, "data/"), (log_bucket, "uploads/")]
    key = rec.get("aws:kms/key:Key")
    assert key.inputs["enableKeyRotation"] is True
    assert rec.get("aws:sns/topic:Topic").inputs["kmsMasterKeyId"] == key.outputs["arn"]


@pytest.mark.parametrize("environment", ["dev", "staging"])
def test_non_prod_data_is_not_protected(environment):
    for resource in stack_run(environment).recording.resources:
        if resource.type in STATEFUL:
            assert (resource.protect, resource.retain_on_delete) == (False, False), resource.name


def test_only_dev_drops_table_deletion_protection():
    for environment, protected in (("dev", False), ("staging", True), ("prod", True)):
        table = stack_run(environment).recording.get("aws:dynamodb/table:Table")
        assert table.inputs["deletionProtectionEnabled"] is protected, environment


@pytest.mark.parametrize(
    ("environment", "force_destroy"), [("dev", True), ("staging", False), ("prod", False)]
)
def test_only_dev_may_force_destroy(environment, force_destroy):
    buckets = stack_run(environment).recording.by_type("aws:s3/bucket:Bucket")
    assert {b.inputs["forceDestroy"] for b in buckets} == {force_destroy}


@pytest.mark.parametrize(("environment", "minimum"), [("dev", 1), ("staging", 30), ("prod", 365)])
def test_log_retention_per_environment(environment, minimum):
    groups = stack_run(environment).recording.by_type("aws:cloudwatch/logGroup:LogGroup")
    assert len(groups) == 4  # three functions' logs and the API's access logs
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
    for bucket in stack.recording.by_type(BUCKET):
        assert env in bucket.outputs["bucket"]


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


def test_table_system_errors_are_watched_for_the_operations_the_functions_call(stack):
    """The monitor reads the table's grants: exactly the operations the three contracts list,
    not every item API (whose unused operations would never publish a datapoint)."""
    env = stack.config.stack
    alarm = stack.recording.named(f"items-{env}-monitor-alarm-records-system_errors")
    watched = {
        query["metric"]["dimensions"]["Operation"]
        for query in alarm.inputs["metricQueries"]
        if query.get("metric")
    }
    granted = {
        action.removeprefix("dynamodb:")
        for function in ("api", "importer", "worker")
        for action in load_contract(function).TABLE_ACTIONS
    }
    assert watched == granted
    assert watched == {"GetItem", "PutItem", "DeleteItem"}
