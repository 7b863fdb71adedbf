"""A records table with a timestamp index, expiry and a stream, and the roles that use it.

Run it as a stack's ``__main__.py``. Set ``devStack: true`` in a dev stack's config: the table
is then unprotected (deletion protection off, not retained) and keeps 7 days of recovery.
"""

import json

import pulumi
import pulumi_aws as aws

from nova_storage import Table, TableArgs

dev = pulumi.Config().get_bool("devStack") or False

records = Table(
    "records",
    TableArgs(
        partition_key={"name": "id", "type": "S"},
        sort_key={"name": "created_at", "type": "N"},
        global_indexes={
            "timestamp-index": {
                "partition_key": {"name": "kind", "type": "S"},
                "sort_key": {"name": "timestamp", "type": "N"},
                "projection": {"include": ["status"]},
            }
        },
        ttl_attribute="expires_at",
        stream="NEW_AND_OLD_IMAGES",
        recovery_period_days=7 if dev else 35,
        deletion_protection=not dev,
        tags={"data-classification": "internal"},
    ),
    opts=pulumi.ResourceOptions(protect=not dev, retain_on_delete=not dev),
)


def lambda_role(name: str) -> aws.iam.Role:
    return aws.iam.Role(
        name,
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


# The API reads and writes items; the indexer only reads the stream.
records.grant_read_write_data(lambda_role("records-api"))
records.grant_stream_read(lambda_role("records-indexer"))

pulumi.export("records_table_name", records.name)
pulumi.export("records_table_arn", records.arn)
pulumi.export("records_stream_arn", records.stream_arn)
