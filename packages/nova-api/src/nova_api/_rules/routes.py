"""Route keys (``GET /items/{id}``, ``$default``), route options and per-route names."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from nova_core import Checker, NovaInputError, at, field
from nova_core.patterns import LazyPattern

from .args import check_string_list, require_args

__all__ = [
    "HTTP_METHODS",
    "MAX_ROUTES",
    "MAX_SCOPES_PER_ROUTE",
    "ROUTE_ARG_KEYS",
    "RouteKey",
    "check_route_key",
    "check_route_options",
    "check_scopes",
    "normalised_path",
    "parse_route_key",
    "route_key_problem",
    "route_slug",
]

HTTP_METHODS: tuple[str, ...] = ("ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
"""Methods a route key may use (``ANY`` matches every method without a route of its own)."""

MAX_ROUTES = 300
"""Routes per HTTP API (API Gateway default quota)."""
MAX_SCOPES_PER_ROUTE = 10
"""Authorization scopes per route (API Gateway quota)."""

ROUTE_ARG_KEYS: tuple[str, ...] = (
    "target",
    "public",
    "authorization_scopes",
    "throttling_burst_limit",
    "throttling_rate_limit",
    "name",
)

_PARAM_SEGMENT = LazyPattern(r"\{([A-Za-z0-9_.-]+)(\+?)\}")
_EXPRESS_PARAM = LazyPattern(r":([A-Za-z_][A-Za-z0-9_.-]*)(\??)")
_LITERAL_SEGMENT = LazyPattern(r"[A-Za-z0-9._~!$&'()*+,;=:@-]+")
_ROUTE_NAME = LazyPattern(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
_SCOPE = LazyPattern(r"\S{1,256}")

_EXAMPLE = "e.g. 'GET /items/{id}' or '$default'"


class RouteKey(NamedTuple):
    """A parsed route key. For ``$default`` the method is ``ANY`` and the path ``$default``."""

    method: str
    path: str


def _express_fix(method: str, path: str) -> str:
    """``/items/:id`` written the API Gateway way, ``/items/{id}``."""
    segments = []
    for segment in path[1:].split("/"):
        express = _EXPRESS_PARAM.fullmatch(segment)
        segments.append("{" + express.group(1) + "}" if express else segment)
    return f"{method} /{'/'.join(segments)}"


def route_key_problem(key: Any) -> tuple[str, str] | None:
    """``(rule, fix)`` when ``key`` is not a valid HTTP API route key, else ``None``."""
    if not isinstance(key, str):
        return ("route keys must be strings", f"write the route key as a string, {_EXAMPLE}")
    if key == "$default":
        return None
    parts = key.split(" ")
    if len(parts) != 2 or not parts[0] or not parts[1]:
        return (
            "a route key is '$default' or '<METHOD> <path>' with exactly one space",
            f"write it as {_EXAMPLE}",
        )
    method, path = parts
    if method not in HTTP_METHODS:
        if method.upper() in HTTP_METHODS:
            return ("methods are upper case", f"write '{method.upper()} {path}'")
        return (
            f"unknown method '{method}' (allowed: {', '.join(HTTP_METHODS)})",
            f"use one of the allowed methods, {_EXAMPLE}",
        )
    if not path.startswith("/"):
        return ("the path must start with '/'", f"write '{method} /{path}'")
    if path == "/":
        return None
    if path.endswith("/"):
        return ("the path must not end with '/'", f"write '{method} {path.rstrip('/')}'")
    segments = path[1:].split("/")
    seen: set[str] = set()
    for index, segment in enumerate(segments):
        if not segment:
            return ("the path must not contain empty segments ('//')", "remove the extra '/'")
        param = _PARAM_SEGMENT.fullmatch(segment)
        if param:
            if param.group(2) and index != len(segments) - 1:
                return (
                    f"the greedy path variable '{segment}' must be the last path segment",
                    f"move '{segment}' to the end of the path or drop the '+'",
                )
            if param.group(1) in seen:
                return (
                    f"path variable '{param.group(1)}' appears twice",
                    "give every path variable its own name",
                )
            seen.add(param.group(1))
            continue
        if _EXPRESS_PARAM.fullmatch(segment):
            return (
                f"segment '{segment}' is an Express-style path parameter; API Gateway would match "
                f"it as the literal text '{segment}', so requests to real ids get 404",
                f"write path variables in braces: '{_express_fix(method, path)}'",
            )
        if segment == "*":
            return (
                "'*' is not a wildcard in API Gateway paths (it would match only a literal '*')",
                "use a greedy path variable as the last segment, e.g. "
                f"'{method} /{'/'.join([*segments[:index], '{proxy+}'])}'",
            )
        if "{" in segment or "}" in segment:
            return (
                f"segment '{segment}' is not a valid path variable: a variable fills a whole "
                "segment, '{name}' or greedy '{name+}', with a name of letters, digits, '_', '.' "
                "or '-'",
                "write the variable as its own segment, e.g. '/items/{id}'",
            )
        if not _LITERAL_SEGMENT.fullmatch(segment):
            return (
                f"segment '{segment}' contains characters not allowed in a path (letters, digits "
                "and -._~!$&'()*+,;=:@ are)",
                "remove spaces, '%', '?', '#' and similar characters from the path",
            )
    return None


def parse_route_key(key: str) -> RouteKey:
    """Split and validate an HTTP API route key.

    ``"GET /items/{id}"`` gives ``("GET", "/items/{id}")``; ``"$default"`` gives
    ``("ANY", "$default")``. Raises :class:`nova_core.NovaInputError` (a ``ValueError``) naming
    the rule and the fix when the key is not valid (unknown method, path not starting with ``/``,
    greedy variable not last, Express-style ``:id``, malformed ``{name}``, ...).
    """
    problem = route_key_problem(key)
    if problem is not None:
        rule, fix = problem
        raise NovaInputError("nova-api route key", str(key), "key", key, rule, fix)
    if key == "$default":
        return RouteKey("ANY", "$default")
    method, path = key.split(" ")
    return RouteKey(method, path)


def check_route_key(check: Checker, key: Any) -> RouteKey:
    """The parsed key, or the component's error for ``routes``."""
    problem = route_key_problem(key)
    if problem is not None:
        rule, fix = problem
        check.fail("routes", key, f"invalid route key: {rule}", fix)
    return parse_route_key(key)


