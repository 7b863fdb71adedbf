"""Plan parts in the provider's argument types (the component tests check the recorded inputs)."""

import pulumi

from nova_storage._plan.bucket import LifecycleRulePlan
from nova_storage._resource_args import encryption_rule, lifecycle_rule_args, switch


def test_switch_maps_plain_bools_without_an_output():
    assert switch(True, "Enabled", "Suspended") == "Enabled"
    assert switch(False, "Enabled", "Suspended") == "Suspended"
    assert isinstance(switch(pulumi.Output.from_input(True), "a", "b"), pulumi.Output)


def test_encryption_rule_states_the_algorithm_and_blocks_sse_c():
    rule = encryption_rule(None, False)
    assert rule.apply_server_side_encryption_by_default.sse_algorithm == "AES256"
    assert rule.blocked_encryption_types == ["SSE-C"]
    assert rule.bucket_key_enabled is None
    key = "arn:aws:kms:us-east-1:123456789012:key/k"
    rule = encryption_rule(key, True)
    assert rule.apply_server_side_encryption_by_default.kms_master_key_id == key
    assert (rule.bucket_key_enabled, rule.blocked_encryption_types) == (True, ["NONE"])


def test_one_filter_condition_is_direct_and_several_are_wrapped_in_and():
    single = lifecycle_rule_args(LifecycleRulePlan(id="a", prefix="p/", expiration_days=1))
    assert single.filter.prefix == "p/"
    assert single.filter.and_ is None
    several = lifecycle_rule_args(
        LifecycleRulePlan(id="b", prefix="p/", object_size_less_than=10, expiration_days=1)
    )
    assert several.filter.and_.prefix == "p/"
    assert several.filter.and_.object_size_less_than == 10
    tagged = lifecycle_rule_args(LifecycleRulePlan(id="c", tags={"k": "v"}, expiration_days=1))
    assert (tagged.filter.tag.key, tagged.filter.tag.value) == ("k", "v")
    assert lifecycle_rule_args(LifecycleRulePlan(id="d", enabled=False)).status == "Disabled"
