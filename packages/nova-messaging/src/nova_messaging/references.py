"""Queues this program does not create, named by ARN or URL, so roles can be granted access.

``Queue.from_arn("orders", "arn:aws:sqs:...:orders")`` and ``Queue.from_url(...)`` return a
:class:`QueueReference`; its grants create the same role policies as a ``Queue``'s, named
``<name>-grant-<kind>-<key>``. A reference registers nothing by itself.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from nova_core import Checker, is_plain

from ._grants import create_grant
from ._plan import COMPONENT
from ._policies import consume_policy_document, purge_policy_document, send_policy_document
from ._rules.encryption import check_kms_key_arn
from ._rules.references import check_queue_arn, queue_arn_from_url

__all__ = ["QueueReference", "queue_from_arn", "queue_from_url"]


class QueueReference:
    """An existing queue: its ARN (and customer managed key), with CDK-style grants."""

    def __init__(
        self, name: str, arn: pulumi.Input[str], kms_key_arn: pulumi.Input[str] | None = None
    ) -> None:
        self.name = name
        """Logical name used in the names of the grants' role policies."""
        self.arn: pulumi.Output[str] = pulumi.Output.from_input(arn)
        """The queue's ARN."""
        self.kms_key_arn: pulumi.Output[str] | None = (
            None if kms_key_arn is None else pulumi.Output.from_input(kms_key_arn)
        )
        """The queue's customer managed key, when it has one."""
        self._checker = Checker(COMPONENT, name)
        self._grants: set[str] = set()

    def _grant(
        self,
        kind: str,
        builder: Any,
        role: Any,
        grant_id: str | None,
        opts: pulumi.ResourceOptions | None,
    ) -> aws.iam.RolePolicy:
        return create_grant(
            self._checker,
            owner=self.name,
            kind=kind,
            builder=builder,
            queue_arn=self.arn,
            kms_key_arn=self.kms_key_arn,
            role=role,
            grant_id=grant_id,
            taken=self._grants,
            opts=opts or pulumi.ResourceOptions(),
        )

    def grant_send(
        self,
        role: Any,
        *,
        grant_id: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> aws.iam.RolePolicy:
        """Let ``role`` send messages (``SEND_ACTIONS``; KMS producer actions with a key)."""
        return self._grant("send", send_policy_document, role, grant_id, opts)

    def grant_consume(
        self,
        role: Any,
        *,
        grant_id: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> aws.iam.RolePolicy:
        """Let ``role`` receive and delete messages (``CONSUME_ACTIONS``; ``kms:Decrypt``)."""
        return self._grant("consume", consume_policy_document, role, grant_id, opts)

    def grant_purge(
        self,
        role: Any,
        *,
        grant_id: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> aws.iam.RolePolicy:
        """Let ``role`` purge the queue (``PURGE_ACTIONS``)."""
        return self._grant("purge", purge_policy_document, role, grant_id, opts)


def _checked_key(checker: Checker, kms_key_arn: Any) -> Any:
    if kms_key_arn is not None and is_plain(kms_key_arn):
        check_kms_key_arn(checker, "kms_key_arn", kms_key_arn)
    return kms_key_arn


def queue_from_arn(
    name: str, arn: pulumi.Input[str], *, kms_key_arn: pulumi.Input[str] | None = None
) -> QueueReference:
    """A reference to the queue with ARN ``arn`` (checked when plain)."""
    checker = Checker(COMPONENT, name)
    if is_plain(arn):
        check_queue_arn(checker, "arn", arn)
    return QueueReference(name, arn, _checked_key(checker, kms_key_arn))


def queue_from_url(
    name: str, url: str, *, kms_key_arn: pulumi.Input[str] | None = None
) -> QueueReference:
    """A reference to the queue at ``url`` (``https://sqs.<region>.amazonaws.com/<account>/<name>``).

    The URL must be plain: the ARN is computed from it."""
    checker = Checker(COMPONENT, name)
    checker.string("url", url, plain=True)
    arn = queue_arn_from_url(checker, "url", url)
    return QueueReference(name, arn or "", _checked_key(checker, kms_key_arn))
