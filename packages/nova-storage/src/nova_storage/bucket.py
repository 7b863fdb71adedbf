"""The ``Bucket`` component: an S3 bucket that passes a security review with no arguments.

No ``from __future__ import annotations`` here on purpose: Pulumi's component analyzer reads the
annotations of ``BucketArgs`` and of the outputs at runtime and needs real types, not strings.
"""

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, Required, TypedDict, runtime_checkable

import pulumi
import pulumi_aws as aws

from ._naming import bucket_prefix_for
from ._policies import (
    bucket_policy_document,
    delete_policy_document,
    put_policy_document,
    read_policy_document,
    read_write_policy_document,
    write_policy_document,
)
from ._validation import (
    ABORT_RULE_ID,
    NONCURRENT_RULE_ID,
    bucket_error,
    check_access_log_target,
    check_bucket_name,
    check_grant_key,
    check_key_prefix,
    check_policy_statements,
    is_known,
    normalize_lifecycle_date,
    validate_bucket_args,
)

__all__ = [
    "DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS",
    "DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS",
    "TYPE_TOKEN",
    "AccessLogsArgs",
    "Bucket",
    "BucketArgs",
    "CorsRuleArgs",
    "LifecycleRuleArgs",
    "LifecycleTransitionArgs",
    "NoncurrentVersionTransitionArgs",
    "NotificationArgs",
    "RoleReference",
]

TYPE_TOKEN = "nova-storage:index:Bucket"
DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS = 7
DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS = 30


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
    """An event notification to exactly one Lambda function, SQS queue or SNS topic."""

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


@runtime_checkable
class RoleReference(Protocol):
    """Anything with a role ``name`` output, such as ``aws.iam.Role``."""

    @property
    def name(self) -> pulumi.Output[str]: ...


PolicyBuilder = Callable[[str, str | None, str | None], dict[str, Any]]
_GRANT_KEY_CHARS = re.compile(r"[^\w+=,.@-]+")
_SseDefaultArgs = (
    aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
)


