"""The bucket's top-level settings: known keys, switches, day counts, the KMS key and tags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nova_core import Checker, is_plain, parse_arn
from nova_storage.bucket_args import BucketArgs

__all__ = [
    "BOOLEAN_KEYS",
    "BUCKET_ARGS_KEYS",
    "DAYS_SOURCE",
    "DAY_COUNT_KEYS",
    "check_args_mapping",
    "check_kms_key_arn",
    "check_settings",
]

BUCKET_ARGS_KEYS: tuple[str, ...] = tuple(BucketArgs.__annotations__)
BOOLEAN_KEYS = (
    "allow_dots_in_name",
    "allow_sse_c_uploads",
    "versioning_enabled",
    "eventbridge_enabled",
    "force_destroy",
)
DAY_COUNT_KEYS = ("abort_incomplete_multipart_upload_days", "noncurrent_version_expiration_days")
DAYS_SOURCE = "S3 lifecycle: Days"


def check_args_mapping(check: Checker, args: Any) -> Mapping[str, Any]:
    """``args`` is a ``BucketArgs`` dict with known keys only."""
    if not isinstance(args, Mapping):
        check.fail("args", args, "must be a BucketArgs dict", "pass BucketArgs(...)")
    check.keys("", args, BUCKET_ARGS_KEYS)
    return args


def check_kms_key_arn(check: Checker, value: Any) -> str | None:
    """A KMS *key* ARN: grants scope KMS permissions to it, which an alias or key id cannot do."""
    text = check.string("kms_key_arn", value)
    if text is None:
        return None
    parsed = parse_arn(text)
    if parsed is None or parsed.service != "kms" or parsed.resource_type != "key":
        check.fail(
            "kms_key_arn",
            text,
            "must be the ARN of a KMS key (arn:aws:kms:<region>:<account>:key/<id>); aliases "
            "and key ids cannot be scoped in the grant policies",
            "pass the key's ARN, e.g. aws.kms.Key(...).arn, or omit it for SSE-S3",
            source="S3-05",
        )
    check.kms_key_arn("kms_key_arn", text)
    return text


def check_settings(check: Checker, args: Mapping[str, Any]) -> None:
    """Switches are bools, day counts whole numbers >= 1, tags follow the AWS tagging rules."""
    for key in BOOLEAN_KEYS:
        check.boolean(key, args.get(key))
    for key in DAY_COUNT_KEYS:
        check.integer(key, args.get(key), minimum=1, source=DAYS_SOURCE)
    check_kms_key_arn(check, args.get("kms_key_arn"))
    tags = args.get("tags")
    if is_plain(tags):  # tags decide no resource: an Output mapping goes straight to the bucket
        check.tags("tags", tags)
