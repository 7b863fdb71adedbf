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

STATEFUL_TYPES = (
    "aws:s3/bucket:Bucket",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:sns/topic:Topic",
    "aws:kms/key:Key",
)
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


def _urn(stack: str, project: str, qualified_type: str, name: str) -> str:
    return f"urn:pulumi:{stack}::{project}::{qualified_type}::{name}"


def alias_urns(resource: RecordedResource, recording: Recording) -> set[str]:
    """The URNs a resource's aliases stand for, resolved as the Pulumi engine resolves them."""
    _, _, rest = resource.urn.partition("urn:pulumi:")
    stack, project, qualified, _name = rest.split("::", 3)
    out: set[str] = set()
    for alias in resource.aliases:
        if "urn" in alias:
            out.add(alias["urn"])
            continue
        type_ = alias.get("type", resource.type)
        name = alias.get("name", resource.name)
        if alias.get("no_parent"):
            parent_chain = None
        elif "parent_urn" in alias:
            parent_chain = alias["parent_urn"].split("::")[2]
        elif resource.parent_urn is not None:
            parent_chain = qualified.rsplit("$", 1)[0]
        else:
            parent_chain = None
        if parent_chain == "pulumi:pulumi:Stack":
            parent_chain = None
        chain = f"{parent_chain}${type_}" if parent_chain else type_
        out.add(_urn(alias.get("stack", stack), alias.get("project", project), chain, name))
    return out


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
