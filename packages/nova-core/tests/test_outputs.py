"""``gather_list`` / ``gather_dict``: the same Output as ``Output.all``, without one per item."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from nova_core import is_deep_plain
from nova_core.outputs import gather_dict, gather_list
from nova_testing import MockStack


class Thing(pulumi.CustomResource):
    """A custom resource whose ``name`` output echoes its input (the mocks echo inputs)."""

    name: pulumi.Output[str]

    def __init__(self, name: str, value: pulumi.Input[Any] = None) -> None:
        super().__init__("nova-test:index:Thing", name, {"name": name, "value": value})


async def _facts(output: pulumi.Output[Any]) -> dict[str, Any]:
    return {
        "value": await output.future(with_unknowns=True),
        "resources": sorted(r._name for r in await output.resources()),
        "known": await output.is_known(),
        "secret": await output.is_secret(),
    }


def _both(mock_stack: Any, build: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Facts of ``Output.all`` and of the gatherer over the same items, in one program."""

    def program() -> Any:
        expected, gathered = build()
        return pulumi.Output.all(
            pulumi.Output.from_input(_facts(expected)), pulumi.Output.from_input(_facts(gathered))
        )

    rec = mock_stack.run(program)
    expected, gathered = rec.value(rec.result)
    return expected, gathered


def _items() -> list[Any]:
    first, second = Thing("first"), Thing("second")
    return [
        "plain",
        3,
        first.name,
        pulumi.Output.secret("hidden"),
        second.name.apply(lambda n: n.upper()),
    ]


def test_gather_list_equals_output_all(mock_stack):
    def build() -> tuple[Any, Any]:
        items = _items()
        return pulumi.Output.all(*items), gather_list(items)

    expected, gathered = _both(mock_stack, build)
    assert gathered == expected
    assert gathered["value"] == ["plain", 3, "first", "hidden", "SECOND"]
    assert gathered["resources"] == ["first", "second"]
    assert gathered["known"] is True
    assert gathered["secret"] is True


def test_gather_dict_equals_output_all(mock_stack):
    def build() -> tuple[Any, Any]:
        items = dict(zip("abcde", _items(), strict=True))
        return pulumi.Output.all(**items), gather_dict(items)

    expected, gathered = _both(mock_stack, build)
    assert gathered == expected
    assert gathered["value"] == {"a": "plain", "b": 3, "c": "first", "d": "hidden", "e": "SECOND"}
    assert list(gathered["value"]) == list("abcde")


class Pending(pulumi.CustomResource):
    """A resource whose ``later`` output is unknown in a preview (the mocks do not set it)."""

    later: pulumi.Output[str]

    def __init__(self, name: str) -> None:
        super().__init__("nova-test:index:Pending", name, {"later": None})


def test_an_unknown_item_makes_the_whole_unknown_and_apply_does_not_run():
    ran: list[Any] = []

    async def facts(output: pulumi.Output[Any]) -> dict[str, Any]:
        return {
            "resources": sorted(r._name for r in await output.resources()),
            "known": await output.is_known(),
        }

    def program() -> Any:
        items = ["a", Pending("pending").later]
        gathered = gather_list(items)
        gathered.apply(ran.append)
        expected = pulumi.Output.all(*items)
        return pulumi.Output.all(
            pulumi.Output.from_input(facts(expected)), pulumi.Output.from_input(facts(gathered))
        )

    rec = MockStack(preview=True).run(program)
    expected, gathered = rec.value(rec.result)
    assert gathered == expected == {"resources": ["pending"], "known": False}
    assert ran == []


def test_an_output_holding_outputs_is_unwrapped_with_its_dependencies(mock_stack):
    def build() -> tuple[Any, Any]:
        inner = Thing("inner")
        nested = pulumi.Output.from_input("x").apply(lambda _: [inner.name, {"k": inner.id}])
        return pulumi.Output.all(nested, "y"), gather_list([nested, "y"])

    expected, gathered = _both(mock_stack, build)
    assert gathered == expected
    assert gathered["value"][0][0] == "inner"
    assert gathered["value"][1] == "y"
    assert is_deep_plain(gathered["value"])
    assert gathered["resources"] == ["inner"]


def test_awaitables_and_empty_collections(mock_stack):
    async def later() -> str:
        return "later"

    def program() -> Any:
        return {
            "awaited": gather_list([later(), "now"]),
            "empty_list": gather_list([]),
            "empty_dict": gather_dict({}),
        }

    rec = mock_stack.run(program)
    assert rec.value(rec.result["awaited"]) == ["later", "now"]
    assert rec.value(rec.result["empty_list"]) == []
    assert rec.value(rec.result["empty_dict"]) == {}


def test_a_resource_taking_the_gathered_output_depends_on_every_item(mock_stack):
    def program() -> None:
        things = [Thing(f"t{i}") for i in range(3)]
        Thing("consumer", gather_dict({t._name: t.name for t in things}))

    rec = mock_stack.run(program)
    consumer = rec.named("consumer")
    assert consumer.inputs["value"] == {"t0": "t0", "t1": "t1", "t2": "t2"}
    assert sorted(rec.by_urn(u).name for u in consumer.dependencies) == ["t0", "t1", "t2"]


def test_a_failing_item_fails_the_gathered_output_with_its_error(mock_stack):
    seen: list[str] = []

    def boom(_: str) -> str:
        raise ValueError("item failed")

    async def probe(output: pulumi.Output[Any]) -> None:
        try:
            await output.future()
        except ValueError as error:
            seen.append(str(error))

    def program() -> Any:
        gathered = gather_list(["a", Thing("t").name.apply(boom)])
        return pulumi.Output.from_input(probe(gathered))

    with pytest.raises(ValueError, match="item failed"):
        mock_stack.run(program)
    assert seen == ["item failed"]
