"""Which authorization non-public routes get (rule A-02: nothing open unless declared public)."""

from __future__ import annotations

from typing import Any

from nova_core import Checker

__all__ = ["AUTHORIZATION_TYPES", "check_default_authorization"]

AUTHORIZATION_TYPES: tuple[str, ...] = ("NONE", "AWS_IAM", "JWT")


def check_default_authorization(check: Checker, value: Any, has_jwt: bool) -> str | None:
    """The explicit choice checked against the authorizer; ``None`` when left out."""
    if value is None:
        return None
    if value == "CUSTOM":
        check.fail(
            "default_authorization",
            value,
            "Lambda (CUSTOM) authorizers are not offered by this component",
            "use jwt_authorizer, or 'AWS_IAM'",
        )
    if not isinstance(value, str) or value not in AUTHORIZATION_TYPES:
        check.fail(
            "default_authorization",
            value,
            "allowed values are 'NONE', 'AWS_IAM' and 'JWT'",
            "use 'AWS_IAM', or configure jwt_authorizer (which makes 'JWT' the default)",
        )
    if value == "JWT" and not has_jwt:
        check.fail(
            "default_authorization",
            value,
            "JWT authorization needs a JWT authorizer",
            "configure jwt_authorizer={'issuer': ..., 'audiences': [...]}",
        )
    if value != "JWT" and has_jwt:
        check.fail(
            "default_authorization",
            value,
            "with jwt_authorizer configured every non-public route uses it",
            "leave default_authorization out, and mark open routes public=True",
        )
    return value
