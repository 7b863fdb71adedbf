"""Bucket policy statements (S3-09): nothing public, no takeover, no lock-out, only this bucket."""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from nova_core import Checker, PolicyStatement, at, field, is_deep_plain, is_plain
from nova_core.iam import STATEMENT_KEYS, policy_statements, strings
from nova_storage._policies import (
    BUCKET_ARN_PLACEHOLDER,
    DANGEROUS_CROSS_ACCOUNT_ACTIONS,
    TLS_STATEMENT_SIDS,
    bucket_policy_document,
)

__all__ = ["MAX_BUCKET_POLICY_BYTES", "STATEMENT_KEYS", "check_policy_statements"]

MAX_BUCKET_POLICY_BYTES = 20 * 1024
# Condition keys that make an Allow to Principal "*" non-public when given fixed values
# (S3 "The meaning of public"; Security Hub S3.6 / S3.2 / S3.3).
RESTRICTING_CONDITION_KEYS = frozenset(
    k.lower()
    for k in (
        "aws:SourceAccount",
        "aws:SourceArn",
        "aws:SourceOwner",
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:SourceOrgID",
        "aws:SourceIp",
        "aws:PrincipalOrgID",
        "aws:PrincipalAccount",
        "aws:PrincipalArn",
        "aws:userid",
        "s3:DataAccessPointArn",
        "s3:DataAccessPointAccount",
        "s3:x-amz-server-side-encryption-aws-kms-key-id",
    )
)
RESTRICTING_OPERATORS = frozenset(
    ("stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress")
)
S3_09 = "S3-09"
REFUSED = {
    "NotResource": (
        "NotResource in a bucket policy reaches beyond the listed objects",
        f"list the resources under Resource with '{BUCKET_ARN_PLACEHOLDER}'",
    )
}
"""Grammar keys a bucket policy statement does not take, with why."""


def _principal_values(principal: Any) -> list[Any]:
    if isinstance(principal, Mapping):
        return [v for values in principal.values() for v in strings(values)]
    return strings(principal)


def _is_public_principal(principal: Any) -> bool:
    return any(isinstance(v, str) and "*" in v for v in _principal_values(principal))


def _aws_principals(principal: Any) -> list[Any]:
    if isinstance(principal, Mapping):
        return [v for k, values in principal.items() if k == "AWS" for v in strings(values)]
    return strings(principal)  # "*"


def _restricting_condition(condition: Any) -> bool:
    if not isinstance(condition, Mapping):
        return False
    for operator, entries in condition.items():
        op = str(operator).lower()
        if op.startswith("forallvalues:") or op.endswith("ifexists"):
            continue
        op = op.removeprefix("foranyvalue:")
        if op not in RESTRICTING_OPERATORS or not isinstance(entries, Mapping):
            continue
        for key, raw_values in entries.items():
            if str(key).lower() not in RESTRICTING_CONDITION_KEYS:
                continue
            values = strings(raw_values)
            if not values:
                continue
            if op == "ipaddress":
                if all(str(v) not in ("0.0.0.0/0", "::/0") for v in values if is_plain(v)):
                    return True
            elif all(not (isinstance(v, str) and ("*" in v or "?" in v)) for v in values):
                return True
    return False


def _action_covers(patterns: Iterable[Any], action: str) -> bool:
    return any(
        isinstance(p, str) and fnmatch.fnmatchcase(action.lower(), p.lower()) for p in patterns
    )


def check_policy_statements(check: Checker, statements: Any, bucket_name: str | None) -> None:
    """S3-09: refuse user statements that would make the bucket public, grant another account
    control of the bucket's policy/ACLs/encryption, lock the account out, or point elsewhere.

    The statement shape is ``nova_core.iam``'s. Checks what is plain; the plan checks statements
    holding ``Output``s again when they resolve.
    """
    statements = check.sequence("policy_statements", statements)
    if statements is None:
        return
    checked = policy_statements(
        check,
        "policy_statements",
        statements,
        policy="the bucket policy",
        reserved_sids=TLS_STATEMENT_SIDS,
        required=("Principal", "Action", "Resource"),
        refused=REFUSED,
        fixes={"Resource": f"add Resource, e.g. '{BUCKET_ARN_PLACEHOLDER}/*'"},
    )
    for index, statement in enumerate(checked):
        if statement is not None:
            path = at("policy_statements", index)
            _check_resources(check, path, statement, bucket_name)
            _check_grantees(check, path, statement)
    if is_deep_plain(statements):
        _check_size(check, statements)


