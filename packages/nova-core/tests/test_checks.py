"""Each check accepts what AWS accepts and refuses the rest in the one format."""

from __future__ import annotations

import re

import pulumi
import pytest

from nova_core import Checker, NovaInputError, closest, did_you_mean

check = Checker("nova-test Thing", "t")


def fails(fn, *args, **kwargs) -> NovaInputError:
    with pytest.raises(NovaInputError) as caught:
        fn(*args, **kwargs)
    assert str(caught.value).startswith("nova-test Thing 't': argument ")
    return caught.value


# -- numbers -----------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [True, False, 1.0, "3", [3]])
def test_fails_when_an_integer_is_not_a_whole_number(value):
    error = fails(check.integer, "days", value, minimum=1)
    assert error.argument == "days"
    assert "whole number" in error.rule
    assert "True/False" in error.rule


def test_integer_accepts_the_range_and_refuses_outside_it():
    assert check.integer("days", 5, minimum=1, maximum=5) == 5
    error = fails(check.integer, "days", 6, minimum=1, maximum=5)
    assert error.rule == "must be between 1 and 5"
    assert error.fix == "use a value between 1 and 5"
    assert "at least 1" in fails(check.integer, "n", 0, minimum=1).rule
    assert "at most 9" in fails(check.integer, "n", 10, maximum=9).rule


def test_absent_and_output_values_are_left_for_later_unless_plain_is_required():
    assert check.integer("n", None, minimum=1) is None
    assert check.integer("n", pulumi.Output.from_input(0), minimum=1) is None
    error = fails(check.integer, "n", pulumi.Output.from_input(0), minimum=1, plain=True)
    assert "known when the program runs" in error.rule
    assert error.shown == "<output>"


@pytest.mark.parametrize("value", [True, float("nan"), "1"])
def test_fails_when_a_number_is_a_bool_nan_or_string(value):
    assert "number" in fails(check.number, "rate", value).rule


def test_number_accepts_floats_and_ints_in_range():
    assert check.number("rate", 2.5, minimum=0, maximum=10) == 2.5
    assert check.number("rate", 10, minimum=0, maximum=10) == 10
    assert fails(check.number, "rate", -0.5, minimum=0).rule == "must be at least 0"


# -- strings, sets, booleans ------------------------------------------------------------------
def test_string_length_and_pattern():
    assert check.string("name", "abc", max_length=3) == "abc"
    assert fails(check.string, "name", "", max_length=3).rule == "must not be empty"
    long = fails(check.string, "name", "abcd", max_length=3)
    assert long.rule == "must be at most 3 characters, this one has 4"
    assert long.fix == "shorten it by 1 characters"
    pattern = re.compile(r"[a-z]+")
    error = fails(check.string, "name", "ABC", pattern=pattern, rule="lower case", fix="lower it")
    assert (error.rule, error.fix) == ("lower case", "lower it")
    assert "must be a string" in fails(check.string, "name", 3).rule


def test_one_of_suggests_the_closest_value():
    assert check.one_of("mode", "Active", ("Active", "PassThrough")) == "Active"
    error = fails(check.one_of, "mode", "Activ", ("Active", "PassThrough"))
    assert error.fix.startswith("did you mean 'Active'?")
    assert error.rule == "must be one of 'Active', 'PassThrough'"


def test_one_of_never_takes_a_bool_for_a_number():
    assert check.one_of("v", 1, (1, 2)) == 1
    fails(check.one_of, "v", True, (1, 2))


def test_boolean_refuses_numbers_and_strings():
    assert check.boolean("on", False) is False
    for value in (0, 1, "true"):
        assert fails(check.boolean, "on", value).rule == "must be True or False"


# -- containers and keys ----------------------------------------------------------------------
def test_mapping_and_sequence_must_be_plain():
    assert check.mapping("m", {"a": pulumi.Output.from_input(1)}) is not None
    fails(check.mapping, "m", pulumi.Output.from_input({}))
    assert "must be a dict" in fails(check.mapping, "m", [1]).rule
    assert check.sequence("s", (1,)) == (1,)
    assert "must be a list" in fails(check.sequence, "s", "abc").rule


def test_large_and_fractional_bounds_are_written_out():
    assert fails(check.integer, "s", 2_000_000, maximum=1_209_600).rule == "must be at most 1209600"
    assert fails(check.number, "r", 0.1, minimum=0.5).rule == "must be at least 0.5"


def test_unknown_key_suggests_the_closest_not_the_whole_list():
    valid = [f"key_{i}" for i in range(40)] + ["log_retention_days"]
    error = fails(check.keys, "", {"log_retention_day": 7}, valid)
    assert error.argument == "log_retention_day"
    assert error.fix.startswith("did you mean 'log_retention_days'?")
    assert "key_39" not in error.fix


