"""The contract between the worker function and the infrastructure that deploys it.

Standard library only and free of side effects: the stacks load this file by path. It names the
handler, the environment variables with the values each may hold, the resources the function
uses with the exact IAM actions it needs, the event source mapping it expects, and the table
layout shared with the importer and the API.
"""

HANDLER = "items_worker.handler.lambda_handler"

# --- environment ------------------------------------------------------------------------------
ENV_BUCKET = "ITEMS_BUCKET"
"""Name of the S3 bucket that holds the items (the items API's bucket)."""
ENV_PREFIX = "ITEMS_PREFIX"
"""Key prefix of the items, exactly as the items API's ITEMS_PREFIX (keys "<prefix><id>.json")."""
ENV_TABLE = "ITEMS_TABLE"
"""Name of the items table that receives one index record per item (see TABLE_*)."""
ENV_ENVIRONMENT = "APP_ENVIRONMENT"
"""Deployment environment name (dev, staging, prod)."""
ENV_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME"
"""Powertools service name: the "service" key of every log line and the metrics dimension."""
ENV_METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE"
"""CloudWatch namespace of the function's EMF metrics."""
ENV_LOG_LEVEL = "POWERTOOLS_LOG_LEVEL"
"""Optional log level (DEBUG, INFO, WARNING, ERROR, CRITICAL). Default: INFO.
Derive it from the one stack setting with ``log_levels`` (never pass Lambda's WARN or FATAL)."""

REQUIRED_ENV: tuple[str, ...] = (
    ENV_BUCKET,
    ENV_PREFIX,
    ENV_TABLE,
    ENV_ENVIRONMENT,
    ENV_SERVICE_NAME,
    ENV_METRICS_NAMESPACE,
)
OPTIONAL_ENV: tuple[str, ...] = (ENV_LOG_LEVEL,)

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
        "examples": ("items-worker",),
    },
    ENV_METRICS_NAMESPACE: {
        "required": True,
        "pattern": r"(?!AWS/)[A-Za-z0-9 ._/#:-]{1,255}",
        "examples": ("Nova/Items",),
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

# --- resources, IAM actions and the event source mapping ------------------------------------
ITEMS_OBJECT_ACTIONS: tuple[str, ...] = ("s3:PutObject",)
"""On "<items bucket ARN>/<ITEMS_PREFIX>*" (with a customer-managed bucket key also
kms:GenerateDataKey on that key)."""
TABLE_ACTIONS: tuple[str, ...] = ("dynamodb:PutItem",)
"""On the table ARN."""
QUEUE_ACTIONS: tuple[str, ...] = (
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
)
"""On the import queue ARN: what the Lambda event source mapping polls with (with a
customer-managed queue key also kms:Decrypt on that key)."""
RESOURCES: dict[str, dict[str, object]] = {
    "items_bucket": {"actions": ITEMS_OBJECT_ACTIONS, "scope": "objects under ITEMS_PREFIX"},
    "table": {"actions": TABLE_ACTIONS, "scope": "the table (not its indexes)"},
    "import_queue": {"actions": QUEUE_ACTIONS, "scope": "the queue (event source mapping)"},
}
FUNCTION_RESPONSE_TYPES: tuple[str, ...] = ("ReportBatchItemFailures",)
"""The event source mapping must set these: the handler answers with partial batch responses."""
MAX_BATCH_SIZE = 10
"""Largest batch the mapping should deliver (each record is two writes; keep batches short)."""
VISIBILITY_TIMEOUT_FACTOR = 6
"""The queue's visibility timeout should be at least this many times the function timeout."""
REQUIRES_DEAD_LETTER_QUEUE = True
"""A message that fails maxReceiveCount times must land in a DLQ (the queue's redrive policy)."""

# --- EMF metrics (unit Count, dimension "service") --------------------------------------------
METRIC_ITEMS_WRITTEN = "ItemsWritten"
METRIC_RECORDS_FAILED = "RecordsFailed"
METRIC_INVALID_EVENTS = "InvalidEvents"
METRICS: tuple[str, ...] = (METRIC_ITEMS_WRITTEN, METRIC_RECORDS_FAILED, METRIC_INVALID_EVENTS)
