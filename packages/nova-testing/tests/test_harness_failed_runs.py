"""After a failed run, MockStack.reset leaves no failed future waiting for the garbage collector
(whose "exception was never retrieved" log could otherwise run inside a later ``ast.parse`` and
corrupt CPython 3.11's parser state, gh-106905)."""

import asyncio
import gc

import pulumi
import pytest

from nova_testing import MockStack


def _unretrieved_failures() -> list[asyncio.Future]:
    return [
        o
        for o in gc.get_objects()
        if isinstance(o, asyncio.Future) and getattr(o, "_log_traceback", False)
    ]


def _fail_inside_apply() -> None:
    def check(value: str) -> str:
        raise ValueError(f"refused {value}")

    topic_name = pulumi.Output.from_input("alerts").apply(check)
    pulumi.CustomResource("aws:sns/topic:Topic", "alerts", {"name": topic_name})


def test_reset_after_a_failed_run_leaves_no_unretrieved_failure():
    gc.collect()
    before = len(_unretrieved_failures())
    stack = MockStack()
    with pytest.raises(ValueError, match="refused alerts"):
        stack.run(_fail_inside_apply)
    stack.reset()
    assert len(_unretrieved_failures()) <= before
