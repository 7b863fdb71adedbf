"""Items importer: JSON-lines files dropped in the uploads bucket become items on the queue."""

__version__ = "0.1.0"
