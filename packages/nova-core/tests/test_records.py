"""``Record``: equality, hash, repr and immutability as a frozen dataclass generates them, without
compiling them per class. Every behaviour is compared with a plain frozen dataclass of the same
fields."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nova_core.records import Record


class Plan(Record):
    name: str
    size: int = 1
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)
    cached: int = field(default=0, hash=False)


@dataclass(frozen=True)
class PlainPlan:
    name: str
    size: int = 1
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)
    cached: int = field(default=0, hash=False)


class Twin(Plan):
    """Same fields as ``Plan``, another class (a dataclass compares only the same class)."""


class One(Record):
    value: Any


@dataclass(frozen=True)
class PlainOne:
    value: Any


class Empty(Record):
    pass


@dataclass(frozen=True)
class PlainEmpty:
    pass


plans = st.builds(
    dict,
    name=st.sampled_from(["a", "b", "data-bucket"]),
    size=st.integers(-2, 2),
    tags=st.lists(st.sampled_from(["x", "y"]), max_size=2).map(tuple),
    note=st.sampled_from(["", "n"]),
    secret=st.sampled_from(["", "s"]),
    cached=st.integers(0, 2),
)


@given(plans, plans)
def test_equality_and_hash_match_a_generated_dataclass(left: dict, right: dict) -> None:
    ours = Plan(**left), Plan(**right)
    generated = PlainPlan(**left), PlainPlan(**right)
    assert (ours[0] == ours[1]) is (generated[0] == generated[1])
    assert (ours[0] != ours[1]) is (generated[0] != generated[1])
    if ours[0] == ours[1]:
        assert hash(ours[0]) == hash(ours[1])
    # The same fields take part in the hash as in the generated one.
    assert hash(ours[0]) == hash(generated[0])


@given(plans)
def test_repr_matches_a_generated_dataclass(values: dict) -> None:
    shown = repr(Plan(**values))
    assert shown == repr(PlainPlan(**values)).replace("PlainPlan(", "Plan(", 1)
    assert "secret=" not in shown


def test_fields_outside_comparison_do_not_count() -> None:
    assert Plan("a", note="one") == Plan("a", note="two")
    assert Plan("a", cached=1) != Plan("a", cached=2)
    assert hash(Plan("a", cached=1)) == hash(Plan("a", cached=2))


def test_only_the_same_class_compares_equal() -> None:
    assert Plan("a") != Twin("a")
    assert Plan("a") != ("a", 1, ())
    assert Plan("a").__eq__(("a",)) is NotImplemented
    assert Plan("a") in {Plan("a")}
    assert Twin("a") not in {Plan("a")}


def test_single_and_empty_records_match_generated_ones() -> None:
    assert One(3) == One(3)
    assert One(3) != One(4)
    assert hash(One(3)) == hash(PlainOne(3))
    assert repr(One("x")) == "One(value='x')"
    assert Empty() == Empty()
    assert hash(Empty()) == hash(PlainEmpty())
    assert repr(Empty()) == "Empty()"


def test_an_unhashable_field_makes_the_record_unhashable_as_it_would() -> None:
    with pytest.raises(TypeError):
        hash(PlainOne({"a": 1}))
    with pytest.raises(TypeError, match="unhashable"):
        hash(One({"a": 1}))
    assert One({"a": 1}) == One({"a": 1})


def test_a_record_that_contains_itself_shows_an_ellipsis() -> None:
    box: list[Any] = []
    record = One(box)
    box.append(record)
    assert repr(record) == "One(value=[...])"


def test_records_are_immutable_as_frozen_dataclasses_are() -> None:
    plan, generated = Plan("a", size=2), PlainPlan("a", size=2)
    for target in (plan, generated):
        with pytest.raises(dataclasses.FrozenInstanceError):
            target.size = 3  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            target.other = 1  # type: ignore[attr-defined]
        with pytest.raises(dataclasses.FrozenInstanceError):
            del target.name  # type: ignore[misc]
    assert plan.size == 2
    assert not hasattr(plan, "other")


def test_records_work_with_dataclass_tools() -> None:
    plan = Plan("a", size=2)
    assert dataclasses.is_dataclass(plan)
    assert [f.name for f in dataclasses.fields(Plan)] == [
        f.name for f in dataclasses.fields(PlainPlan)
    ]
    assert dataclasses.replace(plan, size=3) == Plan("a", size=3)
    assert dataclasses.asdict(plan)["size"] == 2
    assert pickle.loads(pickle.dumps(plan)) == plan


def test_only_init_is_generated_per_class() -> None:
    for cls in (Plan, Twin, One, Empty):
        assert "__init__" in vars(cls)
        for method in ("__eq__", "__hash__", "__repr__", "__setattr__", "__delattr__"):
            assert method not in vars(cls), (cls, method)
    assert "__setattr__" in vars(PlainPlan)


def test_a_subclass_of_a_record_adds_its_fields() -> None:
    class Wider(One):
        extra: int = 0

    wide = Wider("v", extra=2)
    assert [f.name for f in dataclasses.fields(Wider)] == ["value", "extra"]
    assert repr(wide) == f"{Wider.__qualname__}(value='v', extra=2)"
    assert wide != One("v")
    with pytest.raises(dataclasses.FrozenInstanceError):
        wide.extra = 3  # type: ignore[misc]
