"""Pure checks of ``Function`` input against the AWS Lambda and IAM rules (security-rules B.2/B.3).

Every check runs before anything is registered. Values that are still ``Output``s are skipped
here (the component checks the cheap ones inside ``apply``). Each failure is a ``ValueError``
naming the component, the argument, the value, the rule and the fix.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import pulumi

from . import runtimes
from ._policies import (
    DEAD_LETTER_ACTIONS,
    DESTINATION_ACTIONS,
    INLINE_POLICY_LIMIT,
    arn_service,
    dead_letter_policy,
    destination_policy,
    log_policy,
    policy_chars,
    statements_policy,
    xray_policy,
)
from .packaging import MAX_UNZIPPED_BYTES, MAX_ZIPPED_BYTES, BuiltArchive

PACKAGE = "nova-compute"

ARG_KEYS: tuple[str, ...] = (
    "code_path",
    "code",
    "handler",
    "runtime",
    "architecture",
    "memory_mb",
    "timeout_seconds",
    "ephemeral_storage_mb",
    "environment",
    "environment_kms_key_arn",
    "reserved_concurrency",
    "layers",
    "description",
    "tags",
    "function_name",
    "role_name",
    "role_path",
    "permissions_boundary_arn",
    "log_group_name",
    "log_retention_days",
    "log_group_kms_key_arn",
    "log_group_class",
    "application_log_level",
    "system_log_level",
    "tracing_enabled",
    "policy_statements",
    "allow_wildcard_resources_reason",
    "dead_letter_target_arn",
    "on_failure_destination_arn",
    "async_max_retry_attempts",
    "async_max_event_age_seconds",
    "exclude",
    "use_default_excludes",
    "requirements",
    "requirements_file",
    "cache_dir",
    "pip_extra_args",
    "find_links",
    "index_url",
    "no_index",
)
"""Every key of ``FunctionArgs`` (a test keeps the two in step)."""

DEFAULTS: dict[str, Any] = {
    "handler": "app.handler",
    "runtime": runtimes.DEFAULT_RUNTIME,
    "architecture": "arm64",
    "memory_mb": 256,
    "timeout_seconds": 30,
    "log_retention_days": 14,
    "application_log_level": "INFO",
    "system_log_level": "WARN",
    "tracing_enabled": True,
    "use_default_excludes": True,
    "no_index": False,
}
"""Values used when a key is absent (or ``None``)."""

ARCHITECTURES = ("arm64", "x86_64")
APPLICATION_LOG_LEVELS = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")
SYSTEM_LOG_LEVELS = ("DEBUG", "INFO", "WARN")
LOG_RETENTION_DAYS = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
    2922, 3288, 3653,
)  # fmt: skip
LOG_GROUP_CLASSES = ("STANDARD", "INFREQUENT_ACCESS")
RESERVED_ENV_KEYS = frozenset(
    {
        "_HANDLER",
        "_X_AMZN_TRACE_ID",
        "AWS_DEFAULT_REGION",
        "AWS_REGION",
        "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API",
        "LAMBDA_TASK_ROOT",
        "LAMBDA_RUNTIME_DIR",
    }
)
"""Keys Lambda refuses to let a function set (configuration-envvars-runtime)."""
ENV_MAX_BYTES = 4096
MEMORY_RANGE = (128, 10_240)
MEMORY_NEW_ACCOUNT_CAP = 3008
TIMEOUT_RANGE = (1, 900)
EPHEMERAL_RANGE = (512, 10_240)
RETRY_RANGE = (0, 2)
EVENT_AGE_RANGE = (60, 21_600)
MAX_LAYERS = 5
MAX_TAGS = 50

_FUNCTION_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ROLE_NAME = re.compile(r"[\w+=,.@-]{1,64}", re.ASCII)
_POLICY_NAME = re.compile(r"[\w+=,.@-]{1,128}", re.ASCII)
_ROLE_PATH = re.compile(r"/|/[\x21-\x7e]{1,510}/")
_LOG_GROUP_NAME = re.compile(r"[.\-_/#A-Za-z0-9]{1,512}")
_ENV_KEY = re.compile(r"[a-zA-Z][a-zA-Z0-9_]+")
_ACCESS_KEY = re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")
_SECRET_NAME = re.compile(r"SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|API_KEY", re.IGNORECASE)
_PY_HANDLER = re.compile(r"[A-Za-z_]\w*(?:[./][A-Za-z_]\w*)*\.[A-Za-z_]\w*", re.ASCII)
_PARTITION = r"arn:aws(?:-[a-z]+)*"
_REGION = r"[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d"
_LAYER_ARN = re.compile(rf"{_PARTITION}:lambda:{_REGION}:\d{{12}}:layer:[a-zA-Z0-9_-]+:\d+")
_BOUNDARY_ARN = re.compile(rf"{_PARTITION}:iam::(?:\d{{12}}|aws):policy/[\w+=,.@/-]+", re.ASCII)
_KMS_KEY_ARN = re.compile(rf"{_PARTITION}:kms:{_REGION}:\d{{12}}:key/[A-Za-z0-9-]+")
_KMS_KEY_OR_ALIAS_ARN = re.compile(
    rf"{_PARTITION}:kms:{_REGION}:\d{{12}}:(?:key/[A-Za-z0-9-]+|alias/[A-Za-z0-9/_-]+)"
)
_QUEUE_OR_TOPIC_ARN = re.compile(
    rf"{_PARTITION}:(?:sqs|sns):{_REGION}:\d{{12}}:[A-Za-z0-9_.-]{{1,256}}"
)
_FUNCTION_ARN = re.compile(
    rf"{_PARTITION}:lambda:{_REGION}:\d{{12}}:function:[A-Za-z0-9_-]{{1,64}}(?::[A-Za-z0-9$_-]+)?"
)
_EVENT_BUS_ARN = re.compile(rf"{_PARTITION}:events:{_REGION}:\d{{12}}:event-bus/[A-Za-z0-9/._-]+")
_BUCKET_ARN = re.compile(rf"{_PARTITION}:s3:::[a-z0-9][a-z0-9.-]{{1,61}}[a-z0-9]")
_ACTION = re.compile(r"[a-z0-9-]+:[A-Za-z0-9*?]+")
_SID = re.compile(r"[A-Za-z0-9]*")
_SERVICE_PRINCIPAL = re.compile(r"[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?")
_ACCOUNT_ID = re.compile(r"\d{12}")
_IAM_PRINCIPAL_ARN = re.compile(rf"{_PARTITION}:iam::\d{{12}}:(?:root|role/.+|user/.+)")
_STATEMENT_KEYS = ("Sid", "Effect", "Action", "Resource", "Condition")

# Logical-name budget of auto-named children: Pulumi appends "-" and 7 hex characters.
_AUTONAME_SUFFIX = 8
_FUNCTION_CHILD = "-function"
_ROLE_CHILD = "-role"
_LONGEST_POLICY_CHILD = "-policy-" + "k" * 40  # add_policy_statements keys are <= 40
_PLACEHOLDER_ARN_CHARS = 120


def known(value: Any) -> bool:
    """``True`` for plain values; ``False`` for ``Output``s and other awaitables."""
    return not isinstance(value, pulumi.Output) and not inspect.isawaitable(value)


def deep_known(value: Any) -> bool:
    """``True`` when ``value`` holds no ``Output`` at any depth of lists and dicts."""
    if not known(value):
        return False
    if isinstance(value, Mapping):
        return all(deep_known(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(deep_known(v) for v in value)
    return True


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:150] + "...(truncated)"


def mask(value: str) -> str:
    """Hide all but the first four and last two characters of a secret-looking value."""
    return value[:4] + "*" * max(len(value) - 6, 0) + value[-2:] if len(value) > 6 else "***"


class Check:
    """Raises and warns in the package's message format for one component instance."""

    def __init__(self, component: str, name: str) -> None:
        self.component = component
        self.name = name

    def prefix(self) -> str:
        return f"{PACKAGE} {self.component} '{self.name}'"

    def fail(
        self, arg: str, value: Any, rule: str, fix: str, *, shown: str | None = None
    ) -> NoReturn:
        raise ValueError(
            f"{self.prefix()}: argument '{arg}' is {shown or _show(value)}: {rule}. Fix: {fix}"
        )

    def warn(self, arg: str, value: Any, message: str) -> None:
        pulumi.log.warn(f"{self.prefix()}: argument '{arg}' is {_show(value)}: {message}")


