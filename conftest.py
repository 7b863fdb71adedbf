"""Keeps `hatch run test` fast: coverage's tracer out of code it never measures, and the
garbage collector off what test collection built.

The fast loop measures Nova's packages with coverage's C tracer. On Python 3.11 an installed
tracer slows every Python function, measured or not: the interpreter leaves its specialising fast
path and reports each call to the tracer. Code coverage never measures (moto answering a boto3
call, botocore building a client, pulumi_aws defining a module's classes) ran two to four times
slower than without coverage. This file switches the tracer off for the current thread around
such work and back on after it:

- a module from outside the repository executes its import untraced (a module of the repository
  it imports in turn executes traced again);
- a boto3/botocore client call or client creation, and moto starting or stopping its mock, runs
  untraced: no repository code runs inside them (none registers a botocore or moto hook); so
  does Hypothesis's scan of the repository's sources for constants (it parses, never executes);
- the xdist controller stops measuring once its session starts: it runs no test, and everything
  it executed before that (the plugins' start-up) runs again in each measured worker.

What coverage records is the same with and without this file (same lines and branches); without
coverage's C tracer installed none of this changes anything.

After collection, the objects it created (about 400,000: modules, classes, test items) are moved
out of the garbage collector's reach (``gc.freeze``): they live until the end anyway, and every
full collection walked them again, 20 to 25 times per worker at a quarter of a second each.
"""

from __future__ import annotations

import functools
import gc
import importlib.abc
import os
import site
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Any

import coverage
import pytest

REPOSITORY = str(Path(__file__).resolve().parent)
_ENVIRONMENT = tuple({sys.prefix, sys.exec_prefix, sys.base_prefix})
_paused = threading.local()


def _coverage_tracer() -> Any:
    tracer = sys.gettrace()
    return tracer if type(tracer).__name__ == "CTracer" else None


@contextmanager
def untraced() -> Iterator[None]:
    """Run the block without coverage's tracer in this thread (nothing changes without it)."""
    tracer = _coverage_tracer()
    if tracer is None:
        yield
        return
    sys.settrace(None)
    _paused.tracer = tracer
    try:
        yield
    finally:
        _paused.tracer = None
        tracer.start()


@contextmanager
def traced() -> Iterator[None]:
    """Inside :func:`untraced`, run the block traced again."""
    tracer = getattr(_paused, "tracer", None)
    if tracer is None or sys.gettrace() is not None:
        yield
        return
    tracer.start()
    _paused.tracer = None
    try:
        yield
    finally:
        sys.settrace(None)
        _paused.tracer = tracer


def _untraced_call(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        with untraced():
            return function(*args, **kwargs)

    call.__nova_untraced__ = True  # type: ignore[attr-defined]
    return call


def _untrace(owner: Any, *names: str) -> None:
    """Make these functions of a class or module run untraced."""
    for name in names:
        function = getattr(owner, name)
        if not getattr(function, "__nova_untraced__", False):
            setattr(owner, name, _untraced_call(function))


_AFTER_IMPORT: dict[str, Callable[[ModuleType], None]] = {
    "botocore.client": lambda m: _untrace(m.BaseClient, "_make_api_call"),
    "botocore.session": lambda m: _untrace(m.Session, "create_client"),
    "boto3.session": lambda m: _untrace(m.Session, "__init__"),
    "moto.core.models": lambda m: _untrace(m.MockAWS, "start", "stop"),
    # Reads and parses the source of every module of the repository (it executes none).
    "hypothesis.internal.conjecture.providers": lambda m: _untrace(m, "_get_local_constants"),
}


class _Loader(importlib.abc.Loader):
    """Executes a module through its own loader, untraced (outside the repository) or traced."""

    def __init__(self, inner: Any, *, outside: bool) -> None:
        self.inner = inner
        self.outside = outside

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        with untraced() if self.outside else traced():
            self.inner.exec_module(module)
        after = _AFTER_IMPORT.get(module.__name__)
        if after is not None:
            after(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _outside_names() -> frozenset[str]:
    """Top-level names of the standard library and of what the environment's site-packages
    folders hold (Nova's packages are editable installs: their code is in this repository)."""
    installed: set[str] = set()
    for folder in site.getsitepackages():
        for entry in Path(folder).iterdir() if Path(folder).is_dir() else ():
            if entry.suffix not in (".pth", ".dist-info", ".egg-info", ".virtualenv"):
                installed.add(entry.name.partition(".")[0])
    return frozenset(installed | set(sys.stdlib_module_names))


def _is_outside(origin: str) -> bool:
    inside = origin.startswith(REPOSITORY + os.sep)
    return not inside or origin.startswith(_ENVIRONMENT)


class _Finder(importlib.abc.MetaPathFinder):
    """Finds a module through the other finders and wraps its loader when it must: modules of the
    standard library and installed distributions (under coverage), and any module imported while
    such a module's import runs untraced. Other modules are left to the other finders alone (so
    pytest's own import of test modules is untouched)."""

    def __init__(self) -> None:
        self.outside = _outside_names()

    def find_spec(self, name: str, path: Any, target: ModuleType | None = None) -> Any:
        paused = getattr(_paused, "tracer", None) is not None
        if name.partition(".")[0] in self.outside:
            if not paused and _coverage_tracer() is None:
                return None
        elif not paused:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is None:
                continue
            if spec.has_location and hasattr(spec.loader, "exec_module"):
                spec.loader = _Loader(spec.loader, outside=_is_outside(spec.origin or ""))
            return spec
        return None


def _install() -> None:
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
    for name, after in _AFTER_IMPORT.items():
        if name in sys.modules:
            after(sys.modules[name])


_install()


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """The xdist controller runs no test: stop measuring it (its workers measure themselves)."""
    config = session.config
    controller = config.pluginmanager.has_plugin("dsession") and not hasattr(config, "workerinput")
    if controller and _coverage_tracer() is not None:
        current = coverage.Coverage.current()
        if current is not None:
            current.stop()


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what collection built (see the module docstring); objects tests create later are
    collected as before."""
    gc.collect()
    gc.freeze()
