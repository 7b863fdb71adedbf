"""Bad input: every S3 rule of security-rules.md table B.1 (and S3-09) has a failing-input test.

Each failure must happen before anything is registered, not even the component, and the message
must name the component, the argument, the value, the rule and the fix.
"""

import json
import re

import pulumi
import pytest

from nova_storage import Bucket, BucketArgs
from nova_storage._validation import (
    MAX_LIFECYCLE_RULES,
    NOTIFICATION_EVENTS,
    bucket_error,
    normalize_lifecycle_date,
    validate_bucket_args,
)

FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer"
QUEUE = "arn:aws:sqs:us-east-1:123456789012:uploads"
TOPIC = "arn:aws:sns:us-east-1:123456789012:events"
MESSAGE = re.compile(r"^nova-storage Bucket 'data': argument '[^']+' is .+: .+\. Fix: .+\.$", re.S)


def _assert_fails(mock_stack, args, pattern):
    with pytest.raises(ValueError, match=pattern) as caught:
        mock_stack.run(lambda: Bucket("data", args))
    assert mock_stack.last.resources == []  # nothing registered, not even the component
    assert MESSAGE.match(str(caught.value)), str(caught.value)


def _rule(**extra):
    return {"id": "r", **extra}


def test_error_message_names_component_argument_value_rule_and_fix(mock_stack):
    with pytest.raises(ValueError, match="My_Bucket") as caught:
        mock_stack.run(lambda: Bucket("data", BucketArgs(bucket_name="My_Bucket")))
    assert str(caught.value) == (
        "nova-storage Bucket 'data': argument 'bucket_name' is 'My_Bucket': bucket names may "
        "contain only lowercase letters, digits, '.' and '-' (S3 naming rules: charset). "
        "Fix: use lowercase letters, digits and hyphens, e.g. 'my-bucket'."
    )
    assert mock_stack.last.resources == []


def test_bucket_error_truncates_long_values():
    message = str(bucket_error("data", "tags", "x" * 500, "rule", "fix"))
    assert "..." in message
    assert len(message) < 300


# -- names -----------------------------------------------------------------------------------
NAME_CASES = [
    ("ab", "3 to 63 characters"),
    ("a" * 64, "3 to 63 characters"),
    ("Data-Bucket", "only lowercase"),
    ("data_bucket", "only lowercase"),
    ("-data", "begin and end with a letter or digit"),
    ("data-", "begin and end with a letter or digit"),
    ("data..bucket", "adjacent periods"),
    ("192.168.5.4", "IP address"),
    ("xn--data", "reserved prefix 'xn--'"),
    ("sthree-data", "reserved prefix 'sthree-'"),
    ("amzn-s3-demo-data", "reserved prefix 'amzn-s3-demo-'"),
    ("data-s3alias", "reserved suffix '-s3alias'"),
    ("data--ol-s3", "reserved suffix '--ol-s3'"),
    ("data.mrap", "reserved suffix '.mrap'"),
    ("data--x-s3", "reserved suffix '--x-s3'"),
    ("data--table-s3", "reserved suffix '--table-s3'"),
    ("data-123456789012-us-east-1-an", "reserved suffix '-an'"),
    ("acme.data", "AWS-0320.*allow_dots_in_name=True"),
]


@pytest.mark.parametrize(("bucket_name", "rule"), NAME_CASES, ids=[c[0][:20] for c in NAME_CASES])
def test_fails_when_bucket_name_breaks_a_naming_rule(mock_stack, bucket_name, rule):
    _assert_fails(
        mock_stack,
        BucketArgs(bucket_name=bucket_name),
        rf"argument 'bucket_name' is '{re.escape(bucket_name)}': .*{rule}",
    )


def test_fails_when_an_output_bucket_name_resolves_to_a_bad_name(mock_stack):
    with pytest.raises(ValueError, match=r"argument 'bucket_name' is 'Bad_Name'"):
        mock_stack.run(
            lambda: Bucket("data", BucketArgs(bucket_name=pulumi.Output.from_input("Bad_Name")))
        )


