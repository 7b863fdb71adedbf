"""The import pipeline end to end: the importer's and the worker's test helpers side by side."""

import sys
from pathlib import Path

FUNCTIONS = Path(__file__).resolve().parents[1]
for folder in (FUNCTIONS / "importer" / "tests", FUNCTIONS / "worker" / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
