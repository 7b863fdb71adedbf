"""The Bucket component's CORS configuration and server access logging."""

import pulumi
import pytest
from storage_bucket_helpers import BUCKET, CORS, LOGGING

from nova_storage import TYPE_TOKEN, Bucket, BucketArgs
from nova_storage.bucket import AccessLogsArgs, CorsRuleArgs


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
