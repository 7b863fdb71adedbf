"""What a rule is: an ID, the scanner IDs it stands for, a severity, a check, a rationale, a fix."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .model import Resource, Stack

__all__ = ["Context", "Level", "Rule", "Scanners", "Scope", "Severity", "rule"]


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Level(str, Enum):
    """What a violation does: ``mandatory`` fails the check (and blocks ``pulumi up`` in the pack),
    ``advisory`` is reported only, ``disabled`` does not run the rule."""

    ADVISORY = "advisory"
    MANDATORY = "mandatory"
    DISABLED = "disabled"


class Scope(str, Enum):
    RESOURCE = "resource"
    """The rule reads only the resource's own inputs (a pack ``ResourceValidationPolicy``)."""
    STACK = "stack"
    """The rule also reads other resources (a pack ``StackValidationPolicy``)."""


@dataclass(frozen=True)
class Scanners:
    """The IDs other tools use for the same requirement (anchors for docs and suppressions)."""

    security_hub: tuple[str, ...] = ()
    cdk_nag: tuple[str, ...] = ()
    checkov: tuple[str, ...] = ()
    trivy: tuple[str, ...] = ()
    other: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        return (
            tuple(f"SH {i}" for i in self.security_hub)
            + self.cdk_nag
            + self.checkov
            + self.trivy
            + self.other
        )


@dataclass(frozen=True)
class Context:
    """What a check may read besides its resource: the whole program and the rule's options."""

    stack: Stack
    options: Mapping[str, Any] = field(default_factory=dict)


Check = Callable[[Resource, Context], Iterable[str]]


@dataclass(frozen=True)
class Rule:
    id: str
    """Nova's rule ID, e.g. ``S3-01`` (documented in RULES.md)."""
    title: str
    severity: Severity
    types: tuple[str, ...]
    """Resource types the rule checks (each resource of these types is checked on its own)."""
    check: Check
    """Yields one message per violation; nothing when the resource satisfies the rule."""
    scanners: Scanners
    rationale: str
    fix: str
    scope: Scope = Scope.RESOURCE
    level: Level = Level.MANDATORY
    """Default level; a config file changes it per rule."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """Options the config file may set, with their defaults."""

    def violations(
        self, resource: Resource, stack: Stack, options: Mapping[str, Any] | None = None
    ) -> list[str]:
        """The rule's messages for one resource (raises ``UndecidableError`` for unknown values)."""
        merged = {**self.options, **(options or {})}
        return list(self.check(resource, Context(stack, merged)))


def rule(
    id: str,
    title: str,
    *,
    severity: Severity,
    types: tuple[str, ...],
    scanners: Scanners,
    rationale: str,
    fix: str,
    scope: Scope = Scope.RESOURCE,
    level: Level = Level.MANDATORY,
    options: Mapping[str, Any] | None = None,
) -> Callable[[Check], Rule]:
    """Declare a rule: its data here, its check as the decorated function."""

    def make(check: Check) -> Rule:
        return Rule(
            id=id,
            title=title,
            severity=severity,
            types=types,
            check=check,
            scanners=scanners,
            rationale=rationale,
            fix=fix,
            scope=scope,
            level=level,
            options=dict(options or {}),
        )

    return make
