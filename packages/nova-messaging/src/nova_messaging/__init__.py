"""nova-messaging: an SQS queue component for Pulumi (Python) that always has its dead-letter queue.

``Queue("jobs", QueueArgs(consumer={"function": worker}))`` creates the queue and its DLQ (both
encrypted and TLS-only, redrive both ways), the Lambda event source mapping with partial batch
failures, and the consume policy the mapping depends on; the visibility timeout is derived from
the worker's timeout. Grants (``grant_send`` etc.) give other roles least-privilege access.
"""

from .__about__ import __version__
from ._plan import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_BATCHING_WINDOW_SECONDS,
    DEFAULT_DELAY_SECONDS,
    DEFAULT_DLQ_RETENTION_SECONDS,
    DEFAULT_MAX_RECEIVE_COUNT,
    DEFAULT_RECEIVE_WAIT_TIME_SECONDS,
    DEFAULT_REPORT_BATCH_ITEM_FAILURES,
    DEFAULT_RETENTION_SECONDS,
    DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
)
from ._policies import (
    CONSUME_ACTIONS,
    KMS_CONSUMER_ACTIONS,
    KMS_PRODUCER_ACTIONS,
    PURGE_ACTIONS,
    QUEUE_ARN_PLACEHOLDER,
    SEND_ACTIONS,
    consume_policy_document,
    purge_policy_document,
    queue_policy_document,
    redrive_allow_policy_document,
    redrive_policy_document,
    send_policy_document,
    tls_only_statement,
)
from .consumer import ConsumerFunction
from .queue import TYPE_TOKEN, ConsumerArgs, Queue, QueueArgs
from .references import QueueReference

__all__ = [
    # component
    "Queue",
    "QueueArgs",
    "ConsumerArgs",
    "ConsumerFunction",
    "QueueReference",
    "TYPE_TOKEN",
    # defaults
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_BATCHING_WINDOW_SECONDS",
    "DEFAULT_DELAY_SECONDS",
    "DEFAULT_DLQ_RETENTION_SECONDS",
    "DEFAULT_MAX_RECEIVE_COUNT",
    "DEFAULT_RECEIVE_WAIT_TIME_SECONDS",
    "DEFAULT_REPORT_BATCH_ITEM_FAILURES",
    "DEFAULT_RETENTION_SECONDS",
    "DEFAULT_VISIBILITY_TIMEOUT_SECONDS",
    # policy documents
    "send_policy_document",
    "consume_policy_document",
    "purge_policy_document",
    "queue_policy_document",
    "tls_only_statement",
    "redrive_policy_document",
    "redrive_allow_policy_document",
    "QUEUE_ARN_PLACEHOLDER",
    # action lists
    "SEND_ACTIONS",
    "CONSUME_ACTIONS",
    "PURGE_ACTIONS",
    "KMS_CONSUMER_ACTIONS",
    "KMS_PRODUCER_ACTIONS",
    "__version__",
]
