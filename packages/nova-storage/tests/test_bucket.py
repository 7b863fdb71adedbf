"""The Bucket component under the nova-testing mocks: defaults, features, grants, options."""

import inspect
import json
import typing

import pulumi
import pulumi_aws as aws
import pytest
from pulumi.provider.experimental.analyzer import Analyzer

from nova_storage import (
    TYPE_TOKEN,
    Bucket,
    BucketArgs,
    delete_policy_document,
    put_policy_document,
    read_policy_document,
    read_write_policy_document,
    write_policy_document,
)
from nova_storage.bucket import (
    AccessLogsArgs,
    CorsRuleArgs,
    LifecycleRuleArgs,
    LifecycleTransitionArgs,
    NoncurrentVersionTransitionArgs,
    NotificationArgs,
)
from nova_testing import Match, MockStack

BUCKET = "aws:s3/bucket:Bucket"
PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
ENCRYPTION = (
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
)
VERSIONING = "aws:s3/bucketVersioning:BucketVersioning"
POLICY = "aws:s3/bucketPolicy:BucketPolicy"
LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"
CORS = "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration"
LOGGING = "aws:s3/bucketLogging:BucketLogging"
NOTIFICATION = "aws:s3/bucketNotification:BucketNotification"
PERMISSION = "aws:lambda/permission:Permission"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
METRIC = "aws:s3/bucketMetric:BucketMetric"

KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer"
QUEUE = "arn:aws:sqs:us-east-1:123456789012:uploads"
TOPIC = "arn:aws:sns:us-east-1:123456789012:deletions"

DEFAULT_CHILDREN = {
    "data-bucket": BUCKET,
    "data-public-access-block": PUBLIC_ACCESS_BLOCK,
    "data-ownership-controls": OWNERSHIP,
    "data-encryption": ENCRYPTION,
    "data-versioning": VERSIONING,
    "data-policy": POLICY,
    "data-lifecycle": LIFECYCLE,
}


def _role(name="app-role"):
    return aws.iam.Role(name, assume_role_policy="{}")


def _policy(rec, name="data-policy"):
    return json.loads(rec.named(name).inputs["policy"])


# -- defaults ------------------------------------------------------------------------------
def test_default_bucket_registers_exactly_the_secure_children(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert rec.types() == {
        TYPE_TOKEN: 1,
        BUCKET: 1,
        PUBLIC_ACCESS_BLOCK: 1,
        OWNERSHIP: 1,
        ENCRYPTION: 1,
        VERSIONING: 1,
        POLICY: 1,
        LIFECYCLE: 1,
    }
    component = rec.get(TYPE_TOKEN)
    assert component.name == "data"
    assert component.parent_urn is None
    children = rec.children_of("data")
    assert {c.name: c.type for c in children} == DEFAULT_CHILDREN
    assert rec.children_of("data", recursive=True) == children
    rec.resource_count_is(METRIC, 0)  # request metrics belong to nova-observability
    rec.resource_count_is(NOTIFICATION, 0)


def test_bucket_needs_no_arguments(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data"))
    assert {c.name: c.type for c in rec.children_of("data")} == DEFAULT_CHILDREN
    default = inspect.signature(Bucket.__init__).parameters["args"].default
    assert default == {}  # the shared default is never mutated


def test_every_child_configures_this_bucket(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    name = rec.named("data-bucket").outputs["bucket"]
    for child in rec.children_of("data"):
        if child.type != BUCKET:
            assert child.inputs["bucket"] == name, child.name


def test_name_is_generated_from_the_logical_name_with_a_bucket_prefix(mock_stack):
    rec = mock_stack.run(lambda: Bucket("Raw_Uploads", BucketArgs()))
    bucket = rec.get(BUCKET)
    assert bucket.name == "Raw_Uploads-bucket"
    assert bucket.inputs["bucketPrefix"] == "raw-uploads-"
    assert "bucket" not in bucket.inputs
    generated = bucket.outputs["bucket"]
    assert generated.startswith("raw-uploads-")
    assert len(generated) <= 63


def test_explicit_bucket_name_is_used_as_is(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(bucket_name="acme-data-prod")))
    bucket = rec.get(BUCKET)
    assert bucket.inputs["bucket"] == "acme-data-prod"
    assert "bucketPrefix" not in bucket.inputs


def test_dotted_name_is_accepted_only_with_allow_dots(mock_stack):
    rec = mock_stack.run(
        lambda: Bucket("data", BucketArgs(bucket_name="acme.data", allow_dots_in_name=True))
    )
    assert rec.get(BUCKET).inputs["bucket"] == "acme.data"


def test_force_destroy_is_off_by_default_and_opt_in(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert rec.get(BUCKET).inputs["forceDestroy"] is False
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(force_destroy=True)))
    assert rec.get(BUCKET).inputs["forceDestroy"] is True


def test_tags_are_applied_to_the_bucket(mock_stack):
    tags = {"team": "data", "cost-center": "1234"}
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(tags=tags)))
    assert rec.get(BUCKET).inputs["tags"] == tags
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert "tags" not in rec.get(BUCKET).inputs


