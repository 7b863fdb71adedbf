"""Function configuration, read from the environment once, at import (``items_core.settings``)."""

from dataclasses import dataclass

from items_core import settings
from items_core.settings import ConfigError
from items_importer import contract

__all__ = ["SETTINGS", "ConfigError", "Settings", "load_settings"]


@dataclass(frozen=True)
class Settings(settings.ItemsTableSettings):
    """The importer's own settings, besides the table and what every function reads."""

    queue_url: str
    import_prefix: str
    max_import_bytes: int
    record_ttl_days: int
    queue_max_message_bytes: int


load_settings = settings.reader(contract.ENVIRONMENT, Settings, "items importer")
SETTINGS = settings.load_at_import(load_settings, __name__)
