"""The Bucket component's one bucket policy: TLS-only statements and the caller's own statements."""

import json

import pulumi
import pytest
from storage_bucket_helpers import BUCKET, POLICY, PUBLIC_ACCESS_BLOCK, _policy, _role

from nova_storage import Bucket, BucketArgs


def test_bucket_policy_is_tls_only_statement_by_statement(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    arn = rec.get(BUCKET).outputs["arn"]
    policy = rec.get(POLICY)
    assert set(policy.inputs) == {"bucket", "policy"}
    document = json.loads(policy.inputs["policy"])
    assert document == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [arn, f"{arn}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
            {
                "Sid": "DenyOutdatedTls",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [arn, f"{arn}/*"],
                "Condition": {"NumericLessThan": {"s3:TlsVersion": 1.2}},
            },
        ],
    }


def test_bucket_policy_is_ordered_after_the_public_access_block(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    policy = rec.get(POLICY)
    assert rec.get(PUBLIC_ACCESS_BLOCK).urn in policy.explicit_dependencies
    assert rec.get(BUCKET).urn in policy.dependencies


def test_user_statements_are_merged_into_the_one_policy(mock_stack):
    statement = {
        "Sid": "PartnerRead",
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::210987654321:role/partner-reader"},
        "Action": ["s3:GetObject"],
        "Resource": "${bucket_arn}/shared/*",
    }
    vpc_only = {
        "Sid": "VpcEndpointRead",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": "${bucket_arn}/public-in-vpc/*",
        "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-0123456789abcdef0"}},
    }
    rec = mock_stack.run(
        lambda: Bucket("data", BucketArgs(policy_statements=[statement, vpc_only]))
    )
    rec.resource_count_is(POLICY, 1)
    arn = rec.get(BUCKET).outputs["arn"]
    statements = _policy(rec)["Statement"]
    assert [s["Sid"] for s in statements] == [
        "DenyInsecureTransport",
        "DenyOutdatedTls",
        "PartnerRead",
        "VpcEndpointRead",
    ]
    assert statements[2] == {**statement, "Resource": f"{arn}/shared/*"}
    assert statements[3] == {**vpc_only, "Resource": f"{arn}/public-in-vpc/*"}


def test_user_statement_may_use_the_literal_arn_of_a_named_bucket(mock_stack):
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "cloudfront.amazonaws.com"},
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::acme-site/*",
        "Condition": {
            "StringEquals": {
                "aws:SourceArn": "arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE"
            }
        },
    }
    rec = mock_stack.run(
        lambda: Bucket("site", BucketArgs(bucket_name="acme-site", policy_statements=[statement]))
    )
    assert _policy(rec, "site-policy")["Statement"][2] == statement


def test_statement_with_output_values_is_checked_when_resolved(mock_stack):
    def program():
        role = _role("partner")
        return Bucket(
            "data",
            BucketArgs(
                policy_statements=[
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": role.arn},
                        "Action": "s3:GetObject",
                        "Resource": "${bucket_arn}/*",
                    }
                ]
            ),
        )

    rec = mock_stack.run(program)
    role_arn = rec.get("aws:iam/role:Role").outputs["arn"]
    assert _policy(rec)["Statement"][2]["Principal"] == {"AWS": role_arn}


def test_fails_when_an_output_principal_resolves_to_everyone(mock_stack):
    everyone = pulumi.Output.from_input("*")
    statement = {
        "Effect": "Allow",
        "Principal": {"AWS": everyone},
        "Action": "s3:GetObject",
        "Resource": "${bucket_arn}/*",
    }
    with pytest.raises(ValueError, match=r"policy_statements\[0\]\.Principal.*public"):
        mock_stack.run(lambda: Bucket("data", BucketArgs(policy_statements=[statement])))