# -- general arguments ---------------------------------------------------------------------
GENERAL_CASES = [
    ("unknown-key", {"versioning": True}, r"'versioning' is not a known key.*did you mean"),
    ("unknown-key-no-match", {"zzz": 1}, r"'zzz' is not a known key.*valid keys are"),
    ("not-bool", {"versioning_enabled": "yes"}, r"'versioning_enabled' is 'yes': must be True"),
    ("force-destroy-int", {"force_destroy": 1}, r"'force_destroy' is 1: must be True or False"),
    ("name-not-str", {"bucket_name": 42}, r"'bucket_name' is 42: must be a string"),
    ("abort-zero", {"abort_incomplete_multipart_upload_days": 0}, r"must be >= 1"),
    ("noncurrent-zero", {"noncurrent_version_expiration_days": 0}, r"must be >= 1"),
    ("days-bool", {"noncurrent_version_expiration_days": True}, r"must be a whole number"),
    ("days-float", {"abort_incomplete_multipart_upload_days": 1.5}, r"must be a whole number"),
    (
        "kms-alias",
        {"kms_key_arn": "arn:aws:kms:us-east-1:123456789012:alias/data"},
        r"'kms_key_arn'.*must be the ARN of a KMS key",
    ),
    ("kms-id", {"kms_key_arn": "1234abcd-12ab"}, r"must be the ARN of a KMS key"),
    ("lifecycle-not-list", {"lifecycle_rules": {"id": "x"}}, r"must be a plain list"),
    ("lifecycle-str", {"lifecycle_rules": "x"}, r"must be a plain list"),
    ("notifications-list", {"notifications": []}, r"must be a plain dict"),
    ("tags-list", {"tags": ["a"]}, r"'tags' is \[\"a\"\]: tags must be a plain dict"),
]


@pytest.mark.parametrize(
    ("args", "pattern"), [c[1:] for c in GENERAL_CASES], ids=[c[0] for c in GENERAL_CASES]
)
def test_fails_when_an_argument_is_malformed(mock_stack, args, pattern):
    _assert_fails(mock_stack, args, pattern)


def test_fails_when_args_is_not_a_dict(mock_stack):
    with pytest.raises(ValueError, match=r'argument .args. is \["x"\]: must be a BucketArgs'):
        mock_stack.run(lambda: Bucket("data", ["x"]))
    assert mock_stack.last.resources == []


def test_none_args_mean_defaults(mock_stack):
    validate_bucket_args("data", None)
    rec = mock_stack.run(lambda: Bucket("data", None))
    rec.resource_count_is("aws:s3/bucket:Bucket", 1)


# -- tags ------------------------------------------------------------------------------------
TAG_CASES = [
    ("too-many", {f"k{i}": "v" for i in range(51)}, r"at most 50 tags, 51 given"),
    ("aws-prefix", {"aws:owner": "x"}, r"'aws:' tag prefix is reserved"),
    ("key-too-long", {"k" * 129: "v"}, r"tag keys must be 1 to 128"),
    ("key-empty", {"": "v"}, r"tag keys must be 1 to 128"),
    ("key-chars", {"a*b": "v"}, r"tag keys must be 1 to 128"),
    ("value-too-long", {"k": "v" * 257}, r"at most 256 characters"),
    ("value-chars", {"k": "a;b"}, r"tag values may contain only"),
    ("value-not-str", {"k": 1}, r"must be a string"),
]


@pytest.mark.parametrize(
    ("tags", "pattern"), [c[1:] for c in TAG_CASES], ids=[c[0] for c in TAG_CASES]
)
def test_fails_when_tags_break_a_rule(mock_stack, tags, pattern):
    _assert_fails(mock_stack, BucketArgs(tags=tags), pattern)


