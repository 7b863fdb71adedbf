"""The contract between the worker function and the infrastructure that deploys it.

Standard library only and free of side effects: the stacks load this file by path. It names the
handler, the environment variables with the values each may hold, the resources the function
uses with the exact IAM actions it needs, the event source mapping it expects, and the table
layout shared with the importer and the API (``items_core``, standard library only like this
module, ships in the function's zip; the stacks put it on ``sys.path``).
"""

from items_core import environment
from items_core.environment import *  # noqa: F403 - ENV_ENVIRONMENT, ENV_SERVICE_NAME, ...
from items_core.levels import *  # noqa: F403 - re-exports the log level tables and log_levels
from items_core.table import *  # noqa: F403 - re-exports the table layout (TABLE_*, KIND_*)

HANDLER = "items_worker.handler.lambda_handler"

# --- environment ------------------------------------------------------------------------------
ENV_BUCKET = environment.ENV_BUCKET
"""Name of the S3 bucket that holds the items (the items API's bucket)."""
ENV_PREFIX = environment.ENV_PREFIX
"""Key prefix of the items, exactly as the items API's ITEMS_PREFIX (keys "<prefix><id>.json")."""
ENV_TABLE = environment.ENV_TABLE
"""Name of the items table that receives one index record per item (see TABLE_*)."""

# What each variable may hold (checked at cold start by items_core.envcheck).
ENVIRONMENT: dict[str, dict[str, object]] = {
    **environment.items_bucket(),
    **environment.items_table(),
    **environment.runtime("items-worker"),
}
REQUIRED_ENV: tuple[str, ...] = environment.required(ENVIRONMENT)
OPTIONAL_ENV: tuple[str, ...] = environment.optional(ENVIRONMENT)

# --- resources, IAM actions and the event source mapping (the table: items_core.table) ------
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
