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
"""Optional log level (DEBUG, INFO, WARNING, ERROR, CRITICAL). Default: INFO."""

REQUIRED_ENV: tuple[str, ...] = (
    ENV_BUCKET,
    ENV_PREFIX,
    ENV_ENVIRONMENT,
    ENV_SERVICE_NAME,
    ENV_METRICS_NAMESPACE,
)
OPTIONAL_ENV: tuple[str, ...] = (ENV_LOG_LEVEL,)

# Objects live at "<prefix><id><OBJECT_SUFFIX>".
OBJECT_SUFFIX = ".json"

# S3 actions the function's role needs: object actions on "<bucket ARN>/<prefix>*" and
# s3:ListBucket on the bucket ARN (ListBucket also makes a missing key a 404 instead of a 403).
S3_OBJECT_ACTIONS: tuple[str, ...] = ("s3:GetObject", "s3:PutObject", "s3:DeleteObject")
S3_BUCKET_ACTIONS: tuple[str, ...] = ("s3:ListBucket",)

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
