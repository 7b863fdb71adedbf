"""The Pulumi versions nova-testing is tested on, checked when it is imported.

The mock runtime reaches into Pulumi internals that carry no compatibility promise
(``pulumi.runtime.sync_await._sync_await``, ``pulumi.runtime.settings.ROOT``,
``SETTINGS.rpc_manager``, ``SETTINGS.outputs``, ``MockMonitor``,
``pulumi.runtime.resource._get_stack_trace``). So the dependency pins the
Pulumi releases the test kit was tested on, and importing it under another Pulumi fails at once
with a message saying what to do, rather than later with an ``AttributeError`` deep in a test.
"""

from __future__ import annotations

import re
from importlib import metadata

__all__ = ["TESTED_PULUMI", "UnsupportedPulumiError", "check_pulumi"]

TESTED_PULUMI = ("3.272.0", "3.273.0")
"""Lowest tested Pulumi version (inclusive) and the first untested one (exclusive)."""


class UnsupportedPulumiError(ImportError):
    """nova-testing was imported with a Pulumi it was not tested on."""


def _parts(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version)[:3])


def check_pulumi(version: str | None = None) -> str:
    """Raise :class:`UnsupportedPulumiError` unless ``version`` (default: the installed Pulumi)
    is one nova-testing was tested on, and its internals are where the kit expects them."""
    found = version or metadata.version("pulumi")
    low, high = TESTED_PULUMI
    problem = None
    if not _parts(low) <= _parts(found) < _parts(high):
        problem = f"it was tested on pulumi >={low},<{high}, and pulumi {found} is installed"
    else:
        from pulumi.runtime import resource, settings, sync_await  # noqa: PLC0415

        missing = [
            name
            for name, holder, attribute in (
                ("pulumi.runtime.sync_await._sync_await", sync_await, "_sync_await"),
                ("pulumi.runtime.resource._get_stack_trace", resource, "_get_stack_trace"),
                ("pulumi.runtime.settings.ROOT", settings, "ROOT"),
                ("pulumi.runtime.settings.SETTINGS", settings, "SETTINGS"),
            )
            if not hasattr(holder, attribute)
        ]
        if missing:
            problem = f"pulumi {found} lacks the internals it uses: {', '.join(missing)}"
    if problem:
        raise UnsupportedPulumiError(
            f"nova-testing cannot run its mock runtime: {problem}. Fix: install the Pulumi it "
            f"pins (pip install 'pulumi>={low},<{high}'), or a nova-testing release made for "
            f"pulumi {found}."
        )
    return found
