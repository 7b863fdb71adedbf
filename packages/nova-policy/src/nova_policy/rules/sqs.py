"""SQS queues, their dead-letter queues and Lambda event source mappings."""

from __future__ import annotations

from collections.abc import Iterator

from nova_policy.model import Resource, Stack
from nova_policy.rule import Context, Scanners, Scope, Severity, rule

from ._common import (
    EVENT_SOURCE_MAPPING,
    FUNCTION,
    QUEUE,
    QUEUE_POLICY,
    REDRIVE_ALLOW_POLICY,
    REDRIVE_POLICY,
    ROLE_POLICY,
    allows_public,
    as_list,
    document,
    statements,
    tls_deny_for,
)

IAM_POLICY = "aws:iam/policy:Policy"
POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
DEFAULT_RETENTION_SECONDS = 345_600
DEFAULT_VISIBILITY_SECONDS = 30
DEFAULT_FUNCTION_TIMEOUT = 3


def _is_fifo(queue: Resource) -> bool:
    return queue.inputs.get("fifoQueue") is True or str(queue.known("name") or "").endswith(".fifo")


def redrive_of(queue: Resource, stack: Stack) -> list[Resource]:
    """The resources that give ``queue`` a redrive policy (itself, or RedrivePolicy resources)."""
    found = [queue] if queue.inputs.get("redrivePolicy") else []
    return found + stack.referring(queue, REDRIVE_POLICY, "queueUrl")


def dead_letter_queues(queue: Resource, stack: Stack) -> list[Resource]:
    """The program's queues that ``queue`` redrives to."""
    return [
        dlq
        for holder in redrive_of(queue, stack)
        for dlq in stack.referred(holder, "redrivePolicy", QUEUE)
        if dlq is not queue
    ]


def is_dead_letter_queue(queue: Resource, stack: Stack) -> bool:
    """A queue other queues redrive to, or one that states who may redrive to it."""
    if queue.inputs.get("redriveAllowPolicy") or stack.referring(
        queue, REDRIVE_ALLOW_POLICY, "queueUrl"
    ):
        return True
    holders = [q for q in stack.by_type(QUEUE) if q.inputs.get("redrivePolicy")]
    holders += stack.by_type(REDRIVE_POLICY)
    return any(h is not queue and stack.refers(h, "redrivePolicy", queue) for h in holders)


def _queue_policies(queue: Resource, stack: Stack) -> list[object]:
    inline = [queue.inputs["policy"]] if queue.inputs.get("policy") else []
    return inline + [
        p.inputs.get("policy") for p in stack.referring(queue, QUEUE_POLICY, "queueUrl")
    ]


@rule(
    "Q-01",
    "Encryption at rest (SSE-SQS or a customer managed key)",
    severity=Severity.MEDIUM,
    types=(QUEUE,),
    scanners=Scanners(
        security_hub=("SQS.1",),
        cdk_nag=("AwsSolutions-SQS2",),
        checkov=("CKV_AWS_27", "CKV2_AWS_73"),
        trivy=("AWS-0096", "AWS-0135"),
    ),
    rationale="Stated encryption keeps scanners green and reviewers informed; alias/aws/sqs "
    "cannot be opened to S3, SNS or EventBridge producers or other accounts.",
    fix="Set sqs_managed_sse_enabled=True, or kms_master_key_id=<customer managed key>.",
)
def queue_encryption(queue: Resource, ctx: Context) -> Iterator[str]:
    key = str(queue.inputs.get("kmsMasterKeyId") or "")
    if key == "alias/aws/sqs" or key.endswith(":alias/aws/sqs"):
        yield "uses the AWS managed key alias/aws/sqs (no producer service can use it)"
    elif not key and queue.inputs.get("sqsManagedSseEnabled") is not True:
        yield "no encryption stated (sqs_managed_sse_enabled or kms_master_key_id)"


@rule(
    "Q-02",
    "TLS-only queue policy, one per queue",
    severity=Severity.MEDIUM,
    types=(QUEUE,),
    scope=Scope.STACK,
    scanners=Scanners(cdk_nag=("AwsSolutions-SQS4",)),
    rationale="SQS accepts plain HTTP requests unless a policy denies them; Queue(policy=...) and "
    "a QueuePolicy overwrite each other.",
    fix="Give every queue (its DLQ too) one aws.sqs.QueuePolicy with a Deny of sqs:* to "
    "Principal '*' when aws:SecureTransport is false.",
)
def queue_tls_only(queue: Resource, ctx: Context) -> Iterator[str]:
    policies = _queue_policies(queue, ctx.stack)
    if len(policies) != 1:
        yield f"{len(policies)} queue policies (want exactly one)"
    elif not tls_deny_for(statements(policies[0]), {"sqs:*", "*"}):
        yield "no Deny sqs:* without TLS"


