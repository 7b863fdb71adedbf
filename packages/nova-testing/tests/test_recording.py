import json
import sys

import pulumi
import pulumi_aws as aws
import pytest

from nova_testing import Match


class Pair(pulumi.ComponentResource):
    """A small component: a bucket and a policy that depends on it."""

    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("test:index:Pair", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.bucket = pulumi.CustomResource(
            "aws:s3/bucket:Bucket", f"{name}-bucket", {"forceDestroy": False, "arn": None}, child
        )
        policy = self.bucket.arn.apply(  # type: ignore[attr-defined]
            lambda arn: json.dumps({"Statement": [{"Effect": "Deny", "Resource": arn}]})
        )
        self.policy = pulumi.CustomResource(
            "aws:s3/bucketPolicy:BucketPolicy",
            f"{name}-policy",
            {"bucket": self.bucket.id, "policy": policy},
            pulumi.ResourceOptions(parent=self, depends_on=[self.bucket]),
        )
        self.arn = self.bucket.arn  # type: ignore[attr-defined]
        self.register_outputs({"arn": self.arn})


def test_records_types_names_parents_and_resolved_inputs(mock_stack):
    rec = mock_stack.run(lambda: Pair("data"))
    assert rec.types() == {
        "aws:s3/bucket:Bucket": 1,
        "aws:s3/bucketPolicy:BucketPolicy": 1,
        "test:index:Pair": 1,
    }
    component = rec.named("data")
    assert component.custom is False
    assert component.parent_urn is None
    assert {r.name for r in rec.children_of("data")} == {"data-bucket", "data-policy"}
    policy = rec.get("aws:s3/bucketPolicy:BucketPolicy")
    bucket = rec.get("aws:s3/bucket:Bucket")
    assert json.loads(policy.inputs["policy"]) == {
        "Statement": [{"Effect": "Deny", "Resource": bucket.outputs["arn"]}]
    }
    assert policy.inputs["bucket"] == bucket.id
    assert rec.parent_of(policy) == component
    assert rec.parent_of(component) is None
    assert policy.qualified_type == "test:index:Pair$aws:s3/bucketPolicy:BucketPolicy"


def test_records_dependencies_and_explicit_depends_on(mock_stack):
    rec = mock_stack.run(lambda: Pair("data"))
    bucket = rec.named("data-bucket")
    policy = rec.named("data-policy")
    assert bucket.urn in policy.dependencies
    assert policy.explicit_dependencies == ()  # the bucket is also an input dependency
    assert policy.property_dependencies["bucket"] == (bucket.urn,)


def test_records_protect_retain_and_aliases(mock_stack):
    opts = pulumi.ResourceOptions(
        protect=True,
        retain_on_delete=True,
        aliases=[pulumi.Alias(name="old-data"), "urn:pulumi:test::nova-test::test:index:Pair::x"],
    )
    rec = mock_stack.run(lambda: Pair("data", opts))
    component = rec.named("data")
    assert component.protect is True
    assert component.retain_on_delete is True
    assert {"name": "old-data"} in component.aliases
    assert {"urn": "urn:pulumi:test::nova-test::test:index:Pair::x"} in component.aliases
    assert rec.named("data-bucket").protect is True  # inherited through parent


def test_resolves_component_outputs(mock_stack):
    rec = mock_stack.run(lambda: Pair("data"))
    assert rec.value(rec.result.arn) == rec.named("data-bucket").outputs["arn"]
    assert rec.value("plain") == "plain"


def test_stack_exports_are_resolved(mock_stack):
    def program():
        pair = Pair("data")
        pulumi.export("arn", pair.arn)
        pulumi.export("nested", {"name": pair.bucket.id, "n": 1})

    rec = mock_stack.run(program)
    bucket = rec.named("data-bucket")
    assert rec.outputs == {"arn": bucket.outputs["arn"], "nested": {"name": bucket.id, "n": 1}}


def test_resource_count_is_failure_lists_what_was_recorded(mock_stack):
    rec = mock_stack.run(lambda: Pair("data"))
    rec.resource_count_is("aws:s3/bucket:Bucket", 1)
    with pytest.raises(AssertionError, match="expected 2 resource") as info:
        rec.resource_count_is("aws:s3/bucket:Bucket", 2)
    assert "aws:s3/bucketPolicy:BucketPolicy  data-policy" in str(info.value)


def test_has_resource_properties_subset_and_failure(mock_stack):
    rec = mock_stack.run(lambda: (Pair("a"), Pair("b")))
    found = rec.has_resource_properties(
        "aws:s3/bucketPolicy:BucketPolicy",
        {"policy": Match.serialized_json({"Statement": [{"Effect": "Deny"}]})},
        name="b-policy",
    )
    assert found.name == "b-policy"
    with pytest.raises(AssertionError) as info:
        rec.has_resource_properties("aws:s3/bucket:Bucket", {"forceDestroy": True})
    message = str(info.value)
    assert "$.forceDestroy: expected True, found False" in message
    assert "a-bucket" in message
    assert "b-bucket" in message
    with pytest.raises(AssertionError, match="no resource of type aws:sqs"):
        rec.has_resource_properties("aws:sqs/queue:Queue", {})


def test_all_resources_have(mock_stack):
    rec = mock_stack.run(lambda: (Pair("a"), Pair("b")))
    rec.all_resources_have("aws:s3/bucket:Bucket", {"forceDestroy": False})
    with pytest.raises(AssertionError, match="2 of 2"):
        rec.all_resources_have("aws:s3/bucket:Bucket", {"forceDestroy": True})
    with pytest.raises(AssertionError, match="no resource of type"):
        rec.all_resources_have("aws:sqs/queue:Queue", {})


def test_lookup_failures_explain_themselves(mock_stack):
    rec = mock_stack.run(lambda: (Pair("a"), Pair("b")))
    with pytest.raises(AssertionError, match="exactly one aws:s3/bucket:Bucket, found 2"):
        rec.get("aws:s3/bucket:Bucket")
    with pytest.raises(AssertionError, match="exactly one resource named 'zzz', found 0"):
        rec.named("zzz")
    with pytest.raises(AssertionError, match="no resource with URN"):
        rec.by_urn("urn:nothing")
    assert len(rec) == 6
    assert [r.name for r in rec if r.name == "a"] == ["a"]
    assert len(rec.children_of(rec.named("a"), recursive=True)) == 2


def test_program_errors_propagate_and_keep_what_was_registered(mock_stack):
    def program():
        pulumi.CustomResource("aws:s3/bucket:Bucket", "first", {})
        raise RuntimeError("program broke")

    with pytest.raises(RuntimeError, match="program broke"):
        mock_stack.run(program)
    assert [r.name for r in mock_stack.last.resources] == ["first"]


def test_errors_inside_apply_fail_the_run(mock_stack):
    def program():
        bucket = pulumi.CustomResource("aws:s3/bucket:Bucket", "b", {"arn": None})

        def check(arn: str) -> str:
            assert arn == "not the arn", "assertion inside apply"
            return arn

        bucket.arn.apply(check)  # type: ignore[attr-defined]

    with pytest.raises(AssertionError, match="assertion inside apply"):
        mock_stack.run(program)


def test_config_reaches_the_program(mock_stack):
    mock_stack.set_config("nova-test:size", 3)
    mock_stack.set_config("nova-test:token", "s3cret", secret=True)
    mock_stack.set_config("nova-test:tags", {"a": "b"})

    def program():
        config = pulumi.Config()
        return config.get_int("size"), config.get_object("tags"), config.get_secret("token")

    rec = mock_stack.run(program)
    size, tags, token = rec.result
    assert (size, tags) == (3, {"a": "b"})
    assert rec.value(token) == "s3cret"
    assert "nova-test:token" in mock_stack.secret_keys


def test_describe_with_nothing_recorded(mock_stack):
    rec = mock_stack.run(lambda: None)
    assert rec.describe() == "Recorded: no resources."
    assert rec.outputs == {}


def test_recording_without_resolver_refuses_values():
    from nova_testing import Recording

    with pytest.raises(RuntimeError, match="cannot resolve"):
        Recording([]).value(1)


def test_to_dict_is_json_ready(mock_stack):
    rec = mock_stack.run(lambda: Pair("data"))
    data = rec.named("data-policy").to_dict()
    assert json.loads(json.dumps(data))["parent"] == rec.named("data").urn
    assert data["type"] == "aws:s3/bucketPolicy:BucketPolicy"


def test_a_failed_runs_leftover_futures_are_not_reported_with_a_traceback(mock_stack, caplog):
    import gc
    import logging

    import pulumi

    def program():
        pulumi.export("x", pulumi.Output.from_input(1).apply(lambda _: 1 / 0))

    with pytest.raises(ZeroDivisionError):
        mock_stack.run(program)
    with caplog.at_level(logging.ERROR, logger="asyncio"):
        gc.collect()
    assert not [r for r in caplog.records if "never retrieved" in r.getMessage()]
    # Other asyncio reports still get through.
    logging.getLogger("asyncio").error("something else")
    assert [r.getMessage() for r in caplog.records] == ["something else"]


def _raw_function():
    aws.cloudwatch.LogGroup("forever", name="/custom/forever")


def test_check_rules_passes_a_clean_recording_and_returns_the_report(mock_stack):
    recording = mock_stack.run(lambda: aws.cloudwatch.LogGroup("logs", retention_in_days=30))
    report = recording.check_rules()
    assert report.checked == {"C-05": 1}
    assert report.violations == []


def test_fails_when_a_recording_breaks_a_rule(mock_stack):
    recording = mock_stack.run(_raw_function)
    with pytest.raises(AssertionError) as error:
        recording.check_rules()
    assert "C-05 [mandatory] aws:cloudwatch/logGroup:LogGroup 'forever': retention None" in str(
        error.value
    )


def test_check_rules_reads_the_policy_config_file(mock_stack, tmp_path):
    config = tmp_path / "nova-policy.json"
    config.write_text('{"C-05": {"suppress": [{"resource": "forever", "reason": "audit log"}]}}')
    report = mock_stack.run(_raw_function).check_rules(config)
    assert [f.suppressed_by.reason for f in report.suppressed] == ["audit log"]


def test_check_rules_says_how_to_install_nova_policy(mock_stack, monkeypatch):
    recording = mock_stack.run(_raw_function)
    monkeypatch.setitem(sys.modules, "nova_policy", None)
    with pytest.raises(
        ImportError, match=r"pip install nova-policy \(or pip install 'nova-testing\[policy\]'\)"
    ):
        recording.check_rules()
