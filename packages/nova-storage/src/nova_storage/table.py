"""The ``Table`` component: a DynamoDB table with recovery, deletion protection and exact grants.

No ``from __future__ import annotations`` here on purpose: Pulumi's component analyzer reads the
annotations of ``TableArgs`` and of the outputs at runtime and needs real types, not strings.
"""

from collections.abc import Mapping
from typing import Any, Required, TypedDict

import pulumi
import pulumi_aws as aws

from nova_core import child_name

from ._access import TableGrants
from ._plan.table import COMPONENT, TablePlan, plan_table
from .references import TableReference

__all__ = [
    "TABLE_TYPE_TOKEN",
    "GlobalIndexArgs",
    "LocalIndexArgs",
    "Table",
    "TableArgs",
    "TableKeyArgs",
]

TABLE_TYPE_TOKEN = "nova-storage:index:Table"


class TableKeyArgs(TypedDict, total=False):
    """A key attribute. Both values must be plain: they decide the table's schema."""

    name: Required[str]
    """Attribute name, 1-255 characters. Default: none (required)."""
    type: Required[str]
    """``"S"`` (string), ``"N"`` (number) or ``"B"`` (binary). Default: none (required)."""


class GlobalIndexArgs(TypedDict, total=False):
    """A global secondary index (its name is the key in ``global_indexes``)."""

    partition_key: Required[TableKeyArgs]
    """The index's partition key. Default: none (required)."""
    sort_key: TableKeyArgs
    """The index's sort key. Default: none."""
    projection: Any
    """``"ALL"``, ``"KEYS_ONLY"`` or ``{"include": ["attr", ...]}`` (at most 20 attributes).
    Default: ``"ALL"``."""


class LocalIndexArgs(TypedDict, total=False):
    """A local secondary index: the table's partition key with another sort key. Created only
    with the table (adding or removing one replaces the table)."""

    sort_key: Required[TableKeyArgs]
    """The index's sort key. Default: none (required)."""
    projection: Any
    """``"ALL"``, ``"KEYS_ONLY"`` or ``{"include": [...]}``. Default: ``"ALL"``."""


class TableArgs(TypedDict, total=False):
    """Arguments of :class:`Table`. Only ``partition_key`` is required.

    Attribute definitions are derived from the keys of the table and its indexes; they are never
    declared. Key and index arguments must be plain values (they decide the schema).
    """

    table_name: pulumi.Input[str]
    """Physical table name, 3-255 of ``[a-zA-Z0-9_.-]``. Default: ``<name>-table-<7
    random characters>`` (Pulumi auto-naming, so replacements never collide)."""
    partition_key: Required[TableKeyArgs]
    """The table's partition (hash) key. Default: none (required)."""
    sort_key: TableKeyArgs
    """The table's sort (range) key. Default: none."""
    global_indexes: Mapping[str, GlobalIndexArgs]
    """Global secondary indexes by name (at most 20; add or remove ONE per deployment).
    Default: none."""
    local_indexes: Mapping[str, LocalIndexArgs]
    """Local secondary indexes by name (at most 5; need a table sort key). Default: none."""
    recovery_period_days: pulumi.Input[int]
    """Point-in-time recovery window, 1-35 days (PITR is always on, DDB-01). Default: ``35``."""
    deletion_protection: pulumi.Input[bool]
    """DeleteTable is refused while on (DDB-02); ``False`` is the opt-out for dev stacks.
    Default: ``True``."""
    kms_key_arn: pulumi.Input[str]
    """A customer managed KMS key ARN for encryption at rest; grants then include KMS actions.
    Default: none (the AWS owned key, stated as ``server_side_encryption.enabled = False``)."""
    ttl_attribute: pulumi.Input[str]
    """Attribute holding an expiry time in epoch seconds (not a key attribute). Default: none
    (TTL off)."""
    stream: str
    """Stream view type: ``KEYS_ONLY``, ``NEW_IMAGE``, ``OLD_IMAGE`` or
    ``NEW_AND_OLD_IMAGES``. Default: none (stream off)."""
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]]
    """Tags of the table (stack-wide tags belong in the provider's default_tags).
    Default: none."""


