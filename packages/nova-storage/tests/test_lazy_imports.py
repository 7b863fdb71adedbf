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


LOADS = """
import json, sys
import nova_storage
watched = ("nova_storage._plan.table", "nova_storage._plan.secret", "nova_storage._access",
    "nova_storage.references", "nova_storage._table_policies", "nova_storage._secret_policies",
    "nova_storage._rules.table_keys", "nova_storage._rules.secret")
before = sorted(m for m in sys.modules if m in watched)
from nova_storage import TableReference, TABLE_READ_ACTIONS
after = sorted(m for m in sys.modules if m in watched)
print(json.dumps({"before": before, "after": after, "read": list(TABLE_READ_ACTIONS)}))
"""


def test_table_and_secret_plans_rules_and_references_load_on_first_use():
    out = subprocess.run(
        [sys.executable, "-c", LOADS], capture_output=True, text=True, check=True
    ).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["before"] == []
    assert "nova_storage.references" in seen["after"]
    assert "nova_storage._plan.table" in seen["after"]
    assert "dynamodb:GetItem" in seen["read"]


def test_every_public_name_resolves():
    for name in nova_storage.__all__:
        assert getattr(nova_storage, name) is not None, name
    assert nova_storage.TableReference.__module__ == "nova_storage.references"
    assert nova_storage.BILLING_MODE == "PAY_PER_REQUEST"
    assert set(nova_storage.__all__) <= set(dir(nova_storage))
    # Every name loaded on first use is public (the three lists in __init__ agree).
    assert set(nova_storage._LAZY) <= set(nova_storage.__all__)
