"""Every Table rule fails before registration: one failing input per rule (B.7, DDB-01..DDB-10).

Each case names the argument path, a piece of the rule and a piece of the fix, and the run must
leave zero registered resources (not even the component).
"""

import pulumi
import pytest

from nova_core import NovaInputError
from nova_storage import Table

PK = {"name": "id", "type": "S"}
SK = {"name": "ts", "type": "N"}
KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def gsi(name="kind", kind="S", **extra):
    return {"partition_key": {"name": name, "type": kind}, **extra}


CASES = [
    # names (B.7 TableName / IndexName)
    ("table-name-too-short", {"table_name": "ab"}, "table_name", "at least 3", "longer"),
    ("table-name-too-long", {"table_name": "t" * 256}, "table_name", "at most 255", "shorten"),
    ("table-name-charset", {"table_name": "my table"}, "table_name", "letters, digits", "replace"),
    ("logical-name-cannot-auto-name", {}, "name", "<name>-table-<7 random", "table_name"),
    (
        "index-name-charset",
        {"global_indexes": {"by kind": gsi()}},
        'global_indexes["by kind"] (name)',
        "index names may only use",
        "replace",
    ),
    (
        "index-name-too-short",
        {"global_indexes": {"ix": gsi()}},
        'global_indexes["ix"] (name)',
        "at least 3",
        "longer",
    ),
    # keys
    (
        "partition-key-missing",
        {"partition_key": None},
        "partition_key",
        "needs a partition key",
        "partition_key=",
    ),
    (
        "key-type-not-s-n-b",
        {"partition_key": {"name": "id", "type": "BOOL"}},
        "partition_key.type",
        "one of 'S', 'N', 'B'",
        "use one of",
    ),
    (
        "key-without-type",
        {"partition_key": {"name": "id"}},
        "partition_key.type",
        "needs a type",
        '"type": "S"',
    ),
    (
        "key-unknown-part",
        {"partition_key": {"name": "id", "type": "S", "kind": "HASH"}},
        "partition_key.kind",
        "not a known key",
        "known keys: name, type",
    ),
    (
        "key-name-too-long",
        {"partition_key": {"name": "a" * 256, "type": "S"}},
        "partition_key.name",
        "at most 255",
        "shorten",
    ),
    (
        "key-name-output",
        lambda: {"partition_key": {"name": pulumi.Output.from_input("id"), "type": "S"}},
        "partition_key.name",
        "not an Output",
        "plain value",
    ),
    (
        "sort-key-equals-partition-key",
        {"sort_key": {"name": "id", "type": "S"}},
        "sort_key.name",
        "another attribute",
        "different attribute",
    ),
    (
        "attribute-given-two-types",
        {"sort_key": SK, "global_indexes": {"by-ts": gsi("ts", "S")}},
        'global_indexes["by-ts"].partition_key.type',
        "already a key of type 'N' at sort_key",
        "use type 'N'",
    ),
    (
        "unknown-argument",
        {"partition_keys": PK},
        "partition_keys",
        "not a known key",
        "did you mean 'partition_key'?",
    ),
    # indexes
    (
        "more-than-20-global-indexes",
        {"global_indexes": {f"index-{i:02}": gsi() for i in range(21)}},
        "global_indexes",
        "at most 20 global",
        "quota",
    ),
    (
        "more-than-5-local-indexes",
        {
            "sort_key": SK,
            "local_indexes": {
                f"local-{i}": {"sort_key": {"name": f"a{i}", "type": "S"}} for i in range(6)
            },
        },
        "local_indexes",
        "at most 5 local",
        "global ones",
    ),
    (
        "local-index-without-table-sort-key",
        {"local_indexes": {"by-owner": {"sort_key": {"name": "owner", "type": "S"}}}},
        'local_indexes["by-owner"]',
        "need a table with a sort key",
        "add sort_key",
    ),
    (
        "local-index-without-sort-key",
        {"sort_key": SK, "local_indexes": {"by-owner": {}}},
        'local_indexes["by-owner"].sort_key',
        "own sort key",
        '"sort_key"',
    ),
    (
        "local-index-with-partition-key",
        {"sort_key": SK, "local_indexes": {"by-owner": gsi(sort_key={"name": "o", "type": "S"})}},
        'local_indexes["by-owner"].partition_key',
        "not a known key",
        "known keys: sort_key, projection",
    ),
    (
        "global-index-without-partition-key",
        {"global_indexes": {"by-kind": {"sort_key": SK}}},
        'global_indexes["by-kind"].partition_key',
        "needs a partition key",
        '"partition_key"',
    ),
    (
        "duplicate-index-name",
        {
            "sort_key": SK,
            "global_indexes": {"by-kind": gsi()},
            "local_indexes": {"by-kind": {"sort_key": {"name": "k", "type": "S"}}},
        },
        'local_indexes["by-kind"] (name)',
        "unique per table",
        "rename",
    ),
    (
        "projection-unknown",
        {"global_indexes": {"by-kind": gsi(projection="INCLUDE")}},
        'global_indexes["by-kind"].projection',
        "one of 'ALL', 'KEYS_ONLY'",
        "use one of",
    ),
    (
        "projection-include-empty",
        {"global_indexes": {"by-kind": gsi(projection={"include": []})}},
        'global_indexes["by-kind"].projection.include',
        "at least one",
        "KEYS_ONLY",
    ),
    (
        "projection-include-repeated",
        {"global_indexes": {"by-kind": gsi(projection={"include": ["a", "a"]})}},
        'global_indexes["by-kind"].projection.include[1]',
        "projected once",
        "remove the copy",
    ),
    (
        "more-than-20-projected-per-index",
        {"global_indexes": {"by-kind": gsi(projection={"include": [f"a{i}" for i in range(21)]})}},
        'global_indexes["by-kind"].projection.include',
        "at most 20 projected",
        "project fewer",
    ),
    (
        "more-than-100-projected-in-total",
        {
            "global_indexes": {
                f"index-{i}": gsi(projection={"include": [f"a{j}" for j in range(20)]})
                for i in range(6)
            }
        },
        "global_indexes",
        "at most 100 projected",
        "project fewer",
    ),
    # settings
    (
        "recovery-period-zero",
        {"recovery_period_days": 0},
        "recovery_period_days",
        "between 1 and 35",
        "between 1 and 35",
    ),
    (
        "recovery-period-over-35",
        {"recovery_period_days": 36},
        "recovery_period_days",
        "between 1 and 35",
        "between 1 and 35",
    ),
    (
        "recovery-period-bool",
        {"recovery_period_days": True},
        "recovery_period_days",
        "whole number",
        "pass an int",
    ),
    (
        "ttl-on-the-partition-key",
        {"ttl_attribute": "id"},
        "ttl_attribute",
        "cannot be a key attribute",
        "epoch seconds",
    ),
    (
        "ttl-on-an-index-key",
        {"global_indexes": {"by-kind": gsi()}, "ttl_attribute": "kind"},
        "ttl_attribute",
        "cannot be a key attribute",
        "separate Number attribute",
    ),
    (
        "stream-view-type-unknown",
        {"stream": "NEW_IMAGES"},
        "stream",
        "one of 'KEYS_ONLY'",
        "did you mean 'NEW_IMAGE'?",
    ),
    (
        "kms-alias-not-key",
        {"kms_key_arn": "arn:aws:kms:us-east-1:123456789012:alias/records"},
        "kms_key_arn",
        "ARN of a key",
        "arn:aws:kms",
    ),
    (
        "kms-not-an-arn",
        {"kms_key_arn": "alias/aws/dynamodb"},
        "kms_key_arn",
        "must be kms ARN",
        "arn:aws:kms",
    ),
    (
        "deletion-protection-not-bool",
        {"deletion_protection": "no"},
        "deletion_protection",
        "True or False",
        "bool",
    ),
    (
        "tag-key-reserved",
        {"tags": {"aws:team": "x"}},
        'tags["aws:team"]',
        "reserved for AWS",
        "drop the 'aws:' prefix",
    ),
]


