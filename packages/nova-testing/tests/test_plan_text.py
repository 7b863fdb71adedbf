"""The text plan shows the values a security review needs, whole."""

import io
import json

import pulumi

from nova_testing.plan_text import policy_lines, render_tree

TLS = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [
                "arn:aws:s3:::a-very-long-bucket-name-that-goes-past-eighty-characters-x",
                "arn:aws:s3:::b/*",
            ],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
    ],
}


def test_policy_statement_is_one_whole_line():
    (line,) = policy_lines(json.dumps(TLS))
    assert line == (
        "[DenyInsecureTransport] Deny  s3:*  on arn:aws:s3:::a-very-long-bucket-name-that-goes-"
        "past-eighty-characters-x,arn:aws:s3:::b/*  principal=*  if Bool aws:SecureTransport=false"
    )


def test_policy_lines_handle_single_statements_and_non_json():
    assert policy_lines({"Statement": {"Effect": "Allow", "Action": ["a:B"], "Resource": "*"}}) == [
        "Allow  a:B  on *"
    ]
    assert policy_lines("not json") == ["not json"]


def test_tree_shows_encryption_ownership_lifecycle_and_policies(mock_stack):
    def program():
        raw = lambda t, n, **i: pulumi.CustomResource(t, n, i)  # noqa: E731
        raw("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "enc", bucket="b", rules=[{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": "arn:aws:kms:eu-west-1:123456789012:key/k"}, "bucketKeyEnabled": True}])  # fmt: skip
        raw("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "own", bucket="b",
            rule={"objectOwnership": "BucketOwnerEnforced"})  # fmt: skip
        raw("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "life", bucket="b",
            rules=[{"id": "abort", "status": "Enabled", "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7}}])  # fmt: skip
        raw("aws:s3/bucketPolicy:BucketPolicy", "pol", bucket="b", policy=json.dumps(TLS))
        raw("aws:sqs/queue:Queue", "q", sqsManagedSseEnabled=True, messageRetentionSeconds=345600)

    rec = mock_stack.run(program)
    out = io.StringIO()
    render_tree(rec, "x/dev", out)
    text = out.getvalue()
    assert "rules.applyServerSideEncryptionByDefault.sseAlgorithm: aws:kms" in text
    assert "rules.bucketKeyEnabled: true" in text
    assert "rule.objectOwnership: BucketOwnerEnforced" in text
    assert "rule abort: Enabled, abort incomplete uploads after 7 d" in text
    assert "if Bool aws:SecureTransport=false" in text
    assert "bucket: " not in text  # the old summary showed only the bucket name
    assert "sqsManagedSseEnabled: true" in text
    assert "messageRetentionSeconds: 345600" in text
