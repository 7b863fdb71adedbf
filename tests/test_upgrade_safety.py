"""A component upgrade must not rename or re-parent a stateful resource without an alias."""

import dataclasses
import os

import pytest
from conftest import STACKS, stack_run
from identity import (
    alias_urns,
    lost_identities,
    read_record,
    record_path,
    stateful_identities,
    write_record,
)

from nova_testing import Recording


@pytest.mark.parametrize("environment", STACKS)
def test_stateful_resources_keep_their_identity(environment):
    recording = stack_run(environment).recording
    if os.environ.get("NOVA_UPDATE_IDENTITY") == "1":
        write_record(environment, stateful_identities(recording))
    assert record_path(environment).is_file(), "run with NOVA_UPDATE_IDENTITY=1 to create it"
    recorded = read_record(environment)
    expected_types = {
        "aws:s3/bucket:Bucket",
        "aws:cloudwatch/logGroup:LogGroup",
        "aws:sns/topic:Topic",
        "aws:dynamodb/table:Table",
        "aws:sqs/queue:Queue",
        "aws:secretsmanager/secret:Secret",
    }
    if environment == "prod":
        expected_types.add("aws:kms/key:Key")  # the alarm topic's customer managed key
    assert {i.type for i in recorded} == expected_types
    lost = lost_identities(recorded, recording)
    assert lost == [], (
        "these stateful resources would be replaced (renamed or re-parented without an alias): "
        + ", ".join(i.urn for i in lost)
    )


def test_new_stateful_resources_are_recorded():
    """A stateful resource added without updating the record is flagged for review."""
    for environment in STACKS:
        recorded = {i.urn for i in read_record(environment)}
        current = {i.urn for i in stateful_identities(stack_run(environment).recording)}
        assert current == recorded, (environment, current ^ recorded)


def _renamed(recording: Recording, old_name: str, new_name: str, *, alias: dict | None = None):
    resources = [
        dataclasses.replace(
            r,
            name=new_name,
            urn=r.urn.rsplit("::", 1)[0] + "::" + new_name,
            aliases=(*r.aliases, alias) if alias else r.aliases,
        )
        if r.name == old_name
        else r
        for r in recording.resources
    ]
    return Recording(resources)


def test_a_rename_without_alias_is_caught():
    recording = stack_run("prod").recording
    bucket = recording.named("items-prod-data-bucket")
    renamed = _renamed(recording, bucket.name, "items-prod-data-storage")
    lost = lost_identities(read_record("prod"), renamed)
    assert [i.urn for i in lost] == [bucket.urn]


def test_a_rename_with_an_alias_is_safe():
    recording = stack_run("prod").recording
    bucket = recording.named("items-prod-data-bucket")
    renamed = _renamed(
        recording, bucket.name, "items-prod-data-storage", alias={"name": bucket.name}
    )
    assert lost_identities(read_record("prod"), renamed) == []


@pytest.mark.parametrize(
    ("environment", "name"),
    [
        ("prod", "items-prod-records-table"),
        ("prod", "items-prod-imports-queue"),
        ("prod", "items-prod-imports-dlq"),
        ("prod", "items-prod-cursor-key-secret"),
        ("staging", "items-staging-import-failures-queue"),
    ],
)
def test_renaming_a_new_stateful_resource_without_an_alias_is_caught(environment, name):
    recording = stack_run(environment).recording
    resource = recording.named(name)
    renamed = _renamed(recording, name, f"{name}-renamed")
    assert [i.urn for i in lost_identities(read_record(environment), renamed)] == [resource.urn]
    aliased = _renamed(recording, name, f"{name}-renamed", alias={"name": name})
    assert lost_identities(read_record(environment), aliased) == []


def test_a_reparent_without_alias_is_caught():
    recording = stack_run("dev").recording
    group = next(r for r in recording.by_type("aws:cloudwatch/logGroup:LogGroup"))
    moved = dataclasses.replace(
        group, parent_urn=None, urn=f"urn:pulumi:dev::nova-service::{group.type}::{group.name}"
    )
    resources = [moved if r is group else r for r in recording.resources]
    assert [i.urn for i in lost_identities(read_record("dev"), Recording(resources))] == [group.urn]
    with_alias = dataclasses.replace(moved, aliases=({"parent_urn": group.parent_urn},))
    resources = [with_alias if r is group else r for r in recording.resources]
    assert lost_identities(read_record("dev"), Recording(resources)) == []


def test_alias_forms_resolve_like_the_engine(mock_stack):
    import pulumi

    def program():
        class Old(pulumi.ComponentResource):
            def __init__(self, name):
                super().__init__("x:index:New", name, None, None)
                pulumi.CustomResource(
                    "aws:sns/topic:Topic",
                    f"{name}-topic",
                    {},
                    pulumi.ResourceOptions(
                        parent=self,
                        aliases=[
                            pulumi.Alias(name="legacy-topic"),
                            pulumi.Alias(parent=pulumi.ROOT_STACK_RESOURCE),
                            "urn:pulumi:test::nova-test::aws:sns/topic:Topic::very-old",
                        ],
                    ),
                )
                self.register_outputs({})

        Old("c")

    rec = mock_stack.run(program)
    topic = rec.get("aws:sns/topic:Topic")
    assert alias_urns(topic, rec) == {
        "urn:pulumi:test::nova-test::x:index:New$aws:sns/topic:Topic::legacy-topic",
        "urn:pulumi:test::nova-test::aws:sns/topic:Topic::c-topic",
        "urn:pulumi:test::nova-test::aws:sns/topic:Topic::very-old",
    }
