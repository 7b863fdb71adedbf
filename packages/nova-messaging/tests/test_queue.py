"""The Queue component under mocks: every default, names, FIFO, encryption, policies, outputs."""

import inspect
import io
import itertools
import json
import tokenize
import typing
from pathlib import Path
from types import SimpleNamespace

import pulumi
import pulumi_aws as aws
import pytest
from pulumi.provider.experimental.analyzer import Analyzer

from nova_messaging import TYPE_TOKEN, ConsumerArgs, Queue, QueueArgs, tls_only_statement
from nova_messaging._plan import CONSUMER_KEYS, QUEUE_KEYS

SQS_QUEUE = "aws:sqs/queue:Queue"
QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy"
REDRIVE_ALLOW = "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def _queue(args=None, name="jobs"):
    return lambda: Queue(name, args if args is not None else QueueArgs())


def test_defaults_create_two_encrypted_queues_policies_and_the_redrive_allow(mock_stack):
    rec = mock_stack.run(lambda: Queue("jobs"))
    assert rec.types() == {
        SQS_QUEUE: 2,
        QUEUE_POLICY: 2,
        REDRIVE_ALLOW: 1,
        TYPE_TOKEN: 1,
    }
    component = rec.get(TYPE_TOKEN)
    assert {r.name for r in rec.children_of(component)} == {
        "jobs-queue",
        "jobs-dlq",
        "jobs-queue-policy",
        "jobs-dlq-policy",
        "jobs-dlq-redrive-allow",
    }
    assert all(r.parent_urn == component.urn for r in rec.resources if r.custom)
    dlq = rec.named("jobs-dlq")
    assert dlq.inputs == {
        "fifoQueue": False,
        "messageRetentionSeconds": 1_209_600,
        "receiveWaitTimeSeconds": 20,
        "sqsManagedSseEnabled": True,
    }
    source = rec.named("jobs-queue")
    redrive = json.loads(source.inputs.pop("redrivePolicy"))
    assert source.inputs == {
        "fifoQueue": False,
        "messageRetentionSeconds": 345_600,
        "visibilityTimeoutSeconds": 30,
        "receiveWaitTimeSeconds": 20,
        "delaySeconds": 0,
        "sqsManagedSseEnabled": True,
    }
    assert redrive == {"deadLetterTargetArn": dlq.outputs["arn"], "maxReceiveCount": 5}


def test_urns_of_the_two_queues_are_stable(mock_stack):
    rec = mock_stack.run(lambda: Queue("jobs"))
    prefix = "urn:pulumi:test::nova-test::nova-messaging:index:Queue$aws:sqs/queue:Queue::"
    assert rec.named("jobs-queue").urn == prefix + "jobs-queue"
    assert rec.named("jobs-dlq").urn == prefix + "jobs-dlq"


def test_each_queue_has_one_tls_only_policy_on_its_own_arn(mock_stack):
    rec = mock_stack.run(lambda: Queue("jobs"))
    for queue, policy in (("jobs-queue", "jobs-queue-policy"), ("jobs-dlq", "jobs-dlq-policy")):
        outputs = rec.named(queue).outputs
        inputs = rec.named(policy).inputs
        assert inputs["queueUrl"] == outputs["url"]
        assert json.loads(inputs["policy"]) == {
            "Version": "2012-10-17",
            "Statement": [tls_only_statement(outputs["arn"])],
        }
    assert "policy" not in rec.named("jobs-queue").inputs  # one policy per queue


def test_redrive_allow_limits_the_dlq_to_this_source_without_a_cycle(mock_stack):
    rec = mock_stack.run(lambda: Queue("jobs"))
    source, dlq = rec.named("jobs-queue"), rec.named("jobs-dlq")
    allow = rec.named("jobs-dlq-redrive-allow")
    assert allow.inputs["queueUrl"] == dlq.outputs["url"]
    assert json.loads(allow.inputs["redriveAllowPolicy"]) == {
        "redrivePermission": "byQueue",
        "sourceQueueArns": [source.outputs["arn"]],
    }
    assert "redriveAllowPolicy" not in dlq.inputs
    # The source depends on the DLQ (redrive), the DLQ on nothing of the source.
    assert dlq.urn in source.dependencies
    assert source.urn not in dlq.dependencies
    assert {source.urn, dlq.urn} <= set(allow.dependencies)


