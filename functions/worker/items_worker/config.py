"""Function configuration, read from the environment once, at import (see items_api.config)."""

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from items_core.envcheck import EnvError, read
from items_worker import contract


class ConfigError(RuntimeError):
    """The environment does not hold a usable configuration."""

    def __init__(self, missing: tuple[str, ...], invalid: dict[str, str]) -> None:
        self.missing = missing
        self.invalid = invalid
        super().__init__(f"items worker configuration error: {EnvError(missing, invalid)}")


@dataclass(frozen=True)
class Settings:
    """The function's configuration."""

    bucket: str
    prefix: str
    table: str
    environment: str
    service_name: str
    metrics_namespace: str
    log_level: str


def load_settings(environ: Mapping[str, str]) -> Settings:
    """Build the settings from ``environ``; raise ``ConfigError`` naming every problem at once."""
    try:
        values = read(contract.ENVIRONMENT, environ)
    except EnvError as exc:
        raise ConfigError(exc.missing, exc.invalid) from None
    return Settings(
        bucket=values[contract.ENV_BUCKET],
        prefix=values[contract.ENV_PREFIX],
        table=values[contract.ENV_TABLE],
        environment=values[contract.ENV_ENVIRONMENT],
        service_name=values[contract.ENV_SERVICE_NAME],
        metrics_namespace=values[contract.ENV_METRICS_NAMESPACE],
        log_level=values[contract.ENV_LOG_LEVEL],
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
