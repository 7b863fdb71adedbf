# test_bucket.py — `pip install --find-links dist nova-testing`; the plugin registers itself.
import pulumi_aws as aws


def make_bucket():
    bucket = aws.s3.Bucket("data")
    aws.s3.BucketPublicAccessBlock(
        "data-pab",
        bucket=bucket.id,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
    )
    return bucket


def test_bucket_blocks_public_access(mock_stack):
    rec = mock_stack.run(make_bucket)  # waits for every output before returning
    rec.resource_count_is("aws:s3/bucket:Bucket", 1)
    rec.has_resource_properties(
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        {"blockPublicAcls": True, "restrictPublicBuckets": True},
    )
    assert rec.value(rec.result.arn).startswith("arn:aws:s3:::data-")
