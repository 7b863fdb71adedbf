"""The contract between the items API function and the infrastructure that deploys it.

This module is the single source of truth that the Pulumi stacks import: the handler path, the
HTTP API route keys, the environment variables the function reads and the request limits.
It must stay standard-library only and free of side effects, so that importing it from a stack
costs nothing and never pulls in the function's runtime dependencies.
"""

# The Lambda handler, relative to the root of the function's zip.
HANDLER = "items_api.handler.lambda_handler"

# HTTP API (payload format 2.0) route keys, as API Gateway spells them.
ROUTE_HEALTH = "GET /health"
ROUTE_LIST_ITEMS = "GET /items"
ROUTE_GET_ITEM = "GET /items/{id}"
ROUTE_PUT_ITEM = "PUT /items/{id}"
ROUTE_DELETE_ITEM = "DELETE /items/{id}"

ROUTES: tuple[str, ...] = (
    ROUTE_HEALTH,
    ROUTE_LIST_ITEMS,
    ROUTE_GET_ITEM,
    ROUTE_PUT_ITEM,
    ROUTE_DELETE_ITEM,
)

# Routes that need no authorizer. Every other route is expected to sit behind one.
PUBLIC_ROUTES: tuple[str, ...] = (ROUTE_HEALTH,)

# Environment variables the function reads.
ENV_BUCKET = "ITEMS_BUCKET"
"""Name of the S3 bucket that holds the items."""
ENV_PREFIX = "ITEMS_PREFIX"
"""Key prefix of the items inside the bucket, used as is: keys are "<prefix><id>.json".
End it with "/" (e.g. "items/") to give the items a folder of their own."""
ENV_ENVIRONMENT = "APP_ENVIRONMENT"
"""Deployment environment name (dev, staging, prod), reported by GET /health."""
ENV_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME"
"""Powertools service name: the "service" key of every log line and the metrics dimension."""
ENV_METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE"
"""CloudWatch namespace of the function's EMF metrics."""
ENV_LOG_LEVEL = "POWERTOOLS_LOG_LEVEL"
"""Optional log level (DEBUG, INFO, WARNING, ERROR, CRITICAL). Default: INFO.
Derive it from the one stack setting with ``log_levels`` (never pass Lambda's WARN or FATAL)."""
ENV_CURSOR_SECRET_ARN = "CURSOR_KEY_SECRET_ARN"
"""ARN of the Secrets Manager secret whose SecretString (at least 32 characters) is the HMAC
key that signs list cursors."""
ENV_CURSOR_KEY_MAX_AGE = "CURSOR_KEY_MAX_AGE_SECONDS"
"""Optional: seconds the cursor key is cached after a read from Secrets Manager. Default: 300."""

REQUIRED_ENV: tuple[str, ...] = (
    ENV_BUCKET,
    ENV_PREFIX,
    ENV_ENVIRONMENT,
    ENV_SERVICE_NAME,
    ENV_METRICS_NAMESPACE,
    ENV_CURSOR_SECRET_ARN,
)
OPTIONAL_ENV: tuple[str, ...] = (ENV_LOG_LEVEL, ENV_CURSOR_KEY_MAX_AGE)

# Log levels. Lambda's application_log_level and Powertools' POWERTOOLS_LOG_LEVEL use two
# vocabularies; a stack keeps ONE setting and derives both with ``log_levels``.
LAMBDA_LOG_LEVELS: tuple[str, ...] = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")
POWERTOOLS_LOG_LEVELS: tuple[str, ...] = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
POWERTOOLS_LOG_LEVEL_FOR_LAMBDA: dict[str, str] = {
    "TRACE": "DEBUG",  # Python logging has no TRACE; DEBUG is its most verbose level
    "DEBUG": "DEBUG",
    "INFO": "INFO",
    "WARN": "WARNING",
    "ERROR": "ERROR",
    "FATAL": "CRITICAL",
}
LAMBDA_LOG_LEVEL_FOR_POWERTOOLS: dict[str, str] = {
    "DEBUG": "DEBUG",
    "INFO": "INFO",
    "WARNING": "WARN",
    "ERROR": "ERROR",
    "CRITICAL": "FATAL",
}


def log_levels(setting: str) -> tuple[str, str]:
    """``(application_log_level, POWERTOOLS_LOG_LEVEL)`` for one log level setting.

    ``setting`` may use either vocabulary, in any case: "warn" and "WARNING" both give
    ``("WARN", "WARNING")``. Raise ``ValueError`` naming the allowed values otherwise.
    """
    level = setting.strip().upper()
    if level in POWERTOOLS_LOG_LEVEL_FOR_LAMBDA:
        return level, POWERTOOLS_LOG_LEVEL_FOR_LAMBDA[level]
    if level in LAMBDA_LOG_LEVEL_FOR_POWERTOOLS:
        return LAMBDA_LOG_LEVEL_FOR_POWERTOOLS[level], level
    allowed = sorted({*LAMBDA_LOG_LEVELS, *POWERTOOLS_LOG_LEVELS})
    raise ValueError(f"log level {setting!r} is not one of {', '.join(allowed)}")


