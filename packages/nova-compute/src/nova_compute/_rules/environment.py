"""Environment variables: names, reserved keys, string values, no credentials, 4 KB in total."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from nova_core import Checker, at, is_plain
from nova_core.patterns import LazyPattern

from . import warn

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
SOURCE = "Lambda environment variables"
ENV_KEY = LazyPattern(r"[a-zA-Z][a-zA-Z0-9_]+")
ACCESS_KEY = LazyPattern(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")
SECRET_NAME = LazyPattern(r"SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|API_KEY", re.IGNORECASE)


def mask(value: str) -> str:
    """Hide all but the first four and last two characters of a secret-looking value."""
    return value[:4] + "*" * max(len(value) - 6, 0) + value[-2:] if len(value) > 6 else "***"


def env_size(variables: Mapping[str, Any]) -> int:
    """Bytes Lambda counts against the 4 KB limit: the serialised JSON map."""
    return len(json.dumps(dict(variables), separators=(",", ":"), ensure_ascii=False).encode())


def check_environment(checker: Checker, env: Any, *, warn_risky: bool = True) -> None:
    """Every plain name and value (values that are Outputs are checked once known)."""
    variables = checker.mapping("environment", env)
    if variables is None:
        return
    for key, value in variables.items():
        path = at("environment", key)
        checker.string(
            f"{path} (name)",
            key,
            pattern=ENV_KEY,
            rule="environment variable names start with a letter and have at least 2 letters, "
            "digits or underscores ([a-zA-Z][a-zA-Z0-9_]+)",
            fix="rename the variable, e.g. 'TABLE_NAME'",
            source=SOURCE,
        )
        if key in RESERVED_ENV_KEYS:
            checker.fail(
                f"{path} (name)",
                key,
                "Lambda reserves this variable and refuses to let a function set it",
                "use another name; the runtime sets the reserved ones itself",
                source=SOURCE,
            )
        if warn_risky and key == "TZ":
            warn(checker, path, key, "TZ appears in Lambda's reserved list in current "
                 "documentation; setting it may be refused")  # fmt: skip
        if not is_plain(value):
            continue
        if not isinstance(value, str):
            checker.fail(
                path,
                value,
                "Lambda environment values are strings",
                f"convert it, e.g. str({value!r}) or json.dumps(...)",
            )
        if ACCESS_KEY.search(value):
            checker.fail(
                path,
                value,
                "the value contains an AWS access key id (AKIA/ASIA...); credentials must not "
                "live in environment variables and the function has its role",
                "remove it: grant the execution role what it needs, or read secrets from Secrets "
                "Manager at run time",
                source="CKV_AWS_45",
                shown=repr(mask(value)),
            )
        if (
            warn_risky
            and SECRET_NAME.search(key)
            and not value.startswith(("arn:", "/", "{{resolve:"))
        ):
            warn(
                checker,
                path,
                key,
                "the name suggests a secret; environment variables are visible to anyone who can "
                "read the function configuration. Store secrets in Secrets Manager or SSM "
                "Parameter Store and pass their name or ARN instead",
            )
    if all(is_plain(v) for v in variables.values()):
        size = env_size(variables)
        if size > ENV_MAX_BYTES:
            checker.fail(
                "environment",
                variables,
                f"the variables serialise to {size} bytes of JSON; Lambda allows {ENV_MAX_BYTES} "
                "bytes for all of them together",
                "move large values to SSM Parameter Store, Secrets Manager or S3 and pass their "
                "names",
                source=SOURCE,
                shown=f"{len(variables)} variables",
            )


def check_environment_key(checker: Checker, key_arn: Any, env: Any) -> None:
    """A KMS key or alias ARN; a warning when there is nothing to encrypt."""
    parsed = checker.arn(
        "environment_kms_key_arn",
        key_arn,
        service="kms",
        resource_types=("key", "alias"),
        example="'arn:aws:kms:us-east-1:123456789012:key/<key-id>'",
    )
    if parsed is not None and not env:
        warn(
            checker,
            "environment_kms_key_arn",
            key_arn,
            "a key without environment variables encrypts nothing (CKV_AWS_173 flags it)",
        )
