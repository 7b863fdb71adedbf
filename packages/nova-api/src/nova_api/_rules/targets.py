"""Lambda targets: what each accepted form gives (name, invoke ARN, timeout) and its limits.

Accepted forms, in the order they are recognised:

* a nova-compute ``Function`` (duck-typed, nova-compute is not imported): an object whose
  ``function`` attribute is an ``aws.lambda_.Function`` and that has ``invoke_arn`` and
  ``timeout_seconds``;
* a raw ``aws.lambda_.Function``;
* a dict ``{"function_name": ..., "invoke_arn": ..., "timeout_seconds": ...}`` (what a hosted
  component receives, and the form for any other function);
* an object with ``function_name`` and ``invoke_arn`` attributes (the deprecated
  ``FunctionTarget``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nova_core import Checker, at, field, is_plain, is_whole
from nova_core.patterns import LazyPattern
from nova_core.records import Record

from .args import check_keys

__all__ = [
    "INTEGRATION_TIMEOUT_SOURCE",
    "MAX_INTEGRATIONS",
    "TARGET_KEYS",
    "TargetParts",
    "check_target",
    "check_target_key",
    "check_timeout",
]

MAX_INTEGRATIONS = 300
"""Integrations per HTTP API (fixed API Gateway quota); the component makes one per target."""
TARGET_KEYS: tuple[str, ...] = ("function_name", "invoke_arn", "timeout_seconds")
INTEGRATION_TIMEOUT_SOURCE = "API Gateway HTTP API quotas: integration timeout 30 s"

ACCEPTED = (
    "a target is a nova-compute Function, an aws.lambda_.Function, or a dict with "
    "'function_name' and 'invoke_arn' (optional 'timeout_seconds')"
)

_TARGET_KEY = LazyPattern(r"[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?")
_STATEMENT_ID = LazyPattern(r"[A-Za-z0-9_-]+")
_FUNCTION_ARN = (
    r"arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9$_-]+)?"
)
_FUNCTION_NAME = LazyPattern(rf"(?:{_FUNCTION_ARN}|(?:\d{{12}}:function:)?[A-Za-z0-9_-]{{1,64}})")
_INVOKE_ARN = LazyPattern(
    rf"arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/{_FUNCTION_ARN}"
    r"/invocations"
)
_ANY_FUNCTION_ARN = LazyPattern(_FUNCTION_ARN)


class TargetParts(Record):
    """What the component needs from a Lambda target."""

    function_name: Any
    """Name or ARN of the function (for the invoke permission)."""
    invoke_arn: Any
    """Invoke ARN of the function (the integration URI)."""
    timeout_seconds: Any = None
    """The function's timeout: a plain ``int`` (checked now), an ``Output`` (checked when it
    resolves) or ``None`` (unknown to Nova)."""


def _describe(value: Any) -> str:
    """A stable rendering of an object for a message (no memory address)."""
    kind = type(value)
    if isinstance(value, type):
        return f"the class {value.__module__}.{value.__qualname__} (not an instance)"
    return f"<{kind.__module__}.{kind.__qualname__} object>"


def _read(check: Checker, key: str, target: Any) -> TargetParts:
    import pulumi_aws as aws  # noqa: PLC0415 - the lambda_ sub-module loads on first use

    argument = at("targets", key)
    if isinstance(target, Mapping):
        check_keys(check, argument, target, TARGET_KEYS)
        return TargetParts(
            target.get("function_name"), target.get("invoke_arn"), target.get("timeout_seconds")
        )
    function = getattr(target, "function", None)
    if isinstance(function, aws.lambda_.Function) and hasattr(target, "invoke_arn"):
        return TargetParts(
            function.name, target.invoke_arn, getattr(target, "timeout_seconds", None)
        )
    if isinstance(target, aws.lambda_.Function):
        return TargetParts(target.name, target.invoke_arn, target.timeout)
    if hasattr(target, "function_name") and hasattr(target, "invoke_arn"):
        return TargetParts(
            target.function_name, target.invoke_arn, getattr(target, "timeout_seconds", None)
        )
    if isinstance(target, str) and target.startswith("arn:"):
        fix = (
            "a bare ARN does not say how to invoke the function: pass {'function_name': "
            f"{target!r}, 'invoke_arn': '<its invoke ARN>'}}, or the function object itself"
        )
    else:
        fix = (
            "pass the nova-compute Function itself (targets={'items': items_fn}), an "
            "aws.lambda_.Function, or {'function_name': fn.name, 'invoke_arn': fn.invoke_arn}"
        )
    plain_kinds = str | int | float | list | tuple
    shown = None if target is None or isinstance(target, plain_kinds) else _describe(target)
    raise check.error(argument, target, ACCEPTED, fix, shown=shown)


def check_target_key(check: Checker, name: str, key: Any) -> str:
    """A target key: it names child resources and the permission's statement id."""
    if not isinstance(key, str) or not _TARGET_KEY.fullmatch(key):
        check.fail(
            "targets",
            key,
            "target keys name child resources: 1-32 lowercase letters, digits and '-', "
            "starting and ending with a letter or digit",
            "use a short name like 'items' or 'auth-callback'",
        )
    statement = f"{name}-permission-{key}"
    if not _STATEMENT_ID.fullmatch(statement) or len(statement) > 92:
        check.fail(
            at("targets", key),
            statement,
            "the Lambda permission's statement id is derived from the component name and the "
            "target key; it may contain only letters, digits, '-' and '_' and be at most 100 "
            "characters including an 8-character random suffix",
            "use a shorter component name made of letters, digits and '-'",
        )
    return key


