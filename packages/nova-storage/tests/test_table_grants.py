"""Table grants: exact actions (DDB-05), resources, KMS actions with a CMK (DDB-03), naming."""

import json

import pulumi_aws as aws
import pytest

from nova_core import NovaInputError
from nova_storage import (
    TABLE_KMS_READ_ACTIONS,
    TABLE_KMS_WRITE_ACTIONS,
    TABLE_READ_ACTIONS,
    TABLE_STREAM_ACTIONS,
    TABLE_WRITE_ACTIONS,
    Table,
    table_read_policy_document,
    table_read_write_policy_document,
    table_stream_read_policy_document,
    table_write_policy_document,
)

ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
PK = {"name": "id", "type": "S"}
KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"

READ = [
    "dynamodb:BatchGetItem",
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
]
WRITE = [
    "dynamodb:BatchWriteItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:DescribeTable",
]
KMS_READ = ["kms:Decrypt", "kms:DescribeKey"]
KMS_WRITE = [
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
]


def test_action_lists_are_cdks_without_wildcards():
    assert list(TABLE_READ_ACTIONS) == READ
    assert list(TABLE_WRITE_ACTIONS) == WRITE
    assert list(TABLE_STREAM_ACTIONS) == [
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
    ]
    assert list(TABLE_KMS_READ_ACTIONS) == KMS_READ
    assert list(TABLE_KMS_WRITE_ACTIONS) == KMS_WRITE
    everything = [*READ, *WRITE, *TABLE_STREAM_ACTIONS]
    assert not [a for a in everything if "*" in a]
    assert "dynamodb:UpdateTable" not in everything
    assert "dynamodb:DeleteTable" not in everything


def test_read_document_scopes_the_table_and_its_indexes():
    assert table_read_policy_document(ARN) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadTableData",
                "Effect": "Allow",
                "Action": READ,
                "Resource": [ARN, f"{ARN}/index/*"],
            }
        ],
    }


def test_write_document_with_a_cmk_adds_the_writer_key_actions():
    assert table_write_policy_document(ARN, KMS_KEY)["Statement"] == [
        {
            "Sid": "WriteTableData",
            "Effect": "Allow",
            "Action": WRITE,
            "Resource": [ARN, f"{ARN}/index/*"],
        },
        {"Sid": "TableKey", "Effect": "Allow", "Action": KMS_WRITE, "Resource": KMS_KEY},
    ]


def test_read_write_document_merges_without_repeating_describe_table():
    (statement,) = table_read_write_policy_document(ARN)["Statement"]
    assert statement["Action"] == [*READ, *WRITE[:-1]]
    assert statement["Action"].count("dynamodb:DescribeTable") == 1


def test_stream_document_lists_streams_on_star_as_the_one_exception():
    stream = f"{ARN}/stream/2026-01-01T00:00:00.000"
    assert table_stream_read_policy_document(stream, KMS_KEY)["Statement"] == [
        {
            "Sid": "ListTableStreams",
            "Effect": "Allow",
            "Action": ["dynamodb:ListStreams"],
            "Resource": "*",
        },
        {
            "Sid": "ReadTableStream",
            "Effect": "Allow",
            "Action": list(TABLE_STREAM_ACTIONS),
            "Resource": stream,
        },
        {"Sid": "TableKey", "Effect": "Allow", "Action": KMS_READ, "Resource": KMS_KEY},
    ]


GRANTS = [
    ("grant_read_data", "read-data", READ, KMS_READ),
    ("grant_write_data", "write-data", WRITE, KMS_WRITE),
    ("grant_read_write_data", "read-write-data", [*READ, *WRITE[:-1]], KMS_WRITE),
]


