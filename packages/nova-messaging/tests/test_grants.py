"""Grants on a Queue and on references to existing queues (by ARN or URL)."""

import json

import pulumi
import pulumi_aws as aws
import pytest

from nova_core import NovaInputError
from nova_messaging import (
    Queue,
    QueueArgs,
    consume_policy_document,
    purge_policy_document,
    send_policy_document,
)

ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
EXISTING = "arn:aws:sqs:eu-west-1:210987654321:orders"

GRANTS = [
    ("grant_send", "send", send_policy_document),
    ("grant_consume", "consume", consume_policy_document),
    ("grant_purge", "purge", purge_policy_document),
]


def _role(name="app-role"):
    return aws.iam.Role(name, assume_role_policy="{}")


@pytest.mark.parametrize(("method", "kind", "builder"), GRANTS)
@pytest.mark.parametrize("kms", [None, KEY])
def test_grants_attach_the_pure_document_to_the_role(mock_stack, method, kind, builder, kms):
    def program():
        queue = Queue("jobs", QueueArgs(kms_key_arn=kms) if kms else QueueArgs())
        return getattr(queue, method)(_role())

    rec = mock_stack.run(program)
    policy = rec.named(f"jobs-grant-{kind}-app-role")
    assert policy.type == ROLE_POLICY
    assert policy.parent_urn == rec.named("jobs").urn
    assert policy.inputs["role"] == rec.named("app-role").outputs["name"]
    arn = rec.named("jobs-queue").outputs["arn"]
    assert json.loads(policy.inputs["policy"]) == builder(arn, kms)
    assert isinstance(rec.result, aws.iam.RolePolicy)


def test_grant_names_use_the_grant_id_or_the_role_name(mock_stack):
    def program():
        queue = Queue("jobs")
        queue.grant_send(_role(), grant_id="importer")
        queue.grant_send("existing-role")

    rec = mock_stack.run(program)
    assert (
        rec.named("jobs-grant-send-importer").inputs["role"]
        == (rec.named("app-role").outputs["name"])
    )
    assert rec.named("jobs-grant-send-existing-role").inputs["role"] == "existing-role"


def test_fails_when_the_same_grant_is_made_twice(mock_stack):
    def program():
        queue = Queue("jobs")
        role = _role()
        queue.grant_send(role)
        queue.grant_send(role)

    with pytest.raises(NovaInputError, match="exists already on this queue") as caught:
        mock_stack.run(program)
    assert caught.value.argument == "grant_send.grant_id"
    assert len(mock_stack.last.by_type(ROLE_POLICY)) == 1


def test_fails_when_the_role_name_is_an_arn(mock_stack):
    def program():
        Queue("jobs").grant_consume("arn:aws:iam::123456789012:role/app")

    with pytest.raises(NovaInputError, match="IAM role names") as caught:
        mock_stack.run(program)
    assert caught.value.argument == "grant_consume.role"
    assert mock_stack.last.by_type(ROLE_POLICY) == []


def test_fails_when_no_stable_key_can_be_derived(mock_stack):
    class Role:
        def __init__(self, name):
            self.name = name

    def program():
        Queue("jobs").grant_send(Role(pulumi.Output.from_input("app")))

    with pytest.raises(NovaInputError, match="no stable key") as caught:
        mock_stack.run(program)
    assert "grant_id='<stable-key>'" in caught.value.message
    assert mock_stack.last.by_type(ROLE_POLICY) == []


def test_fails_when_the_grant_id_has_other_characters(mock_stack):
    def program():
        Queue("jobs").grant_purge(_role(), grant_id="ops team")

    with pytest.raises(NovaInputError, match="grant ids may only use") as caught:
        mock_stack.run(program)
    assert caught.value.argument == "grant_purge.grant_id"


# -- references ------------------------------------------------------------------------------------
def test_from_arn_grants_send_on_that_queue_only(mock_stack):
    def program():
        return Queue.from_arn("orders", EXISTING).grant_send(_role())

    rec = mock_stack.run(program)
    policy = rec.named("orders-grant-send-app-role")
    assert policy.parent_urn is None
    assert json.loads(policy.inputs["policy"]) == send_policy_document(EXISTING)
    assert rec.types() == {"aws:iam/role:Role": 1, ROLE_POLICY: 1}


@pytest.mark.parametrize(
    ("url", "arn"),
    [
        ("https://sqs.eu-west-1.amazonaws.com/210987654321/orders", EXISTING),
        (
            "https://sqs.us-east-2.amazonaws.com/210987654321/orders.fifo",
            "arn:aws:sqs:us-east-2:210987654321:orders.fifo",
        ),
        (
            "https://sqs.cn-north-1.amazonaws.com.cn/210987654321/orders",
            "arn:aws-cn:sqs:cn-north-1:210987654321:orders",
        ),
        (
            "https://eu-west-1.queue.amazonaws.com/210987654321/orders",
            EXISTING,
        ),
    ],
)
def test_from_url_computes_the_arn(mock_stack, url, arn):
    def program():
        return Queue.from_url("orders", url, kms_key_arn=KEY).grant_consume(_role())

    rec = mock_stack.run(program)
    document = json.loads(rec.named("orders-grant-consume-app-role").inputs["policy"])
    assert document == consume_policy_document(arn, KEY)


@pytest.mark.parametrize(
    ("arn", "rule"),
    [
        ("arn:aws:sns:eu-west-1:210987654321:orders", "must be sqs ARN"),
        ("arn:aws:sqs:eu-west-9:210987654321:orders", "must name a Region"),
        ("arn:aws:sqs:eu-west-1::orders", "names a Region, an account and a queue name"),
    ],
)
def test_fails_when_a_referenced_arn_is_not_a_queue_arn(mock_stack, arn, rule):
    with pytest.raises(NovaInputError, match=rule) as caught:
        mock_stack.run(lambda: Queue.from_arn("orders", arn))
    assert caught.value.argument == "arn"
    assert caught.value.component == "nova-messaging Queue"


@pytest.mark.parametrize(
    "url",
    [
        "https://sqs.eu-west-9.amazonaws.com/210987654321/orders",
        "https://example.com/210987654321/orders",
        "https://sqs.eu-west-1.amazonaws.com/210987654321/or ders",
    ],
)
def test_fails_when_a_referenced_url_is_not_a_queue_url(mock_stack, url):
    with pytest.raises(NovaInputError, match=r"SQS queue URL|queue names") as caught:
        mock_stack.run(lambda: Queue.from_url("orders", url))
    assert caught.value.argument == "url"


def test_fails_when_a_reference_uses_the_aws_managed_key(mock_stack):
    alias = "arn:aws:kms:eu-west-1:210987654321:alias/aws/sqs"
    with pytest.raises(NovaInputError, match="alias/aws/sqs") as caught:
        mock_stack.run(lambda: Queue.from_arn("orders", EXISTING, kms_key_arn=alias))
    assert caught.value.argument == "kms_key_arn"


def test_fails_when_the_role_is_an_output(mock_stack):
    def program():
        Queue("jobs").grant_send(_role().arn)

    with pytest.raises(NovaInputError, match="is an Output") as caught:
        mock_stack.run(program)
    assert caught.value.argument == "grant_send.role"
    assert mock_stack.last.by_type(ROLE_POLICY) == []
