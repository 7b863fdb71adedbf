"""CORS answered by the gateway, and the preflight trap with authorized catch-all routes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nova_core import Checker, is_plain
from nova_core.patterns import LazyPattern

from .args import check_string_list, require_args
from .routes import normalised_path

__all__ = ["CORS_KEYS", "WILDCARD_ORIGINS", "check_cors", "check_preflight", "wildcard_origins"]

CORS_KEYS: tuple[str, ...] = (
    "allow_origins",
    "allow_methods",
    "allow_headers",
    "expose_headers",
    "allow_credentials",
    "max_age_seconds",
)
WILDCARD_ORIGINS: tuple[str, ...] = ("*", "https://*", "http://*")

_ORIGIN = LazyPattern(r"[a-z][a-z0-9+.-]*://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?")
_METHOD = LazyPattern(r"\*|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS")
_HEADER_NAME = LazyPattern(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def check_cors(check: Checker, cors: Any) -> Mapping[str, Any]:
    """Check the plain parts of ``cors``; returns the mapping (defaults are the plan's)."""
    cors = require_args(
        check, "cors", cors, CORS_KEYS, "pass {'allow_origins': ['https://app.example.com']}"
    )
    origins = cors.get("allow_origins")
    if origins is None or (is_plain(origins) and not origins):
        check.fail(
            "cors.allow_origins",
            origins,
            "CORS needs the list of origins allowed to call the API from a browser",
            "pass allow_origins=['https://app.example.com'], or leave cors out",
        )
    if is_plain(origins):
        if isinstance(origins, str) or not isinstance(origins, list | tuple):
            check.fail(
                "cors.allow_origins", origins, "must be a list of origins", f"write [{origins!r}]"
            )
        for origin in origins:
            if not is_plain(origin):
                continue
            if not isinstance(origin, str) or not (
                origin in WILDCARD_ORIGINS or _ORIGIN.fullmatch(origin)
            ):
                fix = "write origins as scheme://host[:port], e.g. 'https://app.example.com'"
                if isinstance(origin, str) and _ORIGIN.fullmatch(origin.lower().rstrip("/")):
                    fix = f"write {origin.lower().rstrip('/')!r} (lower case, no path or '/')"
                check.fail(
                    "cors.allow_origins",
                    origins,
                    f"{origin!r} is not an origin: '*' or scheme://host[:port] without a path",
                    fix,
                )
    credentials = check.boolean("cors.allow_credentials", cors.get("allow_credentials"))
    wildcards = wildcard_origins(origins)
    if credentials is True and wildcards:
        check.fail(
            "cors.allow_credentials",
            credentials,
            f"credentials cannot be allowed for the wildcard origin {wildcards[0]!r} (API "
            "Gateway rejects '*', and any wildcard would let every website make credentialed "
            "requests; rule A-04)",
            "list the exact origins, or set allow_credentials=False",
        )
    if cors.get("allow_methods") is not None:
        check_string_list(
            check,
            "cors.allow_methods",
            cors["allow_methods"],
            pattern=_METHOD,
            rule="methods are GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or '*'",
            fix="use upper-case method names such as ['GET', 'PUT']",
            min_items=1,
        )
    for key in ("allow_headers", "expose_headers"):
        if cors.get(key) is not None:
            check_string_list(
                check,
                f"cors.{key}",
                cors[key],
                pattern=_HEADER_NAME,
                rule="a header name is a token such as 'content-type' (or '*')",
                fix="use header names without spaces or ':'",
            )
    check.integer(
        "cors.max_age_seconds",
        cors.get("max_age_seconds"),
        minimum=-1,
        maximum=86_400,
        source="API Gateway CORS: preflight cache time, -1 disables caching",
    )
    return cors


def wildcard_origins(origins: Any) -> list[str]:
    """The plain wildcard entries of ``allow_origins``."""
    if not is_plain(origins) or not isinstance(origins, list | tuple):
        return []
    return [o for o in origins if is_plain(o) and o in WILDCARD_ORIGINS]


def check_preflight(check: Checker, routes: Sequence[Any]) -> None:
    """With gateway CORS on, a browser's preflight must not reach an authorized catch-all route.

    ``routes`` are the plan's ``RoutePlan`` s (``method``, ``path``, ``public``, ...)."""
    open_options = {normalised_path(r.path) for r in routes if r.method == "OPTIONS" and r.public}
    for plan in routes:
        if plan.authorization_type == "NONE" or plan.method != "ANY":
            continue
        path = "/{proxy+}" if plan.path == "$default" else plan.path
        if normalised_path(path) in open_options:
            continue
        check.fail(
            "routes",
            plan.route_key,
            f"CORS is configured and route '{plan.route_key}' requires {plan.authorization_type}"
            " authorization for every method, so browsers' preflight OPTIONS requests (which "
            "carry no credentials) are routed to it and rejected",
            f"add a public preflight route, e.g. 'OPTIONS {path}': {{'target': "
            f"'{plan.target}', 'public': True}}, whose handler answers OPTIONS with 204",
        )
