"""Child resource names: one pattern for every component.

A child is named ``f"{name}-{role}"`` with a fixed role word, and a keyed child (one per entry of a
collection the caller keys, never a list index) ``f"{name}-{role}-{key}"``.
"""

from __future__ import annotations

__all__ = ["child_name"]


def child_name(name: str, role: str, key: str | None = None) -> str:
    """``child_name("api", "permission", "items")`` -> ``"api-permission-items"``."""
    return f"{name}-{role}" if key is None else f"{name}-{role}-{key}"