# -- small typed checks -----------------------------------------------------------------------
def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_int_range(check: Check, arg: str, value: Any, low: int, high: int, rule: str) -> None:
    if value is None or not known(value):
        return
    if not _is_int(value):
        check.fail(arg, value, "must be a whole number", f"pass an int between {low} and {high}")
    if not low <= value <= high:
        check.fail(
            arg,
            value,
            f"must be between {low} and {high} ({rule})",
            f"use a value in {low}..{high}",
        )


def check_str(check: Check, arg: str, value: Any, *, allow_empty: bool = False) -> bool:
    """``True`` when ``value`` is a plain string to check further; fails on other plain types.

    ``None`` (absent) and ``Output`` values give ``False``: nothing to check now."""
    if value is None or not known(value):
        return False
    if not isinstance(value, str):
        check.fail(arg, value, "must be a string", "pass a str")
    if not allow_empty and not value.strip():
        check.fail(arg, value, "must not be empty", "pass a non-empty value or leave the key out")
    return True


def check_plain_bool(check: Check, arg: str, value: Any) -> None:
    if not isinstance(value, bool):
        check.fail(
            arg,
            value,
            "must be a plain True or False (it decides which resources exist)",
            "pass a bool known when the program runs, not an Output",
        )


def check_str_list(check: Check, arg: str, value: Any, *, plain: bool = False) -> list[Any] | None:
    if value is None:
        return None
    if not known(value):
        if plain:
            check.fail(
                arg, value, "must be known when the program runs", "pass a plain list of strings"
            )
        return None
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        check.fail(arg, value, "must be a list of strings", f"pass a list, e.g. [{_show(value)}]")
    for item in value:
        if plain and not known(item):
            check.fail(arg, item, "must be known when the program runs", "pass plain strings")
        if known(item) and (not isinstance(item, str) or not item.strip()):
            check.fail(
                arg, item, "every entry must be a non-empty string", "remove or fix the entry"
            )
    return list(value)


def check_enum(check: Check, arg: str, value: Any, allowed: Sequence[Any], rule: str) -> None:
    if known(value) and value not in allowed:
        check.fail(
            arg,
            value,
            f"must be one of {', '.join(str(a) for a in allowed)} ({rule})",
            f"use one of {', '.join(repr(a) for a in allowed)}",
        )


def check_pattern(
    check: Check, arg: str, value: Any, pattern: re.Pattern[str], rule: str, fix: str
) -> None:
    if check_str(check, arg, value) and not pattern.fullmatch(value):
        check.fail(arg, value, rule, fix)


