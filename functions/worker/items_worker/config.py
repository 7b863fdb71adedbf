"""Function configuration, read from the environment once, at import (``items_core.settings``).

The worker reads only shared variables: the items bucket and prefix, the table, and what every
function reads.
"""

from dataclasses import dataclass

from items_core import settings
from items_core.settings import ConfigError
from items_worker import contract

__all__ = ["SETTINGS", "ConfigError", "Settings", "load_settings"]


@dataclass(frozen=True)
class Settings(settings.ItemsBucketSettings, settings.ItemsTableSettings):
    """The items bucket and prefix, the table, and what every function reads."""


load_settings = settings.reader(contract.ENVIRONMENT, Settings, "items worker")
SETTINGS = settings.load_at_import(load_settings, __name__)
