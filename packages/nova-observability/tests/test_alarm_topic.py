import json

import pulumi
import pytest

from nova_core import NovaInputError
from nova_observability import AlarmTopic, AlarmTopicArgs
from nova_testing.identity import alias_urns

TOPIC = "aws:sns/topic:Topic"
POLICY = "aws:sns/topicPolicy:TopicPolicy"
KEY = "aws:kms/key:Key"
SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription"
PERMISSION = "aws:lambda/permission:Permission"
LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:notify"
QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:alarm-events"
DLQ_ARN = "arn:aws:sqs:us-east-1:123456789012:alarm-dlq"


def run(mock_stack, args: AlarmTopicArgs | None = None):
    return mock_stack.run(lambda: AlarmTopic("alarms", args if args is not None else {}))


def statements(rec) -> dict[str, dict]:
    doc = json.loads(rec.get(POLICY).inputs["policy"])
    assert doc["Version"] == "2012-10-17"
    return {s["Sid"]: s for s in doc["Statement"]}


def test_defaults_create_a_standard_unencrypted_topic_and_its_policy_only(mock_stack):
    rec = run(mock_stack)
    assert {r.type for r in rec} == {"nova-observability:index:AlarmTopic", TOPIC, POLICY}
    topic = rec.get(TOPIC)
    assert topic.name == "alarms-topic"
    assert topic.inputs["fifoTopic"] is False
    assert "kmsMasterKeyId" not in topic.inputs
    assert "name" not in topic.inputs
    assert topic.inputs["tags"] == {"managed-by": "nova-observability"}
    policy = rec.get(POLICY)
    assert policy.name == "alarms-policy"
    assert policy.inputs["arn"] == topic.outputs["arn"]
    assert {c.name for c in rec.children_of("alarms")} == {"alarms-topic", "alarms-policy"}
    component = rec.result
    assert rec.value(component.topic_arn) == topic.outputs["arn"]
    assert rec.value(component.topic_name) == topic.outputs["name"]
    assert component.kms_key is None
    assert component.kms_key_arn is None
    assert component.subscriptions == {}


def test_topic_policy_lets_only_cloudwatch_of_this_account_publish(mock_stack):
    rec = run(mock_stack)
    arn = rec.get(TOPIC).outputs["arn"]
    found = statements(rec)
    assert set(found) == {
        "AllowCloudWatchAlarmsToPublish",
        "AllowOwningAccountToManage",
        "DenyPublishWithoutTls",
    }
    assert found["AllowCloudWatchAlarmsToPublish"] == {
        "Sid": "AllowCloudWatchAlarmsToPublish",
        "Effect": "Allow",
        "Principal": {"Service": "cloudwatch.amazonaws.com"},
        "Action": "sns:Publish",
        "Resource": arn,
        "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
    }


def test_topic_policy_lets_account_principals_manage_the_topic(mock_stack):
    rec = run(mock_stack)
    manage = statements(rec)["AllowOwningAccountToManage"]
    assert manage["Effect"] == "Allow"
    assert manage["Principal"] == {"AWS": "arn:aws:iam::123456789012:root"}
    assert manage["Action"] == [
        "sns:AddPermission",
        "sns:DeleteTopic",
        "sns:GetTopicAttributes",
        "sns:ListSubscriptionsByTopic",
        "sns:Publish",
        "sns:RemovePermission",
        "sns:SetTopicAttributes",
        "sns:Subscribe",
    ]
    assert manage["Resource"] == rec.get(TOPIC).outputs["arn"]
    assert "Condition" not in manage


