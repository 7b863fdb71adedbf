"""KMS customer managed keys."""

from __future__ import annotations

from collections.abc import Iterator

from nova_policy.model import Resource
from nova_policy.rule import Context, Scanners, Severity, rule

from ._common import KMS_KEY, allows_public, statements


@rule(
    "K-01",
    "Automatic key rotation",
    severity=Severity.MEDIUM,
    types=(KMS_KEY,),
    scanners=Scanners(
        security_hub=("KMS.4",),
        cdk_nag=("AwsSolutions-KMS5",),
        checkov=("CKV_AWS_7",),
        trivy=("AWS-0065",),
        other=("AWSGuard:cmk-backing-key-rotation-enabled",),
    ),
    rationale="Rotation limits how much data one key version protects.",
    fix="Set enable_key_rotation=True.",
)
def kms_keys_rotate(key: Resource, ctx: Context) -> Iterator[str]:
    if key.inputs.get("enableKeyRotation") is not True:
        yield "rotation off"


@rule(
    "K-02",
    "Explicit, non-public key policy",
    severity=Severity.CRITICAL,
    types=(KMS_KEY,),
    scanners=Scanners(security_hub=("KMS.5",), checkov=("CKV2_AWS_64", "CKV_AWS_33")),
    rationale="The default key policy delegates everything to IAM; a public Allow lets anyone "
    "use the key.",
    fix="Pass policy= with the account root, the services that need the key (with "
    "aws:SourceAccount) and no unconditioned '*' principal.",
)
def kms_keys_explicit_policy(key: Resource, ctx: Context) -> Iterator[str]:
    policy = key.inputs.get("policy")
    if not policy:
        yield "no explicit key policy"
        return
    for statement in statements(policy):
        if allows_public(statement):
            yield "key policy allows a public principal without a condition"


@rule(
    "K-03",
    "30-day deletion window, lockout safety check kept",
    severity=Severity.HIGH,
    types=(KMS_KEY,),
    scanners=Scanners(security_hub=("KMS.3",)),
    rationale="A deleted key makes everything it encrypted unreadable; 30 days is the longest "
    "window to notice a mistake.",
    fix="Set deletion_window_in_days=30 and leave bypass_policy_lockout_safety_check off.",
    options={"minimum_deletion_window_days": 30},
)
def kms_keys_deletion_safety(key: Resource, ctx: Context) -> Iterator[str]:
    if key.inputs.get("bypassPolicyLockoutSafetyCheck"):
        yield "bypasses the policy lockout safety check"
    window = key.inputs.get("deletionWindowInDays")
    minimum = int(ctx.options.get("minimum_deletion_window_days", 30))
    if (window or 30) < minimum:
        yield f"deletion window {window!r} < {minimum} days"
