"""Values unknown before deployment, secrets, and the engine's pulumi-policy proxies."""

from __future__ import annotations

from policy_builders import res
from pulumi_policy.proxy import UNKNOWN_BOOLEAN_VALUE, UNKNOWN_STRING_VALUE, unknown_checking_proxy

from nova_policy import RULES_BY_ID, UNKNOWN, Resource, Stack, check
from nova_policy.model import plain


def test_an_unknown_value_leaves_the_rule_undecided_not_violated():
    fn = res("aws:lambda/function:Function", "fn", {"tracingConfig": {"mode": UNKNOWN}})
    report = check([fn])
    assert "L-03" not in report.by_rule() or report.by_rule()["L-03"] == []
    assert [(u.rule.id, u.path) for u in report.undecided if u.rule.id == "L-03"] == [
        ("L-03", "tracingConfig.mode")
    ]
    assert "L-03 aws:lambda/function:Function 'fn': tracingConfig.mode is unknown" in (
        report.format()
    )


def test_engine_sentinels_and_proxies_become_unknown():
    props = unknown_checking_proxy(
        {"policy": UNKNOWN_STRING_VALUE, "rules": [{"enabled": UNKNOWN_BOOLEAN_VALUE}]}
    )
    resource = Resource.create("aws:s3/bucketPolicy:BucketPolicy", "p", props)
    assert plain(resource.inputs) == {"policy": UNKNOWN, "rules": [{"enabled": UNKNOWN}]}
    assert RULES_BY_ID["S3-09"].check  # the rule reading it is undecided, not failed:
    report = check([resource])
    assert report.by_rule().get("S3-09", []) == []
    assert report.undecided


def test_secrets_are_read_as_their_value():
    secret = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": 7}
    resource = Resource.create("t:m:T", "r", {"memorySize": secret})
    assert resource.inputs["memorySize"] == 7


def test_references_by_property_dependency_when_values_are_unknown():
    bucket = res("aws:s3/bucket:Bucket", "b", state={"id": UNKNOWN})
    block = res(
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "pab",
        {"bucket": UNKNOWN},
        refs={"bucket": bucket},
    )
    other = res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "x", {"bucket": "b-1"})
    assert Stack([bucket, block, other]).referring(
        bucket, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "bucket"
    ) == [block]


def test_references_by_value_and_inside_json():
    queue = res("aws:sqs/queue:Queue", "q", state={"arn": "arn:aws:sqs:us-east-1:1:q-1"})
    redrive = res(
        "aws:sqs/redrivePolicy:RedrivePolicy",
        "r",
        {"redrivePolicy": '{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:1:q-1"}'},
    )
    stack = Stack([queue, redrive])
    assert stack.refers(redrive, "redrivePolicy", queue)
    assert not stack.refers(redrive, "queueUrl", queue)


def test_transitive_dependencies():
    a = res("t:m:A", "a")
    b = res("t:m:B", "b", deps=(a,))
    c = res("t:m:C", "c", deps=(b,))
    stack = Stack([a, b, c])
    assert stack.depends_on(c, a)
    assert not stack.depends_on(a, c)
