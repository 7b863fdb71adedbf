"""Pure policy builders: exact statements, no managed policies, wildcard only for X-Ray."""

import json

import pytest

from nova_compute._policies import (
    arn_service,
    dead_letter_policy,
    destination_policy,
    log_policy,
    policy_chars,
    statements_policy,
    to_json,
    trust_policy,
    xray_policy,
)


def test_trust_policy_allows_only_lambda_for_the_account():
    assert trust_policy("111122223333") == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "LambdaAssumeRole",
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}},
            }
        ],
    }


def test_log_policy_is_scoped_to_the_log_group_streams():
    arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/fn"
    statement = log_policy(arn)["Statement"]
    assert statement == [
        {
            "Sid": "WriteOwnLogGroup",
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": f"{arn}:*",
        }
    ]
    assert log_policy(arn + ":*")["Statement"][0]["Resource"] == f"{arn}:*"


def test_xray_policy_is_the_one_wildcard():
    assert xray_policy()["Statement"] == [
        {
            "Sid": "XRayWriteNoResourceScoping",
            "Effect": "Allow",
            "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
            "Resource": "*",
        }
    ]


@pytest.mark.parametrize(
    ("arn", "action"),
    [
        ("arn:aws:sqs:us-east-1:111122223333:dlq", "sqs:SendMessage"),
        ("arn:aws:sns:us-east-1:111122223333:dlq", "sns:Publish"),
    ],
)
def test_dead_letter_policy_sends_to_that_arn_only(arn, action):
    assert dead_letter_policy(arn)["Statement"] == [
        {"Sid": "SendToDeadLetterTarget", "Effect": "Allow", "Action": [action], "Resource": arn}
    ]


@pytest.mark.parametrize(
    ("arn", "action"),
    [
        ("arn:aws:sqs:us-east-1:111122223333:failures", "sqs:SendMessage"),
        ("arn:aws:sns:us-east-1:111122223333:failures", "sns:Publish"),
        ("arn:aws:lambda:us-east-1:111122223333:function:handler", "lambda:InvokeFunction"),
        ("arn:aws:events:us-east-1:111122223333:event-bus/default", "events:PutEvents"),
    ],
)
def test_destination_policy_sends_to_that_arn_only(arn, action):
    assert destination_policy(arn)["Statement"] == [
        {"Sid": "SendToFailureDestination", "Effect": "Allow", "Action": [action], "Resource": arn}
    ]


def test_s3_destination_writes_objects_and_lists_that_bucket():
    assert destination_policy("arn:aws:s3:::failures")["Statement"] == [
        {
            "Sid": "WriteFailureRecords",
            "Effect": "Allow",
            "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::failures/*",
        },
        {
            "Sid": "ListFailureBucket",
            "Effect": "Allow",
            "Action": "s3:ListBucket",
            "Resource": "arn:aws:s3:::failures",
        },
    ]


def test_statements_policy_defaults_effect_and_keeps_known_keys():
    doc = statements_policy(
        [
            {
                "Sid": "Read",
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::b/*",
                "Condition": {"Bool": {"aws:SecureTransport": "true"}},
            }
        ]
    )
    assert doc["Statement"] == [
        {
            "Sid": "Read",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::b/*",
            "Condition": {"Bool": {"aws:SecureTransport": "true"}},
        }
    ]


def test_policy_chars_ignore_whitespace_and_json_round_trips():
    doc = xray_policy()
    assert policy_chars(doc) == len(json.dumps(doc, separators=(",", ":")))
    assert policy_chars(doc) < len(to_json(doc))
    assert json.loads(to_json(doc)) == doc


def test_arn_service():
    assert arn_service("arn:aws:sqs:us-east-1:1:q") == "sqs"
    assert arn_service("not-an-arn") == ""
