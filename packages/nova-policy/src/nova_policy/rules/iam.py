"""IAM roles and their policies."""

from __future__ import annotations

from collections.abc import Iterator

from nova_policy.model import Resource
from nova_policy.rule import Context, Scanners, Severity, rule

from ._common import (
    ROLE,
    ROLE_POLICY,
    ROLE_POLICY_ATTACHMENT,
    allows_public,
    as_list,
    statements,
)

WILDCARD_RESOURCE_ALLOWED = frozenset(
    # Actions without resource-level permissions: X-Ray's segment upload, and DynamoDB's stream
    # listing (a stream consumer's only way to find the current stream ARN; DDB-05).
    {"xray:PutTraceSegments", "xray:PutTelemetryRecords", "dynamodb:ListStreams"}
)
"""Actions that have no resource-level permissions (``Resource: "*"`` is unavoidable)."""
AWS_MANAGED_POLICY = "arn:aws:iam::aws:policy/"


@rule(
    "I-01",
    "Trust policy names specific principals; a Lambda role trusts only Lambda",
    severity=Severity.HIGH,
    types=(ROLE,),
    scanners=Scanners(checkov=("CKV_AWS_60", "CKV_AWS_61")),
    rationale="A role any principal or many services can assume is a privilege escalation path.",
    fix="Trust one service (lambda.amazonaws.com for a function role) or named accounts, with an "
    "aws:SourceAccount condition where it applies.",
)
def role_trust(role: Resource, ctx: Context) -> Iterator[str]:
    for statement in statements(role.inputs.get("assumeRolePolicy")):
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal") or {}
        services = set(map(str, as_list(principal.get("Service")))) if principal != "*" else set()
        if allows_public(statement):
            yield "trusts every principal ('*')"
        elif "lambda.amazonaws.com" in services and services != {"lambda.amazonaws.com"}:
            yield f"trusts {sorted(services)} (a Lambda role trusts only lambda.amazonaws.com)"
        elif "*" in services:
            yield "trusts every service"


@rule(
    "I-02",
    "No AWS managed policies",
    severity=Severity.MEDIUM,
    types=(ROLE, ROLE_POLICY_ATTACHMENT),
    scanners=Scanners(cdk_nag=("AwsSolutions-IAM4",), checkov=("CKV2_AWS_56", "CKV_AWS_274")),
    rationale="AWS managed policies grant on '*' (AWSLambdaBasicExecutionRole can write to every "
    "log group); a scoped policy is short when the program owns the resources.",
    fix="Replace the managed policy with an aws.iam.RolePolicy naming the exact actions and ARNs.",
)
def role_no_managed_policies(resource: Resource, ctx: Context) -> Iterator[str]:
    if resource.type == ROLE:
        managed = as_list(resource.inputs.get("managedPolicyArns"))
        if managed:
            yield f"managed policies {managed}"
        return
    arn = str(resource.inputs.get("policyArn") or "")
    if ":iam::aws:policy/" in arn:
        yield f"attaches {arn}"


@rule(
    "I-02b",
    "Log permissions scoped to a log group",
    severity=Severity.MEDIUM,
    types=(ROLE_POLICY,),
    scanners=Scanners(cdk_nag=("AwsSolutions-IAM5",)),
    rationale="logs:* on '*' lets a function write into, or read, every log group of the account.",
    fix="Allow logs:CreateLogStream and logs:PutLogEvents on "
    "arn:aws:logs:<region>:<account>:log-group:<the function's group>:*.",
)
def role_logs_scoped(policy: Resource, ctx: Context) -> Iterator[str]:
    for statement in statements(policy.inputs.get("policy")):
        actions = [a for a in as_list(statement.get("Action")) if str(a).startswith("logs:")]
        if actions and any(":log-group:" not in str(r) for r in as_list(statement.get("Resource"))):
            yield f"{actions} not scoped to a log group"


@rule(
    "I-03",
    "No wildcard actions or resources",
    severity=Severity.HIGH,
    types=(ROLE_POLICY,),
    scanners=Scanners(
        security_hub=("IAM.1", "IAM.21"),
        cdk_nag=("AwsSolutions-IAM5", "Serverless-LambdaStarPermissions"),
        checkov=("CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_355", "CKV2_AWS_40"),
        trivy=("AWS-0057", "AWS-0345"),
    ),
    rationale="Wildcards grant what nobody reviewed, including actions added to AWS later.",
    fix="List the exact actions and resource ARNs (Resource '*' only for actions without "
    "resource-level permissions, e.g. xray:PutTraceSegments).",
)
def role_policies_least_privilege(policy: Resource, ctx: Context) -> Iterator[str]:
    for statement in statements(policy.inputs.get("policy")):
        if statement.get("Effect") != "Allow":
            continue
        actions = [str(a) for a in as_list(statement.get("Action"))]
        for action in actions:
            if action == "*" or action.endswith(":*"):
                yield f"wildcard action {action!r}"
        if "*" in as_list(statement.get("Resource")) and not set(actions) <= (
            WILDCARD_RESOURCE_ALLOWED
        ):
            yield f"Resource '*' for {actions}"


@rule(
    "I-05",
    "One policy pattern per role",
    severity=Severity.MEDIUM,
    types=(ROLE,),
    scanners=Scanners(other=("AWSGuard:iam-role-no-policy-management-conflicts",)),
    rationale="Role(inline_policies=...) owns all inline policies exclusively; mixed with "
    "RolePolicy resources the two rewrite each other on every update.",
    fix="Drop inline_policies from the role and use aws.iam.RolePolicy resources.",
)
def role_one_policy_pattern(role: Resource, ctx: Context) -> Iterator[str]:
    if role.inputs.get("inlinePolicies"):
        yield "inline policies on the role itself"
