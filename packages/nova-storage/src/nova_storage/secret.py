"""The ``Secret`` component: a Secrets Manager secret whose value never sits in source code.

No ``from __future__ import annotations`` here on purpose: Pulumi's component analyzer reads the
annotations of ``SecretArgs`` and of the outputs at runtime and needs real types, not strings.
"""

from collections.abc import Mapping
from typing import Any, TypedDict

import pulumi
import pulumi_aws as aws
import pulumi_random as random

from nova_core import child_name

from ._access import SecretGrants
from ._plan.secret import COMPONENT, plan_secret
from .references import SecretReference

__all__ = ["SECRET_TYPE_TOKEN", "Secret", "SecretArgs"]

SECRET_TYPE_TOKEN = "nova-storage:index:Secret"


class SecretArgs(TypedDict, total=False):
    """Arguments of :class:`Secret`; every key is optional."""

    secret_name: pulumi.Input[str]
    """Secret name, 1-512 of ASCII letters, digits and ``/_+=.@-``, not ending in ``-`` + six
    characters. Default: ``<name>-secret-<7 random characters>`` (Pulumi auto-naming: a deleted
    secret's name stays reserved for its recovery window, so fixed names break re-creation)."""
    description: pulumi.Input[str]
    """Up to 2,048 characters. Default: none."""
    value: pulumi.Input[str]
    """The value, as a Pulumi secret Output (``pulumi.Config().require_secret("key")``); a plain
    string is refused (SM-01). Written write-only (``secret_string_wo``): it is not kept in the
    Pulumi state. Default: none (a value is generated)."""
    value_version: int
    """Raise it to write a new value: with ``value``, Pulumi cannot see a change of a
    write-only value, so a changed value is sent only when this number changes; with a
    generated value, a new one is generated. Default: ``1``."""
    length: int
    """Length of a generated value, 16-4096. Default: ``32``."""
    special: bool
    """Whether a generated value includes special characters (``!@#$%&*()-_=+[]{}<>:?``).
    Default: ``True``."""
    exclude_characters: str
    """Special characters a generated value must not contain, e.g. ``"@:/"`` for URLs.
    Default: none."""
    kms_key_arn: pulumi.Input[str]
    """A customer managed KMS key ARN (needed for cross-account reads); ``grant_read`` then adds
    ``kms:Decrypt`` via Secrets Manager. Default: none (``alias/aws/secretsmanager``, stated
    explicitly as ``kms_key_id``)."""
    recovery_window_days: int
    """Days a deleted secret can be restored, 7-30 (SM-05). Default: ``30``."""
    force_delete: bool
    """Delete without recovery (window 0); for throwaway stacks only. Default: ``False``."""
    rotation_function: Any
    """A rotation Lambda function (an object with an ``arn`` Output, or the function ARN); adds
    a rotation schedule and the permission for ``secretsmanager.amazonaws.com`` scoped to this
    secret. Default: none (no rotation)."""
    rotation_days: int
    """Rotation interval with ``rotation_function``, 1-1000 days; over 90 logs a warning
    (SM-03). Default: ``30``."""
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]]
    """Tags of the secret. Default: none."""


