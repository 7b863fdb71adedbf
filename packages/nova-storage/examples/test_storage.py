"""Test a program that uses nova-storage, offline: `pip install --find-links dist nova-testing`.

The nova-testing pytest plugin provides the `mock_stack` fixture. It runs the program under mocks
that answer like AWS (bucket names, ARNs, account id), waits for every Output, and records each
resource with its inputs, so the assertions below read plain values and a false one always fails.
"""

import json

from nova_storage import Bucket, BucketArgs


def make_storage():
    bucket = Bucket(
        "uploads",
        BucketArgs(lifecycle_rules=[{"id": "expire-tmp", "prefix": "tmp/", "expiration_days": 1}]),
    )
    bucket.grant_read("report-reader", key_prefix="reports/")
    return bucket


def test_uploads_bucket_is_private_tls_only_and_cleans_tmp(mock_stack):
    rec = mock_stack.run(make_storage)
    rec.resource_count_is("aws:s3/bucket:Bucket", 1)
    rec.has_resource_properties(
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        {"blockPublicAcls": True, "blockPublicPolicy": True, "restrictPublicBuckets": True},
    )
    tls = json.loads(rec.named("uploads-policy").inputs["policy"])["Statement"][0]
    assert tls["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    rules = rec.named("uploads-lifecycle").inputs["rules"]
    assert rules[-1]["filter"] == {"prefix": "tmp/"}
    arn = rec.value(rec.result.arn)  # a resolved value, not an Output
    grant = json.loads(rec.named("uploads-read-report-reader").inputs["policy"])
    assert grant["Statement"][1]["Resource"] == f"{arn}/reports/*"
