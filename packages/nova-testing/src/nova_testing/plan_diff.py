"""``nova-preview --diff OLD.json``: what a pull request changes in a stack's plan, offline.

Compares an earlier plan (``nova-preview --json`` on the base branch) with the current one:
resources added, removed and changed (input by input), matching renamed resources through their
aliases like the engine does. A stateful resource (bucket, table, queue, secret, log group, topic,
key) that would be deleted, or replaced because its URN changed without an alias or because an
input that forces replacement changed, gets a loud ``!!`` line: that is data loss on ``pulumi up``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from .identity import REPLACING_INPUTS, alias_urns

__all__ = ["PlanDiff", "diff_plans", "render_diff"]


@dataclass
class PlanDiff:
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[dict[str, Any], dict[str, Any], list[str]]] = field(default_factory=list)
    """(old, new, changed input keys)."""
    renamed: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    """(old, new) matched through an alias."""
    data_loss: list[str] = field(default_factory=list)
    """One loud line per stateful resource that would be replaced or deleted."""

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.renamed)


def _index(plan: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["urn"]: r for r in plan.get("resources", [])}


def _short(value: Any, limit: int = 100) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def diff_plans(old: Mapping[str, Any], new: Mapping[str, Any]) -> PlanDiff:
    """The difference between two plan JSON documents (``nova-preview --json``)."""
    before, after = _index(old), _index(new)
    result = PlanDiff()
    matched_old: set[str] = set()
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for urn, resource in sorted(after.items()):
        if urn in before:
            pairs.append((before[urn], resource))
            matched_old.add(urn)
            continue
        aliases = alias_urns(
            urn, resource["type"], resource["name"], resource.get("parent"), resource.get("aliases")
        )
        previous = next((before[a] for a in sorted(aliases) if a in before), None)
        if previous is not None:
            result.renamed.append((previous, resource))
            pairs.append((previous, resource))
            matched_old.add(previous["urn"])
        else:
            result.added.append(resource)
    for urn, resource in sorted(before.items()):
        if urn not in matched_old:
            result.removed.append(resource)

    for previous, resource in pairs:
        keys = sorted(
            k
            for k in set(previous.get("inputs", {})) | set(resource.get("inputs", {}))
            if previous.get("inputs", {}).get(k) != resource.get("inputs", {}).get(k)
        )
        if keys:
            result.changed.append((previous, resource, keys))
        forcing = [k for k in keys if k in REPLACING_INPUTS.get(resource["type"], ())]
        if forcing:
            details = ", ".join(
                f"{k} {_short(previous['inputs'].get(k))} -> {_short(resource['inputs'].get(k))}"
                for k in forcing
            )
            result.data_loss.append(
                f"!! REPLACE stateful {resource['type']} {resource['name']}: {details} "
                "forces replacement (the old resource and its data are deleted)"
            )
    for resource in result.removed:
        if resource["type"] in REPLACING_INPUTS:
            successor = next(
                (
                    r
                    for r in result.added
                    if r["type"] == resource["type"] and r["name"] == resource["name"]
                ),
                None,
            )
            why = (
                f"its URN changed to {successor['urn']} without an alias"
                if successor is not None
                else "it is no longer in the program"
            )
            verb = "REPLACE" if successor is not None else "DELETE"
            result.data_loss.append(
                f"!! {verb} stateful {resource['type']} {resource['name']}: {why} "
                f"(old URN {resource['urn']})"
            )
    return result


def render_diff(diff: PlanDiff, title: str, out: TextIO) -> None:
    """The diff as text: the loud lines first, then added, removed, renamed and changed."""
    out.write(f"Plan diff for {title} (offline, mocks)\n")
    if diff.data_loss:
        out.write(f"!! {len(diff.data_loss)} stateful resource(s) would lose their data:\n")
        for line in diff.data_loss:
            out.write(line + "\n")
    if diff.empty:
        out.write("No changes.\n")
        return
    out.write(
        f"{len(diff.added)} to add, {len(diff.removed)} to delete, {len(diff.renamed)} renamed "
        f"(aliased), {len(diff.changed)} to change\n"
    )
    for resource in diff.added:
        out.write(f"+ {resource['type']}  {resource['name']}\n")
    for resource in diff.removed:
        out.write(f"- {resource['type']}  {resource['name']}\n")
    for previous, resource in diff.renamed:
        out.write(f"~ {resource['type']}  {previous['name']} -> {resource['name']} (alias)\n")
    for previous, resource, keys in diff.changed:
        out.write(f"~ {resource['type']}  {resource['name']}\n")
        for key in keys:
            out.write(
                f"      {key}: {_short(previous.get('inputs', {}).get(key))} -> "
                f"{_short(resource.get('inputs', {}).get(key))}\n"
            )
