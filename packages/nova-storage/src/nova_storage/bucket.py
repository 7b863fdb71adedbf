"""The ``Bucket`` component: an S3 bucket that passes a security review with no arguments.

This module only turns a :class:`~nova_storage._plan.bucket.BucketPlan` into resources: defaults
live in ``_plan/bucket.py`` and every check in ``_rules/``. No ``from __future__ import
annotations`` here on purpose: Pulumi's component analyzer reads the annotations of ``__init__``
and of the outputs at runtime and needs real types, not strings.
"""

import json
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import pulumi
import pulumi_aws as aws

from nova_core import Checker, child_name

from ._plan.bucket import (
    COMPONENT,
    DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS,
    DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
    BucketPlan,
    plan_bucket,
)
from ._policies import (
    bucket_policy_document,
    delete_policy_document,
    put_policy_document,
    read_policy_document,
    read_write_policy_document,
    write_policy_document,
)
from ._resource_args import encryption_rule, lifecycle_rule_args, switch
from ._rules.grants import check_grant
from .bucket_args import (
    AccessLogsArgs,
    BucketArgs,
    CorsRuleArgs,
    LifecycleRuleArgs,
    LifecycleTransitionArgs,
    NoncurrentVersionTransitionArgs,
    NotificationArgs,
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


@runtime_checkable
class RoleReference(Protocol):
    """Anything with a role ``name`` output, such as ``aws.iam.Role``."""

    @property
    def name(self) -> pulumi.Output[str]: ...


PolicyBuilder = Callable[[str, str | None, str | None], dict[str, Any]]
ChildOptions = Callable[..., pulumi.ResourceOptions]
_ECHO_MOCKS_FIX = (
    "under Pulumi mocks, return the outputs AWS computes (arn, bucket) from new_resource "
    "instead of echoing the inputs back, or use nova_testing.NovaMocks (the mock_stack fixture)"
)


def _known_arn(name: str, arn: Any) -> str:
    """The bucket ARN, or a clear error when it resolved to nothing (mocks that echo inputs)."""
    if not isinstance(arn, str) or not arn:
        raise RuntimeError(
            f"{COMPONENT} '{name}': the bucket's 'arn' output resolved to {arn!r}, so no policy "
            "can name the bucket. AWS always sets it; mocks that echo the inputs back "
            "(`return [name + '_id', inputs]`) leave it unset because 'arn' is not an input. "
            f"Fix: {_ECHO_MOCKS_FIX}."
        )
    return arn


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
        self,
        name: str,
        args: BucketArgs = BucketArgs(),  # noqa: B008 - an empty TypedDict, never mutated
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        plan = plan_bucket(name, args)  # every plain check, before anything registers
        super().__init__(TYPE_TOKEN, name, None, opts)
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

        self.bucket = aws.s3.Bucket(
            child_name(name, "bucket"),
            bucket=plan.bucket_name,
            bucket_prefix=plan.bucket_prefix,
            force_destroy=plan.force_destroy,
            tags=plan.tags,
            opts=child(),
        )
        self.bucket_name = self.bucket.bucket
        self.arn = self.bucket.arn
        self.bucket_regional_domain_name = self.bucket.bucket_regional_domain_name
        kms = plan.kms_key_arn
        self.kms_key_arn = None if kms is None else pulumi.Output.from_input(kms)
        self._configure(plan, child)
        self._notifications(plan, child)
        self.register_outputs(
            {
                "bucket": self.bucket,
                "bucket_name": self.bucket_name,
                "arn": self.arn,
                "bucket_regional_domain_name": self.bucket_regional_domain_name,
                "kms_key_arn": self.kms_key_arn,
            }
        )

    # -- construction ------------------------------------------------------------------------
    def _configure(self, plan: BucketPlan, child: ChildOptions) -> None:
        """Public access block, ownership, encryption, versioning, policy, lifecycle, CORS and
        logging: the configuration children, all retained with the bucket."""
        name, bucket_id = plan.name, self.bucket.bucket
        public_access_block = aws.s3.BucketPublicAccessBlock(
            child_name(name, "public-access-block"),
            bucket=bucket_id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=child(),
        )
        aws.s3.BucketOwnershipControls(
            child_name(name, "ownership-controls"),
            bucket=bucket_id,
            rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"),
            opts=child(),
        )
        aws.s3.BucketServerSideEncryptionConfiguration(
            child_name(name, "encryption"),
            bucket=bucket_id,
            rules=[encryption_rule(plan.kms_key_arn, plan.allow_sse_c_uploads)],
            opts=child(),
        )
        versioning = aws.s3.BucketVersioning(
            child_name(name, "versioning"),
            bucket=bucket_id,
            versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(
                status=switch(plan.versioning_enabled, "Enabled", "Suspended")
            ),
            opts=child(),
        )
        aws.s3.BucketPolicy(
            child_name(name, "policy"),
            bucket=bucket_id,
            policy=pulumi.Output.all(self.arn, plan.policy_statements).apply(
                lambda values: json.dumps(
                    bucket_policy_document(_known_arn(name, values[0]), values[1])
                )
            ),
            opts=child(depends_on=[public_access_block]),
        )
        aws.s3.BucketLifecycleConfiguration(
            child_name(name, "lifecycle"),
            bucket=bucket_id,
            rules=[lifecycle_rule_args(rule) for rule in plan.lifecycle_rules],
            opts=child(depends_on=[versioning]),
        )
        if plan.cors_rules:
            aws.s3.BucketCorsConfiguration(
                child_name(name, "cors"),
                bucket=bucket_id,
                cors_rules=[
                    aws.s3.BucketCorsConfigurationCorsRuleArgs(
                        allowed_methods=rule.allowed_methods,
                        allowed_origins=rule.allowed_origins,
                        allowed_headers=rule.allowed_headers,
                        expose_headers=rule.expose_headers,
                        max_age_seconds=rule.max_age_seconds,
                        id=rule.id,
                    )
                    for rule in plan.cors_rules
                ],
                opts=child(),
            )
        if plan.access_logs is not None:
            aws.s3.BucketLogging(
                child_name(name, "logging"),
                bucket=bucket_id,
                target_bucket=plan.access_logs.target_bucket,
                target_prefix=plan.access_logs.target_prefix,
                opts=child(),
            )

    def _notifications(self, plan: BucketPlan, child: ChildOptions) -> None:
        """One notification configuration for every target, ordered after the Lambda invoke
        permissions (scoped to this bucket and account) it needs."""
        if not plan.has_notification_configuration:
            return
        targets: dict[str, list[Any]] = {"function": [], "queue": [], "topic": []}
        permissions: list[pulumi.Resource] = []
        account_id: pulumi.Output[str] | None = None
        for spec in plan.notifications:
            common: dict[str, Any] = {
                "id": spec.key,
                "events": spec.events,
                "filter_prefix": spec.filter_prefix,
                "filter_suffix": spec.filter_suffix,
            }
            if spec.kind == "function":
                if account_id is None:
                    account_id = aws.get_caller_identity_output(
                        opts=pulumi.InvokeOutputOptions(parent=self)
                    ).account_id
                permissions.append(
                    aws.lambda_.Permission(
                        child_name(plan.name, "invoke", spec.key),
                        action="lambda:InvokeFunction",
                        function=spec.target_arn,
                        principal="s3.amazonaws.com",
                        source_arn=self.arn,
                        source_account=account_id,
                        opts=child(stateful=False),
                    )
                )
                target = aws.s3.BucketNotificationLambdaFunctionArgs(
                    lambda_function_arn=spec.target_arn, **common
                )
            elif spec.kind == "queue":
                target = aws.s3.BucketNotificationQueueArgs(queue_arn=spec.target_arn, **common)
            else:
                target = aws.s3.BucketNotificationTopicArgs(topic_arn=spec.target_arn, **common)
            targets[spec.kind].append(target)
        aws.s3.BucketNotification(
            child_name(plan.name, "notifications"),
            bucket=self.bucket.bucket,
            eventbridge=plan.eventbridge_enabled,
            lambda_functions=targets["function"] or None,
            queues=targets["queue"] or None,
            topics=targets["topic"] or None,
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
        name = self._name
        method = f"grant_{kind.replace('-', '_')}"
        target = check_grant(
            Checker(COMPONENT, name), method, kind, role, key_prefix, grant_id, self._grant_names
        )
        self._grant_names.add(target.child_name)
        document = pulumi.Output.all(self.arn, self.kms_key_arn).apply(
            lambda values: json.dumps(builder(_known_arn(name, values[0]), key_prefix, values[1]))
        )
        return aws.iam.RolePolicy(
            target.child_name,
            role=target.role_name,
            policy=document,
            opts=pulumi.ResourceOptions(parent=self),
        )