# -- lifecycle ---------------------------------------------------------------------------------
IA30 = {"storage_class": "STANDARD_IA", "days": 30}
LIFECYCLE_CASES = [
    (
        "rule-count",
        [_rule(id=f"r{i}", expiration_days=1) for i in range(MAX_LIFECYCLE_RULES - 1)],
        r"at most 1000 rules, and the component adds 2.*rule count",
    ),
    ("id-missing", [{"expiration_days": 1}], r"lifecycle_rules\[0\]\.id' is None.*rule ID"),
    ("id-empty", [_rule(id="", expiration_days=1)], r"needs a non-empty id"),
    ("id-too-long", [_rule(id="x" * 256, expiration_days=1)], r"at most 255 characters"),
    (
        "id-duplicate",
        [_rule(expiration_days=1), _rule(expiration_days=2)],
        r"lifecycle_rules\[1\]\.id' is 'r'.*must be unique",
    ),
    (
        "id-reserved",
        [_rule(id="nova-expire-noncurrent-versions", expiration_days=1)],
        r"used by the component's default rules",
    ),
    ("unknown-key", [_rule(expiration={"days": 1})], r"'expiration' is not a known key"),
    ("not-a-dict", ["r"], r"a lifecycle rule must be a plain dict"),
    ("no-action", [_rule(prefix="x/")], r"needs at least one action"),
    ("no-action-disabled-marker", [_rule(expired_object_delete_marker=False)], r"at least one"),
    ("expiration-zero", [_rule(expiration_days=0)], r"expiration_days' is 0: must be >= 1"),
    (
        "expiration-days-and-date",
        [_rule(expiration_days=1, expiration_date="2030-01-01")],
        r"either days or a date, not both",
    ),
    (
        "ia-days-under-30",
        [_rule(transitions=[{"storage_class": "STANDARD_IA", "days": 29}])],
        r"transitions\[0\]\.days' is 29: 'Days' in a Transition action must be >= 30 for "
        r"storage class STANDARD_IA",
    ),
    (
        "onezone-days-under-30",
        [_rule(transitions=[{"storage_class": "ONEZONE_IA", "days": 0}])],
        r">= 30 for storage class ONEZONE_IA",
    ),
    (
        "noncurrent-ia-under-30",
        [
            _rule(
                noncurrent_version_transitions=[
                    {"storage_class": "STANDARD_IA", "noncurrent_days": 7}
                ]
            )
        ],
        r"'NoncurrentDays' in a NoncurrentVersionTransition must be >= 30",
    ),
    (
        "class-standard",
        [_rule(transitions=[{"storage_class": "STANDARD", "days": 1}])],
        r"storage_class' is 'STANDARD'.*never to STANDARD or REDUCED_REDUNDANCY",
    ),
    (
        "class-rrs",
        [_rule(transitions=[{"storage_class": "REDUCED_REDUNDANCY", "days": 1}])],
        r"transition StorageClass",
    ),
    (
        "class-lowercase",
        [
            _rule(
                noncurrent_version_transitions=[{"storage_class": "glacier", "noncurrent_days": 1}]
            )
        ],
        r"'glacier'.*transition StorageClass",
    ),
    (
        "it-to-standard-ia",
        [
            _rule(
                transitions=[
                    {"storage_class": "INTELLIGENT_TIERING", "days": 0},
                    {"storage_class": "STANDARD_IA", "days": 30},
                ]
            )
        ],
        r"cannot transition from INTELLIGENT_TIERING to STANDARD_IA",
    ),
    (
        "onezone-to-glacier-ir",
        [
            _rule(
                transitions=[
                    {"storage_class": "ONEZONE_IA", "days": 30},
                    {"storage_class": "GLACIER_IR", "days": 90},
                ]
            )
        ],
        r"cannot transition from ONEZONE_IA to GLACIER_IR",
    ),
    (
        "onezone-to-intelligent-tiering",
        [
            _rule(
                transitions=[
                    {"storage_class": "ONEZONE_IA", "days": 30},
                    {"storage_class": "INTELLIGENT_TIERING", "days": 90},
                ]
            )
        ],
        r"cannot transition from ONEZONE_IA to INTELLIGENT_TIERING",
    ),
    (
        "ia-then-glacier-too-soon",
        [_rule(transitions=[IA30, {"storage_class": "GLACIER", "days": 59}])],
        r"GLACIER transition must come at least 30 days after the STANDARD_IA.*move it to 60",
    ),
    (
        "onezone-then-deep-archive-too-soon",
        [
            _rule(
                transitions=[
                    {"storage_class": "ONEZONE_IA", "days": 40},
                    {"storage_class": "DEEP_ARCHIVE", "days": 41},
                ]
            )
        ],
        r"DEEP_ARCHIVE transition must come at least 30 days after the ONEZONE_IA",
    ),
    (
        "noncurrent-ia-then-glacier-too-soon",
        [
            _rule(
                noncurrent_version_transitions=[
                    {"storage_class": "STANDARD_IA", "noncurrent_days": 30},
                    {"storage_class": "GLACIER", "noncurrent_days": 45},
                ]
            )
        ],
        r"at least 30 days after the STANDARD_IA",
    ),
    (
        "dated-ia-then-glacier-too-soon",
        [
            _rule(
                transitions=[
                    {"storage_class": "STANDARD_IA", "date": "2030-01-01"},
                    {"storage_class": "GLACIER", "date": "2030-01-15"},
                ]
            )
        ],
        r"at least 30 days after.*move it to 2030-01-31",
    ),
    (
        "same-time",
        [
            _rule(
                transitions=[
                    {"storage_class": "GLACIER_IR", "days": 10},
                    {"storage_class": "GLACIER", "days": 10},
                ]
            )
        ],
        r"happen at the same time",
    ),
    (
        "duplicate-class",
        [
            _rule(
                transitions=[
                    {"storage_class": "GLACIER", "days": 10},
                    {"storage_class": "GLACIER", "days": 20},
                ]
            )
        ],
        r"to each storage class at most once",
    ),
    (
        "expiration-not-after-transition",
        [_rule(transitions=[IA30], expiration_days=30)],
        r"expiration_days' is 30: expiration must come after the last transition",
    ),
    (
        "expiration-date-not-after-transition",
        [
            _rule(
                transitions=[{"storage_class": "GLACIER", "date": "2030-06-01"}],
                expiration_date="2030-05-01",
            )
        ],
        r"expiration_date' is '2030-05-01': expiration must come after",
    ),
    (
        "noncurrent-expiration-not-after-transition",
        [
            _rule(
                noncurrent_version_transitions=[
                    {"storage_class": "GLACIER", "noncurrent_days": 60}
                ],
                noncurrent_version_expiration_days=60,
            )
        ],
        r"'NoncurrentDays' in the NoncurrentVersionExpiration action must be greater than",
    ),
    (
        "tags-with-abort",
        [_rule(tags={"t": "v"}, abort_incomplete_multipart_upload_days=1)],
        r"AbortIncompleteMultipartUpload cannot be used in a rule whose filter uses object tags",
    ),
    (
        "tags-with-delete-marker",
        [_rule(tags={"t": "v"}, expired_object_delete_marker=True)],
        r"ExpiredObjectDeleteMarker cannot be used in a rule whose filter uses object tags",
    ),
    (
        "delete-marker-with-days",
        [_rule(expiration_days=3, expired_object_delete_marker=True)],
        r"cannot be specified with Days or Date",
    ),
    (
        "newer-versions-without-expiration",
        [_rule(newer_noncurrent_versions=3, expiration_days=1)],
        r"newer_noncurrent_versions' is 3.*also set noncurrent_version_expiration_days",
    ),
    (
        "newer-versions-over-100",
        [_rule(newer_noncurrent_versions=101, noncurrent_version_expiration_days=1)],
        r"must be between 1 and 100",
    ),
    (
        "transition-newer-versions-zero",
        [
            _rule(
                noncurrent_version_transitions=[
                    {
                        "storage_class": "GLACIER",
                        "noncurrent_days": 1,
                        "newer_noncurrent_versions": 0,
                    }
                ]
            )
        ],
        r"must be between 1 and 100",
    ),
    (
        "size-greater-not-less",
        [
            _rule(
                object_size_greater_than_bytes=500,
                object_size_less_than_bytes=500,
                expiration_days=1,
            )
        ],
        r"must be less than object_size_less_than_bytes \(500\).*size filters",
    ),
    ("size-negative", [_rule(object_size_greater_than_bytes=-1, expiration_days=1)], r">= 0"),
    ("size-less-zero", [_rule(object_size_less_than_bytes=0, expiration_days=1)], r">= 1"),
    (
        "date-with-time",
        [_rule(expiration_date="2030-01-01T12:00:00Z")],
        r"ISO 8601 dates at midnight UTC",
    ),
    ("date-invalid", [_rule(expiration_date="2030-02-30")], r"midnight UTC"),
    (
        "transition-date-bad",
        [_rule(transitions=[{"storage_class": "GLACIER", "date": "01/01/2030"}])],
        r"transitions\[0\]\.date' is '01/01/2030'",
    ),
    (
        "mixed-days-and-dates",
        [
            _rule(
                transitions=[{"storage_class": "GLACIER", "date": "2030-01-01"}],
                expiration_days=400,
            )
        ],
        r"cannot mix date-based and days-based",
    ),
    (
        "transition-days-and-date",
        [_rule(transitions=[{"storage_class": "GLACIER", "days": 1, "date": "2030-01-01"}])],
        r"exactly one of days or date",
    ),
    (
        "transition-neither",
        [_rule(transitions=[{"storage_class": "GLACIER"}])],
        r"exactly one of days or date",
    ),
    ("transition-no-class", [_rule(transitions=[{"days": 1}])], r"needs a storage_class"),
    (
        "transition-unknown-key",
        [_rule(transitions=[{"storage_class": "GLACIER", "day": 1}])],
        r"'day' is not a known key.*did you mean 'days'",
    ),
    (
        "noncurrent-transition-incomplete",
        [_rule(noncurrent_version_transitions=[{"storage_class": "GLACIER"}])],
        r"needs storage_class and noncurrent_days",
    ),
    ("prefix-too-long", [_rule(prefix="p" * 1025, expiration_days=1)], r"at most 1024"),
    (
        "filter-tag-key-too-long",
        [_rule(tags={"k" * 129: "v"}, expiration_days=1)],
        r"tag keys are 1 to 128",
    ),
    ("abort-zero", [_rule(abort_incomplete_multipart_upload_days=0)], r"must be >= 1"),
    ("enabled-not-bool", [_rule(enabled="yes", expiration_days=1)], r"must be True or False"),
]


