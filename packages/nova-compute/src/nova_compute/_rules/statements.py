"""IAM: caller statements (least privilege), the inline policy quota, the permissions boundary."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from nova_compute._policies import (
    INLINE_POLICY_LIMIT,
    dead_letter_policy,
    destination_policy,
    log_policy,
    policy_chars,
    statements_policy,
    xray_policy,
)
from nova_core import Checker, at, field, is_deep_plain, is_plain
from nova_core.iam import GRAMMAR, policy_statements, strings
from nova_core.patterns import LazyPattern

ACTION = LazyPattern(r"[a-z0-9-]+:[A-Za-z0-9*?]+")
PLACEHOLDER_ARN_CHARS = 120
_NEGATED = (
    "grants everything except what it lists, which is the opposite of least privilege",
    "list the allowed actions and resources with Action and Resource",
)
_PRINCIPAL = (
    "statements attached to the execution role are identity policies and take no Principal",
    "remove Principal; use grant_invoke for who may call the function",
)
REFUSED: dict[str, tuple[str, str]] = {
    "NotAction": (f"NotAction {_NEGATED[0]}", _NEGATED[1]),
    "NotResource": (f"NotResource {_NEGATED[0]}", _NEGATED[1]),
    "Principal": _PRINCIPAL,
    "NotPrincipal": _PRINCIPAL,
}
"""Grammar keys an execution role's statements do not take, with why."""


def check_boundary(checker: Checker, arn: Any) -> None:
    checker.arn(
        "permissions_boundary_arn",
        arn,
        service="iam",
        resource_types=("policy",),
        example="'arn:aws:iam::123456789012:policy/boundary' (a managed policy)",
    )


def check_wildcard_reason(checker: Checker, reason: Any) -> str | None:
    return checker.string(
        "allow_wildcard_resources_reason",
        reason,
        pattern=re.compile(r".*\S.*", re.DOTALL),
        rule="must be a non-empty explanation",
        fix="say why the actions need Resource '*', e.g. 'ec2:DescribeInstances has no "
        "resource-level permissions'",
        plain=True,
    )


def check_statements(
    checker: Checker, argument: str, statements: Any, wildcard_reason: str | None
) -> list[Any] | None:
    """Validate caller IAM statements; returns them (``None`` when absent or an Output)."""
    if statements is None or not is_plain(statements):
        return None
    if isinstance(statements, Mapping) or not isinstance(statements, list | tuple):
        checker.fail(
            argument,
            statements,
            "must be a list of IAM statements",
            "wrap the statement in a list",
        )
    checked = policy_statements(
        checker,
        argument,
        statements,
        policy="the role's policy statements",
        refused=REFUSED,
        default_effect="Allow",
        fixes={key: f"add '{key}' with the exact {key.lower()}s the function needs"
               for key in ("Action", "Resource")},
    )  # fmt: skip
    for index, statement in enumerate(checked):
        if statement is not None:
            path = at(argument, index)
            allow = statement.effect != "Deny"
            _check_actions(checker, field(path, "Action"), statement.get("Action"), allow)
            _check_resources(checker, field(path, "Resource"), statement.get("Resource"), allow,
                             wildcard_reason)  # fmt: skip
    return list(statements)


def _check_actions(checker: Checker, argument: str, actions: Any, allow: bool) -> None:
    if not is_plain(actions):
        return
    for action in strings(actions):
        if not is_plain(action):
            continue
        if not isinstance(action, str) or not (action == "*" or ACTION.fullmatch(action)):
            checker.fail(
                argument,
                action,
                "an action is '<service>:<Action>', e.g. 's3:GetObject'",
                "fix the action name",
                source=GRAMMAR,
            )
        if allow and (action == "*" or action.endswith(":*")):
            checker.fail(
                argument,
                action,
                "wildcard actions ('*' or '<service>:*') grant far more than a function needs",
                "list the exact actions, e.g. ['dynamodb:GetItem', 'dynamodb:PutItem']",
                source="AwsSolutions-IAM5, Security Hub IAM.1/IAM.21",
            )


def _check_resources(
    checker: Checker, argument: str, resources: Any, allow: bool, wildcard_reason: str | None
) -> None:
    if not is_plain(resources):
        return
    for resource in strings(resources):
        if not is_plain(resource):
            continue
        if not isinstance(resource, str) or not resource:
            checker.fail(argument, resource, "a resource is an ARN string", "pass the ARN")
        if allow and resource == "*" and not wildcard_reason:
            checker.fail(
                argument,
                resource,
                "Resource '*' applies the actions to every resource in the account",
                "scope the statement to ARNs, or, when the actions support no resource-level "
                "permissions, set 'allow_wildcard_resources_reason' to say why",
                source="AwsSolutions-IAM5",
            )


def check_statement_size(
    checker: Checker, argument: str, statements: Sequence[Any], used: int
) -> int:
    """Fail when the role's inline policies would pass IAM's 10,240-character quota; return
    the characters used with these statements."""
    if not is_deep_plain(statements):
        return used
    total = used + policy_chars(statements_policy(statements))
    if total > INLINE_POLICY_LIMIT:
        checker.fail(
            argument,
            statements,
            f"the role's inline policies would hold about {total} characters; IAM allows "
            f"{INLINE_POLICY_LIMIT} for all inline policies of a role together",
            "merge statements (several actions or resources per statement), use fewer ARNs "
            "with prefixes, or attach a customer managed policy to 'role' yourself",
            source="IAM quotas",
            shown=f"{len(statements)} statements",
        )
    return total


def component_policy_chars(tracing: bool, dead_letter_arn: Any, destination_arn: Any) -> int:
    """Characters of the role policies the component writes itself (unknown ARNs estimated)."""
    placeholder = "x" * PLACEHOLDER_ARN_CHARS
    total = policy_chars(log_policy(placeholder))
    if tracing:
        total += policy_chars(xray_policy())
    if dead_letter_arn is not None:
        sample = dead_letter_arn if is_plain(dead_letter_arn) else f"arn:aws:sqs:{placeholder}"
        total += policy_chars(dead_letter_policy(sample))
    if destination_arn is not None:
        sample = destination_arn if is_plain(destination_arn) else f"arn:aws:s3:::{placeholder}"
        total += policy_chars(destination_policy(sample))
    return total
