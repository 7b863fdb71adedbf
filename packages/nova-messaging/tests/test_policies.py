"""The pure policy builders, action by action."""

import pytest

from nova_messaging import (
    CONSUME_ACTIONS,
    KMS_CONSUMER_ACTIONS,
    KMS_PRODUCER_ACTIONS,
    PURGE_ACTIONS,
    SEND_ACTIONS,
    consume_policy_document,
    purge_policy_document,
    queue_policy_document,
    redrive_allow_policy_document,
    redrive_policy_document,
    send_policy_document,
    tls_only_statement,
)

QUEUE = "arn:aws:sqs:eu-west-1:123456789012:jobs"
KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def test_action_lists_are_exact():
    assert SEND_ACTIONS == ("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl")
    assert CONSUME_ACTIONS == (
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:ChangeMessageVisibility",
        "sqs:GetQueueAttributes",
    )
    assert PURGE_ACTIONS == ("sqs:PurgeQueue", "sqs:GetQueueAttributes")
    assert KMS_CONSUMER_ACTIONS == ("kms:Decrypt",)
    assert KMS_PRODUCER_ACTIONS == ("kms:GenerateDataKey", "kms:Decrypt")
    every = SEND_ACTIONS + CONSUME_ACTIONS + PURGE_ACTIONS + KMS_PRODUCER_ACTIONS
    assert not [a for a in every if "*" in a]


def test_send_document_without_a_key_is_one_statement_on_the_queue():
    assert send_policy_document(QUEUE) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
                "Resource": QUEUE,
            }
        ],
    }


def test_send_document_with_a_key_adds_the_producer_key_actions_on_the_key_only():
    statements = send_policy_document(QUEUE, KEY)["Statement"]
    assert statements[1] == {
        "Effect": "Allow",
        "Action": ["kms:GenerateDataKey", "kms:Decrypt"],
        "Resource": KEY,
    }
    assert len(statements) == 2


def test_consume_document_lists_the_four_actions_and_decrypt_with_a_key():
    statements = consume_policy_document(QUEUE, KEY)["Statement"]
    assert statements == [
        {
            "Effect": "Allow",
            "Action": [
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes",
            ],
            "Resource": QUEUE,
        },
        {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": KEY},
    ]
    assert len(consume_policy_document(QUEUE)["Statement"]) == 1


@pytest.mark.parametrize("key", [None, KEY])
def test_purge_document_never_touches_the_key(key):
    assert purge_policy_document(QUEUE, key)["Statement"] == [
        {
            "Effect": "Allow",
            "Action": ["sqs:PurgeQueue", "sqs:GetQueueAttributes"],
            "Resource": QUEUE,
        }
    ]


def test_tls_only_statement_denies_everything_without_tls():
    assert tls_only_statement(QUEUE) == {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "sqs:*",
        "Resource": QUEUE,
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def test_queue_policy_puts_the_tls_deny_first_and_fills_in_the_queue_arn():
    sns = {
        "Sid": "AllowTopic",
        "Effect": "Allow",
        "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:eu-west-1:123456789012:t"}},
    }
    placeholder = {**sns, "Sid": "Placeholder", "Resource": ["${queue_arn}"]}
    document = queue_policy_document(QUEUE, [sns, placeholder])
    first, second, third = document["Statement"]
    assert first == tls_only_statement(QUEUE)
    assert second == {**sns, "Resource": QUEUE}
    assert third["Resource"] == [QUEUE]
    assert "Resource" not in sns  # the caller's statement is not changed


def test_queue_policy_without_statements_is_the_tls_deny_alone():
    assert queue_policy_document(QUEUE) == {
        "Version": "2012-10-17",
        "Statement": [tls_only_statement(QUEUE)],
    }


def test_redrive_documents():
    dlq = QUEUE + "-dlq"
    assert redrive_policy_document(dlq, 5) == {"deadLetterTargetArn": dlq, "maxReceiveCount": 5}
    assert redrive_allow_policy_document([QUEUE]) == {
        "redrivePermission": "byQueue",
        "sourceQueueArns": [QUEUE],
    }
