"""Child resource names: one pattern for every component, and aliases for renamed children.

A child is named ``f"{name}-{role}"`` with a fixed role word, and a keyed child (one per entry of a
collection the caller keys, never a list index) ``f"{name}-{role}-{key}"``.
"""

from __future__ import annotations

import pulumi

__all__ = ["child_name", "former_child_name"]


def child_name(name: str, role: str, key: str | None = None) -> str:
    """``child_name("api", "permission", "items")`` -> ``"api-permission-items"``."""
    return f"{name}-{role}" if key is None else f"{name}-{role}-{key}"


def former_child_name(
    component_type: str,
    component_name: str,
    component_opts: pulumi.ResourceOptions | None,
    child_type: str,
    former_name: str,
) -> str | pulumi.Alias:
    """The alias that keeps a renamed child's identity: its URN under ``former_name``.

    For a component directly under the stack with no aliases of its own, the former URN is
    known now (``urn:pulumi:<stack>::<project>::<component type>$<child type>::<former name>``)
    and is returned as a string: Pulumi resolves a string alias without computing it through
    the parent's URN, several Outputs less per renamed child. Under a parent, or when the
    component is itself aliased (renamed, moved), it returns ``pulumi.Alias(name=former_name)``
    so the engine combines the former name with every name the parent had.
    """
    opts = component_opts or pulumi.ResourceOptions()
    if opts.parent is not None or opts.aliases:
        return pulumi.Alias(name=former_name)
    return (
        f"urn:pulumi:{pulumi.get_stack()}::{pulumi.get_project()}::"
        f"{component_type}${child_type}::{former_name}"
    )
