"""The contract between the items API function and the infrastructure that deploys it.

This module is the single source of truth that the Pulumi stacks import: the handler path, the
HTTP API route keys, the environment variables the function reads and the request limits.
It must stay standard-library only and free of side effects, so that importing it from a stack
costs nothing and never pulls in the function's runtime dependencies. What the three functions
share (common variables, log levels, the table layout) comes from ``items_core``, which is
standard-library only too and ships in the function's zip; the stacks put it on ``sys.path``.
"""

from items_core import environment, layout, rules
from items_core.environment import *  # noqa: F403 - ENV_ENVIRONMENT, ENV_SERVICE_NAME, ...
from items_core.levels import *  # noqa: F403 - re-exports the log level tables and log_levels

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

# Environment variables the function reads: those every function reads (ENV_ENVIRONMENT, reported
# by GET /health, ENV_SERVICE_NAME, ENV_METRICS_NAMESPACE, ENV_LOG_LEVEL: items_core.environment),
# the items bucket's and its own.
ENV_BUCKET = environment.ENV_BUCKET
ENV_PREFIX = environment.ENV_PREFIX
ENV_TABLE = environment.ENV_TABLE
"""Name of the items table: a successful PUT writes the item's index record there (the record
the worker writes for an imported item), a DELETE deletes it (``items_core.table``)."""
ENV_CURSOR_SECRET_ARN = "CURSOR_KEY_SECRET_ARN"
"""ARN of the Secrets Manager secret whose SecretString (at least 32 characters) is the HMAC
key that signs list cursors."""
ENV_CURSOR_KEY_MAX_AGE = "CURSOR_KEY_MAX_AGE_SECONDS"
"""Optional: seconds the cursor key is cached after a read from Secrets Manager. Default: 300."""

# What each variable may hold (read by the function's config check, items_core.envcheck; the
# stacks can check their values against the same specs before deploying).
ENVIRONMENT: dict[str, dict[str, object]] = {
    **environment.items_bucket(),
    **environment.items_table(),
    **environment.runtime("items-api"),
    ENV_CURSOR_SECRET_ARN: {
        "required": True,
        "setting": "cursor_secret_arn",
        "pattern": (
            r"arn:aws(-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:[0-9]{12}"
            r":secret:[A-Za-z0-9/_+=.@-]{1,512}"
        ),
        "examples": ("arn:aws:secretsmanager:eu-west-1:123456789012:secret:items-cursor-AbCdEf",),
    },
    ENV_CURSOR_KEY_MAX_AGE: {
        "required": False,
        "setting": "cursor_key_max_age",
        "minimum": 1,
        "maximum": 3600,
        "default": "300",
    },
}
REQUIRED_ENV: tuple[str, ...] = environment.required(ENVIRONMENT)
OPTIONAL_ENV: tuple[str, ...] = environment.optional(ENVIRONMENT)

# The resources the function needs, with the actions its role must hold on each.
# Secrets Manager: the cursor key's secret (and, when the secret uses a customer-managed KMS key,
# kms:Decrypt on that key through Secrets Manager).
SECRETS_ACTIONS: tuple[str, ...] = ("secretsmanager:GetSecretValue",)
CURSOR_KEY_MIN_LENGTH = 32
"""Shortest accepted cursor key (characters of the secret's SecretString)."""

# S3 actions the function's role needs: object actions on "<bucket ARN>/<prefix>*" and
# s3:ListBucket on the bucket ARN (ListBucket also makes a missing key a 404 instead of a 403).
S3_OBJECT_ACTIONS: tuple[str, ...] = ("s3:GetObject", "s3:PutObject", "s3:DeleteObject")
S3_BUCKET_ACTIONS: tuple[str, ...] = ("s3:ListBucket",)
# DynamoDB, on the table ITEMS_TABLE names: PUT writes the item's index record, DELETE deletes
# it; nothing reads the table (with a customer-managed table key also the KMS write actions).
TABLE_ACTIONS: tuple[str, ...] = ("dynamodb:PutItem", "dynamodb:DeleteItem")
RESOURCES: dict[str, dict[str, object]] = {
    "items_bucket": {
        "actions": (*S3_OBJECT_ACTIONS, *S3_BUCKET_ACTIONS),
        "scope": "objects under ITEMS_PREFIX (s3:ListBucket: the bucket itself)",
    },
    "table": {"actions": TABLE_ACTIONS, "scope": "the table ITEMS_TABLE names (not its indexes)"},
    "cursor_secret": {
        "actions": SECRETS_ACTIONS,
        "scope": "the secret CURSOR_KEY_SECRET_ARN names",
    },
}

# Request limits (ids, documents and nesting: the shared item rules, items_core.rules). Lambda's
# synchronous payload limit is 6 MB; documents are kept far below it.
MAX_BODY_BYTES = rules.MAX_DOCUMENT_BYTES
ID_MAX_LENGTH = rules.ID_MAX_LENGTH
ID_PATTERN = rules.ID_PATTERN
MAX_JSON_DEPTH = rules.MAX_JSON_DEPTH
OBJECT_SUFFIX = layout.OBJECT_SUFFIX
"""Objects live at "<prefix><id><OBJECT_SUFFIX>"."""
LIST_LIMIT_DEFAULT = 50
LIST_LIMIT_MAX = 100

# EMF metrics (unit Count, dimension "service" = POWERTOOLS_SERVICE_NAME), one per operation,
# one for requests that ended in a 500, one for index writes that failed.
METRIC_ITEMS_LISTED = "ItemsListed"
METRIC_ITEM_READ = "ItemRead"
METRIC_ITEM_STORED = "ItemStored"
METRIC_ITEM_DELETED = "ItemDeleted"
METRIC_UNHANDLED_ERRORS = "UnhandledErrors"
METRIC_INDEX_WRITE_FAILED = "IndexWriteFailed"
"""The item was stored in (or deleted from) S3 but its index record was not written (or deleted):
the request answered 500 (also counted in UnhandledErrors); retrying it repairs the index."""
METRICS: tuple[str, ...] = (
    METRIC_ITEMS_LISTED,
    METRIC_ITEM_READ,
    METRIC_ITEM_STORED,
    METRIC_ITEM_DELETED,
    METRIC_UNHANDLED_ERRORS,
    METRIC_INDEX_WRITE_FAILED,
)
