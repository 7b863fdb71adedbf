"""S3 buckets: public access, ACLs, TLS, encryption, versioning, lifecycle,
bucket policies, names, and ObjectCreated -> Lambda wiring."""

from __future__ import annotations

from collections.abc import Iterator

from nova_policy.model import Resource
from nova_policy.rule import Context, Scanners, Scope, Severity, rule

from ._common import (
    BUCKET,
    BUCKET_POLICY,
    FUNCTION,
    PERMISSION,
    allows_public,
    as_list,
    denies_without_tls,
    is_public_principal,
    statements,
)

# pulumi-aws 7 still ships the deprecated *V2 names; a raw program may use either.
BUCKETS = (BUCKET, "aws:s3/bucketV2:BucketV2")
PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
BUCKET_ACLS = ("aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2")
ENCRYPTION = (
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
)
VERSIONING = (
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketVersioningV2:BucketVersioningV2",
)
LIFECYCLE = (
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
)
NOTIFICATION = "aws:s3/bucketNotification:BucketNotification"
BPA_FLAGS = ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")
SSE_ALGORITHMS = ("AES256", "aws:kms", "aws:kms:dsse")


def _bucket_arn(bucket: Resource) -> str:
    arn = bucket.get("arn")
    return arn if arn else f"arn:aws:s3:::{bucket.get('bucket')}"


@rule(
    "S3-01",
    "Bucket-level Block Public Access with all four flags on",
    severity=Severity.HIGH,
    types=BUCKETS,
    scope=Scope.STACK,
    scanners=Scanners(
        security_hub=("S3.8", "S3.2", "S3.3"),
        cdk_nag=("AwsSolutions-S2",),
        checkov=("CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"),
        trivy=("AWS-0086", "AWS-0087", "AWS-0091", "AWS-0093", "AWS-0094"),
    ),
    rationale="One false flag lets a bucket policy or ACL make objects public; setting all four "
    "explicitly keeps drift visible.",
    fix="Add an aws.s3.BucketPublicAccessBlock for the bucket with block_public_acls, "
    "block_public_policy, ignore_public_acls and restrict_public_buckets all True.",
)
def s3_public_access_block(bucket: Resource, ctx: Context) -> Iterator[str]:
    blocks = ctx.stack.referring(bucket, PUBLIC_ACCESS_BLOCK, "bucket")
    if not blocks:
        yield "no public access block"
    elif not all(blocks[0].inputs.get(flag) is True for flag in BPA_FLAGS):
        off = [flag for flag in BPA_FLAGS if blocks[0].inputs.get(flag) is not True]
        yield f"public access block flags not true: {', '.join(off)}"


@rule(
    "S3-02",
    "ACLs disabled (BucketOwnerEnforced), no canned ACL",
    severity=Severity.HIGH,
    types=(*BUCKETS, *BUCKET_ACLS),
    scope=Scope.STACK,
    scanners=Scanners(
        security_hub=("S3.12",),
        checkov=("CKV2_AWS_65", "CKV_AWS_20", "CKV_AWS_57"),
        trivy=("AWS-0092",),
    ),
    rationale="ACLs grant access outside IAM and bucket policies; with ownership enforced every "
    "object belongs to the bucket owner and ACLs are ignored.",
    fix="Add an aws.s3.BucketOwnershipControls with rule object_ownership='BucketOwnerEnforced'; "
    "remove acl= and aws.s3.BucketAcl resources.",
)
def s3_acls_disabled(resource: Resource, ctx: Context) -> Iterator[str]:
    if resource.type in BUCKET_ACLS:
        yield "bucket ACL resource"
        return
    if resource.inputs.get("acl"):
        yield f"canned ACL {resource.inputs['acl']!r}"
    controls = ctx.stack.referring(resource, OWNERSHIP, "bucket")
    owners = [(c.inputs.get("rule") or {}).get("objectOwnership") for c in controls]
    if owners != ["BucketOwnerEnforced"]:
        yield f"object ownership is {owners or 'unset'}"


