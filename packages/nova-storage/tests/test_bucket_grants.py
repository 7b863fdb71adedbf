"""The Bucket component's grants: one role policy per grant, built from the pure documents."""

import json

import pulumi
import pulumi_aws as aws
import pytest
from storage_bucket_helpers import BUCKET, KMS_KEY, ROLE_POLICY, _role

from nova_storage import (
    TYPE_TOKEN,
    Bucket,
    BucketArgs,
    delete_policy_document,
    put_policy_document,
    read_policy_document,
    read_write_policy_document,
    write_policy_document,
)

GRANTS = [
    ("grant_read", "read", read_policy_document),
    ("grant_write", "write", write_policy_document),
    ("grant_put", "put", put_policy_document),
    ("grant_delete", "delete", delete_policy_document),
    ("grant_read_write", "read-write", read_write_policy_document),
]


@pytest.mark.parametrize(("method", "kind", "builder"), GRANTS)
@pytest.mark.parametrize("key_prefix", [None, "reports/2026/"])
@pytest.mark.parametrize("kms", [None, KMS_KEY])
def test_grants_attach_the_pure_document_to_the_role(
    mock_stack, method, kind, builder, key_prefix, kms
):
    def program():
        bucket = Bucket("data", BucketArgs(kms_key_arn=kms) if kms else BucketArgs())
        role = _role("app-role")
        policy = getattr(bucket, method)(role, key_prefix)
        return bucket, role, policy

    rec = mock_stack.run(program)
    _, _, policy = rec.result
    assert isinstance(policy, aws.iam.RolePolicy)
    arn = rec.get(BUCKET).outputs["arn"]
    recorded = rec.get(ROLE_POLICY)
    assert recorded.name == f"data-{kind}-app-role"
    assert recorded.parent_urn == rec.get(TYPE_TOKEN).urn
    assert recorded.inputs["role"] == rec.get("aws:iam/role:Role").outputs["name"]
    document = json.loads(recorded.inputs["policy"])
    assert document == builder(arn, key_prefix, kms)
    resources = [s["Resource"] for s in document["Statement"]]
    objects = f"{arn}/{key_prefix or ''}*"
    assert objects in resources
    assert all(r in (arn, objects, KMS_KEY) for r in resources)
    assert (KMS_KEY in resources) is (kms is not None and kind != "delete")


def test_grant_write_never_includes_delete(mock_stack):
    def program():
        bucket = Bucket("data", BucketArgs())
        bucket.grant_write(_role())
        bucket.grant_read_write(_role("other"))

    rec = mock_stack.run(program)
    for recorded in rec.by_type(ROLE_POLICY):
        actions = [
            a for s in json.loads(recorded.inputs["policy"])["Statement"] for a in s["Action"]
        ]
        assert not [a for a in actions if "Delete" in a], recorded.name


def test_grant_to_a_role_name_string(mock_stack):
    def program():
        bucket = Bucket("data", BucketArgs())
        bucket.grant_put("ingest-role", "in/")

    rec = mock_stack.run(program)
    recorded = rec.get(ROLE_POLICY)
    assert recorded.name == "data-put-ingest-role"
    assert recorded.inputs["role"] == "ingest-role"


def test_grant_to_an_object_with_a_role_name_output(mock_stack):
    class FunctionLike(pulumi.ComponentResource):
        def __init__(self, name):
            super().__init__("test:index:Function", name)
            self.role_name = pulumi.Output.from_input(f"{name}-role-1234567")

    def program():
        bucket = Bucket("data", BucketArgs())
        bucket.grant_read(FunctionLike("api"))

    rec = mock_stack.run(program)
    recorded = rec.get(ROLE_POLICY)
    assert recorded.name == "data-read-api"
    assert recorded.inputs["role"] == "api-role-1234567"


def test_grant_to_a_plain_object_needs_a_grant_id(mock_stack):
    class Named:
        name = pulumi.Output.from_input("imported-role")

    def program():
        bucket = Bucket("data", BucketArgs())
        bucket.grant_delete(Named(), grant_id="cleanup")

    rec = mock_stack.run(program)
    recorded = rec.get(ROLE_POLICY)
    assert recorded.name == "data-delete-cleanup"
    assert recorded.inputs["role"] == "imported-role"


def test_grant_id_overrides_the_derived_key(mock_stack):
    def program():
        bucket = Bucket("data", BucketArgs())
        role = _role()
        bucket.grant_read(role, "a/")
        bucket.grant_read(role, "b/", grant_id="app-role-b")

    rec = mock_stack.run(program)
    assert sorted(r.name for r in rec.by_type(ROLE_POLICY)) == [
        "data-read-app-role",
        "data-read-app-role-b",
    ]


def test_grants_inherit_protect_but_are_not_retained(mock_stack):
    def program():
        bucket = Bucket(
            "data", BucketArgs(), opts=pulumi.ResourceOptions(protect=True, retain_on_delete=True)
        )
        bucket.grant_read("reader")

    rec = mock_stack.run(program)
    recorded = rec.get(ROLE_POLICY)
    assert recorded.protect is True
    assert recorded.retain_on_delete is False


def test_role_logical_names_are_sanitized_into_grant_keys(mock_stack):
    def program():
        bucket = Bucket("data", BucketArgs())
        bucket.grant_read(_role("team/app role"))

    rec = mock_stack.run(program)
    assert rec.get(ROLE_POLICY).name == "data-read-team-app-role"
