"""Args -> frozen plans; the only place defaults live."""
