"""Recording of every resource a Pulumi program registers under mocks, and assertions on it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pulumi.runtime import rpc
from pulumi.runtime.mocks import MockMonitor
from pulumi.runtime.settings import get_project, get_stack
from pulumi.runtime.sync_await import _ensure_event_loop

from .match import matches

__all__ = ["RecordedResource", "Recording", "RecordingMonitor"]

STACK_TYPE = "pulumi:pulumi:Stack"


@dataclass(frozen=True)
class RecordedResource:
    """One registered resource with its resolved inputs and the options that matter for safety."""

    type: str
    """Type token, e.g. ``aws:s3/bucket:Bucket`` or ``nova-storage:index:Bucket``."""
    name: str
    """Logical name."""
    urn: str
    parent_urn: str | None
    """URN of the parent resource; ``None`` for resources parented to the stack."""
    custom: bool
    """``False`` for component resources."""
    inputs: dict[str, Any]
    """Inputs as the engine receives them (provider wire names, e.g. ``blockPublicAcls``)."""
    outputs: dict[str, Any]
    """State returned by the mocks."""
    id: str | None
    protect: bool
    retain_on_delete: bool
    delete_before_replace: bool
    aliases: tuple[dict[str, Any], ...]
    """Aliases as given by the program: ``{"urn": ...}`` or a spec with ``name``/``type``/
    ``parent_urn``/``no_parent``/``stack``/``project`` keys."""
    dependencies: tuple[str, ...]
    """URNs this resource depends on (explicit ``depends_on`` and input dependencies)."""
    property_dependencies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ignore_changes: tuple[str, ...] = ()
    provider: str | None = None

    @property
    def explicit_dependencies(self) -> tuple[str, ...]:
        """Dependencies not implied by any input (those given through ``depends_on``)."""
        implied = {urn for urns in self.property_dependencies.values() for urn in urns}
        return tuple(urn for urn in self.dependencies if urn not in implied)

    @property
    def qualified_type(self) -> str:
        """The type chain in the URN (``parent$child`` types), part of the resource identity."""
        return self.urn.split("::")[2]

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "name": self.name,
            "urn": self.urn,
            "parent": self.parent_urn,
            "custom": self.custom,
            "inputs": self.inputs,
            "protect": self.protect,
            "retain_on_delete": self.retain_on_delete,
            "aliases": list(self.aliases),
            "dependencies": sorted(set(self.dependencies)),
        }


def _alias_to_dict(alias: Any) -> dict[str, Any]:
    if alias.urn:
        return {"urn": alias.urn}
    spec = alias.spec
    out: dict[str, Any] = {}
    for key, attr in (
        ("name", "name"),
        ("type", "type"),
        ("stack", "stack"),
        ("project", "project"),
        ("parent_urn", "parentUrn"),
    ):
        value = getattr(spec, attr)
        if value:
            out[key] = value
    if spec.noParent:
        out["no_parent"] = True
    return out


def _plain(value: Any) -> Any:
    """Plain values for assertions: the wire has only doubles, so integral numbers become ints."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class RecordingMonitor(MockMonitor):
    """A mock resource monitor that records each registration request in full."""

    def __init__(self, mocks: Any) -> None:
        super().__init__(mocks)
        self.records: list[RecordedResource] = []
        self.stack_outputs: dict[str, Any] = {}

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        """URNs as the Pulumi engine makes them: the parent's full type chain, no stack type."""
        if parent and parent.split("::")[2] != STACK_TYPE:
            type_ = parent.split("::")[2] + "$" + type_
        return "urn:pulumi:" + "::".join([get_stack(), get_project(), type_, name])

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        response = super().RegisterResource(request)
        if request.type == STACK_TYPE:
            return response
        _ensure_event_loop()
        inputs = _plain(rpc.deserialize_properties(request.object))
        state = self.resources.get(response.urn)
        aliases = tuple(_alias_to_dict(a) for a in request.aliases) + tuple(
            {"urn": urn} for urn in request.aliasURNs
        )
        self.records.append(
            RecordedResource(
                type=request.type,
                name=request.name,
                urn=response.urn,
                parent_urn=(
                    None
                    if not request.parent or request.parent.split("::")[2] == STACK_TYPE
                    else request.parent
                ),
                custom=bool(request.custom),
                inputs=inputs,
                outputs=_plain(dict(state.state)) if state else {},
                id=response.id or None,
                protect=bool(request.protect),
                retain_on_delete=bool(request.retainOnDelete),
                delete_before_replace=bool(request.deleteBeforeReplace),
                aliases=aliases,
                dependencies=tuple(request.dependencies),
                property_dependencies={
                    k: tuple(v.urns) for k, v in request.propertyDependencies.items()
                },
                ignore_changes=tuple(request.ignoreChanges),
                provider=request.provider or None,
            )
        )
        return response


