"""``AlarmTopic``: the SNS topic CloudWatch alarms notify, locked down by default."""

import json
from collections.abc import Mapping
from typing import TypedDict

import pulumi
import pulumi_aws as aws

from nova_core import child_name, former_child_name

from ._plan import DEFAULT_TAGS, plan_alarm_topic
from ._policies import alarm_topic_key_policy, alarm_topic_policy

__all__ = ["AlarmTopic", "AlarmTopicArgs", "SubscriptionArgs", "DEFAULT_TAGS"]

TYPE_TOKEN = "nova-observability:index:AlarmTopic"


class SubscriptionArgs(TypedDict, total=False):
    """One subscriber of the alarm topic."""

    protocol: str
    """``email``, ``https``, ``sqs`` or ``lambda``. Default: none (required)."""
    endpoint: pulumi.Input[str]
    """Email address, https:// URL, SQS queue ARN or Lambda function ARN. Email and HTTPS
    subscribers must confirm the subscription (the link is valid for 2 days) before they receive
    anything. An SQS queue's own policy must allow ``sns.amazonaws.com`` to send messages from
    this topic. Default: none (required)."""
    dead_letter_queue_arn: pulumi.Input[str]
    """SQS queue ARN for notifications SNS could not deliver (redrive policy; sqs, lambda and
    https only). Default: none."""


class AlarmTopicArgs(TypedDict, total=False):
    """Arguments of :class:`AlarmTopic`."""

    topic_name: str
    """Topic name: 1-256 ASCII letters, digits, '_' and '-'. A ``.fifo`` name is refused (alarm
    topics must be standard topics). Default: generated from the component name."""
    subscriptions: Mapping[str, SubscriptionArgs]
    """Subscribers by stable key, e.g. ``{"oncall": {"protocol": "email", "endpoint":
    "oncall@example.com"}}``. Lambda subscribers get an ``aws.lambda_.Permission`` for
    ``sns.amazonaws.com`` scoped to this topic. Default: no subscriptions."""
    kms_key_arn: pulumi.Input[str]
    """Customer managed KMS key for encryption at rest. Its key policy must grant
    ``cloudwatch.amazonaws.com`` ``kms:GenerateDataKey*`` and ``kms:Decrypt``. The AWS managed
    key ``alias/aws/sns`` is refused: alarms silently stop delivering to such a topic.
    Default: not encrypted with KMS (SNS.1 is opt-in here; publishing requires TLS)."""
    create_kms_key: bool
    """Create a customer managed key for the topic (rotation on, 30-day deletion window, key
    policy granting the account and CloudWatch). Costs $1/month. Default: False."""
    tags: Mapping[str, str]
    """Extra tags for the topic and key. Default: ``{"managed-by": "nova-observability"}``."""


class AlarmTopic(pulumi.ComponentResource):
    """A standard SNS topic for CloudWatch alarm notifications.

    Defaults: topic policy letting only CloudWatch of this account publish (``aws:SourceAccount``)
    and principals of this account manage it, denying publishes without TLS; no AWS managed key
    (CloudWatch cannot use it); optional customer managed key and subscriptions.
    """

    topic: aws.sns.Topic
    """The SNS topic."""
    topic_arn: pulumi.Output[str]
    """ARN of the topic (use it as alarm action)."""
    topic_name: pulumi.Output[str]
    """Name of the topic."""
    topic_policy: aws.sns.TopicPolicy
    """The topic's access policy."""
    kms_key: aws.kms.Key | None
    """The key created with ``create_kms_key=True``; ``None`` otherwise."""
    kms_key_arn: pulumi.Output[str] | None
    """ARN of the topic's KMS key, when it has one."""
    subscriptions: dict[str, aws.sns.TopicSubscription]
    """Subscriptions by key."""

    def __init__(
        self,
        name: str,
        args: AlarmTopicArgs = AlarmTopicArgs(),  # noqa: B008 - never mutated
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        plan = plan_alarm_topic(name, args)
        super().__init__(TYPE_TOKEN, name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        invoke = pulumi.InvokeOutputOptions(parent=self)  # the component's provider decides
        identity = aws.get_caller_identity_output(opts=invoke)
        partition = aws.get_partition_output(opts=invoke).partition

        self.kms_key = None
        key_arn: pulumi.Input[str] | None = plan.kms_key_arn
        if plan.create_kms_key:
            self.kms_key = aws.kms.Key(
                child_name(name, "key"),
                description=f"Encrypts the alarm topic {name}; usable by CloudWatch alarms.",
                enable_key_rotation=True,
                deletion_window_in_days=30,
                is_enabled=True,
                bypass_policy_lockout_safety_check=False,
                policy=pulumi.Output.all(identity.account_id, partition).apply(
                    lambda values: json.dumps(alarm_topic_key_policy(values[0], values[1]))
                ),
                tags=dict(plan.tags),
                opts=child,
            )
            key_arn = self.kms_key.arn
        self.kms_key_arn = None if key_arn is None else pulumi.Output.from_input(key_arn)

        self.topic = aws.sns.Topic(
            child_name(name, "topic"),
            name=plan.topic_name,
            fifo_topic=False,
            kms_master_key_id=key_arn,
            tags=dict(plan.tags),
            opts=child,
        )
        self.topic_policy = aws.sns.TopicPolicy(
            child_name(name, "policy"),
            arn=self.topic.arn,
            policy=pulumi.Output.all(self.topic.arn, identity.account_id, partition).apply(
                lambda values: json.dumps(alarm_topic_policy(values[0], values[1], values[2]))
            ),
            opts=child,
        )

        self.subscriptions = {}
        for sub in plan.subscriptions:
            depends_on: list[pulumi.Resource] = [self.topic_policy]
            if sub.protocol == "lambda":
                depends_on.append(
                    aws.lambda_.Permission(
                        child_name(name, "permission", sub.key),
                        action="lambda:InvokeFunction",
                        function=sub.endpoint,
                        principal="sns.amazonaws.com",
                        source_arn=self.topic.arn,
                        opts=pulumi.ResourceOptions(
                            parent=self,
                            # 0.1.0 named it "<name>-<key>-permission".
                            aliases=[
                                former_child_name(
                                    TYPE_TOKEN,
                                    name,
                                    opts,
                                    "aws:lambda/permission:Permission",
                                    f"{name}-{sub.key}-permission",
                                )
                            ],
                        ),
                    )
                )
            dlq = sub.dead_letter_queue_arn
            self.subscriptions[sub.key] = aws.sns.TopicSubscription(
                child_name(name, "subscription", sub.key),
                topic=self.topic.arn,
                protocol=sub.protocol,
                endpoint=sub.endpoint,
                redrive_policy=(
                    None
                    if dlq is None
                    else pulumi.Output.from_input(dlq).apply(
                        lambda arn: json.dumps({"deadLetterTargetArn": arn})
                    )
                ),
                opts=pulumi.ResourceOptions(
                    parent=self,
                    depends_on=depends_on,
                    # 0.1.0 named it "<name>-<key>-subscription".
                    aliases=[
                        former_child_name(
                            TYPE_TOKEN,
                            name,
                            opts,
                            "aws:sns/topicSubscription:TopicSubscription",
                            f"{name}-{sub.key}-subscription",
                        )
                    ],
                ),
            )

        self.topic_arn = self.topic.arn
        self.topic_name = self.topic.name
        self.register_outputs(
            {
                "topic_arn": self.topic_arn,
                "topic_name": self.topic_name,
                "kms_key_arn": self.kms_key_arn,
            }
        )
