"""Top-level settings: unknown keys, switches, day counts, the KMS key and tags."""

import pulumi
import pytest

from nova_core import Checker, NovaInputError
from nova_storage import Bucket, BucketArgs
from nova_storage._rules.bucket_settings import check_kms_key_arn

KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
GENERAL_CASES = [
    (
        "unknown-key",
        {"versioning": True},
        r"argument 'versioning' is True: 'versioning' is not a known key\. "
        r"Fix: did you mean 'versioning_enabled'\?",
    ),
    ("unknown-key-no-match", {"zzz": 1}, r"'zzz' is not a known key\. Fix: known keys: bucket_"),
    ("not-bool", {"versioning_enabled": "yes"}, r"'versioning_enabled' is 'yes': must be True"),
    ("force-destroy-int", {"force_destroy": 1}, r"'force_destroy' is 1: must be True or False"),
    ("eventbridge-str", {"eventbridge_enabled": "no"}, r"'eventbridge_enabled' is 'no'"),
    (
        "abort-zero",
        {"abort_incomplete_multipart_upload_days": 0},
        r"'abort_incomplete_multipart_upload_days' is 0: must be at least 1",
    ),
    ("noncurrent-zero", {"noncurrent_version_expiration_days": 0}, r"must be at least 1"),
    ("days-bool", {"noncurrent_version_expiration_days": True}, r"is True: must be a whole number"),
    ("days-float", {"abort_incomplete_multipart_upload_days": 1.5}, r"must be a whole number"),
    (
        "kms-alias",
        {"kms_key_arn": "arn:aws:kms:us-east-1:123456789012:alias/data"},
        r"'kms_key_arn' is .*alias/data': must be the ARN of a KMS key.*\(S3-05\)",
    ),
    ("kms-id", {"kms_key_arn": "1234abcd-12ab"}, r"must be the ARN of a KMS key"),
    (
        "kms-unknown-region",
        {"kms_key_arn": KMS_KEY.replace("us-east-1", "us-east-7")},
        r"'us-east-7' is not a Region of 'aws'",
    ),
    ("lifecycle-not-list", {"lifecycle_rules": {"id": "x"}}, r"'lifecycle_rules' .*must be a list"),
    ("lifecycle-str", {"lifecycle_rules": "x"}, r"must be a list"),
    ("notifications-list", {"notifications": []}, r"'notifications' is \[\]: must be a dict"),
    ("tags-list", {"tags": ["a"]}, r"'tags' is \[\"a\"\]: must be a dict"),
]


@pytest.mark.parametrize(
    ("args", "pattern"), [c[1:] for c in GENERAL_CASES], ids=[c[0] for c in GENERAL_CASES]
)
def test_fails_when_an_argument_is_malformed(fails, args, pattern):
    fails(args, pattern)


def test_fails_when_args_is_not_a_dict(mock_stack):
    with pytest.raises(NovaInputError, match=r'argument .args. is \["x"\]: must be a BucketArgs'):
        mock_stack.run(lambda: Bucket("data", ["x"]))
    assert mock_stack.last.resources == []


def test_fails_when_a_container_is_an_output(fails):
    fails(
        BucketArgs(lifecycle_rules=pulumi.Output.from_input([])),
        r"'lifecycle_rules' is <output>: must be known when the program runs",
    )


# -- tags ------------------------------------------------------------------------------------
TAG_CASES = [
    ("too-many", {f"k{i}": "v" for i in range(51)}, r"'tags' is 51 tags: at most 50 tags"),
    ("aws-prefix", {"aws:owner": "x"}, r"'tags\[\"aws:owner\"\]'.*reserved for AWS"),
    ("key-too-long", {"k" * 129: "v"}, r"\(key\)' is 'k+': must be at most 128 characters"),
    ("key-empty", {"": "v"}, r"'tags\[\"\"\] \(key\)' is '': must not be empty"),
    ("key-chars", {"a*b": "v"}, r"tag keys may only use letters"),
    ("value-too-long", {"k": "v" * 257}, r"at most 256 characters"),
    ("value-chars", {"k": "a;b"}, r"'tags\[\"k\"\]' is 'a;b': tag values may only use"),
    ("value-not-str", {"k": 1}, r"tag values must be strings"),
]


@pytest.mark.parametrize(
    ("tags", "pattern"), [c[1:] for c in TAG_CASES], ids=[c[0] for c in TAG_CASES]
)
def test_fails_when_tags_break_a_rule(fails, tags, pattern):
    fails(BucketArgs(tags=tags), pattern)


def test_kms_key_check_returns_the_plain_arn_and_skips_outputs():
    check = Checker("nova-storage Bucket", "data")
    assert check_kms_key_arn(check, KMS_KEY) == KMS_KEY
    assert check_kms_key_arn(check, None) is None
    assert check_kms_key_arn(check, pulumi.Output.from_input("alias/x")) is None