# -- names ------------------------------------------------------------------------------------
def check_names(check: Check, name: str, args: Mapping[str, Any]) -> None:
    """The component name feeds the auto-names of its children; explicit names must be valid."""
    if (
        not isinstance(name, str)
        or not _POLICY_NAME.fullmatch(name)
        or (len(name) + len(_LONGEST_POLICY_CHILD) + _AUTONAME_SUFFIX > 128)
    ):
        check.fail(
            "name",
            name,
            "the component name is the base of its children's names and IAM policy names "
            "allow only letters, digits and +=,.@_- (at most 128 characters with suffixes)",
            "use a short name of letters, digits and hyphens, e.g. 'orders-api'",
        )
    if args.get("function_name") is None:
        limit = 64 - len(_FUNCTION_CHILD) - _AUTONAME_SUFFIX
        if not _FUNCTION_NAME.fullmatch(name) or len(name) > limit:
            check.fail(
                "name",
                name,
                f"without 'function_name' the Lambda name is '<name>{_FUNCTION_CHILD}-<7 hex>', "
                f"which must be at most 64 letters, digits, '-' or '_' (so the name at most "
                f"{limit} of them)",
                "shorten the component name or set 'function_name' explicitly",
            )
    if args.get("role_name") is None:
        limit = 64 - len(_ROLE_CHILD) - _AUTONAME_SUFFIX
        if not _ROLE_NAME.fullmatch(name) or len(name) > limit:
            check.fail(
                "name",
                name,
                f"without 'role_name' the role name is '<name>{_ROLE_CHILD}-<7 hex>', which IAM "
                f"limits to 64 characters (so the name at most {limit})",
                "shorten the component name or set 'role_name' explicitly",
            )
    check_pattern(
        check,
        "function_name",
        args.get("function_name"),
        _FUNCTION_NAME,
        "Lambda function names are 1-64 letters, digits, '-' or '_' (CreateFunction)",
        "use e.g. 'orders-api'",
    )
    check_pattern(
        check,
        "role_name",
        args.get("role_name"),
        _ROLE_NAME,
        "IAM role names are 1-64 characters of letters, digits and +=,.@_- (CreateRole)",
        "use e.g. 'orders-api-role'",
    )
    check_pattern(
        check,
        "role_path",
        args.get("role_path"),
        _ROLE_PATH,
        "an IAM path is '/' or starts and ends with '/', 1-512 printable ASCII characters",
        "use e.g. '/service-roles/'",
    )
    check_pattern(
        check,
        "log_group_name",
        args.get("log_group_name"),
        _LOG_GROUP_NAME,
        "log group names are 1-512 characters of letters, digits and . - _ / # (CreateLogGroup)",
        "use e.g. '/aws/lambda/orders-api'",
    )


# -- runtime and handler ----------------------------------------------------------------------
def check_runtime(check: Check, runtime: Any) -> None:
    if not check_str(check, "runtime", runtime):
        return
    status = runtimes.check_runtime(runtime)
    if status.level == "error":
        check.fail(
            "runtime",
            runtime,
            status.message,
            f"set 'runtime' to a supported runtime, e.g. '{runtimes.DEFAULT_RUNTIME}'",
        )
    if status.level == "warning":
        check.warn("runtime", runtime, status.message)


def _is_python(runtime: Any) -> bool:
    return isinstance(runtime, str) and runtime.startswith("python")


def check_handler(check: Check, handler: Any, runtime: Any) -> None:
    if not check_str(check, "handler", handler):
        return
    if len(handler) > 128 or re.search(r"\s", handler):
        check.fail(
            "handler",
            handler,
            "a handler is at most 128 characters with no whitespace (CreateFunction)",
            "use '<module>.<function>', e.g. 'app.handler'",
        )
    if _is_python(runtime) and not _PY_HANDLER.fullmatch(handler):
        check.fail(
            "handler",
            handler,
            "a Python handler is '<module>.<function>' where the module may be nested as "
            "'pkg/mod' or 'pkg.mod'",
            "use e.g. 'app.handler' or 'orders.api.handler'",
        )


def check_handler_module(
    check: Check, handler: Any, runtime: Any, files: Sequence[str], code_root: Path | None
) -> None:
    """The handler's module must be in the zip, else every invocation fails with
    ``Runtime.ImportModuleError``."""
    if not (isinstance(handler, str) and _is_python(runtime)):
        return
    module, function = handler.rsplit(".", 1)
    base = module.replace(".", "/")
    candidates = (f"{base}.py", f"{base}/__init__.py")
    found = next((c for c in candidates if c in files), None)
    if found is None:
        top = sorted({f for f in files if f.endswith(".py") and "/" not in f})[:8]
        check.fail(
            "handler",
            handler,
            f"module '{module}' is not in the code archive (looked for {' or '.join(candidates)}); "
            "Lambda would fail every invocation with Runtime.ImportModuleError",
            f"point 'handler' at a module in the code folder (top-level modules: "
            f"{', '.join(top) or 'none'}) or fix 'code_path'",
        )
    if code_root is not None and (code_root / found).is_file():
        try:
            tree = ast.parse((code_root / found).read_text("utf-8"))
        except (SyntaxError, UnicodeDecodeError) as exc:
            check.fail(
                "handler",
                handler,
                f"module file {found} does not parse as Python ({exc})",
                "fix the syntax error before deploying",
            )
        if function not in _top_level_names(tree):
            check.warn(
                "handler",
                handler,
                f"{found} defines no top-level '{function}' (it may be created dynamically; "
                "otherwise every invocation fails)",
            )


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