@rule(
    "Q-03",
    "Queue policy not public, no wildcard actions",
    severity=Severity.HIGH,
    types=(QUEUE, QUEUE_POLICY),
    scanners=Scanners(
        security_hub=("SQS.3",),
        checkov=("CKV_AWS_168", "CKV_AWS_387", "CKV_AWS_72"),
        trivy=("AWS-0097",),
    ),
    rationale="A public Allow lets anyone send or read messages; '*' actions include purging and "
    "deleting the queue.",
    fix="Allow only named principals (services with aws:SourceArn and aws:SourceAccount) and "
    "exact actions such as sqs:SendMessage.",
)
def queue_policy_private(resource: Resource, ctx: Context) -> Iterator[str]:
    for statement in statements(resource.inputs.get("policy")):
        if allows_public(statement):
            yield "allows a public principal without a condition"
        if statement.get("Effect") == "Allow":
            wild = [a for a in as_list(statement.get("Action")) if a in ("*", "sqs:*")]
            if wild:
                yield f"allows wildcard actions {wild}"


@rule(
    "Q-04",
    "Every queue has a dead-letter queue, unless it is one",
    severity=Severity.MEDIUM,
    types=(QUEUE,),
    scope=Scope.STACK,
    scanners=Scanners(cdk_nag=("AwsSolutions-SQS3", "Serverless-SQSRedrivePolicy")),
    rationale="Without a redrive policy a message that always fails is retried until its "
    "retention ends and is then lost.",
    fix="Add a redrive policy {deadLetterTargetArn, maxReceiveCount} (an aws.sqs.RedrivePolicy "
    "resource avoids a dependency cycle) to a DLQ of the same type.",
)
def queue_has_dlq(queue: Resource, ctx: Context) -> Iterator[str]:
    if is_dead_letter_queue(queue, ctx.stack):
        return
    holders = redrive_of(queue, ctx.stack)
    if not holders:
        yield "no redrive policy (dead-letter queue)"
        return
    for holder in holders:
        policy = holder.inputs.get("redrivePolicy")
        count = document(policy, "redrivePolicy").get("maxReceiveCount")
        if isinstance(policy, str) and not (isinstance(count, int) and 1 <= count <= 1000):
            yield f"redrive maxReceiveCount {count!r} is not 1-1000"


@rule(
    "Q-06",
    "A dead-letter queue keeps messages longer than its source",
    severity=Severity.MEDIUM,
    types=(QUEUE,),
    scope=Scope.STACK,
    scanners=Scanners(other=("SQS developer guide: dead-letter queue retention",)),
    rationale="Standard queues keep a message's original enqueue time in the DLQ: with equal "
    "retention a message that spent 3 of 4 days in the source dies 1 day after it lands.",
    fix="Set the DLQ's message_retention_seconds above the source's (e.g. 4 days -> 14 days).",
)
def dlq_retention(queue: Resource, ctx: Context) -> Iterator[str]:
    if _is_fifo(queue):
        return
    source = queue.inputs.get("messageRetentionSeconds") or DEFAULT_RETENTION_SECONDS
    for dlq in dead_letter_queues(queue, ctx.stack):
        kept = dlq.inputs.get("messageRetentionSeconds") or DEFAULT_RETENTION_SECONDS
        if kept <= source:
            yield f"its DLQ {dlq.name!r} keeps messages {kept} s, not longer than its {source} s"


def _sqs_source(esm: Resource, stack: Stack) -> tuple[bool, list[Resource]]:
    queues = stack.referred(esm, "eventSourceArn", QUEUE)
    arn = esm.inputs.get("eventSourceArn")
    return bool(queues) or (str(arn or "").startswith("arn:aws") and ":sqs:" in str(arn)), queues


