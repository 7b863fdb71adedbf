"""object_created: one notifications entry per function, permission scoped, overlaps refused."""

import pulumi
import pulumi_aws as aws
import pytest

from nova_core import NovaInputError
from nova_storage import OBJECT_CREATED_EVENTS, Bucket, BucketArgs, object_created

FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:resize"
OTHER = "arn:aws:lambda:us-east-1:123456789012:function:index"
QUEUE = "arn:aws:sqs:us-east-1:123456789012:uploads"
PERMISSION = "aws:lambda/permission:Permission"
NOTIFICATION = "aws:s3/bucketNotification:BucketNotification"
OVERLAP_SOURCE = (
    r'\(S3 PutBucketNotificationConfiguration: "Configurations overlap\. Configurations on the '
    r'same bucket cannot share a common event type\."\)'
)


class FunctionLike(pulumi.ComponentResource):
    """Duck-typed like nova_compute.Function: an ARN output and a logical name, no .arn."""

    def __init__(self, name):
        super().__init__("test:index:Function", name)
        self.function_arn = pulumi.Output.from_input(
            f"arn:aws:lambda:us-east-1:123456789012:function:{name}-a1b2c3"
        )
        self.function_name = pulumi.Output.from_input(f"{name}-a1b2c3")
        self.register_outputs({})


def test_entry_for_a_plain_arn_with_filters():
    assert object_created(FUNCTION, prefix="images/", suffix=".jpg") == {
        "resize-images-jpg": {
            "function_arn": FUNCTION,
            "events": ["s3:ObjectCreated:*"],
            "filter_prefix": "images/",
            "filter_suffix": ".jpg",
        }
    }
    assert object_created(FUNCTION) == {
        "resize": {"function_arn": FUNCTION, "events": list(OBJECT_CREATED_EVENTS)}
    }
    assert list(object_created(FUNCTION, prefix="in/", key="thumbnails")) == ["thumbnails"]


def test_a_function_resource_is_invoked_with_a_scoped_permission_ordered_first(mock_stack):
    def program():
        role = aws.iam.Role("fn-role", assume_role_policy="{}")
        fn = aws.lambda_.Function(
            "resize", role=role.arn, runtime="python3.13", handler="h.handler", code=None
        )
        return Bucket("data", BucketArgs(notifications=object_created(fn, prefix="images/")))

    rec = mock_stack.run(program)
    function_arn = rec.get("aws:lambda/function:Function").outputs["arn"]
    permission = rec.named("data-invoke-resize-images")
    assert permission.inputs == {
        "action": "lambda:InvokeFunction",
        "function": function_arn,
        "principal": "s3.amazonaws.com",
        "sourceArn": rec.get("aws:s3/bucket:Bucket").outputs["arn"],
        "sourceAccount": "123456789012",
    }
    notification = rec.get(NOTIFICATION)
    assert permission.urn in notification.explicit_dependencies
    assert notification.inputs["lambdaFunctions"] == [
        {
            "id": "resize-images",
            "lambdaFunctionArn": function_arn,
            "events": ["s3:ObjectCreated:*"],
            "filterPrefix": "images/",
        }
    ]


def test_a_nova_style_function_and_merged_entries(mock_stack):
    def program():
        resize, index = FunctionLike("resize"), FunctionLike("index")
        notifications = {
            **object_created(resize, prefix="images/", suffix=".jpg"),
            **object_created(index, prefix="docs/"),
        }
        return Bucket("data", BucketArgs(notifications=notifications))

    rec = mock_stack.run(program)
    assert sorted(p.name for p in rec.by_type(PERMISSION)) == [
        "data-invoke-index-docs",
        "data-invoke-resize-images-jpg",
    ]
    functions = rec.get(NOTIFICATION).inputs["lambdaFunctions"]
    assert [(f["id"], f["lambdaFunctionArn"]) for f in functions] == [
        ("index-docs", "arn:aws:lambda:us-east-1:123456789012:function:index-a1b2c3"),
        ("resize-images-jpg", "arn:aws:lambda:us-east-1:123456789012:function:resize-a1b2c3"),
    ]