class Bucket(pulumi.ComponentResource):
    """A private, encrypted, versioned S3 bucket with TLS-only access and lifecycle hygiene.

    Children (``<name>-<role>``): ``bucket``, ``public-access-block``, ``ownership-controls``,
    ``encryption``, ``versioning``, ``policy``, ``lifecycle``; with arguments also ``cors``,
    ``logging``, ``notifications`` and ``invoke-<key>`` (one Lambda permission per function
    notification). Grants add ``<kind>-<key>`` role policies.

    ``protect`` set on the component reaches every child through parenting. ``retain_on_delete``
    is not inherited by Pulumi, so when it is set on the component it is applied to the bucket
    and to every child that configures it (public access block, ownership, encryption,
    versioning, policy, lifecycle, CORS, logging): a retained bucket keeps its protections. The
    notification configuration, Lambda permissions and grants are not retained; they point at
    consumers that leave with the stack.
    """

    bucket: aws.s3.Bucket
    """The ``aws.s3.Bucket`` resource (escape hatch)."""
    bucket_name: pulumi.Output[str]
    """The bucket's name."""
    arn: pulumi.Output[str]
    """The bucket's ARN."""
    bucket_regional_domain_name: pulumi.Output[str]
    """Regional domain name, e.g. ``<name>.s3.us-east-1.amazonaws.com``."""
    kms_key_arn: pulumi.Output[str] | None
    """The KMS key ARN when SSE-KMS is used, else ``None``."""

    def __init__(
        self, name: str, args: BucketArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        validate_bucket_args(name, args)
        super().__init__(TYPE_TOKEN, name, None, opts)
        args = args or BucketArgs()
        self._grant_names: set[str] = set()
        retain = bool(opts is not None and opts.retain_on_delete)

        def child(
            *, stateful: bool = True, depends_on: list[pulumi.Resource] | None = None
        ) -> pulumi.ResourceOptions:
            return pulumi.ResourceOptions(
                parent=self,
                retain_on_delete=True if (retain and stateful) else None,
                depends_on=depends_on,
            )

        allow_dots = args.get("allow_dots_in_name") is True
        bucket_name = args.get("bucket_name")
        if bucket_name is not None and not is_known(bucket_name):
            bucket_name = pulumi.Output.from_input(bucket_name).apply(
                lambda n: check_bucket_name(name, n, allow_dots=allow_dots)
            )
        self.bucket = aws.s3.Bucket(
            f"{name}-bucket",
            bucket=bucket_name,
            bucket_prefix=bucket_prefix_for(name) if bucket_name is None else None,
            force_destroy=args.get("force_destroy", False),
            tags=args.get("tags"),
            opts=child(),
        )
        bucket_id = self.bucket.bucket
        self.bucket_name = self.bucket.bucket
        self.arn = self.bucket.arn
        self.bucket_regional_domain_name = self.bucket.bucket_regional_domain_name
        kms = args.get("kms_key_arn")
        self.kms_key_arn = None if kms is None else pulumi.Output.from_input(kms)

        public_access_block = aws.s3.BucketPublicAccessBlock(
            f"{name}-public-access-block",
            bucket=bucket_id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=child(),
        )
        aws.s3.BucketOwnershipControls(
            f"{name}-ownership-controls",
            bucket=bucket_id,
            rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"),
            opts=child(),
        )
        aws.s3.BucketServerSideEncryptionConfiguration(
            f"{name}-encryption",
            bucket=bucket_id,
            rules=[self._encryption_rule(kms, args.get("allow_sse_c_uploads"))],
            opts=child(),
        )
        versioning_enabled = args.get("versioning_enabled", True)
        versioning = aws.s3.BucketVersioning(
            f"{name}-versioning",
            bucket=bucket_id,
            versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(
                status=pulumi.Output.from_input(versioning_enabled).apply(
                    lambda enabled: "Enabled" if enabled else "Suspended"
                )
            ),
            opts=child(),
        )

        statements = list(args.get("policy_statements") or [])
        plain_name = args.get("bucket_name") if is_known(args.get("bucket_name")) else None

        def render_policy(values: list[Any]) -> str:
            arn, resolved = values
            check_policy_statements(name, resolved, plain_name)
            return json.dumps(bucket_policy_document(arn, resolved))

        aws.s3.BucketPolicy(
            f"{name}-policy",
            bucket=bucket_id,
            policy=pulumi.Output.all(self.bucket.arn, pulumi.Output.from_input(statements)).apply(
                render_policy
            ),
            opts=child(depends_on=[public_access_block]),
        )

        aws.s3.BucketLifecycleConfiguration(
            f"{name}-lifecycle",
            bucket=bucket_id,
            rules=self._lifecycle_rules(args),
            opts=child(depends_on=[versioning]),
        )

        cors_rules = args.get("cors_rules")
        if cors_rules:
            aws.s3.BucketCorsConfiguration(
                f"{name}-cors",
                bucket=bucket_id,
                cors_rules=[
                    aws.s3.BucketCorsConfigurationCorsRuleArgs(
                        allowed_methods=rule["allowed_methods"],
                        allowed_origins=rule["allowed_origins"],
                        allowed_headers=rule.get("allowed_headers"),
                        expose_headers=rule.get("expose_headers"),
                        max_age_seconds=rule.get("max_age_seconds"),
                        id=rule.get("id"),
                    )
                    for rule in cors_rules
                ],
                opts=child(),
            )

        access_logs = args.get("access_logs")
        if access_logs:
            target = access_logs["target_bucket"]
            if not is_known(target) and plain_name is not None:
                target = pulumi.Output.from_input(target).apply(
                    lambda t: check_access_log_target(name, t, plain_name)
                )
            aws.s3.BucketLogging(
                f"{name}-logging",
                bucket=bucket_id,
                target_bucket=target,
                target_prefix=access_logs.get("target_prefix", f"{name}/"),
                opts=child(),
            )

        self._notifications(name, args, bucket_id, child)

        self.register_outputs(
            {
                "bucket": self.bucket,
                "bucket_name": self.bucket_name,
                "arn": self.arn,
                "bucket_regional_domain_name": self.bucket_regional_domain_name,
                "kms_key_arn": self.kms_key_arn,
            }
        )

    # -- construction helpers ----------------------------------------------------------------
    @staticmethod
    def _encryption_rule(
        kms: Any, allow_sse_c: Any
    ) -> aws.s3.BucketServerSideEncryptionConfigurationRuleArgs:
        blocked = (
            pulumi.Output.from_input(allow_sse_c).apply(lambda a: ["NONE"] if a else ["SSE-C"])
            if allow_sse_c is not None
            else ["SSE-C"]
        )
        if kms is None:
            default = _SseDefaultArgs(sse_algorithm="AES256")
            return aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=default,
                blocked_encryption_types=blocked,
            )
        default = _SseDefaultArgs(sse_algorithm="aws:kms", kms_master_key_id=kms)
        return aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
            apply_server_side_encryption_by_default=default,
            bucket_key_enabled=True,
            blocked_encryption_types=blocked,
        )

    @staticmethod
    def _lifecycle_rules(args: BucketArgs) -> list[aws.s3.BucketLifecycleConfigurationRuleArgs]:
        rules = [
            aws.s3.BucketLifecycleConfigurationRuleArgs(
                id=ABORT_RULE_ID,
                status="Enabled",
                filter=aws.s3.BucketLifecycleConfigurationRuleFilterArgs(),
                abort_incomplete_multipart_upload=aws.s3.BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs(
                    days_after_initiation=args.get(
                        "abort_incomplete_multipart_upload_days",
                        DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS,
                    )
                ),
            ),
            # Kept when versioning is off too: a suspended bucket still holds the noncurrent
            # versions made while it was versioned, and the rule costs nothing otherwise.
            aws.s3.BucketLifecycleConfigurationRuleArgs(
                id=NONCURRENT_RULE_ID,
                status="Enabled",
                filter=aws.s3.BucketLifecycleConfigurationRuleFilterArgs(),
                noncurrent_version_expiration=aws.s3.BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs(
                    noncurrent_days=args.get(
                        "noncurrent_version_expiration_days",
                        DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
                    )
                ),
            ),
        ]
        rules.extend(_user_lifecycle_rule(rule) for rule in args.get("lifecycle_rules") or [])
        return rules

    def _notifications(
        self,
        name: str,
        args: BucketArgs,
        bucket_id: pulumi.Output[str],
        child: Callable[..., pulumi.ResourceOptions],
    ) -> None:
        notifications: Mapping[str, NotificationArgs] = args.get("notifications") or {}
        eventbridge = args.get("eventbridge_enabled", False)
        if not notifications and eventbridge is False:
            return
        functions: list[aws.s3.BucketNotificationLambdaFunctionArgs] = []
        queues: list[aws.s3.BucketNotificationQueueArgs] = []
        topics: list[aws.s3.BucketNotificationTopicArgs] = []
        permissions: list[pulumi.Resource] = []
        account_id: pulumi.Output[str] | None = None
        for key in sorted(notifications):
            spec = notifications[key]
            common: dict[str, Any] = {
                "id": key,
                "events": spec["events"],
                "filter_prefix": spec.get("filter_prefix"),
                "filter_suffix": spec.get("filter_suffix"),
            }
            if spec.get("function_arn") is not None:
                if account_id is None:
                    account_id = aws.get_caller_identity_output(
                        opts=pulumi.InvokeOutputOptions(parent=self)
                    ).account_id
                permissions.append(
                    aws.lambda_.Permission(
                        f"{name}-invoke-{key}",
                        action="lambda:InvokeFunction",
                        function=spec["function_arn"],
                        principal="s3.amazonaws.com",
                        source_arn=self.bucket.arn,
                        source_account=account_id,
                        opts=child(stateful=False),
                    )
                )
                functions.append(
                    aws.s3.BucketNotificationLambdaFunctionArgs(
                        lambda_function_arn=spec["function_arn"], **common
                    )
                )
            elif spec.get("queue_arn") is not None:
                queues.append(
                    aws.s3.BucketNotificationQueueArgs(queue_arn=spec["queue_arn"], **common)
                )
            else:
                topics.append(
                    aws.s3.BucketNotificationTopicArgs(topic_arn=spec["topic_arn"], **common)
                )
        aws.s3.BucketNotification(
            f"{name}-notifications",
            bucket=bucket_id,
            eventbridge=eventbridge,
            lambda_functions=functions or None,
            queues=queues or None,
            topics=topics or None,
            opts=child(stateful=False, depends_on=permissions or None),
        )

    # -- grants --------------------------------------------------------------------------------
    def grant_read(
        self,
        role: aws.iam.Role | RoleReference | str,
        key_prefix: str | None = None,
        *,
        grant_id: str | None = None,
    ) -> aws.iam.RolePolicy:
        """Let ``role`` list the bucket and read objects (under ``key_prefix``); with a KMS key
        also ``kms:Decrypt``. Creates the role policy ``<name>-read-<key>``."""
        return self._grant("read", read_policy_document, role, key_prefix, grant_id)

    def grant_put(
        self,
        role: aws.iam.Role | RoleReference | str,
        key_prefix: str | None = None,
        *,
        grant_id: str | None = None,
    ) -> aws.iam.RolePolicy:
        """Let ``role`` upload objects only (no list, read or delete)."""
        return self._grant("put", put_policy_document, role, key_prefix, grant_id)

    def grant_write(
        self,
        role: aws.iam.Role | RoleReference | str,
        key_prefix: str | None = None,
        *,
        grant_id: str | None = None,
    ) -> aws.iam.RolePolicy:
        """Let ``role`` upload objects, list the bucket and manage multipart uploads. Never
        delete: use ``grant_delete`` for that."""
        return self._grant("write", write_policy_document, role, key_prefix, grant_id)

    def grant_delete(
        self,
        role: aws.iam.Role | RoleReference | str,
        key_prefix: str | None = None,
        *,
        grant_id: str | None = None,
    ) -> aws.iam.RolePolicy:
        """Let ``role`` delete objects (current versions; versions stay recoverable)."""
        return self._grant("delete", delete_policy_document, role, key_prefix, grant_id)

    def grant_read_write(
        self,
        role: aws.iam.Role | RoleReference | str,
        key_prefix: str | None = None,
        *,
        grant_id: str | None = None,
    ) -> aws.iam.RolePolicy:
        """``grant_read`` and ``grant_write`` in one role policy (no delete)."""
        return self._grant("read-write", read_write_policy_document, role, key_prefix, grant_id)

    def _grant(
        self,
        kind: str,
        builder: PolicyBuilder,
        role: Any,
        key_prefix: str | None,
        grant_id: str | None,
    ) -> aws.iam.RolePolicy:
        method = f"grant_{kind.replace('-', '_')}"
        check_key_prefix(self._name, method, key_prefix)
        role_name = _role_name(self._name, method, role)
        key = grant_id if grant_id is not None else _grant_key(self._name, method, role)
        logical_name = f"{self._name}-{kind}-{key}"
        check_grant_key(self._name, method, key, logical_name)
        if logical_name in self._grant_names:
            raise bucket_error(
                self._name,
                f"{method}.grant_id",
                key,
                f"a {kind} grant with key {key!r} exists already on this bucket",
                "pass a distinct grant_id for the second grant to the same role",
            )
        self._grant_names.add(logical_name)
        kms = self.kms_key_arn
        if kms is None:
            document = self.arn.apply(lambda arn: json.dumps(builder(arn, key_prefix, None)))
        else:
            document = pulumi.Output.all(self.arn, kms).apply(
                lambda values: json.dumps(builder(values[0], key_prefix, values[1]))
            )
        return aws.iam.RolePolicy(
            logical_name,
            role=role_name,
            policy=document,
            opts=pulumi.ResourceOptions(parent=self),
        )