# -- environment ------------------------------------------------------------------------------
def env_size(variables: Mapping[str, Any]) -> int:
    """Bytes Lambda counts against the 4 KB limit: the serialised JSON map."""
    return len(json.dumps(dict(variables), separators=(",", ":"), ensure_ascii=False).encode())


def check_env_size(check: Check, variables: Mapping[str, Any]) -> None:
    size = env_size(variables)
    if size > ENV_MAX_BYTES:
        check.fail(
            "environment",
            f"{len(variables)} variables",
            f"the variables serialise to {size} bytes of JSON; Lambda allows {ENV_MAX_BYTES} "
            "bytes for all of them together",
            "move large values to SSM Parameter Store, Secrets Manager or S3 and pass their names",
            shown=f"{len(variables)} variables",
        )


def check_environment(check: Check, env: Any, *, warn: bool = True) -> None:
    if not known(env) or env is None:
        return
    if not isinstance(env, Mapping):
        check.fail("environment", env, "must be a mapping of names to strings", "pass a dict")
    for key, value in env.items():
        if not isinstance(key, str) or not _ENV_KEY.fullmatch(key):
            check.fail(
                "environment",
                key,
                "environment variable names start with a letter and have at least 2 letters, "
                "digits or underscores ([a-zA-Z][a-zA-Z0-9_]+)",
                "rename the variable, e.g. 'TABLE_NAME'",
            )
        if key in RESERVED_ENV_KEYS:
            check.fail(
                "environment",
                key,
                "Lambda reserves this variable and refuses to let a function set it (reserved "
                f"keys: {', '.join(sorted(RESERVED_ENV_KEYS))})",
                "use another name; the runtime sets the reserved ones itself",
            )
        if warn and key == "TZ":
            check.warn(
                "environment",
                key,
                "TZ appears in Lambda's reserved list in current documentation; setting it may "
                "be refused",
            )
        if not known(value):
            continue
        if not isinstance(value, str):
            check.fail(
                f"environment.{key}",
                value,
                "Lambda environment values are strings",
                f"convert it, e.g. str({value!r}) or json.dumps(...)",
            )
        if _ACCESS_KEY.search(value):
            check.fail(
                f"environment.{key}",
                value,
                "the value contains an AWS access key id (AKIA/ASIA...); credentials must not "
                "live in environment variables (CKV_AWS_45) and the function has its role",
                "remove it: grant the execution role what it needs, or read secrets from Secrets "
                "Manager at run time",
                shown=repr(mask(value)),
            )
        if warn and _SECRET_NAME.search(key) and not value.startswith(("arn:", "/", "{{resolve:")):
            check.warn(
                f"environment.{key}",
                key,
                "the name suggests a secret; environment variables are visible to anyone who can "
                "read the function configuration. Store secrets in Secrets Manager or SSM "
                "Parameter Store and pass their name or ARN instead",
            )
    if all(known(v) for v in env.values()):
        check_env_size(check, env)


# -- policies ---------------------------------------------------------------------------------
def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def check_statements(
    check: Check, arg: str, statements: Any, wildcard_reason: str | None
) -> list[Any] | None:
    """Validate caller IAM statements; returns them (``None`` when absent or an Output)."""
    if statements is None or not known(statements):
        return None
    if isinstance(statements, Mapping) or not isinstance(statements, (list, tuple)):
        check.fail(
            arg, statements, "must be a list of IAM statements", "wrap the statement in a list"
        )
    for index, statement in enumerate(statements):
        check_statement(check, f"{arg}[{index}]", statement, wildcard_reason)
    return list(statements)


