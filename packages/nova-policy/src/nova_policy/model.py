"""The resources rules look at: type, names, inputs, state and how they refer to each other.

The same model is built from a nova-testing recording (mocked outputs, every value known) and from
what the Pulumi engine sends a policy pack (during ``pulumi preview`` some values are unknown).
Reading an unknown value raises :class:`UndecidableError`; the engine then records the rule as not
decidable for that resource instead of guessing. Rules never see an unknown value by accident.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["UNKNOWN", "Resource", "Stack", "UndecidableError", "is_unknown", "plain"]

# The engine's sentinels for values not known during preview (pulumi/sdk properties.go; the
# pulumi-policy SDK carries the same constants).
_UNKNOWN_SENTINELS = frozenset(
    {
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",  # boolean
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421",  # number
        "04da6b54-80e4-46f7-96ec-b56ff0331ba9",  # string
        "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",  # array
        "030794c1-ac77-496b-92df-f27374a8bd58",  # asset
        "e48ece36-62e2-4504-bad9-02848725956a",  # archive
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",  # object
    }
)
_SIG_KEY = "4dabf18193072939515e22adb298388d"
_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"


class _Unknown:
    """A value the engine does not know yet (``pulumi preview`` of a new resource)."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN: Any = _Unknown()
"""Stands for a value only known after deployment."""


class UndecidableError(Exception):
    """A rule needed a value that is unknown until deployment."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} is not known before deployment")
        self.path = path


def is_unknown(value: Any) -> bool:
    return value is UNKNOWN or (isinstance(value, str) and value in _UNKNOWN_SENTINELS)


def _normalize(value: Any) -> Any:
    """Plain Python values: unknowns become :data:`UNKNOWN`, secrets their value, integral floats
    ints (the wire only has doubles)."""
    if is_unknown(value):
        return UNKNOWN
    if isinstance(value, Props):
        return value
    if isinstance(value, Mapping):
        target = getattr(value, "_DictProxy__target", None)
        items = target if isinstance(target, dict) else value
        if items.get(_SIG_KEY) == _SECRET_SIG:
            return _normalize(items.get("value"))
        return {str(k): _normalize(v) for k, v in items.items()}
    if isinstance(value, (list, tuple)) or (
        isinstance(value, Sequence) and not isinstance(value, (str, bytes))
    ):
        return [_normalize(v) for v in _raw_sequence(value)]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _raw_sequence(value: Any) -> list[Any]:
    raw = getattr(value, "_ListProxy__target", None)
    return list(raw) if raw is not None else list(value)


class Props(Mapping[str, Any]):
    """Read-only inputs or state; reading an unknown value raises :class:`UndecidableError`."""

    __slots__ = ("_data", "_path")

    def __init__(self, data: Mapping[str, Any] | None = None, path: str = "") -> None:
        self._data: dict[str, Any] = dict(data or {})
        self._path = path

    def __getitem__(self, key: str) -> Any:
        value = self._data[key]
        where = f"{self._path}.{key}" if self._path else key
        return _wrap(value, where)

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return repr(plain(self))


class Items(Sequence[Any]):
    """A read-only list whose unknown elements raise :class:`UndecidableError` when read."""

    __slots__ = ("_data", "_path")

    def __init__(self, data: Sequence[Any], path: str) -> None:
        self._data = list(data)
        self._path = path

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self._data))[index]]
        return _wrap(self._data[index], f"{self._path}[{index}]")

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return repr(plain(self))


def _wrap(value: Any, path: str) -> Any:
    if value is UNKNOWN:
        raise UndecidableError(path)
    if isinstance(value, dict):
        return Props(value, path)
    if isinstance(value, list):
        return Items(value, path)
    return value


def plain(value: Any) -> Any:
    """Plain dicts and lists (unknowns shown as ``<unknown>``), for messages and JSON."""
    if isinstance(value, Props):
        return {k: plain(v) for k, v in value._data.items()}
    if isinstance(value, Items):
        return [plain(v) for v in value._data]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Resource:
    """One resource of a program, as the rules see it."""

    type: str
    """Type token, e.g. ``aws:s3/bucket:Bucket``."""
    name: str
    """Logical name."""
    urn: str
    inputs: Props
    """Inputs with the engine's (camelCase) names, e.g. ``blockPublicAcls``."""
    state: Props = field(default_factory=Props)
    """Outputs when known (mocked in a recording, planned state in a policy pack)."""
    parent: str | None = None
    dependencies: tuple[str, ...] = ()
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def create(
        cls,
        type: str,
        name: str,
        inputs: Mapping[str, Any] | None = None,
        *,
        urn: str | None = None,
        state: Mapping[str, Any] | None = None,
        parent: str | None = None,
        dependencies: Iterable[str] = (),
        property_dependencies: Mapping[str, Iterable[str]] | None = None,
    ) -> Resource:
        """A resource from plain values (unknown sentinels and secrets are normalized)."""
        return cls(
            type=type,
            name=name,
            urn=urn or f"urn:pulumi:stack::project::{type}::{name}",
            inputs=Props(_normalize(inputs) if inputs is not None else {}),
            state=Props(_normalize(state) if state is not None else {}),
            parent=parent,
            dependencies=tuple(dependencies),
            property_dependencies={k: tuple(v) for k, v in (property_dependencies or {}).items()},
        )

    @classmethod
    def from_record(cls, record: Any) -> Resource:
        """A resource from a nova-testing ``RecordedResource`` (or anything with its attributes)."""
        state = dict(getattr(record, "outputs", {}) or {})
        if getattr(record, "id", None) and "id" not in state:
            state["id"] = record.id
        return cls.create(
            record.type,
            record.name,
            record.inputs,
            urn=record.urn,
            state=state,
            parent=getattr(record, "parent_urn", None),
            dependencies=getattr(record, "dependencies", ()),
            property_dependencies=getattr(record, "property_dependencies", {}),
        )

    def get(self, key: str, default: Any = None) -> Any:
        """An input, else the state's value (``arn``, ``name`` and ``id`` live in the state)."""
        if key in self.inputs:
            return self.inputs[key]
        return self.state.get(key, default)

    def known(self, key: str) -> Any:
        """Like :meth:`get`, but ``None`` instead of raising when the value is unknown."""
        try:
            return self.get(key)
        except UndecidableError:
            return None

    @property
    def label(self) -> str:
        return f"{self.type} {self.name!r}"

    def identifiers(self) -> set[str]:
        """The known values another resource may use to refer to this one."""
        found = set()
        for key in ("id", "arn", "name", "bucket", "url"):
            value = self.known(key)
            if isinstance(value, str) and value:
                found.add(value)
        return found


