"""The contract between the importer function and the infrastructure that deploys it.

Standard library only and free of side effects: the stacks load this file by path. It names the
handler, the environment variables with the values each may hold, the resources the function
uses with the exact IAM actions it needs, and the table layout shared with the worker and the API
(``items_core``, standard library only like this module, ships in the function's zip; the stacks
put it on ``sys.path``).
"""

from items_core import environment
from items_core.environment import *  # noqa: F403 - ENV_ENVIRONMENT, ENV_SERVICE_NAME, ...
from items_core.levels import *  # noqa: F403 - re-exports the log level tables and log_levels
from items_core.table import *  # noqa: F403 - re-exports the table layout (TABLE_*, KIND_*)

HANDLER = "items_importer.handler.lambda_handler"

# --- environment ------------------------------------------------------------------------------
ENV_QUEUE_URL = "IMPORT_QUEUE_URL"
"""URL of the import queue (standard queue) that receives one message per valid item."""
ENV_TABLE = environment.ENV_TABLE
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

DEFAULT_IMPORT_PREFIX = "imports/"
DEFAULT_MAX_IMPORT_BYTES = 50 * 1024 * 1024
DEFAULT_RECORD_TTL_DAYS = 30
DEFAULT_QUEUE_MAX_MESSAGE_BYTES = 262_144

# What each variable may hold (checked at cold start by items_core.envcheck).
ENVIRONMENT: dict[str, dict[str, object]] = {
    ENV_QUEUE_URL: {
        "required": True,
        "setting": "queue_url",
        "pattern": r"https://sqs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/[0-9]{12}/[A-Za-z0-9_-]{1,80}",
        "examples": ("https://sqs.eu-west-1.amazonaws.com/123456789012/items-prod-import",),
    },
    **environment.items_table(),
    **environment.runtime("items-importer"),
    ENV_IMPORT_PREFIX: {
        "required": False,
        "setting": "import_prefix",
        "pattern": environment.KEY_PREFIX_PATTERN,
        "default": DEFAULT_IMPORT_PREFIX,
        "examples": ("imports/", "tenant-a/imports/"),
    },
    ENV_MAX_IMPORT_BYTES: {
        "required": False,
        "setting": "max_import_bytes",
        "minimum": 1,
        "maximum": 5 * 1024**3,
        "default": str(DEFAULT_MAX_IMPORT_BYTES),
    },
    ENV_RECORD_TTL_DAYS: {
        "required": False,
        "setting": "record_ttl_days",
        "minimum": 1,
        "maximum": 365,
        "default": str(DEFAULT_RECORD_TTL_DAYS),
    },
    ENV_QUEUE_MAX_MESSAGE_BYTES: {
        "required": False,
        "setting": "queue_max_message_bytes",
        "minimum": 1024,
        "maximum": 1_048_576,
        "default": str(DEFAULT_QUEUE_MAX_MESSAGE_BYTES),
    },
}
REQUIRED_ENV: tuple[str, ...] = environment.required(ENVIRONMENT)
OPTIONAL_ENV: tuple[str, ...] = environment.optional(ENVIRONMENT)

# --- the table: items_core.table (shared with the worker and the API; the stack declares it) ---
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
