"""Grant arguments are checked before the grant's role policy registers."""

import pulumi
import pytest

from nova_core import Checker, NovaInputError
from nova_storage import Bucket, BucketArgs
from nova_storage._rules.grants import check_grant, check_key_prefix

ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"


def test_fails_when_the_same_grant_is_made_twice(mock_stack):
    def program():
        bucket = Bucket("data", BucketArgs())
        bucket.grant_read("reader")
        bucket.grant_read("reader", "other/")

    with pytest.raises(NovaInputError, match=r"'grant_read\.grant_id' is 'reader'.*exists already"):
        mock_stack.run(program)
    assert len(mock_stack.last.by_type(ROLE_POLICY)) == 1


@pytest.mark.parametrize(
    ("key_prefix", "message"),
    [
        ("", "non-empty"),
        ("/reports/", "do not start with '/'"),
        ("reports/*", "wildcards"),
        ("re?orts/", "wildcards"),
        ("x" * 1025, "1024"),
        (3, "non-empty string"),
    ],
)
def test_fails_when_the_grant_key_prefix_is_invalid(mock_stack, key_prefix, message):
    def program():
        Bucket("data", BucketArgs()).grant_read("reader", key_prefix)

    with pytest.raises(NovaInputError, match=rf"argument 'grant_read\.key_prefix' is .*{message}"):
        mock_stack.run(program)
    mock_stack.last.resource_count_is(ROLE_POLICY, 0)


def test_fails_when_the_role_name_is_an_arn(mock_stack):
    def program():
        Bucket("data", BucketArgs()).grant_write("arn:aws:iam::123456789012:role/app")

    with pytest.raises(NovaInputError, match=r"'grant_write\.role'.*role names.*not its ARN"):
        mock_stack.run(program)
    mock_stack.last.resource_count_is(ROLE_POLICY, 0)


def test_fails_when_the_role_is_not_a_role(mock_stack):
    def program():
        Bucket("data", BucketArgs()).grant_read(42)

    with pytest.raises(NovaInputError, match=r"'grant_read\.role' is <int>: needs an IAM role"):
        mock_stack.run(program)
    mock_stack.last.resource_count_is(ROLE_POLICY, 0)


def test_fails_when_no_grant_key_can_be_derived(mock_stack):
    class Named:
        name = pulumi.Output.from_input("imported-role")

    def program():
        Bucket("data", BucketArgs()).grant_read(Named())

    with pytest.raises(NovaInputError, match=r"'grant_read\.grant_id' is None.*pass grant_id="):
        mock_stack.run(program)
    mock_stack.last.resource_count_is(ROLE_POLICY, 0)


@pytest.mark.parametrize("grant_id", ["has space", "x" * 65, "", "colon:key"])
def test_fails_when_the_grant_id_is_invalid(mock_stack, grant_id):
    def program():
        Bucket("data", BucketArgs()).grant_read("reader", grant_id=grant_id)

    with pytest.raises(NovaInputError, match=r"'grant_read\.grant_id'.*IAM policy name rules"):
        mock_stack.run(program)
    mock_stack.last.resource_count_is(ROLE_POLICY, 0)


def test_fails_when_the_policy_name_would_be_too_long(mock_stack):
    def program():
        Bucket("d" * 60, BucketArgs()).grant_read_write("r" * 64)

    with pytest.raises(NovaInputError, match=r"128-character IAM policy name limit"):
        mock_stack.run(program)
    mock_stack.last.resource_count_is(ROLE_POLICY, 0)


def test_the_check_gives_the_role_name_and_the_child_name():
    check = Checker("nova-storage Bucket", "data")
    target = check_grant(check, "grant_read", "read", "reader", "in/", None, set())
    assert target == ("reader", "data-read-reader")
    target = check_grant(check, "grant_put", "put", "reader", None, "ingest", set())
    assert target.child_name == "data-put-ingest"
    check_key_prefix(check, "grant_read", None)  # no prefix: the whole bucket


def test_fails_when_an_output_is_passed_as_grant_id():
    check = Checker("nova-storage Bucket", "data")
    with pytest.raises(NovaInputError, match=r"'grant_read\.grant_id' is <output>: must be known"):
        check_grant(check, "grant_read", "read", "r", None, pulumi.Output.from_input("x"), set())