def _own_resource(resource: Any, bucket_name: str | None) -> bool:
    if not isinstance(resource, str):
        return False
    if resource == BUCKET_ARN_PLACEHOLDER or resource.startswith(f"{BUCKET_ARN_PLACEHOLDER}/"):
        return True
    return bucket_name is not None and (
        re.fullmatch(rf"arn:aws(?:-[a-z]+)*:s3:::{re.escape(bucket_name)}(/.*)?", resource)
        is not None
    )


def _check_resources(
    check: Checker, path: str, statement: PolicyStatement, bucket_name: str | None
) -> None:
    for resource in statement.values("Resource"):
        if is_plain(resource) and not _own_resource(resource, bucket_name):
            check.fail(
                field(path, "Resource"),
                resource,
                "a bucket policy may only name this bucket and its objects",
                f"write '{BUCKET_ARN_PLACEHOLDER}' or '{BUCKET_ARN_PLACEHOLDER}/<prefix>*'; "
                "it is replaced by the bucket ARN",
            )


def _check_grantees(check: Checker, path: str, statement: PolicyStatement) -> None:
    effect = statement.effect
    allow = statement.allow
    condition = statement.get("Condition")
    principal = statement.get("Principal")
    if allow and "NotPrincipal" in statement:
        check.fail(
            field(path, "NotPrincipal"),
            statement.get("NotPrincipal"),
            "Allow with NotPrincipal grants access to everyone not listed",
            "name the allowed principals under Principal",
            source=f"{S3_09}, SH S3.2/S3.3",
        )
    if allow and "NotAction" in statement:
        check.fail(
            field(path, "NotAction"),
            statement.get("NotAction"),
            "Allow with NotAction grants every action not listed",
            "list the allowed actions under Action",
            source=S3_09,
        )
    actions = statement.values("Action")
    if allow and _is_public_principal(principal) and not _restricting_condition(condition):
        check.fail(
            field(path, "Principal"),
            principal,
            "an Allow to Principal '*' without a restricting condition makes the bucket public",
            "name the principals (account or role ARNs), or add a fixed-value condition on "
            "aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:PrincipalAccount or "
            "aws:SourceVpce",
            source=f"{S3_09}, SH S3.2/S3.3/S3.6, S3-01",
        )
    if allow and _aws_principals(principal):
        dangerous = [a for a in DANGEROUS_CROSS_ACCOUNT_ACTIONS if _action_covers(actions, a)]
        if dangerous:
            check.fail(
                field(path, "Action"),
                statement.get("Action"),
                f"granting {', '.join(dangerous)} to AWS principals through the bucket policy "
                "lets them take over the bucket's policy, ACLs or encryption",
                "grant data actions only (e.g. s3:GetObject, s3:PutObject); manage the bucket "
                "through IAM in the owning account",
                source=f"{S3_09}, SH S3.6",
            )
    if (
        effect == "Deny"
        and _is_public_principal(principal)
        and not condition
        and (
            _action_covers(actions, "s3:PutBucketPolicy")
            or _action_covers(actions, "s3:DeleteBucketPolicy")
        )
    ):
        check.fail(
            field(path, "Condition"),
            condition,
            "an unconditional Deny of the bucket policy actions to Principal '*' locks every "
            "principal, including your deployments, out of the bucket policy",
            "add a Condition that exempts your deployment role, or deny data actions only",
            source=S3_09,
        )


def _check_size(check: Checker, statements: Sequence[Any]) -> None:
    longest_arn = "arn:aws-us-gov:s3:::" + "x" * 63
    document = bucket_policy_document(longest_arn, statements)
    size = len(json.dumps(document, separators=(",", ":")).encode())
    if size > MAX_BUCKET_POLICY_BYTES:
        check.fail(
            "policy_statements",
            statements,
            f"a bucket policy is at most {MAX_BUCKET_POLICY_BYTES} bytes",
            "merge statements or move grants to IAM role policies (grant_read etc.)",
            source="S3 PutBucketPolicy",
            shown=f"<{len(statements)} statements, {size} bytes>",
        )
