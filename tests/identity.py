"""Logical identity of stateful resources, and the check that an upgrade keeps it.

Pulumi identifies a resource by its URN: stack, project, the type chain of its parents and its
name. A change that alters any of these (renaming a child, re-parenting it, changing a component's
type token) makes Pulumi create a new resource and delete the old one: for a bucket, a log group
or a topic that is data loss. The only safe way to rename is an alias to the old identity.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nova_testing import RecordedResource, Recording
from nova_testing.identity import STATEFUL_TYPES
from nova_testing.identity import alias_urns as _alias_urns

RECORDS_DIR = Path(__file__).resolve().parent / "identity"


@dataclass(frozen=True)
class Identity:
    urn: str
    type: str
    name: str
    parent: str | None


def stateful_identities(recording: Recording) -> list[Identity]:
    return sorted(
        (
            Identity(r.urn, r.type, r.name, r.parent_urn)
            for r in recording.resources
            if r.type in STATEFUL_TYPES
        ),
        key=lambda i: i.urn,
    )


def alias_urns(resource: RecordedResource, recording: Recording) -> set[str]:
    """The URNs a resource's aliases stand for, resolved as the Pulumi engine resolves them."""
    del recording  # aliases resolve from the resource alone
    return _alias_urns(
        resource.urn, resource.type, resource.name, resource.parent_urn, resource.aliases
    )


def lost_identities(recorded: list[Identity], recording: Recording) -> list[Identity]:
    """Recorded stateful resources that the current program would replace."""
    current = {r.urn for r in recording.resources}
    aliased = {urn for r in recording.resources for urn in alias_urns(r, recording)}
    return [i for i in recorded if i.urn not in current and i.urn not in aliased]


def record_path(stack: str) -> Path:
    return RECORDS_DIR / f"{stack}.json"


def read_record(stack: str) -> list[Identity]:
    data = json.loads(record_path(stack).read_text())
    return [Identity(**item) for item in data["stateful_resources"]]


def write_record(stack: str, identities: list[Identity]) -> None:
    RECORDS_DIR.mkdir(exist_ok=True)
    payload = {
        "comment": (
            "Logical identity of this stack's stateful resources. A change that makes one of "
            "these URNs disappear without an alias replaces the resource (data loss). Regenerate "
            "only for intended, reviewed changes: NOVA_UPDATE_IDENTITY=1 hatch run test "
            "tests/test_upgrade_safety.py"
        ),
        "stateful_resources": [i.__dict__ for i in identities],
    }
    record_path(stack).write_text(json.dumps(payload, indent=2) + "\n")
