"""Builders for resources as the rules see them (imported by the tests as policy_builders)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nova_policy import Resource

PACKAGE = Path(__file__).resolve().parents[2]
PACK_DIR = PACKAGE / "pack"
ACCOUNT = "123456789012"


def res(
    type_: str,
    name: str,
    inputs: dict[str, Any] | None = None,
    *,
    state: dict[str, Any] | None = None,
    deps: tuple[Resource, ...] = (),
    refs: dict[str, Resource] | None = None,
) -> Resource:
    """A resource; ``refs`` maps an input to the resource it was computed from (a property
    dependency, as the engine records it), ``deps`` are explicit dependencies."""
    property_dependencies = {key: [target.urn] for key, target in (refs or {}).items()}
    return Resource.create(
        type_,
        name,
        inputs,
        urn=f"urn:pulumi:test::proj::{type_}::{name}",
        state=state,
        dependencies=[d.urn for d in deps] + [t.urn for t in (refs or {}).values()],
        property_dependencies=property_dependencies,
    )
