"""The import pipeline end to end: the importer's and the worker's test helpers side by side.

The helpers are imported by path under their own names (their folders hold conftest.py files,
so they never go on ``sys.path``).
"""

import importlib.util
import sys
from pathlib import Path

FUNCTIONS = Path(__file__).resolve().parents[1]

for helper in (
    FUNCTIONS / "importer" / "tests" / "importer_testing.py",
    FUNCTIONS / "worker" / "tests" / "worker_testing.py",
):
    if helper.stem not in sys.modules:
        spec = importlib.util.spec_from_file_location(helper.stem, helper)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[helper.stem] = module
        spec.loader.exec_module(module)