def test_outputs_and_plain_facts(mock_stack):
    rec = mock_stack.run(lambda: Queue("jobs"))
    queue = rec.result
    source, dlq = rec.named("jobs-queue").outputs, rec.named("jobs-dlq").outputs
    name = source["name"]
    assert name.startswith("jobs-queue-")
    assert rec.value(queue.url) == f"https://sqs.us-east-1.amazonaws.com/123456789012/{name}"
    assert rec.value(queue.arn) == f"arn:aws:sqs:us-east-1:123456789012:{name}"
    assert rec.value(queue.name) == name
    assert rec.value(queue.dlq_url) == dlq["url"]
    assert rec.value(queue.dlq_arn) == dlq["arn"]
    assert rec.value(queue.dlq_name) == dlq["name"]
    assert isinstance(queue.queue, aws.sqs.Queue)
    assert isinstance(queue.dlq, aws.sqs.Queue)
    assert queue.retention_seconds == 345_600
    assert queue.dlq_retention_seconds == 1_209_600
    assert queue.visibility_timeout_seconds == 30
    assert queue.fifo is False
    assert queue.consumer_function is None
    assert queue.consumer_mapping is None
    assert queue.kms_key_arn is None


def test_fifo_makes_both_queues_fifo_with_deduplication_on_the_source(mock_stack):
    rec = mock_stack.run(
        _queue(QueueArgs(fifo=True, content_based_deduplication=True, retention_seconds=1_209_600))
    )
    source, dlq = rec.named("jobs-queue"), rec.named("jobs-dlq")
    assert source.inputs["fifoQueue"] is True
    assert source.inputs["contentBasedDeduplication"] is True
    assert source.inputs["messageRetentionSeconds"] == 1_209_600  # FIFO resets the enqueue time
    assert dlq.inputs["fifoQueue"] is True
    assert "contentBasedDeduplication" not in dlq.inputs
    assert source.outputs["name"].endswith(".fifo")
    assert dlq.outputs["name"].endswith(".fifo")
    assert rec.result.fifo is True


@pytest.mark.parametrize(
    ("args", "queue_name", "dlq_name"),
    [
        ({"queue_name": "orders"}, "orders", "orders-dlq"),
        ({"queue_name": "orders.fifo", "fifo": True}, "orders.fifo", "orders-dlq.fifo"),
        ({"queue_name": "orders", "dlq_name": "orders-failed"}, "orders", "orders-failed"),
        ({"dlq_name": "jobs-poison"}, None, "jobs-poison"),
    ],
)
def test_explicit_names_and_the_derived_dlq_name(mock_stack, args, queue_name, dlq_name):
    rec = mock_stack.run(_queue(QueueArgs(**args)))
    assert rec.named("jobs-queue").inputs.get("name") == queue_name
    assert rec.named("jobs-dlq").inputs["name"] == dlq_name


def test_an_output_queue_name_names_the_dlq_after_it(mock_stack):
    rec = mock_stack.run(
        _queue(QueueArgs(queue_name=pulumi.Output.from_input("orders.fifo"), fifo=True))
    )
    assert rec.named("jobs-queue").inputs["name"] == "orders.fifo"
    assert rec.named("jobs-dlq").inputs["name"] == "orders-dlq.fifo"


@pytest.mark.parametrize("key", [KEY, "output"])
def test_a_customer_managed_key_encrypts_both_queues(mock_stack, key):
    def program():
        arn = KEY if key == KEY else aws.kms.Key("queue-key").arn
        return Queue("jobs", QueueArgs(kms_key_arn=arn, kms_data_key_reuse_period_seconds=3600))

    rec = mock_stack.run(program)
    expected = KEY if key == KEY else rec.get("aws:kms/key:Key").outputs["arn"]
    for name in ("jobs-queue", "jobs-dlq"):
        inputs = rec.named(name).inputs
        assert inputs["kmsMasterKeyId"] == expected
        assert inputs["kmsDataKeyReusePeriodSeconds"] == 3600
        assert "sqsManagedSseEnabled" not in inputs  # exactly one of the two (B.8 SSE)
    assert rec.value(rec.result.kms_key_arn) == expected


