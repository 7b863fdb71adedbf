"""DynamoDB grants: exact action lists and pure policy builders (DDB-05, DDB-03).

The lists follow CDK's ``aws-dynamodb/lib/perms.ts``, without CDK's stream actions in the read
list: streams have their own grant. ``dynamodb:ListStreams`` cannot be scoped to a resource, so
the stream grant allows it on ``"*"``: the one stated exception to "no wildcard resources".
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "TABLE_KMS_READ_ACTIONS",
    "TABLE_KMS_WRITE_ACTIONS",
    "TABLE_READ_ACTIONS",
    "TABLE_STREAM_ACTIONS",
    "TABLE_STREAM_LIST_ACTIONS",
    "TABLE_WRITE_ACTIONS",
    "TABLE_ITEM_ACTIONS",
    "table_actions_policy_document",
    "table_read_policy_document",
    "table_read_write_policy_document",
    "table_stream_read_policy_document",
    "table_write_policy_document",
]

TABLE_READ_ACTIONS: tuple[str, ...] = (
    "dynamodb:BatchGetItem",
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
)
"""Read items of the table and its indexes."""

TABLE_WRITE_ACTIONS: tuple[str, ...] = (
    "dynamodb:BatchWriteItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:DescribeTable",
)
"""Write and delete items (never table-level changes such as ``UpdateTable``)."""

TABLE_ITEM_ACTIONS: tuple[str, ...] = (
    *TABLE_READ_ACTIONS,
    *(a for a in TABLE_WRITE_ACTIONS if a not in TABLE_READ_ACTIONS),
    "dynamodb:PartiQLSelect",
    "dynamodb:PartiQLInsert",
    "dynamodb:PartiQLUpdate",
    "dynamodb:PartiQLDelete",
)
"""What ``Table.grant`` accepts: the item-level actions of the read and write lists and their
PartiQL forms. Stream actions have ``grant_stream_read``; table-level changes (``UpdateTable``,
``DeleteTable``, ...) belong to the deploying role, never to a function."""

TABLE_STREAM_ACTIONS: tuple[str, ...] = (
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
)
"""Read the table's stream, on the stream ARN."""

TABLE_STREAM_LIST_ACTIONS: tuple[str, ...] = ("dynamodb:ListStreams",)
"""Allowed on ``"*"`` only: ``ListStreams`` supports no resource-level permissions."""

TABLE_KMS_READ_ACTIONS: tuple[str, ...] = ("kms:Decrypt", "kms:DescribeKey")
"""On the table's customer managed key, for readers."""

TABLE_KMS_WRITE_ACTIONS: tuple[str, ...] = (
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
)
"""On the table's customer managed key, for writers (they read the key too)."""


def _document(statements: list[dict[str, Any]]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": statements}


def _table_resources(table_arn: str) -> list[str]:
    return [table_arn, f"{table_arn}/index/*"]


def _kms(kms_key_arn: str | None, actions: tuple[str, ...]) -> list[dict[str, Any]]:
    if kms_key_arn is None:
        return []
    return [
        {
            "Sid": "TableKey",
            "Effect": "Allow",
            "Action": list(actions),
            "Resource": kms_key_arn,
        }
    ]


def _merge(*lists: tuple[str, ...]) -> list[str]:
    merged: list[str] = []
    for actions in lists:
        merged.extend(a for a in actions if a not in merged)
    return merged


def table_read_policy_document(table_arn: str, kms_key_arn: str | None = None) -> dict[str, Any]:
    """Read items of ``table_arn`` and its indexes (+ ``kms:Decrypt``/``DescribeKey`` on a CMK)."""
    return _document(
        [
            {
                "Sid": "ReadTableData",
                "Effect": "Allow",
                "Action": list(TABLE_READ_ACTIONS),
                "Resource": _table_resources(table_arn),
            },
            *_kms(kms_key_arn, TABLE_KMS_READ_ACTIONS),
        ]
    )


def table_write_policy_document(table_arn: str, kms_key_arn: str | None = None) -> dict[str, Any]:
    """Write and delete items of ``table_arn`` (+ the writer KMS actions on a CMK)."""
    return _document(
        [
            {
                "Sid": "WriteTableData",
                "Effect": "Allow",
                "Action": list(TABLE_WRITE_ACTIONS),
                "Resource": _table_resources(table_arn),
            },
            *_kms(kms_key_arn, TABLE_KMS_WRITE_ACTIONS),
        ]
    )


def table_read_write_policy_document(
    table_arn: str, kms_key_arn: str | None = None
) -> dict[str, Any]:
    """Read and write items in one statement (+ the writer KMS actions on a CMK)."""
    return _document(
        [
            {
                "Sid": "ReadWriteTableData",
                "Effect": "Allow",
                "Action": _merge(TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS),
                "Resource": _table_resources(table_arn),
            },
            *_kms(kms_key_arn, TABLE_KMS_WRITE_ACTIONS),
        ]
    )


def table_stream_read_policy_document(
    stream_arn: str, kms_key_arn: str | None = None
) -> dict[str, Any]:
    """Read the stream ``stream_arn``; ``ListStreams`` on ``"*"`` (it cannot be scoped);
    ``kms:Decrypt``/``DescribeKey`` on a CMK (stream records are encrypted with the table key)."""
    return _document(
        [
            {
                "Sid": "ListTableStreams",
                "Effect": "Allow",
                "Action": list(TABLE_STREAM_LIST_ACTIONS),
                "Resource": "*",
            },
            {
                "Sid": "ReadTableStream",
                "Effect": "Allow",
                "Action": list(TABLE_STREAM_ACTIONS),
                "Resource": stream_arn,
            },
            *_kms(kms_key_arn, TABLE_KMS_READ_ACTIONS),
        ]
    )


def table_actions_policy_document(
    table_arn: str,
    actions: tuple[str, ...] | list[str],
    kms_key_arn: str | None = None,
    *,
    indexes: bool = True,
) -> dict[str, Any]:
    """Exactly ``actions`` on ``table_arn`` (and ``<arn>/index/*`` when ``indexes``); on a CMK
    the reader KMS actions, or the writer ones when an action writes. ``actions`` are not
    checked here: ``Table.grant`` checks them before anything registers."""
    writes = any(a not in TABLE_READ_ACTIONS and a != "dynamodb:PartiQLSelect" for a in actions)
    return _document(
        [
            {
                "Sid": "TableData",
                "Effect": "Allow",
                "Action": list(actions),
                "Resource": _table_resources(table_arn) if indexes else table_arn,
            },
            *_kms(kms_key_arn, TABLE_KMS_WRITE_ACTIONS if writes else TABLE_KMS_READ_ACTIONS),
        ]
    )
