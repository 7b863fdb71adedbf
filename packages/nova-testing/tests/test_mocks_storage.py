"""NovaMocks answers like AWS for DynamoDB tables, Secrets Manager secrets and versions, and
random passwords, so users' tests of tables and secrets never see ``None``."""

import re

import pulumi
import pulumi_aws as aws
import pulumi_random as random

from nova_testing import NovaMocks

TABLE = "aws:dynamodb/table:Table"
SECRET = "aws:secretsmanager/secret:Secret"
VERSION = "aws:secretsmanager/secretVersion:SecretVersion"
PASSWORD = "random:index/randomPassword:RandomPassword"


def _table(logical: str, **extra) -> aws.dynamodb.Table:
    return aws.dynamodb.Table(
        logical,
        hash_key="id",
        attributes=[aws.dynamodb.TableAttributeArgs(name="id", type="S")],
        billing_mode="PAY_PER_REQUEST",
        **extra,
    )


def test_table_has_a_name_and_an_arn_and_no_stream_when_off(mock_stack):
    rec = mock_stack.run(lambda: _table("orders"))
    table = rec.get(TABLE)
    name = table.outputs["name"]
    assert re.fullmatch(r"orders-[0-9a-f]{7}", name)
    assert table.id == name
    assert table.outputs["arn"] == f"arn:aws:dynamodb:us-east-1:123456789012:table/{name}"
    assert table.outputs["streamArn"] == ""
    assert rec.value(rec.result.stream_arn) == ""


def test_table_stream_arn_extends_the_table_arn_with_a_label(mock_stack):
    rec = mock_stack.run(
        lambda: _table(
            "orders", name="orders-prod", stream_enabled=True, stream_view_type="NEW_IMAGE"
        )
    )
    outputs = rec.get(TABLE).outputs
    arn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders-prod"
    assert outputs["arn"] == arn
    assert outputs["streamArn"] == f"{arn}/stream/{outputs['streamLabel']}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}", outputs["streamLabel"])


def test_table_arn_follows_the_mocks_account_and_region(mock_stack):
    mock_stack.mocks = NovaMocks(account_id="210987654321", region="eu-west-1")
    rec = mock_stack.run(lambda: _table("orders", name="orders"))
    assert rec.get(TABLE).outputs["arn"] == "arn:aws:dynamodb:eu-west-1:210987654321:table/orders"


def test_secret_arn_carries_a_six_character_suffix_the_name_does_not(mock_stack):
    rec = mock_stack.run(lambda: aws.secretsmanager.Secret("app", name="app/db"))
    secret = rec.get(SECRET)
    assert secret.outputs["name"] == "app/db"
    match = re.fullmatch(
        r"arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-(\w{6})",
        secret.outputs["arn"],
    )
    assert match is not None
    assert secret.id == secret.outputs["arn"]
    again = mock_stack.run(lambda: aws.secretsmanager.Secret("app", name="app/db"))
    assert again.get(SECRET).outputs["arn"] == secret.outputs["arn"]
    other = mock_stack.run(lambda: aws.secretsmanager.Secret("app", name="app/api"))
    assert other.get(SECRET).outputs["arn"].rsplit("-", 1)[1] != match.group(1)


def test_secret_is_auto_named_from_its_logical_name(mock_stack):
    rec = mock_stack.run(lambda: aws.secretsmanager.Secret("app"))
    name = rec.get(SECRET).outputs["name"]
    assert re.fullmatch(r"app-[0-9a-f]{7}", name)
    assert (
        rec.get(SECRET)
        .outputs["arn"]
        .startswith(f"arn:aws:secretsmanager:us-east-1:123456789012:secret:{name}-")
    )


def test_secret_version_has_a_version_id_and_the_current_stage(mock_stack):
    def program():
        secret = aws.secretsmanager.Secret("app")
        return aws.secretsmanager.SecretVersion(
            "app-version", secret_id=secret.id, secret_string=pulumi.Output.secret("x")
        )

    rec = mock_stack.run(program)
    version = rec.get(VERSION)
    secret_arn = rec.get(SECRET).outputs["arn"]
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        version.outputs["versionId"],
    )
    assert version.outputs["arn"] == secret_arn
    assert version.outputs["versionStages"] == ["AWSCURRENT"]
    assert version.id == f"{secret_arn}|{version.outputs['versionId']}"
    assert rec.value(rec.result.version_id) == version.outputs["versionId"]


def test_random_password_has_the_requested_length_and_is_stable(mock_stack):
    rec = mock_stack.run(lambda: random.RandomPassword("db", length=64))
    result = rec.get(PASSWORD).outputs["result"]
    assert len(result) == 64
    assert rec.get(PASSWORD).outputs["bcryptHash"].startswith("$2a$10$")
    again = mock_stack.run(lambda: random.RandomPassword("db", length=64))
    assert again.get(PASSWORD).outputs["result"] == result
    other = mock_stack.run(lambda: random.RandomPassword("api", length=64))
    assert other.get(PASSWORD).outputs["result"] != result


def test_random_password_result_is_never_none(mock_stack):
    rec = mock_stack.run(lambda: random.RandomPassword("db", length=16))
    assert rec.value(rec.result.result) == rec.get(PASSWORD).outputs["result"]
    assert len(rec.value(rec.result.result)) == 16