def test_an_output_arn_needs_a_key(mock_stack):
    arn = pulumi.Output.from_input(FUNCTION)
    rec = mock_stack.run(
        lambda: Bucket("data", BucketArgs(notifications=object_created(arn, key="resize")))
    )
    assert rec.get(PERMISSION).inputs["function"] == FUNCTION


def test_fails_when_no_key_can_be_derived_from_an_output_arn():
    with pytest.raises(NovaInputError, match=r"argument 'key' is None: .*Fix: pass key="):
        object_created(pulumi.Output.from_input(FUNCTION))


def test_fails_when_the_function_is_not_a_function():
    with pytest.raises(
        NovaInputError,
        match=r"nova-storage object_created 'notification': argument 'function' is '<int>': "
        r"must be a Lambda function",
    ):
        object_created(42)


def test_fails_when_a_filter_is_not_a_string():
    with pytest.raises(NovaInputError, match=r"argument 'suffix' is 1: must be a string"):
        object_created(FUNCTION, suffix=1)


# -- overlapping configurations: refused before anything registers ---------------------------
OVERLAPS = [
    (
        "same-function-twice-no-filters",
        {**object_created(FUNCTION), **object_created(OTHER)},
    ),
    (
        "empty-prefix-overlaps-every-prefix",
        {**object_created(FUNCTION), **object_created(OTHER, prefix="images/")},
    ),
    (
        "empty-suffix-overlaps-every-suffix",
        {
            **object_created(FUNCTION, prefix="a/"),
            **object_created(OTHER, prefix="a/b/", suffix=".x"),
        },
    ),
    (
        "nested-prefixes-same-suffix",
        {
            **object_created(FUNCTION, prefix="in/", suffix=".jpg"),
            **object_created(OTHER, prefix="in/raw/", suffix="thumb.jpg"),
        },
    ),
    (
        "wildcard-versus-put",
        {
            **object_created(FUNCTION, prefix="in/"),
            "ingest": {
                "queue_arn": QUEUE,
                "events": ["s3:ObjectCreated:Put"],
                "filter_prefix": "in/x",
            },
        },
    ),
]


@pytest.mark.parametrize("notifications", [c[1] for c in OVERLAPS], ids=[c[0] for c in OVERLAPS])
def test_fails_when_object_created_entries_overlap(fails, notifications):
    error = fails(
        BucketArgs(notifications=notifications), rf"overlaps notification .*{OVERLAP_SOURCE}"
    )
    assert error.fix == "give them disjoint filter_prefix/filter_suffix values or disjoint events"


def test_a_suffix_filter_overlaps_another_prefix_filter(fails):
    # "docs/a.jpg" matches both, so S3 would refuse the pair.
    notifications = {
        **object_created(FUNCTION, suffix=".jpg"),
        **object_created(OTHER, prefix="docs/"),
    }
    fails(
        BucketArgs(notifications=notifications),
        r"'notifications\[\"index-docs\"\]' is .*overlaps notification 'resize-jpg'",
    )


def test_disjoint_entries_pass(mock_stack):
    notifications = {
        **object_created(FUNCTION, prefix="images/", suffix=".jpg"),
        **object_created(FUNCTION, prefix="images/", suffix=".png"),
        **object_created(OTHER, prefix="docs/"),
        "removed": {"queue_arn": QUEUE, "events": ["s3:ObjectRemoved:*"]},
    }
    rec = mock_stack.run(lambda: Bucket("data", BucketArgs(notifications=notifications)))
    assert len(rec.get(NOTIFICATION).inputs["lambdaFunctions"]) == 3
    assert len(rec.by_type(PERMISSION)) == 3
