"""nova-storage: a secure S3 bucket component for Pulumi (Python).

``Bucket("data")`` is private, encrypted, versioned, TLS-only and cleans up after
itself; grants (``grant_read`` etc.) give IAM roles least-privilege access to it.
"""

import importlib
from typing import TYPE_CHECKING, Any

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

# -- Table, Secret and references to existing ones ----------------------------------------------
if TYPE_CHECKING:
    from ._access import GrantRole, NamedRole
    from ._plan.secret import (
        DEFAULT_KMS_KEY_ID,
        DEFAULT_PASSWORD_LENGTH,
        DEFAULT_RECOVERY_WINDOW_DAYS,
        DEFAULT_ROTATION_DAYS,
    )
    from ._plan.table import BILLING_MODE, DEFAULT_RECOVERY_PERIOD_DAYS
    from ._secret_policies import (
        SECRET_KMS_READ_ACTIONS,
        SECRET_READ_ACTIONS,
        secret_read_policy_document,
    )
    from ._table_policies import (
        TABLE_ITEM_ACTIONS,
        TABLE_KMS_READ_ACTIONS,
        TABLE_KMS_WRITE_ACTIONS,
        TABLE_READ_ACTIONS,
        TABLE_STREAM_ACTIONS,
        TABLE_STREAM_LIST_ACTIONS,
        TABLE_WRITE_ACTIONS,
        table_actions_policy_document,
        table_read_policy_document,
        table_read_write_policy_document,
        table_stream_read_policy_document,
        table_write_policy_document,
    )
    from .references import SecretLike, SecretReference, TableLike, TableReference
    from .secret import SECRET_TYPE_TOKEN, Secret, SecretArgs
    from .table import (
        TABLE_TYPE_TOKEN,
        GlobalIndexArgs,
        LocalIndexArgs,
        Table,
        TableArgs,
        TableKeyArgs,
    )

# Table, Secret, their references, grants and policy documents load on first use: the Table and
# Secret components load pulumi_aws.dynamodb, pulumi_aws.secretsmanager and pulumi_random (about
# 40 ms and their objects), and their plans and rules are 16 more modules a program that only
# uses buckets does not need.
_LAZY_FROM = {
    "secret": ("SECRET_TYPE_TOKEN", "Secret", "SecretArgs"),
    "table": (
        "TABLE_TYPE_TOKEN",
        "GlobalIndexArgs",
        "LocalIndexArgs",
        "Table",
        "TableArgs",
        "TableKeyArgs",
    ),
    "_access": ("GrantRole", "NamedRole"),
    "_plan.secret": (
        "DEFAULT_KMS_KEY_ID",
        "DEFAULT_PASSWORD_LENGTH",
        "DEFAULT_RECOVERY_WINDOW_DAYS",
        "DEFAULT_ROTATION_DAYS",
    ),
    "_plan.table": ("BILLING_MODE", "DEFAULT_RECOVERY_PERIOD_DAYS"),
    "_secret_policies": (
        "SECRET_KMS_READ_ACTIONS",
        "SECRET_READ_ACTIONS",
        "secret_read_policy_document",
    ),
    "_table_policies": (
        "TABLE_ITEM_ACTIONS",
        "TABLE_KMS_READ_ACTIONS",
        "TABLE_KMS_WRITE_ACTIONS",
        "TABLE_READ_ACTIONS",
        "TABLE_STREAM_ACTIONS",
        "TABLE_STREAM_LIST_ACTIONS",
        "TABLE_WRITE_ACTIONS",
        "table_actions_policy_document",
        "table_read_policy_document",
        "table_read_write_policy_document",
        "table_stream_read_policy_document",
        "table_write_policy_document",
    ),
    "references": ("SecretLike", "SecretReference", "TableLike", "TableReference"),
}
_LAZY = {name: module for module, names in _LAZY_FROM.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ += [
    # Table
    "Table",
    "TableArgs",
    "TableKeyArgs",
    "GlobalIndexArgs",
    "LocalIndexArgs",
    "TABLE_TYPE_TOKEN",
    "BILLING_MODE",
    "DEFAULT_RECOVERY_PERIOD_DAYS",
    "TABLE_READ_ACTIONS",
    "TABLE_WRITE_ACTIONS",
    "TABLE_ITEM_ACTIONS",
    "TABLE_STREAM_ACTIONS",
    "TABLE_STREAM_LIST_ACTIONS",
    "TABLE_KMS_READ_ACTIONS",
    "TABLE_KMS_WRITE_ACTIONS",
    "table_actions_policy_document",
    "table_read_policy_document",
    "table_write_policy_document",
    "table_read_write_policy_document",
    "table_stream_read_policy_document",
    # Secret
    "Secret",
    "SecretArgs",
    "SECRET_TYPE_TOKEN",
    "DEFAULT_KMS_KEY_ID",
    "DEFAULT_PASSWORD_LENGTH",
    "DEFAULT_RECOVERY_WINDOW_DAYS",
    "DEFAULT_ROTATION_DAYS",
    "SECRET_READ_ACTIONS",
    "SECRET_KMS_READ_ACTIONS",
    "secret_read_policy_document",
    # references and grants
    "TableReference",
    "SecretReference",
    "TableLike",
    "SecretLike",
    "GrantRole",
    "NamedRole",
]
