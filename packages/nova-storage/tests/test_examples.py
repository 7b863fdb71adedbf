"""The README example (examples/basic.py) runs as a stack program under the mocks."""

import json
import runpy
from pathlib import Path

import pytest

from nova_storage import Bucket, BucketArgs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXAMPLE_PATH = EXAMPLES / "basic.py"
TESTING_EXAMPLE_PATH = EXAMPLES / "test_storage.py"
README_PATH = Path(__file__).resolve().parents[1] / "README.md"


def _run(mock_stack):
    return mock_stack.run(lambda: runpy.run_path(str(EXAMPLE_PATH), run_name="__main__"))


def test_example_creates_two_secure_buckets_logging_and_a_scoped_grant(mock_stack):
    rec = _run(mock_stack)
    assert rec.types() == {
        "aws:iam/role:Role": 1,
        "aws:iam/rolePolicy:RolePolicy": 1,
        "aws:s3/bucket:Bucket": 2,
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 2,
        "aws:s3/bucketLogging:BucketLogging": 1,
        "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 2,
        "aws:s3/bucketPolicy:BucketPolicy": 2,
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 2,
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 2,
        "aws:s3/bucketVersioning:BucketVersioning": 2,
        "nova-storage:index:Bucket": 2,
    }
    data_name = rec.named("data-bucket").outputs["bucket"]
    logs_name = rec.named("access-logs-bucket").outputs["bucket"]
    assert rec.outputs == {
        "data_bucket_name": data_name,
        "data_bucket_arn": f"arn:aws:s3:::{data_name}",
        "log_bucket_name": logs_name,
    }
    assert rec.named("data-logging").inputs == {
        "bucket": data_name,
        "targetBucket": logs_name,
        "targetPrefix": "data/",
    }
    log_statement = json.loads(rec.named("access-logs-policy").inputs["policy"])["Statement"][2]
    assert log_statement == {
        "Sid": "AllowS3ServerAccessLogDelivery",
        "Effect": "Allow",
        "Principal": {"Service": "logging.s3.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": f"arn:aws:s3:::{logs_name}/data/*",
        "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
    }
    grant = rec.named("data-read-report-reader")
    assert grant.inputs["role"] == rec.named("report-reader").outputs["name"]
    statements = json.loads(grant.inputs["policy"])["Statement"]
    assert [s["Resource"] for s in statements] == [
        f"arn:aws:s3:::{data_name}",
        f"arn:aws:s3:::{data_name}/reports/*",
    ]
    assert statements[0]["Condition"] == {"StringLike": {"s3:prefix": ["reports/*"]}}
    assert rec.named("data-bucket").inputs["tags"] == {"data-classification": "internal"}


@pytest.mark.parametrize("protect", [False, True])
def test_example_protects_and_retains_the_data_bucket_from_config(mock_stack, protect):
    mock_stack.set_config("nova-test:protectData", protect)
    rec = _run(mock_stack)
    data = rec.named("data-bucket")
    assert data.protect is protect
    assert data.retain_on_delete is protect
    assert rec.named("access-logs-bucket").protect is False


def test_readme_starts_with_the_example_verbatim():
    readme = README_PATH.read_text()
    example = EXAMPLE_PATH.read_text()
    first_block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    assert first_block == example


def test_the_testing_example_passes_under_the_mock_stack_fixture(mock_stack):
    example = runpy.run_path(str(TESTING_EXAMPLE_PATH))
    example["test_uploads_bucket_is_private_tls_only_and_cleans_tmp"](mock_stack)
    assert mock_stack.last.named("uploads-bucket").inputs["bucketPrefix"] == "uploads-"


def test_the_testing_example_fails_when_its_assertion_is_false(mock_stack):
    example = runpy.run_path(str(TESTING_EXAMPLE_PATH))
    test = example["test_uploads_bucket_is_private_tls_only_and_cleans_tmp"]
    test.__globals__["make_storage"] = lambda: Bucket("uploads", BucketArgs())  # no tmp/ rule
    with pytest.raises(AssertionError):
        test(mock_stack)


def test_readme_testing_section_shows_the_testing_example_verbatim():
    readme = README_PATH.read_text()
    testing = readme.split("## Testing", 1)[1]
    block = testing.split("```python\n", 1)[1].split("```", 1)[0]
    assert block == TESTING_EXAMPLE_PATH.read_text()
