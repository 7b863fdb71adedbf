"""``former_child_name``: the alias of a renamed child points at the URN it had before."""

from __future__ import annotations

from typing import Any

import pulumi

from nova_core import former_child_name
from nova_testing import MockStack
from nova_testing.identity import alias_urns

COMPONENT = "nova-test:index:Holder"
CHILD = "nova-test:index:Part"


class Part(pulumi.CustomResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions) -> None:
        super().__init__(CHILD, name, {}, opts)


class Holder(pulumi.ComponentResource):
    """Release 1 names its child ``<name>-old``; release 2 ``<name>-new`` with the alias."""

    def __init__(self, name: str, release: int, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(COMPONENT, name, None, opts)
        self.alias: Any = None
        if release == 1:
            Part(f"{name}-old", pulumi.ResourceOptions(parent=self))
            return
        self.alias = former_child_name(COMPONENT, name, opts, CHILD, f"{name}-old")
        Part(f"{name}-new", pulumi.ResourceOptions(parent=self, aliases=[self.alias]))


class Outer(pulumi.ComponentResource):
    def __init__(self, name: str, release: int) -> None:
        super().__init__("nova-test:index:Outer", name, None, None)
        self.holder = Holder(f"{name}-holder", release, pulumi.ResourceOptions(parent=self))


def _urn_of_old_part(program: Any) -> str:
    rec = MockStack(project="proj", stack="prod").run(program)
    return next(r.urn for r in rec.by_type(CHILD))


def _aliases_of_new_part(program: Any) -> tuple[set[str], Any]:
    rec = MockStack(project="proj", stack="prod").run(program)
    part = next(r for r in rec.by_type(CHILD))
    return alias_urns(part.urn, part.type, part.name, part.parent_urn, part.aliases), part


def test_under_the_stack_the_alias_is_the_former_urn_as_a_string():
    before = _urn_of_old_part(lambda: Holder("h", 1))
    holder: list[Holder] = []
    after, part = _aliases_of_new_part(lambda: holder.append(Holder("h", 2)))
    assert holder[0].alias == before
    assert after == {before}
    assert part.urn != before


def test_under_a_parent_the_alias_is_a_name_the_engine_resolves_under_that_parent():
    before = _urn_of_old_part(lambda: Outer("o", 1))
    outer: list[Outer] = []
    after, _ = _aliases_of_new_part(lambda: outer.append(Outer("o", 2)))
    alias = outer[0].holder.alias
    assert isinstance(alias, pulumi.Alias)
    assert alias.name == "o-holder-old"
    assert after == {before}


def test_an_aliased_component_gets_a_name_alias_so_its_own_former_names_combine():
    def program() -> Holder:
        return Holder("h", 2, pulumi.ResourceOptions(aliases=[pulumi.Alias(name="before")]))

    rec = MockStack(project="proj", stack="prod").run(program)
    assert isinstance(rec.result.alias, pulumi.Alias)
    assert rec.result.alias.name == "h-old"
