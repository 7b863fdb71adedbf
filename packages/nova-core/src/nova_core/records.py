"""``Record``: the base of Nova's frozen dataclasses (plans, targets, parsed ARNs, statements).

A frozen dataclass on CPython 3.11 compiles six generated methods when its class is created
(``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``), about
0.6 ms per class; Nova has some forty of them, and every Pulumi program that imports the packages
pays for the ones it loads. A record is declared as::

    @dataclass(frozen=True, eq=False, repr=False)
    class BucketPlan(Record):
        name: str
        versioning: bool = True

and takes ``__eq__``, ``__hash__`` and ``__repr__`` from :class:`Record` instead of compiling its
own. They behave as the generated ones do: equality only between instances of the same class,
over the fields with ``compare=True``, in field order; the hash of the fields a dataclass would
hash (``hash=True``, or ``hash=None`` with ``compare=True``), so equal records hash alike and an
unhashable field value makes the record unhashable; the ``ClassName(field=value, ...)`` repr over
the fields with ``repr=True`` (``...`` where a record contains itself).
"""

from __future__ import annotations

import dataclasses
import reprlib
from operator import attrgetter
from typing import Any, ClassVar

__all__ = ["Record"]


class _Getters:
    """The field values a record compares, hashes and shows, read by one C-level getter each."""

    __slots__ = ("compare", "hash", "repr_names")

    def __init__(self, cls: type) -> None:
        fields = dataclasses.fields(cls)
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


class Record:
    """Base class of a frozen dataclass declared with ``eq=False, repr=False``: equality, hash
    and repr as the dataclass would generate them, shared instead of compiled per class."""

    __slots__ = ()
    _record_getters: ClassVar[dict[type, _Getters]] = {}

    @classmethod
    def _getters(cls) -> _Getters:
        getters = Record._record_getters.get(cls)
        if getters is None:
            if not dataclasses.is_dataclass(cls):
                raise TypeError(f"{cls.__qualname__} derives from Record but is not a dataclass")
            getters = Record._record_getters[cls] = _Getters(cls)
        return getters

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compare = self._getters().compare
        return bool(compare(self) == compare(other))

    def __hash__(self) -> int:
        return hash(self._getters().hash(self))

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        names = self._getters().repr_names
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"
