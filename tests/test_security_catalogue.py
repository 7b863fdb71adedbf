"""Every ON rule of the security catalogue holds for every stack and every component's defaults.

The rules live in ``security_catalogue.py``; an intentionally insecure program proves each one
can fail.
"""

import pulumi
import pytest
from conftest import STACKS, load_contract, stack_run
from fixtures.insecure_program import program as insecure_program
from security_catalogue import RULES, RULES_BY_ID, evaluate

from nova_api import HttpApi, HttpApiArgs
from nova_compute import Function, FunctionArgs
from nova_observability import AlarmTopic, AlarmTopicArgs, ServiceMonitor, ServiceMonitorArgs
from nova_storage import Bucket, BucketArgs, Secret, SecretArgs, Table, TableArgs

PUBLIC_ROUTES = load_contract().PUBLIC_ROUTES
HELLO = pulumi.AssetArchive(
    {"app.py": pulumi.StringAsset("def handler(event, context):\n    return {}\n")}
)


def _function():
    return Function("fn", FunctionArgs(code=HELLO, handler="app.handler"))


CMK = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ROTATE = "arn:aws:lambda:us-east-1:123456789012:function:rotate"


def _table():
    return Table("table", TableArgs(partition_key={"name": "id", "type": "S"}))


def _table_with_everything():
    """CMK, stream and every grant: the stream grant's ListStreams on '*' is the one allowed
    wildcard resource."""
    fn = _function()
    table = Table(
        "table",
        TableArgs(
            partition_key={"name": "id", "type": "S"},
            global_indexes={"by-kind": {"partition_key": {"name": "kind", "type": "S"}}},
            kms_key_arn=CMK,
            stream="NEW_AND_OLD_IMAGES",
        ),
    )
    table.grant_read_write_data(fn.role)
    table.grant_stream_read(fn.role)


def _secret_with_everything():
    fn = _function()
    secret = Secret("secret", SecretArgs(kms_key_arn=CMK, rotation_function=ROTATE))
    secret.grant_read(fn.role)


def _default_instances():
    """Each component with nothing but its required arguments."""
    fn = _function()
    api = HttpApi("api", HttpApiArgs(targets={"fn": fn}, routes={"GET /items": {}}))
    bucket = Bucket("bucket", BucketArgs())
    AlarmTopic("topic", AlarmTopicArgs())
    _table()
    Secret("secret")
    ServiceMonitor(
        "monitor",
        ServiceMonitorArgs(functions={"fn": fn}, apis={"api": api}, buckets={"bucket": bucket}),
    )


DEFAULT_PROGRAMS = {
    "nova-storage Bucket": lambda: Bucket("bucket", BucketArgs()),
    "nova-compute Function": _function,
    "nova-api HttpApi": lambda: HttpApi(
        "api", HttpApiArgs(targets={"fn": _function()}, routes={"GET /items": {}})
    ),
    "nova-observability AlarmTopic": lambda: AlarmTopic("topic", AlarmTopicArgs()),
    "nova-observability AlarmTopic with its own KMS key": lambda: AlarmTopic(
        "topic", AlarmTopicArgs(create_kms_key=True)
    ),
    "nova-storage Bucket with a KMS key": lambda: Bucket(
        "bucket",
        BucketArgs(
            kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        ),
    ),
    "nova-storage Table": _table,
    "nova-storage Table with a CMK, a stream and grants": _table_with_everything,
    "nova-storage Secret": lambda: Secret("secret"),
    "nova-storage Secret with a CMK, rotation and a grant": _secret_with_everything,
    "all components together": _default_instances,
}


def _report(violations):
    return "\n".join(f"{rule}: {v}" for rule, items in violations.items() for v in items)


@pytest.mark.parametrize("environment", STACKS)
def test_every_rule_holds_for_every_stack(environment):
    results = evaluate(stack_run(environment).recording, public_routes=PUBLIC_ROUTES)
    violations = {rule: items for rule, items in results.items() if items}
    assert violations == {}, _report(violations)


@pytest.mark.parametrize("environment", STACKS)
def test_the_stacks_exercise_the_catalogue(environment):
    """The catalogue must not pass a stack vacuously: the core rules apply to it."""
    results = evaluate(stack_run(environment).recording, public_routes=PUBLIC_ROUTES)
    assert {
        "S3-01", "S3-03", "S3-07", "L-01", "L-04", "I-01", "I-03", "A-01", "A-02", "A-03",
        "C-01", "C-03", "C-05", "N-02",
    } <= set(results)  # fmt: skip


@pytest.mark.parametrize("program", DEFAULT_PROGRAMS.values(), ids=DEFAULT_PROGRAMS.keys())
def test_every_rule_holds_for_default_instances(mock_stack, program):
    results = evaluate(mock_stack.run(program))
    assert results, "no rule applied: the program registered nothing the catalogue knows"
    violations = {rule: items for rule, items in results.items() if items}
    assert violations == {}, _report(violations)


@pytest.fixture(scope="module")
def insecure_results():
    from nova_testing import MockStack

    stack = MockStack()
    try:
        return evaluate(stack.run(insecure_program))
    finally:
        stack.reset()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_each_rule_can_fail(insecure_results, rule):
    assert insecure_results.get(rule.id), f"{rule.id} ({rule.title}) found nothing to flag"


def test_rule_ids_are_unique():
    assert len(RULES_BY_ID) == len(RULES)


def test_public_routes_must_be_declared(mock_stack):
    def program():
        HttpApi(
            "api",
            HttpApiArgs(
                targets={"fn": _function()},
                routes={"GET /health": {"public": True}},
            ),
        )

    results = evaluate(mock_stack.run(program))
    assert results["A-02"]  # open, and the check was not told it is meant to be
    assert evaluate(mock_stack.run(program), public_routes=["GET /health"])["A-02"] == []
