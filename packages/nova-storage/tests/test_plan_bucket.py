"""The plan: every default in one place, checks before registration, Outputs passed through."""

import dataclasses
import json

import pulumi
import pytest

from nova_storage import Bucket, BucketArgs
from nova_storage._naming import bucket_prefix_for
from nova_storage._plan.bucket import (
    DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS,
    DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
    BucketPlan,
    LifecycleRulePlan,
    plan_bucket,
)
from nova_storage._rules.lifecycle import ABORT_RULE_ID, NONCURRENT_RULE_ID

QUEUE = "arn:aws:sqs:us-east-1:123456789012:uploads"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer"


@pytest.mark.parametrize("args", [None, BucketArgs(), {}], ids=["none", "empty-args", "dict"])
def test_the_plan_of_no_arguments_holds_every_default(args):
    plan = plan_bucket("Raw_Data", args)
    assert plan == BucketPlan(
        name="Raw_Data",
        bucket_name=None,
        bucket_prefix=bucket_prefix_for("Raw_Data"),
        force_destroy=False,
        tags=None,
        kms_key_arn=None,
        allow_sse_c_uploads=False,
        versioning_enabled=True,
        policy_statements=[],
        lifecycle_rules=(
            LifecycleRulePlan(id=ABORT_RULE_ID, abort_incomplete_multipart_upload_days=7),
            LifecycleRulePlan(id=NONCURRENT_RULE_ID, noncurrent_expiration_days=30),
        ),
        cors_rules=(),
        access_logs=None,
        eventbridge_enabled=False,
        notifications=(),
    )
    assert (
        DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS,
        DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
    ) == (
        7,
        30,
    )
    assert plan.has_notification_configuration is False


def test_the_plan_is_frozen():
    plan = plan_bucket("data", BucketArgs())
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.force_destroy = True  # type: ignore[misc]


def test_explicit_none_values_mean_the_default():
    plan = plan_bucket("data", BucketArgs(versioning_enabled=None, force_destroy=None))
    assert (plan.versioning_enabled, plan.force_destroy) == (True, False)


def test_the_plan_resolves_rule_and_log_defaults_and_sorts_notifications():
    plan = plan_bucket(
        "data",
        BucketArgs(
            lifecycle_rules=[{"id": "x", "expiration_date": "2030-01-01T00:00:00Z"}],
            access_logs={"target_bucket": "acme-logs"},
            notifications={
                "b": {"queue_arn": QUEUE, "events": ["s3:ObjectRemoved:*"]},
                "a": {"function_arn": FUNCTION, "events": ["s3:ObjectCreated:*"]},
            },
        ),
    )
    (rule,) = plan.lifecycle_rules[2:]
    assert (rule.enabled, rule.expiration_date, rule.filter_conditions) == (True, "2030-01-01", 0)
    assert (plan.access_logs.target_bucket, plan.access_logs.target_prefix) == (
        "acme-logs",
        "data/",
    )
    assert [(n.key, n.kind) for n in plan.notifications] == [("a", "function"), ("b", "queue")]
    assert plan.has_notification_configuration is True


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
    plan = plan_bucket("data", args)  # plain parts checked, Output parts left for later
    assert [r.id for r in plan.lifecycle_rules][3] == "dated-from-output"
    rec = mock_stack.run(lambda: Bucket("data", args))
    rules = rec.get("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs
    assert rules["rules"][2]["id"] == "from-output"
    assert rules["rules"][2]["transitions"][1] == {"storageClass": "DEEP_ARCHIVE", "days": 200}
    policy = json.loads(rec.get("aws:s3/bucketPolicy:BucketPolicy").inputs["policy"])
    assert [s.get("Sid") for s in policy["Statement"]][2:] == [None, "FromOutput"]
    assert policy["Statement"][3]["Resource"] == ["arn:aws:s3:::acme-data/b/*"]
    assert rec.named("data-logging").inputs["targetBucket"] == "acme-logs"


OUTPUT_SETTINGS = [
    ("versioning_enabled", "yes", r"'versioning_enabled' is 'yes' \(checked when the Output"),
    ("force_destroy", 1, r"'force_destroy' is 1 \(checked when the Output resolved\): must be"),
    ("abort_incomplete_multipart_upload_days", 0, r"is 0 \(checked when .*at least 1"),
    ("kms_key_arn", "alias/data", r"'kms_key_arn' is 'alias/data' \(checked when .*KMS key"),
]


@pytest.mark.parametrize(("key", "value", "pattern"), OUTPUT_SETTINGS, ids=lambda v: str(v)[:20])
def test_fails_when_an_output_setting_resolves_to_a_bad_value(
    mock_stack, caplog, key, value, pattern
):
    args = BucketArgs(**{key: pulumi.Output.from_input(value)})
    with pytest.raises(ValueError, match=pattern):
        mock_stack.run(lambda: Bucket("data", args))
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors[0].startswith(f"nova-storage Bucket 'data': argument '{key}'")


def test_output_settings_that_are_valid_pass_through(mock_stack):
    args = BucketArgs(
        versioning_enabled=pulumi.Output.from_input(False),
        noncurrent_version_expiration_days=pulumi.Output.from_input(9),
    )
    rec = mock_stack.run(lambda: Bucket("data", args))
    versioning = rec.get("aws:s3/bucketVersioning:BucketVersioning").inputs
    assert versioning["versioningConfiguration"] == {"status": "Suspended"}
    rules = rec.get("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs
    assert rules["rules"][1]["noncurrentVersionExpiration"] == {"noncurrentDays": 9}
