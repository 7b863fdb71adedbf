"""References to tables and secrets made elsewhere: the same grants and the same documents."""

import json

import pulumi
import pytest

from nova_core import NovaInputError
from nova_storage import (
    Secret,
    SecretLike,
    SecretReference,
    Table,
    TableLike,
    TableReference,
    secret_read_policy_document,
    table_read_policy_document,
    table_stream_read_policy_document,
    table_write_policy_document,
)

ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
TABLE_ARN = "arn:aws:dynamodb:eu-west-1:210987654321:table/orders"
STREAM_ARN = f"{TABLE_ARN}/stream/2026-02-03T04:05:06.789"
SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:210987654321:secret:app/db-a1B2c3"
KMS_KEY = "arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def _policy(rec, name):
    return json.loads(rec.named(name).inputs["policy"])


def test_table_from_arn_grants_the_same_documents_unparented(mock_stack):
    def program():
        table = Table.from_arn("orders", TABLE_ARN, stream_arn=STREAM_ARN, kms_key_arn=KMS_KEY)
        table.grant_write_data("worker")
        table.grant_stream_read("worker")
        return table

    rec = mock_stack.run(program)
    assert rec.types() == {ROLE_POLICY: 2}
    assert _policy(rec, "orders-grant-write-data-worker") == table_write_policy_document(
        TABLE_ARN, KMS_KEY
    )
    assert _policy(rec, "orders-grant-stream-read-worker") == table_stream_read_policy_document(
        STREAM_ARN, KMS_KEY
    )
    assert rec.named("orders-grant-write-data-worker").parent_urn is None
    table = rec.result
    assert isinstance(table, TableReference)
    assert isinstance(table, TableLike)
    assert rec.value(table.name) == "orders"
    assert rec.value(table.arn) == TABLE_ARN
    assert rec.value(table.stream_arn) == STREAM_ARN


def test_table_from_name_builds_the_arn_from_config_region_and_the_account(mock_stack):
    mock_stack.set_config("aws:region", "eu-west-1")

    def program():
        table = Table.from_name("orders", "orders-prod")
        table.grant_read_data("reader")
        return table

    rec = mock_stack.run(program)
    arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders-prod"
    assert rec.value(rec.result.arn) == arn
    assert rec.value(rec.result.name) == "orders-prod"
    assert rec.result.stream_arn is None
    assert _policy(rec, "orders-grant-read-data-reader") == table_read_policy_document(arn)


def test_table_from_name_with_region_and_account_needs_no_lookup(mock_stack):
    rec = mock_stack.run(
        lambda: Table.from_name("orders", "orders", region="us-west-2", account_id="210987654321")
    )
    assert rec.value(rec.result.arn) == "arn:aws:dynamodb:us-west-2:210987654321:table/orders"
    assert mock_stack.mocks.calls == []


def test_table_from_an_output_arn_takes_the_name_when_known(mock_stack):
    rec = mock_stack.run(lambda: Table.from_arn("orders", pulumi.Output.from_input(TABLE_ARN)))
    assert rec.value(rec.result.name) == "orders"


def test_secret_from_arn_grants_read_on_the_exact_arn(mock_stack):
    def program():
        secret = Secret.from_arn("db", SECRET_ARN, kms_key_arn=KMS_KEY)
        secret.grant_read("api")
        return secret

    rec = mock_stack.run(program)
    assert _policy(rec, "db-grant-read-api") == secret_read_policy_document(SECRET_ARN, KMS_KEY)
    secret = rec.result
    assert isinstance(secret, SecretReference)
    assert isinstance(secret, SecretLike)
    assert rec.value(secret.name) == "app/db"


def test_secret_from_name_uses_the_six_character_pattern(mock_stack):
    mock_stack.set_config("aws:region", "eu-west-1")

    def program():
        secret = Secret.from_name("db", "app/db")
        secret.grant_read("api")
        return secret

    rec = mock_stack.run(program)
    arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-??????"
    assert rec.value(rec.result.arn) == arn
    assert _policy(rec, "db-grant-read-api")["Statement"][0]["Resource"] == arn


def test_components_satisfy_the_same_protocols(mock_stack):
    def program():
        return Table("orders", {"partition_key": {"name": "id", "type": "S"}}), Secret("app")

    rec = mock_stack.run(program)
    table, secret = rec.result
    assert isinstance(table, TableLike)
    assert isinstance(secret, SecretLike)


REFERENCE_CASES = [
    (
        "table-arn-of-another-service",
        lambda: Table.from_arn("t", SECRET_ARN),
        "table_arn",
        "must be dynamodb ARN",
    ),
    (
        "table-arn-of-an-index",
        lambda: Table.from_arn("t", f"{TABLE_ARN}/index/by-kind"),
        "table_arn",
        "not of an index",
    ),
    (
        "table-name-charset",
        lambda: Table.from_name("t", "orders table"),
        "table_name",
        "letters, digits",
    ),
    (
        "table-region-unknown",
        lambda: Table.from_name("t", "orders", region="eu-west-9"),
        "region",
        "known AWS Region",
    ),
    (
        "stream-arn-not-a-stream",
        lambda: Table.from_arn("t", TABLE_ARN, stream_arn=TABLE_ARN),
        "stream_arn",
        "contains '/stream/'",
    ),
    (
        "kms-in-another-region",
        lambda: Table.from_arn(
            "t", TABLE_ARN, kms_key_arn=KMS_KEY.replace("eu-west-1", "us-east-1")
        ),
        "kms_key_arn",
        "must be in eu-west-1",
    ),
    (
        "secret-partial-arn",
        lambda: Secret.from_arn("s", SECRET_ARN[:-7]),
        "secret_arn",
        "full secret ARN",
    ),
    (
        "secret-arn-of-another-service",
        lambda: Secret.from_arn("s", TABLE_ARN),
        "secret_arn",
        "must be secretsmanager ARN",
    ),
    (
        "secret-name-suffix-trap",
        lambda: Secret.from_name("s", "app-abcdef"),
        "secret_name",
        "six characters",
    ),
]


@pytest.mark.parametrize(
    ("program", "argument", "rule"),
    [c[1:] for c in REFERENCE_CASES],
    ids=[c[0] for c in REFERENCE_CASES],
)
def test_fails_when_a_reference_is_given_a_bad_identifier(mock_stack, program, argument, rule):
    with pytest.raises(NovaInputError) as raised:
        mock_stack.run(program)
    assert raised.value.argument == argument
    assert rule in raised.value.rule
    assert mock_stack.last.resources == []


def test_fails_when_a_stream_grant_is_asked_of_a_reference_without_stream_arn(mock_stack):
    with pytest.raises(NovaInputError, match="no stream to read") as raised:
        mock_stack.run(lambda: Table.from_arn("orders", TABLE_ARN).grant_stream_read("consumer"))
    assert "stream_arn" in raised.value.fix
    assert mock_stack.last.resources == []


def test_table_from_name_without_region_config_uses_non_blocking_lookups(mock_stack):
    rec = mock_stack.run(lambda: Table.from_name("orders", "orders"))
    assert rec.value(rec.result.arn) == "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
    assert {token for token, _ in mock_stack.mocks.calls} == {
        "aws:index/getRegion:getRegion",
        "aws:index/getPartition:getPartition",
        "aws:index/getCallerIdentity:getCallerIdentity",
    }
