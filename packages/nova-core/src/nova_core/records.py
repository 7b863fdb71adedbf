"""``Record``: the base of Nova's immutable value classes (plans, targets, parsed ARNs, statements).

A subclass is a dataclass without a decorator::

    class BucketPlan(Record):
        name: str
        versioning: bool = True

It behaves as ``@dataclass(frozen=True)`` would make it: the generated ``__init__``, fields with
defaults and ``dataclasses.field``, ``replace``, ``asdict``, ``fields``, pickling; equality only
between instances of the same class over the fields with ``compare=True``, in field order; the
hash of the fields a dataclass would hash (``hash=True``, or ``hash=None`` with ``compare=True``),
so equal records hash alike and an unhashable field value makes the record unhashable; the
``ClassName(field=value, ...)`` repr over the fields with ``repr=True`` (``...`` where a record
contains itself); assigning or deleting an attribute after ``__init__`` raises
``dataclasses.FrozenInstanceError``.

Why not ``@dataclass(frozen=True)``: on CPython 3.11 a frozen dataclass compiles six methods from
source when its module loads (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``, about 0.6 ms per class), and a program importing the Nova
packages loads some forty such classes. A record compiles only its ``__init__``; the other five
are these shared ones. Type checkers see a frozen dataclass (PEP 681, ``frozen_default``).
"""

from __future__ import annotations

import dataclasses
import reprlib
from operator import attrgetter
from typing import Any, ClassVar, dataclass_transform

__all__ = ["Record"]


class _Fields:
    """What a record class compares, hashes and shows, read by one C-level getter each."""

    __slots__ = ("compare", "hash", "names", "repr_names")

    def __init__(self, cls: type) -> None:
        fields = dataclasses.fields(cls)
        self.names = frozenset(f.name for f in fields)
        self.compare = _tuple_getter(f.name for f in fields if f.compare)
        self.hash = _tuple_getter(
            f.name for f in fields if f.hash or (f.hash is None and f.compare)
        )
        self.repr_names = tuple(f.name for f in fields if f.repr)


def _tuple_getter(names: Any) -> Any:
    """A callable returning the named attributes as a tuple (``attrgetter`` returns one value
    for a single name, so that case is wrapped)."""
    names = tuple(names)
    if not names:
        return lambda _record: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    return attrgetter(*names)


@dataclass_transform(eq_default=True, frozen_default=True, field_specifiers=(dataclasses.field,))
class Record:
    """Base class of an immutable dataclass: subclasses become dataclasses when defined, with
    equality, hash, repr and immutability as ``@dataclass(frozen=True)`` gives them, shared
    instead of compiled per class."""

    __slots__ = ()
    _record: ClassVar[_Fields]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(eq=False, repr=False)(cls)
        cls._record = _Fields(cls)

    def __setattr__(self, name: str, value: Any) -> None:
        # The generated __init__ assigns each field once; nothing else may assign.
        if name in self.__dict__ or name not in self._record.names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compare = self._record.compare
        return bool(compare(self) == compare(other))

    def __hash__(self) -> int:
        return hash(self._record.hash(self))

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        names = self._record.repr_names
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"