@pytest.mark.parametrize(
    ("rules", "pattern"), [c[1:] for c in LIFECYCLE_CASES], ids=[c[0] for c in LIFECYCLE_CASES]
)
def test_fails_when_a_lifecycle_rule_breaks_an_s3_constraint(mock_stack, rules, pattern):
    _assert_fails(mock_stack, BucketArgs(lifecycle_rules=rules), pattern)


VALID_LIFECYCLE = [
    ("it-at-day-0", [_rule(transitions=[{"storage_class": "INTELLIGENT_TIERING", "days": 0}])]),
    ("glacier-ir-at-day-0", [_rule(transitions=[{"storage_class": "GLACIER_IR", "days": 0}])]),
    (
        "full-waterfall",
        [
            _rule(
                transitions=[
                    {"storage_class": "DEEP_ARCHIVE", "days": 400},
                    {"storage_class": "STANDARD_IA", "days": 30},
                    {"storage_class": "INTELLIGENT_TIERING", "days": 60},
                    {"storage_class": "ONEZONE_IA", "days": 90},
                    {"storage_class": "GLACIER", "days": 120},
                ],
                expiration_days=500,
            )
        ],
    ),
    (
        "ia-then-glacier-at-30",
        [_rule(transitions=[IA30, {"storage_class": "GLACIER", "days": 60}])],
    ),
    ("dates-only", [_rule(expiration_date="2030-01-01T00:00:00.000+00:00")]),
    ("max-rules", [_rule(id=f"r{i}", expiration_days=1) for i in range(MAX_LIFECYCLE_RULES - 2)]),
]


