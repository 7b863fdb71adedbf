"""Read a function's settings once, at import, from the environment its contract declares.

Each function's ``config`` module declares its ``Settings`` (a frozen dataclass extending
``BaseSettings`` and the blocks of shared variables it reads, as its contract's ``ENVIRONMENT``
does), makes its ``load_settings`` with ``reader`` and calls ``load_at_import``. A missing or
invalid variable stops the function at cold start (the Lambda init phase reports it) instead of
failing the first request with a ``KeyError``; before raising, one JSON line naming the
variables is written to stderr, so the reason is easy to find in CloudWatch Logs.
"""

import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from items_core.envcheck import EnvError, read


@dataclass(frozen=True)
class BaseSettings:
    """What every function reads (``items_core.environment.runtime``)."""

    environment: str
    service_name: str
    metrics_namespace: str
    log_level: str


@dataclass(frozen=True)
class ItemsBucketSettings(BaseSettings):
    """Where the items are stored (``items_core.environment.items_bucket``)."""

    bucket: str
    prefix: str


@dataclass(frozen=True)
class ItemsTableSettings(BaseSettings):
    """The items table (``items_core.environment.items_table``)."""

    table: str


class ConfigError(RuntimeError):
    """The environment does not hold a usable configuration."""

    def __init__(
        self, missing: tuple[str, ...], invalid: dict[str, str], function: str = "items function"
    ) -> None:
        self.missing = missing
        self.invalid = invalid
        self.function = function
        super().__init__(f"{function} configuration error: {EnvError(missing, invalid)}")


SettingsT = TypeVar("SettingsT", bound=BaseSettings)


def load(
    specs: Mapping[str, Mapping[str, Any]],
    settings_type: type[SettingsT],
    function: str,
    environ: Mapping[str, str],
) -> SettingsT:
    """``settings_type`` built from ``environ`` checked against ``specs`` (each spec's
    ``setting`` names the attribute); raise ``ConfigError`` naming ``function`` and every
    problem at once."""
    try:
        values = read(specs, environ)
    except EnvError as exc:
        raise ConfigError(exc.missing, exc.invalid, function) from None
    return settings_type(**{spec["setting"]: values[name] for name, spec in specs.items()})


def reader(
    specs: Mapping[str, Mapping[str, Any]], settings_type: type[SettingsT], function: str
) -> Callable[[Mapping[str, str]], SettingsT]:
    """The ``load_settings(environ)`` of a function: ``load`` with these arguments."""

    def load_settings(environ: Mapping[str, str]) -> SettingsT:
        """Build the settings from ``environ``; raise ``ConfigError`` naming every problem."""
        return load(specs, settings_type, function, environ)

    return load_settings


def load_at_import(loader: Callable[[Mapping[str, str]], SettingsT], location: str) -> SettingsT:
    """``loader(os.environ)``; on ``ConfigError`` write one JSON line to stderr, then raise."""
    try:
        return loader(os.environ)
    except ConfigError as exc:
        line = {
            "level": "ERROR",
            "location": location,
            "message": str(exc),
            "missing_env": list(exc.missing),
            "invalid_env": sorted(exc.invalid),
        }
        sys.stderr.write(json.dumps(line) + "\n")
        sys.stderr.flush()
        raise