def test_tags_may_be_an_output(mock_stack):
    tags = pulumi.Output.from_input({"team": "data"})
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(tags=tags)))
    assert rec.get(BUCKET).inputs["tags"] == {"team": "data"}


def test_all_four_public_access_block_flags_are_on(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    rec.has_resource_properties(
        PUBLIC_ACCESS_BLOCK,
        Match.exact(
            {
                "bucket": rec.get(BUCKET).outputs["bucket"],
                "blockPublicAcls": True,
                "blockPublicPolicy": True,
                "ignorePublicAcls": True,
                "restrictPublicBuckets": True,
            }
        ),
    )


def test_acls_are_disabled_with_bucket_owner_enforced(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert rec.get(OWNERSHIP).inputs["rule"] == {"objectOwnership": "BucketOwnerEnforced"}


def test_default_encryption_is_explicit_sse_s3_and_blocks_sse_c(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert rec.get(ENCRYPTION).inputs["rules"] == [
        {
            "applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"},
            "blockedEncryptionTypes": ["SSE-C"],
        }
    ]
    assert rec.value(rec.result.kms_key_arn) is None


def test_kms_key_switches_to_sse_kms_with_bucket_key(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(kms_key_arn=KMS_KEY)))
    assert rec.get(ENCRYPTION).inputs["rules"] == [
        {
            "applyServerSideEncryptionByDefault": {
                "sseAlgorithm": "aws:kms",
                "kmsMasterKeyId": KMS_KEY,
            },
            "bucketKeyEnabled": True,
            "blockedEncryptionTypes": ["SSE-C"],
        }
    ]
    assert rec.value(rec.result.kms_key_arn) == KMS_KEY


def test_kms_key_from_an_output_is_accepted(mock_stack):
    def program():
        key = aws.kms.Key("key", enable_key_rotation=True)
        return Bucket("data", BucketArgs(kms_key_arn=key.arn))

    rec = mock_stack.run(program)
    key_arn = rec.get("aws:kms/key:Key").outputs["arn"]
    rule = rec.get(ENCRYPTION).inputs["rules"][0]
    assert rule["applyServerSideEncryptionByDefault"]["kmsMasterKeyId"] == key_arn
    assert rec.value(rec.result.kms_key_arn) == key_arn


def test_sse_c_can_be_allowed_explicitly(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(allow_sse_c_uploads=True)))
    assert rec.get(ENCRYPTION).inputs["rules"][0]["blockedEncryptionTypes"] == ["NONE"]
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(allow_sse_c_uploads=False)))
    assert rec.get(ENCRYPTION).inputs["rules"][0]["blockedEncryptionTypes"] == ["SSE-C"]


def test_versioning_is_enabled_by_default(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    assert rec.get(VERSIONING).inputs["versioningConfiguration"] == {"status": "Enabled"}


@pytest.mark.parametrize("value", [False, pulumi.Output.from_input(False)])
def test_versioning_off_means_suspended(mock_stack, value):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(versioning_enabled=value)))
    assert rec.get(VERSIONING).inputs["versioningConfiguration"] == {"status": "Suspended"}


