"""nova-preview --diff: renamed resources matched through aliases, stateful losses flagged."""

import io

from nova_testing.identity import REPLACING_INPUTS, STATEFUL_TYPES, alias_urns
from nova_testing.plan_diff import diff_plans, render_diff

STACK = "urn:pulumi:dev::svc::"


def resource(type_, name, parent=None, inputs=None, aliases=()):
    chain = type_ if parent is None else f"{parent[0]}${type_}"
    return {
        "type": type_,
        "name": name,
        "urn": f"{STACK}{chain}::{name}",
        "parent": None if parent is None else f"{STACK}{parent[0]}::{parent[1]}",
        "inputs": inputs or {},
        "aliases": list(aliases),
    }


COMPONENT = ("nova-storage:index:Table", "items")


def plan(*resources):
    return {"resources": list(resources)}


def test_a_child_renamed_with_an_alias_is_matched_not_replaced():
    old = resource("aws:dynamodb/table:Table", "items-table", COMPONENT, {"name": None})
    new = resource(
        "aws:dynamodb/table:Table", "items-main", COMPONENT, {"name": None},
        aliases=[{"name": "items-table"}],
    )  # fmt: skip
    diff = diff_plans(plan(old), plan(new))
    assert diff.data_loss == []
    assert [(a["name"], b["name"]) for a, b in diff.renamed] == [("items-table", "items-main")]
    assert diff.added == []
    assert diff.removed == []


def test_a_child_renamed_without_an_alias_is_a_loud_replacement():
    old = resource("aws:sqs/queue:Queue", "jobs-queue", COMPONENT)
    new = resource("aws:sqs/queue:Queue", "jobs-queue", ("nova-messaging:index:Queue", "jobs"))
    diff = diff_plans(plan(old), plan(new))
    assert len(diff.data_loss) == 1
    assert diff.data_loss[0].startswith("!! REPLACE stateful aws:sqs/queue:Queue jobs-queue")
    assert "without an alias" in diff.data_loss[0]


def test_an_input_that_forces_replacement_is_flagged():
    old = resource("aws:sqs/queue:Queue", "q", inputs={"fifoQueue": False, "delaySeconds": 0})
    new = resource("aws:sqs/queue:Queue", "q", inputs={"fifoQueue": True, "delaySeconds": 5})
    diff = diff_plans(plan(old), plan(new))
    assert len(diff.data_loss) == 1
    assert "fifoQueue false -> true forces replacement" in diff.data_loss[0]
    (change,) = diff.changed
    assert change[2] == ["delaySeconds", "fifoQueue"]


def test_a_change_to_an_updatable_input_is_not_data_loss():
    old = resource("aws:dynamodb/table:Table", "t", inputs={"deletionProtectionEnabled": True})
    new = resource("aws:dynamodb/table:Table", "t", inputs={"deletionProtectionEnabled": False})
    diff = diff_plans(plan(old), plan(new))
    assert diff.data_loss == []
    assert len(diff.changed) == 1


def test_removing_a_stateless_resource_is_not_data_loss_but_is_listed():
    old = resource("aws:iam/rolePolicy:RolePolicy", "p")
    diff = diff_plans(plan(old), plan())
    assert diff.data_loss == []
    out = io.StringIO()
    render_diff(diff, "svc/dev", out)
    assert "- aws:iam/rolePolicy:RolePolicy  p" in out.getvalue()
    assert "0 to add, 1 to delete" in out.getvalue()


def test_every_stateful_type_has_its_replacing_inputs():
    for type_ in ("aws:s3/bucket:Bucket", "aws:dynamodb/table:Table", "aws:sqs/queue:Queue",
                  "aws:secretsmanager/secret:Secret", "aws:cloudwatch/logGroup:LogGroup"):  # fmt: skip
        assert type_ in STATEFUL_TYPES
        assert REPLACING_INPUTS[type_]
    assert "bucket" in REPLACING_INPUTS["aws:s3/bucket:Bucket"]
    assert {"hashKey", "rangeKey"} <= set(REPLACING_INPUTS["aws:dynamodb/table:Table"])


def test_alias_urns_resolve_like_the_engine():
    urn = f"{STACK}nova-storage:index:Table$aws:dynamodb/table:Table::new"
    parent = f"{STACK}nova-storage:index:Table::items"
    assert alias_urns(urn, "aws:dynamodb/table:Table", "new", parent, [{"name": "old"}]) == {
        f"{STACK}nova-storage:index:Table$aws:dynamodb/table:Table::old"
    }
    assert alias_urns(urn, "aws:dynamodb/table:Table", "new", parent, [{"no_parent": True}]) == {
        f"{STACK}aws:dynamodb/table:Table::new"
    }
    assert alias_urns(urn, "t", "new", parent, [{"urn": "urn:x"}]) == {"urn:x"}