@pytest.mark.parametrize(
    ("given", "argument", "rule", "fix"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_fails_when_an_argument_breaks_a_table_rule(mock_stack, given, argument, rule, fix):
    def build():
        # Outputs are built inside the run's runtime, never at import or outside a run.
        args = {"partition_key": PK, **(given() if callable(given) else given)}
        if args["partition_key"] is None:
            del args["partition_key"]
        return args

    logical = "my records" if argument == "name" else "records"

    with pytest.raises(NovaInputError) as raised:
        mock_stack.run(lambda: Table(logical, build()))
    error = raised.value
    assert error.component == "nova-storage Table"
    assert error.name == logical
    assert error.argument == argument
    assert rule in error.rule
    assert fix in error.fix
    assert str(error).startswith(f"nova-storage Table '{logical}': argument '{argument}' is ")
    assert mock_stack.last.resources == []


def test_fails_when_the_cmk_is_in_another_region_than_the_provider(mock_stack):
    mock_stack.set_config("aws:region", "eu-west-1")
    with pytest.raises(NovaInputError, match=r"'kms_key_arn' .*must be in eu-west-1") as raised:
        mock_stack.run(lambda: Table("records", {"partition_key": PK, "kms_key_arn": KMS_KEY}))
    assert raised.value.fix == "use an ARN from eu-west-1"
    assert mock_stack.last.resources == []


def test_fails_when_an_output_ttl_attribute_resolves_to_a_key(mock_stack):
    def program():
        Table("records", {"partition_key": PK, "ttl_attribute": pulumi.Output.from_input("id")})

    with pytest.raises(Exception, match=r"'ttl_attribute' is 'id' \(checked when the Output"):
        mock_stack.run(program)
