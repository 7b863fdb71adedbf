"""S3 bucket names: every naming rule of table B.1 fails before anything registers."""

import re

import pulumi
import pytest

from nova_core import Checker
from nova_storage import Bucket, BucketArgs
from nova_storage._rules.bucket_name import check_bucket_name

BUCKET = "aws:s3/bucket:Bucket"
NAME_CASES = [
    ("ab", "3 to 63 characters.*S3 naming rules: length"),
    ("a" * 64, "3 to 63 characters"),
    ("Data-Bucket", "only lowercase.*S3 naming rules: charset"),
    ("data_bucket", "only lowercase"),
    ("-data", "begin and end with a letter or digit"),
    ("data-", "begin and end with a letter or digit"),
    ("data..bucket", "adjacent periods"),
    ("192.168.5.4", "IP address"),
    ("xn--data", "reserved prefix 'xn--'"),
    ("sthree-data", "reserved prefix 'sthree-'"),
    ("amzn-s3-demo-data", "reserved prefix 'amzn-s3-demo-'"),
    ("data-s3alias", "reserved suffix '-s3alias'"),
    ("data--ol-s3", "reserved suffix '--ol-s3'"),
    ("data.mrap", "reserved suffix '.mrap'"),
    ("data--x-s3", "reserved suffix '--x-s3'"),
    ("data--table-s3", "reserved suffix '--table-s3'"),
    ("data-123456789012-us-east-1-an", "reserved suffix '-an'"),
    ("acme.data", r"\(Trivy AWS-0320, S3-14\).*allow_dots_in_name=True"),
]


@pytest.mark.parametrize(("bucket_name", "rule"), NAME_CASES, ids=[c[0][:20] for c in NAME_CASES])
def test_fails_when_bucket_name_breaks_a_naming_rule(fails, bucket_name, rule):
    fails(
        BucketArgs(bucket_name=bucket_name),
        rf"argument 'bucket_name' is '{re.escape(bucket_name)}': .*{rule}",
    )


def test_fails_when_bucket_name_is_not_a_string(fails):
    fails(BucketArgs(bucket_name=42), r"'bucket_name' is 42: must be a string")


def test_the_exact_message_names_rule_source_and_fix(fails):
    error = fails(BucketArgs(bucket_name="My_Bucket"), "My_Bucket")
    assert str(error) == (
        "nova-storage Bucket 'data': argument 'bucket_name' is 'My_Bucket': bucket names may "
        "contain only lowercase letters, digits, '.' and '-' (S3 naming rules: charset). "
        "Fix: use lowercase letters, digits and hyphens, e.g. 'my-bucket'."
    )
    assert (error.argument, error.source, error.deferred) == (
        "bucket_name",
        "S3 naming rules: charset",
        False,
    )


def test_fails_when_an_output_bucket_name_resolves_to_a_bad_name(mock_stack, caplog):
    name = pulumi.Output.from_input("Bad_Name")
    message = r"'bucket_name' is 'Bad_Name' \(checked when the Output resolved\): .*charset"
    with pytest.raises(ValueError, match=message):
        mock_stack.run(lambda: Bucket("data", BucketArgs(bucket_name=name)))
    # Pulumi wraps the error in "While processing input" layers: the Nova message comes first.
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert re.match(r"nova-storage Bucket 'data': argument " + message, errors[0])
    assert mock_stack.last.by_type(BUCKET) == []  # the bucket waits for its checked name


def test_an_output_bucket_name_that_is_valid_reaches_the_bucket(mock_stack):
    name = pulumi.Output.from_input("acme-data")
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(bucket_name=name)))
    assert rec.get(BUCKET).inputs["bucket"] == "acme-data"


def test_the_check_returns_the_plain_name_and_skips_absent_or_output_names():
    check = Checker("nova-storage Bucket", "data")
    assert check_bucket_name(check, "acme-data", allow_dots=False) == "acme-data"
    assert check_bucket_name(check, "acme.data", allow_dots=True) == "acme.data"
    assert check_bucket_name(check, None, allow_dots=False) is None
    assert check_bucket_name(check, pulumi.Output.from_input("X"), allow_dots=False) is None
