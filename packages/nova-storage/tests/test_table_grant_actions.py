"""``Table.grant``: exactly the actions a function needs, checked before the policy registers."""

import json

import pulumi_aws as aws
import pytest

from nova_core import NovaInputError
from nova_storage import (
    TABLE_ITEM_ACTIONS,
    TABLE_READ_ACTIONS,
    TABLE_WRITE_ACTIONS,
    Table,
    table_actions_policy_document,
)

ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
PK = {"name": "id", "type": "S"}
KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"


def test_item_actions_are_the_read_and_write_lists_and_their_partiql_forms():
    assert set(TABLE_ITEM_ACTIONS) == {
        *TABLE_READ_ACTIONS,
        *TABLE_WRITE_ACTIONS,
        "dynamodb:PartiQLSelect",
        "dynamodb:PartiQLInsert",
        "dynamodb:PartiQLUpdate",
        "dynamodb:PartiQLDelete",
    }
    assert len(TABLE_ITEM_ACTIONS) == len(set(TABLE_ITEM_ACTIONS))
    assert not any("*" in a or "Stream" in a for a in TABLE_ITEM_ACTIONS)


def test_document_scopes_the_table_with_or_without_its_indexes():
    with_indexes = table_actions_policy_document(ARN, ["dynamodb:Query"])
    assert with_indexes["Statement"] == [
        {
            "Sid": "TableData",
            "Effect": "Allow",
            "Action": ["dynamodb:Query"],
            "Resource": [ARN, f"{ARN}/index/*"],
        }
    ]
    table_only = table_actions_policy_document(ARN, ["dynamodb:PutItem"], indexes=False)
    assert table_only["Statement"][0]["Resource"] == ARN


@pytest.mark.parametrize(
    ("actions", "kms_actions"),
    [
        (["dynamodb:GetItem", "dynamodb:PartiQLSelect"], ["kms:Decrypt", "kms:DescribeKey"]),
        (
            ["dynamodb:GetItem", "dynamodb:DeleteItem"],
            [
                "kms:Decrypt",
                "kms:DescribeKey",
                "kms:Encrypt",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey*",
            ],
        ),
    ],
)
def test_document_adds_the_writer_key_actions_only_when_an_action_writes(actions, kms_actions):
    statements = table_actions_policy_document(ARN, actions, KMS_KEY)["Statement"]
    assert statements[1] == {
        "Sid": "TableKey",
        "Effect": "Allow",
        "Action": kms_actions,
        "Resource": KMS_KEY,
    }


def test_grant_attaches_exactly_the_named_actions_to_the_role(mock_stack):
    def program():
        role = aws.iam.Role("importer", assume_role_policy="{}")
        table = Table("orders", {"partition_key": PK})
        table.grant(
            role, ("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"), indexes=False
        )

    rec = mock_stack.run(program)
    grant = rec.named("orders-grant-data-importer")
    assert grant.type == ROLE_POLICY
    assert grant.parent_urn == rec.named("orders").urn
    assert grant.inputs["role"] == rec.named("importer").outputs["name"]
    assert json.loads(grant.inputs["policy"])["Statement"] == [
        {
            "Sid": "TableData",
            "Effect": "Allow",
            "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
            "Resource": rec.named("orders-table").outputs["arn"],
        }
    ]


def test_grant_on_a_reference_with_a_key_adds_the_key_actions(mock_stack):
    def program():
        table = Table.from_arn("orders", ARN, kms_key_arn=KMS_KEY)
        table.grant("reader-role", ["dynamodb:Query"], grant_id="reports")

    rec = mock_stack.run(program)
    statements = json.loads(rec.named("orders-grant-data-reports").inputs["policy"])["Statement"]
    assert statements[0]["Resource"] == [ARN, f"{ARN}/index/*"]
    assert statements[1]["Action"] == ["kms:Decrypt", "kms:DescribeKey"]


