"""Caller statements merged into a queue's policy (Q-02, Q-03).

The queue policy always starts with the TLS-only deny; caller statements come after it. They may
grant AWS services or named principals (``sqs:SendMessage`` for an SNS topic, with
``aws:SourceArn``), but never everyone and never every action.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nova_core import Checker, PolicyStatement, at, field, is_plain, policy_statements
from nova_core.iam import STATEMENT_KEYS, strings
from nova_messaging._policies import QUEUE_ARN_PLACEHOLDER, TLS_ONLY_SID

__all__ = ["STATEMENT_KEYS", "check_statements"]

SOURCE = "Q-03: SH SQS.3, CKV_AWS_168, CKV_AWS_72, AWS-0097"
_WILDCARD_ACTIONS = {"*", "sqs:*"}


def _is_everyone(principal: Any) -> bool:
    if principal == "*":
        return True
    if isinstance(principal, Mapping):
        aws = principal.get("AWS")
        return aws is not None and "*" in strings(aws)
    return False


def check_statements(checker: Checker, argument: str, value: Any) -> Sequence[Any] | None:
    """Check each statement: the IAM shape (``nova_core.iam``), a Principal, not public, no
    wildcard actions, no other resource than this queue.

    Parts that are ``Output``s are skipped here; the component runs this check again once they
    resolve.
    """
    statements = checker.sequence(argument, value, what="the number of statements")
    if statements is None:
        return None
    checked = policy_statements(
        checker,
        argument,
        statements,
        policy="the queue policy",
        reserved_sids=(TLS_ONLY_SID,),
        required=("Principal", "Action"),
        sid_pattern=None,
        fixes={"Principal": "add 'Principal', e.g. {'Service': 'sns.amazonaws.com'}"},
    )
    for index, statement in enumerate(checked):
        if statement is not None and statement.allow:
            _check_allow(checker, at(argument, index), statement)
    return statements


def _check_allow(checker: Checker, path: str, statement: PolicyStatement) -> None:
    for key in ("NotPrincipal", "NotAction", "NotResource"):
        if key in statement:
            checker.fail(
                field(path, key),
                statement.get(key),
                f"an Allow with {key} grants everything except what it lists",
                f"list what is allowed in {key.removeprefix('Not')} instead",
                source=SOURCE,
            )
    principal = statement.get("Principal")
    if is_plain(principal) and _is_everyone(principal):
        checker.fail(
            field(path, "Principal"),
            principal,
            "an Allow for every principal makes the queue public",
            "name the principal, e.g. {'Service': 'sns.amazonaws.com'} with an "
            "aws:SourceArn condition, or {'AWS': 'arn:aws:iam::<account>:root'}",
            source=SOURCE,
        )
    action = statement.get("Action")
    if is_plain(action):
        for name in strings(action):
            if name in _WILDCARD_ACTIONS:
                checker.fail(
                    field(path, "Action"),
                    action,
                    f"an Allow of {name!r} grants every queue action, including deleting "
                    "the queue and changing its policy",
                    "list the actions needed, e.g. 'sqs:SendMessage'",
                    source=SOURCE,
                )
    resource = statement.get("Resource")
    if is_plain(resource):
        for item in strings(resource):
            if item == "*":
                checker.fail(
                    field(path, "Resource"),
                    resource,
                    "a queue policy applies to this queue only",
                    f"leave Resource out, or use {QUEUE_ARN_PLACEHOLDER!r}",
                )
