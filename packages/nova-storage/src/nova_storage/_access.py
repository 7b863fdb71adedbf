"""Grant plumbing shared by ``Table``, ``Secret`` and their references.

A grant creates one ``aws.iam.RolePolicy`` named ``<name>-grant-<kind>-<key>``: the key is the
role's logical name (or the role name string), or ``grant_id`` when given, as for ``Bucket``.
The policy document comes from the pure builders in ``_table_policies`` / ``_secret_policies``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import pulumi
import pulumi_aws as aws

from nova_core import Checker, NovaInputError, child_name, field
from nova_core.iam import role_name as role_name_of
from nova_core.patterns import LazyPattern

from ._secret_policies import secret_read_policy_document
from ._table_policies import (
    TABLE_ITEM_ACTIONS,
    TABLE_READ_ACTIONS,
    TABLE_STREAM_ACTIONS,
    TABLE_WRITE_ACTIONS,
    table_actions_policy_document,
    table_read_policy_document,
    table_read_write_policy_document,
    table_stream_read_policy_document,
    table_write_policy_document,
)

__all__ = ["GrantRole", "NamedRole", "SecretGrants", "TableGrants"]

_KEY_CHARS = LazyPattern(r"[^\w+=,.@-]+")
_TABLE_LEVEL = LazyPattern(
    r"dynamodb:(Create|Delete|Update|Restore|Tag|Untag|Put|Enable|Disable)\w*"
)
_GRANT_KEY = LazyPattern(r"[A-Za-z0-9_+=,.@-]{1,64}")


@runtime_checkable
class NamedRole(Protocol):
    """Anything with a role ``name`` output, such as ``aws.iam.Role``."""

    @property
    def name(self) -> pulumi.Output[str]: ...


GrantRole = aws.iam.Role | NamedRole | str
"""What a grant accepts: an ``aws.iam.Role``, an object with a ``name``/``role_name`` Output, or
a role name."""

Builder = Callable[[str, str | None], dict[str, Any]]


def _grant_key(check: Checker, method: str, role: Any, grant_id: str | None) -> str:
    if grant_id is not None:
        key = check.string(
            f"{method}.grant_id",
            grant_id,
            max_length=64,
            pattern=_GRANT_KEY,
            rule="grant ids are 1-64 letters, digits or _ + = , . @ -",
            fix="pass a short stable key such as 'etl'",
            plain=True,
        )
        assert key is not None
        return key
    if isinstance(role, str):
        return role
    logical = getattr(role, "pulumi_resource_name", None)
    if isinstance(logical, str) and logical:
        return _KEY_CHARS.sub("-", logical)[:64]
    raise check.error(
        f"{method}.grant_id",
        None,
        f"no stable key can be derived from a {type(role).__name__} (it has no logical name)",
        "pass grant_id='<stable-key>'",
    )


class _Grants:
    """Creates the role policies; subclasses say what they grant on."""

    _grant_component: str
    _grant_name: str
    _grant_parent: pulumi.Resource | None
    _grant_names: set[str]
    _granted_operations: set[str]

    def _init_grants(
        self, component: str, name: str, parent: pulumi.Resource | None = None
    ) -> None:
        self._grant_component = component
        self._grant_name = name
        self._grant_parent = parent
        self._grant_names = set()
        self._granted_operations: set[str] = set()

    def _attach(
        self,
        kind: str,
        role: Any,
        grant_id: str | None,
        document: pulumi.Output[str],
        method: str | None = None,
    ) -> aws.iam.RolePolicy:
        method = method or f"grant_{kind.replace('-', '_')}"
        check = Checker(self._grant_component, self._grant_name)
        role_name = role_name_of(check, field(method, "role"), role)
        key = _grant_key(check, method, role, grant_id)
        logical_name = child_name(self._grant_name, f"grant-{kind}", key)
        if logical_name in self._grant_names:
            check.fail(
                field(method, "grant_id"),
                key,
                f"a {kind} grant with key {key!r} exists already",
                "pass a distinct grant_id for the second grant to the same role",
            )
        self._grant_names.add(logical_name)
        return aws.iam.RolePolicy(
            logical_name,
            role=role_name,
            policy=document,
            opts=pulumi.ResourceOptions(parent=self._grant_parent),
        )


def _document(builder: Builder, arn: pulumi.Input[str], kms: pulumi.Input[str] | None) -> Any:
    return pulumi.Output.all(arn, kms).apply(lambda v: json.dumps(builder(v[0], v[1])))


def _item_actions(check: Checker, actions: Any) -> tuple[str, ...]:
    """``actions`` of ``Table.grant``: a non-empty list of distinct item-level actions."""
    if not check.sequence("grant.actions", actions, what="the list of actions"):
        check.fail(
            "grant.actions",
            actions,
            "at least one action is needed",
            "name the actions the role needs, e.g. ['dynamodb:GetItem']",
        )
    chosen: list[str] = []
    for index, action in enumerate(actions):
        path = f"grant.actions[{index}]"
        if (
            isinstance(action, str)
            and action.startswith("dynamodb:")
            and (
                "Stream" in action or action == "dynamodb:GetRecords" or action.endswith("Iterator")
            )
        ):
            check.fail(
                path,
                action,
                "stream actions are granted on the stream ARN, not the table",
                "use grant_stream_read(role)",
            )
        if (
            isinstance(action, str)
            and action not in TABLE_ITEM_ACTIONS
            and _TABLE_LEVEL.fullmatch(action)
        ):
            check.fail(
                path,
                action,
                "table-level changes belong to the role that deploys the stack, never to a "
                "function (DDB-05: least privilege)",
                "grant item-level actions only (TABLE_ITEM_ACTIONS)",
            )
        check.one_of(path, action, TABLE_ITEM_ACTIONS, source="DDB-05: least privilege")
        if action in chosen:
            check.fail(path, action, "each action once", "remove the repeated action")
        chosen.append(action)
    return tuple(chosen)


_OPERATIONS_OF_ACTION: dict[str, tuple[str, ...]] = {
    "dynamodb:PartiQLSelect": ("ExecuteStatement", "BatchExecuteStatement"),
    "dynamodb:PartiQLInsert": ("ExecuteStatement", "BatchExecuteStatement"),
    "dynamodb:PartiQLUpdate": ("ExecuteStatement", "BatchExecuteStatement"),
    "dynamodb:PartiQLDelete": ("ExecuteStatement", "BatchExecuteStatement"),
    "dynamodb:GetRecords": ("GetRecords",),
}
"""IAM actions whose API calls are published under another ``Operation`` name."""

_OPERATIONS: frozenset[str] = frozenset(
    (
        "GetItem",
        "BatchGetItem",
        "Query",
        "Scan",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "BatchWriteItem",
    )
)
"""Item actions that are also values of CloudWatch's ``Operation`` dimension."""