@pytest.mark.parametrize(
    "rules", [c[1] for c in VALID_LIFECYCLE], ids=[c[0] for c in VALID_LIFECYCLE]
)
def test_valid_lifecycle_rules_pass(mock_stack, rules):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(lifecycle_rules=rules)))
    rules_recorded = rec.get(
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"
    ).inputs["rules"]
    assert len(rules_recorded) == len(rules) + 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2030-01-01", "2030-01-01"),
        ("2030-01-01T00:00:00Z", "2030-01-01"),
        ("2030-01-01T00:00:00+00:00", "2030-01-01"),
        ("2030-01-01T00:00:00.000Z", "2030-01-01"),
        ("2030-01-01T01:00:00Z", None),
        ("2030-13-01", None),
        ("tomorrow", None),
    ],
)
def test_normalize_lifecycle_date(value, expected):
    assert normalize_lifecycle_date(value) == expected


# -- bucket policy statements (S3-09) --------------------------------------------------------
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
    ("missing-resource", [_stmt(Resource=None)], r"needs Resource"),
    ("missing-principal", [_stmt(Principal=None)], r"needs Principal"),
    ("missing-action", [_stmt(Action=None)], r"needs Action"),
    ("bad-effect", [_stmt(Effect="allow")], r"Effect' is 'allow'"),
    ("bad-sid", [_stmt(Sid="read-only")], r"Sid' is 'read-only'.*letters and digits"),
    ("sid-taken", [_stmt(Sid="DenyInsecureTransport")], r"Sids must be unique"),
    ("sid-duplicate", [_stmt(Sid="A"), _stmt(Sid="A")], r"policy_statements\[1\]\.Sid"),
    ("lowercase-keys", [{"effect": "Allow"}], r"'effect' is not a known key.*'Effect'"),
    ("not-a-dict", ["s3:GetObject"], r"a policy statement must be a plain dict"),
    ("not-a-list", "s3:GetObject", r"policy_statements must be a plain list"),
    (
        "too-large",
        [_stmt(Sid=f"S{i}", Resource=f"${{bucket_arn}}/{'p' * 300}{i}/*") for i in range(60)],
        r"at most 20480 bytes",
    ),
]


