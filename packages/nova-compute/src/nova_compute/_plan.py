"""``FunctionArgs`` -> a frozen :class:`FunctionPlan`: every default lives here, and every plain
value is checked (by ``_rules``) before the component registers anything.

Values that are ``Output``s stay ``Output``s in the plan, wrapped so the same rule runs once they
resolve (``nova_core.check_when_known``). The archive is built here too: its size and the
handler's module are plain facts, checked before registration.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pulumi

from nova_core import (
    LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY,
    Checker,
    check_when_known,
    is_deep_plain,
    is_plain,
)
from nova_core.records import Record

from . import runtimes
from ._rules import COMPONENT, concurrency, destinations, environment, layers, names
from ._rules import logging as logs
from ._rules import packaging as code_rules
from ._rules import runtime as runtime_rules
from ._rules import statements as iam
from .args import FunctionArgs
from .packaging import BuiltArchive, PackagingOptions

__all__ = ["ARG_KEYS", "DEFAULTS", "FunctionPlan", "checker_for", "plan_function"]

DEFAULTS: Mapping[str, Any] = {
    "handler": "app.handler",
    "runtime": runtimes.DEFAULT_RUNTIME,
    "architecture": "arm64",
    "memory_mb": 256,
    "timeout_seconds": 30,
    "account_concurrency": LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY,
    "log_retention_days": 14,
    "application_log_level": "INFO",
    "system_log_level": "WARN",
    "tracing_enabled": True,
}
"""Values used when a key is absent (or ``None``). Everything else defaults to "not set",
except the packaging options, whose defaults are the field defaults of
``nova_compute.packaging.PackagingOptions`` (the one list of them, shared with build scripts)."""

ARG_KEYS: tuple[str, ...] = tuple(FunctionArgs.__annotations__)
"""Every key of ``FunctionArgs``, read from the TypedDict itself."""


class FunctionPlan(Record):
    """What a ``Function`` builds, with every default resolved and every plain value checked.

    Fields typed ``Any`` hold a plain value, ``None`` (not set) or an ``Output`` whose rule runs
    when it resolves."""

    name: str
    code: Any
    """The caller's prebuilt archive, or a ``pulumi.FileArchive`` of :attr:`archive`."""
    archive: BuiltArchive | None
    packaging: PackagingOptions | None
    handler: Any
    runtime: Any
    architecture: Any
    memory_mb: Any
    timeout_seconds: int
    ephemeral_storage_mb: Any
    environment: Any
    environment_kms_key_arn: Any
    reserved_concurrency: Any
    account_concurrency: int
    layers: Any
    description: Any
    tags: Any
    function_name: Any
    role_name: Any
    role_path: Any
    permissions_boundary_arn: Any
    policy_statements: Any
    allow_wildcard_resources_reason: str | None
    log_group_name: Any
    """``None`` means a ``/aws/lambda/<name>-`` prefix auto-name."""
    log_retention_days: Any
    log_group_kms_key_arn: Any
    log_group_class: Any
    application_log_level: Any
    system_log_level: Any
    tracing_enabled: bool
    dead_letter_target_arn: Any
    on_failure_destination_arn: Any
    async_max_retry_attempts: Any
    async_max_event_age_seconds: Any
    component_policy_chars: int
    """Characters of the role policies the component writes (IAM's inline quota is shared)."""
    inline_policy_chars: int
    """:attr:`component_policy_chars` plus the caller's plain ``policy_statements``."""

    @property
    def has_async_config(self) -> bool:
        """``True`` when any asynchronous invocation setting is given."""
        return any(
            value is not None
            for value in (
                self.on_failure_destination_arn,
                self.async_max_retry_attempts,
                self.async_max_event_age_seconds,
            )
        )


Rule = Callable[[Any], object]
"""A check of one argument's value (raises ``NovaInputError``)."""


def checker_for(name: str) -> Checker:
    """The checker every message of the component ``name`` goes through."""
    return Checker(COMPONENT, name)


def _checked(value: Any, check: Rule) -> Any:
    """Check a plain value now; an ``Output`` once it resolves (the same rule either way)."""
    if value is None:
        return None
    if is_plain(value):
        check(value)
        return value
    return check_when_known(value, check)


