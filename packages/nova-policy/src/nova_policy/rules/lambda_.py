"""Lambda functions, their permissions and URLs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from nova_policy.model import Resource
from nova_policy.rule import Context, Scanners, Scope, Severity, rule

from ._common import FUNCTION, FUNCTION_URL, LOG_GROUP, PERMISSION
from .cloudwatch import ALLOWED_RETENTION

SUPPORTED_RUNTIMES = {
    "python3.11": date(2027, 6, 30),
    "python3.12": date(2028, 10, 31),
    "python3.13": date(2029, 6, 30),
    "python3.14": date(2029, 6, 30),
    "nodejs22.x": date(2027, 4, 30),
    "nodejs24.x": date(2028, 4, 30),
    "provided.al2023": date(2029, 6, 30),
}
"""Runtimes that can be created and updated, with their deprecation dates."""
ACCESS_KEY = re.compile(r"\b(AKIA|ASIA)[A-Z0-9]{16}\b")


@rule(
    "L-01",
    "Supported, non-deprecated runtime",
    severity=Severity.MEDIUM,
    types=(FUNCTION,),
    scanners=Scanners(
        security_hub=("Lambda.2",), cdk_nag=("AwsSolutions-L1",), checkov=("CKV_AWS_363",)
    ),
    rationale="Deprecated runtimes get no security patches and, after their block dates, can "
    "no longer be created or updated.",
    fix="Set runtime to a current one, e.g. 'python3.13' (see the runtime table in RULES.md).",
)
def lambda_runtime(fn: Resource, ctx: Context) -> Iterator[str]:
    if fn.inputs.get("packageType") == "Image":
        return
    runtime = fn.inputs.get("runtime")
    deprecation = SUPPORTED_RUNTIMES.get(str(runtime))
    if deprecation is None or deprecation <= date.today():
        yield f"runtime {runtime!r} is not supported"


@rule(
    "L-02",
    "Memory size and timeout set explicitly",
    severity=Severity.LOW,
    types=(FUNCTION,),
    scanners=Scanners(
        cdk_nag=("Serverless-LambdaDefaultMemorySize", "Serverless-LambdaDefaultTimeout")
    ),
    rationale="The 128 MB / 3 s defaults are rarely right; an explicit value is a decision.",
    fix="Pass memory_size and timeout to the function.",
)
def lambda_memory_timeout(fn: Resource, ctx: Context) -> Iterator[str]:
    missing = [k for k in ("memorySize", "timeout") if fn.inputs.get(k) is None]
    if missing:
        yield f"{' and '.join(missing)} not set explicitly"


@rule(
    "L-03",
    "X-Ray active tracing",
    severity=Severity.LOW,
    types=(FUNCTION,),
    scanners=Scanners(
        security_hub=("Lambda.7",),
        cdk_nag=("Serverless-LambdaTracing",),
        checkov=("CKV_AWS_50",),
        trivy=("AWS-0066",),
    ),
    rationale="Traces show where a request spent its time and failed, across services.",
    fix="Set tracing_config={'mode': 'Active'} and allow xray:PutTraceSegments/"
    "PutTelemetryRecords in the role.",
)
def lambda_tracing(fn: Resource, ctx: Context) -> Iterator[str]:
    if (fn.inputs.get("tracingConfig") or {}).get("mode") != "Active":
        yield "X-Ray tracing is not Active"


@rule(
    "L-04",
    "The function's log group is created by the program, first, with retention",
    severity=Severity.MEDIUM,
    types=(FUNCTION,),
    scope=Scope.STACK,
    scanners=Scanners(
        security_hub=("CloudWatch.16",),
        cdk_nag=("Serverless-CloudWatchLogGroupRetentionPeriod",),
        checkov=("CKV_AWS_66", "CKV_AWS_338"),
    ),
    rationale="The log group Lambda creates on first invocation never expires and is not "
    "managed by the program.",
    fix="Create an aws.cloudwatch.LogGroup with retention_in_days, point logging_config.log_group "
    "at it (or name it /aws/lambda/<function name>) and make the function depend on it.",
)
def lambda_log_group(fn: Resource, ctx: Context) -> Iterator[str]:
    target = (fn.inputs.get("loggingConfig") or {}).get("logGroup") or (
        f"/aws/lambda/{fn.get('name')}"
    )
    groups = [g for g in ctx.stack.by_type(LOG_GROUP) if g.get("name") == target]
    if not groups:
        yield f"its log group {target!r} is not created by the program"
    elif not any(ctx.stack.depends_on(fn, g) for g in groups):
        yield "does not depend on its log group (Lambda could create it first)"
    elif groups[0].inputs.get("retentionInDays") not in ALLOWED_RETENTION:
        yield "its log group has no valid retention"


@rule(
    "L-05",
    "Structured (JSON) logs",
    severity=Severity.LOW,
    types=(FUNCTION,),
    scanners=Scanners(cdk_nag=("Serverless-LambdaLogging",)),
    rationale="Log-level filtering and structured queries need the JSON log format.",
    fix="Set logging_config={'log_format': 'JSON', ...}.",
)
def lambda_json_logs(fn: Resource, ctx: Context) -> Iterator[str]:
    if (fn.inputs.get("loggingConfig") or {}).get("logFormat") != "JSON":
        yield "log format is not JSON"


@rule(
    "L-09",
    "No access keys in environment variables",
    severity=Severity.HIGH,
    types=(FUNCTION,),
    scanners=Scanners(checkov=("CKV_AWS_45",)),
    rationale="Environment variables are readable by anyone who can read the function "
    "configuration; keys there leak.",
    fix="Use the function's role for AWS access; keep other secrets in Secrets Manager.",
)
def lambda_no_secrets_in_env(fn: Resource, ctx: Context) -> Iterator[str]:
    variables = (fn.inputs.get("environment") or {}).get("variables") or {}
    for key in variables:
        if ACCESS_KEY.search(str(variables[key])):
            yield f"{key} looks like an AWS access key"


@rule(
    "L-12",
    "Permissions never public, service permissions scoped by SourceArn; URLs use AWS_IAM",
    severity=Severity.CRITICAL,
    types=(PERMISSION, FUNCTION_URL),
    scanners=Scanners(
        security_hub=("Lambda.1",),
        checkov=("CKV_AWS_301", "CKV_AWS_364", "CKV_AWS_258"),
        trivy=("AWS-0067",),
    ),
    rationale="A public or unscoped permission lets any account (or any resource of a service) "
    "invoke the function.",
    fix="Give every permission a named principal and, for services, source_arn (and "
    "source_account); create function URLs with authorization_type='AWS_IAM'.",
)
def lambda_permissions_scoped(resource: Resource, ctx: Context) -> Iterator[str]:
    if resource.type == FUNCTION_URL:
        if resource.inputs.get("authorizationType") != "AWS_IAM":
            yield f"function URL with auth {resource.inputs.get('authorizationType')!r}"
        return
    principal = str(resource.inputs.get("principal") or "")
    if principal in ("*", ""):
        yield "public principal"
    elif principal.endswith("amazonaws.com") and not resource.inputs.get("sourceArn"):
        yield "service permission without SourceArn"