def check_statement(check: Check, arg: str, statement: Any, wildcard_reason: str | None) -> None:
    if not known(statement):
        return
    if not isinstance(statement, Mapping):
        check.fail(
            arg,
            statement,
            "an IAM statement is a dict with Effect, Action and Resource",
            "pass e.g. {'Action': ['s3:GetObject'], 'Resource': ['arn:aws:s3:::bucket/*']}",
        )
    for key in statement:
        if key in ("NotAction", "NotResource"):
            check.fail(
                arg,
                key,
                f"{key} grants everything except what it lists, which is the opposite of least "
                "privilege",
                "list the allowed actions and resources with Action and Resource",
            )
        if key in ("Principal", "NotPrincipal"):
            check.fail(
                arg,
                key,
                "statements attached to the execution role are identity policies and take no "
                "Principal",
                "remove Principal; use grant_invoke for who may call the function",
            )
        if key not in _STATEMENT_KEYS:
            check.fail(
                arg,
                key,
                f"unknown statement key (valid: {', '.join(_STATEMENT_KEYS)})",
                "use IAM JSON key names, e.g. 'Action' not 'actions'",
            )
    effect = statement.get("Effect", "Allow")
    check_enum(check, f"{arg}.Effect", effect, ("Allow", "Deny"), "IAM policy grammar")
    sid = statement.get("Sid")
    if sid is not None and check_str(check, f"{arg}.Sid", sid) and not _SID.fullmatch(sid):
        check.fail(f"{arg}.Sid", sid, "a Sid holds only letters and digits", "e.g. 'ReadOrders'")
    allow = effect == "Allow"
    for key in ("Action", "Resource"):
        if key not in statement or (known(statement[key]) and not _as_list(statement[key])):
            check.fail(
                arg,
                statement,
                f"every statement needs a non-empty {key}",
                f"add '{key}' with the exact {key.lower()}s the function needs",
            )
    actions = statement["Action"]
    if known(actions):
        for action in _as_list(actions):
            if not known(action):
                continue
            if not isinstance(action, str) or not (action == "*" or _ACTION.fullmatch(action)):
                check.fail(
                    f"{arg}.Action",
                    action,
                    "an action is '<service>:<Action>', e.g. 's3:GetObject'",
                    "fix the action name",
                )
            if allow and (action == "*" or action.endswith(":*")):
                check.fail(
                    f"{arg}.Action",
                    action,
                    "wildcard actions ('*' or '<service>:*') grant far more than a function needs "
                    "(AwsSolutions-IAM5, Security Hub IAM.1/IAM.21)",
                    "list the exact actions, e.g. ['dynamodb:GetItem', 'dynamodb:PutItem']",
                )
    resources = statement["Resource"]
    if known(resources):
        for resource in _as_list(resources):
            if not known(resource):
                continue
            if not isinstance(resource, str) or not resource:
                check.fail(
                    f"{arg}.Resource", resource, "a resource is an ARN string", "pass the ARN"
                )
            if allow and resource == "*" and not wildcard_reason:
                check.fail(
                    f"{arg}.Resource",
                    resource,
                    "Resource '*' applies the actions to every resource in the account "
                    "(AwsSolutions-IAM5)",
                    "scope the statement to ARNs, or, when the actions support no resource-level "
                    "permissions, set 'allow_wildcard_resources_reason' to say why",
                )
    condition = statement.get("Condition")
    if condition is not None and known(condition) and not isinstance(condition, Mapping):
        check.fail(
            f"{arg}.Condition", condition, "a Condition is a dict", "e.g. {'StringEquals': {...}}"
        )


def check_statement_size(check: Check, arg: str, statements: Sequence[Any], used: int) -> int:
    """Fail when the role's inline policies would pass IAM's 10,240-character quota."""
    if not deep_known(statements):
        return used
    total = used + policy_chars(statements_policy(statements))
    if total > INLINE_POLICY_LIMIT:
        check.fail(
            arg,
            f"{len(statements)} statements",
            f"the role's inline policies would hold about {total} characters; IAM allows "
            f"{INLINE_POLICY_LIMIT} for all inline policies of a role together",
            "merge statements (several actions or resources per statement), use fewer ARNs "
            "with prefixes, or attach a customer managed policy to 'role' yourself",
            shown=f"{len(statements)} statements",
        )
    return total


def component_policy_chars(args: Mapping[str, Any]) -> int:
    """Characters of the role policies the component writes itself (ARNs estimated)."""
    placeholder = "x" * _PLACEHOLDER_ARN_CHARS
    total = policy_chars(log_policy(placeholder))
    if args.get("tracing_enabled", True):
        total += policy_chars(xray_policy())
    dlq = args.get("dead_letter_target_arn")
    if dlq is not None:
        total += policy_chars(
            dead_letter_policy(dlq if known(dlq) else f"arn:aws:sqs:{placeholder}")
        )
    destination = args.get("on_failure_destination_arn")
    if destination is not None:
        sample = destination if known(destination) else f"arn:aws:s3:::{placeholder}"
        total += policy_chars(destination_policy(sample))
    return total


# -- async invocation -------------------------------------------------------------------------
def check_async(check: Check, args: Mapping[str, Any]) -> None:
    dlq = args.get("dead_letter_target_arn")
    if check_str(check, "dead_letter_target_arn", dlq):
        if not _QUEUE_OR_TOPIC_ARN.fullmatch(dlq) or arn_service(dlq) not in DEAD_LETTER_ACTIONS:
            check.fail(
                "dead_letter_target_arn",
                dlq,
                "a dead-letter target is an SQS queue or SNS topic ARN",
                "pass e.g. 'arn:aws:sqs:us-east-1:123456789012:orders-dlq'",
            )
        if dlq.endswith(".fifo"):
            check.fail(
                "dead_letter_target_arn",
                dlq,
                "Lambda delivers dead letters only to standard (non-FIFO) queues and topics",
                "use a standard queue or topic",
            )
    destination = args.get("on_failure_destination_arn")
    if check_str(check, "on_failure_destination_arn", destination):
        valid = (
            _QUEUE_OR_TOPIC_ARN.fullmatch(destination)
            or _FUNCTION_ARN.fullmatch(destination)
            or _EVENT_BUS_ARN.fullmatch(destination)
            or _BUCKET_ARN.fullmatch(destination)
        )
        if not valid or arn_service(destination) not in DESTINATION_ACTIONS:
            check.fail(
                "on_failure_destination_arn",
                destination,
                "an on-failure destination is an SQS queue, SNS topic, Lambda function, "
                "EventBridge event bus or S3 bucket ARN",
                "pass e.g. 'arn:aws:sqs:us-east-1:123456789012:orders-failures'",
            )
        if destination.endswith(".fifo"):
            check.fail(
                "on_failure_destination_arn",
                destination,
                "Lambda sends invocation records only to standard (non-FIFO) queues and topics",
                "use a standard queue or topic",
            )
    check_int_range(
        check,
        "async_max_retry_attempts",
        args.get("async_max_retry_attempts"),
        *RETRY_RANGE,
        "PutFunctionEventInvokeConfig MaximumRetryAttempts",
    )
    check_int_range(
        check,
        "async_max_event_age_seconds",
        args.get("async_max_event_age_seconds"),
        *EVENT_AGE_RANGE,
        "PutFunctionEventInvokeConfig MaximumEventAgeInSeconds",
    )


