"""Shared fixtures of the cross-package tests: each stack is run once per session."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

from nova_testing import StackRun, run_stack

REPOSITORY = Path(__file__).resolve().parent.parent
STACKS_DIR = REPOSITORY / "stacks"
STACKS = ("dev", "staging", "prod")

sys.path.insert(0, str(Path(__file__).resolve().parent))


@cache
def stack_run(environment: str) -> StackRun:
    """The stack's program run offline with its real config (cached: runs are read-only)."""
    return run_stack(STACKS_DIR / environment, environment)


@pytest.fixture(params=STACKS)
def stack(request: pytest.FixtureRequest) -> StackRun:
    return stack_run(request.param)


def load_contract(function: str = "api"):
    """The contract of ``functions/<function>``, loaded the way the stacks load it."""
    sys.path.insert(0, str(STACKS_DIR))
    try:
        from contracts import load_contract as load
    finally:
        sys.path.remove(str(STACKS_DIR))
    return load(function)