def operations_of(actions: tuple[str, ...] | list[str]) -> set[str]:
    """The CloudWatch ``Operation`` dimension values that ``actions`` let a role call
    (``DescribeTable`` and ``ConditionCheckItem`` publish none)."""
    found: set[str] = set()
    for action in actions:
        operation = action.removeprefix("dynamodb:")
        if operation in _OPERATIONS:
            found.add(operation)
        found.update(_OPERATIONS_OF_ACTION.get(action, ()))
    return found


class TableGrants(_Grants):
    """``grant_*_data`` and ``grant_stream_read`` for anything with ``arn``, ``stream_arn`` and
    ``kms_key_arn`` (a ``Table`` or a table reference). No public annotations here: Pulumi's
    component analyzer reads them from every base class of a component."""

    def grant_read_data(
        self, role: GrantRole, *, grant_id: str | None = None
    ) -> aws.iam.RolePolicy:
        """Let ``role`` read items (``GetItem``, ``Query``, ``Scan``, ...) of the table and its
        indexes; with a CMK also ``kms:Decrypt``/``kms:DescribeKey``. Creates the role policy
        ``<name>-grant-read-data-<key>``."""
        document = _document(table_read_policy_document, self.arn, self.kms_key_arn)
        policy = self._attach("read-data", role, grant_id, document)
        self._granted_operations |= operations_of(TABLE_READ_ACTIONS)
        return policy

    def grant_write_data(
        self, role: GrantRole, *, grant_id: str | None = None
    ) -> aws.iam.RolePolicy:
        """Let ``role`` put, update and delete items; with a CMK also the writer KMS actions.
        Creates ``<name>-grant-write-data-<key>``."""
        document = _document(table_write_policy_document, self.arn, self.kms_key_arn)
        policy = self._attach("write-data", role, grant_id, document)
        self._granted_operations |= operations_of(TABLE_WRITE_ACTIONS)
        return policy

    def grant_read_write_data(
        self, role: GrantRole, *, grant_id: str | None = None
    ) -> aws.iam.RolePolicy:
        """``grant_read_data`` and ``grant_write_data`` in one role policy
        (``<name>-grant-read-write-data-<key>``)."""
        document = _document(table_read_write_policy_document, self.arn, self.kms_key_arn)
        policy = self._attach("read-write-data", role, grant_id, document)
        self._granted_operations |= operations_of(TABLE_READ_ACTIONS + TABLE_WRITE_ACTIONS)
        return policy

    def grant(
        self,
        role: GrantRole,
        actions: list[str] | tuple[str, ...],
        *,
        indexes: bool = True,
        grant_id: str | None = None,
    ) -> aws.iam.RolePolicy:
        """Let ``role`` do exactly ``actions`` on the table (and on its indexes unless
        ``indexes=False``), for a function that needs less than a ``grant_*_data`` list, e.g.
        ``table.grant(fn.role, ["dynamodb:GetItem", "dynamodb:PutItem"], indexes=False)``.
        ``actions`` are item-level actions (``TABLE_ITEM_ACTIONS``), each once; stream reads
        have ``grant_stream_read``. With a CMK the reader KMS actions are added, or the writer
        ones when an action writes. Creates ``<name>-grant-data-<key>``."""
        check = Checker(self._grant_component, self._grant_name)
        chosen = _item_actions(check, actions)
        check.boolean("grant.indexes", indexes, plain=True)
        document = _document(
            lambda arn, kms: table_actions_policy_document(arn, chosen, kms, indexes=indexes),
            self.arn,
            self.kms_key_arn,
        )
        policy = self._attach("data", role, grant_id, document, method="grant")
        self._granted_operations |= operations_of(chosen)
        return policy

    def grant_stream_read(
        self, role: GrantRole, *, grant_id: str | None = None
    ) -> aws.iam.RolePolicy:
        """Let ``role`` read the table's stream (``DescribeStream``, ``GetRecords``,
        ``GetShardIterator`` on the stream ARN, ``ListStreams`` on ``*``); with a CMK also
        ``kms:Decrypt``/``kms:DescribeKey``. Creates ``<name>-grant-stream-read-<key>``."""
        if self.stream_arn is None:
            raise NovaInputError(
                self._grant_component,
                self._grant_name,
                "grant_stream_read",
                None,
                "the table has no stream to read",
                "set stream (e.g. 'NEW_AND_OLD_IMAGES') on the table, or pass stream_arn to "
                "the reference",
                shown="a table without a stream",
            )
        document = _document(table_stream_read_policy_document, self.stream_arn, self.kms_key_arn)
        policy = self._attach("stream-read", role, grant_id, document)
        self._granted_operations |= operations_of(TABLE_STREAM_ACTIONS)
        return policy

    @property
    def granted_operations(self) -> list[str]:
        """The DynamoDB operations the grants made so far allow (CloudWatch ``Operation``
        dimension values, sorted), e.g. ``["DeleteItem", "GetItem", "PutItem"]``.
        nova-observability's ``ServiceMonitor`` watches these operations' system errors (and
        latency, when enabled) instead of every item API, so make the grants before the
        monitor."""
        return sorted(self._granted_operations)


class SecretGrants(_Grants):
    """``grant_read`` for anything with ``arn`` and ``kms_key_arn`` (a ``Secret`` or a
    secret reference)."""

    def grant_read(self, role: GrantRole, *, grant_id: str | None = None) -> aws.iam.RolePolicy:
        """Let ``role`` read the secret (``GetSecretValue``, ``DescribeSecret`` on its ARN); with
        a CMK also ``kms:Decrypt`` through Secrets Manager only. Creates
        ``<name>-grant-read-<key>``."""
        document = _document(secret_read_policy_document, self.arn, self.kms_key_arn)
        return self._attach("read", role, grant_id, document)
