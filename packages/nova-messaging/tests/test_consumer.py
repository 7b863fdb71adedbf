"""The Lambda consumer: the mapping, its consume policy and dependency, and the cross checks."""

import json
from types import SimpleNamespace
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

from nova_core import NovaInputError
from nova_messaging import ConsumerFunction, Queue, QueueArgs

MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
WORKER_ARN = "arn:aws:lambda:us-east-1:123456789012:function:worker"


class StandInFunction:
    """What a Queue reads from its consumer: ``arn``, ``role`` and ``timeout_seconds``."""

    def __init__(self, name: str = "worker", timeout_seconds: Any = 30, *, role: Any = None):
        self.arn = pulumi.Output.from_input(
            f"arn:aws:lambda:us-east-1:123456789012:function:{name}"
        )
        self.role = (
            role if role is not None else aws.iam.Role(f"{name}-role", assume_role_policy="{}")
        )
        self.timeout_seconds = timeout_seconds


def fake_role(name: str = "worker-role") -> SimpleNamespace:
    """A role stand-in that registers nothing (for tests asserting zero aws: resources)."""
    return SimpleNamespace(name=pulumi.Output.from_input(name), pulumi_resource_name=name)


def offline_function(timeout_seconds: Any = 30, **overrides: Any) -> SimpleNamespace:
    """A consumer stand-in that registers nothing."""
    fields = {
        "arn": pulumi.Output.from_input("arn:aws:lambda:us-east-1:123456789012:function:worker"),
        "role": fake_role(),
        "timeout_seconds": timeout_seconds,
    }
    fields.update(overrides)
    return SimpleNamespace(**fields)


def _with_consumer(timeout=30, **consumer):
    def program():
        function = StandInFunction("worker", timeout)
        return Queue("jobs", QueueArgs(consumer={"function": function, **consumer}))

    return program


def test_consumer_creates_the_mapping_with_partial_batch_failures(mock_stack):
    rec = mock_stack.run(_with_consumer())
    mapping = rec.get(MAPPING)
    assert mapping.name == "jobs-consumer"
    assert mapping.parent_urn == rec.named("jobs").urn
    assert mapping.inputs == {
        "eventSourceArn": rec.named("jobs-queue").outputs["arn"],
        "functionName": WORKER_ARN,
        "batchSize": 10,
        "functionResponseTypes": ["ReportBatchItemFailures"],
        "enabled": True,
    }
    assert rec.result.consumer_mapping is not None
    assert rec.value(rec.result.consumer_mapping.uuid) == mapping.outputs["uuid"]


def test_visibility_is_derived_as_six_times_timeout_plus_window(mock_stack):
    rec = mock_stack.run(_with_consumer(timeout=45, batch_size=100, batching_window_seconds=5))
    assert rec.named("jobs-queue").inputs["visibilityTimeoutSeconds"] == 6 * (45 + 5)
    assert rec.result.visibility_timeout_seconds == 300
    mapping = rec.get(MAPPING).inputs
    assert mapping["batchSize"] == 100
    assert mapping["maximumBatchingWindowInSeconds"] == 5


def test_consume_policy_is_exact_and_on_the_functions_role(mock_stack):
    rec = mock_stack.run(_with_consumer())
    policy = rec.named("jobs-consumer-policy")
    assert policy.type == ROLE_POLICY
    assert policy.inputs["role"] == rec.named("worker-role").outputs["name"]
    assert json.loads(policy.inputs["policy"]) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": [
                    "sqs:ReceiveMessage",
                    "sqs:DeleteMessage",
                    "sqs:ChangeMessageVisibility",
                    "sqs:GetQueueAttributes",
                ],
                "Resource": rec.named("jobs-queue").outputs["arn"],
            }
        ],
    }


def test_mapping_depends_on_the_consume_policy(mock_stack):
    rec = mock_stack.run(_with_consumer())
    mapping, policy = rec.get(MAPPING), rec.named("jobs-consumer-policy")
    assert policy.urn in mapping.explicit_dependencies
    assert policy.urn in mapping.dependencies


