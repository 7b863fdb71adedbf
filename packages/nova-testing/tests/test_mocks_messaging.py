"""NovaMocks answers for SQS queues, their policies and Lambda event source mappings like AWS."""

import re

import pulumi

from nova_testing import NovaMocks

QUEUE = "aws:sqs/queue:Queue"
MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _queue(logical: str, **props) -> pulumi.CustomResource:
    return pulumi.CustomResource(QUEUE, logical, {**props, "arn": None, "url": None})


def test_a_generated_queue_name_gives_url_arn_and_id(mock_stack):
    rec = mock_stack.run(lambda: _queue("jobs-queue"))
    queue = rec.get(QUEUE)
    name = queue.outputs["name"]
    assert re.fullmatch(r"jobs-queue-[0-9a-f]{7}", name)
    assert queue.outputs["arn"] == f"arn:aws:sqs:us-east-1:123456789012:{name}"
    assert queue.outputs["url"] == f"https://sqs.us-east-1.amazonaws.com/123456789012/{name}"
    assert queue.id == queue.outputs["url"]  # a queue's id is its URL, as in the provider


def test_a_generated_fifo_name_ends_in_the_suffix(mock_stack):
    rec = mock_stack.run(lambda: _queue("jobs-dlq", fifoQueue=True))
    outputs = rec.get(QUEUE).outputs
    assert re.fullmatch(r"jobs-dlq-[0-9a-f]{7}\.fifo", outputs["name"])
    assert outputs["arn"].endswith(":" + outputs["name"])
    assert outputs["url"].endswith("/" + outputs["name"])


def test_an_explicit_fifo_name_is_not_suffixed_twice(mock_stack):
    rec = mock_stack.run(lambda: _queue("q", name="orders.fifo", fifoQueue=True))
    assert rec.get(QUEUE).outputs["name"] == "orders.fifo"


def test_queue_outputs_follow_the_account_region_and_partition(mock_stack):
    mock_stack.mocks = NovaMocks(account_id="210987654321", region="cn-north-1", partition="aws-cn")
    rec = mock_stack.run(lambda: _queue("q", name="orders"))
    outputs = rec.get(QUEUE).outputs
    assert outputs["arn"] == "arn:aws-cn:sqs:cn-north-1:210987654321:orders"
    assert outputs["url"].startswith("https://sqs.cn-north-1.amazonaws.com")


def test_queue_outputs_are_stable_between_runs(mock_stack):
    first = mock_stack.run(lambda: _queue("jobs-queue")).get(QUEUE).outputs["name"]
    second = mock_stack.run(lambda: _queue("jobs-queue")).get(QUEUE).outputs["name"]
    assert first == second


def test_queue_policy_resources_take_the_queue_url_as_id(mock_stack):
    url = "https://sqs.us-east-1.amazonaws.com/123456789012/orders"

    def program():
        for type_ in (
            "aws:sqs/queuePolicy:QueuePolicy",
            "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
            "aws:sqs/redrivePolicy:RedrivePolicy",
        ):
            pulumi.CustomResource(type_, type_.rsplit(":", 1)[1], {"queueUrl": url})

    rec = mock_stack.run(program)
    assert [r.id for r in rec.resources] == [url, url, url]


def test_an_event_source_mapping_gets_a_uuid_arn_and_function_arn(mock_stack):
    function_arn = "arn:aws:lambda:us-east-1:123456789012:function:worker"

    def program():
        return pulumi.CustomResource(
            MAPPING,
            "jobs-consumer",
            {"functionName": function_arn, "uuid": None, "arn": None, "functionArn": None},
        )

    rec = mock_stack.run(program)
    mapping = rec.get(MAPPING)
    uuid = mapping.outputs["uuid"]
    assert UUID.fullmatch(uuid)
    assert mapping.id == uuid
    assert mapping.outputs["arn"] == (
        f"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{uuid}"
    )
    assert mapping.outputs["functionArn"] == function_arn
    assert mapping.outputs["state"] == "Enabled"


def test_a_mapping_to_a_function_name_gets_that_functions_arn(mock_stack):
    rec = mock_stack.run(
        lambda: pulumi.CustomResource(MAPPING, "m", {"functionName": "worker", "functionArn": None})
    )
    assert rec.get(MAPPING).outputs["functionArn"] == (
        "arn:aws:lambda:us-east-1:123456789012:function:worker"
    )


def test_two_mappings_get_different_uuids(mock_stack):
    def program():
        for name in ("a", "b"):
            pulumi.CustomResource(MAPPING, name, {"functionName": "worker"})

    rec = mock_stack.run(program)
    assert len({r.outputs["uuid"] for r in rec.by_type(MAPPING)}) == 2