# -- code and packaging -----------------------------------------------------------------------
def check_code(check: Check, args: Mapping[str, Any]) -> None:
    code, code_path = args.get("code"), args.get("code_path")
    packaging_keys = [
        k
        for k in (
            "requirements",
            "requirements_file",
            "exclude",
            "pip_extra_args",
            "find_links",
            "index_url",
        )
        if args.get(k) is not None
    ]
    if code is None and code_path is None:
        check.fail(
            "code_path",
            None,
            "a function needs code: 'code_path' (a folder nova-compute zips) or 'code' (a "
            "prebuilt pulumi.Archive)",
            "set 'code_path' to the folder that holds the handler module",
        )
    if code is not None and code_path is not None:
        check.fail(
            "code",
            code,
            "'code' and 'code_path' are alternatives",
            "pass either a folder in 'code_path' or a prebuilt archive in 'code'",
        )
    if code is not None:
        if known(code) and not isinstance(code, pulumi.Archive):
            check.fail(
                "code",
                code,
                "must be a pulumi.Archive",
                "wrap it, e.g. pulumi.FileArchive('dist/fn.zip')",
            )
        if packaging_keys:
            check.fail(
                packaging_keys[0],
                args[packaging_keys[0]],
                "packaging options apply only to 'code_path'; a prebuilt 'code' archive is "
                "used as is",
                f"drop '{packaging_keys[0]}' or build from a folder with 'code_path'",
            )
        return
    if not known(code_path) or not isinstance(code_path, str) or not code_path.strip():
        check.fail(
            "code_path",
            code_path,
            "must be a plain folder path (the zip is built while the program runs)",
            "pass a str path",
        )
    check_str_list(check, "exclude", args.get("exclude"), plain=True)
    check_plain_bool(check, "use_default_excludes", args.get("use_default_excludes", True))
    if args.get("cache_dir") is not None and not isinstance(args["cache_dir"], str):
        check.fail("cache_dir", args["cache_dir"], "must be a plain folder path", "pass a str")
    requirements, requirements_file = args.get("requirements"), args.get("requirements_file")
    if requirements is not None and requirements_file is not None:
        check.fail(
            "requirements",
            requirements,
            "'requirements' and 'requirements_file' are alternatives",
            "pass one of them",
        )
    if requirements is not None:
        check_str_list(check, "requirements", requirements, plain=True)
        for line in requirements:
            if line.strip().startswith("-") or "\n" in line:
                check.fail(
                    "requirements",
                    line,
                    "each entry is one requirement specifier (pip options go elsewhere)",
                    "put index options in 'index_url'/'find_links'/'pip_extra_args'",
                )
    if requirements_file is not None and not isinstance(requirements_file, str):
        check.fail(
            "requirements_file", requirements_file, "must be a plain file path", "pass a str"
        )
    check_str_list(check, "pip_extra_args", args.get("pip_extra_args"), plain=True)
    find_links = check_str_list(check, "find_links", args.get("find_links"), plain=True)
    index_url = args.get("index_url")
    if index_url is not None and (
        not isinstance(index_url, str)
        or not index_url.startswith(("https://", "http://", "file://"))
    ):
        check.fail(
            "index_url",
            index_url,
            "must be a plain http(s):// or file:// URL",
            "e.g. 'https://pypi.org/simple'",
        )
    no_index = args.get("no_index", False)
    check_plain_bool(check, "no_index", no_index)
    if no_index and not find_links:
        check.fail(
            "no_index",
            no_index,
            "with no index pip has nowhere to find wheels",
            "add 'find_links' with a folder of wheels, or drop 'no_index'",
        )
    wants_deps = requirements is not None or requirements_file is not None
    if not wants_deps:
        return
    runtime, architecture = args.get("runtime"), args.get("architecture")
    for key, value in (("runtime", runtime), ("architecture", architecture)):
        if not known(value):
            check.fail(
                key,
                value,
                "must be known when the program runs, because dependencies are installed for it",
                f"pass a plain str for '{key}'",
            )
    if not _is_python(runtime):
        check.fail(
            "requirements" if requirements is not None else "requirements_file",
            requirements if requirements is not None else requirements_file,
            f"Python dependencies can be installed only for python runtimes, not {runtime!r}",
            "use a python3.x runtime, or package the code yourself and pass 'code'",
        )


def check_archive_size(check: Check, arg: str, built: BuiltArchive) -> None:
    mib = 1024 * 1024
    if built.size > MAX_ZIPPED_BYTES:
        check.fail(
            arg,
            str(built.path),
            f"the zip is {built.size / mib:.1f} MiB; Lambda accepts at most "
            f"{MAX_ZIPPED_BYTES // mib} MiB uploaded directly",
            "move large dependencies into a Lambda layer, exclude what the function does not "
            "need ('exclude'), or upload the zip to S3 and deploy it from there",
        )
    if built.unzipped_size > MAX_UNZIPPED_BYTES:
        check.fail(
            arg,
            str(built.path),
            f"the code unzips to {built.unzipped_size / mib:.1f} MiB; Lambda allows "
            f"{MAX_UNZIPPED_BYTES // mib} MiB for the function and all its layers",
            "drop dependencies the runtime already has (boto3), exclude data files, or use a "
            "container image function",
        )