@pytest.mark.parametrize(
    ("statements", "pattern"), [c[1:] for c in POLICY_CASES], ids=[c[0] for c in POLICY_CASES]
)
def test_fails_when_a_policy_statement_is_unsafe(mock_stack, statements, pattern):
    _assert_fails(mock_stack, BucketArgs(policy_statements=statements), pattern)


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


# -- CORS ------------------------------------------------------------------------------------
def _cors(**overrides):
    rule = {"allowed_methods": ["GET"], "allowed_origins": ["https://app.example.com"]}
    rule.update(overrides)
    return {k: v for k, v in rule.items() if v is not None}


CORS_CASES = [
    ("method-patch", [_cors(allowed_methods=["PATCH"])], r"allowed_methods' is 'PATCH'.*only"),
    ("method-lowercase", [_cors(allowed_methods=["get"])], r"use uppercase"),
    ("methods-empty", [_cors(allowed_methods=[])], r"at least one entry in allowed_methods"),
    ("origins-missing", [_cors(allowed_origins=None)], r"at least one entry in allowed_origins"),
    ("origins-str", [_cors(allowed_origins="https://a")], r"allowed_origins must be a plain list"),
    ("origin-two-wildcards", [_cors(allowed_origins=["https://*.*.com"])], r"at most one '\*'"),
    ("header-two-wildcards", [_cors(allowed_headers=["x-*-*"])], r"at most one '\*'"),
    ("expose-not-str", [_cors(expose_headers=[1])], r"must be a string"),
    ("max-age-negative", [_cors(max_age_seconds=-1)], r"max_age_seconds' is -1"),
    ("duplicate-ids", [_cors(id="a"), _cors(id="a")], r"cors_rules\[1\]\.id.*unique"),
    ("id-too-long", [_cors(id="i" * 256)], r"at most 255"),
    ("too-many", [_cors() for _ in range(101)], r"at most 100 rules"),
    ("unknown-key", [_cors(allowed_method=["GET"])], r"did you mean 'allowed_methods'"),
]


@pytest.mark.parametrize(
    ("rules", "pattern"), [c[1:] for c in CORS_CASES], ids=[c[0] for c in CORS_CASES]
)
def test_fails_when_a_cors_rule_is_invalid(mock_stack, rules, pattern):
    _assert_fails(mock_stack, BucketArgs(cors_rules=rules), pattern)


# -- access logs -----------------------------------------------------------------------------
ACCESS_LOG_CASES = [
    (
        "self",
        {"bucket_name": "acme-data", "access_logs": {"target_bucket": "acme-data"}},
        r"access_logs\.target_bucket' is 'acme-data': a bucket must not log to itself",
    ),
    (
        "arn",
        {"access_logs": {"target_bucket": "arn:aws:s3:::acme-logs"}},
        r"not an ARN.*use 'acme-logs'",
    ),
    ("missing", {"access_logs": {"target_prefix": "x/"}}, r"needs a target bucket"),
    ("bad-name", {"access_logs": {"target_bucket": "Logs"}}, r"only lowercase"),
    ("not-dict", {"access_logs": "acme-logs"}, r"access_logs must be a plain dict"),
    ("unknown-key", {"access_logs": {"target_bucket": "l-o-g", "prefix": "x"}}, r"'prefix'"),
    ("prefix-not-str", {"access_logs": {"target_bucket": "logs", "target_prefix": 1}}, r"string"),
]


