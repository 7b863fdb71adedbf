"""Items worker: import-queue messages become items in the items bucket and the table index."""

__version__ = "0.1.0"