@rule(
    "S3-03",
    "TLS-only bucket policy",
    severity=Severity.MEDIUM,
    types=BUCKETS,
    scope=Scope.STACK,
    scanners=Scanners(
        security_hub=("S3.5",), cdk_nag=("AwsSolutions-S10",), checkov=("CKV_AWS_379",)
    ),
    rationale="Without it S3 accepts plain HTTP requests; one policy per bucket avoids two "
    "resources overwriting each other.",
    fix="Give the bucket exactly one aws.s3.BucketPolicy with a Deny of s3:* to Principal '*' on "
    "the bucket ARN and ARN/* when aws:SecureTransport is false.",
)
def s3_tls_only_policy(bucket: Resource, ctx: Context) -> Iterator[str]:
    policies = ctx.stack.referring(bucket, BUCKET_POLICY, "bucket")
    if len(policies) != 1:
        yield f"{len(policies)} bucket policies (want exactly one)"
        return
    arn = _bucket_arn(bucket)
    ok = any(
        denies_without_tls(s)
        and is_public_principal(s.get("Principal"))
        and ({"s3:*", "*"} & set(as_list(s.get("Action"))))
        and {arn, f"{arn}/*"} <= set(as_list(s.get("Resource")))
        for s in statements(policies[0].inputs.get("policy"))
    )
    if not ok:
        yield "no Deny s3:* without TLS on the bucket and its objects"


@rule(
    "S3-04",
    "Default encryption stated",
    severity=Severity.MEDIUM,
    types=BUCKETS,
    scope=Scope.STACK,
    scanners=Scanners(checkov=("CKV_AWS_19",), trivy=("AWS-0088",)),
    rationale="S3 encrypts new objects anyway; stating the configuration keeps scanners and "
    "reviewers from guessing.",
    fix="Add an aws.s3.BucketServerSideEncryptionConfiguration with sse_algorithm 'AES256' "
    "(or 'aws:kms' with a key).",
)
def s3_encryption(bucket: Resource, ctx: Context) -> Iterator[str]:
    algorithms = [
        (r.get("applyServerSideEncryptionByDefault") or {}).get("sseAlgorithm")
        for c in ctx.stack.referring(bucket, ENCRYPTION, "bucket")
        for r in as_list(c.inputs.get("rules"))
    ]
    if not algorithms or not all(a in SSE_ALGORITHMS for a in algorithms):
        yield f"default encryption not configured ({algorithms})"


def _versioning(bucket: Resource, ctx: Context) -> list[str]:
    return [
        (c.inputs.get("versioningConfiguration") or {}).get("status")
        for c in ctx.stack.referring(bucket, VERSIONING, "bucket")
    ]


@rule(
    "S3-06",
    "Versioning enabled",
    severity=Severity.LOW,
    types=BUCKETS,
    scope=Scope.STACK,
    scanners=Scanners(
        security_hub=("S3.14",),
        cdk_nag=("NIST.800.53.R5-S3BucketVersioningEnabled",),
        checkov=("CKV_AWS_21",),
        trivy=("AWS-0090",),
    ),
    rationale="Versions recover overwritten and deleted objects.",
    fix="Add an aws.s3.BucketVersioning with versioning_configuration status 'Enabled' "
    "(pair it with S3-07 noncurrent expiration).",
)
def s3_versioning(bucket: Resource, ctx: Context) -> Iterator[str]:
    status = _versioning(bucket, ctx)
    if status != ["Enabled"]:
        yield f"versioning is {status or 'unset'}"


@rule(
    "S3-07",
    "Lifecycle aborts incomplete uploads and expires noncurrent versions",
    severity=Severity.LOW,
    types=BUCKETS,
    scope=Scope.STACK,
    scanners=Scanners(security_hub=("S3.13", "S3.10"), checkov=("CKV_AWS_300", "CKV2_AWS_61")),
    rationale="Incomplete multipart uploads and old versions are billed forever otherwise.",
    fix="Add an aws.s3.BucketLifecycleConfiguration with an Enabled rule having "
    "abort_incomplete_multipart_upload and, when versioned, noncurrent_version_expiration.",
)
def s3_lifecycle(bucket: Resource, ctx: Context) -> Iterator[str]:
    rules = [
        r
        for c in ctx.stack.referring(bucket, LIFECYCLE, "bucket")
        for r in as_list(c.inputs.get("rules"))
        if r.get("status") == "Enabled"
    ]
    if not any(r.get("abortIncompleteMultipartUpload") for r in rules):
        yield "no enabled abort-incomplete-multipart-upload rule"
    if "Enabled" in _versioning(bucket, ctx) and not any(
        r.get("noncurrentVersionExpiration") for r in rules
    ):
        yield "versioned but no noncurrent-version expiration"