def test_unknown_nested_key_names_its_path_and_lists_short_choices():
    error = fails(check.keys, "consumer", {"batchsize": 1}, ["function", "batch_size"])
    assert error.argument == "consumer.batchsize"
    assert error.rule == "'batchsize' is not a known key of consumer"
    assert "known keys: function, batch_size" in error.fix


def test_closest_and_did_you_mean():
    assert closest("protectdata", ["protectData", "logLevel"]) == "protectData"
    assert did_you_mean("zzz", ["abc"]) == ""


# -- tags ---------------------------------------------------------------------------------------
def test_tags_accept_aws_characters_and_outputs():
    tags = {"team": "data platform", "cost-center": "42:x/y=z+@", "v": pulumi.Output.from_input("")}
    assert check.tags("tags", tags) is tags


@pytest.mark.parametrize(
    ("tags", "argument", "rule"),
    [
        ({"env": "a|b"}, 'tags["env"]', "tag values may only use"),
        ({"a|b": "x"}, 'tags["a|b"] (key)', "tag keys may only use"),
        ({"aws:env": "x"}, 'tags["aws:env"]', "reserved for AWS"),
        ({"k" * 129: "x"}, None, "at most 128 characters"),
        ({"k": "v" * 257}, 'tags["k"]', "at most 256 characters"),
        ({"k": 3}, 'tags["k"]', "must be strings"),
        ({f"k{i}": "v" for i in range(51)}, "tags", "at most 50 tags"),
    ],
)
def test_fails_when_tags_break_aws_tagging_rules(tags, argument, rule):
    error = fails(check.tags, "tags", tags)
    if argument is not None:
        assert error.argument == argument
    assert rule in error.rule


# -- ARNs and Regions ---------------------------------------------------------------------------
KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def test_arn_is_parsed_and_checked_against_service_type_and_region():
    parsed = check.arn("kms_key_arn", KEY, service="kms", resource_types=["key"], example="x")
    assert (parsed.region, parsed.account, parsed.resource_type) == (
        "eu-west-1",
        "123456789012",
        "key",
    )
    assert (
        "must be kms ARN"
        in fails(
            check.arn, "k", "arn:aws:sqs:eu-west-1:123456789012:q", service="kms", example="x"
        ).rule
    )
    alias = KEY.replace("key/1234abcd-12ab-34cd-56ef-1234567890ab", "alias/a")
    assert (
        "ARN of a key"
        in fails(check.arn, "k", alias, service="kms", resource_types=["key"], example="x").rule
    )
    wrong_region = fails(check.arn, "k", KEY, service="kms", example="x", region="us-east-1")
    assert (
        wrong_region.rule
        == "must be in us-east-1, the Region of this resource (it is in eu-west-1)"
    )


def test_fails_when_an_arn_names_a_region_its_partition_does_not_have():
    error = fails(
        check.arn, "k", "arn:aws:kms:cn-north-1:123456789012:key/x", service="kms", example="x"
    )
    assert "'cn-north-1' is not a Region of 'aws'" in error.rule
    assert check.arn(
        "k", "arn:aws-cn:kms:cn-north-1:123456789012:key/x", service="kms", example="x"
    )


def test_fails_when_a_string_is_not_an_arn():
    assert "must be kms ARN" in fails(check.arn, "k", "key-id", service="kms", example="x").rule


def test_region_is_checked_against_the_partition():
    assert check.region("region", "eu-south-2") == "eu-south-2"
    made_up = fails(check.region, "region", "us-east-7")
    assert made_up.rule == "must be a known AWS Region"
    assert made_up.fix.startswith("did you mean 'us-east-")
    other = fails(check.region, "region", "cn-north-1", partition="aws")
    assert "(it is in 'aws-cn')" in other.rule


def test_log_retention_offers_the_neighbouring_values():
    assert check.log_retention("days", 365) == 365
    error = fails(check.log_retention, "days", 10)
    assert error.fix == "use 7 or 14"
    assert error.source == "CloudWatch Logs PutRetentionPolicy"
    fails(check.log_retention, "days", True)


def test_kms_key_arn_takes_a_key_in_the_region():
    arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    parsed = check.kms_key_arn("kms_key_arn", arn, region="eu-west-1")
    assert parsed is not None
    assert parsed.resource_type == "key"
    assert check.kms_key_arn("kms_key_arn", None) is None


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("arn:aws:kms:eu-west-1:123456789012:alias/logs", "must be the ARN of a key"),
        ("alias/logs", "must be kms ARN"),
        (
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "must be in eu-west-1, the Region of this resource (it is in us-east-1)",
        ),
    ],
)
def test_fails_when_a_kms_key_arn_is_an_alias_or_elsewhere(value, rule):
    error = fails(check.kms_key_arn, "kms_key_arn", value, region="eu-west-1")
    assert error.argument == "kms_key_arn"
    assert error.rule == rule