def _role_name(component: str, method: str, role: Any) -> pulumi.Input[str]:
    if isinstance(role, str):
        if not re.fullmatch(r"[\w+=,.@-]{1,64}", role):
            raise bucket_error(
                component,
                f"{method}.role",
                role,
                "IAM role names are 1 to 64 letters, digits or + = , . @ _ - (B.3 RoleName)",
                "pass the role's name (not its ARN) or the aws.iam.Role itself",
            )
        return role
    for attribute in ("role_name", "name", "id"):
        value = getattr(role, attribute, None)
        if isinstance(value, pulumi.Output):
            return value
    raise bucket_error(
        component,
        f"{method}.role",
        f"<{type(role).__name__}>",
        "a grant needs an IAM role: an aws.iam.Role, an object with a role_name/name Output, "
        "or a role name",
        "pass the role resource or its name",
    )


def _grant_key(component: str, method: str, role: Any) -> str:
    if isinstance(role, str):
        return role
    logical = getattr(role, "pulumi_resource_name", None)
    if isinstance(logical, str) and logical:
        return _GRANT_KEY_CHARS.sub("-", logical)[:64]
    raise bucket_error(
        component,
        f"{method}.grant_id",
        None,
        f"no stable key can be derived from a {type(role).__name__} (it has no logical name)",
        "pass grant_id='<stable-key>'",
    )


