"""Pure builders of the IAM and bucket policy documents, and the action lists they use.

Every action list of the package lives here, so a review reads one file. The functions take plain
strings and return plain ``dict`` documents (``json.dumps`` them to attach), so callers who
assemble their own policies get exactly what the component attaches.

Grant scopes (compare with aws-cdk-lib ``aws_s3.Bucket.grant*``):

=================  ==================================================  ===========================
grant              S3 actions                                          KMS actions (when a key)
=================  ==================================================  ===========================
read               List* on the bucket (prefix-scoped), Get* objects   ``kms:Decrypt``
put                PutObject, PutObjectTagging, AbortMultipartUpload   Encrypt, ReEncrypt*,
                                                                       GenerateDataKey*, Decrypt
write              put + ListMultipartUploadParts + bucket listing     as put
delete             DeleteObject, DeleteObjectTagging                   none
read_write         read + write                                        Decrypt + as put
=================  ==================================================  ===========================

``write`` never includes delete (a long-standing complaint about CDK's ``grantWrite``), and
``delete`` does not include ``s3:DeleteObjectVersion``: in a versioned bucket a delete only adds
a delete marker, so data stays recoverable until the noncurrent-version expiration.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "BUCKET_ARN_PLACEHOLDER",
    "DANGEROUS_CROSS_ACCOUNT_ACTIONS",
    "DELETE_OBJECT_ACTIONS",
    "KMS_READ_ACTIONS",
    "KMS_WRITE_ACTIONS",
    "LIST_BUCKET_ACTIONS",
    "PUT_OBJECT_ACTIONS",
    "READ_OBJECT_ACTIONS",
    "TLS_STATEMENT_SIDS",
    "WRITE_OBJECT_ACTIONS",
    "access_log_delivery_statement",
    "bucket_policy_document",
    "delete_policy_document",
    "objects_arn",
    "put_policy_document",
    "read_policy_document",
    "read_write_policy_document",
    "tls_only_statements",
    "write_policy_document",
]

POLICY_VERSION = "2012-10-17"

# -- grant actions ---------------------------------------------------------------------------
LIST_BUCKET_ACTIONS: tuple[str, ...] = ("s3:ListBucket", "s3:ListBucketVersions")
"""Bucket-level listing; both support the ``s3:prefix`` condition key."""

READ_OBJECT_ACTIONS: tuple[str, ...] = (
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3:GetObjectTagging",
    "s3:GetObjectVersionTagging",
    "s3:GetObjectAttributes",
    "s3:GetObjectVersionAttributes",
)
"""Object-level reads (ACL reads are left out: ACLs are disabled by BucketOwnerEnforced)."""

PUT_OBJECT_ACTIONS: tuple[str, ...] = (
    "s3:PutObject",
    "s3:PutObjectTagging",
    "s3:AbortMultipartUpload",
)
"""Object uploads, including multipart uploads and tags. No ACLs, no deletes."""

WRITE_OBJECT_ACTIONS: tuple[str, ...] = (*PUT_OBJECT_ACTIONS, "s3:ListMultipartUploadParts")
"""Uploads plus resuming multipart uploads. No deletes: see ``DELETE_OBJECT_ACTIONS``."""

DELETE_OBJECT_ACTIONS: tuple[str, ...] = ("s3:DeleteObject", "s3:DeleteObjectTagging")
"""Deletes of the current version (a delete marker when versioning is on)."""

KMS_READ_ACTIONS: tuple[str, ...] = ("kms:Decrypt",)
KMS_WRITE_ACTIONS: tuple[str, ...] = (
    "kms:Encrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:Decrypt",
)
"""As aws-cdk-lib: ``kms:Decrypt`` is needed to complete multipart uploads with SSE-KMS."""

# -- bucket policy ---------------------------------------------------------------------------
BUCKET_ARN_PLACEHOLDER = "${bucket_arn}"
"""Write this in the ``Resource`` of ``policy_statements``; it is replaced by the bucket ARN."""

TLS_STATEMENT_SIDS: tuple[str, str] = ("DenyInsecureTransport", "DenyOutdatedTls")
MINIMUM_TLS_VERSION = 1.2

DANGEROUS_CROSS_ACCOUNT_ACTIONS: tuple[str, ...] = (
    "s3:DeleteBucketPolicy",
    "s3:PutBucketAcl",
    "s3:PutBucketPolicy",
    "s3:PutEncryptionConfiguration",
    "s3:PutObjectAcl",
)
"""Actions Security Hub S3.6 forbids granting to other accounts in a bucket policy."""


def _require_arn(bucket_arn: object) -> str:
    """The builders need the bucket's ARN as a string; ``None`` (an output a mock never set)
    would otherwise surface as a ``TypeError`` deep inside a statement."""
    if not isinstance(bucket_arn, str) or not bucket_arn:
        raise TypeError(
            f"bucket_arn must be the bucket's ARN (a non-empty str), got {bucket_arn!r}; under "
            "Pulumi mocks that echo inputs back the ARN stays unset: use nova_testing.NovaMocks"
        )
    return bucket_arn


def objects_arn(bucket_arn: str, key_prefix: str | None = None) -> str:
    """ARN pattern of the objects in the bucket, optionally under ``key_prefix``."""
    return f"{_require_arn(bucket_arn)}/{key_prefix or ''}*"


def _statement(
    sid: str,
    actions: Sequence[str],
    resources: str | Sequence[str],
    condition: Mapping[str, Any] | None = None,
    effect: str = "Allow",
) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "Sid": sid,
        "Effect": effect,
        "Action": list(actions),
        "Resource": resources if isinstance(resources, str) else list(resources),
    }
    if condition:
        statement["Condition"] = dict(condition)
    return statement


def _list_statement(bucket_arn: str, key_prefix: str | None) -> dict[str, Any]:
    condition = {"StringLike": {"s3:prefix": [f"{key_prefix}*"]}} if key_prefix else None
    return _statement("ListBucket", LIST_BUCKET_ACTIONS, _require_arn(bucket_arn), condition)


def _kms_statement(
    sid: str, actions: Iterable[str], kms_key_arn: str, bucket_arn: str
) -> dict[str, Any]:
    # S3 calls KMS with the bucket ARN as encryption context when S3 Bucket Keys are on (the
    # component always turns them on) and with the object ARN otherwise: allow both, nothing else.
    condition = {
        "StringLike": {"kms:EncryptionContext:aws:s3:arn": [bucket_arn, f"{bucket_arn}/*"]}
    }
    return _statement(sid, _unique(actions), kms_key_arn, condition)


def _unique(actions: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(actions))


def _document(statements: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {"Version": POLICY_VERSION, "Statement": list(statements)}


def read_policy_document(
    bucket_arn: str, key_prefix: str | None = None, kms_key_arn: str | None = None
) -> dict[str, Any]:
    """Read objects (under ``key_prefix``) and list the bucket (limited to the prefix)."""
    statements = [
        _list_statement(bucket_arn, key_prefix),
        _statement("ReadObjects", READ_OBJECT_ACTIONS, objects_arn(bucket_arn, key_prefix)),
    ]
    if kms_key_arn:
        statements.append(
            _kms_statement("DecryptObjects", KMS_READ_ACTIONS, kms_key_arn, bucket_arn)
        )
    return _document(statements)


def put_policy_document(
    bucket_arn: str, key_prefix: str | None = None, kms_key_arn: str | None = None
) -> dict[str, Any]:
    """Upload objects (under ``key_prefix``) only: no listing, no reading, no deleting."""
    statements = [
        _statement("PutObjects", PUT_OBJECT_ACTIONS, objects_arn(bucket_arn, key_prefix)),
    ]
    if kms_key_arn:
        statements.append(
            _kms_statement("EncryptObjects", KMS_WRITE_ACTIONS, kms_key_arn, bucket_arn)
        )
    return _document(statements)


def write_policy_document(
    bucket_arn: str, key_prefix: str | None = None, kms_key_arn: str | None = None
) -> dict[str, Any]:
    """Upload objects and manage multipart uploads (under ``key_prefix``); never delete."""
    statements = [
        _list_statement(bucket_arn, key_prefix),
        _statement("WriteObjects", WRITE_OBJECT_ACTIONS, objects_arn(bucket_arn, key_prefix)),
    ]
    if kms_key_arn:
        statements.append(
            _kms_statement("EncryptObjects", KMS_WRITE_ACTIONS, kms_key_arn, bucket_arn)
        )
    return _document(statements)


def delete_policy_document(
    bucket_arn: str, key_prefix: str | None = None, kms_key_arn: str | None = None
) -> dict[str, Any]:
    """Delete objects (under ``key_prefix``). ``kms_key_arn`` is accepted for a uniform
    signature; deleting needs no KMS permission."""
    del kms_key_arn
    return _document(
        [_statement("DeleteObjects", DELETE_OBJECT_ACTIONS, objects_arn(bucket_arn, key_prefix))]
    )


def read_write_policy_document(
    bucket_arn: str, key_prefix: str | None = None, kms_key_arn: str | None = None
) -> dict[str, Any]:
    """``read`` and ``write`` together (still no delete)."""
    statements = [
        _list_statement(bucket_arn, key_prefix),
        _statement(
            "ReadWriteObjects",
            _unique((*READ_OBJECT_ACTIONS, *WRITE_OBJECT_ACTIONS)),
            objects_arn(bucket_arn, key_prefix),
        ),
    ]
    if kms_key_arn:
        statements.append(
            _kms_statement(
                "EncryptDecryptObjects",
                (*KMS_READ_ACTIONS, *KMS_WRITE_ACTIONS),
                kms_key_arn,
                bucket_arn,
            )
        )
    return _document(statements)


def tls_only_statements(bucket_arn: str) -> list[dict[str, Any]]:
    """The two deny statements every bucket policy of this package starts with.

    Shape required by cdk-nag AwsSolutions-S10 and Security Hub S3.5: Effect Deny, Principal
    ``"*"``, Action ``s3:*``, Resource the bucket and its objects; one statement for requests
    without TLS, one for TLS older than 1.2.
    """
    resources = [_require_arn(bucket_arn), f"{bucket_arn}/*"]
    return [
        {
            "Sid": TLS_STATEMENT_SIDS[0],
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": resources,
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
        {
            "Sid": TLS_STATEMENT_SIDS[1],
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": list(resources),
            "Condition": {"NumericLessThan": {"s3:TlsVersion": MINIMUM_TLS_VERSION}},
        },
    ]


def _substitute(value: Any, bucket_arn: str) -> Any:
    if isinstance(value, str):
        return value.replace(BUCKET_ARN_PLACEHOLDER, bucket_arn)
    if isinstance(value, Mapping):
        return {k: _substitute(v, bucket_arn) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_substitute(v, bucket_arn) for v in value]
    return value


def bucket_policy_document(
    bucket_arn: str, statements: Sequence[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """The bucket policy: the TLS-only statements, then ``statements`` with
    ``${bucket_arn}`` replaced by ``bucket_arn``."""
    return _document(
        [*tls_only_statements(bucket_arn), *(_substitute(s, bucket_arn) for s in statements)]
    )


def access_log_delivery_statement(
    source_account_id: Any, target_prefix: str = "", source_bucket_arn: Any = None
) -> dict[str, Any]:
    """A statement for the ``policy_statements`` of a *log target* bucket that lets S3 server
    access logging deliver logs into it (the bucket-policy way, which works with ACLs disabled).

    ``source_account_id`` (and ``source_bucket_arn`` when known) may be ``Output`` values; they
    restrict the delivery to your own buckets (confused-deputy protection).
    """
    condition: dict[str, Any] = {"StringEquals": {"aws:SourceAccount": source_account_id}}
    if source_bucket_arn is not None:
        condition["ArnLike"] = {"aws:SourceArn": source_bucket_arn}
    return {
        "Sid": "AllowS3ServerAccessLogDelivery",
        "Effect": "Allow",
        "Principal": {"Service": "logging.s3.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": f"{BUCKET_ARN_PLACEHOLDER}/{target_prefix}*",
        "Condition": condition,
    }
