"""Lifecycle rules: every S3 lifecycle constraint has a failing-input test."""

import pytest

from nova_storage import Bucket, BucketArgs
from nova_storage._rules.lifecycle import MAX_LIFECYCLE_RULES

LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"


def _rule(**extra):
    return {"id": "r", **extra}


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
    ("not-a-dict", ["r"], r"'lifecycle_rules\[0\]' is 'r': must be a dict"),
    ("no-action", [_rule(prefix="x/")], r"needs at least one action"),
    ("no-action-disabled-marker", [_rule(expired_object_delete_marker=False)], r"at least one"),
    ("expiration-zero", [_rule(expiration_days=0)], r"expiration_days' is 0: must be at least 1"),
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
    ("size-negative", [_rule(object_size_greater_than_bytes=-1, expiration_days=1)], r"least 0"),
    ("size-less-zero", [_rule(object_size_less_than_bytes=0, expiration_days=1)], r"least 1"),
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
        r"tags\[\"k+\"\] \(key\)' is 'k+': must be at most 128",
    ),
    ("abort-zero", [_rule(abort_incomplete_multipart_upload_days=0)], r"must be at least 1"),
    ("enabled-not-bool", [_rule(enabled="yes", expiration_days=1)], r"must be True or False"),
]


@pytest.mark.parametrize(
    ("rules", "pattern"), [c[1:] for c in LIFECYCLE_CASES], ids=[c[0] for c in LIFECYCLE_CASES]
)
def test_fails_when_a_lifecycle_rule_breaks_an_s3_constraint(fails, rules, pattern):
    fails(BucketArgs(lifecycle_rules=rules), pattern)


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
    rules_recorded = rec.get(LIFECYCLE).inputs["rules"]
    assert len(rules_recorded) == len(rules) + 2
