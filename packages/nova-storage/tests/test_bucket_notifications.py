"""The Bucket component's event notifications to Lambda, SQS, SNS and EventBridge."""

import pulumi_aws as aws
from storage_bucket_helpers import BUCKET, FUNCTION, NOTIFICATION, PERMISSION, QUEUE, TOPIC, _role

from nova_storage import TYPE_TOKEN, Bucket, BucketArgs
from nova_storage.bucket import NotificationArgs


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
