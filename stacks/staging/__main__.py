"""Pulumi program of the staging stack: the shared wiring in ../service.py, configured by
Pulumi.staging.yaml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service import build

build()