class Recording:
    """The resources a program registered, with query and assertion helpers.

    Failure messages show what was recorded instead, so a failing assertion explains itself.
    """

    def __init__(
        self,
        resources: Sequence[RecordedResource],
        outputs: Mapping[str, Any] | None = None,
        result: Any = None,
        resolve: Callable[[Any], Any] | None = None,
    ) -> None:
        self.resources: list[RecordedResource] = list(resources)
        self.outputs: dict[str, Any] = dict(outputs or {})
        """Stack outputs (``pulumi.export``), resolved to plain values."""
        self.result = result
        """What the program function returned (for example the component instance)."""
        self._resolve = resolve

    def __iter__(self) -> Iterator[RecordedResource]:
        return iter(self.resources)

    def __len__(self) -> int:
        return len(self.resources)

    # -- queries -------------------------------------------------------------------------------
    def by_type(self, type_: str) -> list[RecordedResource]:
        """All resources of a type token."""
        return [r for r in self.resources if r.type == type_]

    def named(self, name: str) -> RecordedResource:
        """The one resource with this logical name (names are unique per type and parent)."""
        found = [r for r in self.resources if r.name == name]
        if len(found) != 1:
            raise AssertionError(
                f"expected exactly one resource named {name!r}, found {len(found)}.\n"
                + self.describe()
            )
        return found[0]

    def get(self, type_: str, name: str | None = None) -> RecordedResource:
        """The one resource of ``type_`` (and ``name``, when given); fails if not exactly one."""
        found = [r for r in self.by_type(type_) if name is None or r.name == name]
        if len(found) != 1:
            what = type_ if name is None else f"{type_} named {name!r}"
            raise AssertionError(
                f"expected exactly one {what}, found {len(found)}.\n" + self.describe()
            )
        return found[0]

    def by_urn(self, urn: str) -> RecordedResource:
        for resource in self.resources:
            if resource.urn == urn:
                return resource
        raise AssertionError(f"no resource with URN {urn!r}.\n" + self.describe())

    def children_of(
        self, parent: RecordedResource | str, *, recursive: bool = False
    ) -> list[RecordedResource]:
        """Resources whose parent is ``parent`` (a record or a logical name of a component)."""
        if isinstance(parent, str):
            parent = self.named(parent)
        direct = [r for r in self.resources if r.parent_urn == parent.urn]
        if not recursive:
            return direct
        out: list[RecordedResource] = []
        for child in direct:
            out.append(child)
            out.extend(self.children_of(child, recursive=True))
        return out

    def parent_of(self, resource: RecordedResource) -> RecordedResource | None:
        return None if resource.parent_urn is None else self.by_urn(resource.parent_urn)

    def types(self) -> dict[str, int]:
        """Count of resources per type token."""
        counts: dict[str, int] = {}
        for resource in self.resources:
            counts[resource.type] = counts.get(resource.type, 0) + 1
        return dict(sorted(counts.items()))

    def value(self, output: Any) -> Any:
        """Resolve a Pulumi ``Output`` (or plain value) created by the program to its value."""
        if self._resolve is None:
            raise RuntimeError("this recording cannot resolve outputs")
        return self._resolve(output)

    # -- assertions (CDK names) ----------------------------------------------------------------
    def resource_count_is(self, type_: str, count: int) -> None:
        """Assert exactly ``count`` resources of ``type_`` were registered."""
        found = self.by_type(type_)
        if len(found) != count:
            raise AssertionError(
                f"expected {count} resource(s) of type {type_}, found {len(found)}"
                f"{': ' + ', '.join(r.name for r in found) if found else ''}.\n" + self.describe()
            )

    def has_resource_properties(
        self, type_: str, properties: Mapping[str, Any], *, name: str | None = None
    ) -> RecordedResource:
        """Assert some resource of ``type_`` (optionally named) has inputs matching ``properties``.

        Dicts match as subsets, recursively; see :mod:`nova_testing.match`. Returns the match.
        """
        candidates = [r for r in self.by_type(type_) if name is None or r.name == name]
        if not candidates:
            raise AssertionError(
                f"no resource of type {type_}{f' named {name!r}' if name else ''}.\n"
                + self.describe()
            )
        report: list[str] = []
        for candidate in candidates:
            errors = matches(properties, candidate.inputs)
            if not errors:
                return candidate
            report.append(f"  {candidate.name}:\n" + "\n".join(f"    - {e}" for e in errors[:12]))
        raise AssertionError(
            f"no {type_} has the expected properties. Closest differences:\n"
            + "\n".join(report)
            + "\nRecorded inputs:\n"
            + "\n".join(
                f"  {c.name}: {json.dumps(c.inputs, sort_keys=True, default=str)[:2000]}"
                for c in candidates
            )
        )

    def all_resources_have(self, type_: str, properties: Mapping[str, Any]) -> None:
        """Assert every resource of ``type_`` matches ``properties`` (and there is at least one)."""
        candidates = self.by_type(type_)
        if not candidates:
            raise AssertionError(f"no resource of type {type_}.\n" + self.describe())
        failures = {c.name: matches(properties, c.inputs) for c in candidates}
        failures = {k: v for k, v in failures.items() if v}
        if failures:
            raise AssertionError(
                f"{len(failures)} of {len(candidates)} {type_} do not match:\n"
                + "\n".join(f"  {k}: {'; '.join(v[:6])}" for k, v in failures.items())
            )

    def check_rules(self, config: Any = None) -> Any:
        """Assert the recording breaks no mandatory nova-policy rule; returns the report.

        Works for any program, with or without Nova components. ``config`` is a nova-policy
        ``PolicyConfig`` or the path of its JSON file (the file given to
        ``pulumi preview --policy-pack-config``: levels, options, suppressions with reasons).
        Advisory and suppressed findings do not fail; they are in the returned report.
        Needs ``pip install nova-policy`` (or ``nova-testing[policy]``).
        """
        from ._policy import nova_policy  # noqa: PLC0415 - optional dependency

        report = nova_policy().check_records(self.resources, config)
        if report.failed:
            raise AssertionError("nova-policy rules are violated:\n" + report.format())
        return report

    def describe(self) -> str:
        """A readable list of what was recorded, for failure messages."""
        if not self.resources:
            return "Recorded: no resources."
        lines = [f"Recorded {len(self.resources)} resource(s):"]
        lines.extend(f"  {r.type}  {r.name}" for r in self.resources)
        return "\n".join(lines)
