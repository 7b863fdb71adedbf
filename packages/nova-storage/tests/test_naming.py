"""S3 bucket naming rules and the bucket_prefix derived from logical names."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nova_storage import bucket_name_problem, bucket_prefix_for
from nova_storage._naming import BUCKET_PREFIX_MAX_LENGTH

PROVIDER_SUFFIX = "0" * 26  # the AWS provider appends 26 characters to bucket_prefix


@pytest.mark.parametrize(
    "name",
    [
        "abc",
        "a" * 63,
        "data-2026",
        "0123456789",
        "my-bucket-an1",
        "an-bucket",
        "xn-single-hyphen",
        "bucket-s3alias-not-at-end",
    ],
)
def test_valid_names_pass(name):
    assert bucket_name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("ab", "3 to 63 characters long, this one has 2 (S3 naming rules: length)"),
        ("a" * 64, "3 to 63 characters"),
        ("My-Bucket", "only lowercase letters"),
        ("my_bucket", "only lowercase letters"),
        ("my bucket", "only lowercase letters"),
        ("-bucket", "begin and end with a letter or digit"),
        ("bucket-", "begin and end with a letter or digit"),
        (".bucket", "begin and end with a letter or digit"),
        ("my..bucket", "two adjacent periods"),
        ("192.168.5.4", "IP address"),
        ("xn--bucket", "reserved prefix 'xn--'"),
        ("sthree-bucket", "reserved prefix 'sthree-'"),
        ("sthree-configurator", "reserved prefix 'sthree-'"),
        ("amzn-s3-demo-bucket", "reserved prefix 'amzn-s3-demo-'"),
        ("bucket-s3alias", "reserved suffix '-s3alias'"),
        ("bucket--ol-s3", "reserved suffix '--ol-s3'"),
        ("bucket.mrap", "reserved suffix '.mrap'"),
        ("bucket--x-s3", "reserved suffix '--x-s3'"),
        ("bucket--table-s3", "reserved suffix '--table-s3'"),
        ("bucket-123456789012-us-east-1-an", "reserved suffix '-an'"),
        ("my.bucket", "AWS-0320"),
    ],
)
def test_each_naming_rule_is_reported(name, rule):
    problem = bucket_name_problem(name)
    assert problem is not None
    assert rule in f"{problem.rule} ({problem.source})"
    assert problem.fix


def test_dots_pass_when_allowed_but_other_dot_rules_still_apply():
    assert bucket_name_problem("my.bucket", allow_dots=True) is None
    assert "adjacent" in bucket_name_problem("my..bucket", allow_dots=True).rule
    assert "IP address" in bucket_name_problem("10.0.0.1", allow_dots=True).rule
    assert "'.mrap'" in bucket_name_problem("x.mrap", allow_dots=True).rule


def test_charset_fix_suggests_a_valid_name():
    problem = bucket_name_problem("My_Bucket")
    assert "'my-bucket'" in problem.fix
    assert bucket_name_problem("my-bucket") is None


@pytest.mark.parametrize(
    ("logical", "prefix"),
    [
        ("data", "data-"),
        ("My_Data.Bucket", "my-data-bucket-"),
        ("uploads--raw", "uploads-raw-"),
        ("-edge-", "edge-"),
        ("___", "bucket-"),
        ("", "bucket-"),
        ("sthree-data", "b-sthree-data-"),
        ("amzn-s3-demo-data", "b-amzn-s3-demo-data-"),
        ("xn--data", "xn-data-"),
        ("a" * 80, "a" * 36 + "-"),
        ("a" * 35 + "-b-c", "a" * 35 + "-"),
    ],
)
def test_bucket_prefix_for(logical, prefix):
    assert bucket_prefix_for(logical) == prefix


@given(st.text(max_size=120))
def test_every_derived_prefix_gives_a_valid_name(logical):
    prefix = bucket_prefix_for(logical)
    assert len(prefix) <= BUCKET_PREFIX_MAX_LENGTH
    assert prefix.endswith("-")
    assert bucket_name_problem(prefix + PROVIDER_SUFFIX) is None
