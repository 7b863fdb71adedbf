"""The nova-observability tests import their queue and table stand-ins from observability_support/.

Only that folder goes on sys.path: this one holds a conftest.py, which must not shadow the
repository tests' own ``conftest`` module when both suites run in one session. Its module names
start with ``observability_``, so they do not collide with the support modules of the other
packages' tests.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "observability_support"))
