"""A real nova-compute Function is a consumer: the duck typing matches what it exposes.

nova-messaging does not depend on nova-compute; the workspace installs both, and this test is
part of the workspace suite (it is not shipped with the wheel).
"""

import json

import pulumi
import pytest

import nova_compute
from nova_messaging import Queue, QueueArgs

MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping"


def _function(timeout: int):
    code = pulumi.AssetArchive({"app.py": pulumi.StringAsset("def handler(e, c):\n    pass\n")})
    return nova_compute.Function(
        "worker", nova_compute.FunctionArgs(code=code, timeout_seconds=timeout)
    )


def test_a_nova_compute_function_consumes_the_queue(mock_stack):
    def program():
        function = _function(30)
        queue = Queue(
            "jobs", QueueArgs(visibility_timeout_seconds=180, consumer={"function": function})
        )
        return queue, function

    rec = mock_stack.run(program)
    queue, function = rec.result
    mapping = rec.get(MAPPING)
    lambda_function = rec.get("aws:lambda/function:Function")
    assert mapping.inputs["functionName"] == lambda_function.outputs["arn"]
    assert mapping.inputs["eventSourceArn"] == rec.named("jobs-queue").outputs["arn"]
    policy = rec.named("jobs-consumer-policy")
    assert policy.inputs["role"] == rec.named("worker-role").outputs["name"]
    assert (
        json.loads(policy.inputs["policy"])["Statement"][0]["Resource"]
        == (rec.named("jobs-queue").outputs["arn"])
    )
    assert policy.urn in mapping.explicit_dependencies
    assert queue.consumer_function is function


def test_a_nova_compute_function_is_checked_against_the_visibility(mock_stack):
    def program():
        function = _function(60)
        Queue("jobs", QueueArgs(visibility_timeout_seconds=120, consumer={"function": function}))

    with pytest.raises(Exception, match=r"at least 6 x \(60 s timeout \+ 0 s batching window\)"):
        mock_stack.run(program)
    assert mock_stack.last.by_type(MAPPING) == []


def test_the_visibility_is_derived_from_a_nova_compute_function(mock_stack):
    def program():
        function = _function(20)
        Queue("jobs", QueueArgs(consumer={"function": function, "batching_window_seconds": 5}))

    rec = mock_stack.run(program)
    # 6 x (20 s timeout + 5 s batching window), known before anything registered.
    assert rec.named("jobs-queue").inputs["visibilityTimeoutSeconds"] == 150
    assert rec.get(MAPPING).inputs["maximumBatchingWindowInSeconds"] == 5


def test_fails_before_registration_when_a_nova_function_outlives_the_visibility(mock_stack):
    def program():
        function = _function(60)
        Queue("jobs", QueueArgs(visibility_timeout_seconds=30, consumer={"function": function}))

    with pytest.raises(Exception, match="nova-messaging Queue 'jobs'"):
        mock_stack.run(program)
    assert [r.type for r in mock_stack.last.resources if r.type.startswith("aws:sqs")] == []
