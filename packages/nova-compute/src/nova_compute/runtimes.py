"""Lambda runtime lifecycle: the supported runtimes and their deprecation dates, kept as data.

The table lives in ``runtimes.json`` next to this module so it can be refreshed without touching
code. :func:`check_runtime` judges a runtime on a given day; the day defaults to :func:`today`,
which tests (and anyone evaluating a program "as of" another date) can replace::

    monkeypatch.setattr(nova_compute.runtimes, "today", lambda: datetime.date(2027, 7, 1))
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

__all__ = [
    "DEFAULT_RUNTIME",
    "WARN_BEFORE_DEPRECATION_DAYS",
    "RuntimeInfo",
    "RuntimeStatus",
    "check_runtime",
    "runtime_info",
    "supported_runtimes",
    "today",
]

DEFAULT_RUNTIME = "python3.13"
"""The runtime a ``Function`` gets when none is given."""

WARN_BEFORE_DEPRECATION_DAYS = 182
"""A runtime whose deprecation is closer than this (about six months) draws a warning."""


@dataclass(frozen=True)
class RuntimeInfo:
    """One row of the lifecycle table."""

    name: str
    family: str
    """``python``, ``nodejs``, ``provided``, ``java``, ``dotnet``, ``ruby`` or ``go``."""
    os: str
    """Amazon Linux generation of the execution environment: ``al2023``, ``al2`` or ``al1``."""
    glibc: str | None
    """glibc version of that environment (decides which manylinux wheels run there)."""
    deprecation: datetime.date | None
    block_create: datetime.date | None
    block_update: datetime.date | None
    replacement: str | None
    """The runtime to move to."""

    @property
    def python_version(self) -> str | None:
        """``"3.13"`` for ``python3.13``; ``None`` for other families."""
        if self.family != "python":
            return None
        return self.name.removeprefix("python")


@dataclass(frozen=True)
class RuntimeStatus:
    """The verdict of :func:`check_runtime`."""

    runtime: str
    level: Literal["ok", "warning", "error"]
    message: str
    """Empty when ``level`` is ``ok``; otherwise names the date and the replacement."""


def today() -> datetime.date:
    """The date runtime lifecycle checks are made against (UTC). Replace it in tests."""
    return datetime.datetime.now(datetime.UTC).date()


def _date(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


@cache
def _table() -> dict[str, RuntimeInfo]:
    raw = json.loads(resources.files(__package__).joinpath("runtimes.json").read_text("utf-8"))
    return {
        name: RuntimeInfo(
            name=name,
            family=row["family"],
            os=row["os"],
            glibc=row["glibc"],
            deprecation=_date(row["deprecation"]),
            block_create=_date(row["block_create"]),
            block_update=_date(row["block_update"]),
            replacement=row["replacement"],
        )
        for name, row in raw["runtimes"].items()
    }


def supported_runtimes(on: datetime.date | None = None) -> list[str]:
    """Runtimes that are neither deprecated nor blocked on ``on`` (default :func:`today`)."""
    return sorted(name for name in _table() if check_runtime(name, on).level != "error")


def runtime_info(runtime: str) -> RuntimeInfo | None:
    """The lifecycle row of ``runtime``, or ``None`` when the table does not know it."""
    return _table().get(runtime)


def check_runtime(runtime: str, on: datetime.date | None = None) -> RuntimeStatus:
    """Judge ``runtime`` on day ``on`` (default :func:`today`).

    * error: unknown runtime, or ``on`` is on/after its deprecation date or its block-create
      date (Lambda stops patching it, then refuses to create functions with it);
    * warning: deprecation is less than :data:`WARN_BEFORE_DEPRECATION_DAYS` days away;
    * ok otherwise (including runtimes with no published dates).
    """
    day = on if on is not None else today()
    info = _table().get(runtime)
    if info is None:
        return RuntimeStatus(
            runtime,
            "error",
            f"'{runtime}' is not a Lambda runtime this package knows "
            f"(known: {', '.join(sorted(_table()))})",
        )
    instead = f"use {info.replacement}" if info.replacement else "use a supported runtime"
    if info.block_create is not None and day >= info.block_create:
        return RuntimeStatus(
            runtime,
            "error",
            f"Lambda blocks creating functions on {runtime} since {info.block_create.isoformat()} "
            f"(deprecated {info.deprecation.isoformat() if info.deprecation else 'earlier'}); "
            f"{instead}",
        )
    if info.deprecation is not None and day >= info.deprecation:
        return RuntimeStatus(
            runtime,
            "error",
            f"{runtime} is deprecated since {info.deprecation.isoformat()} (no more security "
            f"patches; creation blocked from "
            f"{info.block_create.isoformat() if info.block_create else 'any day now'}); {instead}",
        )
    if info.deprecation is not None and (info.deprecation - day).days < (
        WARN_BEFORE_DEPRECATION_DAYS
    ):
        return RuntimeStatus(
            runtime,
            "warning",
            f"{runtime} is deprecated on {info.deprecation.isoformat()} "
            f"({(info.deprecation - day).days} days from now); plan to {instead}",
        )
    return RuntimeStatus(runtime, "ok", "")
