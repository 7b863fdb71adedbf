"""Resource types, ARNs and small builders shared by the Bucket component tests."""

import json

import pulumi_aws as aws

BUCKET = "aws:s3/bucket:Bucket"
PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
ENCRYPTION = (
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
)
VERSIONING = "aws:s3/bucketVersioning:BucketVersioning"
POLICY = "aws:s3/bucketPolicy:BucketPolicy"
LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"
CORS = "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration"
LOGGING = "aws:s3/bucketLogging:BucketLogging"
NOTIFICATION = "aws:s3/bucketNotification:BucketNotification"
PERMISSION = "aws:lambda/permission:Permission"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
METRIC = "aws:s3/bucketMetric:BucketMetric"

KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer"
QUEUE = "arn:aws:sqs:us-east-1:123456789012:uploads"
TOPIC = "arn:aws:sns:us-east-1:123456789012:deletions"


def _role(name="app-role"):
    return aws.iam.Role(name, assume_role_policy="{}")


def _policy(rec, name="data-policy"):
    return json.loads(rec.named(name).inputs["policy"])
