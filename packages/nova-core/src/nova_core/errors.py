"""One error type and one message format for every Nova component.

Every message reads the same way, whichever package raises it::

    nova-storage Bucket 'data': argument 'tags["env"]' is 'a|b': tag values may only use
    letters, digits, spaces and _ . : / = + - @ (AWS tagging rules). Fix: remove the '|'.

component type and instance name, the argument path, the value (shortened), the rule with its AWS
source, and the fix. Paths use ``.`` for fixed keys (``consumer.batch_size``), ``[i]`` for list
positions (``lifecycle_rules[0]``) and ``["key"]`` for keys the caller chose (``tags["env"]``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["NovaInputError", "at", "field", "show"]

MAX_SHOWN = 160
"""Characters of a value shown in a message before it is shortened."""


def _is_plain(value: Any) -> bool:
    # Local copy of values.is_plain to keep this module free of the pulumi import.
    return not (hasattr(value, "apply") and hasattr(value, "future")) and not hasattr(
        value, "__await__"
    )


def show(value: Any, *, limit: int = MAX_SHOWN) -> str:
    """A short, stable rendering of ``value`` for a message (``<output>`` for unknown values)."""
    if not _is_plain(value):
        return "<output>"
    if isinstance(value, Mapping | list | tuple):
        try:
            text = json.dumps(value, default=lambda v: "<output>" if not _is_plain(v) else repr(v))
        except (TypeError, ValueError):
            text = repr(value)
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def field(path: str, key: str) -> str:
    """The path of a fixed key below ``path``: ``field("consumer", "batch_size")``."""
    return f"{path}.{key}" if path else key


def at(path: str, key: str | int) -> str:
    """The path of a list position or a caller-chosen key: ``tags["env"]``, ``rules[0]``."""
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    return f"{path}[{json.dumps(str(key))}]"


class NovaInputError(ValueError):
    """A component argument broke a rule. Raised before any resource of the component registers.

    The attributes keep each part of the message so tests and tools can read them without parsing.
    ``deferred`` is ``True`` when the value was an ``Output`` and the check ran once it resolved.
    """

    def __init__(
        self,
        component: str,
        name: str,
        argument: str,
        value: Any,
        rule: str,
        fix: str,
        *,
        source: str | None = None,
        shown: str | None = None,
        deferred: bool = False,
    ) -> None:
        self.component = component
        self.name = name
        self.argument = argument
        self.value = value
        self.rule = rule.rstrip(". ")
        self.fix = fix.rstrip(". ")
        self.source = source
        self.shown = shown if shown is not None else show(value)
        self.deferred = deferred
        super().__init__(self.message)

    @property
    def message(self) -> str:
        rule = f"{self.rule} ({self.source})" if self.source else self.rule
        when = " (checked when the Output resolved)" if self.deferred else ""
        return (
            f"{self.component} '{self.name}': argument '{self.argument}' is {self.shown}{when}: "
            f"{rule}. Fix: {self.fix}."
        )

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (
                self.component,
                self.name,
                self.argument,
                self.value,
                self.rule,
                self.fix,
                self.source,
                self.shown,
                self.deferred,
            ),
        )


def _rebuild(*parts: Any) -> NovaInputError:
    component, name, argument, value, rule, fix, source, shown, deferred = parts
    return NovaInputError(
        component, name, argument, value, rule, fix, source=source, shown=shown, deferred=deferred
    )
