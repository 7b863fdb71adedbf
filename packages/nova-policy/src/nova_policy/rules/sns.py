"""SNS topics used for alarms."""

from __future__ import annotations

from collections.abc import Iterator

from nova_policy.model import Resource
from nova_policy.rule import Context, Scanners, Scope, Severity, rule

from ._common import TOPIC, TOPIC_POLICY, allows_public, denies_without_tls, statements


@rule(
    "N-02",
    "Topic policy TLS-only and not public",
    severity=Severity.HIGH,
    types=(TOPIC,),
    scope=Scope.STACK,
    scanners=Scanners(
        security_hub=("SNS.4",), cdk_nag=("AwsSolutions-SNS3",), checkov=("CKV_AWS_169",)
    ),
    rationale="Without a policy of its own a topic takes the default one; a public Allow lets "
    "anyone publish to it.",
    fix="Give the topic one aws.sns.TopicPolicy that denies requests when aws:SecureTransport is "
    "false and allows only named principals (services with aws:SourceAccount/SourceArn).",
)
def topic_policy_tls_and_private(topic: Resource, ctx: Context) -> Iterator[str]:
    policies = ctx.stack.referring(topic, TOPIC_POLICY, "arn")
    if len(policies) != 1:
        yield f"{len(policies)} topic policies (want one)"
        return
    found = statements(policies[0].inputs.get("policy"))
    if not any(denies_without_tls(s) for s in found):
        yield "no Deny for requests without TLS"
    for statement in found:
        if allows_public(statement):
            yield "allows a public principal without a condition"


@rule(
    "N-06",
    "Alarm topic is standard and not on the AWS managed SNS key",
    severity=Severity.MEDIUM,
    types=(TOPIC,),
    scanners=Scanners(other=("SNS KMS compatibility",)),
    rationale="CloudWatch cannot use alias/aws/sns, so notifications are silently dropped; FIFO "
    "topics deliver only to SQS, not to email, HTTPS or Lambda.",
    fix="Use a standard topic with no key or a customer managed key whose policy allows "
    "cloudwatch.amazonaws.com kms:GenerateDataKey* and kms:Decrypt.",
)
def topic_alarm_compatible(topic: Resource, ctx: Context) -> Iterator[str]:
    key = str(topic.inputs.get("kmsMasterKeyId") or "")
    if key == "alias/aws/sns" or key.endswith(":alias/aws/sns"):
        yield "AWS managed SNS key drops alarm notifications"
    if topic.inputs.get("fifoTopic") or str(topic.known("name") or "").endswith(".fifo"):
        yield "FIFO topic cannot deliver alarms to email/HTTPS/Lambda"