def test_with_a_key_the_consumer_may_decrypt_with_it_only(mock_stack):
    def program():
        function = StandInFunction("worker", 30)
        return Queue("jobs", QueueArgs(kms_key_arn=KEY, consumer={"function": function}))

    rec = mock_stack.run(program)
    statements = json.loads(rec.named("jobs-consumer-policy").inputs["policy"])["Statement"]
    assert statements[1] == {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": KEY}
    assert len(statements) == 2


def test_max_concurrency_and_turning_partial_failures_off(mock_stack):
    rec = mock_stack.run(_with_consumer(max_concurrency=5, report_batch_item_failures=False))
    mapping = rec.get(MAPPING).inputs
    assert mapping["scalingConfig"] == {"maximumConcurrency": 5}
    assert "functionResponseTypes" not in mapping


def test_consumer_function_is_the_object_given(mock_stack):
    box = {}

    def program():
        box["function"] = StandInFunction("worker", 30)
        return Queue("jobs", QueueArgs(consumer={"function": box["function"]}))

    rec = mock_stack.run(program)
    assert rec.result.consumer_function is box["function"]


def test_a_fifo_queue_takes_a_consumer_without_window(mock_stack):
    def program():
        function = StandInFunction("worker", 10)
        return Queue("jobs", QueueArgs(fifo=True, consumer={"function": function}))

    rec = mock_stack.run(program)
    mapping = rec.get(MAPPING).inputs
    assert "maximumBatchingWindowInSeconds" not in mapping
    assert rec.named("jobs-queue").inputs["visibilityTimeoutSeconds"] == 60


def test_an_explicit_visibility_of_six_times_passes(mock_stack):
    def program():
        function = StandInFunction("worker", 30)
        args = QueueArgs(visibility_timeout_seconds=180, consumer={"function": function})
        return Queue("jobs", args)

    rec = mock_stack.run(program)
    assert rec.named("jobs-queue").inputs["visibilityTimeoutSeconds"] == 180


def test_a_short_visibility_passes_with_a_stated_reason(mock_stack):
    def program():
        function = StandInFunction("worker", 30)
        consumer = {"function": function, "allow_short_visibility_reason": "idempotent, cheap"}
        return Queue("jobs", QueueArgs(visibility_timeout_seconds=60, consumer=consumer))

    rec = mock_stack.run(program)
    assert rec.named("jobs-queue").inputs["visibilityTimeoutSeconds"] == 60


# -- cross checks, before registration -----------------------------------------------------------
def _offline(visibility=None, **consumer):
    def program():
        spec = {"function": offline_function(consumer.pop("timeout", 30)), **consumer}
        args = QueueArgs(consumer=spec)
        if visibility is not None:
            args["visibility_timeout_seconds"] = visibility
        return Queue("jobs", args)

    return program


def test_fails_when_the_visibility_is_below_the_function_timeout_plus_window(refused):
    refused(
        _offline(visibility=30, timeout=60),
        "visibility_timeout_seconds",
        "60 s timeout + 0 s batching window = 60 s",
        "never checks again on update",
        "use 360",
    )


def test_fails_when_the_window_pushes_the_time_per_batch_above_the_visibility(refused):
    refused(
        _offline(visibility=60, timeout=30, batch_size=50, batching_window_seconds=40),
        "visibility_timeout_seconds",
        "= 70 s",
    )


def test_fails_when_the_visibility_is_below_six_times_without_a_reason(refused):
    refused(
        _offline(visibility=120, timeout=30),
        "visibility_timeout_seconds",
        "at least 6 x (30 s timeout + 0 s batching window) = 180 s",
        "consumer.allow_short_visibility_reason",
    )


def test_fails_when_the_reason_is_blank(refused):
    refused(
        _offline(visibility=120, allow_short_visibility_reason="  "),
        "consumer.allow_short_visibility_reason",
        "must state the reason",
    )


def test_fails_when_a_batch_above_10_has_no_window(refused):
    refused(
        _offline(batch_size=11),
        "consumer.batch_size",
        "needs a batching window of at least 1 second",
        "set batching_window_seconds",
    )


@pytest.mark.parametrize("size", [0, 10_001])
def test_fails_when_the_batch_size_is_out_of_range(refused, size):
    refused(_offline(batch_size=size), "consumer.batch_size", "between 1 and 10000")


def test_fails_when_the_window_is_longer_than_300_seconds(refused):
    refused(
        _offline(batch_size=10, batching_window_seconds=301),
        "consumer.batching_window_seconds",
        "between 0 and 300",
    )


def test_fails_when_a_fifo_queue_gets_a_batching_window(refused):
    def program():
        consumer = {"function": offline_function(), "batching_window_seconds": 5}
        return Queue("jobs", QueueArgs(fifo=True, consumer=consumer))

    refused(program, "consumer.batching_window_seconds", "FIFO queues do not support")


def test_fails_when_a_fifo_batch_is_above_10(refused):
    def program():
        consumer = {"function": offline_function(), "batch_size": 11}
        return Queue("jobs", QueueArgs(fifo=True, consumer=consumer))

    refused(program, "consumer.batch_size", "at most 10 messages")


@pytest.mark.parametrize("value", [1, 1_001])
def test_fails_when_max_concurrency_is_outside_2_to_1000(refused, value):
    refused(_offline(max_concurrency=value), "consumer.max_concurrency", "between 2 and 1000")


def test_fails_when_a_consumer_key_is_unknown(refused):
    refused(_offline(batchsize=5), "consumer.batchsize", "did you mean 'batch_size'")


def test_fails_when_report_batch_item_failures_is_not_a_bool(refused):
    refused(
        _offline(report_batch_item_failures="yes"),
        "consumer.report_batch_item_failures",
        "True or False",
    )


def test_fails_when_the_consumer_has_no_function(refused):
    refused(lambda: Queue("jobs", QueueArgs(consumer={})), "consumer.function", "a consumer is")


def test_fails_when_the_function_has_no_arn(refused):
    function = SimpleNamespace(role=fake_role(), timeout_seconds=30)
    refused(
        lambda: Queue("jobs", QueueArgs(consumer={"function": function})),
        "consumer.function",
        "it has no 'arn'",
    )


def test_fails_when_the_function_arn_is_not_a_lambda_arn(refused):
    function = offline_function(arn="arn:aws:sqs:us-east-1:123456789012:jobs")
    refused(
        lambda: Queue("jobs", QueueArgs(consumer={"function": function})),
        "consumer.function.arn",
        "Lambda function ARN",
    )


def test_fails_when_the_function_has_no_role(refused):
    function = offline_function(role=None)
    refused(
        lambda: Queue("jobs", QueueArgs(consumer={"function": function})),
        "consumer.function.role",
        "it has no 'role'",
    )


def test_fails_when_the_role_is_not_a_role(refused):
    function = offline_function(role=42)
    refused(
        lambda: Queue("jobs", QueueArgs(consumer={"function": function})),
        "consumer.function.role",
        "needs an IAM role",
    )


@pytest.mark.parametrize(
    ("timeout", "rule"),
    [(None, "no 'timeout_seconds'"), (901, "between 1 and 900"), (True, "whole number")],
)
def test_fails_when_the_function_timeout_is_missing_or_invalid(refused, timeout, rule):
    function = offline_function(timeout_seconds=timeout)
    refused(
        lambda: Queue("jobs", QueueArgs(consumer={"function": function})),
        "consumer.function.timeout_seconds",
        rule,
    )


def test_fails_when_an_output_timeout_leaves_nothing_to_derive_the_visibility_from(refused):
    function = offline_function(timeout_seconds=pulumi.Output.from_input(30))
    refused(
        lambda: Queue("jobs", QueueArgs(consumer={"function": function})),
        "consumer.function.timeout_seconds",
        "cannot be derived before the queue registers",
        "set visibility_timeout_seconds",
    )


def test_an_output_timeout_is_checked_when_it_resolves(mock_stack):
    def program():
        function = StandInFunction("worker", pulumi.Output.from_input(60))
        args = QueueArgs(visibility_timeout_seconds=120, consumer={"function": function})
        return Queue("jobs", args)

    with pytest.raises(Exception, match=r"at least 6 x \(60 s timeout") as caught:
        mock_stack.run(program)
    assert "checked when the Output resolved" in str(caught.value)
    assert mock_stack.last.by_type(MAPPING) == []


def test_an_output_timeout_that_fits_gives_the_same_mapping(mock_stack):
    def program():
        function = StandInFunction("worker", pulumi.Output.from_input(30))
        args = QueueArgs(visibility_timeout_seconds=180, consumer={"function": function})
        return Queue("jobs", args)

    rec = mock_stack.run(program)
    assert rec.get(MAPPING).inputs["functionName"] == WORKER_ARN


# -- subscribe -------------------------------------------------------------------------------------
def test_subscribe_after_construction_on_a_queue_with_explicit_visibility(mock_stack):
    def program():
        queue = Queue("jobs", QueueArgs(visibility_timeout_seconds=300))
        function = StandInFunction("worker", 50)
        mapping = queue.subscribe(function, batch_size=5, max_concurrency=10)
        return queue, mapping, function

    rec = mock_stack.run(program)
    queue, mapping, function = rec.result
    assert queue.consumer_mapping is mapping
    assert queue.consumer_function is function
    recorded = rec.get(MAPPING)
    assert recorded.inputs["batchSize"] == 5
    assert recorded.inputs["scalingConfig"] == {"maximumConcurrency": 10}
    assert recorded.inputs["functionResponseTypes"] == ["ReportBatchItemFailures"]
    assert rec.named("jobs-consumer-policy").urn in recorded.explicit_dependencies


def _subscribe_failure(mock_stack, program, argument, *fragments):
    with pytest.raises(NovaInputError) as caught:
        mock_stack.run(program)
    error = caught.value
    assert error.argument == argument, error.message
    for fragment in fragments:
        assert fragment in error.message, error.message
    assert mock_stack.last.by_type(MAPPING) == []
    assert mock_stack.last.by_type(ROLE_POLICY) == []
    return error


def test_fails_when_subscribe_runs_the_same_cross_checks(mock_stack):
    def program():
        queue = Queue("jobs", QueueArgs(visibility_timeout_seconds=100))
        queue.subscribe(offline_function(30))

    _subscribe_failure(
        mock_stack,
        program,
        "visibility_timeout_seconds",
        "= 180 s",
        "subscribe.allow_short_visibility_reason",
    )


def test_fails_when_subscribe_is_called_on_a_queue_with_the_default_visibility(mock_stack):
    def program():
        Queue("jobs").subscribe(offline_function(5))

    _subscribe_failure(
        mock_stack,
        program,
        "visibility_timeout_seconds",
        "subscribe() needs a visibility timeout chosen for its consumer",
        "pass consumer=",
    )


def test_fails_when_a_second_consumer_subscribes(mock_stack):
    def program():
        consumer = {"function": offline_function(30)}
        queue = Queue("jobs", QueueArgs(consumer=consumer))
        queue.subscribe(offline_function(30))

    with pytest.raises(NovaInputError) as caught:
        mock_stack.run(program)
    assert caught.value.argument == "subscribe.function"
    assert "competing consumers split the messages" in caught.value.message
    assert "its own Queue" in caught.value.message
    assert len(mock_stack.last.by_type(MAPPING)) == 1


def test_fails_when_subscribe_gets_a_fifo_window(mock_stack):
    def program():
        queue = Queue("jobs", QueueArgs(fifo=True, visibility_timeout_seconds=600))
        queue.subscribe(offline_function(30), batching_window_seconds=10)

    _subscribe_failure(
        mock_stack, program, "subscribe.batching_window_seconds", "FIFO queues do not support"
    )


def test_fails_when_the_role_is_an_output_such_as_a_plain_lambda_functions_role_arn(refused):
    role_arn = pulumi.Output.from_input("arn:aws:iam::123456789012:role/worker")
    refused(
        lambda: Queue("jobs", QueueArgs(consumer={"function": offline_function(role=role_arn)})),
        "consumer.function.role",
        "is an Output",
        "ConsumerFunction(",
    )


def test_consumer_function_describes_a_plain_lambda_function(mock_stack):
    def program():
        role = aws.iam.Role("worker-role", assume_role_policy="{}")
        function = aws.lambda_.Function(
            "worker",
            role=role.arn,
            runtime="python3.13",
            handler="app.handler",
            timeout=20,
            code=pulumi.AssetArchive({"app.py": pulumi.StringAsset("")}),
        )
        consumer = ConsumerFunction(arn=function.arn, role=role, timeout_seconds=20)
        return Queue("jobs", QueueArgs(consumer={"function": consumer}))

    rec = mock_stack.run(program)
    assert rec.named("jobs-queue").inputs["visibilityTimeoutSeconds"] == 120
    assert rec.get(MAPPING).inputs["functionName"] == rec.named("worker").outputs["arn"]
    assert (
        rec.named("jobs-consumer-policy").inputs["role"] == rec.named("worker-role").outputs["name"]
    )
