"""Every rule of nova-policy holds for every stack and every component's defaults.

The rules live in the nova-policy package (``nova_policy.RULES``, documented in
packages/nova-policy/RULES.md). Two raw-resource programs bracket them: the insecure fixture
breaks every rule (each check can fail) and a secure program written from the pulumi_aws docs
alone satisfies every rule (each check can pass, for programs that use no Nova component).
"""

from pathlib import Path

import pulumi
import pytest
from conftest import STACKS, STACKS_DIR, load_contract, stack_run
from fixtures.insecure_program import program as insecure_program
from fixtures.raw_program import program as raw_program

from nova_api import HttpApi, HttpApiArgs
from nova_compute import Function, FunctionArgs
from nova_messaging import Queue, QueueArgs
from nova_observability import AlarmTopic, AlarmTopicArgs, ServiceMonitor, ServiceMonitorArgs
from nova_policy import RULES, RULES_BY_ID, check_records, parse_config
from nova_policy.analyzer import PackProcess
from nova_policy.config import load_config
from nova_storage import Bucket, BucketArgs, Secret, SecretArgs, Table, TableArgs, object_created
from nova_testing import MockStack
from nova_testing.preview import main as preview_main

PUBLIC_ROUTES = load_contract().PUBLIC_ROUTES
STACK_CONFIG = parse_config({"A-02": {"public_routes": list(PUBLIC_ROUTES)}})
HELLO = pulumi.AssetArchive(
    {"app.py": pulumi.StringAsset("def handler(event, context):\n    return {}\n")}
)


def _function():
    return Function("fn", FunctionArgs(code=HELLO, handler="app.handler"))


def _default_instances():
    """Each component with nothing but its required arguments."""
    fn = _function()
    api = HttpApi("api", HttpApiArgs(targets={"fn": fn}, routes={"GET /items": {}}))
    bucket = Bucket("bucket", BucketArgs())
    AlarmTopic("topic", AlarmTopicArgs())
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
    "all components together": _default_instances,
    "nova-storage Table": lambda: Table(
        "table", TableArgs(partition_key={"name": "id", "type": "S"})
    ),
    "nova-storage Table with a stream read by a function": lambda: Table(
        "table", TableArgs(partition_key={"name": "id", "type": "S"}, stream="NEW_IMAGE")
    ).grant_stream_read(_function().role),
    "nova-storage Secret": lambda: Secret("secret", SecretArgs()),
    "nova-storage Secret read by a function": lambda: Secret("secret", SecretArgs()).grant_read(
        _function().role
    ),
    "nova-messaging Queue": lambda: Queue("queue", QueueArgs()),
    "nova-messaging Queue with its consumer": lambda: Queue(
        "queue", QueueArgs(consumer={"function": _function()})
    ),
    "nova-storage Bucket with object_created (S3-16)": lambda: Bucket(
        "bucket", BucketArgs(notifications=object_created(_function(), prefix="imports/"))
    ),
    "nova-storage Bucket notifying a nova-compute Function (S3-16)": lambda: Bucket(
        "bucket",
        BucketArgs(
            notifications={
                "new": {"function_arn": _function().function.arn, "events": ["s3:ObjectCreated:*"]}
            }
        ),
    ),
}


def _violations(report):
    return {rule: items for rule, items in report.by_rule().items() if items}


def _text(report):
    return report.format()


def _stack_config(environment):
    """The stack's own nova-policy.json: the config `nova-preview --check` and the pack read."""
    return load_config(STACKS_DIR / environment / "nova-policy.json")


@pytest.mark.parametrize("environment", STACKS)
def test_every_rule_holds_for_every_stack(environment):
    report = check_records(stack_run(environment).recording, _stack_config(environment))
    assert _violations(report) == {}, _text(report)
    assert report.undecided == []  # a recording knows every value
    # Only dev suppresses anything (its table's deletion protection), each with a reason.
    suppressed = {(f.rule.id, f.resource.name) for f in report.suppressed}
    expected = {("DDB-02", "items-dev-records-table")} if environment == "dev" else set()
    assert suppressed == expected


@pytest.mark.parametrize("environment", STACKS)
def test_every_queue_dlq_and_table_has_its_alarm_in_every_stack(environment):
    """Issue 15's reliability rule: a DLQ or table nobody watches is data loss with a delay."""
    rec = stack_run(environment).recording
    alarms = rec.by_type("aws:cloudwatch/metricAlarm:MetricAlarm")
    topic_arn = rec.get("aws:sns/topic:Topic").outputs["arn"]

    def watched(dimension, value, metric):
        return [
            a
            for a in alarms
            if a.inputs.get("dimensions", {}).get(dimension) == value
            and a.inputs.get("metricName") == metric
            and a.inputs["alarmActions"] == [topic_arn]
        ]

    queues = rec.by_type("aws:sqs/queue:Queue")
    dlqs = [q for q in queues if q.name.endswith("-dlq")]
    assert len(dlqs) == 2
    for dlq in dlqs:
        assert watched("QueueName", dlq.outputs["name"], "ApproximateNumberOfMessagesVisible"), (
            dlq.name
        )
    failures = rec.named(f"items-{environment}-import-failures-queue")
    assert watched("QueueName", failures.outputs["name"], "ApproximateNumberOfMessagesVisible")
    for table in rec.by_type("aws:dynamodb/table:Table"):
        for metric in ("ReadThrottleEvents", "WriteThrottleEvents"):
            assert watched("TableName", table.outputs["name"], metric), (table.name, metric)