# What each variable may hold (read by the function's config check, items_core.envcheck; the
# stacks can check their values against the same specs before deploying).
ENVIRONMENT: dict[str, dict[str, object]] = {
    ENV_BUCKET: {
        "required": True,
        "pattern": r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
        "examples": ("items-prod-data-4f1c2a7",),
    },
    ENV_PREFIX: {
        "required": True,
        "pattern": r"[A-Za-z0-9!_.*'()/-]{1,256}",
        "examples": ("items/", "tenant-a/items/"),
    },
    ENV_ENVIRONMENT: {
        "required": True,
        "pattern": r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}",
        "examples": ("dev", "staging", "prod"),
    },
    ENV_SERVICE_NAME: {
        "required": True,
        "pattern": r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}",
        "examples": ("items-api",),
    },
    ENV_METRICS_NAMESPACE: {
        "required": True,
        "pattern": r"(?!AWS/)[A-Za-z0-9 ._/#:-]{1,255}",
        "examples": ("Nova/Items",),
    },
    ENV_CURSOR_SECRET_ARN: {
        "required": True,
        "pattern": (
            r"arn:aws(-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:[0-9]{12}"
            r":secret:[A-Za-z0-9/_+=.@-]{1,512}"
        ),
        "examples": ("arn:aws:secretsmanager:eu-west-1:123456789012:secret:items-cursor-AbCdEf",),
    },
    ENV_LOG_LEVEL: {"required": False, "choices": POWERTOOLS_LOG_LEVELS, "default": "INFO"},
    ENV_CURSOR_KEY_MAX_AGE: {"required": False, "minimum": 1, "maximum": 3600, "default": "300"},
}

# The resources the function needs, with the actions its role must hold on each.
# Secrets Manager: the cursor key's secret (and, when the secret uses a customer-managed KMS key,
# kms:Decrypt on that key through Secrets Manager).
SECRETS_ACTIONS: tuple[str, ...] = ("secretsmanager:GetSecretValue",)
CURSOR_KEY_MIN_LENGTH = 32
"""Shortest accepted cursor key (characters of the secret's SecretString)."""

# Objects live at "<prefix><id><OBJECT_SUFFIX>".
OBJECT_SUFFIX = ".json"

# S3 actions the function's role needs: object actions on "<bucket ARN>/<prefix>*" and
# s3:ListBucket on the bucket ARN (ListBucket also makes a missing key a 404 instead of a 403).
S3_OBJECT_ACTIONS: tuple[str, ...] = ("s3:GetObject", "s3:PutObject", "s3:DeleteObject")
S3_BUCKET_ACTIONS: tuple[str, ...] = ("s3:ListBucket",)
RESOURCES: dict[str, dict[str, object]] = {
    "items_bucket": {
        "actions": (*S3_OBJECT_ACTIONS, *S3_BUCKET_ACTIONS),
        "scope": "objects under ITEMS_PREFIX (s3:ListBucket: the bucket itself)",
    },
    "cursor_secret": {
        "actions": SECRETS_ACTIONS,
        "scope": "the secret CURSOR_KEY_SECRET_ARN names",
    },
}

# Request limits. Lambda's synchronous payload limit is 6 MB; documents are kept far below it.
MAX_BODY_BYTES = 256 * 1024
ID_MAX_LENGTH = 128
ID_PATTERN = r"^[A-Za-z0-9_-]{1,128}$"
MAX_JSON_DEPTH = 32
LIST_LIMIT_DEFAULT = 50
LIST_LIMIT_MAX = 100

# EMF metrics (unit Count, dimension "service" = POWERTOOLS_SERVICE_NAME), one per operation,
# plus one for requests that ended in a 500.
METRIC_ITEMS_LISTED = "ItemsListed"
METRIC_ITEM_READ = "ItemRead"
METRIC_ITEM_STORED = "ItemStored"
METRIC_ITEM_DELETED = "ItemDeleted"
METRIC_UNHANDLED_ERRORS = "UnhandledErrors"
METRICS: tuple[str, ...] = (
    METRIC_ITEMS_LISTED,
    METRIC_ITEM_READ,
    METRIC_ITEM_STORED,
    METRIC_ITEM_DELETED,
    METRIC_UNHANDLED_ERRORS,
)
