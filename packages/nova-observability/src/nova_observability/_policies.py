"""Pure builders of the policy documents used by the alarm topic (plain dicts, testable alone)."""

from typing import Any

__all__ = [
    "ACCOUNT_TOPIC_ACTIONS",
    "CLOUDWATCH_KMS_ACTIONS",
    "alarm_topic_policy",
    "alarm_topic_key_policy",
]

ACCOUNT_TOPIC_ACTIONS: tuple[str, ...] = (
    "sns:AddPermission",
    "sns:DeleteTopic",
    "sns:GetTopicAttributes",
    "sns:ListSubscriptionsByTopic",
    "sns:Publish",
    "sns:RemovePermission",
    "sns:SetTopicAttributes",
    "sns:Subscribe",
)
"""What principals of the owning account may do (they still need IAM permissions)."""

CLOUDWATCH_KMS_ACTIONS: tuple[str, ...] = ("kms:Decrypt", "kms:GenerateDataKey*")
"""What CloudWatch needs on the topic's key to publish to an encrypted topic."""


def alarm_topic_policy(topic_arn: str, account_id: str, partition: str = "aws") -> dict[str, Any]:
    """Topic policy: CloudWatch of this account may publish, the account manages, no plain HTTP.

    Rules N-02 (deny publishes without TLS) and N-03 (not public, no cross-account).
    """
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AllowCloudWatchAlarmsToPublish",
                "Effect": "Allow",
                "Principal": {"Service": "cloudwatch.amazonaws.com"},
                "Action": "sns:Publish",
                "Resource": topic_arn,
                "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
            },
            {
                "Sid": "AllowOwningAccountToManage",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:{partition}:iam::{account_id}:root"},
                "Action": list(ACCOUNT_TOPIC_ACTIONS),
                "Resource": topic_arn,
            },
            {
                "Sid": "DenyPublishWithoutTls",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "sns:Publish",
                "Resource": topic_arn,
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
        ],
    }


def alarm_topic_key_policy(account_id: str, partition: str = "aws") -> dict[str, Any]:
    """Key policy for the topic's customer managed key (rules N-01, K-02).

    The account root administers the key through IAM; CloudWatch of this account may generate
    data keys and decrypt, which it needs to publish alarm notifications to the encrypted topic.
    """
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "EnableAccountAdministration",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:{partition}:iam::{account_id}:root"},
                "Action": "kms:*",
                "Resource": "*",
            },
            {
                "Sid": "AllowCloudWatchAlarmsToUseTheKey",
                "Effect": "Allow",
                "Principal": {"Service": "cloudwatch.amazonaws.com"},
                "Action": list(CLOUDWATCH_KMS_ACTIONS),
                "Resource": "*",
                "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
            },
        ],
    }
