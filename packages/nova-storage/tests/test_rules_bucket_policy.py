"""Bucket policy statements (S3-09): public, takeover, lock-out and foreign resources fail."""

import pytest

from nova_storage import Bucket, BucketArgs


def _stmt(**overrides):
    statement = {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::210987654321:role/reader"},
        "Action": "s3:GetObject",
        "Resource": "${bucket_arn}/*",
    }
    statement.update(overrides)
    return {k: v for k, v in statement.items() if v is not None}


POLICY_CASES = [
    ("principal-star", [_stmt(Principal="*")], r"Principal' is '\*'.*makes the bucket public"),
    ("principal-aws-star", [_stmt(Principal={"AWS": "*"})], r"makes the bucket public"),
    (
        "principal-aws-list-star",
        [_stmt(Principal={"AWS": ["arn:aws:iam::210987654321:root", "*"]})],
        r"makes the bucket public",
    ),
    (
        "principal-wildcard-account",
        [_stmt(Principal={"AWS": "arn:aws:iam::*:root"})],
        r"makes the bucket public",
    ),
    (
        "star-with-unrelated-condition",
        [_stmt(Principal="*", Condition={"Bool": {"aws:SecureTransport": "true"}})],
        r"without a restricting condition",
    ),
    (
        "star-with-wildcard-condition-value",
        [_stmt(Principal="*", Condition={"StringLike": {"aws:SourceArn": "arn:aws:*"}})],
        r"makes the bucket public",
    ),
    (
        "star-with-ifexists-condition",
        [_stmt(Principal="*", Condition={"StringEqualsIfExists": {"aws:SourceAccount": "1"}})],
        r"makes the bucket public",
    ),
    (
        "star-with-negated-condition",
        [_stmt(Principal="*", Condition={"StringNotEquals": {"aws:SourceAccount": "1"}})],
        r"makes the bucket public",
    ),
    (
        "star-with-forallvalues",
        [_stmt(Principal="*", Condition={"ForAllValues:StringEquals": {"aws:SourceVpce": "v"}})],
        r"makes the bucket public",
    ),
    (
        "star-with-open-cidr",
        [_stmt(Principal="*", Condition={"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})],
        r"makes the bucket public",
    ),
    ("not-principal", [_stmt(Principal=None, NotPrincipal={"AWS": "x"})], r"NotPrincipal"),
    ("not-action", [_stmt(Action=None, NotAction="s3:DeleteObject")], r"Allow with NotAction"),
    (
        "put-bucket-policy-to-account",
        [_stmt(Action="s3:PutBucketPolicy")],
        r"granting s3:PutBucketPolicy to AWS principals.*SH S3.6",
    ),
    (
        "wildcard-covers-dangerous",
        [_stmt(Action=["s3:GetObject", "s3:*"])],
        r"s3:DeleteBucketPolicy, s3:PutBucketAcl, s3:PutBucketPolicy, "
        r"s3:PutEncryptionConfiguration, s3:PutObjectAcl",
    ),
    ("put-object-acl", [_stmt(Action="s3:PutObjectAcl")], r"granting s3:PutObjectAcl"),
    ("put-star", [_stmt(Action="s3:Put*")], r"s3:PutBucketAcl, s3:PutBucketPolicy"),
    (
        "lockout",
        [_stmt(Effect="Deny", Principal="*", Action="s3:*")],
        r"locks every principal.*out of the bucket policy",
    ),
    (
        "lockout-delete-policy",
        [_stmt(Effect="Deny", Principal={"AWS": "*"}, Action="s3:DeleteBucketPolicy")],
        r"locks every principal",
    ),
    ("other-bucket", [_stmt(Resource="arn:aws:s3:::other/*")], r"only name this bucket"),
    ("star-resource", [_stmt(Resource="*")], r"only name this bucket"),
    ("not-resource", [_stmt(NotResource="arn:aws:s3:::x")], r"NotResource"),
    (
        "missing-resource",
        [_stmt(Resource=None)],
        r"Resource' is None: every statement needs a non-empty Resource \(IAM",
    ),
    ("missing-principal", [_stmt(Principal=None)], r"needs a non-empty Principal or NotPrincipal"),
    ("missing-action", [_stmt(Action=None)], r"needs a non-empty Action or NotAction"),
    ("bad-effect", [_stmt(Effect="allow")], r"Effect' is 'allow'"),
    ("missing-effect", [_stmt(Effect=None)], r"Effect' is None: every statement needs an Effect"),
    (
        "action-and-not-action",
        [_stmt(Effect="Deny", Principal="*", NotAction="s3:GetObject")],
        r"NotAction' is 's3:GetObject': a statement takes Action or NotAction, not both",
    ),
    (
        "condition-not-a-dict",
        [_stmt(Condition="aws:SecureTransport")],
        r"Condition' is 'aws:SecureTransport': a Condition is a dict",
    ),
    ("bad-sid", [_stmt(Sid="read-only")], r"Sid' is 'read-only'.*letters and digits"),
    ("sid-taken", [_stmt(Sid="DenyInsecureTransport")], r"Sids must be unique"),
    ("sid-duplicate", [_stmt(Sid="A"), _stmt(Sid="A")], r"policy_statements\[1\]\.Sid"),
    ("lowercase-keys", [{"effect": "Allow"}], r"'effect' is not a known key.*'Effect'"),
    ("not-a-dict", ["s3:GetObject"], r"'policy_statements\[0\]' is 's3:GetObject': must be a dict"),
    ("not-a-list", "s3:GetObject", r"'policy_statements' is 's3:GetObject': must be a list"),
    (
        "too-large",
        [_stmt(Sid=f"S{i}", Resource=f"${{bucket_arn}}/{'p' * 300}{i}/*") for i in range(60)],
        r"at most 20480 bytes",
    ),
]


@pytest.mark.parametrize(
    ("statements", "pattern"), [c[1:] for c in POLICY_CASES], ids=[c[0] for c in POLICY_CASES]
)
def test_fails_when_a_policy_statement_is_unsafe(fails, statements, pattern):
    fails(BucketArgs(policy_statements=statements), pattern)


VALID_STATEMENTS = [
    ("account-principal", _stmt()),
    ("service-principal", _stmt(Principal={"Service": "logging.s3.amazonaws.com"})),
    (
        "star-with-source-account",
        _stmt(Principal="*", Condition={"StringEquals": {"aws:SourceAccount": "123456789012"}}),
    ),
    (
        "star-with-org",
        _stmt(Principal={"AWS": "*"}, Condition={"StringEquals": {"aws:PrincipalOrgID": "o-a1"}}),
    ),
    (
        "star-with-vpce-any-value",
        _stmt(Principal="*", Condition={"ForAnyValue:StringEquals": {"aws:SourceVpce": ["v"]}}),
    ),
    (
        "star-with-principal-account",
        _stmt(Principal="*", Condition={"StringEquals": {"aws:PrincipalAccount": "1"}}),
    ),
    (
        "star-with-cidr",
        _stmt(Principal="*", Condition={"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}),
    ),
    (
        "deny-with-condition",
        _stmt(
            Effect="Deny",
            Principal="*",
            Action="s3:*",
            Condition={"StringNotEquals": {"aws:PrincipalAccount": "123456789012"}},
        ),
    ),
    ("deny-data-only", _stmt(Effect="Deny", Principal="*", Action="s3:DeleteObject")),
    ("deny-not-action", _stmt(Effect="Deny", Action=None, NotAction="s3:GetObject")),
    (
        "star-with-mixed-condition-keys",
        _stmt(
            Principal="*",
            Condition={"StringEquals": {"aws:username": "x", "aws:SourceAccount": "123456789012"}},
        ),
    ),
    ("bucket-level", _stmt(Action="s3:ListBucket", Resource="${bucket_arn}")),
]


@pytest.mark.parametrize(
    "statement", [c[1] for c in VALID_STATEMENTS], ids=[c[0] for c in VALID_STATEMENTS]
)
def test_safe_policy_statements_pass(mock_stack, statement):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(policy_statements=[statement])))
    rec.resource_count_is("aws:s3/bucketPolicy:BucketPolicy", 1)
