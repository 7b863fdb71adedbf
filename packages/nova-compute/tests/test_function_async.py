"""The Function component's asynchronous invocation: dead-letter targets, on-failure destinations
and retry limits, each with exactly the permission it needs."""

import pulumi
import pytest
from compute_function_helpers import ACCOUNT, FUNCTION, INVOKE_CONFIG, ROLE_POLICY, _policy


@pytest.mark.parametrize(
    ("arn", "action"),
    [
        (f"arn:aws:sqs:us-east-1:{ACCOUNT}:fn-dlq", "sqs:SendMessage"),
        (f"arn:aws:sns:us-east-1:{ACCOUNT}:fn-dlq", "sns:Publish"),
    ],
)
def test_dead_letter_queue_gets_exactly_one_send_permission(mock_stack, build, arn, action):
    rec = mock_stack.run(build(dead_letter_target_arn=arn))
    assert rec.get(FUNCTION).inputs["deadLetterConfig"] == {"targetArn": arn}
    assert _policy(rec, "fn-policy-dlq")["Statement"] == [
        {"Sid": "SendToDeadLetterTarget", "Effect": "Allow", "Action": [action], "Resource": arn}
    ]
    assert rec.named("fn-policy-dlq").urn in rec.get(FUNCTION).dependencies


def test_dead_letter_arn_as_output_is_checked_and_used(mock_stack, build):
    arn = f"arn:aws:sqs:us-east-1:{ACCOUNT}:later"
    rec = mock_stack.run(build(dead_letter_target_arn=pulumi.Output.from_input(arn)))
    assert _policy(rec, "fn-policy-dlq")["Statement"][0]["Resource"] == arn


def test_fails_when_an_output_dead_letter_arn_is_not_a_queue(mock_stack, build):
    with pytest.raises(
        ValueError,
        match=r"'dead_letter_target_arn' is 'arn:aws:s3:::bucket' \(checked when the Output "
        r"resolved\): must be sqs or sns ARN",
    ):
        mock_stack.run(
            build(dead_letter_target_arn=pulumi.Output.from_input("arn:aws:s3:::bucket"))
        )


@pytest.mark.parametrize(
    ("arn", "statements"),
    [
        (
            f"arn:aws:sqs:us-east-1:{ACCOUNT}:failures",
            [{"Sid": "SendToFailureDestination", "Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": f"arn:aws:sqs:us-east-1:{ACCOUNT}:failures"}],
        ),
        (
            f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/default",
            [{"Sid": "SendToFailureDestination", "Effect": "Allow", "Action": ["events:PutEvents"], "Resource": f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/default"}],
        ),
        (
            f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:on-failure",
            [{"Sid": "SendToFailureDestination", "Effect": "Allow", "Action": ["lambda:InvokeFunction"], "Resource": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:on-failure"}],
        ),
        (
            "arn:aws:s3:::failure-records",
            [
                {"Sid": "WriteFailureRecords", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::failure-records/*"},
                {"Sid": "ListFailureBucket", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::failure-records"},
            ],
        ),
    ],
)  # fmt: skip
def test_on_failure_destination_with_retry_limits(mock_stack, build, arn, statements):
    rec = mock_stack.run(
        build(
            on_failure_destination_arn=arn,
            async_max_retry_attempts=1,
            async_max_event_age_seconds=3600,
        )
    )
    config = rec.get(INVOKE_CONFIG)
    assert config.name == "fn-async-config"
    assert config.inputs == {
        "functionName": rec.get(FUNCTION).outputs["name"],
        "maximumRetryAttempts": 1,
        "maximumEventAgeInSeconds": 3600,
        "destinationConfig": {"onFailure": {"destination": arn}},
    }
    assert _policy(rec, "fn-policy-destination")["Statement"] == statements
    assert rec.named("fn-policy-destination").urn in config.dependencies
    assert rec.result.async_config is not None


def test_async_limits_alone_need_no_extra_policy(mock_stack, build):
    rec = mock_stack.run(build(async_max_retry_attempts=0))
    assert rec.get(INVOKE_CONFIG).inputs == {
        "functionName": rec.get(FUNCTION).outputs["name"],
        "maximumRetryAttempts": 0,
    }
    assert {p.name for p in rec.by_type(ROLE_POLICY)} == {"fn-policy-logs", "fn-policy-xray"}
