"""IAM policy statements: the grammar every Nova policy argument shares.

Role statements (nova-compute), queue policies (nova-messaging) and bucket policies
(nova-storage) all take caller statements. The shape is the same everywhere and is checked here:
known keys, an ``Effect`` of ``Allow`` or ``Deny``, ``Action``/``NotAction`` (and ``Principal``,
``Resource``) never both, the elements a policy requires present and non-empty, letters-and-digits
``Sid``s unique in the policy, a ``Condition`` that is a dict. What a service makes of a statement
(public principals, wildcard actions, foreign resources) stays with the package that knows it.

Parts that are ``Output``s are skipped; the components check them again once they resolve.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any, TypedDict, Unpack

import pulumi

from .checks import Checker
from .errors import at, field
from .patterns import LazyPattern, PatternLike
from .records import Record
from .values import is_plain

__all__ = [
    "EFFECTS",
    "GRAMMAR",
    "NEGATED_KEYS",
    "ROLE_NAME",
    "SID",
    "STATEMENT_KEYS",
    "PolicyStatement",
    "StatementOptions",
    "policy_statement",
    "policy_statements",
    "role_name",
    "strings",
]

GRAMMAR = "IAM JSON policy grammar"
EFFECTS = ("Allow", "Deny")
STATEMENT_KEYS: tuple[str, ...] = (
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
)
"""Every key of a policy statement, in the order the IAM grammar lists them."""
NEGATED_KEYS: Mapping[str, str] = {
    "Principal": "NotPrincipal",
    "Action": "NotAction",
    "Resource": "NotResource",
}
"""The elements a statement takes in one form or the other, never both."""
SID = LazyPattern(r"[A-Za-z0-9]+")
"""What IAM allows in a ``Sid``: ASCII letters and digits."""
ROLE_NAME = LazyPattern(r"[\w+=,.@-]{1,64}", re.ASCII)
"""What IAM allows in a role name: 1-64 ASCII letters, digits and ``+=,.@_-``."""

_EXAMPLE = "{'Effect': 'Allow', 'Action': ['s3:GetObject'], 'Resource': ['arn:aws:s3:::bucket/*']}"


def strings(value: Any) -> list[Any]:
    """A policy element as a list: ``None`` is ``[]``, one value ``[value]``, a list or tuple its
    items (IAM accepts a string or a list of strings for ``Action``, ``Resource`` and the rest)."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


class PolicyStatement(Record):
    """A statement whose shape passed :func:`policy_statement`."""

    document: Mapping[str, Any]
    """The statement as the caller wrote it."""
    effect: Any
    """``"Allow"``, ``"Deny"`` or an ``Output`` not known yet."""

    @property
    def allow(self) -> bool:
        """``True`` for a plain ``Allow``."""
        return self.effect == "Allow"

    def __contains__(self, key: object) -> bool:
        return key in self.document

    def get(self, key: str) -> Any:
        """The element ``key`` as written, or ``None``."""
        return self.document.get(key)

    def values(self, key: str) -> list[Any]:
        """The element ``key`` as a list (see :func:`strings`)."""
        return strings(self.document.get(key))


class StatementOptions(TypedDict, total=False):
    """The keyword arguments of :func:`policy_statement`, passed on by :func:`policy_statements`."""

    required: Sequence[str]
    refused: Mapping[str, tuple[str, str]] | None
    default_effect: str | None
    sid_pattern: PatternLike | None
    fixes: Mapping[str, str] | None
    example: str


