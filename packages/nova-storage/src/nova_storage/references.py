"""References to tables and secrets made elsewhere, for grants and monitoring.

``Table.from_name("orders", "orders-prod")`` / ``Table.from_arn(...)`` and
``Secret.from_arn(...)`` / ``Secret.from_name(...)`` return light objects with the attributes a
``Table`` or ``Secret`` has (``name``, ``arn``, ``stream_arn``, ``kms_key_arn``) and the same
grants, built from the same policy documents. A reference registers nothing; its grants create
role policies named ``<name>-grant-<kind>-<key>`` at the top of the stack (there is no component
to parent them to).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import pulumi
import pulumi_aws as aws

from nova_core import (
    Arn,
    Checker,
    check_now_or_when_known,
    check_when_known,
    is_plain,
    parse_arn,
    partition_of_region,
)
from nova_core.patterns import LazyPattern

from ._access import SecretGrants, TableGrants
from ._plan.secret import COMPONENT as SECRET_COMPONENT
from ._plan.table import COMPONENT as TABLE_COMPONENT
from ._rules.secret import check_kms_key_arn as check_secret_kms_key_arn
from ._rules.secret import check_secret_name
from ._rules.table_keys import check_name
from ._rules.table_settings import check_kms_key_arn

__all__ = ["SecretLike", "SecretReference", "TableLike", "TableReference"]

_SECRET_SUFFIX = LazyPattern(r"(?P<name>.+)-[A-Za-z0-9]{6}")
_TABLE_ARN_EXAMPLE = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
_STREAM_ARN_EXAMPLE = (
    "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000"
)
_SECRET_ARN_EXAMPLE = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-a1B2c3"


@runtime_checkable
class TableLike(Protocol):
    """What grants and monitoring read from a table: a ``Table`` or a :class:`TableReference`."""

    @property
    def name(self) -> pulumi.Output[str]: ...

    @property
    def arn(self) -> pulumi.Output[str]: ...


@runtime_checkable
class SecretLike(Protocol):
    """What grants read from a secret: a ``Secret`` or a :class:`SecretReference`."""

    @property
    def name(self) -> pulumi.Output[str]: ...

    @property
    def arn(self) -> pulumi.Output[str]: ...


def _optional(value: pulumi.Input[str] | None) -> pulumi.Output[str] | None:
    return None if value is None else pulumi.Output.from_input(value)


def _parsed_arn(
    check: Checker, argument: str, value: str, service: str, resource_type: str, example: str
) -> Arn:
    parsed = check.arn(
        argument, value, service=service, resource_types=[resource_type], example=example
    )
    assert parsed is not None  # a plain str: check.arn returns the parsed ARN or raises
    return parsed


def _by_arn(
    arn: pulumi.Input[str], name_of: Callable[[str], str]
) -> tuple[pulumi.Input[str], pulumi.Input[str], str | None]:
    """``(arn, name, region)`` of a reference made from an ARN: checked now when the ARN is plain
    (its Region then checks the other ARNs), else when it resolves (Region unknown)."""
    if is_plain(arn):
        return arn, name_of(arn), parse_arn(arn).region  # type: ignore[arg-type, union-attr]
    checked = check_when_known(arn, name_of)
    return checked, checked.apply(name_of), None


def _where(
    region: str | None, account_id: pulumi.Input[str] | None
) -> tuple[pulumi.Input[str], pulumi.Input[str], pulumi.Input[str]]:
    """Partition, Region and account for an ARN built from a name: plain when known from
    arguments or config; otherwise non-blocking invokes (``*_output``)."""
    region = region or pulumi.Config("aws").get("region")
    if region:
        partition: pulumi.Input[str] = partition_of_region(region) or "aws"
        where: pulumi.Input[str] = region
    else:
        where = aws.get_region_output().region
        partition = aws.get_partition_output().partition
    account = account_id if account_id is not None else aws.get_caller_identity_output().account_id
    return partition, where, account


class TableReference(TableGrants):
    """A DynamoDB table made elsewhere."""

    name: pulumi.Output[str]
    """The table's name."""
    arn: pulumi.Output[str]
    """The table's ARN."""
    stream_arn: pulumi.Output[str] | None
    """The stream's ARN when given, else ``None`` (then ``grant_stream_read`` is refused)."""
    kms_key_arn: pulumi.Output[str] | None
    """The table's customer managed key when given (grants add KMS actions)."""

    def __init__(
        self,
        reference_name: str,
        *,
        name: pulumi.Input[str],
        arn: pulumi.Input[str],
        stream_arn: pulumi.Input[str] | None = None,
        kms_key_arn: pulumi.Input[str] | None = None,
    ) -> None:
        self._init_grants(TABLE_COMPONENT, reference_name, None)
        self.reference_name = reference_name
        self.name = pulumi.Output.from_input(name)
        self.arn = pulumi.Output.from_input(arn)
        self.stream_arn = _optional(stream_arn)
        self.kms_key_arn = _optional(kms_key_arn)

    @classmethod
    def by_name(
        cls,
        reference_name: str,
        table_name: pulumi.Input[str],
        *,
        stream_arn: pulumi.Input[str] | None = None,
        kms_key_arn: pulumi.Input[str] | None = None,
        region: str | None = None,
        account_id: pulumi.Input[str] | None = None,
    ) -> TableReference:
        check = Checker(TABLE_COMPONENT, reference_name)
        table_name = check_now_or_when_known(
            table_name, lambda v: check_name(check, "table_name", v)
        )
        if region is not None:
            check.region("region", region)
        _check_extras(check, stream_arn, kms_key_arn, region=region)
        partition, where, account = _where(region, account_id)
        arn = pulumi.Output.concat(
            "arn:", partition, ":dynamodb:", where, ":", account, ":table/", table_name
        )
        return cls(
            reference_name,
            name=table_name,
            arn=arn,
            stream_arn=stream_arn,
            kms_key_arn=kms_key_arn,
        )

    @classmethod
    def by_arn(
        cls,
        reference_name: str,
        table_arn: pulumi.Input[str],
        *,
        stream_arn: pulumi.Input[str] | None = None,
        kms_key_arn: pulumi.Input[str] | None = None,
    ) -> TableReference:
        check = Checker(TABLE_COMPONENT, reference_name)

        def table_name_of(value: str) -> str:
            parsed = _parsed_arn(check, "table_arn", value, "dynamodb", "table", _TABLE_ARN_EXAMPLE)
            if "/" in parsed.resource_name:
                check.fail(
                    "table_arn",
                    value,
                    "must be the ARN of the table itself, not of an index or a stream",
                    f"pass an ARN like {_TABLE_ARN_EXAMPLE}",
                )
            check_name(check, "table_arn", parsed.resource_name)
            return parsed.resource_name

        table_arn, name, region = _by_arn(table_arn, table_name_of)
        _check_extras(check, stream_arn, kms_key_arn, region=region)
        return cls(
            reference_name,
            name=name,
            arn=table_arn,
            stream_arn=stream_arn,
            kms_key_arn=kms_key_arn,
        )


