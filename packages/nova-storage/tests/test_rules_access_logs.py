"""Server access logging: target name, never the bucket itself."""

import pulumi
import pytest

from nova_storage import Bucket, BucketArgs

ACCESS_LOG_CASES = [
    (
        "self",
        {"bucket_name": "acme-data", "access_logs": {"target_bucket": "acme-data"}},
        r"access_logs\.target_bucket' is 'acme-data': a bucket must not log to itself",
    ),
    (
        "arn",
        {"access_logs": {"target_bucket": "arn:aws:s3:::acme-logs"}},
        r"not an ARN.*use 'acme-logs'",
    ),
    ("missing", {"access_logs": {"target_prefix": "x/"}}, r"needs a target bucket"),
    ("bad-name", {"access_logs": {"target_bucket": "Logs"}}, r"only lowercase"),
    ("not-dict", {"access_logs": "acme-logs"}, r"'access_logs' is 'acme-logs': must be a dict"),
    ("unknown-key", {"access_logs": {"target_bucket": "l-o-g", "prefix": "x"}}, r"'prefix'"),
    ("prefix-not-str", {"access_logs": {"target_bucket": "logs", "target_prefix": 1}}, r"string"),
]


@pytest.mark.parametrize(
    ("args", "pattern"), [c[1:] for c in ACCESS_LOG_CASES], ids=[c[0] for c in ACCESS_LOG_CASES]
)
def test_fails_when_access_logs_are_misconfigured(fails, args, pattern):
    fails(args, pattern)


def test_dotted_log_target_names_are_accepted(mock_stack):
    rec = mock_stack.run(
        lambda: Bucket("data", BucketArgs(access_logs={"target_bucket": "legacy.logs"}))
    )
    assert rec.named("data-logging").inputs["targetBucket"] == "legacy.logs"


def test_fails_when_an_output_bucket_name_resolves_to_the_plain_log_target(mock_stack, caplog):
    name = pulumi.Output.from_input("acme-data")
    args = BucketArgs(bucket_name=name, access_logs={"target_bucket": "acme-data"})
    with pytest.raises(ValueError, match=r"checked when the Output resolved.*log to itself"):
        mock_stack.run(lambda: Bucket("data", args))
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors[0].startswith(
        "nova-storage Bucket 'data': argument 'access_logs.target_bucket' is 'acme-data' "
        "(checked when the Output resolved): a bucket must not log to itself"
    )
    assert mock_stack.last.by_type("aws:s3/bucket:Bucket") == []
