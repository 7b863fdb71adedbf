"""The Bucket component's resource options: protect and retain on delete reach the children,
the caller's other options stay on the component."""

import pulumi
from storage_bucket_helpers import BUCKET, FUNCTION, _role

from nova_storage import TYPE_TOKEN, Bucket, BucketArgs

STATEFUL = {
    "data-bucket",
    "data-public-access-block",
    "data-ownership-controls",
    "data-encryption",
    "data-versioning",
    "data-policy",
    "data-lifecycle",
    "data-cors",
    "data-logging",
}


def _full_bucket(opts=None):
    bucket = Bucket(
        "data",
        BucketArgs(
            cors_rules=[{"allowed_methods": ["GET"], "allowed_origins": ["https://a.example"]}],
            access_logs={"target_bucket": "acme-logs"},
            notifications={"fn": {"function_arn": FUNCTION, "events": ["s3:ObjectCreated:*"]}},
        ),
        opts=opts,
    )
    bucket.grant_read(_role("reader"))
    return bucket


def test_protect_and_retain_on_delete_reach_the_bucket_and_its_configuration(mock_stack):
    rec = mock_stack.run(
        lambda: _full_bucket(pulumi.ResourceOptions(protect=True, retain_on_delete=True))
    )
    bucket = rec.get(BUCKET)
    assert bucket.protect is True
    assert bucket.retain_on_delete is True
    children = rec.children_of("data")
    assert {c.name for c in children} == STATEFUL | {
        "data-notifications",
        "data-invoke-fn",
        "data-read-reader",
    }
    for child in children:
        assert child.protect is True, child.name
        assert child.retain_on_delete is (child.name in STATEFUL), child.name


def test_nothing_is_protected_or_retained_by_default(mock_stack):
    rec = mock_stack.run(_full_bucket)
    for resource in rec.children_of("data"):
        assert resource.protect is False, resource.name
        assert resource.retain_on_delete is False, resource.name


def test_protect_alone_does_not_retain(mock_stack):
    rec = mock_stack.run(lambda: _full_bucket(pulumi.ResourceOptions(protect=True)))
    assert rec.get(BUCKET).protect is True
    assert rec.get(BUCKET).retain_on_delete is False


def test_caller_opts_are_not_copied_onto_children(mock_stack):
    def program():
        parent = pulumi.ComponentResource("test:index:Parent", "parent")
        before = _role("before")
        bucket = Bucket(
            "data",
            BucketArgs(),
            opts=pulumi.ResourceOptions(parent=parent, depends_on=[before], ignore_changes=["x"]),
        )
        parent.register_outputs({})
        return bucket

    rec = mock_stack.run(program)
    component = rec.get(TYPE_TOKEN)
    assert component.parent_urn == rec.named("parent").urn
    assert rec.named("before").urn in component.dependencies
    for child in rec.children_of("data"):
        assert child.parent_urn == component.urn
        assert rec.named("before").urn not in child.dependencies, child.name
        assert child.ignore_changes == (), child.name
