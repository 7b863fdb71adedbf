"""Pulumi program of the dev stack: the shared wiring in ../service.py, configured by
Pulumi.dev.yaml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service import build

build()
