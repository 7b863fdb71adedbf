"""Resource identity: which resources hold data, what replaces them, and aliases as the engine
resolves them.

Pulumi identifies a resource by its URN (stack, project, the type chain of its parents, its name).
A URN that disappears without an alias pointing at it means delete-and-create; for a bucket, a
table, a queue, a secret or a log group that is data loss. Some input changes replace a resource
in place of updating it (a bucket's name, a table's keys, a queue's FIFO flag): those are listed
per stateful type in :data:`REPLACING_INPUTS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["REPLACING_INPUTS", "STATEFUL_TYPES", "alias_urns", "split_urn"]

REPLACING_INPUTS: Mapping[str, tuple[str, ...]] = {
    "aws:s3/bucket:Bucket": ("bucket", "bucketPrefix", "objectLockEnabled"),
    "aws:dynamodb/table:Table": ("name", "hashKey", "rangeKey", "localSecondaryIndexes"),
    "aws:sqs/queue:Queue": ("name", "namePrefix", "fifoQueue"),
    "aws:secretsmanager/secret:Secret": ("name", "namePrefix"),
    "aws:cloudwatch/logGroup:LogGroup": ("name", "namePrefix"),
    "aws:sns/topic:Topic": ("name", "namePrefix", "fifoTopic"),
    "aws:kms/key:Key": ("customerMasterKeySpec", "keyUsage", "multiRegion"),
}
"""Stateful types and the inputs whose change replaces the resource (provider ForceNew fields)."""

STATEFUL_TYPES: tuple[str, ...] = tuple(REPLACING_INPUTS)


def split_urn(urn: str) -> tuple[str, str, str, str]:
    """``(stack, project, qualified type chain, name)`` of a URN."""
    _, _, rest = urn.partition("urn:pulumi:")
    stack, project, qualified, name = rest.split("::", 3)
    return stack, project, qualified, name


def alias_urns(
    urn: str,
    type_: str,
    name: str,
    parent_urn: str | None,
    aliases: Any,
) -> set[str]:
    """The URNs a resource's aliases stand for, resolved as the Pulumi engine resolves them.

    ``aliases`` are as recorded: ``{"urn": ...}`` or a spec with ``name``, ``type``,
    ``parent_urn``, ``no_parent``, ``stack`` and ``project`` keys.
    """
    stack, project, qualified, _ = split_urn(urn)
    out: set[str] = set()
    for alias in aliases or ():
        if not isinstance(alias, Mapping):
            continue
        if "urn" in alias:
            out.add(alias["urn"])
            continue
        alias_type = alias.get("type", type_)
        alias_name = alias.get("name", name)
        if alias.get("no_parent"):
            parent_chain = None
        elif "parent_urn" in alias:
            parent_chain = split_urn(alias["parent_urn"])[2]
        elif parent_urn is not None:
            parent_chain = qualified.rsplit("$", 1)[0]
        else:
            parent_chain = None
        if parent_chain == "pulumi:pulumi:Stack":
            parent_chain = None
        chain = f"{parent_chain}${alias_type}" if parent_chain else alias_type
        out.add(
            f"urn:pulumi:{alias.get('stack', stack)}::{alias.get('project', project)}::"
            f"{chain}::{alias_name}"
        )
    return out
