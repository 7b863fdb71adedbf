"""Pure builders of every policy document the package attaches, and the action lists they use.

Every action list of the package lives here, so a review reads one file. The builders take plain
strings and return plain ``dict`` documents (``json.dumps`` them to attach), so callers who
assemble their own policies get exactly what the component attaches.

=========  =========================================================  ==========================
grant      SQS actions (on the queue ARN only)                        KMS actions (CMK only)
=========  =========================================================  ==========================
send       SendMessage, GetQueueAttributes, GetQueueUrl               GenerateDataKey, Decrypt
consume    ReceiveMessage, DeleteMessage, ChangeMessageVisibility,    Decrypt
           GetQueueAttributes
purge      PurgeQueue, GetQueueAttributes                             none
=========  =========================================================  ==========================

Compared with aws-cdk-lib's ``Queue.grant*``: no ``kms:Encrypt``/``kms:ReEncrypt*`` for producers
(SQS only asks for ``GenerateDataKey`` and ``Decrypt`` when a producer sends, see the SQS key
management guide), and ``consume`` leaves out ``GetQueueUrl`` (the Lambda poller and a worker
that was given the URL never need it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "CONSUME_ACTIONS",
    "KMS_CONSUMER_ACTIONS",
    "KMS_PRODUCER_ACTIONS",
    "PURGE_ACTIONS",
    "QUEUE_ARN_PLACEHOLDER",
    "SEND_ACTIONS",
    "TLS_ONLY_SID",
    "consume_policy_document",
    "purge_policy_document",
    "queue_policy_document",
    "redrive_allow_policy_document",
    "redrive_policy_document",
    "send_policy_document",
    "tls_only_statement",
]

POLICY_VERSION = "2012-10-17"

SEND_ACTIONS: tuple[str, ...] = ("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl")
"""Producers: send (``SendMessageBatch`` is authorised by ``sqs:SendMessage``)."""

CONSUME_ACTIONS: tuple[str, ...] = (
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibility",
    "sqs:GetQueueAttributes",
)
"""Consumers, including Lambda's event source poller (Q-09)."""

PURGE_ACTIONS: tuple[str, ...] = ("sqs:PurgeQueue", "sqs:GetQueueAttributes")
"""Deleting every message of the queue at once."""

KMS_CONSUMER_ACTIONS: tuple[str, ...] = ("kms:Decrypt",)
"""Reading messages of a queue encrypted with a customer managed key (Q-01)."""

KMS_PRODUCER_ACTIONS: tuple[str, ...] = ("kms:GenerateDataKey", "kms:Decrypt")
"""Sending messages to a queue encrypted with a customer managed key (Q-01)."""

TLS_ONLY_SID = "DenyInsecureTransport"
"""Sid of the statement every queue policy starts with (Q-02)."""

QUEUE_ARN_PLACEHOLDER = "${queue_arn}"
"""Stands for the queue's ARN in the ``Resource`` of caller statements."""


def _grant_document(
    queue_arn: str, actions: Sequence[str], kms_key_arn: str | None, kms_actions: Sequence[str]
) -> dict[str, Any]:
    statements: list[dict[str, Any]] = [
        {"Effect": "Allow", "Action": list(actions), "Resource": queue_arn}
    ]
    if kms_key_arn is not None and kms_actions:
        statements.append({"Effect": "Allow", "Action": list(kms_actions), "Resource": kms_key_arn})
    return {"Version": POLICY_VERSION, "Statement": statements}


def send_policy_document(queue_arn: str, kms_key_arn: str | None = None) -> dict[str, Any]:
    """Send messages to ``queue_arn`` (and use its customer managed key to encrypt them)."""
    return _grant_document(queue_arn, SEND_ACTIONS, kms_key_arn, KMS_PRODUCER_ACTIONS)


def consume_policy_document(queue_arn: str, kms_key_arn: str | None = None) -> dict[str, Any]:
    """Receive, delete and extend the visibility of messages of ``queue_arn``."""
    return _grant_document(queue_arn, CONSUME_ACTIONS, kms_key_arn, KMS_CONSUMER_ACTIONS)


def purge_policy_document(queue_arn: str, kms_key_arn: str | None = None) -> dict[str, Any]:
    """Purge ``queue_arn``. Purging reads no message, so no KMS action is needed."""
    del kms_key_arn
    return _grant_document(queue_arn, PURGE_ACTIONS, None, ())


def tls_only_statement(queue_arn: str) -> dict[str, Any]:
    """Deny every SQS action on ``queue_arn`` to requests without TLS (Q-02, AwsSolutions-SQS4)."""
    return {
        "Sid": TLS_ONLY_SID,
        "Effect": "Deny",
        "Principal": "*",
        "Action": "sqs:*",
        "Resource": queue_arn,
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def _substitute(value: Any, queue_arn: str) -> Any:
    if isinstance(value, str):
        return value.replace(QUEUE_ARN_PLACEHOLDER, queue_arn)
    if isinstance(value, list | tuple):
        return [_substitute(v, queue_arn) for v in value]
    return value


def queue_policy_document(
    queue_arn: str, statements: Sequence[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """The one policy of a queue: the TLS-only deny first, then the caller's statements.

    A caller statement without ``Resource`` gets the queue ARN; ``${queue_arn}`` in its
    ``Resource`` stands for the queue ARN. The statements must already be checked (the component
    refuses public and wildcard grants, Q-03).
    """
    merged: list[dict[str, Any]] = [tls_only_statement(queue_arn)]
    for statement in statements:
        rendered = dict(statement)
        if "Resource" not in rendered and "NotResource" not in rendered:
            rendered["Resource"] = queue_arn
        elif "Resource" in rendered:
            rendered["Resource"] = _substitute(rendered["Resource"], queue_arn)
        merged.append(rendered)
    return {"Version": POLICY_VERSION, "Statement": merged}


def redrive_policy_document(dlq_arn: str, max_receive_count: int) -> dict[str, Any]:
    """The source queue's redrive policy: after ``max_receive_count`` receives, to the DLQ."""
    return {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": max_receive_count}


def redrive_allow_policy_document(source_queue_arns: Sequence[str]) -> dict[str, Any]:
    """The DLQ's redrive-allow policy: only the named source queues may use it (Q-05)."""
    return {"redrivePermission": "byQueue", "sourceQueueArns": list(source_queue_arns)}