# -- everything else --------------------------------------------------------------------------
def check_tags(check: Check, tags: Any) -> None:
    if not known(tags) or tags is None:
        return
    if not isinstance(tags, Mapping):
        check.fail("tags", tags, "must be a mapping of tag keys to values", "pass a dict")
    if len(tags) > MAX_TAGS:
        check.fail(
            "tags",
            f"{len(tags)} tags",
            f"AWS allows at most {MAX_TAGS} tags per resource",
            "drop some tags",
        )
    for key, value in tags.items():
        if not isinstance(key, str) or not 1 <= len(key) <= 128 or key.lower().startswith("aws:"):
            check.fail(
                "tags",
                key,
                "tag keys are 1-128 characters and may not start with the reserved 'aws:' prefix",
                "rename the tag key",
            )
        if known(value) and (not isinstance(value, str) or len(value) > 256):
            check.fail(
                f"tags.{key}",
                value,
                "tag values are strings of at most 256 characters",
                "shorten it",
            )


def check_layers(check: Check, layers: Any) -> None:
    values = check_str_list(check, "layers", layers)
    if values is None:
        return
    if len(values) > MAX_LAYERS:
        check.fail(
            "layers", values, f"a function can use at most {MAX_LAYERS} layers", "merge layers"
        )
    for layer in values:
        if known(layer) and not _LAYER_ARN.fullmatch(layer):
            check.fail(
                "layers",
                layer,
                "a layer is a layer version ARN "
                "'arn:aws:lambda:<region>:<account>:layer:<name>:<version>'",
                "pass the versioned layer ARN",
            )
    plain = [layer for layer in values if known(layer)]
    if len(set(plain)) != len(plain):
        check.fail("layers", values, "a layer may be listed only once", "remove the duplicate")


def check_sizing(check: Check, merged: Mapping[str, Any]) -> None:
    check_int_range(
        check, "memory_mb", merged["memory_mb"], *MEMORY_RANGE, "Lambda MemorySize in MB"
    )
    memory = merged["memory_mb"]
    if known(memory) and memory > MEMORY_NEW_ACCOUNT_CAP:
        check.warn(
            "memory_mb",
            memory,
            f"new AWS accounts may be capped at {MEMORY_NEW_ACCOUNT_CAP} MB until a quota "
            "increase; the deployment fails there",
        )
    check_int_range(
        check,
        "timeout_seconds",
        merged["timeout_seconds"],
        *TIMEOUT_RANGE,
        "Lambda Timeout in seconds",
    )
    check_int_range(
        check,
        "ephemeral_storage_mb",
        merged.get("ephemeral_storage_mb"),
        *EPHEMERAL_RANGE,
        "Lambda EphemeralStorage in MB",
    )
    reserved = merged.get("reserved_concurrency")
    if known(reserved) and reserved is not None:
        if not _is_int(reserved) or reserved < 0:
            check.fail(
                "reserved_concurrency",
                reserved,
                "reserved concurrency is a whole number >= 0",
                "pass e.g. 5, or leave it out (never set by default: it can fail in new accounts)",
            )
        if reserved == 0:
            check.warn(
                "reserved_concurrency",
                reserved,
                "0 throttles every invocation: the function never runs",
            )


def check_configuration(check: Check, merged: Mapping[str, Any]) -> None:
    """Environment, its key, layers, description, tags and the permissions boundary."""
    check_environment(check, merged.get("environment"))
    if merged.get("environment_kms_key_arn") is not None:
        check_pattern(
            check,
            "environment_kms_key_arn",
            merged["environment_kms_key_arn"],
            _KMS_KEY_OR_ALIAS_ARN,
            "must be a KMS key or alias ARN",
            "pass e.g. 'arn:aws:kms:us-east-1:123456789012:key/<key-id>'",
        )
        if not merged.get("environment"):
            check.warn(
                "environment_kms_key_arn",
                merged["environment_kms_key_arn"],
                "a key without environment variables encrypts nothing (CKV_AWS_173 flags it)",
            )
    check_layers(check, merged.get("layers"))
    description = merged.get("description")
    if check_str(check, "description", description, allow_empty=True) and len(description) > 256:
        check.fail(
            "description",
            description,
            "Lambda descriptions are at most 256 characters",
            "shorten it",
        )
    check_tags(check, merged.get("tags"))
    check_pattern(
        check,
        "permissions_boundary_arn",
        merged.get("permissions_boundary_arn"),
        _BOUNDARY_ARN,
        "a permissions boundary is a managed policy ARN",
        "pass e.g. 'arn:aws:iam::123456789012:policy/boundary'",
    )


def check_logging(check: Check, merged: Mapping[str, Any]) -> None:
    """Log group, log levels and tracing."""
    check_enum(
        check,
        "log_retention_days",
        merged["log_retention_days"],
        LOG_RETENTION_DAYS,
        "CloudWatch Logs PutRetentionPolicy",
    )
    if merged.get("log_group_kms_key_arn") is not None:
        check_pattern(
            check,
            "log_group_kms_key_arn",
            merged["log_group_kms_key_arn"],
            _KMS_KEY_ARN,
            "CloudWatch Logs needs a KMS key ARN (not an alias or id) whose key policy allows "
            "logs.<region>.amazonaws.com",
            "pass e.g. 'arn:aws:kms:us-east-1:123456789012:key/<key-id>'",
        )
    log_class = merged.get("log_group_class")
    if log_class == "DELIVERY":
        check.fail(
            "log_group_class",
            log_class,
            "DELIVERY log groups only receive vended logs; Lambda cannot write function logs there",
            "use 'STANDARD' or 'INFREQUENT_ACCESS'",
        )
    if log_class is not None:
        check_enum(
            check, "log_group_class", log_class, LOG_GROUP_CLASSES, "log group class for Lambda"
        )
    check_enum(
        check,
        "application_log_level",
        merged["application_log_level"],
        APPLICATION_LOG_LEVELS,
        "Lambda LoggingConfig ApplicationLogLevel",
    )
    check_enum(
        check,
        "system_log_level",
        merged["system_log_level"],
        SYSTEM_LOG_LEVELS,
        "Lambda LoggingConfig SystemLogLevel",
    )
    check_plain_bool(check, "tracing_enabled", merged["tracing_enabled"])