@rule(
    "Q-08",
    "SQS mappings report batch item failures",
    severity=Severity.MEDIUM,
    types=(EVENT_SOURCE_MAPPING,),
    scope=Scope.STACK,
    scanners=Scanners(other=("CDK reportBatchItemFailures",)),
    rationale="Without it one bad message fails its whole batch, which is retried until the good "
    "messages land in the DLQ too.",
    fix="Set function_response_types=['ReportBatchItemFailures'] and return batchItemFailures "
    "from the handler (e.g. Powertools BatchProcessor).",
)
def mapping_reports_failures(esm: Resource, ctx: Context) -> Iterator[str]:
    is_sqs, _ = _sqs_source(esm, ctx.stack)
    if is_sqs and "ReportBatchItemFailures" not in as_list(esm.inputs.get("functionResponseTypes")):
        yield "function_response_types lacks ReportBatchItemFailures"


def _grants_receive(policy: object, arns: set[str]) -> bool:
    for statement in statements(policy):
        actions = set(map(str, as_list(statement.get("Action"))))
        resources = set(map(str, as_list(statement.get("Resource"))))
        if (
            statement.get("Effect") == "Allow"
            and actions & {"sqs:ReceiveMessage", "sqs:*", "*"}
            and (not arns or resources & (arns | {"*"}))
        ):
            return True
    return False


@rule(
    "Q-09",
    "An SQS mapping depends on the grant that lets its function receive",
    severity=Severity.MEDIUM,
    types=(EVENT_SOURCE_MAPPING,),
    scope=Scope.STACK,
    scanners=Scanners(other=("I-03",)),
    rationale="Lambda checks the role when the mapping is created: created before the grant it "
    "fails with 'The provided execution role does not have permissions to call ReceiveMessage'.",
    fix="Grant sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes on the queue ARN in "
    "an aws.iam.RolePolicy and create the mapping with depends_on=[that policy].",
)
def mapping_after_grant(esm: Resource, ctx: Context) -> Iterator[str]:
    is_sqs, queues = _sqs_source(esm, ctx.stack)
    if not is_sqs:
        return
    arns = {str(q.get("arn")) for q in queues} or {str(esm.inputs.get("eventSourceArn"))}
    grants = [
        p
        for p in ctx.stack.by_type(ROLE_POLICY, IAM_POLICY)
        if _grants_receive(p.inputs.get("policy"), arns)
    ]
    if not grants:
        yield "no role policy of the program grants sqs:ReceiveMessage on the queue"
        return
    attachments = [
        a
        for a in ctx.stack.by_type(POLICY_ATTACHMENT)
        if any(ctx.stack.depends_on(a, g) for g in grants)
    ]
    if not any(ctx.stack.depends_on(esm, g) for g in grants + attachments):
        yield "does not depend on the policy granting sqs:ReceiveMessage"


def _mapped_function(esm: Resource, stack: Stack) -> Resource | None:
    found = stack.referred(esm, "functionName", FUNCTION)
    return found[0] if found else None


@rule(
    "Q-10",
    "Queue visibility timeout >= 6 x function timeout + batching window",
    severity=Severity.MEDIUM,
    types=(EVENT_SOURCE_MAPPING,),
    scope=Scope.STACK,
    scanners=Scanners(cdk_nag=("LambdaEventSourceSQSVisibilityTimeout",)),
    rationale="A message still being processed becomes visible again and is processed twice; "
    "Lambda refuses a visibility below the function timeout outright.",
    fix="Set the queue's visibility_timeout_seconds to at least 6 x the function timeout plus "
    "maximum_batching_window_in_seconds.",
    options={"factor": 6},
)
def mapping_visibility(esm: Resource, ctx: Context) -> Iterator[str]:
    _, queues = _sqs_source(esm, ctx.stack)
    function = _mapped_function(esm, ctx.stack)
    if not queues or function is None:
        return
    timeout = function.inputs.get("timeout") or DEFAULT_FUNCTION_TIMEOUT
    window = esm.inputs.get("maximumBatchingWindowInSeconds") or 0
    needed = int(ctx.options.get("factor", 6)) * timeout + window
    for queue in queues:
        visibility = queue.inputs.get("visibilityTimeoutSeconds")
        visibility = DEFAULT_VISIBILITY_SECONDS if visibility is None else visibility
        if visibility < needed:
            yield (
                f"queue {queue.name!r} visibility {visibility} s < {needed} s "
                f"({ctx.options.get('factor', 6)} x timeout {timeout} s + window {window} s)"
            )
