"""The ON rules of ../shared/reference/security-rules.md (table A) as checks over recorded resources.

Each rule names its catalogue number and the scanner/Security Hub IDs it stands for, says which
resources it applies to, and returns a list of violations (empty: the rule holds). The checks read
only what a real deployment would receive (resource inputs), so they hold for any program:
the stacks, each component's default instance, and the deliberately insecure fixture that proves
each check can fail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from nova_testing import RecordedResource, Recording

BUCKET = "aws:s3/bucket:Bucket"
FUNCTION = "aws:lambda/function:Function"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
PERMISSION = "aws:lambda/permission:Permission"
STAGE = "aws:apigatewayv2/stage:Stage"
ROUTE = "aws:apigatewayv2/route:Route"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
TOPIC = "aws:sns/topic:Topic"
TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy"
KMS_KEY = "aws:kms/key:Key"
DOMAIN = "aws:apigatewayv2/domainName:DomainName"
TABLE = "aws:dynamodb/table:Table"
SECRET = "aws:secretsmanager/secret:Secret"
SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation"

ALLOWED_RETENTION = {
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
    2922, 3288, 3653,
}  # fmt: skip
# Runtimes that can still be created and updated, with their deprecation dates (table B.2).
SUPPORTED_RUNTIMES = {
    "python3.11": date(2027, 6, 30),
    "python3.12": date(2028, 10, 31),
    "python3.13": date(2029, 6, 30),
    "python3.14": date(2029, 6, 30),
    "nodejs22.x": date(2027, 4, 30),
    "nodejs24.x": date(2028, 4, 30),
    "provided.al2023": date(2029, 6, 30),
}
ACCESS_KEY = re.compile(r"\b(AKIA|ASIA)[A-Z0-9]{16}\b")
RESTRICTING_CONDITION_KEYS = {
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:principalorgid",
    "aws:principalaccount",
    "aws:sourcevpce",
    "aws:sourceowner",
    "aws:sourceorgid",
}


@dataclass(frozen=True)
class Rule:
    id: str
    ids: str
    """Security Hub / cdk-nag / Checkov IDs the rule stands for."""
    title: str
    types: tuple[str, ...]
    """The rule applies when at least one resource of these types is present."""
    check: Callable[[Recording], list[str]]

    def applies(self, recording: Recording) -> bool:
        return any(recording.by_type(t) for t in self.types)


# -- helpers ---------------------------------------------------------------------------------------
def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _statements(policy: Any) -> list[dict[str, Any]]:
    document = json.loads(policy) if isinstance(policy, str) else (policy or {})
    return _as_list(document.get("Statement"))


def _for_bucket(rec: Recording, type_: str, bucket: RecordedResource) -> list[RecordedResource]:
    return [r for r in rec.by_type(type_) if r.inputs.get("bucket") == bucket.id]


def _is_public_principal(principal: Any) -> bool:
    if principal == "*":
        return True
    if isinstance(principal, dict):
        return "*" in _as_list(principal.get("AWS"))
    return False


def _restricting(statement: dict[str, Any]) -> bool:
    condition = statement.get("Condition") or {}
    keys = {key.lower() for block in condition.values() for key in block}
    return bool(keys & RESTRICTING_CONDITION_KEYS)


def _allows_public(statement: dict[str, Any]) -> bool:
    """An Allow to everyone (``*`` or ``{"AWS": "*"}``) with no condition narrowing it."""
    return (
        statement.get("Effect") == "Allow"
        and _is_public_principal(statement.get("Principal"))
        and not _restricting(statement)
    )


def _denies_without_tls(statement: dict[str, Any]) -> bool:
    condition = (statement.get("Condition") or {}).get("Bool", {})
    return statement.get("Effect") == "Deny" and condition.get("aws:SecureTransport") in (
        "false",
        False,
    )


def _name(resource: RecordedResource) -> str:
    return f"{resource.type} {resource.name}"


# -- S3 (A.1) --------------------------------------------------------------------------------------
def s3_public_access_block(rec: Recording) -> list[str]:
    flags = ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")
    out = []
    for bucket in rec.by_type(BUCKET):
        blocks = _for_bucket(rec, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", bucket)
        if not blocks:
            out.append(f"{_name(bucket)}: no public access block")
        elif not all(blocks[0].inputs.get(flag) is True for flag in flags):
            out.append(f"{_name(bucket)}: public access block flags not all true")
    return out


def s3_acls_disabled(rec: Recording) -> list[str]:
    out = [f"{_name(r)}: bucket ACL resource" for r in rec.by_type("aws:s3/bucketAcl:BucketAcl")]
    for bucket in rec.by_type(BUCKET):
        if bucket.inputs.get("acl"):
            out.append(f"{_name(bucket)}: canned ACL {bucket.inputs['acl']!r}")
        controls = _for_bucket(
            rec, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", bucket
        )
        owners = [(c.inputs.get("rule") or {}).get("objectOwnership") for c in controls]
        if owners != ["BucketOwnerEnforced"]:
            out.append(f"{_name(bucket)}: object ownership is {owners or 'unset'}")
    return out


def s3_tls_only_policy(rec: Recording) -> list[str]:
    out = []
    for bucket in rec.by_type(BUCKET):
        arn = bucket.outputs.get("arn")
        policies = _for_bucket(rec, "aws:s3/bucketPolicy:BucketPolicy", bucket)
        if len(policies) != 1:
            out.append(f"{_name(bucket)}: {len(policies)} bucket policies (want exactly one)")
            continue
        ok = any(
            _denies_without_tls(s)
            and s.get("Principal") in ("*", {"AWS": "*"})
            and "s3:*" in _as_list(s.get("Action"))
            and {arn, f"{arn}/*"} <= set(_as_list(s.get("Resource")))
            for s in _statements(policies[0].inputs.get("policy"))
        )
        if not ok:
            out.append(f"{_name(bucket)}: no Deny s3:* without TLS on the bucket and its objects")
    return out


def s3_encryption(rec: Recording) -> list[str]:
    out = []
    for bucket in rec.by_type(BUCKET):
        configs = _for_bucket(
            rec,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            bucket,
        )
        algorithms = [
            (rule.get("applyServerSideEncryptionByDefault") or {}).get("sseAlgorithm")
            for config in configs
            for rule in _as_list(config.inputs.get("rules"))
        ]
        if not algorithms or not all(
            a in ("AES256", "aws:kms", "aws:kms:dsse") for a in algorithms
        ):
            out.append(f"{_name(bucket)}: default encryption not configured ({algorithms})")
    return out


def s3_versioning(rec: Recording) -> list[str]:
    out = []
    for bucket in rec.by_type(BUCKET):
        configs = _for_bucket(rec, "aws:s3/bucketVersioning:BucketVersioning", bucket)
        status = [(c.inputs.get("versioningConfiguration") or {}).get("status") for c in configs]
        if status != ["Enabled"]:
            out.append(f"{_name(bucket)}: versioning is {status or 'unset'}")
    return out


def s3_lifecycle(rec: Recording) -> list[str]:
    out = []
    for bucket in rec.by_type(BUCKET):
        configs = _for_bucket(
            rec, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", bucket
        )
        rules = [
            r
            for c in configs
            for r in _as_list(c.inputs.get("rules"))
            if r.get("status") == "Enabled"
        ]
        if not any(r.get("abortIncompleteMultipartUpload") for r in rules):
            out.append(f"{_name(bucket)}: no enabled abort-incomplete-multipart-upload rule")
        versioned = [
            c
            for c in _for_bucket(rec, "aws:s3/bucketVersioning:BucketVersioning", bucket)
            if (c.inputs.get("versioningConfiguration") or {}).get("status") == "Enabled"
        ]
        if versioned and not any(r.get("noncurrentVersionExpiration") for r in rules):
            out.append(f"{_name(bucket)}: versioned but no noncurrent-version expiration")
    return out


def s3_policy_not_public(rec: Recording) -> list[str]:
    out = []
    for policy in rec.by_type("aws:s3/bucketPolicy:BucketPolicy"):
        for statement in _statements(policy.inputs.get("policy")):
            if _allows_public(statement):
                out.append(f"{_name(policy)}: allows a public principal without a condition")
    return out


def s3_dns_compliant_name(rec: Recording) -> list[str]:
    return [
        f"{_name(b)}: bucket name {b.outputs.get('bucket')!r} has dots"
        for b in rec.by_type(BUCKET)
        if "." in str(b.outputs.get("bucket", ""))
    ]


# -- Lambda and its role (A.2) ---------------------------------------------------------------------
def lambda_runtime(rec: Recording) -> list[str]:
    today = date.today()
    out = []
    for fn in rec.by_type(FUNCTION):
        runtime = fn.inputs.get("runtime")
        deprecation = SUPPORTED_RUNTIMES.get(str(runtime))
        if deprecation is None or deprecation <= today:
            out.append(f"{_name(fn)}: runtime {runtime!r} is not supported")
    return out


def lambda_memory_timeout(rec: Recording) -> list[str]:
    return [
        f"{_name(fn)}: memory/timeout not set explicitly"
        for fn in rec.by_type(FUNCTION)
        if "memorySize" not in fn.inputs or "timeout" not in fn.inputs
    ]


def lambda_tracing(rec: Recording) -> list[str]:
    return [
        f"{_name(fn)}: X-Ray tracing is not Active"
        for fn in rec.by_type(FUNCTION)
        if (fn.inputs.get("tracingConfig") or {}).get("mode") != "Active"
    ]


def lambda_log_group(rec: Recording) -> list[str]:
    out = []
    groups = {g.outputs.get("name"): g for g in rec.by_type(LOG_GROUP)}
    for fn in rec.by_type(FUNCTION):
        target = (fn.inputs.get("loggingConfig") or {}).get("logGroup") or (
            f"/aws/lambda/{fn.outputs.get('name')}"
        )
        group = groups.get(target)
        if group is None:
            out.append(f"{_name(fn)}: its log group {target!r} is not created by the program")
        elif group.urn not in fn.dependencies:
            out.append(
                f"{_name(fn)}: does not depend on its log group (Lambda could create it first)"
            )
        elif group.inputs.get("retentionInDays") not in ALLOWED_RETENTION:
            out.append(f"{_name(fn)}: its log group has no valid retention")
    return out


def lambda_json_logs(rec: Recording) -> list[str]:
    return [
        f"{_name(fn)}: log format is not JSON"
        for fn in rec.by_type(FUNCTION)
        if (fn.inputs.get("loggingConfig") or {}).get("logFormat") != "JSON"
    ]


def lambda_no_secrets_in_env(rec: Recording) -> list[str]:
    out = []
    for fn in rec.by_type(FUNCTION):
        variables = ((fn.inputs.get("environment") or {}).get("variables")) or {}
        out.extend(
            f"{_name(fn)}: {key} looks like an AWS access key"
            for key, value in variables.items()
            if ACCESS_KEY.search(str(value))
        )
    return out


def lambda_permissions_scoped(rec: Recording) -> list[str]:
    out = []
    for permission in rec.by_type(PERMISSION):
        principal = str(permission.inputs.get("principal", ""))
        if principal in ("*", ""):
            out.append(f"{_name(permission)}: public principal")
        elif principal.endswith("amazonaws.com") and not permission.inputs.get("sourceArn"):
            out.append(f"{_name(permission)}: service permission without SourceArn")
    out.extend(
        f"{_name(url)}: function URL with auth {url.inputs.get('authorizationType')!r}"
        for url in rec.by_type("aws:lambda/functionUrl:FunctionUrl")
        if url.inputs.get("authorizationType") != "AWS_IAM"
    )
    return out


def role_trusts_lambda_only(rec: Recording) -> list[str]:
    out = []
    for role in rec.by_type(ROLE):
        for statement in _statements(role.inputs.get("assumeRolePolicy")):
            services = _as_list((statement.get("Principal") or {}).get("Service"))
            if statement.get("Effect") == "Allow" and set(services) != {"lambda.amazonaws.com"}:
                out.append(f"{_name(role)}: trusts {statement.get('Principal')}")
    return out


def role_no_managed_policies(rec: Recording) -> list[str]:
    out = [
        f"{_name(role)}: managed policies {role.inputs['managedPolicyArns']}"
        for role in rec.by_type(ROLE)
        if role.inputs.get("managedPolicyArns")
    ]
    out.extend(
        f"{_name(a)}: attaches {a.inputs.get('policyArn')}"
        for a in rec.by_type("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
        if str(a.inputs.get("policyArn", "")).startswith("arn:aws:iam::aws:policy/")
    )
    return out


WILDCARD_RESOURCE_ALLOWED = {
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "dynamodb:ListStreams",  # supports no resource-level permissions (DDB-05's stated exception)
}


def role_policies_least_privilege(rec: Recording) -> list[str]:
    out = []
    for policy in rec.by_type(ROLE_POLICY):
        for statement in _statements(policy.inputs.get("policy")):
            if statement.get("Effect") != "Allow":
                continue
            actions = _as_list(statement.get("Action"))
            for action in actions:
                if action == "*" or str(action).endswith(":*"):
                    out.append(f"{_name(policy)}: wildcard action {action!r}")
            if (
                "*" in _as_list(statement.get("Resource"))
                and not set(actions) <= WILDCARD_RESOURCE_ALLOWED
            ):
                out.append(f"{_name(policy)}: Resource '*' for {actions}")
    return out


def role_one_policy_pattern(rec: Recording) -> list[str]:
    return [
        f"{_name(role)}: inline policies on the role itself"
        for role in rec.by_type(ROLE)
        if role.inputs.get("inlinePolicies")
    ]


def role_logs_scoped(rec: Recording) -> list[str]:
    out = []
    for policy in rec.by_type(ROLE_POLICY):
        for statement in _statements(policy.inputs.get("policy")):
            actions = [a for a in _as_list(statement.get("Action")) if str(a).startswith("logs:")]
            if actions and any(
                ":log-group:" not in str(r) for r in _as_list(statement.get("Resource"))
            ):
                out.append(f"{_name(policy)}: {actions} not scoped to a log group")
    return out


# -- HTTP API (A.3) --------------------------------------------------------------------------------
def api_access_logs(rec: Recording) -> list[str]:
    out = []
    groups = {g.outputs.get("arn") for g in rec.by_type(LOG_GROUP)}
    for stage in rec.by_type(STAGE):
        settings = stage.inputs.get("accessLogSettings") or {}
        if settings.get("destinationArn") not in groups:
            out.append(f"{_name(stage)}: access logs not sent to a log group of the program")
            continue
        try:
            fmt = json.loads(settings.get("format", ""))
        except ValueError:
            out.append(f"{_name(stage)}: access log format is not JSON")
            continue
        if "$context.requestId" not in fmt.values():
            out.append(f"{_name(stage)}: access log format lacks $context.requestId")
    return out


def api_routes_authorized(rec: Recording, public: Iterable[str] = ()) -> list[str]:
    allowed_public = set(public)
    return [
        f"{_name(route)}: route {route.inputs.get('routeKey')!r} has no authorization"
        for route in rec.by_type(ROUTE)
        if route.inputs.get("authorizationType", "NONE") == "NONE"
        and route.inputs.get("routeKey") not in allowed_public
    ]


def api_throttling(rec: Recording) -> list[str]:
    out = []
    for stage in rec.by_type(STAGE):
        settings = stage.inputs.get("defaultRouteSettings") or {}
        if not settings.get("throttlingBurstLimit") or not settings.get("throttlingRateLimit"):
            out.append(f"{_name(stage)}: no default route throttling")
    return out


def api_cors_strict(rec: Recording) -> list[str]:
    out = []
    for api in rec.by_type("aws:apigatewayv2/api:Api"):
        cors = api.inputs.get("corsConfiguration") or {}
        if cors.get("allowCredentials") and "*" in _as_list(cors.get("allowOrigins")):
            out.append(f"{_name(api)}: CORS credentials with origin '*'")
    return out


def api_domain_tls(rec: Recording) -> list[str]:
    return [
        f"{_name(d)}: security policy {(d.inputs.get('domainNameConfiguration') or {}).get('securityPolicy')!r}"
        for d in rec.by_type(DOMAIN)
        if (d.inputs.get("domainNameConfiguration") or {}).get("securityPolicy") != "TLS_1_2"
    ]


# -- Observability (A.4, A.5) ----------------------------------------------------------------------
def alarms_have_actions(rec: Recording) -> list[str]:
    topics = {t.outputs.get("arn") for t in rec.by_type(TOPIC)}
    out = []
    for alarm in rec.by_type(ALARM):
        actions = _as_list(alarm.inputs.get("alarmActions"))
        if not actions:
            out.append(f"{_name(alarm)}: no ALARM action")
        elif topics and not set(actions) <= topics:
            out.append(f"{_name(alarm)}: ALARM action outside the program's topics")
        if alarm.inputs.get("actionsEnabled") is False:
            out.append(f"{_name(alarm)}: actions disabled")
    return out


def alarms_missing_data_explicit(rec: Recording) -> list[str]:
    return [
        f"{_name(a)}: treat_missing_data not set"
        for a in rec.by_type(ALARM)
        if a.inputs.get("treatMissingData")
        not in ("breaching", "notBreaching", "ignore", "missing")
    ]


def log_groups_have_retention(rec: Recording) -> list[str]:
    return [
        f"{_name(g)}: retention {g.inputs.get('retentionInDays')!r}"
        for g in rec.by_type(LOG_GROUP)
        if g.inputs.get("retentionInDays") not in ALLOWED_RETENTION
    ]


def topic_policy_tls_and_private(rec: Recording) -> list[str]:
    out = []
    for topic in rec.by_type(TOPIC):
        policies = [
            p for p in rec.by_type(TOPIC_POLICY) if p.inputs.get("arn") == topic.outputs.get("arn")
        ]
        if len(policies) != 1:
            out.append(f"{_name(topic)}: {len(policies)} topic policies (want one)")
            continue
        statements = _statements(policies[0].inputs.get("policy"))
        if not any(_denies_without_tls(s) for s in statements):
            out.append(f"{_name(topic)}: no Deny for requests without TLS")
        out.extend(
            f"{_name(topic)}: allows a public principal without a condition"
            for s in statements
            if _allows_public(s)
        )
    return out


def topic_alarm_compatible(rec: Recording) -> list[str]:
    out = []
    for topic in rec.by_type(TOPIC):
        key = str(topic.inputs.get("kmsMasterKeyId") or "")
        if key in ("alias/aws/sns",) or key.endswith(":alias/aws/sns"):
            out.append(f"{_name(topic)}: AWS managed SNS key drops alarm notifications")
        if topic.inputs.get("fifoTopic") or str(topic.outputs.get("name", "")).endswith(".fifo"):
            out.append(f"{_name(topic)}: FIFO topic cannot deliver alarms to email/HTTPS/Lambda")
    return out


def kms_keys_rotate(rec: Recording) -> list[str]:
    return [
        f"{_name(k)}: rotation off"
        for k in rec.by_type(KMS_KEY)
        if k.inputs.get("enableKeyRotation") is not True
    ]


def kms_keys_explicit_policy(rec: Recording) -> list[str]:
    out = []
    for key in rec.by_type(KMS_KEY):
        if not key.inputs.get("policy"):
            out.append(f"{_name(key)}: no explicit key policy")
            continue
        out.extend(
            f"{_name(key)}: key policy allows a public principal without a condition"
            for s in _statements(key.inputs["policy"])
            if _allows_public(s)
        )
    return out


def kms_keys_deletion_safety(rec: Recording) -> list[str]:
    out = []
    for key in rec.by_type(KMS_KEY):
        if key.inputs.get("bypassPolicyLockoutSafetyCheck"):
            out.append(f"{_name(key)}: bypasses the policy lockout safety check")
        if (key.inputs.get("deletionWindowInDays") or 0) < 30:
            out.append(
                f"{_name(key)}: deletion window {key.inputs.get('deletionWindowInDays')!r} < 30 days"
            )
    return out


def table_point_in_time_recovery(rec: Recording) -> list[str]:
    out = []
    for table in rec.by_type(TABLE):
        pitr = table.inputs.get("pointInTimeRecovery") or {}
        if pitr.get("enabled") is not True:
            out.append(f"{_name(table)}: point-in-time recovery off")
        elif not 1 <= (pitr.get("recoveryPeriodInDays") or 35) <= 35:
            out.append(f"{_name(table)}: recovery period {pitr.get('recoveryPeriodInDays')!r}")
    return out


def table_deletion_protection(rec: Recording) -> list[str]:
    return [
        f"{_name(t)}: deletion protection off"
        for t in rec.by_type(TABLE)
        if t.inputs.get("deletionProtectionEnabled") is not True
    ]


def table_encryption_stated(rec: Recording) -> list[str]:
    out = []
    for table in rec.by_type(TABLE):
        sse = table.inputs.get("serverSideEncryption")
        if not isinstance(sse, dict) or not isinstance(sse.get("enabled"), bool):
            out.append(f"{_name(table)}: encryption key not stated (serverSideEncryption)")
    return out


def table_on_demand(rec: Recording) -> list[str]:
    return [
        f"{_name(t)}: billing mode {t.inputs.get('billingMode')!r}, not PAY_PER_REQUEST"
        for t in rec.by_type(TABLE)
        if t.inputs.get("billingMode") != "PAY_PER_REQUEST"
    ]


def secret_key_stated(rec: Recording) -> list[str]:
    return [
        f"{_name(s)}: kmsKeyId not stated"
        for s in rec.by_type(SECRET)
        if not s.inputs.get("kmsKeyId")
    ]


def secret_recovery_window(rec: Recording) -> list[str]:
    out = []
    for secret in rec.by_type(SECRET):
        window = secret.inputs.get("recoveryWindowInDays")
        if not isinstance(window, int) or not 7 <= window <= 30:
            out.append(f"{_name(secret)}: recovery window {window!r}, not 7-30 days")
    return out


def secret_rotation_within_90_days(rec: Recording) -> list[str]:
    out = []
    for rotation in rec.by_type(SECRET_ROTATION):
        days = (rotation.inputs.get("rotationRules") or {}).get("automaticallyAfterDays")
        if not isinstance(days, int) or days > 90:
            out.append(f"{_name(rotation)}: rotates every {days!r} days (> 90)")
    return out


def secret_reads_exact_arn(rec: Recording) -> list[str]:
    out = []
    for policy in rec.by_type(ROLE_POLICY):
        for statement in _statements(policy.inputs.get("policy")):
            actions = _as_list(statement.get("Action"))
            if statement.get("Effect") != "Allow" or not any(
                str(a).startswith("secretsmanager:") for a in actions
            ):
                continue
            for resource in _as_list(statement.get("Resource")):
                if "*" in str(resource):
                    out.append(f"{_name(policy)}: secret access on {resource!r}")
    return out


RULES: tuple[Rule, ...] = (
    Rule("S3-01", "SH S3.8, S3.2/S3.3; AwsSolutions-S2; CKV2_AWS_6", "all four public access block flags", (BUCKET,), s3_public_access_block),
    Rule("S3-02", "SH S3.12; CKV2_AWS_65", "ACLs disabled (BucketOwnerEnforced)", (BUCKET,), s3_acls_disabled),
    Rule("S3-03", "SH S3.5; AwsSolutions-S10; CKV_AWS_379", "TLS-only bucket policy", (BUCKET,), s3_tls_only_policy),
    Rule("S3-04", "CKV_AWS_19; AWS-0088", "default encryption stated", (BUCKET,), s3_encryption),
    Rule("S3-06", "SH S3.14; CKV_AWS_21", "versioning enabled", (BUCKET,), s3_versioning),
    Rule("S3-07", "SH S3.13, S3.10; CKV_AWS_300", "lifecycle: abort MPU, expire noncurrent", (BUCKET,), s3_lifecycle),
    Rule("S3-09", "SH S3.6; CKV_AWS_70", "bucket policy not public", ("aws:s3/bucketPolicy:BucketPolicy",), s3_policy_not_public),
    Rule("S3-14", "AWS-0320", "DNS-compliant bucket name (no dots)", (BUCKET,), s3_dns_compliant_name),
    Rule("L-01", "SH Lambda.2; AwsSolutions-L1; CKV_AWS_363", "supported runtime", (FUNCTION,), lambda_runtime),
    Rule("L-02", "Serverless:LambdaDefaultMemorySize/Timeout", "memory and timeout explicit", (FUNCTION,), lambda_memory_timeout),
    Rule("L-03", "SH Lambda.7; CKV_AWS_50", "X-Ray active tracing", (FUNCTION,), lambda_tracing),
    Rule("L-04", "CloudWatch.16; CKV_AWS_66", "component-owned log group with retention", (FUNCTION,), lambda_log_group),
    Rule("L-05", "cdk-nag LambdaLogging", "JSON logs", (FUNCTION,), lambda_json_logs),
    Rule("L-09", "CKV_AWS_45", "no access keys in environment", (FUNCTION,), lambda_no_secrets_in_env),
    Rule("L-12", "SH Lambda.1; CKV_AWS_301/364; AWS-0067", "permissions scoped by SourceArn, never public", (PERMISSION, "aws:lambda/functionUrl:FunctionUrl"), lambda_permissions_scoped),
    Rule("I-01", "CKV_AWS_60/61", "role trusts only lambda.amazonaws.com", (ROLE,), role_trusts_lambda_only),
    Rule("I-02", "AwsSolutions-IAM4; CKV2_AWS_56", "no AWS managed policies", (ROLE,), role_no_managed_policies),
    Rule("I-02b", "AwsSolutions-IAM5", "log permissions scoped to a log group", (ROLE_POLICY,), role_logs_scoped),
    Rule("I-03", "AwsSolutions-IAM5; SH IAM.1/IAM.21", "no wildcard actions or resources", (ROLE_POLICY,), role_policies_least_privilege),
    Rule("I-05", "AWSGuard:iam-role-no-policy-management-conflicts", "one policy pattern per role", (ROLE,), role_one_policy_pattern),
    Rule("A-01", "SH APIGateway.9; AwsSolutions-APIG1; CKV_AWS_76", "JSON access logs with requestId", (STAGE,), api_access_logs),
    Rule("A-02", "SH APIGateway.8; AwsSolutions-APIG4; CKV_AWS_309", "every route authorized unless declared public", (ROUTE,), api_routes_authorized),
    Rule("A-03", "Serverless:APIGWDefaultThrottling", "default route throttling", (STAGE,), api_throttling),
    Rule("A-04", "BadRequestException; CKV2_AWS_75", "CORS never credentials with '*'", ("aws:apigatewayv2/api:Api",), api_cors_strict),
    Rule("A-11", "SH APIGateway.11; AWS-0005", "custom domain TLS 1.2", (DOMAIN,), api_domain_tls),
    Rule("C-01", "SH CloudWatch.15/17; CKV_AWS_319", "alarms have enabled ALARM actions", (ALARM,), alarms_have_actions),
    Rule("C-03", "reliability", "explicit treat_missing_data", (ALARM,), alarms_missing_data_explicit),
    Rule("C-05", "CKV_AWS_66; CloudWatch.16", "every log group has retention", (LOG_GROUP,), log_groups_have_retention),
    Rule("N-02", "AwsSolutions-SNS3; SH SNS.4; CKV_AWS_169", "topic policy TLS-only and not public", (TOPIC,), topic_policy_tls_and_private),
    Rule("N-06", "SNS KMS compatibility; reliability", "alarm topic standard and not on the AWS managed key", (TOPIC,), topic_alarm_compatible),
    Rule("K-01", "SH KMS.4; CKV_AWS_7", "KMS key rotation", (KMS_KEY,), kms_keys_rotate),
    Rule("K-02", "SH KMS.5; CKV2_AWS_64; CKV_AWS_33", "explicit, non-public key policy", (KMS_KEY,), kms_keys_explicit_policy),
    Rule("K-03", "SH KMS.3", "30-day deletion window, lockout check kept", (KMS_KEY,), kms_keys_deletion_safety),
    Rule("DDB-01", "SH DynamoDB.2; AwsSolutions-DDB3; CKV_AWS_28; AWS-0024", "point-in-time recovery on, 1-35 days", (TABLE,), table_point_in_time_recovery),
    Rule("DDB-02", "SH DynamoDB.6", "deletion protection on", (TABLE,), table_deletion_protection),
    Rule("DDB-03", "CT.DYNAMODB.PR.2", "table encryption key stated", (TABLE,), table_encryption_stated),
    Rule("DDB-04", "SH DynamoDB.1", "on-demand capacity", (TABLE,), table_on_demand),
    Rule("SM-02", "CKV_AWS_149; AWS-0098", "secret encryption key stated", (SECRET,), secret_key_stated),
    Rule("SM-03", "SH SecretsManager.4; CKV_AWS_304", "rotation at most every 90 days when configured", (SECRET_ROTATION,), secret_rotation_within_90_days),
    Rule("SM-04", "I-03 family", "secret access on exact ARNs, never '*'", (ROLE_POLICY,), secret_reads_exact_arn),
    Rule("SM-05", "Secrets Manager DeleteSecret", "recovery window 7-30 days", (SECRET,), secret_recovery_window),
)  # fmt: skip

RULES_BY_ID = {rule.id: rule for rule in RULES}


def evaluate(recording: Recording, *, public_routes: Iterable[str] = ()) -> dict[str, list[str]]:
    """Violations per applicable rule id (an empty list: the rule holds)."""
    results: dict[str, list[str]] = {}
    for rule in RULES:
        if not rule.applies(recording):
            continue
        if rule.id == "A-02":
            results[rule.id] = api_routes_authorized(recording, public_routes)
        else:
            results[rule.id] = rule.check(recording)
    return results
