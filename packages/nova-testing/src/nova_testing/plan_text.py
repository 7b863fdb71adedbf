"""The plan as text a reviewer can check: every security-relevant value, never cut mid-policy.

Each resource shows its key inputs; the ones a security review looks at (encryption, ownership,
public access, lifecycle, retention, policies, redrive, recovery) are extracted from nested inputs
and shown whole. Policy documents are summarised one statement per line (effect, actions,
resources, principal, conditions); ``--full`` prints every input of every resource as JSON and
``--resource NAME`` prints one resource that way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from .recording import RecordedResource, Recording

__all__ = ["KEY_INPUTS", "policy_lines", "render_resource", "render_tree", "summarize"]

Extract = Callable[[dict[str, Any]], Iterable[tuple[str, Any]]]


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _get(inputs: dict[str, Any], path: str) -> Any:
    """``a.b.c`` through dicts, taking the first element of lists on the way."""
    value: Any = inputs
    for part in path.split("."):
        value = _first(value)
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _paths(*paths: str) -> Extract:
    def extract(inputs: dict[str, Any]) -> Iterable[tuple[str, Any]]:
        for path in paths:
            value = _get(inputs, path)
            if value is not None:
                yield path, value

    return extract


def _policy(*keys: str) -> Extract:
    def extract(inputs: dict[str, Any]) -> Iterable[tuple[str, Any]]:
        for key in keys:
            document = inputs.get(key)
            if document:
                yield key, PolicySummary(document)

    return extract


def _combine(*extractors: Extract) -> Extract:
    def extract(inputs: dict[str, Any]) -> Iterable[tuple[str, Any]]:
        for extractor in extractors:
            yield from extractor(inputs)

    return extract


def _lifecycle(inputs: dict[str, Any]) -> Iterable[tuple[str, Any]]:
    for rule in inputs.get("rules") or []:
        parts = [str(rule.get("status", ""))]
        abort = _get(rule, "abortIncompleteMultipartUpload.daysAfterInitiation")
        if abort is not None:
            parts.append(f"abort incomplete uploads after {abort} d")
        noncurrent = _get(rule, "noncurrentVersionExpiration.noncurrentDays")
        if noncurrent is not None:
            parts.append(f"expire noncurrent versions after {noncurrent} d")
        expiration = _get(rule, "expiration.days")
        if expiration is not None:
            parts.append(f"expire objects after {expiration} d")
        for transition in rule.get("transitions") or []:
            parts.append(f"to {transition.get('storageClass')} after {transition.get('days')} d")
        yield f"rule {rule.get('id')}", ", ".join(p for p in parts if p)


def _notifications(inputs: dict[str, Any]) -> Iterable[tuple[str, Any]]:
    for kind in ("lambdaFunctions", "queues", "topics"):
        for entry in inputs.get(kind) or []:
            target = (
                entry.get("lambdaFunctionArn") or entry.get("queueArn") or entry.get("topicArn")
            )
            filters = " ".join(
                f"{key}={entry[key]}" for key in ("filterPrefix", "filterSuffix") if entry.get(key)
            )
            yield kind, f"{','.join(entry.get('events') or [])} -> {target} {filters}".strip()
    if inputs.get("eventbridge"):
        yield "eventbridge", True


def _table(inputs: dict[str, Any]) -> Iterable[tuple[str, Any]]:
    yield from _paths(
        "name",
        "billingMode",
        "hashKey",
        "rangeKey",
        "deletionProtectionEnabled",
        "pointInTimeRecovery",
        "serverSideEncryption",
        "streamEnabled",
        "streamViewType",
        "ttl",
    )(inputs)
    for index in inputs.get("globalSecondaryIndexes") or []:
        yield "globalSecondaryIndex", {k: v for k, v in index.items() if k != "nonKeyAttributes"}


KEY_INPUTS: dict[str, Extract] = {
    "aws:s3/bucket:Bucket": _paths("bucket", "bucketPrefix", "forceDestroy", "objectLockEnabled"),
    "aws:s3/bucketVersioning:BucketVersioning": _paths("versioningConfiguration.status"),
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": _paths(
        "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"
    ),
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": _paths("rule.objectOwnership"),
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": (
        _paths(
            "rules.applyServerSideEncryptionByDefault.sseAlgorithm",
            "rules.applyServerSideEncryptionByDefault.kmsMasterKeyId",
            "rules.bucketKeyEnabled",
            "rules.blockedEncryptionTypes",
        )
    ),
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": _lifecycle,
    "aws:s3/bucketPolicy:BucketPolicy": _policy("policy"),
    "aws:s3/bucketLogging:BucketLogging": _paths("targetBucket", "targetPrefix"),
    "aws:s3/bucketNotification:BucketNotification": _notifications,
    "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration": _paths("corsRules"),
    "aws:lambda/function:Function": _paths(
        "runtime",
        "architectures",
        "handler",
        "memorySize",
        "timeout",
        "tracingConfig.mode",
        "loggingConfig",
        "deadLetterConfig.targetArn",
        "reservedConcurrentExecutions",
        "kmsKeyArn",
    ),
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": _paths(
        "maximumRetryAttempts", "maximumEventAgeInSeconds", "destinationConfig"
    ),
    "aws:lambda/eventSourceMapping:EventSourceMapping": _paths(
        "eventSourceArn",
        "batchSize",
        "maximumBatchingWindowInSeconds",
        "functionResponseTypes",
        "scalingConfig.maximumConcurrency",
    ),
    "aws:lambda/permission:Permission": _paths("action", "principal", "sourceArn", "sourceAccount"),
    "aws:cloudwatch/logGroup:LogGroup": _paths("name", "retentionInDays", "kmsKeyId"),
    "aws:iam/role:Role": _combine(
        _paths("name", "permissionsBoundary", "managedPolicyArns"), _policy("assumeRolePolicy")
    ),
    "aws:iam/rolePolicy:RolePolicy": _policy("policy"),
    "aws:iam/policy:Policy": _policy("policy"),
    "aws:apigatewayv2/api:Api": _paths(
        "name", "protocolType", "disableExecuteApiEndpoint", "corsConfiguration"
    ),
    "aws:apigatewayv2/route:Route": _paths("routeKey", "authorizationType", "authorizerId"),
    "aws:apigatewayv2/integration:Integration": _paths(
        "integrationType", "payloadFormatVersion", "timeoutMilliseconds"
    ),
    "aws:apigatewayv2/stage:Stage": _paths(
        "name", "autoDeploy", "defaultRouteSettings", "accessLogSettings.destinationArn"
    ),
    "aws:apigatewayv2/domainName:DomainName": _paths(
        "domainName", "domainNameConfiguration.securityPolicy"
    ),
    "aws:cloudwatch/metricAlarm:MetricAlarm": _paths(
        "namespace",
        "metricName",
        "threshold",
        "comparisonOperator",
        "evaluationPeriods",
        "treatMissingData",
        "actionsEnabled",
    ),
    "aws:cloudwatch/dashboard:Dashboard": _paths("dashboardName"),
    "aws:sns/topic:Topic": _combine(_paths("name", "kmsMasterKeyId", "fifoTopic")),
    "aws:sns/topicPolicy:TopicPolicy": _policy("policy"),
    "aws:kms/key:Key": _combine(
        _paths("enableKeyRotation", "deletionWindowInDays", "bypassPolicyLockoutSafetyCheck"),
        _policy("policy"),
    ),
    "aws:sqs/queue:Queue": _paths(
        "name",
        "fifoQueue",
        "sqsManagedSseEnabled",
        "kmsMasterKeyId",
        "messageRetentionSeconds",
        "visibilityTimeoutSeconds",
        "receiveWaitTimeSeconds",
        "redrivePolicy",
    ),
    "aws:sqs/queuePolicy:QueuePolicy": _policy("policy"),
    "aws:sqs/redrivePolicy:RedrivePolicy": _paths("redrivePolicy"),
    "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy": _paths("redriveAllowPolicy"),
    "aws:dynamodb/table:Table": _table,
    "aws:secretsmanager/secret:Secret": _paths(
        "name", "namePrefix", "kmsKeyId", "recoveryWindowInDays", "forceOverwriteReplicaSecret"
    ),
    "aws:secretsmanager/secretRotation:SecretRotation": _paths(
        "rotationLambdaArn", "rotationRules.automaticallyAfterDays"
    ),
}
"""What to show per type; other types show their first scalar inputs."""


class PolicySummary:
    """A policy document shown one statement per line."""

    def __init__(self, document: Any) -> None:
        self.document = document

    def lines(self) -> list[str]:
        return policy_lines(self.document)


def _names(value: Any) -> str:
    values = value if isinstance(value, list) else [value]
    return ",".join(str(v) for v in values)


def policy_lines(document: Any) -> list[str]:
    """``Allow s3:GetObject on arn:...  principal=...  if Bool aws:SecureTransport=false``."""
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except json.JSONDecodeError:
            return [document]
    if not isinstance(document, dict):
        return [json.dumps(document, sort_keys=True)]
    statements = document.get("Statement") or []
    if isinstance(statements, dict):
        statements = [statements]
    lines = []
    for statement in statements:
        parts = [str(statement.get("Effect", "?"))]
        for key in ("Action", "NotAction"):
            if key in statement:
                parts.append(("not " if key == "NotAction" else "") + _names(statement[key]))
        for key in ("Resource", "NotResource"):
            if key in statement:
                parts.append(
                    ("on not " if key == "NotResource" else "on ") + _names(statement[key])
                )
        for key in ("Principal", "NotPrincipal"):
            if key in statement:
                principal = statement[key]
                shown = principal if isinstance(principal, str) else json.dumps(principal)
                parts.append(f"{'not ' if key == 'NotPrincipal' else ''}principal={shown}")
        condition = statement.get("Condition")
        if condition:
            tests = [
                f"{operator} {key}={_names(value)}"
                for operator, pairs in sorted(condition.items())
                for key, value in sorted(pairs.items())
            ]
            parts.append("if " + " and ".join(tests))
        sid = statement.get("Sid")
        lines.append(("[" + sid + "] " if sid else "") + "  ".join(parts))
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, default=str)


def summarize(resource: RecordedResource) -> list[tuple[str, Any]]:
    """The (label, value) pairs shown for ``resource``."""
    extract = KEY_INPUTS.get(resource.type)
    if extract is not None:
        return list(extract(resource.inputs))
    scalars = [
        (k, v)
        for k, v in sorted(resource.inputs.items())
        if isinstance(v, str | int | float | bool) and k not in ("tags", "tagsAll")
    ]
    return scalars[:4]


def _flags(resource: RecordedResource) -> str:
    flags = [
        flag
        for flag, on in (
            ("protected", resource.protect),
            ("retain-on-delete", resource.retain_on_delete),
            ("aliased", bool(resource.aliases)),
        )
        if on
    ]
    return f"  [{', '.join(flags)}]" if flags else ""


def _write_values(resource: RecordedResource, indent: str, out: TextIO) -> None:
    for label, value in summarize(resource):
        if isinstance(value, PolicySummary):
            out.write(f"{indent}{label}:\n")
            for line in value.lines():
                out.write(f"{indent}  {line}\n")
        else:
            out.write(f"{indent}{label}: {_scalar(value)}\n")


def render_resource(resource: RecordedResource, out: TextIO) -> None:
    """One resource in full: identity, options and every input as JSON."""
    out.write(f"{resource.type}  {resource.name}{_flags(resource)}\n")
    out.write(f"  urn: {resource.urn}\n")
    if resource.parent_urn:
        out.write(f"  parent: {resource.parent_urn}\n")
    if resource.aliases:
        out.write(f"  aliases: {json.dumps(list(resource.aliases), sort_keys=True)}\n")
    text = json.dumps(resource.inputs, indent=2, sort_keys=True, default=str)
    out.write("  inputs: " + text.replace("\n", "\n  ") + "\n")


def _ordered(resources: Sequence[RecordedResource]) -> list[RecordedResource]:
    return sorted(resources, key=lambda r: (r.custom, r.type, r.name))


def render_tree(recording: Recording, title: str, out: TextIO, *, full: bool = False) -> None:
    """The plan as an indented tree: component > children, their security-relevant values."""
    children: dict[str | None, list[RecordedResource]] = {}
    for resource in recording.resources:
        children.setdefault(resource.parent_urn, []).append(resource)
    out.write(f"Plan for {title} (offline, mocks): {len(recording.resources)} resources\n")

    def walk(parent: str | None, depth: int) -> None:
        for resource in _ordered(children.get(parent, [])):
            out.write(f"{'  ' * depth}+ {resource.type}  {resource.name}{_flags(resource)}\n")
            indent = "  " * (depth + 2)
            if full:
                text = json.dumps(resource.inputs, indent=2, sort_keys=True, default=str)
                out.write(indent + text.replace("\n", "\n" + indent) + "\n")
            else:
                _write_values(resource, indent, out)
            walk(resource.urn, depth + 1)

    walk(None, 1)
    if recording.outputs:
        out.write("Outputs:\n")
        for key in sorted(recording.outputs):
            out.write(f"    {key}: {_scalar(recording.outputs[key])}\n")
    out.write("Resources by type:\n")
    for type_, count in recording.types().items():
        out.write(f"    {count:4d}  {type_}\n")