@pytest.mark.parametrize("environment", STACKS)
def test_the_stacks_exercise_the_catalogue(environment):
    """The catalogue must not pass a stack vacuously: the core rules apply to it."""
    report = check_records(stack_run(environment).recording, STACK_CONFIG)
    assert {
        "S3-01", "S3-03", "S3-07", "L-01", "L-04", "I-01", "I-03", "A-01", "A-02", "A-03",
        "C-01", "C-03", "C-05", "N-02",
    } <= set(report.checked)  # fmt: skip


@pytest.mark.parametrize("program", DEFAULT_PROGRAMS.values(), ids=DEFAULT_PROGRAMS.keys())
def test_every_rule_holds_for_default_instances(mock_stack, program):
    report = check_records(mock_stack.run(program))
    assert report.checked, "no rule applied: the program registered nothing the catalogue knows"
    assert _violations(report) == {}, _text(report)


def _run(program):
    stack = MockStack()
    try:
        return check_records(stack.run(program))
    finally:
        stack.reset()


@pytest.fixture(scope="module")
def insecure_report():
    return _run(insecure_program)


@pytest.fixture(scope="module")
def raw_report():
    return _run(raw_program)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_each_rule_can_fail(insecure_report, rule):
    assert insecure_report.by_rule().get(rule.id), f"{rule.id} ({rule.title}) found nothing"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_each_rule_holds_for_a_raw_resource_program(raw_report, rule):
    """The secure raw program (pulumi_aws docs only, no Nova) gives every rule something to
    check, and satisfies it."""
    assert raw_report.checked.get(rule.id), f"{rule.id} had nothing to check"
    assert raw_report.by_rule()[rule.id] == [], _text(raw_report)


def test_the_insecure_program_fails_the_check(insecure_report):
    assert insecure_report.failed
    assert insecure_report.suppressed == []


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

    recording = mock_stack.run(program)
    open_route = check_records(recording).by_rule()["A-02"]
    assert [f.message for f in open_route] == ["route 'GET /health' has no authorization"]
    declared = parse_config({"A-02": {"public_routes": ["GET /health"]}})
    assert check_records(recording, declared).by_rule()["A-02"] == []


# -- the three entry points: a recording, nova-preview --check, the policy pack over gRPC ---------
PACK_DIR = Path(__file__).resolve().parent.parent / "packages" / "nova-policy" / "pack"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ALL_IDS = {rule.id for rule in RULES}


def _project(tmp_path, module):
    """A Pulumi project whose program is one of the fixture programs."""
    (tmp_path / "Pulumi.yaml").write_text(f"name: {module.replace('_', '-')}\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config:\n  aws:region: us-east-1\n")
    (tmp_path / "__main__.py").write_text(
        f"import sys\nsys.path.insert(0, {str(FIXTURES)!r})\n"
        f"from {module} import program\nprogram()\n"
    )
    return tmp_path


def _recording(program):
    stack = MockStack()
    try:
        return stack.run(program)
    finally:
        stack.reset()


@pytest.fixture(scope="module")
def pack():
    with PackProcess(PACK_DIR) as process:
        yield process


def test_the_insecure_program_fails_every_rule_through_a_recording():
    with pytest.raises(AssertionError) as error:
        _recording(insecure_program).check_rules()
    failed = {line.split()[0] for line in str(error.value).splitlines() if "] aws:" in line}
    assert failed == ALL_IDS


def test_the_insecure_program_fails_every_rule_through_nova_preview(tmp_path, capsys):
    assert preview_main([str(_project(tmp_path, "insecure_program")), "--check"]) == 1
    out = capsys.readouterr().out
    assert {line.split()[0] for line in out.splitlines() if "] aws:" in line} == ALL_IDS


def test_the_insecure_program_fails_every_rule_through_the_policy_pack(pack):
    diagnostics = pack.analyze(_recording(insecure_program))
    assert {d.policy for d in diagnostics} == ALL_IDS
    assert all(d.message.splitlines()[-1].startswith(d.policy + ": ") for d in diagnostics)


def test_the_raw_program_passes_every_entry_point(pack, tmp_path, capsys):
    recording = _recording(raw_program)
    assert recording.check_rules().violations == []
    assert pack.analyze(recording) == []
    assert preview_main([str(_project(tmp_path, "raw_program")), "--check"]) == 0
    assert "0 violation(s) (0 mandatory)" in capsys.readouterr().out


def test_the_pack_agrees_with_the_recording_on_a_stack(pack):
    """The prod stack through the pack reports what the recording check reports: its public
    routes until they are declared in the config, then nothing."""
    recording = stack_run("prod").recording
    undeclared = pack.analyze(recording)
    expected = {(f.rule.id, f.resource.urn) for f in check_records(recording).violations}
    assert {(d.policy, d.urn) for d in undeclared} == expected
    assert {d.policy for d in undeclared} == {"A-02"}
    pack.configure({"A-02": {"public_routes": list(PUBLIC_ROUTES)}})
    try:
        assert pack.analyze(recording) == []
    finally:
        pack.configure({})
