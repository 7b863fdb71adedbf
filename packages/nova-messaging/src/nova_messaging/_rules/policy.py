"""Caller statements merged into a queue's policy (Q-02, Q-03).

The queue policy always starts with the TLS-only deny; caller statements come after it. They may
grant AWS services or named principals (``sqs:SendMessage`` for an SNS topic, with
``aws:SourceArn``), but never everyone and never every action.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nova_core import Checker, at, field, is_plain
from nova_messaging._policies import QUEUE_ARN_PLACEHOLDER, TLS_ONLY_SID

__all__ = ["STATEMENT_KEYS", "check_statements"]

STATEMENT_KEYS: tuple[str, ...] = (
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
)
SOURCE = "Q-03: SH SQS.3, CKV_AWS_168, CKV_AWS_72, AWS-0097"
_WILDCARD_ACTIONS = {"*", "sqs:*"}


def _strings(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def _is_everyone(principal: Any) -> bool:
    if principal == "*":
        return True
    if isinstance(principal, Mapping):
        aws = principal.get("AWS")
        return aws is not None and "*" in _strings(aws)
    return False


def check_statements(checker: Checker, argument: str, value: Any) -> Sequence[Any] | None:
    """Check each statement: known keys, an Effect, not public, no wildcard actions.

    Parts that are ``Output``s are skipped here; the component runs this check again once they
    resolve.
    """
    statements = checker.sequence(argument, value, what="the number of statements")
    if statements is None:
        return None
    sids: set[str] = set()
    for index, statement in enumerate(statements):
        path = at(argument, index)
        if not is_plain(statement):
            continue
        checker.mapping(path, statement)
        checker.keys(path, statement, STATEMENT_KEYS)
        effect = statement.get("Effect")
        checker.one_of(field(path, "Effect"), effect, ("Allow", "Deny"))
        if effect is None:
            checker.fail(
                field(path, "Effect"), None, "every statement needs an Effect", "add 'Effect'"
            )
        sid = statement.get("Sid")
        if isinstance(sid, str):
            if sid == TLS_ONLY_SID or sid in sids:
                checker.fail(
                    field(path, "Sid"),
                    sid,
                    "statement ids must be unique in the queue policy"
                    + (
                        " (the component's TLS-only statement uses it)"
                        if sid == TLS_ONLY_SID
                        else ""
                    ),
                    "choose another Sid",
                )
            sids.add(sid)
        if "Principal" not in statement and "NotPrincipal" not in statement:
            checker.fail(
                path,
                statement,
                "a queue policy statement needs a Principal",
                "add 'Principal', e.g. {'Service': 'sns.amazonaws.com'}",
                source="IAM policy grammar for resource policies",
            )
        if "Action" not in statement and "NotAction" not in statement:
            checker.fail(path, statement, "a statement needs an Action", "add 'Action'")
        if effect != "Allow":
            continue
        for key in ("NotPrincipal", "NotAction", "NotResource"):
            if key in statement:
                checker.fail(
                    field(path, key),
                    statement[key],
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
            for name in _strings(action):
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
        if is_plain(resource) and resource is not None:
            for item in _strings(resource):
                if item == "*":
                    checker.fail(
                        field(path, "Resource"),
                        resource,
                        "a queue policy applies to this queue only",
                        f"leave Resource out, or use {QUEUE_ARN_PLACEHOLDER!r}",
                    )
    return statements
