"""The Bucket component's lifecycle configuration: default rules and the caller's rules."""

import pulumi
from storage_bucket_helpers import LIFECYCLE, VERSIONING

from nova_storage import Bucket, BucketArgs
from nova_storage.bucket import (
    LifecycleRuleArgs,
    LifecycleTransitionArgs,
    NoncurrentVersionTransitionArgs,
)

DEFAULT_RULES = [
    {
        "id": "nova-abort-incomplete-multipart-uploads",
        "status": "Enabled",
        "filter": {},
        "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7},
    },
    {
        "id": "nova-expire-noncurrent-versions",
        "status": "Enabled",
        "filter": {},
        "noncurrentVersionExpiration": {"noncurrentDays": 30},
    },
]


def test_lifecycle_aborts_uploads_and_expires_noncurrent_versions(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    lifecycle = rec.get(LIFECYCLE)
    assert lifecycle.inputs["rules"] == DEFAULT_RULES
    assert rec.get(VERSIONING).urn in lifecycle.explicit_dependencies


def test_lifecycle_default_days_are_configurable(mock_stack):
    rec = mock_stack.run(
        lambda: Bucket(
            "data",
            BucketArgs(
                abort_incomplete_multipart_upload_days=2, noncurrent_version_expiration_days=90
            ),
        )
    )
    rules = rec.get(LIFECYCLE).inputs["rules"]
    assert rules[0]["abortIncompleteMultipartUpload"] == {"daysAfterInitiation": 2}
    assert rules[1]["noncurrentVersionExpiration"] == {"noncurrentDays": 90}


def test_noncurrent_rule_is_kept_when_versioning_is_suspended(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(versioning_enabled=False)))
    assert rec.get(LIFECYCLE).inputs["rules"] == DEFAULT_RULES


def test_user_lifecycle_rules_follow_the_defaults_with_their_filters(mock_stack):
    rules = [
        LifecycleRuleArgs(
            id="archive-reports",
            prefix="reports/",
            transitions=[
                LifecycleTransitionArgs(storage_class="STANDARD_IA", days=30),
                LifecycleTransitionArgs(storage_class="GLACIER", days=60),
            ],
            expiration_days=365,
        ),
        LifecycleRuleArgs(id="tmp-by-tag", tags={"lifetime": "short"}, expiration_days=1),
        LifecycleRuleArgs(
            id="big-old-versions",
            prefix="media/",
            tags={"kind": "video", "tier": "cold"},
            object_size_greater_than_bytes=1024 * 1024,
            object_size_less_than_bytes=1024**4,
            noncurrent_version_transitions=[
                NoncurrentVersionTransitionArgs(
                    storage_class="GLACIER_IR", noncurrent_days=0, newer_noncurrent_versions=2
                )
            ],
            noncurrent_version_expiration_days=180,
            newer_noncurrent_versions=5,
        ),
        LifecycleRuleArgs(id="small-only", object_size_less_than_bytes=128, expiration_days=7),
        LifecycleRuleArgs(id="markers", expired_object_delete_marker=True, enabled=False),
        LifecycleRuleArgs(
            id="dated",
            transitions=[LifecycleTransitionArgs(storage_class="DEEP_ARCHIVE", date="2027-01-01")],
            expiration_date="2028-01-01T00:00:00Z",
        ),
        LifecycleRuleArgs(
            id="uploads", prefix="uploads/", abort_incomplete_multipart_upload_days=1
        ),
    ]
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(lifecycle_rules=rules)))
    recorded = rec.get(LIFECYCLE).inputs["rules"]
    assert recorded[:2] == DEFAULT_RULES
    assert recorded[2:] == [
        {
            "id": "archive-reports",
            "status": "Enabled",
            "filter": {"prefix": "reports/"},
            "transitions": [
                {"storageClass": "STANDARD_IA", "days": 30},
                {"storageClass": "GLACIER", "days": 60},
            ],
            "expiration": {"days": 365},
        },
        {
            "id": "tmp-by-tag",
            "status": "Enabled",
            "filter": {"tag": {"key": "lifetime", "value": "short"}},
            "expiration": {"days": 1},
        },
        {
            "id": "big-old-versions",
            "status": "Enabled",
            "filter": {
                "and": {
                    "prefix": "media/",
                    "tags": {"kind": "video", "tier": "cold"},
                    "objectSizeGreaterThan": 1024 * 1024,
                    "objectSizeLessThan": 1024**4,
                }
            },
            "noncurrentVersionTransitions": [
                {"storageClass": "GLACIER_IR", "noncurrentDays": 0, "newerNoncurrentVersions": 2}
            ],
            "noncurrentVersionExpiration": {"noncurrentDays": 180, "newerNoncurrentVersions": 5},
        },
        {
            "id": "small-only",
            "status": "Enabled",
            "filter": {"objectSizeLessThan": 128},
            "expiration": {"days": 7},
        },
        {
            "id": "markers",
            "status": "Disabled",
            "filter": {},
            "expiration": {"expiredObjectDeleteMarker": True},
        },
        {
            "id": "dated",
            "status": "Enabled",
            "filter": {},
            "transitions": [{"storageClass": "DEEP_ARCHIVE", "date": "2027-01-01"}],
            "expiration": {"date": "2028-01-01"},
        },
        {
            "id": "uploads",
            "status": "Enabled",
            "filter": {"prefix": "uploads/"},
            "abortIncompleteMultipartUpload": {"daysAfterInitiation": 1},
        },
    ]


def test_lifecycle_rule_enabled_may_be_an_output(mock_stack):
    rule = LifecycleRuleArgs(id="x", expiration_days=3, enabled=pulumi.Output.from_input(False))
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(lifecycle_rules=[rule])))
    assert rec.get(LIFECYCLE).inputs["rules"][2]["status"] == "Disabled"


def test_newer_noncurrent_versions_always_come_with_a_filter_element(mock_stack):
    rule = LifecycleRuleArgs(
        id="keep-five", noncurrent_version_expiration_days=1, newer_noncurrent_versions=5
    )
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(lifecycle_rules=[rule])))
    recorded = rec.get(LIFECYCLE).inputs["rules"][2]
    assert recorded["filter"] == {}
    assert recorded["noncurrentVersionExpiration"] == {
        "noncurrentDays": 1,
        "newerNoncurrentVersions": 5,
    }
