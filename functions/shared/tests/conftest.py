"""Puts ``functions/shared`` on ``sys.path``: ``items_core`` ships inside each function's zip."""

import sys
from pathlib import Path

SHARED_ROOT = Path(__file__).resolve().parents[1]
if str(SHARED_ROOT) not in sys.path:
    sys.path.insert(0, str(SHARED_ROOT))