def normalised_path(path: str) -> str:
    """The path with variable names erased: API Gateway treats ``/a/{id}`` and ``/a/{x}`` as the
    same route."""
    if path in ("/", "$default"):
        return path
    out = []
    for segment in path[1:].split("/"):
        param = _PARAM_SEGMENT.fullmatch(segment)
        out.append(("{+}" if param.group(2) else "{}") if param else segment)
    return "/" + "/".join(out)


def route_slug(key: str) -> str:
    """The stable resource-name part for a route key: ``"GET /items/{id}"`` -> ``"get-items-id"``,
    ``"GET /"`` -> ``"get-root"``, ``"$default"`` -> ``"default"``."""
    method, path = parse_route_key(key)
    if path == "$default":
        return "default"
    if path == "/":
        return f"{method.lower()}-root"
    return re.sub(r"[^a-z0-9]+", "-", f"{method} {path}".lower()).strip("-")


def check_route_options(
    check: Checker, key: str, value: Any, target_keys: Sequence[str]
) -> Mapping[str, Any]:
    """The options of one route with ``target`` resolved (the only target when left out)."""
    argument = at("routes", key)
    if value is None:
        value = {}
    value = require_args(
        check,
        argument,
        value,
        ROUTE_ARG_KEYS,
        "give route options as a dict, e.g. {'target': 'items'}",
    )
    target = value.get("target")
    if target is None:
        if len(target_keys) != 1:
            check.fail(
                field(argument, "target"),
                target,
                f"with several targets ({', '.join(target_keys)}) every route names its target",
                "add 'target': '<target key>' to the route",
            )
        target = target_keys[0]
    elif target not in target_keys:
        check.fail(
            field(argument, "target"),
            target,
            f"no such target (targets: {', '.join(target_keys)})",
            "use one of the keys of 'targets'",
        )
    public = check.boolean(field(argument, "public"), value.get("public"), plain=True)
    check.string(
        field(argument, "name"),
        value.get("name"),
        pattern=_ROUTE_NAME,
        rule="route names are 1-64 lowercase letters, digits and '-', starting and ending with "
        "a letter or digit",
        fix="use a slug like 'get-item-by-id'",
        plain=True,
    )
    return {**value, "target": target, "public": bool(public)}


def check_scopes(check: Checker, key: str, scopes: Any, authorization: str) -> None:
    """Scopes only on JWT-authorized routes; 1-10 strings without spaces."""
    argument = field(at("routes", key), "authorization_scopes")
    if authorization != "JWT":
        check.fail(
            argument,
            scopes,
            "authorization scopes apply only to routes authorized by the JWT authorizer "
            f"(this route's authorization is {authorization})",
            "configure jwt_authorizer and keep the route non-public, or drop the scopes",
        )
    check_string_list(
        check,
        argument,
        scopes,
        pattern=_SCOPE,
        rule="a scope is a non-empty string without spaces, e.g. 'items/read'",
        fix=f"use 1 to {MAX_SCOPES_PER_ROUTE} scopes such as 'items/read'",
        min_items=1,
        max_items=MAX_SCOPES_PER_ROUTE,
    )
