"""``import nova_storage`` loads the Table and Secret components only when a program uses them."""

import json
import subprocess
import sys

import nova_storage

PROBE = """
import json, sys
import nova_storage
before = sorted(m for m in sys.modules if m.startswith(("pulumi_aws.dynamodb.",
    "pulumi_aws.secretsmanager.", "pulumi_random", "nova_storage.table", "nova_storage.secret")))
from nova_storage import Secret, Table
after = sorted(m for m in sys.modules if m.startswith(("nova_storage.table", "nova_storage.secret")))
print(json.dumps({"before": before, "after": after, "names": [Table.__name__, Secret.__name__]}))
"""


def test_table_and_secret_load_on_first_use():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["before"] == []
    assert seen["after"] == ["nova_storage.secret", "nova_storage.table"]
    assert seen["names"] == ["Table", "Secret"]


def test_every_public_name_resolves():
    for name in nova_storage.__all__:
        assert getattr(nova_storage, name) is not None, name
    assert set(nova_storage.__all__) <= set(dir(nova_storage))