def _user_lifecycle_rule(rule: LifecycleRuleArgs) -> aws.s3.BucketLifecycleConfigurationRuleArgs:
    enabled = rule.get("enabled", True)
    status: Any = (
        ("Enabled" if enabled else "Disabled")
        if is_known(enabled)
        else pulumi.Output.from_input(enabled).apply(lambda e: "Enabled" if e else "Disabled")
    )
    expiration = None
    if any(
        rule.get(k) is not None
        for k in ("expiration_days", "expiration_date", "expired_object_delete_marker")
    ):
        expiration = aws.s3.BucketLifecycleConfigurationRuleExpirationArgs(
            days=rule.get("expiration_days"),
            date=_date(rule.get("expiration_date")),
            expired_object_delete_marker=rule.get("expired_object_delete_marker"),
        )
    noncurrent_expiration = None
    if rule.get("noncurrent_version_expiration_days") is not None:
        noncurrent_expiration = (
            aws.s3.BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs(
                noncurrent_days=rule["noncurrent_version_expiration_days"],
                newer_noncurrent_versions=rule.get("newer_noncurrent_versions"),
            )
        )
    abort = None
    if rule.get("abort_incomplete_multipart_upload_days") is not None:
        abort = aws.s3.BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs(
            days_after_initiation=rule["abort_incomplete_multipart_upload_days"]
        )
    return aws.s3.BucketLifecycleConfigurationRuleArgs(
        id=rule["id"],
        status=status,
        filter=_lifecycle_filter(rule),
        expiration=expiration,
        transitions=[
            aws.s3.BucketLifecycleConfigurationRuleTransitionArgs(
                storage_class=t["storage_class"], days=t.get("days"), date=_date(t.get("date"))
            )
            for t in rule.get("transitions") or []
        ]
        or None,
        noncurrent_version_transitions=[
            aws.s3.BucketLifecycleConfigurationRuleNoncurrentVersionTransitionArgs(
                storage_class=t["storage_class"],
                noncurrent_days=t["noncurrent_days"],
                newer_noncurrent_versions=t.get("newer_noncurrent_versions"),
            )
            for t in rule.get("noncurrent_version_transitions") or []
        ]
        or None,
        noncurrent_version_expiration=noncurrent_expiration,
        abort_incomplete_multipart_upload=abort,
    )