class Stack:
    """All resources of one program, with the look-ups cross-resource rules need."""

    def __init__(self, resources: Iterable[Resource]) -> None:
        self.resources: list[Resource] = list(resources)
        self._by_urn = {r.urn: r for r in self.resources}

    def __iter__(self) -> Iterator[Resource]:
        return iter(self.resources)

    def __len__(self) -> int:
        return len(self.resources)

    def by_type(self, *types: str) -> list[Resource]:
        return [r for r in self.resources if r.type in types]

    def by_urn(self, urn: str) -> Resource | None:
        return self._by_urn.get(urn)

    def refers(self, source: Resource, key: str, target: Resource) -> bool:
        """Whether ``source``'s input ``key`` points at ``target``: through the engine's property
        dependencies, or by value (its id, ARN, name or URL, possibly inside a JSON string)."""
        if target.urn in source.property_dependencies.get(key, ()):
            return True
        try:
            value = source.inputs.get(key)
        except UndecidableError:
            return False
        if not isinstance(value, str) or not value:
            return False
        ids = target.identifiers()
        return value in ids or any(f'"{i}"' in value for i in ids if len(i) > 8)

    def referring(self, target: Resource, types: str | tuple[str, ...], key: str) -> list[Resource]:
        """Resources of ``types`` whose ``key`` points at ``target``."""
        wanted = (types,) if isinstance(types, str) else types
        return [r for r in self.by_type(*wanted) if self.refers(r, key, target)]

    def referred(self, source: Resource, key: str, types: str | tuple[str, ...]) -> list[Resource]:
        """Resources of ``types`` that ``source``'s ``key`` points at."""
        wanted = (types,) if isinstance(types, str) else types
        return [r for r in self.by_type(*wanted) if self.refers(source, key, r)]

    def depends_on(self, source: Resource, target: Resource) -> bool:
        """Whether ``source`` is created after ``target`` (direct or transitive dependency)."""
        seen: set[str] = set()
        todo = list(source.dependencies)
        while todo:
            urn = todo.pop()
            if urn == target.urn:
                return True
            if urn in seen:
                continue
            seen.add(urn)
            found = self._by_urn.get(urn)
            if found is not None:
                todo.extend(found.dependencies)
        return False
