"""Function configuration, read from the environment once, at import.

A missing or invalid variable stops the function at cold start (the Lambda init phase reports it)
instead of failing the first request with a ``KeyError``. Before raising, one JSON line naming the
variables is written to stderr, so the reason is easy to find in CloudWatch Logs.
"""

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from items_api import contract

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DEFAULT_LOG_LEVEL = "INFO"


class ConfigError(RuntimeError):
    """The environment does not hold a usable configuration."""

    def __init__(self, missing: tuple[str, ...], invalid: dict[str, str]) -> None:
        self.missing = missing
        self.invalid = invalid
        parts = []
        if missing:
            parts.append(f"missing or empty environment variable(s): {', '.join(missing)}")
        parts.extend(f"invalid {name}: {reason}" for name, reason in invalid.items())
        super().__init__("items API configuration error: " + "; ".join(parts))


@dataclass(frozen=True)
class Settings:
    """The function's configuration."""

    bucket: str
    prefix: str
    environment: str
    service_name: str
    metrics_namespace: str
    log_level: str


def load_settings(environ: Mapping[str, str]) -> Settings:
    """Build the settings from ``environ``; raise ``ConfigError`` naming every problem at once."""
    values = {name: environ.get(name, "").strip() for name in contract.REQUIRED_ENV}
    missing = tuple(name for name, value in values.items() if not value)

    invalid: dict[str, str] = {}
    log_level = environ.get(contract.ENV_LOG_LEVEL, "").strip().upper() or DEFAULT_LOG_LEVEL
    if log_level not in LOG_LEVELS:
        invalid[contract.ENV_LOG_LEVEL] = f"{log_level!r} is not one of {', '.join(LOG_LEVELS)}"

    if missing or invalid:
        raise ConfigError(missing, invalid)
    return Settings(
        bucket=values[contract.ENV_BUCKET],
        prefix=values[contract.ENV_PREFIX],
        environment=values[contract.ENV_ENVIRONMENT],
        service_name=values[contract.ENV_SERVICE_NAME],
        metrics_namespace=values[contract.ENV_METRICS_NAMESPACE],
        log_level=log_level,
    )


def _load_at_import() -> Settings:
    try:
        return load_settings(os.environ)
    except ConfigError as exc:
        line = {
            "level": "ERROR",
            "location": __name__,
            "message": str(exc),
            "missing_env": list(exc.missing),
            "invalid_env": sorted(exc.invalid),
        }
        sys.stderr.write(json.dumps(line) + "\n")
        sys.stderr.flush()
        raise


SETTINGS = _load_at_import()