class Table(pulumi.ComponentResource, TableGrants):
    """A DynamoDB table: on-demand, point-in-time recovery (35 days), deletion protection, the
    encryption key stated, attribute definitions derived from the keys.

    Children: ``<name>-table``; grants add ``<name>-grant-<kind>-<key>`` role policies.
    ``retain_on_delete`` on the component is applied to the table (Pulumi does not pass it to
    children).
    """

    table: aws.dynamodb.Table
    """The ``aws.dynamodb.Table`` resource (escape hatch)."""
    name: pulumi.Output[str]
    """The table's name."""
    arn: pulumi.Output[str]
    """The table's ARN."""
    stream_arn: pulumi.Output[str] | None
    """The stream's ARN when ``stream`` is set, else ``None``."""
    kms_key_arn: pulumi.Output[str] | None
    """The customer managed key when ``kms_key_arn`` is set, else ``None``."""

    def __init__(
        self, name: str, args: TableArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        plan = plan_table(name, args, region=pulumi.Config("aws").get("region"))
        super().__init__(TABLE_TYPE_TOKEN, name, None, opts)
        self._init_grants(COMPONENT, name, self)
        retain = bool(opts is not None and opts.retain_on_delete)
        self.table = aws.dynamodb.Table(
            child_name(name, "table"),
            **_table_inputs(plan),
            opts=pulumi.ResourceOptions(parent=self, retain_on_delete=True if retain else None),
        )
        self.name = self.table.name
        self.arn = self.table.arn
        self.stream_arn = self.table.stream_arn if plan.stream_view_type else None
        self.kms_key_arn = (
            pulumi.Output.from_input(plan.kms_key_arn) if plan.kms_key_arn is not None else None
        )
        outputs: dict[str, Any] = {"name": self.name, "arn": self.arn}
        if self.stream_arn is not None:
            outputs["stream_arn"] = self.stream_arn
        if self.kms_key_arn is not None:
            outputs["kms_key_arn"] = self.kms_key_arn
        self.register_outputs(outputs)

    @staticmethod
    def from_name(
        name: str,
        table_name: pulumi.Input[str],
        *,
        stream_arn: pulumi.Input[str] | None = None,
        kms_key_arn: pulumi.Input[str] | None = None,
        region: str | None = None,
        account_id: pulumi.Input[str] | None = None,
    ) -> TableReference:
        """A table made elsewhere, by name. ``name`` is the logical name its grants are named
        after. The ARN is built from ``region`` (default: the ``aws:region`` config) and
        ``account_id`` (default: the deploying account)."""
        return TableReference.by_name(
            name,
            table_name,
            stream_arn=stream_arn,
            kms_key_arn=kms_key_arn,
            region=region,
            account_id=account_id,
        )

    @staticmethod
    def from_arn(
        name: str,
        table_arn: pulumi.Input[str],
        *,
        stream_arn: pulumi.Input[str] | None = None,
        kms_key_arn: pulumi.Input[str] | None = None,
    ) -> TableReference:
        """A table made elsewhere, by ARN."""
        return TableReference.by_arn(
            name, table_arn, stream_arn=stream_arn, kms_key_arn=kms_key_arn
        )


def _table_inputs(plan: TablePlan) -> dict[str, Any]:
    """The provider arguments of the table, from the plan (pulumi-aws 7 fields: GSI keys as
    ``key_schemas``, not the deprecated ``hash_key``/``range_key``)."""
    global_indexes = [
        aws.dynamodb.TableGlobalSecondaryIndexArgs(
            name=index.name,
            key_schemas=[
                aws.dynamodb.TableGlobalSecondaryIndexKeySchemaArgs(
                    attribute_name=index.partition_key, key_type="HASH"
                ),
                *(
                    [
                        aws.dynamodb.TableGlobalSecondaryIndexKeySchemaArgs(
                            attribute_name=index.sort_key, key_type="RANGE"
                        )
                    ]
                    if index.sort_key
                    else []
                ),
            ],
            projection_type=index.projection_type,
            non_key_attributes=list(index.non_key_attributes) or None,
        )
        for index in plan.global_indexes
    ]
    local_indexes = [
        aws.dynamodb.TableLocalSecondaryIndexArgs(
            name=index.name,
            range_key=index.sort_key,
            projection_type=index.projection_type,
            non_key_attributes=list(index.non_key_attributes) or None,
        )
        for index in plan.local_indexes
    ]
    return {
        "name": plan.table_name,
        "billing_mode": plan.billing_mode,
        "hash_key": plan.partition_key,
        "range_key": plan.sort_key,
        "attributes": [
            aws.dynamodb.TableAttributeArgs(name=attr, type=kind) for attr, kind in plan.attributes
        ],
        "global_secondary_indexes": global_indexes or None,
        "local_secondary_indexes": local_indexes or None,
        "point_in_time_recovery": aws.dynamodb.TablePointInTimeRecoveryArgs(
            enabled=True, recovery_period_in_days=plan.recovery_period_days
        ),
        "deletion_protection_enabled": plan.deletion_protection,
        "server_side_encryption": aws.dynamodb.TableServerSideEncryptionArgs(
            enabled=plan.kms_key_arn is not None, kms_key_arn=plan.kms_key_arn
        ),
        "ttl": (
            aws.dynamodb.TableTtlArgs(attribute_name=plan.ttl_attribute, enabled=True)
            if plan.ttl_attribute is not None
            else None
        ),
        "stream_enabled": plan.stream_view_type is not None,
        "stream_view_type": plan.stream_view_type,
        "tags": plan.tags,
    }
