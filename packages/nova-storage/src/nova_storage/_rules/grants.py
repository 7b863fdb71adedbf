"""Grant arguments: the role, the key prefix and the grant's stable key, all checked before the
grant's role policy registers."""

from __future__ import annotations

from typing import Any, NamedTuple

import pulumi

from nova_core import Checker, child_name, field
from nova_core.iam import role_name as role_name_of
from nova_core.patterns import LazyPattern

__all__ = ["GrantTarget", "check_grant"]

GRANT_KEY = LazyPattern(r"[\w+=,.@-]{1,64}")
_GRANT_KEY_CHARS = LazyPattern(r"[^\w+=,.@-]+")
MAX_KEY_LENGTH = 1024
MAX_LOGICAL_NAME = 120
"""IAM policy names are at most 128 characters and Pulumi appends 8 to the logical name."""


class GrantTarget(NamedTuple):
    """What a checked grant needs: the role name to attach to and the policy's child name."""

    role_name: pulumi.Input[str]
    child_name: str


def check_key_prefix(check: Checker, method: str, key_prefix: Any) -> None:
    """A literal object-key prefix: not empty, no leading ``/``, no wildcards, <= 1024 bytes."""
    if key_prefix is None:
        return
    argument = field(method, "key_prefix")
    if not isinstance(key_prefix, str) or not key_prefix:
        check.fail(
            argument,
            key_prefix,
            "must be a non-empty string",
            "pass a prefix such as 'uploads/', or omit it for the whole bucket",
        )
    if key_prefix.startswith("/"):
        check.fail(
            argument,
            key_prefix,
            "object keys do not start with '/'",
            f"use {key_prefix.lstrip('/')!r}",
        )
    if "*" in key_prefix or "?" in key_prefix:
        check.fail(
            argument,
            key_prefix,
            "wildcards would widen the grant beyond one prefix",
            "pass the literal prefix; the grant already covers every key under it",
        )
    if len(key_prefix.encode()) > MAX_KEY_LENGTH:
        check.fail(
            argument,
            key_prefix,
            "object keys are at most 1024 bytes",
            "shorten it",
            source="S3 object key naming",
        )


def _grant_key(check: Checker, method: str, role: Any, grant_id: Any) -> str:
    argument = field(method, "grant_id")
    if grant_id is None:
        if isinstance(role, str):
            return role
        logical = getattr(role, "pulumi_resource_name", None)
        if not (isinstance(logical, str) and logical):
            check.fail(
                argument,
                None,
                f"no stable key can be derived from a {type(role).__name__} (it has no logical "
                "name)",
                "pass grant_id='<stable-key>'",
            )
        return _GRANT_KEY_CHARS.sub("-", logical)[:64]
    check.string(
        argument,
        grant_id,
        pattern=GRANT_KEY,
        rule="grant ids are 1 to 64 letters, digits or + = , . @ _ -",
        fix="pass grant_id='<role-purpose>', e.g. grant_id='ingest'",
        source="IAM policy name rules",
        plain=True,
    )
    return grant_id


def check_grant(
    check: Checker,
    method: str,
    kind: str,
    role: Any,
    key_prefix: Any,
    grant_id: Any,
    taken: set[str],
) -> GrantTarget:
    """Every grant argument, and the child name unused by earlier grants of this bucket."""
    check_key_prefix(check, method, key_prefix)
    role_name = role_name_of(check, field(method, "role"), role)
    key = _grant_key(check, method, role, grant_id)
    name = child_name(check.name, kind, key)
    argument = field(method, "grant_id")
    if len(name) > MAX_LOGICAL_NAME:
        check.fail(
            argument,
            key,
            f"the policy's logical name {name!r} would exceed the 128-character IAM policy name "
            "limit once Pulumi appends its suffix",
            "pass a shorter grant_id",
            source="B.3 policy name",
        )
    if name in taken:
        check.fail(
            argument,
            key,
            f"a {kind} grant with key {key!r} exists already on this bucket",
            "pass a distinct grant_id for the second grant to the same role",
        )
    return GrantTarget(role_name, name)
