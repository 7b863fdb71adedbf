"""Version of the nova-observability distribution (read by hatch)."""

__version__ = "0.2.0"
