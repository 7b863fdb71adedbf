"""The arguments of :class:`~nova_storage.Bucket`: typed dicts with a docstring per key.

No ``from __future__ import annotations`` here on purpose: Pulumi's component analyzer reads the
annotations of ``BucketArgs`` at runtime and needs real types, not strings. The defaults named in
the docstrings are applied in ``_plan/bucket.py``, the only place they live.
"""

from collections.abc import Mapping, Sequence
from typing import Any, Required, TypedDict

import pulumi

__all__ = [
    "AccessLogsArgs",
    "BucketArgs",
    "CorsRuleArgs",
    "LifecycleRuleArgs",
    "LifecycleTransitionArgs",
    "NoncurrentVersionTransitionArgs",
    "NotificationArgs",
]


class LifecycleTransitionArgs(TypedDict, total=False):
    """A transition of current object versions to another storage class."""

    storage_class: Required[pulumi.Input[str]]
    """One of STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE.
    Default: none (required)."""
    days: pulumi.Input[int]
    """Days after creation (>= 30 for STANDARD_IA/ONEZONE_IA). Exactly one of days/date.
    Default: none."""
    date: pulumi.Input[str]
    """ISO 8601 date, midnight UTC (``YYYY-MM-DD``). Exactly one of days/date. Default: none."""


class NoncurrentVersionTransitionArgs(TypedDict, total=False):
    """A transition of noncurrent object versions to another storage class."""

    storage_class: Required[pulumi.Input[str]]
    """Target storage class (as for transitions). Default: none (required)."""
    noncurrent_days: Required[pulumi.Input[int]]
    """Days after the version became noncurrent (>= 30 for STANDARD_IA/ONEZONE_IA).
    Default: none (required)."""
    newer_noncurrent_versions: pulumi.Input[int]
    """Keep this many newer noncurrent versions (1-100) in the current class. Default: none."""


class LifecycleRuleArgs(TypedDict, total=False):
    """A lifecycle rule added after the component's two default rules.

    Filters (prefix, tags, sizes) combine with AND; a rule without a filter covers the bucket.
    """

    id: Required[pulumi.Input[str]]
    """Unique rule id, at most 255 characters. Default: none (required)."""
    enabled: pulumi.Input[bool]
    """Whether the rule is active. Default: ``True``."""
    prefix: pulumi.Input[str]
    """Only objects whose key starts with this prefix. Default: none (all keys)."""
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]]
    """Only objects carrying all these tags. Default: none."""
    object_size_greater_than_bytes: pulumi.Input[int]
    """Only objects larger than this. Default: none."""
    object_size_less_than_bytes: pulumi.Input[int]
    """Only objects smaller than this. Default: none."""
    expiration_days: pulumi.Input[int]
    """Expire current versions this many days after creation. Default: none."""
    expiration_date: pulumi.Input[str]
    """Expire current versions on this date (``YYYY-MM-DD``). Default: none."""
    expired_object_delete_marker: pulumi.Input[bool]
    """Remove delete markers that have no noncurrent versions left (not with tag filters, not
    with expiration days/date). Default: none."""
    transitions: pulumi.Input[Sequence[pulumi.Input[LifecycleTransitionArgs]]]
    """Transitions of current versions, down the storage-class waterfall. Default: none."""
    noncurrent_version_transitions: pulumi.Input[
        Sequence[pulumi.Input[NoncurrentVersionTransitionArgs]]
    ]
    """Transitions of noncurrent versions. Default: none."""
    noncurrent_version_expiration_days: pulumi.Input[int]
    """Delete noncurrent versions this many days after they became noncurrent. Default: none."""
    newer_noncurrent_versions: pulumi.Input[int]
    """With ``noncurrent_version_expiration_days``: keep this many newer noncurrent versions
    (1-100). Default: none."""
    abort_incomplete_multipart_upload_days: pulumi.Input[int]
    """Abort multipart uploads left incomplete this many days (not with tag filters).
    Default: none."""


class CorsRuleArgs(TypedDict, total=False):
    """A CORS rule (at most 100 per bucket)."""

    allowed_methods: Required[pulumi.Input[Sequence[pulumi.Input[str]]]]
    """Subset of GET, PUT, POST, DELETE, HEAD. Default: none (required)."""
    allowed_origins: Required[pulumi.Input[Sequence[pulumi.Input[str]]]]
    """Origins, each with at most one ``*``. Default: none (required)."""
    allowed_headers: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Headers allowed in preflight requests, each with at most one ``*``. Default: none."""
    expose_headers: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Response headers readable by the browser. Default: none."""
    max_age_seconds: pulumi.Input[int]
    """How long browsers cache the preflight response. Default: none (browser default)."""
    id: pulumi.Input[str]
    """Unique rule id, at most 255 characters. Default: none."""