def test_settings_reach_the_queues(mock_stack):
    rec = mock_stack.run(
        _queue(
            QueueArgs(
                retention_seconds=86_400,
                dlq_retention_seconds=604_800,
                visibility_timeout_seconds=900,
                receive_wait_time_seconds=5,
                delay_seconds=60,
                max_message_size_bytes=262_144,
                max_receive_count=3,
                tags={"team": "imports"},
            )
        )
    )
    source, dlq = rec.named("jobs-queue").inputs, rec.named("jobs-dlq").inputs
    assert source["messageRetentionSeconds"] == 86_400
    assert source["visibilityTimeoutSeconds"] == 900
    assert source["receiveWaitTimeSeconds"] == 5
    assert source["delaySeconds"] == 60
    assert source["maxMessageSize"] == 262_144
    assert json.loads(source["redrivePolicy"])["maxReceiveCount"] == 3
    assert dlq["messageRetentionSeconds"] == 604_800
    assert dlq["maxMessageSize"] == 262_144  # the DLQ takes every message the source takes
    assert source["tags"] == dlq["tags"] == {"team": "imports"}
    assert rec.result.visibility_timeout_seconds == 900


def test_policy_statements_are_merged_after_the_tls_deny_on_the_source_only(mock_stack):
    topic = "arn:aws:sns:us-east-1:123456789012:uploads"
    statement = {
        "Sid": "AllowUploadsTopic",
        "Effect": "Allow",
        "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Condition": {"ArnEquals": {"aws:SourceArn": pulumi.Output.from_input(topic)}},
    }
    rec = mock_stack.run(_queue(QueueArgs(policy_statements=[statement])))
    arn = rec.named("jobs-queue").outputs["arn"]
    statements = json.loads(rec.named("jobs-queue-policy").inputs["policy"])["Statement"]
    assert statements == [
        tls_only_statement(arn),
        {
            "Sid": "AllowUploadsTopic",
            "Effect": "Allow",
            "Principal": {"Service": "sns.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Condition": {"ArnEquals": {"aws:SourceArn": topic}},
            "Resource": arn,
        },
    ]
    dlq_statements = json.loads(rec.named("jobs-dlq-policy").inputs["policy"])["Statement"]
    assert len(dlq_statements) == 1


def test_an_output_principal_that_resolves_to_everyone_is_refused(mock_stack):
    statement = {
        "Effect": "Allow",
        "Principal": pulumi.Output.from_input({"AWS": "*"}),
        "Action": "sqs:SendMessage",
    }
    with pytest.raises(Exception, match="makes the queue public") as caught:
        mock_stack.run(_queue(QueueArgs(policy_statements=[statement])))
    assert "policy_statements[0].Principal" in str(caught.value)
    assert "checked when the Output resolved" in str(caught.value)
    # The source's policy never reaches AWS with the public statement in it.
    assert "jobs-queue-policy" not in [r.name for r in mock_stack.last.by_type(QUEUE_POLICY)]


def test_args_can_be_left_out_and_the_default_is_never_mutated(mock_stack):
    mock_stack.run(lambda: Queue("first"))
    rec = mock_stack.run(lambda: Queue("second"))
    assert rec.named("second-queue").inputs["visibilityTimeoutSeconds"] == 30
    assert Queue.__init__.__defaults__[0] == {}


# -- the component's shape -------------------------------------------------------------------------
def _key_docstrings(typed_dict: type) -> dict[str, str]:
    """Docstrings of a TypedDict's keys: the string statement after each annotated key, the way
    Pulumi's analyzer reads them. Read with ``tokenize`` and no ``ast`` at all: CPython 3.11.7
    can raise "AST constructor recursion depth mismatch" (gh-106905) from ``ast.parse``, and a
    retry at the same depth fails the same way."""
    # Not inspect.getsource: for a class it parses the whole module with ast.
    module = Path(inspect.getsourcefile(typed_dict) or "").read_text().splitlines(keepends=True)
    start = module.index(next(x for x in module if x.startswith(f"class {typed_dict.__name__}(")))
    end = next(
        (i for i in range(start + 1, len(module)) if module[i][:1] not in ("", " ", "\n")),
        len(module),
    )
    source = "".join(module[start:end])
    lines: list[list[tokenize.TokenInfo]] = [[]]
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            lines.append([])
        elif token.type not in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
            lines[-1].append(token)
    docs: dict[str, str] = {}
    for line, following in itertools.pairwise(lines):
        is_key = len(line) > 2 and line[0].type == tokenize.NAME and line[1].string == ":"
        if is_key and len(following) == 1 and following[0].type == tokenize.STRING:
            docs[line[0].string] = following[0].string.strip('"')
    return docs


@pytest.mark.parametrize("typed_dict", [QueueArgs, ConsumerArgs])
def test_every_args_key_documents_its_default(typed_dict):
    docs = _key_docstrings(typed_dict)
    for key in typed_dict.__annotations__:
        doc = docs.get(key)
        assert doc, f"{typed_dict.__name__}.{key} has no docstring"
        assert "Default: " in doc.replace("\n", " "), f"{typed_dict.__name__}.{key}"


def test_the_plan_knows_exactly_the_args_keys():
    assert set(QUEUE_KEYS) == set(QueueArgs.__annotations__)
    assert set(CONSUMER_KEYS) == set(ConsumerArgs.__annotations__)


def test_component_analyzer_accepts_the_component():
    result = Analyzer("nova-messaging").analyze([Queue])
    (component,) = result["component_definitions"].values()
    assert component.name == "Queue"
    assert set(component.inputs) == {
        "queueName",
        "dlqName",
        "fifo",
        "contentBasedDeduplication",
        "retentionSeconds",
        "dlqRetentionSeconds",
        "visibilityTimeoutSeconds",
        "receiveWaitTimeSeconds",
        "delaySeconds",
        "maxMessageSizeBytes",
        "maxReceiveCount",
        "kmsKeyArn",
        "kmsDataKeyReusePeriodSeconds",
        "policyStatements",
        "consumer",
        "tags",
    }
    assert set(component.outputs) == {
        "queue",
        "dlq",
        "url",
        "arn",
        "name",
        "dlqUrl",
        "dlqArn",
        "dlqName",
        "retentionSeconds",
        "dlqRetentionSeconds",
        "visibilityTimeoutSeconds",
        "fifo",
        "consumerFunction",
        "kmsKeyArn",
    }
    assert component.outputs["kmsKeyArn"].optional is True
    assert set(result["type_definitions"]["ConsumerArgs"].properties) == {
        "function",
        "batchSize",
        "batchingWindowSeconds",
        "maxConcurrency",
        "reportBatchItemFailures",
        "allowShortVisibilityReason",
    }
    assert typing.get_type_hints(Queue.__init__)["args"] is QueueArgs


@pytest.mark.parametrize("retain", [False, True])
def test_retain_on_delete_reaches_the_queues_and_their_configuration(mock_stack, retain):
    def program():
        function = SimpleNamespace(
            arn="arn:aws:lambda:us-east-1:123456789012:function:worker",
            role="worker-role",
            timeout_seconds=10,
        )
        opts = pulumi.ResourceOptions(protect=retain, retain_on_delete=retain)
        return Queue("jobs", QueueArgs(consumer={"function": function}), opts)

    rec = mock_stack.run(program)
    stateful = {"jobs-queue", "jobs-dlq", "jobs-queue-policy", "jobs-dlq-policy"}
    stateful.add("jobs-dlq-redrive-allow")
    for resource in rec.resources:
        if resource.custom:
            expected = retain and resource.name in stateful
            assert resource.retain_on_delete is expected, resource.name
            assert resource.protect is retain, resource.name
