"""The contract between the importer function and the infrastructure that deploys it.

Standard library only and free of side effects: the stacks load this file by path. It names the
handler, the environment variables with the values each may hold, the resources the function
uses with the exact IAM actions it needs, and the table layout shared with the worker and the API.
"""

HANDLER = "items_importer.handler.lambda_handler"

# --- environment ------------------------------------------------------------------------------
ENV_QUEUE_URL = "IMPORT_QUEUE_URL"
"""URL of the import queue (standard queue) that receives one message per valid item."""
ENV_TABLE = "ITEMS_TABLE"
"""Name of the items table that holds the import records (see TABLE_*)."""
ENV_IMPORT_PREFIX = "IMPORT_PREFIX"
"""Optional: only keys under this prefix are imported (others are logged and skipped).
Default: "imports/" (match the bucket notification's prefix filter)."""
ENV_MAX_IMPORT_BYTES = "MAX_IMPORT_BYTES"
"""Optional: largest object imported, in bytes; a larger one is recorded as failed (too_large)
without being read. Default: 52428800 (50 MiB)."""
ENV_RECORD_TTL_DAYS = "IMPORT_RECORD_TTL_DAYS"
"""Optional: days an import record (and so the duplicate-delivery guard) is kept before the
table's TTL deletes it. Default: 30."""
ENV_QUEUE_MAX_MESSAGE_BYTES = "QUEUE_MAX_MESSAGE_BYTES"
"""Optional: the queue's maximum message size, also the size limit of one SendMessageBatch.
Default: 262144 (the SQS default); set it to the queue's MaximumMessageSize."""
ENV_ENVIRONMENT = "APP_ENVIRONMENT"
"""Deployment environment name (dev, staging, prod), logged with every import."""
ENV_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME"
"""Powertools service name: the "service" key of every log line and the metrics dimension."""
ENV_METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE"
"""CloudWatch namespace of the function's EMF metrics."""
ENV_LOG_LEVEL = "POWERTOOLS_LOG_LEVEL"
"""Optional log level (DEBUG, INFO, WARNING, ERROR, CRITICAL). Default: INFO.
Derive it from the one stack setting with ``log_levels`` (never pass Lambda's WARN or FATAL)."""

DEFAULT_IMPORT_PREFIX = "imports/"
DEFAULT_MAX_IMPORT_BYTES = 50 * 1024 * 1024
DEFAULT_RECORD_TTL_DAYS = 30
DEFAULT_QUEUE_MAX_MESSAGE_BYTES = 262_144

REQUIRED_ENV: tuple[str, ...] = (
    ENV_QUEUE_URL,
    ENV_TABLE,
    ENV_ENVIRONMENT,
    ENV_SERVICE_NAME,
    ENV_METRICS_NAMESPACE,
)
OPTIONAL_ENV: tuple[str, ...] = (
    ENV_IMPORT_PREFIX,
    ENV_MAX_IMPORT_BYTES,
    ENV_RECORD_TTL_DAYS,
    ENV_QUEUE_MAX_MESSAGE_BYTES,
    ENV_LOG_LEVEL,
)

# Log levels: Lambda's application_log_level and POWERTOOLS_LOG_LEVEL use two vocabularies; a
# stack keeps ONE setting and derives both with ``log_levels`` (the same table in every contract).
LAMBDA_LOG_LEVELS: tuple[str, ...] = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")
POWERTOOLS_LOG_LEVELS: tuple[str, ...] = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
POWERTOOLS_LOG_LEVEL_FOR_LAMBDA: dict[str, str] = {
    "TRACE": "DEBUG",
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
    """``(application_log_level, POWERTOOLS_LOG_LEVEL)`` for one setting in either vocabulary."""
    level = setting.strip().upper()
    if level in POWERTOOLS_LOG_LEVEL_FOR_LAMBDA:
        return level, POWERTOOLS_LOG_LEVEL_FOR_LAMBDA[level]
    if level in LAMBDA_LOG_LEVEL_FOR_POWERTOOLS:
        return LAMBDA_LOG_LEVEL_FOR_POWERTOOLS[level], level
    allowed = sorted({*LAMBDA_LOG_LEVELS, *POWERTOOLS_LOG_LEVELS})
    raise ValueError(f"log level {setting!r} is not one of {', '.join(allowed)}")


# What each variable may hold (checked at cold start by items_core.envcheck).
ENVIRONMENT: dict[str, dict[str, object]] = {
    ENV_QUEUE_URL: {
        "required": True,
        "pattern": r"https://sqs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/[0-9]{12}/[A-Za-z0-9_-]{1,80}",
        "examples": ("https://sqs.eu-west-1.amazonaws.com/123456789012/items-prod-import",),
    },
    ENV_TABLE: {
        "required": True,
        "pattern": r"[A-Za-z0-9_.-]{3,255}",
        "examples": ("items-prod-table-4f1c2a7",),
    },
    ENV_ENVIRONMENT: {
        "required": True,
        "pattern": r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}",
        "examples": ("dev", "staging", "prod"),
    },
    ENV_SERVICE_NAME: {
        "required": True,
        "pattern": r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}",
        "examples": ("items-importer",),
    },
    ENV_METRICS_NAMESPACE: {
        "required": True,
        "pattern": r"(?!AWS/)[A-Za-z0-9 ._/#:-]{1,255}",
        "examples": ("Nova/Items",),
    },
    ENV_IMPORT_PREFIX: {
        "required": False,
        "pattern": r"[A-Za-z0-9!_.*'()/-]{1,256}",
        "default": DEFAULT_IMPORT_PREFIX,
        "examples": ("imports/", "tenant-a/imports/"),
    },
    ENV_MAX_IMPORT_BYTES: {
        "required": False,
        "minimum": 1,
        "maximum": 5 * 1024**3,
        "default": str(DEFAULT_MAX_IMPORT_BYTES),
    },
    ENV_RECORD_TTL_DAYS: {
        "required": False,
        "minimum": 1,
        "maximum": 365,
        "default": str(DEFAULT_RECORD_TTL_DAYS),
    },
    ENV_QUEUE_MAX_MESSAGE_BYTES: {
        "required": False,
        "minimum": 1024,
        "maximum": 1_048_576,
        "default": str(DEFAULT_QUEUE_MAX_MESSAGE_BYTES),
    },
    ENV_LOG_LEVEL: {"required": False, "choices": POWERTOOLS_LOG_LEVELS, "default": "INFO"},
}

