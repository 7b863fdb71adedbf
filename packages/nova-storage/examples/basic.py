"""A data bucket with server access logs, an archive rule and a read-only consumer role.

Run it as a stack's ``__main__.py``. Set ``protectData: true`` in the stack config of production
stacks: the bucket is then protected against deletion and kept if the stack is destroyed.
"""

import json

import pulumi
import pulumi_aws as aws

from nova_storage import Bucket, BucketArgs, access_log_delivery_statement

config = pulumi.Config()
protect_data = config.get_bool("protectData") or False
account_id = aws.get_caller_identity_output().account_id

# Log bucket: receives the data bucket's server access logs and keeps them 90 days.
logs = Bucket(
    "access-logs",
    BucketArgs(
        policy_statements=[access_log_delivery_statement(account_id, target_prefix="data/")],
        lifecycle_rules=[{"id": "expire-logs", "expiration_days": 90}],
    ),
)

# Data bucket: every secure default, plus logging, an archive rule and tags.
data = Bucket(
    "data",
    BucketArgs(
        access_logs={"target_bucket": logs.bucket_name, "target_prefix": "data/"},
        lifecycle_rules=[
            {
                "id": "archive-reports",
                "prefix": "reports/",
                "transitions": [
                    {"storage_class": "STANDARD_IA", "days": 30},
                    {"storage_class": "GLACIER", "days": 90},
                ],
            }
        ],
        tags={"data-classification": "internal"},
    ),
    opts=pulumi.ResourceOptions(protect=protect_data, retain_on_delete=protect_data),
)

# A Lambda execution role that may read the reports, and nothing else in the bucket.
reader = aws.iam.Role(
    "report-reader",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "lambda.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    ),
)
data.grant_read(reader, key_prefix="reports/")

pulumi.export("data_bucket_name", data.bucket_name)
pulumi.export("data_bucket_arn", data.arn)
pulumi.export("log_bucket_name", logs.bucket_name)
