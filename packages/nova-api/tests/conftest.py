"""The nova-api tests import their argument builders and rule cases from api_support/.

Only that folder goes on sys.path: this one holds a conftest.py, which must not shadow the
repository tests' own ``conftest`` module when both suites run in one session. Its module names
start with ``api_``, so they do not collide with the support modules of the other packages' tests.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "api_support"))
