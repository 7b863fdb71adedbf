"""Pure checks, one concern per file."""
