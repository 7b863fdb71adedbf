"""``SecretArgs`` -> :class:`SecretPlan`: every default of ``Secret`` and every check.

Nothing here registers a resource; ``plan_secret`` raises :class:`nova_core.NovaInputError` for
the first broken rule. Warnings (valid but below the security catalogue's bar) are returned in
the plan for the component to log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from nova_core import Checker, check_now_or_when_known
from nova_core.records import Record
from nova_storage._rules.secret import (
    PASSWORD_LENGTH,
    ROTATION_DAYS,
    ROTATION_DAYS_RECOMMENDED,
    check_auto_name,
    check_description,
    check_exclude_characters,
    check_kms_key_arn,
    check_recovery_window,
    check_rotation_function,
    check_secret_name,
    check_value,
)

__all__ = [
    "COMPONENT",
    "DEFAULT_KMS_KEY_ID",
    "DEFAULT_PASSWORD_LENGTH",
    "DEFAULT_RECOVERY_WINDOW_DAYS",
    "DEFAULT_ROTATION_DAYS",
    "SECRET_ARGS_KEYS",
    "PasswordPlan",
    "RotationPlan",
    "SecretPlan",
    "plan_secret",
]

COMPONENT = "nova-storage Secret"
DEFAULT_KMS_KEY_ID = "alias/aws/secretsmanager"
"""SM-02: the AWS managed key, stated on the resource rather than left implicit."""
DEFAULT_RECOVERY_WINDOW_DAYS = 30
"""SM-05: the longest window Secrets Manager allows."""
DEFAULT_PASSWORD_LENGTH = 32
"""Length of a generated value (as CDK's generated secrets)."""
DEFAULT_ROTATION_DAYS = 30
"""Rotation interval when a rotation function is given (as CDK)."""
DEFAULT_VALUE_VERSION = 1
SECRET_ARGS_KEYS: tuple[str, ...] = (
    "secret_name",
    "description",
    "value",
    "value_version",
    "length",
    "special",
    "exclude_characters",
    "kms_key_arn",
    "recovery_window_days",
    "force_delete",
    "rotation_function",
    "rotation_days",
    "tags",
)
_PASSWORD_KEYS = ("length", "special", "exclude_characters")


class PasswordPlan(Record):
    """A generated value (``random.RandomPassword``)."""

    length: int
    special: bool
    override_special: str | None
    """``None``: RandomPassword's own special characters."""


class RotationPlan(Record):
    function_arn: pulumi.Input[str]
    days: int


class SecretPlan(Record):
    """Everything ``Secret`` registers, with the defaults resolved."""

    name: str
    secret_name: pulumi.Input[str] | None
    description: pulumi.Input[str] | None
    kms_key_id: pulumi.Input[str]
    """``alias/aws/secretsmanager`` or the CMK ARN: always sent."""
    kms_key_arn: pulumi.Input[str] | None
    """The CMK, when there is one (grants add ``kms:Decrypt``)."""
    recovery_window_days: pulumi.Input[int]
    value: pulumi.Output[str] | None
    """A supplied value (always marked secret); ``None`` when generated."""
    value_version: int
    password: PasswordPlan | None
    rotation: RotationPlan | None
    tags: Mapping[str, pulumi.Input[str]] | None
    warnings: tuple[str, ...] = ()


def plan_secret(name: str, args: Mapping[str, Any], *, region: str | None = None) -> SecretPlan:
    """Check ``args`` and resolve every default. ``region`` is the provider's Region when known
    from config (a CMK must be in it)."""
    check = Checker(COMPONENT, name)
    given = check.mapping("args", args) or {}
    check.keys("", given, SECRET_ARGS_KEYS)
    warnings: list[str] = []

    secret_name = given.get("secret_name")
    if secret_name is None:
        check_auto_name(check, name)
    else:
        secret_name = check_now_or_when_known(secret_name, lambda v: check_secret_name(check, v))

    description = check_now_or_when_known(
        given.get("description"), lambda v: check_description(check, v)
    )

    value = given.get("value")
    check_value(check, value)
    version = check.integer("value_version", given.get("value_version"), minimum=1, plain=True)
    password = _password(check, given) if value is None else None
    if value is not None:
        _check_no_password_options(check, given)
        value = pulumi.Output.secret(value)

    kms_key_arn = check_now_or_when_known(
        given.get("kms_key_arn"), lambda v: check_kms_key_arn(check, v, region=region)
    )

    force_delete = check.boolean("force_delete", given.get("force_delete"), plain=True) is True
    window = given.get("recovery_window_days")
    if window is None and not force_delete:
        window = DEFAULT_RECOVERY_WINDOW_DAYS
    window = check_recovery_window(check, window, force_delete)
    assert window is not None

    rotation = _rotation(check, name, given, warnings)
    tags = check.tags("tags", given.get("tags"))

    return SecretPlan(
        name=name,
        secret_name=secret_name,
        description=description,
        kms_key_id=kms_key_arn if kms_key_arn is not None else DEFAULT_KMS_KEY_ID,
        kms_key_arn=kms_key_arn,
        recovery_window_days=window,
        value=value,
        value_version=DEFAULT_VALUE_VERSION if version is None else version,
        password=password,
        rotation=rotation,
        tags=tags,
        warnings=tuple(warnings),
    )


def _password(check: Checker, given: Mapping[str, Any]) -> PasswordPlan:
    """Options of a generated value (only when no value is supplied)."""
    special = check.boolean("special", given.get("special"), plain=True)
    special = True if special is None else special
    low, high = PASSWORD_LENGTH
    length = check.integer(
        "length",
        given.get("length"),
        minimum=low,
        maximum=high,
        source="Secrets Manager API: GetRandomPassword (maximum); Nova (minimum)",
        plain=True,
    )
    override = check_exclude_characters(check, given.get("exclude_characters"), special)
    return PasswordPlan(
        length=DEFAULT_PASSWORD_LENGTH if length is None else length,
        special=special,
        override_special=override if special else None,
    )


def _check_no_password_options(check: Checker, given: Mapping[str, Any]) -> None:
    for key in _PASSWORD_KEYS:
        if given.get(key) is not None:
            check.fail(
                key,
                given[key],
                f"{key} shapes a generated value, and this secret is given its value",
                f"drop {key}, or drop value to have one generated",
            )


def _rotation(
    check: Checker, name: str, given: Mapping[str, Any], warnings: list[str]
) -> RotationPlan | None:
    function = given.get("rotation_function")
    days = given.get("rotation_days")
    if function is None:
        if days is not None:
            check.fail(
                "rotation_days",
                days,
                "rotation_days needs a rotation_function to rotate the secret",
                "pass rotation_function, or drop rotation_days",
            )
        return None
    low, high = ROTATION_DAYS
    checked = check.integer(
        "rotation_days",
        days,
        minimum=low,
        maximum=high,
        source="Secrets Manager API: RotationRulesType.AutomaticallyAfterDays",
        plain=True,
    )
    every = DEFAULT_ROTATION_DAYS if checked is None else checked
    if every > ROTATION_DAYS_RECOMMENDED:
        warnings.append(
            f"{COMPONENT} '{name}': rotation_days is {every}: secrets should rotate at least "
            f"every {ROTATION_DAYS_RECOMMENDED} days (SM-03: Security Hub SecretsManager.4, "
            "CKV_AWS_304)"
        )
    return RotationPlan(function_arn=check_rotation_function(check, function), days=every)
