"""One way to create a grant's role policy, for owned queues and referenced ones alike."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_aws as aws

from nova_core import Checker, child_name, field

from ._rules.consumer import role_name_of
from ._rules.grants import grant_key

__all__ = ["PolicyBuilder", "create_grant"]

PolicyBuilder = Callable[[str, str | None], dict[str, Any]]


def create_grant(
    checker: Checker,
    *,
    owner: str,
    kind: str,
    builder: PolicyBuilder,
    queue_arn: pulumi.Input[str],
    kms_key_arn: pulumi.Input[str] | None,
    role: Any,
    grant_id: Any,
    taken: set[str],
    opts: pulumi.ResourceOptions,
) -> aws.iam.RolePolicy:
    """The role policy ``<owner>-grant-<kind>-<key>``, every argument checked first."""
    method = f"grant_{kind}"
    role_name = role_name_of(checker, field(method, "role"), role)
    key = grant_key(checker, method, role, grant_id)
    logical = child_name(owner, f"grant-{kind}", key)
    if logical in taken:
        checker.fail(
            field(method, "grant_id"),
            key,
            f"a {kind} grant with key {key!r} exists already on this queue",
            "pass a distinct grant_id for a second grant to the same role",
        )
    taken.add(logical)
    if kms_key_arn is None:
        document = pulumi.Output.from_input(queue_arn).apply(
            lambda arn: json.dumps(builder(arn, None))
        )
    else:
        document = pulumi.Output.all(queue_arn, kms_key_arn).apply(
            lambda values: json.dumps(builder(values[0], values[1]))
        )
    return aws.iam.RolePolicy(logical, role=role_name, policy=document, opts=opts)
