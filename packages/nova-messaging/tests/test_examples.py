"""The README example (examples/basic.py) runs as a stack program under the mocks."""

import json
import runpy
from pathlib import Path

EXAMPLE_PATH = Path(__file__).resolve().parents[1] / "examples" / "basic.py"
README_PATH = Path(__file__).resolve().parents[1] / "README.md"


def _run(mock_stack):
    return mock_stack.run(lambda: runpy.run_path(str(EXAMPLE_PATH), run_name="__main__"))


def test_example_creates_the_queue_pair_the_worker_mapping_and_the_producer_grant(mock_stack):
    rec = _run(mock_stack)
    assert rec.types() == {
        "aws:iam/role:Role": 2,
        "aws:iam/rolePolicy:RolePolicy": 2,
        "aws:lambda/eventSourceMapping:EventSourceMapping": 1,
        "aws:lambda/function:Function": 1,
        "aws:sqs/queue:Queue": 2,
        "aws:sqs/queuePolicy:QueuePolicy": 2,
        "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy": 1,
        "nova-messaging:index:Queue": 1,
    }
    source, dlq = rec.named("jobs-queue"), rec.named("jobs-dlq")
    assert rec.outputs == {
        "jobs_queue_url": source.outputs["url"],
        "jobs_dlq_arn": dlq.outputs["arn"],
    }
    assert source.inputs["visibilityTimeoutSeconds"] == 180
    assert source.inputs["tags"] == dlq.inputs["tags"] == {"service": "imports"}
    mapping = rec.named("jobs-consumer")
    assert mapping.inputs["functionName"] == rec.named("worker").outputs["arn"]
    assert mapping.inputs["scalingConfig"] == {"maximumConcurrency": 5}
    assert mapping.inputs["functionResponseTypes"] == ["ReportBatchItemFailures"]
    assert (
        rec.named("jobs-consumer-policy").inputs["role"] == rec.named("worker-role").outputs["name"]
    )
    grant = rec.named("jobs-grant-send-api-role")
    assert grant.inputs["role"] == rec.named("api-role").outputs["name"]
    assert json.loads(grant.inputs["policy"])["Statement"][0]["Action"] == [
        "sqs:SendMessage",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
    ]


def test_readme_starts_with_the_example_verbatim():
    readme = README_PATH.read_text()
    example = EXAMPLE_PATH.read_text()
    first_block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    assert first_block == example