@pytest.mark.parametrize(
    ("actions", "path", "rule"),
    [
        ([], "grant.actions", "at least one action is needed"),
        (None, "grant.actions", "at least one action is needed"),
        ("dynamodb:GetItem", "grant.actions", "must be a list"),
        (["dynamodb:GetRecords"], "grant.actions[0]", "stream actions are granted on the stream"),
        (
            ["dynamodb:GetItem", "dynamodb:DescribeStream"],
            "grant.actions[1]",
            "stream actions are granted on the stream",
        ),
        (["dynamodb:DeleteTable"], "grant.actions[0]", "table-level changes belong to the role"),
        (["dynamodb:UpdateTimeToLive"], "grant.actions[0]", "table-level changes belong"),
        (["dynamodb:*"], "grant.actions[0]", "must be one of"),
        (["dynamodb:Getitem"], "grant.actions[0]", "must be one of"),
        (["s3:GetObject"], "grant.actions[0]", "must be one of"),
        (["dynamodb:PutItem", "dynamodb:PutItem"], "grant.actions[1]", "each action once"),
    ],
)
def test_grant_refuses_bad_actions_before_the_policy_registers(mock_stack, actions, path, rule):
    def program():
        table = Table("orders", {"partition_key": PK})
        table.grant("worker-role", actions)

    with pytest.raises(NovaInputError) as caught:
        mock_stack.run(program)
    assert caught.value.argument == path
    assert rule in caught.value.rule
    assert mock_stack.last.by_type(ROLE_POLICY) == []


def test_grant_suggests_the_closest_action_for_a_typo(mock_stack):
    def program():
        Table("orders", {"partition_key": PK}).grant("r", ["dynamodb:Getitem"])

    with pytest.raises(NovaInputError, match="did you mean 'dynamodb:GetItem'"):
        mock_stack.run(program)


def test_grant_refuses_a_non_bool_indexes_flag(mock_stack):
    def program():
        Table("orders", {"partition_key": PK}).grant("r", ["dynamodb:GetItem"], indexes="no")

    with pytest.raises(NovaInputError) as caught:
        mock_stack.run(program)
    assert caught.value.argument == "grant.indexes"


def test_the_same_grant_twice_needs_a_grant_id(mock_stack):
    def program():
        table = Table("orders", {"partition_key": PK})
        table.grant("r", ["dynamodb:GetItem"])
        table.grant("r", ["dynamodb:PutItem"])

    with pytest.raises(NovaInputError, match="exists already"):
        mock_stack.run(program)


def test_granted_operations_are_the_cloudwatch_operations_the_grants_allow(mock_stack):
    tables = {}

    def program():
        role = aws.iam.Role("fn", assume_role_policy="{}")
        fresh = Table("fresh", {"partition_key": PK})
        reads = Table("reads", {"partition_key": PK})
        reads.grant_read_data(role)
        mixed = Table("mixed", {"partition_key": PK, "stream": "NEW_IMAGE"})
        mixed.grant(role, ["dynamodb:PutItem", "dynamodb:ConditionCheckItem"])
        mixed.grant(role, ["dynamodb:PartiQLSelect"], grant_id="partiql")
        mixed.grant_stream_read(role)
        mixed.grant_write_data(role)
        tables.update(fresh=fresh, reads=reads, mixed=mixed)

    mock_stack.run(program)
    assert tables["fresh"].granted_operations == []
    assert tables["reads"].granted_operations == ["BatchGetItem", "GetItem", "Query", "Scan"]
    assert tables["mixed"].granted_operations == [
        "BatchExecuteStatement",
        "BatchWriteItem",
        "DeleteItem",
        "ExecuteStatement",
        "GetRecords",
        "PutItem",
        "UpdateItem",
    ]


def test_a_refused_grant_adds_no_operation(mock_stack):
    tables = {}

    def program():
        table = Table("orders", {"partition_key": PK})
        tables["orders"] = table
        table.grant("r", ["dynamodb:Scan", "dynamodb:Scan"])

    with pytest.raises(NovaInputError):
        mock_stack.run(program)
    assert tables["orders"].granted_operations == []
