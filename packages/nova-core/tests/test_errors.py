"""The one message format every Nova package raises: asserted here, matched by each package."""

from __future__ import annotations

import pickle
import re

import pulumi
import pytest

from nova_core import NovaInputError, at, field, show

# component 'name': argument 'path' is value: rule (source). Fix: fix.
FORMAT = re.compile(
    r"^(?P<component>nova-[a-z]+ [A-Za-z]+) '(?P<name>[^']+)': argument '(?P<argument>[^']+)' "
    r"is (?P<value>.+?)(?P<deferred> \(checked when the Output resolved\))?: (?P<rule>.+?)"
    r"(?: \((?P<source>[^()]+)\))?\. Fix: (?P<fix>.+)\.$",
    re.DOTALL,
)


def test_message_has_component_name_argument_value_rule_source_and_fix():
    error = NovaInputError(
        "nova-storage Bucket",
        "data",
        'tags["env"]',
        "a|b",
        "tag values may only use letters, digits, spaces and _ . : / = + - @",
        "remove the other characters",
        source="AWS tagging rules",
    )
    assert str(error) == (
        "nova-storage Bucket 'data': argument 'tags[\"env\"]' is 'a|b': tag values may only use "
        "letters, digits, spaces and _ . : / = + - @ (AWS tagging rules). "
        "Fix: remove the other characters."
    )
    parts = FORMAT.match(str(error))
    assert parts is not None
    assert parts["component"] == "nova-storage Bucket"
    assert parts["argument"] == 'tags["env"]'
    assert parts["source"] == "AWS tagging rules"
    assert parts["fix"] == "remove the other characters"


def test_error_is_a_value_error_with_its_parts_as_attributes():
    error = NovaInputError(
        "nova-api HttpApi", "api", "routes", 3, "must be a dict.", "pass a dict."
    )
    assert isinstance(error, ValueError)
    assert (error.component, error.name, error.argument, error.value) == (
        "nova-api HttpApi",
        "api",
        "routes",
        3,
    )
    # Trailing full stops are not doubled.
    assert str(error).endswith("must be a dict. Fix: pass a dict.")
    assert error.source is None
    assert error.deferred is False


def test_deferred_error_says_the_check_ran_when_the_output_resolved():
    error = NovaInputError("nova-api HttpApi", "api", "x", 1, "rule", "fix", deferred=True)
    assert "is 1 (checked when the Output resolved): rule. Fix: fix." in str(error)
    assert FORMAT.match(str(error))["deferred"]


def test_error_survives_pickling_with_its_parts():
    error = NovaInputError("nova-compute Function", "fn", "memory_mb", 1, "r", "f", source="s")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error)
    assert copy.source == "s"


def test_show_shortens_long_values_and_hides_outputs():
    assert show("x" * 500).endswith("...")
    assert len(show("x" * 500)) == 160
    assert show({"a": [1, 2]}) == '{"a": [1, 2]}'
    assert show(pulumi.Output.from_input(1)) == "<output>"
    assert show({"k": pulumi.Output.from_input(1)}) == '{"k": "<output>"}'


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        ("", "tags", "tags"),
        ("consumer", "batch_size", "consumer.batch_size"),
    ],
)
def test_field_joins_fixed_keys_with_a_dot(path, key, expected):
    assert field(path, key) == expected


def test_at_indexes_positions_and_quotes_caller_keys():
    assert at("lifecycle_rules", 0) == "lifecycle_rules[0]"
    assert at("tags", "env") == 'tags["env"]'
    assert at("tags", 'a"b') == 'tags["a\\"b"]'