def _value_rules(c: Checker, merged: Mapping[str, Any], account: int) -> dict[str, Rule]:
    """Arguments that may be ``Output``s, each with the rule for its value."""
    return {
        "runtime": lambda v: runtime_rules.check_runtime(c, v),
        "handler": lambda v: runtime_rules.check_handler(c, v, merged["runtime"]),
        "architecture": lambda v: runtime_rules.check_architecture(c, v),
        "memory_mb": lambda v: concurrency.check_memory(c, v),
        "ephemeral_storage_mb": lambda v: concurrency.check_ephemeral_storage(c, v),
        "reserved_concurrency": lambda v: concurrency.check_reserved_concurrency(c, v, account),
        "environment_kms_key_arn": lambda v: environment.check_environment_key(
            c, v, merged.get("environment")
        ),
        "layers": lambda v: layers.check_layers(c, v),
        "description": lambda v: c.string(
            "description", v, min_length=0, max_length=256, source="Lambda CreateFunction"
        ),
        "tags": lambda v: c.tags("tags", v),
        "permissions_boundary_arn": lambda v: iam.check_boundary(c, v),
        "log_retention_days": lambda v: logs.check_retention(c, v),
        "log_group_kms_key_arn": lambda v: logs.check_log_group_key(c, v),
        "log_group_class": lambda v: logs.check_log_group_class(c, v),
        "application_log_level": lambda v: logs.check_application_log_level(c, v),
        "system_log_level": lambda v: logs.check_system_log_level(c, v),
        "dead_letter_target_arn": lambda v: destinations.check_dead_letter_target(c, v),
        "on_failure_destination_arn": lambda v: destinations.check_on_failure_destination(c, v),
        "async_max_retry_attempts": lambda v: destinations.check_retries(c, v),
        "async_max_event_age_seconds": lambda v: destinations.check_event_age(c, v),
    }


def plan_function(name: str, args: Mapping[str, Any]) -> FunctionPlan:
    """Check ``args`` and resolve every default; raise ``NovaInputError`` on the first problem."""
    c = checker_for(name)
    if not isinstance(args, Mapping):
        c.fail("args", args, "must be a FunctionArgs mapping", "pass FunctionArgs(...)")
    c.keys("", args, ARG_KEYS)
    given = {k: v for k, v in args.items() if v is not None}
    merged = {**DEFAULTS, **given}

    function_name, role_name = merged.get("function_name"), merged.get("role_name")
    names.check_component_name(c, name, function_name, role_name)
    names.check_physical_names(
        c, function_name, role_name, merged.get("role_path"), merged.get("log_group_name")
    )
    options = code_rules.check_code(
        c, {**given, "runtime": merged["runtime"], "architecture": merged["architecture"]}
    )
    timeout = concurrency.check_timeout(c, merged["timeout_seconds"])
    account = concurrency.check_account_concurrency(c, merged["account_concurrency"])
    values = {
        key: _checked(merged.get(key), rule)
        for key, rule in _value_rules(c, merged, account).items()
    }
    env = merged.get("environment")
    if is_plain(env):
        environment.check_environment(c, env)
    if env is not None and not is_deep_plain(env):
        env = check_when_known(env, lambda v: environment.check_environment(c, v, warn_risky=False))
    tracing = logs.check_tracing(c, merged["tracing_enabled"])

    reason = iam.check_wildcard_reason(c, merged.get("allow_wildcard_resources_reason"))
    statements = merged.get("policy_statements")
    plain_statements = iam.check_statements(c, "policy_statements", statements, reason)
    own_chars = iam.component_policy_chars(
        tracing, values["dead_letter_target_arn"], values["on_failure_destination_arn"]
    )
    inline_chars = own_chars
    if plain_statements is not None:
        inline_chars = iam.check_statement_size(c, "policy_statements", plain_statements, own_chars)

    log_group_name = merged.get("log_group_name")
    if log_group_name is None and function_name is not None:
        log_group_name = pulumi.Output.concat("/aws/lambda/", function_name)

    archive, code = None, merged.get("code")
    if options is not None:
        archive = code_rules.build(
            c, merged["code_path"], options, merged["handler"], merged["runtime"]
        )
        code = pulumi.FileArchive(str(archive.path))

    return FunctionPlan(
        name=name,
        code=code,
        archive=archive,
        packaging=options,
        timeout_seconds=timeout,
        account_concurrency=account,
        environment=env,
        function_name=function_name,
        role_name=role_name,
        role_path=merged.get("role_path"),
        policy_statements=statements,
        allow_wildcard_resources_reason=reason,
        log_group_name=log_group_name,
        tracing_enabled=tracing,
        component_policy_chars=own_chars,
        inline_policy_chars=inline_chars,
        **values,
    )