@rule(
    "S3-09",
    "Bucket policy not public",
    severity=Severity.HIGH,
    types=(BUCKET_POLICY,),
    scanners=Scanners(security_hub=("S3.6",), checkov=("CKV_AWS_70", "CKV_AWS_93")),
    rationale="An Allow to '*' without a restricting condition opens the bucket to the internet.",
    fix="Name the principals, or narrow the statement with aws:SourceArn / aws:SourceAccount / "
    "aws:PrincipalOrgID.",
)
def s3_policy_not_public(policy: Resource, ctx: Context) -> Iterator[str]:
    for statement in statements(policy.inputs.get("policy")):
        if allows_public(statement):
            yield "allows a public principal without a condition"


@rule(
    "S3-14",
    "DNS-compliant bucket name (no dots)",
    severity=Severity.LOW,
    types=BUCKETS,
    scanners=Scanners(trivy=("AWS-0320",)),
    rationale="Dots break virtual-hosted-style HTTPS certificate matching and Transfer "
    "Acceleration.",
    fix="Use hyphens instead of dots in bucket (and bucket_prefix) names.",
)
def s3_dns_compliant_name(bucket: Resource, ctx: Context) -> Iterator[str]:
    for key in ("bucket", "bucketPrefix"):
        name = bucket.get(key)
        if isinstance(name, str) and "." in name:
            yield f"{key} {name!r} has dots"
            return


def _function_names(arn: str) -> set[str]:
    names = {arn}
    if ":function:" in arn:
        names.add(arn.split(":function:", 1)[1].split(":", 1)[0])
    return names


@rule(
    "S3-16",
    "Lambda notifications: scoped permission created first, one notification per bucket",
    severity=Severity.MEDIUM,
    types=(NOTIFICATION,),
    scope=Scope.STACK,
    scanners=Scanners(security_hub=("S3.11",), checkov=("CKV2_AWS_62",), other=("L-12",)),
    rationale="S3 validates each destination when the configuration is written, so the invoke "
    "permission must exist first; each BucketNotification replaces the bucket's whole "
    "configuration, so two of them fight.",
    fix="Create one aws.s3.BucketNotification per bucket with depends_on=[permission], where the "
    "permission has principal 's3.amazonaws.com' and source_arn the bucket ARN.",
)
def s3_notification_wiring(notification: Resource, ctx: Context) -> Iterator[str]:
    buckets = ctx.stack.referred(notification, "bucket", BUCKETS)
    for bucket in buckets:
        others = ctx.stack.referring(bucket, NOTIFICATION, "bucket")
        if len(others) > 1:
            yield f"bucket {bucket.name!r} has {len(others)} notification resources (want one)"
    for target in as_list(notification.inputs.get("lambdaFunctions")):
        arn = target.get("lambdaFunctionArn")
        names = _function_names(str(arn))
        functions = [f for f in ctx.stack.by_type(FUNCTION) if f.identifiers() & names]
        permissions = [
            p
            for p in ctx.stack.by_type(PERMISSION)
            if p.inputs.get("principal") == "s3.amazonaws.com"
            and (
                str(p.inputs.get("function")) in names
                or any(ctx.stack.refers(p, "function", f) for f in functions)
            )
            and (not buckets or any(ctx.stack.refers(p, "sourceArn", b) for b in buckets))
        ]
        if not permissions:
            yield f"no s3.amazonaws.com permission scoped to the bucket for {arn}"
        elif not any(ctx.stack.depends_on(notification, p) for p in permissions):
            yield f"does not depend on the invoke permission for {arn} (S3 rejects the write)"