def _date(value: Any) -> Any:
    if isinstance(value, str):
        return normalize_lifecycle_date(value) or value
    return value


def _lifecycle_filter(rule: LifecycleRuleArgs) -> aws.s3.BucketLifecycleConfigurationRuleFilterArgs:
    """One condition goes straight into the filter; several are wrapped in ``And`` (S3 rule).
    A rule without conditions gets an empty filter: the whole bucket."""
    prefix = rule.get("prefix")
    tags = dict(rule.get("tags") or {})
    greater = rule.get("object_size_greater_than_bytes")
    less = rule.get("object_size_less_than_bytes")
    count = (prefix is not None) + len(tags) + (greater is not None) + (less is not None)
    if count > 1:
        return aws.s3.BucketLifecycleConfigurationRuleFilterArgs(
            and_=aws.s3.BucketLifecycleConfigurationRuleFilterAndArgs(
                prefix=prefix,
                tags=tags or None,
                object_size_greater_than=greater,
                object_size_less_than=less,
            )
        )
    if tags:
        ((key, value),) = tags.items()
        return aws.s3.BucketLifecycleConfigurationRuleFilterArgs(
            tag=aws.s3.BucketLifecycleConfigurationRuleFilterTagArgs(key=key, value=value)
        )
    return aws.s3.BucketLifecycleConfigurationRuleFilterArgs(
        prefix=prefix, object_size_greater_than=greater, object_size_less_than=less
    )