# -- bucket policy -----------------------------------------------------------------------------
def test_bucket_policy_is_tls_only_statement_by_statement(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    arn = rec.get(BUCKET).outputs["arn"]
    policy = rec.get(POLICY)
    assert set(policy.inputs) == {"bucket", "policy"}
    document = json.loads(policy.inputs["policy"])
    assert document == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [arn, f"{arn}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
            {
                "Sid": "DenyOutdatedTls",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [arn, f"{arn}/*"],
                "Condition": {"NumericLessThan": {"s3:TlsVersion": 1.2}},
            },
        ],
    }


def test_bucket_policy_is_ordered_after_the_public_access_block(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    policy = rec.get(POLICY)
    assert rec.get(PUBLIC_ACCESS_BLOCK).urn in policy.explicit_dependencies
    assert rec.get(BUCKET).urn in policy.dependencies


def test_user_statements_are_merged_into_the_one_policy(mock_stack):
    statement = {
        "Sid": "PartnerRead",
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::210987654321:role/partner-reader"},
        "Action": ["s3:GetObject"],
        "Resource": "${bucket_arn}/shared/*",
    }
    vpc_only = {
        "Sid": "VpcEndpointRead",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": "${bucket_arn}/public-in-vpc/*",
        "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-0123456789abcdef0"}},
    }
    rec = mock_stack.run(
        lambda: Bucket("data", BucketArgs(policy_statements=[statement, vpc_only]))
    )
    rec.resource_count_is(POLICY, 1)
    arn = rec.get(BUCKET).outputs["arn"]
    statements = _policy(rec)["Statement"]
    assert [s["Sid"] for s in statements] == [
        "DenyInsecureTransport",
        "DenyOutdatedTls",
        "PartnerRead",
        "VpcEndpointRead",
    ]
    assert statements[2] == {**statement, "Resource": f"{arn}/shared/*"}
    assert statements[3] == {**vpc_only, "Resource": f"{arn}/public-in-vpc/*"}


def test_user_statement_may_use_the_literal_arn_of_a_named_bucket(mock_stack):
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "cloudfront.amazonaws.com"},
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::acme-site/*",
        "Condition": {
            "StringEquals": {
                "aws:SourceArn": "arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE"
            }
        },
    }
    rec = mock_stack.run(
        lambda: Bucket("site", BucketArgs(bucket_name="acme-site", policy_statements=[statement]))
    )
    assert _policy(rec, "site-policy")["Statement"][2] == statement


def test_statement_with_output_values_is_checked_when_resolved(mock_stack):
    def program():
        role = _role("partner")
        return Bucket(
            "data",
            BucketArgs(
                policy_statements=[
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": role.arn},
                        "Action": "s3:GetObject",
                        "Resource": "${bucket_arn}/*",
                    }
                ]
            ),
        )

    rec = mock_stack.run(program)
    role_arn = rec.get("aws:iam/role:Role").outputs["arn"]
    assert _policy(rec)["Statement"][2]["Principal"] == {"AWS": role_arn}


def test_fails_when_an_output_principal_resolves_to_everyone(mock_stack):
    everyone = pulumi.Output.from_input("*")
    statement = {
        "Effect": "Allow",
        "Principal": {"AWS": everyone},
        "Action": "s3:GetObject",
        "Resource": "${bucket_arn}/*",
    }
    with pytest.raises(ValueError, match=r"policy_statements\[0\]\.Principal.*public"):
        mock_stack.run(lambda: Bucket("data", BucketArgs(policy_statements=[statement])))


# -- lifecycle -----------------------------------------------------------------------------
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


# -- CORS, logging ---------------------------------------------------------------------------
def test_cors_rules(mock_stack):
    rules = [
        CorsRuleArgs(
            id="web",
            allowed_methods=["GET", "HEAD"],
            allowed_origins=["https://app.example.com", "https://*.example.com"],
            allowed_headers=["*"],
            expose_headers=["ETag"],
            max_age_seconds=3000,
        ),
        CorsRuleArgs(allowed_methods=["PUT"], allowed_origins=["https://upload.example.com"]),
    ]
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(cors_rules=rules)))
    cors = rec.named("data-cors")
    assert cors.type == CORS
    assert cors.parent_urn == rec.get(TYPE_TOKEN).urn
    assert cors.inputs["corsRules"] == [
        {
            "id": "web",
            "allowedMethods": ["GET", "HEAD"],
            "allowedOrigins": ["https://app.example.com", "https://*.example.com"],
            "allowedHeaders": ["*"],
            "exposeHeaders": ["ETag"],
            "maxAgeSeconds": 3000,
        },
        {"allowedMethods": ["PUT"], "allowedOrigins": ["https://upload.example.com"]},
    ]


def test_no_cors_configuration_without_rules(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(cors_rules=[])))
    rec.resource_count_is(CORS, 0)


def test_access_logs_go_to_the_target_bucket_with_a_default_prefix(mock_stack):
    rec = mock_stack.run(
        lambda: Bucket("data", BucketArgs(access_logs=AccessLogsArgs(target_bucket="acme-logs")))
    )
    logging = rec.named("data-logging")
    assert logging.type == LOGGING
    assert logging.inputs == {
        "bucket": rec.get(BUCKET).outputs["bucket"],
        "targetBucket": "acme-logs",
        "targetPrefix": "data/",
    }


def test_access_logs_to_another_component_bucket(mock_stack):
    def program():
        logs = Bucket("logs", BucketArgs())
        return Bucket(
            "data",
            BucketArgs(access_logs={"target_bucket": logs.bucket_name, "target_prefix": "s3/"}),
        )

    rec = mock_stack.run(program)
    logs_name = rec.named("logs-bucket").outputs["bucket"]
    assert rec.named("data-logging").inputs["targetBucket"] == logs_name
    assert rec.named("data-logging").inputs["targetPrefix"] == "s3/"
    rec.resource_count_is(LOGGING, 1)


def test_fails_when_an_output_log_target_resolves_to_the_bucket_itself(mock_stack):
    target = pulumi.Output.from_input("acme-data")
    with pytest.raises(ValueError, match=r"access_logs\.target_bucket.*must not log to itself"):
        mock_stack.run(
            lambda: Bucket(
                "data",
                BucketArgs(bucket_name="acme-data", access_logs={"target_bucket": target}),
            )
        )


# -- notifications ---------------------------------------------------------------------------
def test_notifications_to_lambda_sqs_and_sns_in_one_configuration(mock_stack):
    notifications = {
        "thumbnails": NotificationArgs(
            function_arn=FUNCTION,
            events=["s3:ObjectCreated:*"],
            filter_prefix="images/",
            filter_suffix=".jpg",
        ),
        "audit": NotificationArgs(topic_arn=TOPIC, events=["s3:ObjectRemoved:*"]),
        "ingest": NotificationArgs(
            queue_arn=QUEUE, events=["s3:ObjectCreated:Put"], filter_prefix="incoming/"
        ),
    }
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(notifications=notifications)))
    bucket = rec.get(BUCKET)
    rec.resource_count_is(NOTIFICATION, 1)
    rec.resource_count_is(PERMISSION, 1)

    permission = rec.named("data-invoke-thumbnails")
    assert permission.type == PERMISSION
    assert permission.parent_urn == rec.get(TYPE_TOKEN).urn
    assert permission.inputs == {
        "action": "lambda:InvokeFunction",
        "function": FUNCTION,
        "principal": "s3.amazonaws.com",
        "sourceArn": bucket.outputs["arn"],
        "sourceAccount": "123456789012",
    }

    notification = rec.named("data-notifications")
    assert notification.type == NOTIFICATION
    assert permission.urn in notification.explicit_dependencies
    assert notification.inputs == {
        "bucket": bucket.outputs["bucket"],
        "eventbridge": False,
        "lambdaFunctions": [
            {
                "id": "thumbnails",
                "lambdaFunctionArn": FUNCTION,
                "events": ["s3:ObjectCreated:*"],
                "filterPrefix": "images/",
                "filterSuffix": ".jpg",
            }
        ],
        "queues": [
            {
                "id": "ingest",
                "queueArn": QUEUE,
                "events": ["s3:ObjectCreated:Put"],
                "filterPrefix": "incoming/",
            }
        ],
        "topics": [{"id": "audit", "topicArn": TOPIC, "events": ["s3:ObjectRemoved:*"]}],
    }


def test_one_permission_per_function_notification_keyed_by_stable_key(mock_stack):
    notifications = {
        "b-second": {"function_arn": FUNCTION, "events": ["s3:ObjectRemoved:*"]},
        "a-first": {"function_arn": FUNCTION + "2", "events": ["s3:ObjectCreated:*"]},
    }
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(notifications=notifications)))
    permissions = rec.by_type(PERMISSION)
    assert sorted(p.name for p in permissions) == ["data-invoke-a-first", "data-invoke-b-second"]
    notification = rec.get(NOTIFICATION)
    assert {p.urn for p in permissions} <= set(notification.explicit_dependencies)
    assert [f["id"] for f in notification.inputs["lambdaFunctions"]] == ["a-first", "b-second"]
    assert [
        token for token, _ in mock_stack.mocks.calls if token.endswith("getCallerIdentity")
    ] == ["aws:index/getCallerIdentity:getCallerIdentity"]


def test_notification_to_a_function_component_output(mock_stack):
    def program():
        role = _role("fn-role")
        fn = aws.lambda_.Function(
            "fn", role=role.arn, runtime="python3.13", handler="h.handler", code=None
        )
        return Bucket(
            "data",
            BucketArgs(
                notifications={"fn": {"function_arn": fn.arn, "events": ["s3:ObjectCreated:*"]}}
            ),
        )

    rec = mock_stack.run(program)
    function_arn = rec.get("aws:lambda/function:Function").outputs["arn"]
    assert rec.get(PERMISSION).inputs["function"] == function_arn
    assert rec.get(NOTIFICATION).inputs["lambdaFunctions"][0]["lambdaFunctionArn"] == function_arn


def test_eventbridge_alone_creates_the_notification_without_invokes(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(eventbridge_enabled=True)))
    assert rec.get(NOTIFICATION).inputs == {
        "bucket": rec.get(BUCKET).outputs["bucket"],
        "eventbridge": True,
    }
    rec.resource_count_is(PERMISSION, 0)
    assert not [t for t, _ in mock_stack.mocks.calls if t.endswith("getCallerIdentity")]


def test_queue_only_notifications_need_no_permission(mock_stack):
    rec = mock_stack.run(
        lambda: Bucket(
            "data",
            BucketArgs(notifications={"q": {"queue_arn": QUEUE, "events": ["s3:ObjectCreated:*"]}}),
        )
    )
    rec.resource_count_is(PERMISSION, 0)
    assert rec.get(NOTIFICATION).explicit_dependencies == ()


# -- options: protect / retain ---------------------------------------------------------------
STATEFUL = {
    "data-bucket",
    "data-public-access-block",
    "data-ownership-controls",
    "data-encryption",
    "data-versioning",
    "data-policy",
    "data-lifecycle",
    "data-cors",
    "data-logging",
}


def _full_bucket(opts=None):
    bucket = Bucket(
        "data",
        BucketArgs(
            cors_rules=[{"allowed_methods": ["GET"], "allowed_origins": ["https://a.example"]}],
            access_logs={"target_bucket": "acme-logs"},
            notifications={"fn": {"function_arn": FUNCTION, "events": ["s3:ObjectCreated:*"]}},
        ),
        opts=opts,
    )
    bucket.grant_read(_role("reader"))
    return bucket


def test_protect_and_retain_on_delete_reach_the_bucket_and_its_configuration(mock_stack):
    rec = mock_stack.run(
        lambda: _full_bucket(pulumi.ResourceOptions(protect=True, retain_on_delete=True))
    )
    bucket = rec.get(BUCKET)
    assert bucket.protect is True
    assert bucket.retain_on_delete is True
    children = rec.children_of("data")
    assert {c.name for c in children} == STATEFUL | {
        "data-notifications",
        "data-invoke-fn",
        "data-read-reader",
    }
    for child in children:
        assert child.protect is True, child.name
        assert child.retain_on_delete is (child.name in STATEFUL), child.name


def test_nothing_is_protected_or_retained_by_default(mock_stack):
    rec = mock_stack.run(_full_bucket)
    for resource in rec.children_of("data"):
        assert resource.protect is False, resource.name
        assert resource.retain_on_delete is False, resource.name


def test_protect_alone_does_not_retain(mock_stack):
    rec = mock_stack.run(lambda: _full_bucket(pulumi.ResourceOptions(protect=True)))
    assert rec.get(BUCKET).protect is True
    assert rec.get(BUCKET).retain_on_delete is False


def test_caller_opts_are_not_copied_onto_children(mock_stack):
    def program():
        parent = pulumi.ComponentResource("test:index:Parent", "parent")
        before = _role("before")
        bucket = Bucket(
            "data",
            BucketArgs(),
            opts=pulumi.ResourceOptions(parent=parent, depends_on=[before], ignore_changes=["x"]),
        )
        parent.register_outputs({})
        return bucket

    rec = mock_stack.run(program)
    component = rec.get(TYPE_TOKEN)
    assert component.parent_urn == rec.named("parent").urn
    assert rec.named("before").urn in component.dependencies
    for child in rec.children_of("data"):
        assert child.parent_urn == component.urn
        assert rec.named("before").urn not in child.dependencies, child.name
        assert child.ignore_changes == (), child.name


# -- outputs ---------------------------------------------------------------------------------
def test_outputs(mock_stack):
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
    component = rec.result
    bucket = rec.get(BUCKET)
    assert isinstance(component.bucket, aws.s3.Bucket)
    assert rec.value(component.bucket.urn) == bucket.urn
    assert rec.value(component.bucket_name) == bucket.outputs["bucket"]
    assert rec.value(component.arn) == f"arn:aws:s3:::{bucket.outputs['bucket']}"
    assert rec.value(component.bucket_regional_domain_name) == (
        f"{bucket.outputs['bucket']}.s3.us-east-1.amazonaws.com"
    )
    assert component.kms_key_arn is None


def test_component_analyzer_accepts_the_component():
    result = Analyzer("nova-storage").analyze([Bucket])
    (component,) = result["component_definitions"].values()
    assert component.name == "Bucket"
    assert set(component.inputs) == {
        "bucketName",
        "allowDotsInName",
        "kmsKeyArn",
        "allowSseCUploads",
        "versioningEnabled",
        "abortIncompleteMultipartUploadDays",
        "noncurrentVersionExpirationDays",
        "lifecycleRules",
        "policyStatements",
        "corsRules",
        "accessLogs",
        "eventbridgeEnabled",
        "notifications",
        "forceDestroy",
        "tags",
    }
    assert set(component.outputs) == {
        "bucket",
        "bucketName",
        "arn",
        "bucketRegionalDomainName",
        "kmsKeyArn",
    }
    assert component.outputs["kmsKeyArn"].optional is True
    assert typing.get_type_hints(Bucket.__init__)["args"] is BucketArgs


# -- grants ----------------------------------------------------------------------------------
GRANTS = [
    ("grant_read", "read", read_policy_document),
    ("grant_write", "write", write_policy_document),
    ("grant_put", "put", put_policy_document),
    ("grant_delete", "delete", delete_policy_document),
    ("grant_read_write", "read-write", read_write_policy_document),
]


@pytest.mark.parametrize(("method", "kind", "builder"), GRANTS)
@pytest.mark.parametrize("key_prefix", [None, "reports/2026/"])
@pytest.mark.parametrize("kms", [None, KMS_KEY])
def test_grants_attach_the_pure_document_to_the_role(
    mock_stack, method, kind, builder, key_prefix, kms
):
    def program():
        bucket = Bucket("data", BucketArgs(kms_key_arn=kms) if kms else BucketArgs())
        role = _role("app-role")
        policy = getattr(bucket, method)(role, key_prefix)
        return bucket, role, policy

    rec = mock_stack.run(program)
    _, _, policy = rec.result
    assert isinstance(policy, aws.iam.RolePolicy)
    arn = rec.get(BUCKET).outputs["arn"]
    recorded = rec.get(ROLE_POLICY)
    assert recorded.name == f"data-{kind}-app-role"
    assert recorded.parent_urn == rec.get(TYPE_TOKEN).urn
    assert recorded.inputs["role"] == rec.get("aws:iam/role:Role").outputs["name"]
    document = json.loads(recorded.inputs["policy"])
    assert document == builder(arn, key_prefix, kms)
    resources = [s["Resource"] for s in document["Statement"]]
    objects = f"{arn}/{key_prefix or ''}*"
    assert objects in resources
    assert all(r in (arn, objects, KMS_KEY) for r in resources)
    assert (KMS_KEY in resources) is (kms is not None and kind != "delete")


def test_grant_write_never_includes_delete(mock_stack):
    def program():
        bucket = Bucket("data", BucketArgs())
        bucket.grant_write(_role())
        bucket.grant_read_write(_role("other"))

    rec = mock_stack.run(program)
    for recorded in rec.by_type(ROLE_POLICY):
        actions = [
            a for s in json.loads(recorded.inputs["policy"])["Statement"] for a in s["Action"]
        ]
        assert not [a for a in actions if "Delete" in a], recorded.name


def test_grant_to_a_role_name_string(mock_stack):
    def program():
        bucket = Bucket("data", BucketArgs())
        bucket.grant_put("ingest-role", "in/")

    rec = mock_stack.run(program)
    recorded = rec.get(ROLE_POLICY)
    assert recorded.name == "data-put-ingest-role"
    assert recorded.inputs["role"] == "ingest-role"


def test_grant_to_an_object_with_a_role_name_output(mock_stack):
    class FunctionLike(pulumi.ComponentResource):
        def __init__(self, name):
            super().__init__("test:index:Function", name)
            self.role_name = pulumi.Output.from_input(f"{name}-role-1234567")

    def program():
        bucket = Bucket("data", BucketArgs())
        bucket.grant_read(FunctionLike("api"))

    rec = mock_stack.run(program)
    recorded = rec.get(ROLE_POLICY)
    assert recorded.name == "data-read-api"
    assert recorded.inputs["role"] == "api-role-1234567"


def test_grant_to_a_plain_object_needs_a_grant_id(mock_stack):
    class Named:
        name = pulumi.Output.from_input("imported-role")

    def program():
        bucket = Bucket("data", BucketArgs())
        bucket.grant_delete(Named(), grant_id="cleanup")

    rec = mock_stack.run(program)
    recorded = rec.get(ROLE_POLICY)
    assert recorded.name == "data-delete-cleanup"
    assert recorded.inputs["role"] == "imported-role"


def test_grant_id_overrides_the_derived_key(mock_stack):
    def program():
        bucket = Bucket("data", BucketArgs())
        role = _role()
        bucket.grant_read(role, "a/")
        bucket.grant_read(role, "b/", grant_id="app-role-b")

    rec = mock_stack.run(program)
    assert sorted(r.name for r in rec.by_type(ROLE_POLICY)) == [
        "data-read-app-role",
        "data-read-app-role-b",
    ]


def test_grants_inherit_protect_but_are_not_retained(mock_stack):
    def program():
        bucket = Bucket(
            "data", BucketArgs(), opts=pulumi.ResourceOptions(protect=True, retain_on_delete=True)
        )
        bucket.grant_read("reader")

    rec = mock_stack.run(program)
    recorded = rec.get(ROLE_POLICY)
    assert recorded.protect is True
    assert recorded.retain_on_delete is False


def test_role_logical_names_are_sanitized_into_grant_keys(mock_stack):
    def program():
        bucket = Bucket("data", BucketArgs())
        bucket.grant_read(_role("team/app role"))

    rec = mock_stack.run(program)
    assert rec.get(ROLE_POLICY).name == "data-read-team-app-role"


# -- testing with other mocks ----------------------------------------------------------------
class EchoMocks(pulumi.runtime.Mocks):
    """The mocks many Pulumi examples show: every resource's inputs echoed back as its outputs,
    so outputs AWS computes (``arn``, a generated ``bucket`` name) stay unset."""

    def new_resource(self, args):
        return [args.name + "_id", args.inputs]

    def call(self, args):
        return {}


def test_echo_mocks_get_a_clear_message_instead_of_a_type_error():
    stack = MockStack(mocks=EchoMocks())

    def program():
        bucket = Bucket("data")
        bucket.grant_read_write("app-role")
        return bucket

    try:
        with pytest.raises(RuntimeError, match=r"nova_testing\.NovaMocks") as caught:
            stack.run(program)
    finally:
        stack.reset()
    message = str(caught.value)
    assert "'arn' output resolved to None" in message
    assert "echo the inputs back" in message
    assert "NoneType" not in message
