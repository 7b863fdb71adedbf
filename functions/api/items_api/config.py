"""Function configuration, read from the environment once, at import.

A missing or invalid variable stops the function at cold start with ``ConfigError`` and one JSON
line on stderr naming the variables (``items_core.settings``). What each variable may hold is
declared in ``contract.ENVIRONMENT`` and checked by ``items_core.envcheck``.
"""

from dataclasses import dataclass

from items_api import contract
from items_core import settings
from items_core.settings import ConfigError

__all__ = ["SETTINGS", "ConfigError", "Settings", "load_settings"]


@dataclass(frozen=True)
class Settings(settings.ItemsBucketSettings, settings.ItemsTableSettings):
    """The function's configuration (``contract.ENVIRONMENT`` names each variable's setting)."""

    cursor_secret_arn: str
    cursor_key_max_age: int


load_settings = settings.reader(contract.ENVIRONMENT, Settings, "items API")
SETTINGS = settings.load_at_import(load_settings, __name__)
