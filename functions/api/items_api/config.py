"""Function configuration, read from the environment once, at import.

A missing or invalid variable stops the function at cold start (the Lambda init phase reports it)
instead of failing the first request with a ``KeyError``. Before raising, one JSON line naming the
variables is written to stderr, so the reason is easy to find in CloudWatch Logs. What each
variable may hold is declared in ``contract.ENVIRONMENT`` and checked by ``items_core.envcheck``.
"""

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from items_api import contract
from items_core.envcheck import EnvError, read

LOG_LEVELS = contract.POWERTOOLS_LOG_LEVELS
DEFAULT_LOG_LEVEL = "INFO"


class ConfigError(RuntimeError):
    """The environment does not hold a usable configuration."""

    def __init__(self, missing: tuple[str, ...], invalid: dict[str, str]) -> None:
        self.missing = missing
        self.invalid = invalid
        super().__init__(f"items API configuration error: {EnvError(missing, invalid)}")


@dataclass(frozen=True)
class Settings:
    """The function's configuration."""

    bucket: str
    prefix: str
    environment: str
    service_name: str
    metrics_namespace: str
    log_level: str
    cursor_secret_arn: str
    cursor_key_max_age: int


def load_settings(environ: Mapping[str, str]) -> Settings:
    """Build the settings from ``environ``; raise ``ConfigError`` naming every problem at once."""
    try:
        values = read(contract.ENVIRONMENT, environ)
    except EnvError as exc:
        raise ConfigError(exc.missing, exc.invalid) from None
    return Settings(
        bucket=values[contract.ENV_BUCKET],
        prefix=values[contract.ENV_PREFIX],
        environment=values[contract.ENV_ENVIRONMENT],
        service_name=values[contract.ENV_SERVICE_NAME],
        metrics_namespace=values[contract.ENV_METRICS_NAMESPACE],
        log_level=values[contract.ENV_LOG_LEVEL],
        cursor_secret_arn=values[contract.ENV_CURSOR_SECRET_ARN],
        cursor_key_max_age=values[contract.ENV_CURSOR_KEY_MAX_AGE],
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
