"""Table under the kit's mocks: every default, the derived schema, options and the analyzer."""

import inspect
import json
import re
import typing
from pathlib import Path

import pulumi
import pytest
from pulumi.provider.experimental.analyzer import Analyzer

from nova_storage import (
    BILLING_MODE,
    DEFAULT_RECOVERY_PERIOD_DAYS,
    TABLE_TYPE_TOKEN,
    GlobalIndexArgs,
    LocalIndexArgs,
    Table,
    TableArgs,
    TableKeyArgs,
)
from nova_storage._plan.table import TABLE_ARGS_KEYS

TABLE = "aws:dynamodb/table:Table"
KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
PK = {"name": "id", "type": "S"}


def _table(rec):
    (table,) = rec.by_type(TABLE)
    return table


def test_defaults_with_only_a_partition_key(mock_stack):
    rec = mock_stack.run(lambda: Table("records", TableArgs(partition_key=PK)))
    assert rec.types() == {TABLE_TYPE_TOKEN: 1, TABLE: 1}
    table = _table(rec)
    assert table.name == "records-table"
    assert table.parent_urn == rec.named("records").urn
    assert table.inputs == {
        "billingMode": "PAY_PER_REQUEST",
        "hashKey": "id",
        "attributes": [{"name": "id", "type": "S"}],
        "pointInTimeRecovery": {"enabled": True, "recoveryPeriodInDays": 35},
        "deletionProtectionEnabled": True,
        "serverSideEncryption": {"enabled": False},
        "streamEnabled": False,
    }
    assert BILLING_MODE == "PAY_PER_REQUEST"
    assert DEFAULT_RECOVERY_PERIOD_DAYS == 35


def test_outputs_name_arn_and_no_stream_by_default(mock_stack):
    rec = mock_stack.run(lambda: Table("records", TableArgs(partition_key=PK)))
    component = rec.result
    name = _table(rec).outputs["name"]
    assert name.startswith("records-table-")
    assert rec.value(component.name) == name
    assert rec.value(component.arn) == f"arn:aws:dynamodb:us-east-1:123456789012:table/{name}"
    assert component.stream_arn is None
    assert component.kms_key_arn is None
    assert isinstance(component.table, pulumi.CustomResource)


def test_attribute_definitions_are_derived_once_from_table_and_index_keys(mock_stack):
    args = TableArgs(
        partition_key={"name": "pk", "type": "S"},
        sort_key={"name": "sk", "type": "S"},
        global_indexes={
            "timestamp-index": {
                "partition_key": {"name": "kind", "type": "S"},
                "sort_key": {"name": "timestamp", "type": "N"},
            },
            "by-sk": {"partition_key": {"name": "sk", "type": "S"}, "projection": "KEYS_ONLY"},
        },
        local_indexes={
            "by-owner": {
                "sort_key": {"name": "owner", "type": "B"},
                "projection": {"include": ["title", "size"]},
            }
        },
    )
    rec = mock_stack.run(lambda: Table("records", args))
    inputs = _table(rec).inputs
    assert inputs["hashKey"] == "pk"
    assert inputs["rangeKey"] == "sk"
    assert inputs["attributes"] == [
        {"name": "pk", "type": "S"},
        {"name": "sk", "type": "S"},
        {"name": "kind", "type": "S"},
        {"name": "timestamp", "type": "N"},
        {"name": "owner", "type": "B"},
    ]
    assert inputs["globalSecondaryIndexes"] == [
        {
            "name": "timestamp-index",
            "keySchemas": [
                {"attributeName": "kind", "keyType": "HASH"},
                {"attributeName": "timestamp", "keyType": "RANGE"},
            ],
            "projectionType": "ALL",
        },
        {
            "name": "by-sk",
            "keySchemas": [{"attributeName": "sk", "keyType": "HASH"}],
            "projectionType": "KEYS_ONLY",
        },
    ]
    assert inputs["localSecondaryIndexes"] == [
        {
            "name": "by-owner",
            "rangeKey": "owner",
            "projectionType": "INCLUDE",
            "nonKeyAttributes": ["title", "size"],
        }
    ]


def test_global_indexes_use_key_schemas_not_the_deprecated_fields(mock_stack):
    args = TableArgs(
        partition_key=PK,
        global_indexes={"by-kind": {"partition_key": {"name": "kind", "type": "S"}}},
    )
    rec = mock_stack.run(lambda: Table("records", args))
    (index,) = _table(rec).inputs["globalSecondaryIndexes"]
    assert "hashKey" not in index
    assert "rangeKey" not in index
    assert index["keySchemas"] == [{"attributeName": "kind", "keyType": "HASH"}]


def test_options_reach_the_table(mock_stack):
    args = TableArgs(
        table_name="records-dev",
        partition_key=PK,
        recovery_period_days=7,
        deletion_protection=False,
        kms_key_arn=KMS_KEY,
        ttl_attribute="expires_at",
        stream="NEW_AND_OLD_IMAGES",
        tags={"team": "records"},
    )
    rec = mock_stack.run(lambda: Table("records", args))
    inputs = _table(rec).inputs
    assert inputs["name"] == "records-dev"
    assert inputs["pointInTimeRecovery"] == {"enabled": True, "recoveryPeriodInDays": 7}
    assert inputs["deletionProtectionEnabled"] is False
    assert inputs["serverSideEncryption"] == {"enabled": True, "kmsKeyArn": KMS_KEY}
    assert inputs["ttl"] == {"attributeName": "expires_at", "enabled": True}
    assert inputs["streamEnabled"] is True
    assert inputs["streamViewType"] == "NEW_AND_OLD_IMAGES"
    assert inputs["tags"] == {"team": "records"}
    component = rec.result
    arn = "arn:aws:dynamodb:us-east-1:123456789012:table/records-dev"
    assert rec.value(component.stream_arn) == f"{arn}/stream/2026-01-01T00:00:00.000"
    assert rec.value(component.kms_key_arn) == KMS_KEY


