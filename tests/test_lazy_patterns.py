"""Every rule pattern of the component packages is a valid regular expression, and importing every
module of a package compiles none of them (they compile when a check first uses them)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from nova_core.patterns import LazyPattern

PACKAGES = (
    "nova_core",
    "nova_storage",
    "nova_compute",
    "nova_api",
    "nova_messaging",
    "nova_observability",
)


def _modules() -> Iterator[Any]:
    for package in PACKAGES:
        root = importlib.import_module(package)
        yield root
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            yield importlib.import_module(info.name)


def _patterns(value: Any, depth: int = 0) -> Iterator[LazyPattern]:
    """Lazy patterns held by a module-level value, in containers and records two levels deep."""
    if isinstance(value, LazyPattern):
        yield value
    elif depth < 2 and isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _patterns(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns(item, depth + 1)
    elif depth < 2 and hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        for name in value.__dataclass_fields__:
            yield from _patterns(getattr(value, name), depth + 1)


def _all_patterns() -> dict[str, LazyPattern]:
    found: dict[str, LazyPattern] = {}
    for module in _modules():
        for name, value in vars(module).items():
            for pattern in _patterns(value):
                found.setdefault(f"{module.__name__}.{name}:{pattern.pattern}", pattern)
    return found


def test_every_rule_pattern_compiles() -> None:
    patterns = _all_patterns()
    # The rule modules hold about eighty; far fewer means the search above stopped finding them.
    assert len(patterns) >= 60, sorted(patterns)
    for where, pattern in patterns.items():
        assert pattern.compiled.pattern == pattern.pattern, where


@pytest.mark.parametrize("package", PACKAGES)
def test_importing_every_module_compiles_none_of_the_patterns(package: str) -> None:
    script = f"""
import importlib, json, pkgutil, sys
from nova_core.patterns import LazyPattern
root = importlib.import_module({package!r})
names = [root.__name__] + [i.name for i in pkgutil.walk_packages(root.__path__, root.__name__ + ".")]
lazy = compiled = 0
for name in names:
    module = importlib.import_module(name)
    for value in vars(module).values():
        if isinstance(value, LazyPattern):
            lazy += 1
            compiled += value._compiled is not None
print(json.dumps([lazy, compiled]))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    lazy, compiled = json.loads(result.stdout.splitlines()[-1])
    assert lazy > 0
    assert compiled == 0