# --- the table (shared with the worker and the API; the stack declares exactly this) ---------
TABLE_PARTITION_KEY = "id"
"""Partition key (S): an item id, or "import#<bucket>/<key>#<version>" for an import record
(item ids cannot contain "#", so the two never collide). No sort key."""
TABLE_GSI_NAME = "timestamp-index"
TABLE_GSI_PARTITION_KEY = "kind"
"""GSI partition key (S): "item" or "import" - list one kind of record by update time."""
TABLE_GSI_SORT_KEY = "updated_at"
"""GSI sort key (S): ISO 8601 UTC time with milliseconds, "2026-12-02T18:42:57.123Z" (sorts as
text in time order)."""
TABLE_GSI_PROJECTION = "ALL"
TABLE_ATTRIBUTES: dict[str, str] = {"id": "S", "kind": "S", "updated_at": "S"}
"""Every key attribute and its DynamoDB type (the stack's attribute definitions)."""
TABLE_TTL_ATTRIBUTE = "expires_at"
"""TTL attribute (N, epoch seconds); set on import records only - enable TTL on it."""
KIND_ITEM = "item"
KIND_IMPORT = "import"
IMPORT_RECORD_ID_PREFIX = "import#"

# Import record statuses.
STATUS_IN_PROGRESS = "in_progress"
STATUS_COMPLETED = "completed"
"""Read to the end: valid lines queued, invalid lines listed in "rejections"."""
STATUS_FAILED = "failed"
"""Nothing imported; "failure" says why: unreadable, empty or too_large."""
MAX_RECORDED_REJECTIONS = 100
"""Rejected lines listed in a record (the count is always complete; keeps records < 400 KB)."""

# --- resources and IAM actions ----------------------------------------------------------------
UPLOADS_OBJECT_ACTIONS: tuple[str, ...] = ("s3:GetObject", "s3:GetObjectVersion")
"""On "<uploads bucket ARN>/<IMPORT_PREFIX>*" (GetObjectVersion: events name a version)."""
QUEUE_ACTIONS: tuple[str, ...] = ("sqs:SendMessage",)
"""On the import queue ARN (SendMessageBatch is authorized by sqs:SendMessage); with a
customer-managed queue key also kms:GenerateDataKey and kms:Decrypt on that key."""
TABLE_ACTIONS: tuple[str, ...] = (
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:DeleteItem",
)
"""On the table ARN: claim (conditional put), finish (conditional put), release (delete)."""
RESOURCES: dict[str, dict[str, object]] = {
    "uploads_bucket": {"actions": UPLOADS_OBJECT_ACTIONS, "scope": "objects under IMPORT_PREFIX"},
    "import_queue": {"actions": QUEUE_ACTIONS, "scope": "the queue"},
    "table": {"actions": TABLE_ACTIONS, "scope": "the table (not its indexes)"},
}
TRIGGER = "s3:ObjectCreated:* on the uploads bucket, prefix filter IMPORT_PREFIX, asynchronous"

# --- EMF metrics (unit Count, dimension "service") --------------------------------------------
METRIC_IMPORTS_COMPLETED = "ImportsCompleted"
METRIC_IMPORTS_FAILED = "ImportsFailed"
METRIC_ITEMS_QUEUED = "ItemsQueued"
METRIC_LINES_REJECTED = "LinesRejected"
METRIC_DUPLICATE_DELIVERIES = "DuplicateDeliveries"
METRIC_INVALID_EVENTS = "InvalidEvents"
METRICS: tuple[str, ...] = (
    METRIC_IMPORTS_COMPLETED,
    METRIC_IMPORTS_FAILED,
    METRIC_ITEMS_QUEUED,
    METRIC_LINES_REJECTED,
    METRIC_DUPLICATE_DELIVERIES,
    METRIC_INVALID_EVENTS,
)
