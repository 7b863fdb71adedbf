"""The nova-policy tests import their builders and rule cases from policy_support/.

Only that folder goes on sys.path: this one holds a conftest.py, which must not shadow the
repository tests' own ``conftest`` module when both suites run in one session.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "policy_support"))
