"""``grant_invoke`` and ``add_policy_statements``: never public, always scoped, unique keys."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from nova_core import Checker
from nova_core.patterns import LazyPattern, PatternLike

GRANT_KEY = LazyPattern(r"[A-Za-z0-9_.-]{1,100}")
POLICY_KEY = LazyPattern(r"[A-Za-z0-9-]{1,40}")
SERVICE_PRINCIPAL = LazyPattern(r"[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?")
ACCOUNT_ID = LazyPattern(r"\d{12}")
IAM_PRINCIPAL_ARN = LazyPattern(r"arn:aws(?:-[a-z]+)*:iam::\d{12}:(?:root|role/.+|user/.+)")
SOURCE = "Security Hub Lambda.1"


def is_service_principal(principal: Any) -> bool:
    """``True`` for a plain AWS service principal such as ``apigateway.amazonaws.com``."""
    return isinstance(principal, str) and bool(SERVICE_PRINCIPAL.fullmatch(principal))


def check_grant(
    checker: Checker,
    key: Any,
    principal: Any,
    source_arn: Any,
    source_account: Any,
    taken: Collection[str],
) -> None:
    """Rules for ``Function.grant_invoke``: never public, always scoped by source ARN."""
    _check_key(checker, "grant_invoke.name", key, GRANT_KEY, "1-100 letters, digits, '.', "
               "'_' or '-' (it names the permission)", "api", taken)  # fmt: skip
    if checker.string("grant_invoke.principal", principal) is not None:
        if principal == "*":
            checker.fail(
                "grant_invoke.principal",
                principal,
                "a function must never be public",
                "grant a service principal such as 'apigateway.amazonaws.com' or an account",
                source=SOURCE,
            )
        if not (
            SERVICE_PRINCIPAL.fullmatch(principal)
            or ACCOUNT_ID.fullmatch(principal)
            or IAM_PRINCIPAL_ARN.fullmatch(principal)
        ):
            checker.fail(
                "grant_invoke.principal",
                principal,
                "a principal is a service ('<service>.amazonaws.com'), a 12-digit account id "
                "or an IAM role/user/root ARN",
                "use e.g. 'apigateway.amazonaws.com'",
            )
    if source_arn is None:
        checker.fail(
            "grant_invoke.source_arn",
            source_arn,
            "every invoke permission is scoped by the caller's ARN",
            "pass the ARN of the API, rule, bucket or topic that invokes the function",
            source=f"{SOURCE}, CKV_AWS_364",
        )
    checker.string(
        "grant_invoke.source_arn",
        source_arn,
        pattern=re.compile(r"arn:.+"),
        rule="must be an ARN",
        fix="use e.g. the API's execution ARN + '/*/*'",
    )
    checker.string(
        "grant_invoke.source_account",
        source_account,
        pattern=ACCOUNT_ID,
        rule="must be a 12-digit account id",
        fix="use e.g. '123456789012'",
    )


def check_policy_key(checker: Checker, key: Any, taken: Collection[str]) -> None:
    _check_key(checker, "add_policy_statements.key", key, POLICY_KEY,
               "1-40 letters, digits or '-' (it names the role policy)", "orders-table",
               taken)  # fmt: skip


def _check_key(
    checker: Checker,
    argument: str,
    key: Any,
    pattern: PatternLike,
    what: str,
    example: str,
    taken: Collection[str],
) -> None:
    """A plain key that names a child, unique on this function."""
    if key is None:
        checker.fail(argument, key, "must be given", f"use e.g. {example!r}")
    checker.string(argument, key, pattern=pattern, rule=f"must be {what}",
                   fix=f"use e.g. {example!r}", plain=True)  # fmt: skip
    if key in taken:
        checker.fail(
            argument,
            key,
            f"this function already uses that key (taken: {', '.join(sorted(taken))})",
            "use another key",
        )
