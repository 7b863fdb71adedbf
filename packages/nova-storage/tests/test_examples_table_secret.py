"""The README examples for Table and Secret (examples/table.py, examples/secret.py) run as stack
programs under the mocks, and the README shows them verbatim."""

import json
import runpy
from pathlib import Path

import pytest

from nova_storage import secret_read_policy_document, table_stream_read_policy_document

PACKAGE = Path(__file__).resolve().parents[1]
TABLE_EXAMPLE = PACKAGE / "examples" / "table.py"
SECRET_EXAMPLE = PACKAGE / "examples" / "secret.py"
README = PACKAGE / "README.md"


def _run(mock_stack, path):
    return mock_stack.run(lambda: runpy.run_path(str(path), run_name="__main__"))


def test_table_example_builds_the_records_table_and_two_grants(mock_stack):
    rec = _run(mock_stack, TABLE_EXAMPLE)
    assert rec.types() == {
        "nova-storage:index:Table": 1,
        "aws:dynamodb/table:Table": 1,
        "aws:iam/role:Role": 2,
        "aws:iam/rolePolicy:RolePolicy": 2,
    }
    table = rec.named("records-table")
    assert table.protect is True
    assert table.retain_on_delete is True
    assert table.inputs["deletionProtectionEnabled"] is True
    assert table.inputs["pointInTimeRecovery"] == {"enabled": True, "recoveryPeriodInDays": 35}
    assert table.inputs["attributes"] == [
        {"name": "id", "type": "S"},
        {"name": "created_at", "type": "N"},
        {"name": "kind", "type": "S"},
        {"name": "timestamp", "type": "N"},
    ]
    (index,) = table.inputs["globalSecondaryIndexes"]
    assert index["name"] == "timestamp-index"
    assert index["nonKeyAttributes"] == ["status"]
    stream = table.outputs["streamArn"]
    assert rec.outputs == {
        "records_table_name": table.outputs["name"],
        "records_table_arn": table.outputs["arn"],
        "records_stream_arn": stream,
    }
    indexer = rec.named("records-grant-stream-read-records-indexer")
    assert json.loads(indexer.inputs["policy"]) == table_stream_read_policy_document(stream)
    api = rec.named("records-grant-read-write-data-records-api")
    assert api.inputs["role"] == rec.named("records-api").outputs["name"]


def test_table_example_relaxes_protection_in_dev(mock_stack):
    mock_stack.set_config("nova-test:devStack", True)
    table = _run(mock_stack, TABLE_EXAMPLE).named("records-table")
    assert table.protect is False
    assert table.retain_on_delete is False
    assert table.inputs["deletionProtectionEnabled"] is False
    assert table.inputs["pointInTimeRecovery"]["recoveryPeriodInDays"] == 7


def test_secret_example_generates_one_value_and_takes_one_from_config(mock_stack):
    mock_stack.set_config("nova-test:upstreamToken", "partner-token", secret=True)
    rec = _run(mock_stack, SECRET_EXAMPLE)
    assert rec.types() == {
        "nova-storage:index:Secret": 2,
        "aws:secretsmanager/secret:Secret": 2,
        "aws:secretsmanager/secretVersion:SecretVersion": 2,
        "random:index/randomPassword:RandomPassword": 1,
        "aws:iam/role:Role": 1,
        "aws:iam/rolePolicy:RolePolicy": 2,
    }
    assert rec.named("signing-key-value").inputs["length"] == 48
    assert rec.named("signing-key-value").inputs["overrideSpecial"] == "!#$%&*()-_=+[]{}<>?"
    token = rec.named("upstream-token-version").inputs
    assert token["secretStringWo"]["value"] == "partner-token"
    for name in ("signing-key", "upstream-token"):
        secret = rec.named(f"{name}-secret")
        assert secret.inputs["kmsKeyId"] == "alias/aws/secretsmanager"
        assert secret.inputs["recoveryWindowInDays"] == 30
        grant = rec.named(f"{name}-grant-read-records-api")
        assert json.loads(grant.inputs["policy"]) == secret_read_policy_document(
            secret.outputs["arn"]
        )
    assert rec.outputs == {
        "signing_key_arn": rec.named("signing-key-secret").outputs["arn"],
        "upstream_token_arn": rec.named("upstream-token-secret").outputs["arn"],
    }


def test_secret_example_needs_the_token_in_config(mock_stack):
    with pytest.raises(Exception, match="upstreamToken"):
        _run(mock_stack, SECRET_EXAMPLE)


@pytest.mark.parametrize("example", [TABLE_EXAMPLE, SECRET_EXAMPLE], ids=["table", "secret"])
def test_readme_shows_the_example_verbatim(example):
    blocks = README.read_text().split("```python\n")[1:]
    assert example.read_text() in [block.split("```", 1)[0] for block in blocks]