def check_target(check: Checker, key: str, target: Any) -> TargetParts:
    """The parts of one target, every plain one checked."""
    parts = _read(check, key, target)
    argument = at("targets", key)
    if parts.function_name is None or parts.invoke_arn is None:
        check.fail(
            argument,
            target,
            ACCEPTED,
            "add the missing 'function_name' / 'invoke_arn'",
            shown=None if isinstance(target, Mapping) else _describe(target),
        )
    check.string(
        field(argument, "function_name"),
        parts.function_name,
        pattern=_FUNCTION_NAME,
        rule="a Lambda function name is 1-64 letters, digits, '-' or '_' (or the function's ARN)",
        fix="pass the function's name, e.g. function.name",
    )
    invoke_arn = parts.invoke_arn
    if is_plain(invoke_arn) and (
        not isinstance(invoke_arn, str) or not _INVOKE_ARN.fullmatch(invoke_arn)
    ):
        is_function_arn = isinstance(invoke_arn, str) and bool(
            _ANY_FUNCTION_ARN.fullmatch(invoke_arn)
        )
        check.fail(
            field(argument, "invoke_arn"),
            invoke_arn,
            "this is the function ARN, not its invoke ARN"
            if is_function_arn
            else "an invoke ARN looks like 'arn:aws:apigateway:<region>:lambda:path/2015-03-31/"
            "functions/<function ARN>/invocations'",
            "pass the function's invoke_arn output (aws.lambda_.Function.invoke_arn)",
        )
    check.integer(
        field(argument, "timeout_seconds"),
        parts.timeout_seconds,
        minimum=1,
        maximum=900,
        source="Lambda quotas: timeout 1-900 s",
    )
    return parts


def check_timeout(check: Checker, key: str, timeout_seconds: Any, integration_ms: Any) -> None:
    """The function must not run longer than API Gateway waits for it (plain values only)."""
    if not (is_whole(timeout_seconds) and is_whole(integration_ms)):
        return
    if timeout_seconds * 1000 > integration_ms:
        check.fail(
            field(at("targets", key), "timeout_seconds"),
            timeout_seconds,
            f"the function may run for {timeout_seconds} s but API Gateway stops waiting after "
            f"integration_timeout_ms={integration_ms} ms, so clients get an error while the "
            "function keeps running (and billing)",
            f"set the function timeout to at most {integration_ms // 1000} s, or raise "
            "integration_timeout_ms (HTTP API maximum 30000)",
            source=INTEGRATION_TIMEOUT_SOURCE,
        )