def test_output_values_are_accepted_and_checked_when_known(mock_stack):
    def program():
        name = pulumi.Output.from_input("records-from-output")
        return Table(
            "records",
            TableArgs(
                partition_key=PK, table_name=name, recovery_period_days=pulumi.Output.from_input(3)
            ),
        )

    rec = mock_stack.run(program)
    inputs = _table(rec).inputs
    assert inputs["name"] == "records-from-output"
    assert inputs["pointInTimeRecovery"]["recoveryPeriodInDays"] == 3


def test_fails_when_an_output_table_name_resolves_to_a_bad_name(mock_stack):
    def program():
        name = pulumi.Output.from_input("bad name")
        Table("records", TableArgs(partition_key=PK, table_name=name))

    with pytest.raises(Exception, match=r"argument 'table_name' is 'bad name' \(checked when"):
        mock_stack.run(program)


@pytest.mark.parametrize("retain", [False, True])
def test_retain_on_delete_reaches_the_table(mock_stack, retain):
    rec = mock_stack.run(
        lambda: Table(
            "records",
            TableArgs(partition_key=PK),
            opts=pulumi.ResourceOptions(retain_on_delete=retain, protect=retain),
        )
    )
    table = _table(rec)
    assert table.retain_on_delete is retain
    assert table.protect is retain


def test_args_keys_match_the_plan():
    assert tuple(TableArgs.__annotations__) == TABLE_ARGS_KEYS
    assert TableArgs.__required_keys__ == frozenset({"partition_key"})
    assert typing.get_type_hints(Table.__init__)["args"] is TableArgs


def _key_docstrings(typed_dict: type) -> dict[str, str]:
    """The string after each annotated key, as Pulumi's analyzer reads it. Read line by line:
    ``ast.parse`` (used by ``inspect.getsource`` for classes) can raise a spurious SystemError
    on CPython 3.11 (gh-106905) once Pulumi's threads have run."""
    text = Path(inspect.getsourcefile(typed_dict)).read_text()
    body = text.split(f"\nclass {typed_dict.__name__}(", 1)[1]
    lines = re.split(r"\n(?=\S)", body, maxsplit=1)[0].splitlines()
    docs: dict[str, str] = {}
    for i, line in enumerate(lines[:-1]):
        key = re.match(r"    (\w+): ", line)
        following = lines[i + 1].strip()
        if key and following.startswith('"""'):
            text = following[3:]
            j = i + 1
            while '"""' not in text:
                j += 1
                text += " " + lines[j].strip()
            docs[key.group(1)] = text.split('"""')[0]
    return docs


@pytest.mark.parametrize("typed_dict", [TableArgs, TableKeyArgs, GlobalIndexArgs, LocalIndexArgs])
def test_every_args_key_documents_its_default(typed_dict):
    docs = _key_docstrings(typed_dict)
    for key in typed_dict.__annotations__:
        assert "Default: " in docs.get(key, "").replace("\n", " "), f"{typed_dict.__name__}.{key}"


def test_component_analyzer_accepts_the_component():
    result = Analyzer("nova-storage").analyze([Table])
    (component,) = result["component_definitions"].values()
    assert component.name == "Table"
    assert set(component.inputs) == {
        "tableName",
        "partitionKey",
        "sortKey",
        "globalIndexes",
        "localIndexes",
        "recoveryPeriodDays",
        "deletionProtection",
        "kmsKeyArn",
        "ttlAttribute",
        "stream",
        "tags",
    }
    assert component.inputs["partitionKey"].optional is False
    assert set(component.outputs) == {"table", "name", "arn", "streamArn", "kmsKeyArn"}
    assert component.outputs["streamArn"].optional is True


def test_package_schema_holds_bucket_table_and_secret_together():
    from pulumi.provider.experimental.component import ComponentProvider

    from nova_storage import Bucket, Secret

    schema = json.loads(ComponentProvider([Bucket, Table, Secret], "nova-storage").schema)
    assert set(schema["resources"]) == {
        "nova-storage:index:Bucket",
        "nova-storage:index:Table",
        "nova-storage:index:Secret",
    }
    table = schema["resources"]["nova-storage:index:Table"]
    assert table["requiredInputs"] == ["partitionKey"]
    assert {"nova-storage:index:TableKeyArgs", "nova-storage:index:GlobalIndexArgs"} <= set(
        schema["types"]
    )
    assert schema["resources"]["nova-storage:index:Secret"]["requiredInputs"] == []


def test_identity_of_the_stateful_child_is_pinned(mock_stack):
    """Renaming or re-parenting the table child replaces the table (data loss): its URN is part
    of the public contract, like the type token."""
    rec = mock_stack.run(lambda: Table("records", TableArgs(partition_key=PK)))
    assert _table(rec).urn == (
        "urn:pulumi:test::nova-test::nova-storage:index:Table$aws:dynamodb/table:Table::records-table"
    )
    assert (
        rec.named("records").urn == "urn:pulumi:test::nova-test::nova-storage:index:Table::records"
    )
