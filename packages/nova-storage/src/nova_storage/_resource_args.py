"""Plan parts in the provider's argument types (lifecycle rules, encryption); no checks here."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from ._plan.bucket import LifecycleRulePlan

__all__ = ["encryption_rule", "lifecycle_rule_args", "switch"]

_Rule = aws.s3.BucketLifecycleConfigurationRuleArgs
_Filter = aws.s3.BucketLifecycleConfigurationRuleFilterArgs


_SseDefaultArgs = (
    aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
)


def switch(flag: pulumi.Input[bool], on: str, off: str) -> pulumi.Input[str]:
    """``on`` or ``off`` for a plain or ``Output`` bool."""
    if isinstance(flag, bool):
        return on if flag else off
    return pulumi.Output.from_input(flag).apply(lambda value: on if value else off)


def encryption_rule(
    kms: pulumi.Input[str] | None, allow_sse_c: pulumi.Input[bool]
) -> aws.s3.BucketServerSideEncryptionConfigurationRuleArgs:
    """SSE-S3, or SSE-KMS with an S3 Bucket Key, always stated; SSE-C blocked unless allowed."""
    blocked = [switch(allow_sse_c, "NONE", "SSE-C")]
    if kms is None:
        return aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
            apply_server_side_encryption_by_default=_SseDefaultArgs(sse_algorithm="AES256"),
            blocked_encryption_types=blocked,
        )
    return aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
        apply_server_side_encryption_by_default=_SseDefaultArgs(
            sse_algorithm="aws:kms", kms_master_key_id=kms
        ),
        bucket_key_enabled=True,
        blocked_encryption_types=blocked,
    )


def _filter(rule: LifecycleRulePlan) -> _Filter:
    """One condition goes straight into the filter; several are wrapped in ``And`` (S3 rule).
    A rule without conditions gets an empty filter: the whole bucket (S3 needs the element for
    ``NewerNoncurrentVersions``)."""
    if rule.filter_conditions > 1:
        return _Filter(
            and_=aws.s3.BucketLifecycleConfigurationRuleFilterAndArgs(
                prefix=rule.prefix,
                tags=rule.tags or None,
                object_size_greater_than=rule.object_size_greater_than,
                object_size_less_than=rule.object_size_less_than,
            )
        )
    if rule.tags:
        ((key, value),) = rule.tags.items()
        return _Filter(
            tag=aws.s3.BucketLifecycleConfigurationRuleFilterTagArgs(key=key, value=value)
        )
    return _Filter(
        prefix=rule.prefix,
        object_size_greater_than=rule.object_size_greater_than,
        object_size_less_than=rule.object_size_less_than,
    )


def lifecycle_rule_args(rule: LifecycleRulePlan) -> _Rule:
    """The provider's form of one planned rule."""
    expiration: Any = None
    if any(
        v is not None
        for v in (rule.expiration_days, rule.expiration_date, rule.expired_object_delete_marker)
    ):
        expiration = aws.s3.BucketLifecycleConfigurationRuleExpirationArgs(
            days=rule.expiration_days,
            date=rule.expiration_date,
            expired_object_delete_marker=rule.expired_object_delete_marker,
        )
    noncurrent_expiration: Any = None
    if rule.noncurrent_expiration_days is not None:
        noncurrent_expiration = (
            aws.s3.BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs(
                noncurrent_days=rule.noncurrent_expiration_days,
                newer_noncurrent_versions=rule.newer_noncurrent_versions,
            )
        )
    abort: Any = None
    if rule.abort_incomplete_multipart_upload_days is not None:
        abort = aws.s3.BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs(
            days_after_initiation=rule.abort_incomplete_multipart_upload_days
        )
    return _Rule(
        id=rule.id,
        status=switch(rule.enabled, "Enabled", "Disabled"),
        filter=_filter(rule),
        expiration=expiration,
        transitions=[
            aws.s3.BucketLifecycleConfigurationRuleTransitionArgs(
                storage_class=t.storage_class, days=t.days, date=t.date
            )
            for t in rule.transitions
        ]
        or None,
        noncurrent_version_transitions=[
            aws.s3.BucketLifecycleConfigurationRuleNoncurrentVersionTransitionArgs(
                storage_class=t.storage_class,
                noncurrent_days=t.noncurrent_days,
                newer_noncurrent_versions=t.newer_noncurrent_versions,
            )
            for t in rule.noncurrent_transitions
        ]
        or None,
        noncurrent_version_expiration=noncurrent_expiration,
        abort_incomplete_multipart_upload=abort,
    )