@pytest.mark.parametrize(("method", "kind", "actions", "kms_actions"), GRANTS)
@pytest.mark.parametrize("kms", [None, KMS_KEY])
def test_data_grants_attach_exact_actions_to_the_role(
    mock_stack, method, kind, actions, kms_actions, kms
):
    def program():
        role = aws.iam.Role("worker", assume_role_policy="{}")
        args = {"partition_key": PK} if kms is None else {"partition_key": PK, "kms_key_arn": kms}
        table = Table("orders", args)
        getattr(table, method)(role)
        return table

    rec = mock_stack.run(program)
    grant = rec.named(f"orders-grant-{kind}-worker")
    assert grant.type == ROLE_POLICY
    assert grant.parent_urn == rec.named("orders").urn
    assert grant.inputs["role"] == rec.named("worker").outputs["name"]
    arn = rec.named("orders-table").outputs["arn"]
    statements = json.loads(grant.inputs["policy"])["Statement"]
    assert statements[0]["Action"] == actions
    assert statements[0]["Resource"] == [arn, f"{arn}/index/*"]
    if kms is None:
        assert len(statements) == 1
    else:
        assert statements[1] == {
            "Sid": "TableKey",
            "Effect": "Allow",
            "Action": kms_actions,
            "Resource": kms,
        }


def test_stream_grant_reads_the_stream_arn(mock_stack):
    def program():
        role = aws.iam.Role("consumer", assume_role_policy="{}")
        table = Table("orders", {"partition_key": PK, "stream": "NEW_IMAGE"})
        table.grant_stream_read(role)

    rec = mock_stack.run(program)
    statements = json.loads(rec.named("orders-grant-stream-read-consumer").inputs["policy"])[
        "Statement"
    ]
    stream = rec.named("orders-table").outputs["streamArn"]
    assert stream.endswith("/stream/2026-01-01T00:00:00.000")
    assert statements == [
        {
            "Sid": "ListTableStreams",
            "Effect": "Allow",
            "Action": ["dynamodb:ListStreams"],
            "Resource": "*",
        },
        {
            "Sid": "ReadTableStream",
            "Effect": "Allow",
            "Action": [
                "dynamodb:DescribeStream",
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator",
            ],
            "Resource": stream,
        },
    ]


def test_grants_take_a_role_name_and_a_grant_id(mock_stack):
    def program():
        table = Table("orders", {"partition_key": PK})
        table.grant_read_data("existing-role")
        table.grant_read_data("existing-role", grant_id="second")

    rec = mock_stack.run(program)
    assert rec.named("orders-grant-read-data-existing-role").inputs["role"] == "existing-role"
    assert rec.named("orders-grant-read-data-second").inputs["role"] == "existing-role"
    rec.resource_count_is(ROLE_POLICY, 2)


def test_fails_when_the_same_grant_is_made_twice(mock_stack):
    def program():
        table = Table("orders", {"partition_key": PK})
        table.grant_write_data("app")
        table.grant_write_data("app")

    with pytest.raises(
        NovaInputError, match=r"'grant_write_data\.grant_id' is 'app'.*exists already"
    ):
        mock_stack.run(program)
    mock_stack.last.resource_count_is(ROLE_POLICY, 1)


def test_fails_when_a_stream_grant_is_asked_of_a_table_without_stream(mock_stack):
    def program():
        Table("orders", {"partition_key": PK}).grant_stream_read("app")

    with pytest.raises(NovaInputError, match=r"'grant_stream_read' .*no stream to read") as raised:
        mock_stack.run(program)
    assert "NEW_AND_OLD_IMAGES" in raised.value.fix
    mock_stack.last.resource_count_is(ROLE_POLICY, 0)


def test_fails_when_the_role_name_is_an_arn(mock_stack):
    def program():
        Table("orders", {"partition_key": PK}).grant_read_data("arn:aws:iam::123456789012:role/app")

    with pytest.raises(NovaInputError, match=r"'grant_read_data\.role' .*IAM role names") as raised:
        mock_stack.run(program)
    assert "not its ARN" in raised.value.fix
    mock_stack.last.resource_count_is(ROLE_POLICY, 0)


def test_fails_when_the_role_is_not_a_role(mock_stack):
    def program():
        Table("orders", {"partition_key": PK}).grant_read_data(42)

    with pytest.raises(
        NovaInputError, match=r"'grant_read_data\.role' is <int>: needs an IAM role"
    ):
        mock_stack.run(program)
    mock_stack.last.resource_count_is(ROLE_POLICY, 0)
