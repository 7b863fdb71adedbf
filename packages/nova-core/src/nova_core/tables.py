"""AWS facts shared by more than one Nova package, kept as data so they can be refreshed.

Sources are named next to each table; security-rules.md (tables B.2-B.5) is the project's copy.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "APIGW_ACCOUNT_THROTTLING",
    "APIGW_DEFAULT_THROTTLING",
    "LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY",
    "LAMBDA_MIN_UNRESERVED_CONCURRENCY",
    "LOG_RETENTION_DAYS",
    "MAX_TAGS",
    "PARTITION_REGIONS",
    "TAG_KEY_MAX",
    "TAG_VALUE_MAX",
]

LOG_RETENTION_DAYS: tuple[int, ...] = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
)  # fmt: skip
"""Values CloudWatch Logs accepts for a retention policy (API_PutRetentionPolicy)."""

MAX_TAGS = 50
TAG_KEY_MAX = 128
TAG_VALUE_MAX = 256
"""Tag limits shared by every taggable AWS resource Nova creates (AWS tagging rules)."""

PARTITION_REGIONS: Mapping[str, tuple[str, ...]] = {
    "aws": (
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2",
        "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
        "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
        "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1",
        "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1",
        "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1",
        "us-west-2",
    ),
    "aws-cn": ("cn-north-1", "cn-northwest-1"),
    "aws-us-gov": ("us-gov-east-1", "us-gov-west-1"),
    "aws-eusc": ("eusc-de-east-1",),
    "aws-iso": ("us-iso-east-1", "us-iso-west-1"),
    "aws-iso-b": ("us-isob-east-1", "us-isob-west-1"),
    "aws-iso-e": ("eu-isoe-west-1",),
    "aws-iso-f": ("us-isof-east-1", "us-isof-south-1"),
}  # fmt: skip
"""Regions per partition, as listed by pulumi-aws 7.x's ``Region`` enum."""

APIGW_DEFAULT_THROTTLING: tuple[int, float] = (5000, 10_000.0)
"""API Gateway's account-level throttling quota per Region: (burst, rate per second)."""

APIGW_ACCOUNT_THROTTLING: Mapping[str, tuple[int, float]] = {
    "af-south-1": (1250, 2500.0),
    "eu-south-1": (1250, 2500.0),
}
"""Regions whose API Gateway account quota is lower than the default (API Gateway quotas page)."""

LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY = 1000
"""Lambda's default concurrent executions per account and Region (adjustable)."""

LAMBDA_MIN_UNRESERVED_CONCURRENCY = 100
"""Concurrency Lambda always keeps unreserved; reservations may take only the rest."""
