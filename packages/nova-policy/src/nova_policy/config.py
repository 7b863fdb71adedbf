"""The config file: levels, options and suppressions per rule, in Pulumi's policy config format.

One JSON file serves all three entry points: ``pulumi preview --policy-pack-config``, a
nova-testing recording's ``check_rules(config=...)`` and ``nova-preview --check``::

    {
      "all": "mandatory",
      "DDB-02": "mandatory",
      "A-02": {"public_routes": ["GET /health"]},
      "L-03": {
        "enforcementLevel": "advisory",
        "suppress": [{"resource": "legacy-*", "reason": "vendored code, traced upstream"}]
      }
    }

A key is a rule ID (or ``all``); a value is a level (``mandatory``, ``advisory``, ``disabled``)
or an object with ``enforcementLevel``, the rule's options and ``suppress``. A suppression names a
resource by logical name or URN, as a glob (``*``, ``?``), and must give a ``reason``: one without
a reason suppresses nothing and is itself a violation (NP-01).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from .model import Resource
from .rule import Level, Rule

__all__ = [
    "DEFAULT_CONFIG_FILE",
    "ConfigError",
    "PolicyConfig",
    "Suppression",
    "load_config",
    "parse_config",
]

DEFAULT_CONFIG_FILE = "nova-policy.json"
SUPPRESS_KEY = "suppress"
LEVEL_KEY = "enforcementLevel"
_LEVELS = {"advisory": Level.ADVISORY, "mandatory": Level.MANDATORY, "disabled": Level.DISABLED}
_LEVELS["remediate"] = Level.MANDATORY  # nothing to remediate: a violation stays a violation


class ConfigError(ValueError):
    """The config file names an unknown rule or option, or has a malformed value."""


@dataclass(frozen=True)
class Suppression:
    rule: str
    resource: str
    """Logical name or URN, as a glob."""
    reason: str

    def matches(self, resource: Resource) -> bool:
        return fnmatchcase(resource.name, self.resource) or fnmatchcase(resource.urn, self.resource)

    def describe(self) -> str:
        return f"{self.rule} for {self.resource!r}"


@dataclass(frozen=True)
class PolicyConfig:
    levels: Mapping[str, Level] = field(default_factory=dict)
    """Levels set in the file, by rule ID (``all`` for every rule)."""
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    suppressions: tuple[Suppression, ...] = ()
    source: str | None = None

    def level(self, rule: Rule) -> Level:
        return self.levels.get(rule.id, self.levels.get("all", rule.level))

    def options_for(self, rule: Rule) -> dict[str, Any]:
        return {**rule.options, **self.options.get(rule.id, {})}

    def suppressions_for(self, rule_id: str) -> list[Suppression]:
        return [s for s in self.suppressions if s.rule == rule_id]


def _level(rule_id: str, value: Any) -> Level:
    level = _LEVELS.get(str(value).lower()) if isinstance(value, str) else None
    if level is None:
        raise ConfigError(
            f"{rule_id}: enforcement level {value!r} is not one of advisory, mandatory, disabled"
        )
    return level


def parse_suppressions(rule_id: str, entries: Any) -> list[Suppression]:
    """The ``suppress`` list of one rule's config (a reason may be missing: see NP-01)."""
    if not isinstance(entries, list):
        raise ConfigError(f"{rule_id}: 'suppress' must be a list of {{resource, reason}} objects")
    found = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("resource"), str):
            raise ConfigError(
                f"{rule_id}: suppress[{index}] must be an object with a 'resource' name or URN "
                "glob and a 'reason'"
            )
        unknown = set(entry) - {"resource", "reason"}
        if unknown:
            raise ConfigError(f"{rule_id}: suppress[{index}] has unknown keys {sorted(unknown)}")
        reason = entry.get("reason")
        found.append(
            Suppression(
                rule_id, entry["resource"], reason.strip() if isinstance(reason, str) else ""
            )
        )
    return found


def parse_config(
    data: Mapping[str, Any], rules: Mapping[str, Rule] | None = None, source: str | None = None
) -> PolicyConfig:
    """Read a config mapping (Pulumi's policy pack config format); unknown rules are errors."""
    if rules is None:
        from nova_policy.rules import RULES_BY_ID  # noqa: PLC0415 - avoids an import cycle

        rules = RULES_BY_ID
    if not isinstance(data, Mapping):
        raise ConfigError("the config must be a JSON object keyed by rule ID")
    levels: dict[str, Level] = {}
    options: dict[str, dict[str, Any]] = {}
    suppressions: list[Suppression] = []
    for rule_id, value in data.items():
        if rule_id != "all" and rule_id not in rules:
            raise ConfigError(f"unknown rule {rule_id!r}; the rule IDs are listed in RULES.md")
        if not isinstance(value, Mapping):
            levels[rule_id] = _level(rule_id, value)
            continue
        if LEVEL_KEY in value:
            levels[rule_id] = _level(rule_id, value[LEVEL_KEY])
        if SUPPRESS_KEY in value:
            if rule_id == "all":
                raise ConfigError("all: suppress per rule, not for every rule at once")
            suppressions.extend(parse_suppressions(rule_id, value[SUPPRESS_KEY]))
        extra = {k: v for k, v in value.items() if k not in (LEVEL_KEY, SUPPRESS_KEY)}
        if extra:
            valid = set(rules[rule_id].options) if rule_id in rules else set()
            unknown = set(extra) - valid
            if unknown:
                raise ConfigError(
                    f"{rule_id}: unknown options {sorted(unknown)} "
                    f"(options: {sorted(valid) or 'none'})"
                )
            options[rule_id] = extra
    return PolicyConfig(levels, options, tuple(suppressions), source)


def load_config(path: str | os.PathLike[str]) -> PolicyConfig:
    """Read a config file (JSON, the format of ``pulumi preview --policy-pack-config``)."""
    file = Path(path)
    try:
        data = json.loads(file.read_text())
    except FileNotFoundError as error:
        raise ConfigError(f"{file}: no such config file") from error
    except ValueError as error:
        raise ConfigError(f"{file}: not valid JSON: {error}") from error
    try:
        return parse_config(data, source=str(file))
    except ConfigError as error:
        raise ConfigError(f"{file}: {error}") from error
