"""The JWT authorizer: issuer URL, audiences, identity source, name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nova_core import Checker, is_plain
from nova_core.patterns import LazyPattern

from .args import check_string_list, require_args

__all__ = ["JWT_KEYS", "MAX_JWT_AUDIENCES", "check_jwt"]

JWT_KEYS: tuple[str, ...] = ("issuer", "audiences", "identity_source", "name")
MAX_JWT_AUDIENCES = 50
"""Audiences per JWT authorizer (API Gateway quota)."""

_HTTPS_URL = LazyPattern(r"https://[A-Za-z0-9.-]+(?::\d{1,5})?(?:/[^\s?#]*)?")
_AUDIENCE = LazyPattern(r"\S(?:.{0,1022}\S)?")
_IDENTITY_SOURCE = LazyPattern(
    r"\$(?:request\.(?:header|querystring)\.[!#$%&'*+.^_`|~0-9A-Za-z-]+"
    r"|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)"
)


def check_jwt(check: Checker, jwt: Any) -> Mapping[str, Any]:
    """Check the plain parts of ``jwt_authorizer`` (``identity_source`` may be ``None``)."""
    jwt = require_args(
        check,
        "jwt_authorizer",
        jwt,
        JWT_KEYS,
        "pass {'issuer': 'https://...', 'audiences': ['client-id']}",
    )
    issuer = jwt.get("issuer")
    if issuer is None or (
        is_plain(issuer) and (not isinstance(issuer, str) or not _HTTPS_URL.fullmatch(issuer))
    ):
        check.fail(
            "jwt_authorizer.issuer",
            issuer,
            "the issuer is the identity provider's https URL (the 'iss' claim), without query or "
            "fragment",
            "use e.g. 'https://cognito-idp.<region>.amazonaws.com/<user pool id>'",
        )
    audiences = jwt.get("audiences")
    if audiences is None:
        check.fail(
            "jwt_authorizer.audiences",
            audiences,
            f"a JWT authorizer needs 1 to {MAX_JWT_AUDIENCES} audiences (the 'aud' or "
            "'client_id' values it accepts)",
            "pass audiences=['<app client id>']",
        )
    check_string_list(
        check,
        "jwt_authorizer.audiences",
        audiences,
        pattern=_AUDIENCE,
        rule="an audience is a non-empty string",
        fix=f"pass 1 to {MAX_JWT_AUDIENCES} audiences, e.g. ['<app client id>']",
        min_items=1,
        max_items=MAX_JWT_AUDIENCES,
    )
    check.string(
        "jwt_authorizer.identity_source",
        jwt.get("identity_source"),
        pattern=_IDENTITY_SOURCE,
        rule="a JWT identity source is one selection expression such as "
        "'$request.header.Authorization' or '$request.querystring.token'",
        fix="use '$request.header.Authorization' (the default)",
    )
    auth_name = jwt.get("name")
    if (
        auth_name is not None
        and is_plain(auth_name)
        and (
            not isinstance(auth_name, str)
            or not 1 <= len(auth_name) <= 128
            or auth_name != auth_name.strip()
        )
    ):
        check.fail(
            "jwt_authorizer.name",
            auth_name,
            "an authorizer name is 1-128 characters without leading or trailing spaces",
            "use a short name like 'cognito', or leave it out",
        )
    return jwt
