"""The Bucket component's defaults: its secure children, name, tags, public access block,
ownership, encryption and versioning."""

import inspect

import pulumi
import pulumi_aws as aws
import pytest
from storage_bucket_helpers import (
    BUCKET,
    ENCRYPTION,
    KMS_KEY,
    LIFECYCLE,
    METRIC,
    NOTIFICATION,
    OWNERSHIP,
    POLICY,
    PUBLIC_ACCESS_BLOCK,
    VERSIONING,
)

from nova_storage import TYPE_TOKEN, Bucket, BucketArgs
from nova_testing import Match

DEFAULT_CHILDREN = {
    "data-bucket": BUCKET,
    "data-public-access-block": PUBLIC_ACCESS_BLOCK,
    "data-ownership-controls": OWNERSHIP,
    "data-encryption": ENCRYPTION,
    "data-versioning": VERSIONING,
    "data-policy": POLICY,
    "data-lifecycle": LIFECYCLE,
}


def test_default_bucket_registers_exactly_the_secure_children(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert rec.types() == {
        TYPE_TOKEN: 1,
        BUCKET: 1,
        PUBLIC_ACCESS_BLOCK: 1,
        OWNERSHIP: 1,
        ENCRYPTION: 1,
        VERSIONING: 1,
        POLICY: 1,
        LIFECYCLE: 1,
    }
    component = rec.get(TYPE_TOKEN)
    assert component.name == "data"
    assert component.parent_urn is None
    children = rec.children_of("data")
    assert {c.name: c.type for c in children} == DEFAULT_CHILDREN
    assert rec.children_of("data", recursive=True) == children
    rec.resource_count_is(METRIC, 0)  # request metrics belong to nova-observability
    rec.resource_count_is(NOTIFICATION, 0)


def test_bucket_needs_no_arguments(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data"))
    assert {c.name: c.type for c in rec.children_of("data")} == DEFAULT_CHILDREN
    default = inspect.signature(Bucket.__init__).parameters["args"].default
    assert default == {}  # the shared default is never mutated


def test_every_child_configures_this_bucket(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    name = rec.named("data-bucket").outputs["bucket"]
    for child in rec.children_of("data"):
        if child.type != BUCKET:
            assert child.inputs["bucket"] == name, child.name


def test_name_is_generated_from_the_logical_name_with_a_bucket_prefix(mock_stack):
    rec = mock_stack.run(lambda: Bucket("Raw_Uploads", BucketArgs()))
    bucket = rec.get(BUCKET)
    assert bucket.name == "Raw_Uploads-bucket"
    assert bucket.inputs["bucketPrefix"] == "raw-uploads-"
    assert "bucket" not in bucket.inputs
    generated = bucket.outputs["bucket"]
    assert generated.startswith("raw-uploads-")
    assert len(generated) <= 63


def test_explicit_bucket_name_is_used_as_is(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(bucket_name="acme-data-prod")))
    bucket = rec.get(BUCKET)
    assert bucket.inputs["bucket"] == "acme-data-prod"
    assert "bucketPrefix" not in bucket.inputs


def test_dotted_name_is_accepted_only_with_allow_dots(mock_stack):
    rec = mock_stack.run(
        lambda: Bucket("data", BucketArgs(bucket_name="acme.data", allow_dots_in_name=True))
    )
    assert rec.get(BUCKET).inputs["bucket"] == "acme.data"


def test_force_destroy_is_off_by_default_and_opt_in(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert rec.get(BUCKET).inputs["forceDestroy"] is False
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(force_destroy=True)))
    assert rec.get(BUCKET).inputs["forceDestroy"] is True


def test_tags_are_applied_to_the_bucket(mock_stack):
    tags = {"team": "data", "cost-center": "1234"}
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(tags=tags)))
    assert rec.get(BUCKET).inputs["tags"] == tags
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert "tags" not in rec.get(BUCKET).inputs


def test_tags_may_be_an_output(mock_stack):
    tags = pulumi.Output.from_input({"team": "data"})
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(tags=tags)))
    assert rec.get(BUCKET).inputs["tags"] == {"team": "data"}


def test_all_four_public_access_block_flags_are_on(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    rec.has_resource_properties(
        PUBLIC_ACCESS_BLOCK,
        Match.exact(
            {
                "bucket": rec.get(BUCKET).outputs["bucket"],
                "blockPublicAcls": True,
                "blockPublicPolicy": True,
                "ignorePublicAcls": True,
                "restrictPublicBuckets": True,
            }
        ),
    )


def test_acls_are_disabled_with_bucket_owner_enforced(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert rec.get(OWNERSHIP).inputs["rule"] == {"objectOwnership": "BucketOwnerEnforced"}


def test_default_encryption_is_explicit_sse_s3_and_blocks_sse_c(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert rec.get(ENCRYPTION).inputs["rules"] == [
        {
            "applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"},
            "blockedEncryptionTypes": ["SSE-C"],
        }
    ]
    assert rec.value(rec.result.kms_key_arn) is None


def test_kms_key_switches_to_sse_kms_with_bucket_key(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(kms_key_arn=KMS_KEY)))
    assert rec.get(ENCRYPTION).inputs["rules"] == [
        {
            "applyServerSideEncryptionByDefault": {
                "sseAlgorithm": "aws:kms",
                "kmsMasterKeyId": KMS_KEY,
            },
            "bucketKeyEnabled": True,
            "blockedEncryptionTypes": ["SSE-C"],
        }
    ]
    assert rec.value(rec.result.kms_key_arn) == KMS_KEY


def test_kms_key_from_an_output_is_accepted(mock_stack):
    def program():
        key = aws.kms.Key("key", enable_key_rotation=True)
        return Bucket("data", BucketArgs(kms_key_arn=key.arn))

    rec = mock_stack.run(program)
    key_arn = rec.get("aws:kms/key:Key").outputs["arn"]
    rule = rec.get(ENCRYPTION).inputs["rules"][0]
    assert rule["applyServerSideEncryptionByDefault"]["kmsMasterKeyId"] == key_arn
    assert rec.value(rec.result.kms_key_arn) == key_arn


def test_sse_c_can_be_allowed_explicitly(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(allow_sse_c_uploads=True)))
    assert rec.get(ENCRYPTION).inputs["rules"][0]["blockedEncryptionTypes"] == ["NONE"]
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(allow_sse_c_uploads=False)))
    assert rec.get(ENCRYPTION).inputs["rules"][0]["blockedEncryptionTypes"] == ["SSE-C"]


def test_versioning_is_enabled_by_default(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert rec.get(VERSIONING).inputs["versioningConfiguration"] == {"status": "Enabled"}


@pytest.mark.parametrize("value", [False, pulumi.Output.from_input(False)])
def test_versioning_off_means_suspended(mock_stack, value):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(versioning_enabled=value)))
    assert rec.get(VERSIONING).inputs["versioningConfiguration"] == {"status": "Suspended"}
