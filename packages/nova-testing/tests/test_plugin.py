"""The fixture makes false assertions fail: nothing is left un-awaited."""

PROGRAM = """
import json
import pulumi


def program():
    bucket = pulumi.CustomResource("aws:s3/bucket:Bucket", "b", {"forceDestroy": False})
    pulumi.CustomResource(
        "aws:s3/bucketPolicy:BucketPolicy",
        "p",
        {"bucket": bucket.id, "policy": bucket.id.apply(lambda i: json.dumps({"Id": i}))},
    )
"""


def test_false_assertion_inside_a_mock_test_fails(pytester):
    pytester.makepyfile(
        PROGRAM
        + """
def test_wrong(mock_stack):
    rec = mock_stack.run(program)
    rec.has_resource_properties("aws:s3/bucket:Bucket", {"forceDestroy": True})
"""
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*forceDestroy: expected True, found False*"])


def test_false_assertion_on_an_applied_value_fails(pytester):
    pytester.makepyfile(
        PROGRAM
        + """
import json

def test_wrong_policy(mock_stack):
    rec = mock_stack.run(program)
    assert json.loads(rec.get("aws:s3/bucketPolicy:BucketPolicy").inputs["policy"]) == {"Id": "x"}
"""
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)


def test_true_assertions_pass_and_each_test_gets_a_fresh_runtime(pytester):
    pytester.makepyfile(
        PROGRAM
        + """
import pytest

@pytest.mark.parametrize("n", [1, 2, 3])
def test_fresh(mock_stack, n):
    for _ in range(n):
        rec = mock_stack.run(program)
    rec.resource_count_is("aws:s3/bucket:Bucket", 1)
    bucket_id = rec.get("aws:s3/bucket:Bucket").id
    rec.has_resource_properties("aws:s3/bucketPolicy:BucketPolicy", {"policy": '{"Id": "' + bucket_id + '"}'})
"""
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


def test_nova_mocks_fixture_can_be_overridden(pytester):
    pytester.makepyfile(
        """
import pulumi
import pytest
from nova_testing import NovaMocks

@pytest.fixture
def nova_mocks():
    return NovaMocks(region="eu-central-1", account_id="999999999999")

def test_region(mock_stack):
    rec = mock_stack.run(lambda: pulumi.CustomResource("aws:sns/topic:Topic", "t", {}))
    assert rec.get("aws:sns/topic:Topic").outputs["arn"].startswith("arn:aws:sns:eu-central-1:999999999999:")
"""
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_user_test_runs_see_no_pulumi_aws_import_deprecation_warnings(pytester):
    pytester.makepyfile(
        """
        import pulumi_aws as aws

        def test_uses_s3(mock_stack):
            rec = mock_stack.run(lambda: aws.s3.Bucket("b"))
            rec.resource_count_is("aws:s3/bucket:Bucket", 1)
        """
    )
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(passed=1)
    assert "DeprecationWarning" not in result.stdout.str()


def test_a_program_warning_is_not_hidden(pytester):
    pytester.makepyfile(
        """
        import warnings

        def test_warns(mock_stack):
            warnings.warn("my own deprecation", DeprecationWarning)
        """
    )
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(passed=1)
    assert "my own deprecation" in result.stdout.str()
