"""Nova's security and reliability rules for Pulumi AWS programs: rules as data with pure checks,
a Pulumi policy pack, and checks over nova-testing recordings."""

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


def check_records(records: object, config: PolicyConfig | str | None = None) -> Report:
    """Check resources recorded by nova-testing (``Recording`` or any iterable of records);
    ``config`` is a :class:`PolicyConfig` or the path of a config file."""
    if isinstance(config, str):
        config = load_config(config)
    return check([Resource.from_record(r) for r in records], config)  # type: ignore[attr-defined]


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
