"""Secrets Manager grants: exact action lists and pure policy builders (SM-04).

Reads are allowed on the secret's **full** ARN (with its ``-XXXXXX`` suffix), never ``*`` or
CDK's ``-??????`` pattern, because the component knows the exact ARN. Only a reference made by
name (:meth:`nova_storage.Secret.from_name`) has to use the pattern. With a customer managed key,
``kms:Decrypt`` is limited to calls Secrets Manager makes in the key's Region
(``kms:ViaService``).
"""

from __future__ import annotations

from typing import Any

from nova_core import parse_arn

__all__ = [
    "SECRET_KMS_READ_ACTIONS",
    "SECRET_READ_ACTIONS",
    "secret_read_policy_document",
    "secrets_manager_endpoint",
]

SECRET_READ_ACTIONS: tuple[str, ...] = (
    "secretsmanager:GetSecretValue",
    "secretsmanager:DescribeSecret",
)
"""Read the current value and the metadata of one secret."""

SECRET_KMS_READ_ACTIONS: tuple[str, ...] = ("kms:Decrypt",)
"""On the secret's customer managed key, only through Secrets Manager."""

_DNS_SUFFIX = {"aws-cn": "amazonaws.com.cn"}


def secrets_manager_endpoint(region: str, partition: str = "aws") -> str:
    """``secretsmanager.<region>.amazonaws.com`` (``.com.cn`` in China): the ``kms:ViaService``
    value for calls Secrets Manager makes on a caller's behalf."""
    return f"secretsmanager.{region}.{_DNS_SUFFIX.get(partition, 'amazonaws.com')}"


def secret_read_policy_document(
    secret_arn: str, kms_key_arn: str | None = None, *, region: str | None = None
) -> dict[str, Any]:
    """Read ``secret_arn``; with ``kms_key_arn`` also ``kms:Decrypt`` on the key, only via
    Secrets Manager in ``region`` (default: the key's Region, which must be the secret's)."""
    statements: list[dict[str, Any]] = [
        {
            "Sid": "ReadSecret",
            "Effect": "Allow",
            "Action": list(SECRET_READ_ACTIONS),
            "Resource": secret_arn,
        }
    ]
    if kms_key_arn is not None:
        key = parse_arn(kms_key_arn)
        secret = parse_arn(secret_arn)
        where = region or (key.region if key else None) or (secret.region if secret else None)
        if not where:
            raise ValueError(f"cannot tell the Region of {kms_key_arn!r}: pass region=")
        partition = key.partition if key else "aws"
        statements.append(
            {
                "Sid": "DecryptSecretViaSecretsManager",
                "Effect": "Allow",
                "Action": list(SECRET_KMS_READ_ACTIONS),
                "Resource": kms_key_arn,
                "Condition": {
                    "StringEquals": {"kms:ViaService": secrets_manager_endpoint(where, partition)}
                },
            }
        )
    return {"Version": "2012-10-17", "Statement": statements}