def _check_extras(check: Checker, stream_arn: Any, kms_key_arn: Any, *, region: str | None) -> None:
    if stream_arn is not None and is_plain(stream_arn):
        parsed = check.arn(
            "stream_arn",
            stream_arn,
            service="dynamodb",
            resource_types=["table"],
            example=_STREAM_ARN_EXAMPLE,
            region=region,
        )
        if parsed is not None and "/stream/" not in parsed.resource:
            check.fail(
                "stream_arn",
                stream_arn,
                "must be a table's stream ARN (it contains '/stream/')",
                f"pass an ARN like {_STREAM_ARN_EXAMPLE}",
            )
    if is_plain(kms_key_arn):
        check_kms_key_arn(check, "kms_key_arn", kms_key_arn, region=region)


class SecretReference(SecretGrants):
    """A Secrets Manager secret made elsewhere."""

    name: pulumi.Output[str]
    """The secret's name."""
    arn: pulumi.Output[str]
    """The secret's full ARN, or ``<name>-??????`` for a reference made by name."""
    kms_key_arn: pulumi.Output[str] | None
    """The secret's customer managed key when given (``grant_read`` adds ``kms:Decrypt``)."""

    def __init__(
        self,
        reference_name: str,
        *,
        name: pulumi.Input[str],
        arn: pulumi.Input[str],
        kms_key_arn: pulumi.Input[str] | None = None,
    ) -> None:
        self._init_grants(SECRET_COMPONENT, reference_name, None)
        self.reference_name = reference_name
        self.name = pulumi.Output.from_input(name)
        self.arn = pulumi.Output.from_input(arn)
        self.kms_key_arn = _optional(kms_key_arn)

    @classmethod
    def by_arn(
        cls,
        reference_name: str,
        secret_arn: pulumi.Input[str],
        *,
        kms_key_arn: pulumi.Input[str] | None = None,
    ) -> SecretReference:
        check = Checker(SECRET_COMPONENT, reference_name)

        def secret_name_of(value: str) -> str:
            parsed = _parsed_arn(
                check, "secret_arn", value, "secretsmanager", "secret", _SECRET_ARN_EXAMPLE
            )
            match = _SECRET_SUFFIX.fullmatch(parsed.resource_name)
            if match is None:
                check.fail(
                    "secret_arn",
                    value,
                    "must be the full secret ARN, ending in '-' and the six characters Secrets "
                    "Manager appends (SM-04: grants name the exact ARN)",
                    "copy the ARN from the console or `aws secretsmanager describe-secret`, or "
                    "use Secret.from_name",
                )
            return match.group("name")

        secret_arn, name, region = _by_arn(secret_arn, secret_name_of)
        if is_plain(kms_key_arn):
            check_secret_kms_key_arn(check, kms_key_arn, region=region)
        return cls(reference_name, name=name, arn=secret_arn, kms_key_arn=kms_key_arn)

    @classmethod
    def by_name(
        cls,
        reference_name: str,
        secret_name: pulumi.Input[str],
        *,
        kms_key_arn: pulumi.Input[str] | None = None,
        region: str | None = None,
        account_id: pulumi.Input[str] | None = None,
    ) -> SecretReference:
        check = Checker(SECRET_COMPONENT, reference_name)
        secret_name = check_now_or_when_known(secret_name, lambda v: check_secret_name(check, v))
        if region is not None:
            check.region("region", region)
        if is_plain(kms_key_arn):
            check_secret_kms_key_arn(check, kms_key_arn, region=region)
        partition, where, account = _where(region, account_id)
        arn = pulumi.Output.concat(
            "arn:", partition, ":secretsmanager:", where, ":", account, ":secret:", secret_name,
            "-??????",
        )  # fmt: skip
        return cls(reference_name, name=secret_name, arn=arn, kms_key_arn=kms_key_arn)
