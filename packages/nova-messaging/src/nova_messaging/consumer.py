"""The queue's Lambda consumer: its consume policy, then the event source mapping (Q-08, Q-09).

The mapping ``depends_on`` the policy: Lambda checks the execution role when the mapping is
created, and a mapping created before its permission fails with "The provided execution role does
not have permissions to call ReceiveMessage on SQS" (aws-cdk#6770, pulumi-cdk#72).
"""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws

from nova_core import Checker, check_when_known, child_name, field
from nova_core.records import Record

from ._plan import ConsumerPlan
from ._policies import consume_policy_document
from ._rules.consumer import check_function_timeout
from ._rules.visibility import check_visibility_for_consumer

__all__ = ["REPORT_BATCH_ITEM_FAILURES", "ConsumerFunction", "Subscription", "build_consumer"]

REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures"


class ConsumerFunction(Record):
    """The consumer shape, for a Lambda function not made with a Nova component.

    A nova-compute ``Function`` can be passed as it is; for an ``aws.lambda_.Function``, state
    what the queue needs: ``ConsumerFunction(arn=fn.arn, role=role, timeout_seconds=30)`` (the
    same timeout the function is created with).
    """

    arn: pulumi.Input[str]
    """ARN of the function."""
    role: Any
    """Its execution role: an ``aws.iam.Role`` (or anything with a ``name`` output), or a role
    name."""
    timeout_seconds: int
    """Its timeout in seconds, a plain int (the visibility timeout is derived from it)."""


class Subscription:
    """What :func:`build_consumer` created."""

    def __init__(self, policy: aws.iam.RolePolicy, mapping: aws.lambda_.EventSourceMapping) -> None:
        self.policy = policy
        """The consume policy on the function's role."""
        self.mapping = mapping
        """The event source mapping."""


def _function_arn(checker: Checker, plan: ConsumerPlan, visibility: int) -> pulumi.Input[str]:
    """The function ARN, held back until the checks of an ``Output`` timeout have run."""
    if plan.timeout_output is None:
        return plan.arn
    timeout_argument = field(field(plan.path, "function"), "timeout_seconds")

    def check(timeout: Any) -> None:
        check_function_timeout(checker, timeout_argument, timeout)
        check_visibility_for_consumer(
            checker,
            visibility,
            timeout,
            plan.batching_window_seconds,
            reason=plan.allow_short_visibility_reason,
            reason_argument=field(plan.path, "allow_short_visibility_reason"),
        )

    checked = check_when_known(plan.timeout_output, check)
    return pulumi.Output.all(plan.arn, checked).apply(lambda values: values[0])


def build_consumer(
    checker: Checker,
    *,
    name: str,
    plan: ConsumerPlan,
    queue_arn: pulumi.Output[str],
    kms_key_arn: pulumi.Input[str] | None,
    visibility: int,
    tags: Any,
    parent: pulumi.Resource,
) -> Subscription:
    """Create ``<name>-consumer-policy`` and ``<name>-consumer`` (the mapping) under ``parent``."""
    if kms_key_arn is None:
        document = queue_arn.apply(lambda arn: json.dumps(consume_policy_document(arn)))
    else:
        document = pulumi.Output.all(queue_arn, kms_key_arn).apply(
            lambda values: json.dumps(consume_policy_document(values[0], values[1]))
        )
    policy = aws.iam.RolePolicy(
        child_name(name, "consumer-policy"),
        role=plan.role_name,
        policy=document,
        opts=pulumi.ResourceOptions(parent=parent),
    )
    scaling = (
        aws.lambda_.EventSourceMappingScalingConfigArgs(maximum_concurrency=plan.max_concurrency)
        if plan.max_concurrency is not None
        else None
    )
    mapping = aws.lambda_.EventSourceMapping(
        child_name(name, "consumer"),
        event_source_arn=queue_arn,
        function_name=_function_arn(checker, plan, visibility),
        batch_size=plan.batch_size,
        maximum_batching_window_in_seconds=plan.batching_window_seconds or None,
        function_response_types=(
            [REPORT_BATCH_ITEM_FAILURES] if plan.report_batch_item_failures else None
        ),
        scaling_config=scaling,
        enabled=True,
        tags=tags,
        opts=pulumi.ResourceOptions(parent=parent, depends_on=[policy]),
    )
    return Subscription(policy, mapping)
