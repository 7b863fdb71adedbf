"""nova-storage: a secure S3 bucket component for Pulumi (Python).

``Bucket("data")`` is private, encrypted, versioned, TLS-only and cleans up after
itself; grants (``grant_read`` etc.) give IAM roles least-privilege access to it.
"""

from .__about__ import __version__
from ._naming import bucket_name_problem, bucket_prefix_for
from ._policies import (
    BUCKET_ARN_PLACEHOLDER,
    DANGEROUS_CROSS_ACCOUNT_ACTIONS,
    DELETE_OBJECT_ACTIONS,
    KMS_READ_ACTIONS,
    KMS_WRITE_ACTIONS,
    LIST_BUCKET_ACTIONS,
    PUT_OBJECT_ACTIONS,
    READ_OBJECT_ACTIONS,
    WRITE_OBJECT_ACTIONS,
    access_log_delivery_statement,
    bucket_policy_document,
    delete_policy_document,
    put_policy_document,
    read_policy_document,
    read_write_policy_document,
    tls_only_statements,
    write_policy_document,
)
from .bucket import (
    DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS,
    DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
    TYPE_TOKEN,
    AccessLogsArgs,
    Bucket,
    BucketArgs,
    CorsRuleArgs,
    LifecycleRuleArgs,
    LifecycleTransitionArgs,
    NoncurrentVersionTransitionArgs,
    NotificationArgs,
    RoleReference,
)
from .notifications import OBJECT_CREATED_EVENTS, object_created

__all__ = [
    # component
    "Bucket",
    "BucketArgs",
    "LifecycleRuleArgs",
    "LifecycleTransitionArgs",
    "NoncurrentVersionTransitionArgs",
    "CorsRuleArgs",
    "AccessLogsArgs",
    "NotificationArgs",
    "RoleReference",
    "TYPE_TOKEN",
    # notification helpers
    "object_created",
    "OBJECT_CREATED_EVENTS",
    "DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS",
    "DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS",
    # policy documents
    "read_policy_document",
    "write_policy_document",
    "put_policy_document",
    "delete_policy_document",
    "read_write_policy_document",
    "bucket_policy_document",
    "tls_only_statements",
    "access_log_delivery_statement",
    "BUCKET_ARN_PLACEHOLDER",
    # action lists
    "LIST_BUCKET_ACTIONS",
    "READ_OBJECT_ACTIONS",
    "PUT_OBJECT_ACTIONS",
    "WRITE_OBJECT_ACTIONS",
    "DELETE_OBJECT_ACTIONS",
    "KMS_READ_ACTIONS",
    "KMS_WRITE_ACTIONS",
    "DANGEROUS_CROSS_ACCOUNT_ACTIONS",
    # naming
    "bucket_name_problem",
    "bucket_prefix_for",
    "__version__",
]
