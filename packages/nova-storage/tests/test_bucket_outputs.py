"""The Bucket component's outputs and its schema as the component analyzer reads it."""

import typing

import pulumi_aws as aws
from pulumi.provider.experimental.analyzer import Analyzer
from storage_bucket_helpers import BUCKET

from nova_storage import Bucket, BucketArgs


def test_outputs(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    component = rec.result
    bucket = rec.get(BUCKET)
    assert isinstance(component.bucket, aws.s3.Bucket)
    assert rec.value(component.bucket.urn) == bucket.urn
    assert rec.value(component.bucket_name) == bucket.outputs["bucket"]
    assert rec.value(component.arn) == f"arn:aws:s3:::{bucket.outputs['bucket']}"
    assert rec.value(component.bucket_regional_domain_name) == (
        f"{bucket.outputs['bucket']}.s3.us-east-1.amazonaws.com"
    )
    assert component.kms_key_arn is None


def test_component_analyzer_accepts_the_component():
    result = Analyzer("nova-storage").analyze([Bucket])
    (component,) = result["component_definitions"].values()
    assert component.name == "Bucket"
    assert set(component.inputs) == {
        "bucketName",
        "allowDotsInName",
        "kmsKeyArn",
        "allowSseCUploads",
        "versioningEnabled",
        "abortIncompleteMultipartUploadDays",
        "noncurrentVersionExpirationDays",
        "lifecycleRules",
        "policyStatements",
        "corsRules",
        "accessLogs",
        "eventbridgeEnabled",
        "notifications",
        "forceDestroy",
        "tags",
    }
    assert set(component.outputs) == {
        "bucket",
        "bucketName",
        "arn",
        "bucketRegionalDomainName",
        "kmsKeyArn",
    }
    assert component.outputs["kmsKeyArn"].optional is True
    assert typing.get_type_hints(Bucket.__init__)["args"] is BucketArgs