def policy_statement(
    checker: Checker,
    argument: str,
    value: Any,
    *,
    required: Sequence[str] = ("Action", "Resource"),
    refused: Mapping[str, tuple[str, str]] | None = None,
    default_effect: str | None = None,
    sid_pattern: PatternLike | None = SID,
    fixes: Mapping[str, str] | None = None,
    example: str = _EXAMPLE,
) -> PolicyStatement | None:
    """Check the shape of one statement; ``None`` when it is an ``Output``.

    ``required`` names the elements the policy needs (``Principal``, ``Action``, ``Resource``);
    each is met by its ``Not`` form unless that is refused. ``refused`` maps grammar keys this
    policy does not take to ``(rule, fix)``: they fail with that message before unknown keys are
    looked at. ``default_effect`` is what a missing ``Effect`` means (``None``: it is required).
    ``sid_pattern`` is what a ``Sid`` may hold (``None``: any non-empty string). ``fixes`` gives the
    fix for a missing element, ``example`` the statement shown when ``value`` is not a dict.
    """
    if not is_plain(value):
        return None
    if not isinstance(value, Mapping):
        checker.fail(
            argument,
            value,
            "must be a dict: one IAM policy statement",
            f"pass e.g. {example}",
            source=GRAMMAR,
        )
    refused = refused or {}
    for key, (rule, fix) in refused.items():
        if key in value:
            checker.fail(field(argument, key), value[key], rule, fix)
    valid = tuple(k for k in STATEMENT_KEYS if k not in refused)
    checker.keys(argument, value, valid)
    for key, negated in NEGATED_KEYS.items():
        if key in value and negated in value:
            checker.fail(
                field(argument, negated),
                value[negated],
                f"a statement takes {key} or {negated}, not both",
                f"keep one of {key} and {negated}",
                source=GRAMMAR,
            )
    effect = value.get("Effect", default_effect)
    if effect is None:
        checker.fail(
            field(argument, "Effect"),
            None,
            "every statement needs an Effect",
            "add 'Effect': 'Allow' or 'Deny'",
            source=GRAMMAR,
        )
    checker.one_of(field(argument, "Effect"), effect, EFFECTS, source=GRAMMAR)
    _check_sid(checker, field(argument, "Sid"), value.get("Sid"), sid_pattern)
    for key in required:
        _check_required(checker, argument, value, key, valid, (fixes or {}).get(key))
    condition = value.get("Condition")
    if condition is not None and is_plain(condition) and not isinstance(condition, Mapping):
        checker.fail(
            field(argument, "Condition"),
            condition,
            "a Condition is a dict",
            "use e.g. {'StringEquals': {...}}",
            source=GRAMMAR,
        )
    return PolicyStatement(value, effect)


def policy_statements(
    checker: Checker,
    argument: str,
    statements: Sequence[Any],
    *,
    policy: str,
    reserved_sids: Collection[str] = (),
    **options: Unpack[StatementOptions],
) -> list[PolicyStatement | None]:
    """Check each statement of a list with :func:`policy_statement` and that their ``Sid``s are
    unique in ``policy`` (e.g. ``"the bucket policy"``), where the component's own statements
    already use ``reserved_sids``; ``options`` are :func:`policy_statement`'s. One entry per
    statement, ``None`` for an ``Output``."""
    checked: list[PolicyStatement | None] = []
    seen: set[str] = set()
    for index, value in enumerate(statements):
        path = at(argument, index)
        statement = policy_statement(checker, path, value, **options)
        sid = statement.get("Sid") if statement is not None else None
        if isinstance(sid, str):
            if sid in reserved_sids or sid in seen:
                ours = (
                    f"; the component's own statements use {', '.join(sorted(reserved_sids))}"
                    if sid in reserved_sids
                    else ""
                )
                checker.fail(
                    field(path, "Sid"),
                    sid,
                    f"Sids must be unique in {policy}{ours}",
                    "choose another Sid",
                    source=GRAMMAR,
                )
            seen.add(sid)
        checked.append(statement)
    return checked


def _check_sid(checker: Checker, argument: str, sid: Any, pattern: PatternLike | None) -> None:
    if pattern is None:
        checker.string(argument, sid)
        return
    checker.string(
        argument,
        sid,
        pattern=pattern,
        rule="a Sid holds only letters and digits",
        fix="use letters and digits only, e.g. 'ReadOrders'",
        source=GRAMMAR,
    )


def _check_required(
    checker: Checker,
    argument: str,
    statement: Mapping[str, Any],
    key: str,
    valid: Sequence[str],
    fix: str | None,
) -> None:
    negated = NEGATED_KEYS.get(key)
    allowed = (key, negated) if negated in valid else (key,)
    present = next((k for k in allowed if k in statement), None)
    given = statement.get(present) if present is not None else None
    if present is not None and not (is_plain(given) and not strings(given)):
        return
    checker.fail(
        field(argument, present or key),
        given,
        f"every statement needs a non-empty {' or '.join(allowed)}",
        fix or f"add '{key}'",
        source=GRAMMAR,
    )


def role_name(
    checker: Checker,
    argument: str,
    role: Any,
    *,
    attributes: Sequence[str] = ("role_name", "name", "id"),
) -> pulumi.Input[str]:
    """The name of the role a policy attaches to: a role name (checked against IAM's rule), or
    the first of ``attributes`` that is an ``Output`` on the object given (an ``aws.iam.Role``
    has ``name`` and ``id``)."""
    if isinstance(role, str):
        checker.string(
            argument,
            role,
            pattern=ROLE_NAME,
            rule="IAM role names are 1-64 letters, digits or + = , . @ _ -",
            fix="pass the role's name (not its ARN) or the aws.iam.Role itself",
            source="IAM CreateRole RoleName",
        )
        return role
    for attribute in attributes:
        value = getattr(role, attribute, None)
        if isinstance(value, pulumi.Output):
            return value
    raise checker.error(
        argument,
        role,
        f"needs an IAM role: an aws.iam.Role, an object with a {' or '.join(attributes)} "
        "Output, or a role name",
        "pass the role resource or its name",
        shown=f"<{type(role).__name__}>",
    )