@pytest.mark.parametrize(
    ("args", "pattern"), [c[1:] for c in ACCESS_LOG_CASES], ids=[c[0] for c in ACCESS_LOG_CASES]
)
def test_fails_when_access_logs_are_misconfigured(mock_stack, args, pattern):
    _assert_fails(mock_stack, args, pattern)


def test_dotted_log_target_names_are_accepted(mock_stack):
    rec = mock_stack.run(
        lambda: Bucket("data", BucketArgs(access_logs={"target_bucket": "legacy.logs"}))
    )
    assert rec.named("data-logging").inputs["targetBucket"] == "legacy.logs"


# -- notifications ---------------------------------------------------------------------------
def _notification(**overrides):
    spec = {"function_arn": FUNCTION, "events": ["s3:ObjectCreated:*"]}
    spec.update(overrides)
    return {k: v for k, v in spec.items() if v is not None}


NOTIFICATION_CASES = [
    ("bad-key", {"bad key": _notification()}, r"argument 'notifications' is 'bad key'"),
    ("long-key", {"k" * 64: _notification()}, r"notification keys name child resources"),
    ("two-targets", {"a": _notification(queue_arn=QUEUE)}, r"exactly one target"),
    ("no-target", {"a": _notification(function_arn=None)}, r"exactly one target"),
    (
        "bad-lambda-arn",
        {"a": _notification(function_arn="thumbnailer")},
        r"function_arn' is 'thumbnailer': must be the ARN of a Lambda function",
    ),
    (
        "queue-arn-is-topic",
        {"a": _notification(function_arn=None, queue_arn=TOPIC)},
        r"must be the ARN of a SQS queue",
    ),
    (
        "fifo-queue",
        {"a": _notification(function_arn=None, queue_arn=QUEUE + ".fifo")},
        r"cannot target FIFO queues",
    ),
    (
        "fifo-topic",
        {"a": _notification(function_arn=None, topic_arn=TOPIC + ".fifo")},
        r"cannot target FIFO",
    ),
    (
        "bad-event",
        {"a": _notification(events=["s3:ObjectCreated"])},
        r"'s3:ObjectCreated': not an S3 event type.*use 's3:ObjectCreated:\*'",
    ),
    ("nonsense-event", {"a": _notification(events=["created"])}, r"not an S3 event type"),
    ("no-events", {"a": _notification(events=[])}, r"at least one event type"),
    ("missing-events", {"a": _notification(events=None)}, r"at least one event type"),
    (
        "duplicate-event",
        {"a": _notification(events=["s3:ObjectCreated:Put", "s3:ObjectCreated:Put"])},
        r"listed twice",
    ),
    (
        "overlap-same",
        {"a": _notification(), "b": _notification(function_arn=None, queue_arn=QUEUE)},
        r'notifications\["b"\]. is .*overlaps notification .a.',
    ),
    (
        "overlap-wildcard",
        {
            "a": _notification(events=["s3:ObjectCreated:Put"], filter_prefix="in/"),
            "b": _notification(events=["s3:ObjectCreated:*"], filter_prefix="in/raw/"),
        },
        r"overlaps notification 'a'",
    ),
    (
        "overlap-suffix",
        {
            "a": _notification(filter_suffix=".jpg"),
            "b": _notification(filter_suffix="thumb.jpg"),
        },
        r"overlaps",
    ),
    ("filter-too-long", {"a": _notification(filter_prefix="p" * 1025)}, r"at most 1024"),
    ("unknown-key", {"a": _notification(lambda_arn=FUNCTION)}, r"'lambda_arn' is not a known"),
    ("not-dict", {"a": FUNCTION}, r"a notification must be a plain dict"),
]