class AccessLogsArgs(TypedDict, total=False):
    """Server access logging to a separate bucket (S3-08)."""

    target_bucket: Required[pulumi.Input[str]]
    """Name of the log bucket: same Region, SSE-S3, no default Object Lock retention, and a
    policy that lets ``logging.s3.amazonaws.com`` write (see ``access_log_delivery_statement``).
    Never this bucket. Default: none (required)."""
    target_prefix: pulumi.Input[str]
    """Key prefix of the log objects. Default: ``"<logical name>/"``."""


class NotificationArgs(TypedDict, total=False):
    """An event notification to exactly one Lambda function, SQS queue or SNS topic.

    ``object_created(function, prefix=..., suffix=...)`` builds the common Lambda entry."""

    function_arn: pulumi.Input[str]
    """Lambda function ARN; the component creates the invoke permission. Default: none."""
    queue_arn: pulumi.Input[str]
    """Standard SQS queue ARN; its queue policy must allow ``s3.amazonaws.com`` to send.
    Default: none."""
    topic_arn: pulumi.Input[str]
    """Standard SNS topic ARN; its topic policy must allow ``s3.amazonaws.com`` to publish.
    Default: none."""
    events: Required[pulumi.Input[Sequence[pulumi.Input[str]]]]
    """S3 event types, e.g. ``["s3:ObjectCreated:*"]``. Default: none (required)."""
    filter_prefix: pulumi.Input[str]
    """Only keys starting with this. Default: none."""
    filter_suffix: pulumi.Input[str]
    """Only keys ending with this. Default: none."""


class BucketArgs(TypedDict, total=False):
    """Arguments of :class:`Bucket`. Every key is optional; ``BucketArgs()`` is secure."""

    bucket_name: pulumi.Input[str]
    """Exact bucket name, checked against every S3 naming rule. Default: a unique name generated
    from the logical name (``bucket_prefix`` of at most 37 characters plus a unique suffix)."""
    allow_dots_in_name: pulumi.Input[bool]
    """Accept ``.`` in ``bucket_name`` although dots break virtual-hosted-style HTTPS and
    Transfer Acceleration (Trivy AWS-0320). Default: ``False``."""
    kms_key_arn: pulumi.Input[str]
    """ARN of a customer managed KMS key: SSE-KMS with an S3 Bucket Key, and KMS permissions in
    every grant. Default: none (SSE-S3, AES256)."""
    allow_sse_c_uploads: pulumi.Input[bool]
    """Accept uploads encrypted with customer-provided keys (SSE-C). Default: ``False``
    (SSE-C blocked)."""
    versioning_enabled: pulumi.Input[bool]
    """Versioning; ``False`` sets it to Suspended (a bucket that was ever versioned can only be
    suspended, never unversioned). Default: ``True``."""
    abort_incomplete_multipart_upload_days: pulumi.Input[int]
    """Days after which incomplete multipart uploads are aborted (bucket-wide rule).
    Default: ``7``."""
    noncurrent_version_expiration_days: pulumi.Input[int]
    """Days after which noncurrent versions are deleted (bucket-wide rule). Default: ``30``."""
    lifecycle_rules: pulumi.Input[Sequence[pulumi.Input[LifecycleRuleArgs]]]
    """Extra lifecycle rules, validated against every S3 lifecycle constraint. Default: none."""
    policy_statements: pulumi.Input[Sequence[pulumi.Input[Mapping[str, Any]]]]
    """Extra bucket policy statements (IAM JSON, PascalCase keys) merged after the TLS-only
    statements; ``${bucket_arn}`` in ``Resource`` stands for the bucket ARN. Public or
    takeover grants are refused (S3-09). Default: none."""
    cors_rules: pulumi.Input[Sequence[pulumi.Input[CorsRuleArgs]]]
    """CORS rules. Default: none (no CORS configuration)."""
    access_logs: pulumi.Input[AccessLogsArgs]
    """Server access logging target. Default: none (logging off)."""
    eventbridge_enabled: pulumi.Input[bool]
    """Send all bucket events to Amazon EventBridge. Default: ``False``."""
    notifications: pulumi.Input[Mapping[str, pulumi.Input[NotificationArgs]]]
    """Event notifications keyed by a stable key. Default: none."""
    force_destroy: pulumi.Input[bool]
    """Delete all objects (and versions) when the bucket is destroyed. Default: ``False``."""
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]]
    """Tags of the bucket (stack-wide tags belong in the provider's default_tags).
    Default: none."""
