"""Nova's security and reliability rules for Pulumi AWS programs: rules as data with pure checks,
a Pulumi policy pack, and checks over nova-testing recordings."""

import os
from collections.abc import Iterable
from typing import Any

from .__about__ import __version__
from .config import (
    DEFAULT_CONFIG_FILE,
    ConfigError,
    PolicyConfig,
    Suppression,
    load_config,
    parse_config,
)
from .engine import NP_01, Finding, Report, Undecided, check
from .model import UNKNOWN, Resource, Stack, UndecidableError
from .rule import Context, Level, Rule, Scanners, Scope, Severity
from .rules import RULES, RULES_BY_ID


def check_records(
    records: Iterable[Any], config: PolicyConfig | str | os.PathLike[str] | None = None
) -> Report:
    """Check resources recorded by nova-testing (a ``Recording`` or any iterable of records);
    ``config`` is a :class:`PolicyConfig` or the path of a config file. Component resources are
    skipped: the rules read what reaches AWS."""
    if isinstance(config, (str, os.PathLike)):
        config = load_config(config)
    resources = [Resource.from_record(r) for r in records if getattr(r, "custom", True)]
    return check(resources, config)


__all__ = [
    "DEFAULT_CONFIG_FILE",
    "NP_01",
    "RULES",
    "RULES_BY_ID",
    "UNKNOWN",
    "ConfigError",
    "Context",
    "Finding",
    "Level",
    "PolicyConfig",
    "Report",
    "Resource",
    "Rule",
    "Scanners",
    "Scope",
    "Severity",
    "Stack",
    "Suppression",
    "UndecidableError",
    "Undecided",
    "__version__",
    "check",
    "check_records",
    "load_config",
    "parse_config",
]