def test_topic_policy_denies_publishing_without_tls(mock_stack):
    rec = run(mock_stack)
    deny = statements(rec)["DenyPublishWithoutTls"]
    assert deny == {
        "Sid": "DenyPublishWithoutTls",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "sns:Publish",
        "Resource": rec.get(TOPIC).outputs["arn"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def test_no_statement_allows_anyone_outside_the_account(mock_stack):
    rec = run(mock_stack)
    for statement in statements(rec).values():
        if statement["Effect"] == "Allow":
            assert statement["Principal"] != "*"
            assert "*" not in json.dumps(statement["Principal"])


def test_create_kms_key_encrypts_with_a_rotating_key_cloudwatch_may_use(mock_stack):
    rec = run(mock_stack, AlarmTopicArgs(create_kms_key=True, tags={"team": "payments"}))
    key = rec.get(KEY)
    assert key.name == "alarms-key"
    assert key.inputs["enableKeyRotation"] is True
    assert key.inputs["deletionWindowInDays"] == 30
    assert key.inputs["isEnabled"] is True
    assert key.inputs["bypassPolicyLockoutSafetyCheck"] is False
    assert key.inputs["tags"] == {"managed-by": "nova-observability", "team": "payments"}
    policy = json.loads(key.inputs["policy"])
    found = {s["Sid"]: s for s in policy["Statement"]}
    assert found == {
        "EnableAccountAdministration": {
            "Sid": "EnableAccountAdministration",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
            "Action": "kms:*",
            "Resource": "*",
        },
        "AllowCloudWatchAlarmsToUseTheKey": {
            "Sid": "AllowCloudWatchAlarmsToUseTheKey",
            "Effect": "Allow",
            "Principal": {"Service": "cloudwatch.amazonaws.com"},
            "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
            "Resource": "*",
            "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
        },
    }
    topic = rec.get(TOPIC)
    assert topic.inputs["kmsMasterKeyId"] == key.outputs["arn"]
    assert rec.value(rec.result.kms_key_arn) == key.outputs["arn"]
    assert rec.result.kms_key is not None


def test_customer_managed_key_arn_is_used_as_given(mock_stack):
    key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    rec = run(mock_stack, AlarmTopicArgs(kms_key_arn=key_arn))
    rec.resource_count_is(KEY, 0)
    assert rec.get(TOPIC).inputs["kmsMasterKeyId"] == key_arn
    assert rec.value(rec.result.kms_key_arn) == key_arn


def test_topic_name_is_used_when_given(mock_stack):
    rec = run(mock_stack, AlarmTopicArgs(topic_name="shop-prod-alarms"))
    assert rec.get(TOPIC).inputs["name"] == "shop-prod-alarms"
    assert rec.value(rec.result.topic_name) == "shop-prod-alarms"


def test_subscriptions_for_every_protocol(mock_stack):
    rec = run(
        mock_stack,
        AlarmTopicArgs(
            subscriptions={
                "oncall": {"protocol": "email", "endpoint": "oncall@example.com"},
                "chat": {"protocol": "https", "endpoint": "https://hooks.example.com/alarms"},
                "events": {"protocol": "sqs", "endpoint": QUEUE_ARN,
                           "dead_letter_queue_arn": DLQ_ARN},
                "notify": {"protocol": "lambda", "endpoint": LAMBDA_ARN},
            }
        ),
    )  # fmt: skip
    topic_arn = rec.get(TOPIC).outputs["arn"]
    policy_urn = rec.get(POLICY).urn
    rec.resource_count_is(SUBSCRIPTION, 4)
    expected = {
        "alarms-subscription-oncall": ("email", "oncall@example.com"),
        "alarms-subscription-chat": ("https", "https://hooks.example.com/alarms"),
        "alarms-subscription-events": ("sqs", QUEUE_ARN),
        "alarms-subscription-notify": ("lambda", LAMBDA_ARN),
    }
    for name, (protocol, endpoint) in expected.items():
        sub = rec.named(name)
        assert sub.inputs["protocol"] == protocol
        assert sub.inputs["endpoint"] == endpoint
        assert sub.inputs["topic"] == topic_arn
        assert policy_urn in sub.dependencies
    assert json.loads(rec.named("alarms-subscription-events").inputs["redrivePolicy"]) == {
        "deadLetterTargetArn": DLQ_ARN
    }
    assert "redrivePolicy" not in rec.named("alarms-subscription-oncall").inputs
    permission = rec.get(PERMISSION)
    assert permission.name == "alarms-permission-notify"
    assert permission.inputs == {
        "action": "lambda:InvokeFunction",
        "function": LAMBDA_ARN,
        "principal": "sns.amazonaws.com",
        "sourceArn": topic_arn,
    }
    assert permission.urn in rec.named("alarms-subscription-notify").explicit_dependencies
    assert set(rec.result.subscriptions) == {"oncall", "chat", "events", "notify"}


def test_children_renamed_in_0_2_keep_their_0_1_identity(mock_stack):
    rec = run(
        mock_stack,
        AlarmTopicArgs(subscriptions={"notify": {"protocol": "lambda", "endpoint": LAMBDA_ARN}}),
    )
    renamed = {
        "alarms-subscription-notify": "alarms-notify-subscription",
        "alarms-permission-notify": "alarms-notify-permission",
    }
    for name, old in renamed.items():
        child = rec.named(name)
        # 0.1.0's URN: the same parent and type, the old name
        assert alias_urns(child.urn, child.type, child.name, child.parent_urn, child.aliases) == {
            child.urn.replace(f"::{name}", f"::{old}")
        }
    assert rec.named("alarms-topic").aliases == ()


def test_subscription_endpoints_may_be_outputs(mock_stack):
    rec = run(
        mock_stack,
        AlarmTopicArgs(
            subscriptions={
                "notify": {"protocol": "lambda", "endpoint": pulumi.Output.from_input(LAMBDA_ARN)}
            }
        ),
    )
    assert rec.get(PERMISSION).inputs["function"] == LAMBDA_ARN


AWS_MANAGED_KEY = r"this is an AWS managed key.*silently dropped.*create_kms_key=True"
FAILURES = [
    ("managed-alias", {"kms_key_arn": "alias/aws/sns"}, AWS_MANAGED_KEY),
    ("managed-alias-arn", {"kms_key_arn": "arn:aws:kms:us-east-1:123456789012:alias/aws/sns"},
     AWS_MANAGED_KEY),
    ("not-a-key", {"kms_key_arn": "my-key"}, r"must be a KMS key id, key ARN, alias"),
    ("two-key-choices", {"kms_key_arn": "alias/alarms", "create_kms_key": True},
     r"argument 'kms_key_arn'.*both choose the topic's key"),
    ("create-key-not-bool", {"create_kms_key": "yes"}, r"must be True or False"),
    ("fifo-name", {"topic_name": "alarms.fifo"}, r"alarm topics must be standard topics"),
    ("name-charset", {"topic_name": "shop alarms"}, r"topic names are 1-256 characters"),
    ("name-too-long", {"topic_name": "a" * 257}, r"topic names are 1-256 characters"),
    ("name-empty", {"topic_name": ""}, r"topic names are 1-256 characters"),
    ("unknown-arg", {"fifo_topic": True}, r"argument 'fifo_topic' is True: 'fifo_topic' is not a known key"),
    ("subscriptions-not-mapping", {"subscriptions": ["oncall@example.com"]},
     r"argument 'subscriptions'.*must be a dict"),
    ("bad-subscription-key", {"subscriptions": {"on call": {"protocol": "email",
                                                             "endpoint": "a@example.com"}}},
     r"keys must be 1-64"),
    ("unknown-subscription-field", {"subscriptions": {"a": {"protocol": "email",
                                                            "endpoint": "a@example.com",
                                                            "raw": True}}},
     r"'raw' is not a known key.*protocol, endpoint, dead_letter_queue_arn"),
    ("protocol-sms", {"subscriptions": {"a": {"protocol": "sms", "endpoint": "+15555550100"}}},
     r"protocol' is 'sms': must be one of 'email', 'https', 'sqs', 'lambda'"),
    ("missing-endpoint", {"subscriptions": {"a": {"protocol": "email"}}},
     r"every subscription needs an endpoint"),
    ("bad-email", {"subscriptions": {"a": {"protocol": "email", "endpoint": "oncall"}}},
     r"endpoint' is 'oncall': must be an email address"),
    ("http-url", {"subscriptions": {"a": {"protocol": "https",
                                          "endpoint": "http://hooks.example.com"}}},
     r"need an https:// URL"),
    ("url-without-host", {"subscriptions": {"a": {"protocol": "https", "endpoint": "https://"}}},
     r"need an https:// URL"),
    ("queue-url", {"subscriptions": {"a": {"protocol": "sqs", "endpoint":
        "https://sqs.us-east-1.amazonaws.com/123456789012/q"}}},
     r"need a queue ARN \(not a queue URL\)"),
    ("fifo-queue", {"subscriptions": {"a": {"protocol": "sqs", "endpoint": QUEUE_ARN + ".fifo"}}},
     r"cannot deliver to a FIFO queue"),
    ("lambda-name", {"subscriptions": {"a": {"protocol": "lambda", "endpoint": "notify"}}},
     r"need a function ARN"),
    ("dlq-on-email", {"subscriptions": {"a": {"protocol": "email", "endpoint": "a@example.com",
                                              "dead_letter_queue_arn": DLQ_ARN}}},
     r"redrive policies apply to sqs, lambda and https"),
    ("dlq-not-queue-arn", {"subscriptions": {"a": {"protocol": "lambda", "endpoint": LAMBDA_ARN,
                                                   "dead_letter_queue_arn": "dlq"}}},
     r"argument 'subscriptions\[\"a\"\].dead_letter_queue_arn' is 'dlq'"),
    ("tags-aws", {"tags": {"aws:x": "y"}}, r"tag keys starting with 'aws:' are reserved"),
    ("tag-value-too-long", {"tags": {"x": "y" * 257}}, r"must be at most 256 characters"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "message"), [f[1:] for f in FAILURES],
                         ids=[f[0] for f in FAILURES])  # fmt: skip
def test_fails_when_input_breaks_a_rule(mock_stack, args, message):
    with pytest.raises(NovaInputError, match=message) as error:
        run(mock_stack, args)
    assert str(error.value).startswith("nova-observability AlarmTopic 'alarms': argument ")
    assert "Fix: " in str(error.value)
    assert mock_stack.last.resources == []


def test_fails_when_args_is_not_a_dict(mock_stack):
    with pytest.raises(NovaInputError, match=r"must be AlarmTopicArgs"):
        mock_stack.run(lambda: AlarmTopic("alarms", "x"))  # type: ignore[arg-type]
    assert mock_stack.last.resources == []
