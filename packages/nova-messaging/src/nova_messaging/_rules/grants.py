"""Grant arguments: the role and the stable key that names the grant's role policy.

A grant's role policy is named ``<name>-grant-<kind>-<key>``; the key is the role's logical
name (or the role name, when a name is passed), or ``grant_id``. It must not depend on list
positions or call order, so adding a grant never renames another.
"""

from __future__ import annotations

from typing import Any

from nova_core import Checker, field
from nova_core.patterns import LazyPattern

__all__ = ["check_grant_id", "grant_key"]

_KEY = LazyPattern(r"[A-Za-z0-9_.@=,+-]{1,64}")
_KEY_CHARS = LazyPattern(r"[^\w+=,.@-]+")


def check_grant_id(checker: Checker, argument: str, value: Any) -> str | None:
    """An explicit grant key: 1-64 letters, digits or ``_ . @ = , + -``."""
    return checker.string(
        argument,
        value,
        max_length=64,
        pattern=_KEY,
        rule="grant ids may only use letters, digits and _ . @ = , + -",
        fix="use a short stable word, e.g. 'importer'",
        plain=True,
    )


def grant_key(checker: Checker, method: str, role: Any, grant_id: Any) -> str:
    """The stable key of a grant: ``grant_id``, else the role's logical name or role name."""
    if grant_id is not None:
        return check_grant_id(checker, field(method, "grant_id"), grant_id) or ""
    if isinstance(role, str):
        return _KEY_CHARS.sub("-", role)[:64]
    logical = getattr(role, "pulumi_resource_name", None)
    if isinstance(logical, str) and logical:
        return _KEY_CHARS.sub("-", logical)[:64]
    raise checker.error(
        field(method, "grant_id"),
        None,
        f"no stable key can be derived from a {type(role).__name__} (it has no logical name)",
        "pass grant_id='<stable-key>'",
    )
