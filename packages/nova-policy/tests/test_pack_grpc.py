"""The pack started the way the Pulumi CLI starts it, asked over the analyzer gRPC protocol.

``pack/__main__.py`` runs in a subprocess (``python -u -m pulumi.policy <engine> <pack dir>``),
prints its port and serves until stopped: the tests never import it.
"""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws
import pytest
from policy_builders import PACK_DIR

from nova_policy import RULES, check_records
from nova_policy.analyzer import PackProcess


@pytest.fixture(scope="module")
def pack():
    with PackProcess(PACK_DIR, project="shop", stack="dev") as process:
        yield process


def _queue_program(*, secure: bool):
    def program():
        queue = aws.sqs.Queue(
            "jobs",
            sqs_managed_sse_enabled=secure,
            visibility_timeout_seconds=60,
            message_retention_seconds=345_600,
        )
        dlq = aws.sqs.Queue(
            "jobs-dlq", sqs_managed_sse_enabled=True, message_retention_seconds=1_209_600
        )
        for name, target in (("jobs", queue), ("jobs-dlq", dlq)):
            aws.sqs.QueuePolicy(
                f"{name}-policy",
                queue_url=target.id,
                policy=target.arn.apply(
                    lambda arn: json.dumps(
                        {
                            "Statement": [
                                {
                                    "Effect": "Deny",
                                    "Principal": "*",
                                    "Action": "sqs:*",
                                    "Resource": arn,
                                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                                }
                            ]
                        }
                    )
                ),
            )
        if secure:
            aws.sqs.RedrivePolicy(
                "jobs-redrive",
                queue_url=queue.id,
                redrive_policy=dlq.arn.apply(
                    lambda arn: json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": 5})
                ),
            )
        aws.cloudwatch.LogGroup("logs", retention_in_days=30 if secure else None)

    return program


def test_the_pack_describes_one_policy_per_rule(pack):
    levels = pack.policy_levels()
    assert list(levels) == [r.id for r in RULES]
    assert levels["DDB-02"] == "advisory"
    assert levels["S3-01"] == "mandatory"


def test_the_pack_reports_what_the_recording_check_reports(pack, mock_stack):
    recording = mock_stack.run(_queue_program(secure=False))
    diagnostics = pack.analyze(recording)
    expected = {f.rule.id for f in check_records(recording).violations}
    assert {d.policy for d in diagnostics} == expected == {"Q-01", "Q-04", "C-05"}
    q04 = [d for d in diagnostics if d.policy == "Q-04"]
    # without the redrive, "jobs-dlq" is nobody's DLQ: it needs one of its own too
    assert sorted(d.urn.rsplit("::", 1)[1] for d in q04) == ["jobs", "jobs-dlq"]
    assert "no redrive policy (dead-letter queue)" in q04[0].message
    assert {d.level for d in diagnostics} == {"mandatory"}


def test_the_pack_passes_a_secure_program(pack, mock_stack):
    assert pack.analyze(mock_stack.run(_queue_program(secure=True))) == []


def test_the_pack_reads_levels_and_suppressions_from_its_config(pack, mock_stack):
    recording = mock_stack.run(_queue_program(secure=False))
    pack.configure(
        {
            "Q-01": "advisory",
            "Q-04": {"suppress": [{"resource": "jobs*", "reason": "drained by a batch job"}]},
            "C-05": {"suppress": [{"resource": "logs"}]},
        }
    )
    try:
        found = {
            (d.policy, d.level, d.message.splitlines()[-1][:5]) for d in pack.analyze(recording)
        }
    finally:
        pack.configure({})
    assert found == {
        ("Q-01", "advisory", "Q-01:"),
        ("C-05", "mandatory", "C-05:"),
        ("C-05", "mandatory", "NP-01"),
    }


def test_components_are_not_sent(pack, mock_stack):
    class Wrapper(pulumi.ComponentResource):
        def __init__(self, name):
            super().__init__("acme:index:Wrapper", name)
            aws.cloudwatch.LogGroup(
                f"{name}-logs", retention_in_days=30, opts=pulumi.ResourceOptions(parent=self)
            )

    assert pack.analyze(mock_stack.run(lambda: Wrapper("w"))) == []
