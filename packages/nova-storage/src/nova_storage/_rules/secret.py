"""Secrets Manager rules (B.9, SM-01..SM-05): names, value source, generated-value options,
recovery window, rotation schedule."""

from __future__ import annotations

from typing import Any

from nova_core import Checker, is_plain
from nova_core.patterns import LazyPattern

__all__ = [
    "MAX_DESCRIPTION",
    "NAME_PATTERN",
    "PASSWORD_LENGTH",
    "RANDOM_PASSWORD_SPECIALS",
    "RECOVERY_WINDOW_DAYS",
    "ROTATION_DAYS",
    "ROTATION_DAYS_RECOMMENDED",
    "SUFFIX_TRAP",
    "check_description",
    "check_auto_name",
    "check_exclude_characters",
    "check_kms_key_arn",
    "check_recovery_window",
    "check_rotation_function",
    "check_secret_name",
    "check_value",
]

SOURCE = "Secrets Manager API: CreateSecret"
NAME_PATTERN = LazyPattern(r"[A-Za-z0-9/_+=.@-]+")
"""Secret names: ASCII letters, digits and ``/_+=.@-``, 1-512 characters."""
MAX_NAME = 512
SUFFIX_TRAP = LazyPattern(r".*-.{6}")
"""A name ending in ``-`` + 6 characters looks like the ``-XXXXXX`` Secrets Manager appends to
the ARN, which makes look-ups by partial ARN ambiguous."""
MAX_DESCRIPTION = 2048
RECOVERY_WINDOW_DAYS = (7, 30)
ROTATION_DAYS = (1, 1000)
"""``RotationRules.AutomaticallyAfterDays`` bounds."""
ROTATION_DAYS_RECOMMENDED = 90
"""SM-03: Security Hub SecretsManager.4 and CKV_AWS_304 flag rotation slower than 90 days."""
PASSWORD_LENGTH = (16, 4096)
"""Generated values: Nova's floor of 16 characters; 4096 is GetRandomPassword's maximum."""
RANDOM_PASSWORD_SPECIALS = "!@#$%&*()-_=+[]{}<>:?"
"""The special characters ``random.RandomPassword`` draws from by default."""


def check_secret_name(check: Checker, value: Any) -> str | None:
    """1-512 allowed characters, not ending in ``-`` + 6 characters."""
    name = check.string(
        "secret_name",
        value,
        max_length=MAX_NAME,
        pattern=NAME_PATTERN,
        rule="secret names may only use ASCII letters, digits and / _ + = . @ -",
        fix="replace the other characters, e.g. with '-' or '/'",
        source=SOURCE,
    )
    if name is not None and SUFFIX_TRAP.fullmatch(name):
        check.fail(
            "secret_name",
            name,
            "secret names must not end with '-' and six characters: Secrets Manager appends "
            "'-XXXXXX' to the ARN, so such a name makes partial-ARN look-ups ambiguous",
            f"change the end of the name, e.g. {name[:-7] + '/' + name[-6:]!r} or {name + '-1'!r}",
            source=SOURCE,
        )
    return name


def check_auto_name(check: Checker, name: str) -> None:
    """Without ``secret_name``, Pulumi names the secret child ``<name>-secret`` as
    ``<name>-secret-<7 random characters>``."""
    if len(name) + len("-secret") + 8 > MAX_NAME or not NAME_PATTERN.fullmatch(name):
        check.fail(
            "name",
            name,
            "without secret_name the secret is named '<name>-secret-<7 random characters>', "
            "and secret names are 1-512 ASCII letters, digits or / _ + = . @ -",
            "pass secret_name, or use a logical name of those characters",
            source=SOURCE,
        )


def check_value(check: Checker, value: Any) -> None:
    """A supplied value must be an ``Output`` (from ``config.require_secret``), never a
    literal: a literal sits in source control (SM-01)."""
    if value is not None and is_plain(value):
        check.fail(
            "value",
            value,
            "a secret value must not be a plain value in the program: it would sit in "
            "source control (SM-01)",
            "store it with `pulumi config set --secret dbPassword` and pass "
            '`pulumi.Config().require_secret("dbPassword")`, or leave value out to generate one',
            shown=f"a plain {type(value).__name__} (not shown)",
        )


def check_exclude_characters(check: Checker, value: Any, special: bool) -> str | None:
    """Special characters to leave out of a generated value (not letters or digits, and not
    every special character). Returns the special characters left to draw from."""
    text = check.string("exclude_characters", value, plain=True)
    if text is None:
        return None
    alphanumeric = sorted({c for c in text if c.isalnum()})
    if alphanumeric:
        check.fail(
            "exclude_characters",
            text,
            "a generated value can leave out special characters only "
            f"(random.RandomPassword draws them from {RANDOM_PASSWORD_SPECIALS!r}); "
            f"{''.join(alphanumeric)!r} cannot be excluded one by one",
            "remove the letters and digits from exclude_characters",
            source="pulumi-random RandomPassword.override_special",
        )
    remaining = "".join(c for c in RANDOM_PASSWORD_SPECIALS if c not in text)
    if special and not remaining:
        check.fail(
            "exclude_characters",
            text,
            "it excludes every special character",
            "set special=False instead",
        )
    return remaining


def check_description(check: Checker, value: Any) -> str | None:
    return check.string(
        "description", value, min_length=0, max_length=MAX_DESCRIPTION, source=SOURCE
    )


def check_recovery_window(check: Checker, value: Any, force_delete: bool) -> int | None:
    """7-30 days; 0 (delete at once) only together with ``force_delete=True``."""
    if force_delete:
        if value is not None and value != 0:
            check.fail(
                "recovery_window_days",
                value,
                "force_delete deletes the secret without a recovery window, so a window "
                "cannot be set as well",
                "drop recovery_window_days, or drop force_delete",
                source="Secrets Manager API: DeleteSecret",
            )
        return 0
    if value == 0 and not isinstance(value, bool):
        check.fail(
            "recovery_window_days",
            value,
            "0 deletes the secret at once, without recovery (SM-05)",
            "pass force_delete=True (throwaway stacks only), or a window of 7-30 days",
            source="Secrets Manager API: DeleteSecret",
        )
    low, high = RECOVERY_WINDOW_DAYS
    return check.integer(
        "recovery_window_days",
        value,
        minimum=low,
        maximum=high,
        source="Secrets Manager API: DeleteSecret",
        plain=True,
    )


def check_rotation_function(check: Checker, value: Any) -> Any:
    """A Lambda function: an object with an ``arn`` (a nova ``Function``, an
    ``aws.lambda_.Function``) or a function ARN. Returns the ARN (plain or ``Output``)."""
    argument = "rotation_function"
    arn = value
    if not isinstance(value, str):
        arn = getattr(value, "arn", None)
        argument = "rotation_function.arn"
        if arn is None:
            check.fail(
                "rotation_function",
                value,
                "the rotation function must be a Lambda function (an object with an arn) or "
                "its ARN",
                "pass the function resource or its ARN",
                shown=f"<{type(value).__name__}>",
            )
    if is_plain(arn):
        check.arn(
            argument,
            arn,
            service="lambda",
            resource_types=["function"],
            example="arn:aws:lambda:us-east-1:123456789012:function:rotate",
        )
    return arn


def check_kms_key_arn(check: Checker, value: Any, *, region: str | None) -> str | None:
    """A KMS **key** ARN (the read grant needs the key, not an alias) in the secret's Region."""
    parsed = check.kms_key_arn("kms_key_arn", value, region=region)
    return str(parsed) if parsed is not None else None