def validate_function_args(name: str, args: Mapping[str, Any]) -> dict[str, Any]:
    """Check every plain value of ``args``; return them merged over :data:`DEFAULTS`."""
    check = Check("Function", name)
    if not isinstance(args, Mapping):
        check.fail("args", args, "must be a FunctionArgs mapping", "pass FunctionArgs(...)")
    unknown = sorted(set(args) - set(ARG_KEYS))
    if unknown:
        check.fail(
            unknown[0],
            args[unknown[0]],
            "unknown argument",
            f"use one of: {', '.join(ARG_KEYS)}",
        )
    merged = {**DEFAULTS, **{k: v for k, v in args.items() if v is not None}}
    check_names(check, name, merged)
    check_code(check, merged)
    check_runtime(check, merged["runtime"])
    check_handler(check, merged["handler"], merged["runtime"])
    check_enum(check, "architecture", merged["architecture"], ARCHITECTURES, "Lambda Architectures")
    check_sizing(check, merged)
    check_configuration(check, merged)
    check_logging(check, merged)
    check_async(check, merged)
    reason = merged.get("allow_wildcard_resources_reason")
    if reason is not None and (not isinstance(reason, str) or not reason.strip()):
        check.fail(
            "allow_wildcard_resources_reason",
            reason,
            "must be a plain, non-empty explanation",
            "say why the actions need Resource '*', e.g. 'ec2:DescribeInstances has no "
            "resource-level permissions'",
        )
    statements = check_statements(
        check, "policy_statements", merged.get("policy_statements"), reason
    )
    if statements is not None:
        check_statement_size(check, "policy_statements", statements, component_policy_chars(merged))
    return merged


def is_service_principal(principal: Any) -> bool:
    """``True`` for a plain AWS service principal such as ``apigateway.amazonaws.com``."""
    return isinstance(principal, str) and bool(_SERVICE_PRINCIPAL.fullmatch(principal))


def validate_grant(
    check: Check, name: Any, principal: Any, source_arn: Any, source_account: Any, taken: set[str]
) -> None:
    """Rules for ``Function.grant_invoke``: never public, always scoped by source ARN."""
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_.-]{1,100}", name):
        check.fail(
            "grant_invoke.name",
            name,
            "must be 1-100 letters, digits, '.', '_' or '-'",
            "e.g. 'api'",
        )
    if name in taken:
        check.fail(
            "grant_invoke.name",
            name,
            "this function already has a grant with that name",
            "use another name",
        )
    if check_str(check, "grant_invoke.principal", principal):
        if principal == "*":
            check.fail(
                "grant_invoke.principal",
                principal,
                "a function must never be public (Security Hub Lambda.1)",
                "grant a service principal such as 'apigateway.amazonaws.com' or an account",
            )
        if not (
            _SERVICE_PRINCIPAL.fullmatch(principal)
            or _ACCOUNT_ID.fullmatch(principal)
            or _IAM_PRINCIPAL_ARN.fullmatch(principal)
        ):
            check.fail(
                "grant_invoke.principal",
                principal,
                "a principal is a service ('<service>.amazonaws.com'), a 12-digit account id "
                "or an IAM role/user/root ARN",
                "e.g. 'apigateway.amazonaws.com'",
            )
    if source_arn is None:
        check.fail(
            "grant_invoke.source_arn",
            source_arn,
            "every invoke permission is scoped by the caller's ARN (Security Hub Lambda.1, "
            "CKV_AWS_364)",
            "pass the ARN of the API, rule, bucket or topic that invokes the function",
        )
    if check_str(check, "grant_invoke.source_arn", source_arn) and not source_arn.startswith(
        "arn:"
    ):
        check.fail(
            "grant_invoke.source_arn",
            source_arn,
            "must be an ARN",
            "e.g. the API's execution ARN + '/*/*'",
        )
    if (
        source_account is not None
        and check_str(check, "grant_invoke.source_account", source_account)
        and not _ACCOUNT_ID.fullmatch(source_account)
    ):
        check.fail(
            "grant_invoke.source_account",
            source_account,
            "must be a 12-digit account id",
            "e.g. '123456789012'",
        )


def validate_policy_key(check: Check, key: Any, taken: set[str]) -> None:
    if not isinstance(key, str) or not re.fullmatch(r"[A-Za-z0-9-]{1,40}", key):
        check.fail(
            "add_policy_statements.key",
            key,
            "must be 1-40 letters, digits or '-' (it names the role policy)",
            "e.g. 'orders-table'",
        )
    if key in taken:
        check.fail(
            "add_policy_statements.key",
            key,
            f"the key is already used on this role (taken: {', '.join(sorted(taken))})",
            "use another key",
        )