class Secret(pulumi.ComponentResource, SecretGrants):
    """A Secrets Manager secret: value generated (``random.RandomPassword``, stable across runs)
    or supplied as a secret Output, the key stated, a 30-day recovery window, optional rotation.

    Children: ``<name>-secret``, ``<name>-version``; with a generated value ``<name>-value``;
    with rotation ``<name>-rotation`` and ``<name>-rotation-invoke``; grants add
    ``<name>-grant-read-<key>``. ``retain_on_delete`` on the component is applied to the
    secret, its version and the generated value.
    """

    secret: aws.secretsmanager.Secret
    """The ``aws.secretsmanager.Secret`` resource (escape hatch)."""
    arn: pulumi.Output[str]
    """The secret's full ARN (with the ``-XXXXXX`` suffix)."""
    name: pulumi.Output[str]
    """The secret's name."""
    version: pulumi.Output[str]
    """The version id of the value this program wrote."""
    kms_key_arn: pulumi.Output[str] | None
    """The customer managed key when ``kms_key_arn`` is set, else ``None``."""

    def __init__(
        self,
        name: str,
        args: SecretArgs = SecretArgs(),  # noqa: B008 - an empty TypedDict, never mutated
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        plan = plan_secret(name, args, region=pulumi.Config("aws").get("region"))
        super().__init__(SECRET_TYPE_TOKEN, name, None, opts)
        self._init_grants(COMPONENT, name, self)
        for warning in plan.warnings:
            pulumi.log.warn(warning, resource=self)
        retain = True if (opts is not None and opts.retain_on_delete) else None

        def child(**extra: Any) -> pulumi.ResourceOptions:
            return pulumi.ResourceOptions(parent=self, **extra)

        self.secret = aws.secretsmanager.Secret(
            child_name(name, "secret"),
            name=plan.secret_name,
            description=plan.description,
            kms_key_id=plan.kms_key_id,
            recovery_window_in_days=plan.recovery_window_days,
            tags=plan.tags,
            opts=child(retain_on_delete=retain),
        )
        if plan.password is not None:
            password = random.RandomPassword(
                child_name(name, "value"),
                length=plan.password.length,
                special=plan.password.special,
                override_special=plan.password.override_special,
                keepers={"value_version": str(plan.value_version)},
                opts=child(retain_on_delete=retain),
            )
            # The generated value is in the state already (RandomPassword keeps it, encrypted),
            # so the plain secret_string costs nothing and follows a regenerated password.
            version = aws.secretsmanager.SecretVersion(
                child_name(name, "version"),
                secret_id=self.secret.id,
                secret_string=password.result,
                opts=child(retain_on_delete=retain),
            )
        else:
            version = aws.secretsmanager.SecretVersion(
                child_name(name, "version"),
                secret_id=self.secret.id,
                secret_string_wo=plan.value,
                secret_string_wo_version=plan.value_version,
                opts=child(retain_on_delete=retain),
            )
        if plan.rotation is not None:
            permission = aws.lambda_.Permission(
                child_name(name, "rotation-invoke"),
                action="lambda:InvokeFunction",
                function=plan.rotation.function_arn,
                principal="secretsmanager.amazonaws.com",
                source_arn=self.secret.arn,
                opts=child(),
            )
            aws.secretsmanager.SecretRotation(
                child_name(name, "rotation"),
                secret_id=self.secret.id,
                rotation_lambda_arn=plan.rotation.function_arn,
                rotation_rules=aws.secretsmanager.SecretRotationRotationRulesArgs(
                    automatically_after_days=plan.rotation.days
                ),
                opts=child(depends_on=[permission, version]),
            )
        self.arn = self.secret.arn
        self.name = self.secret.name
        self.version = version.version_id
        self.kms_key_arn = (
            pulumi.Output.from_input(plan.kms_key_arn) if plan.kms_key_arn is not None else None
        )
        outputs: dict[str, Any] = {"arn": self.arn, "name": self.name, "version": self.version}
        if self.kms_key_arn is not None:
            outputs["kms_key_arn"] = self.kms_key_arn
        self.register_outputs(outputs)

    @staticmethod
    def from_arn(
        name: str, secret_arn: pulumi.Input[str], *, kms_key_arn: pulumi.Input[str] | None = None
    ) -> SecretReference:
        """A secret made elsewhere, by its full ARN (with the ``-XXXXXX`` suffix). ``name`` is
        the logical name its grants are named after."""
        return SecretReference.by_arn(name, secret_arn, kms_key_arn=kms_key_arn)

    @staticmethod
    def from_name(
        name: str,
        secret_name: pulumi.Input[str],
        *,
        kms_key_arn: pulumi.Input[str] | None = None,
        region: str | None = None,
        account_id: pulumi.Input[str] | None = None,
    ) -> SecretReference:
        """A secret made elsewhere, by name. Its ARN ends in ``-??????`` (the suffix is not
        known from a name), so prefer :meth:`from_arn` where the ARN is at hand."""
        return SecretReference.by_name(
            name, secret_name, kms_key_arn=kms_key_arn, region=region, account_id=account_id
        )