@pytest.mark.parametrize(
    ("notifications", "pattern"),
    [c[1:] for c in NOTIFICATION_CASES],
    ids=[c[0] for c in NOTIFICATION_CASES],
)
def test_fails_when_a_notification_is_invalid(mock_stack, notifications, pattern):
    _assert_fails(mock_stack, BucketArgs(notifications=notifications), pattern)


def test_disjoint_notifications_pass(mock_stack):
    notifications = {
        "images": _notification(filter_suffix=".jpg"),
        "videos": _notification(filter_suffix=".mp4"),
        "removed": _notification(events=["s3:ObjectRemoved:*"]),
        "other-prefix": _notification(filter_prefix="a/"),
    }
    notifications["other-prefix"]["events"] = ["s3:ObjectRestore:*"]
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(notifications=notifications)))
    assert (
        len(rec.get("aws:s3/bucketNotification:BucketNotification").inputs["lambdaFunctions"]) == 4
    )


def test_every_listed_event_is_accepted(mock_stack):
    notifications = {
        f"e{i}": {"queue_arn": QUEUE, "events": [event], "filter_prefix": f"p{i}/"}
        for i, event in enumerate(NOTIFICATION_EVENTS)
    }
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(notifications=notifications)))
    queues = rec.get("aws:s3/bucketNotification:BucketNotification").inputs["queues"]
    assert len(queues) == len(NOTIFICATION_EVENTS)


# -- Output values inside plain containers -----------------------------------------------------
def test_output_leaves_are_skipped_up_front_and_passed_through(mock_stack):
    def out(value):
        return pulumi.Output.from_input(value)

    args = BucketArgs(
        bucket_name=out("acme-data"),
        lifecycle_rules=[
            {
                "id": out("from-output"),
                "transitions": [
                    {"storage_class": out("GLACIER"), "days": 10},
                    {"storage_class": "DEEP_ARCHIVE", "days": out(200)},
                ],
                "noncurrent_version_transitions": [
                    {"storage_class": "GLACIER", "noncurrent_days": out(5)},
                    {"storage_class": out("DEEP_ARCHIVE"), "noncurrent_days": 9},
                ],
            },
            {
                "id": "dated-from-output",
                "transitions": [{"storage_class": "GLACIER_IR", "date": out("2030-01-01")}],
            },
        ],
        policy_statements=[
            out(
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
                    "Action": "s3:GetObject",
                    "Resource": "${bucket_arn}/a/*",
                }
            ),
            {
                "Sid": out("FromOutput"),
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [out("${bucket_arn}/b/*")],
                "Condition": {
                    "Null": "not-a-mapping",
                    "StringEquals": {"aws:SourceArn": [], "aws:SourceAccount": "123456789012"},
                },
            },
        ],
        access_logs={"target_bucket": "acme-logs"},
        notifications={
            "a": {"queue_arn": QUEUE, "events": [out("s3:ObjectCreated:*")]},
            "b": {"queue_arn": QUEUE, "events": ["s3:ObjectCreated:*"], "filter_prefix": out("x/")},
            "c": {"queue_arn": QUEUE, "events": ["s3:ObjectRemoved:*"]},
        },
    )
    validate_bucket_args("data", args)
    rec = mock_stack.run(lambda: Bucket("data", args))
    rules = rec.get("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs
    assert rules["rules"][2]["id"] == "from-output"
    assert rules["rules"][2]["transitions"][1] == {"storageClass": "DEEP_ARCHIVE", "days": 200}
    policy = json.loads(rec.get("aws:s3/bucketPolicy:BucketPolicy").inputs["policy"])
    assert [s.get("Sid") for s in policy["Statement"]][2:] == [None, "FromOutput"]
    assert policy["Statement"][3]["Resource"] == ["arn:aws:s3:::acme-data/b/*"]
    assert rec.named("data-logging").inputs["targetBucket"] == "acme-logs"


def test_bucket_error_shows_outputs_readably(mock_stack):
    rec = mock_stack.run(
        lambda: str(bucket_error("data", "bucket_name", pulumi.Output.from_input("x"), "r", "f"))
    )
    assert (
        rec.result == "nova-storage Bucket 'data': argument 'bucket_name' is <output>: r. Fix: f."
    )
