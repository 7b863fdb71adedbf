"""One passing and one failing program per rule, as plain resources (no Pulumi involved).

Each case builds the smallest set of resources the rule reads: the passing one satisfies the
rule, the failing one breaks it in one way, and ``expected`` is part of the failing message.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from policy_builders import ACCOUNT, res

from nova_policy import Resource

ARN_PREFIX = f"arn:aws:{{}}:us-east-1:{ACCOUNT}:"
BUCKET = "aws:s3/bucket:Bucket"
FN = "aws:lambda/function:Function"
QUEUE = "aws:sqs/queue:Queue"


def _policy(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _tls_deny(action: str, resources: list[str]) -> dict:
    return {
        "Effect": "Deny",
        "Principal": "*",
        "Action": action,
        "Resource": resources,
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


PUBLIC_ALLOW = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}


def _bucket(name: str = "data") -> Resource:
    return res(BUCKET, name, state={"id": f"{name}-1", "arn": f"arn:aws:s3:::{name}-1"})


def _with_bucket(type_: str, inputs: dict, name: str = "conf") -> Callable[[], list[Resource]]:
    def build() -> list[Resource]:
        bucket = _bucket()
        return [bucket, res(type_, name, {"bucket": "data-1", **inputs}, refs={"bucket": bucket})]

    return build


def _bucket_policy(statement: dict) -> list[Resource]:
    bucket = _bucket()
    return [
        bucket,
        res(
            "aws:s3/bucketPolicy:BucketPolicy",
            "policy",
            {"bucket": "data-1", "policy": _policy(statement)},
            refs={"bucket": bucket},
        ),
    ]


def _versioned_lifecycle(rules: list[dict]) -> list[Resource]:
    bucket = _bucket()
    return [
        bucket,
        res(
            "aws:s3/bucketVersioning:BucketVersioning",
            "v",
            {"bucket": "data-1", "versioningConfiguration": {"status": "Enabled"}},
            refs={"bucket": bucket},
        ),
        res(
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "lc",
            {"bucket": "data-1", "rules": rules},
            refs={"bucket": bucket},
        ),
    ]


def _notification(*, with_permission: bool, ordered: bool) -> list[Resource]:
    bucket = _bucket()
    fn = res(FN, "fn", state={"name": "fn-1", "arn": ARN_PREFIX.format("lambda") + "function:fn-1"})
    permission = res(
        "aws:lambda/permission:Permission",
        "invoke",
        {"principal": "s3.amazonaws.com", "function": "fn-1", "sourceArn": "arn:aws:s3:::data-1"},
        refs={"sourceArn": bucket},
    )
    notification = res(
        "aws:s3/bucketNotification:BucketNotification",
        "notify",
        {"bucket": "data-1", "lambdaFunctions": [{"lambdaFunctionArn": fn.state["arn"]}]},
        refs={"bucket": bucket},
        deps=(permission,) if ordered else (),
    )
    return [bucket, fn, notification] + ([permission] if with_permission else [])


def _function(**inputs: object) -> list[Resource]:
    return [res(FN, "fn", inputs, state={"name": "fn-1"})]


def _function_with_group(*, depends: bool, retention: int | None) -> list[Resource]:
    group = res(
        "aws:cloudwatch/logGroup:LogGroup",
        "logs",
        {"name": "/aws/lambda/fn-1", "retentionInDays": retention},
    )
    fn = res(FN, "fn", {}, state={"name": "fn-1"}, deps=(group,) if depends else ())
    return [group, fn]


def _role(statement: dict) -> list[Resource]:
    return [res("aws:iam/role:Role", "role", {"assumeRolePolicy": _policy(statement)})]


def _role_policy(*statements: dict) -> list[Resource]:
    return [res("aws:iam/rolePolicy:RolePolicy", "policy", {"policy": _policy(*statements)})]


def _stage(settings: dict, *, with_group: bool = True) -> list[Resource]:
    group = res(
        "aws:cloudwatch/logGroup:LogGroup",
        "access",
        {"retentionInDays": 30},
        state={"arn": ARN_PREFIX.format("logs") + "log-group:access"},
    )
    stage = res(
        "aws:apigatewayv2/stage:Stage",
        "stage",
        {"accessLogSettings": {"destinationArn": group.state["arn"], **settings}},
    )
    return [group, stage] if with_group else [stage]


def _alarm(**inputs: object) -> list[Resource]:
    topic = res("aws:sns/topic:Topic", "alarms", state={"arn": ARN_PREFIX.format("sns") + "alarms"})
    alarm_inputs = {"alarmActions": [topic.state["arn"]], **inputs}
    return [topic, res("aws:cloudwatch/metricAlarm:MetricAlarm", "alarm", alarm_inputs)]


def _topic_policy(*statements: dict) -> list[Resource]:
    topic = res("aws:sns/topic:Topic", "alarms", state={"arn": ARN_PREFIX.format("sns") + "alarms"})
    policy = res(
        "aws:sns/topicPolicy:TopicPolicy",
        "alarms-policy",
        {"arn": topic.state["arn"], "policy": _policy(*statements)},
    )
    return [topic, policy]


def _queue(name: str, **inputs: object) -> Resource:
    url = f"https://sqs.us-east-1.amazonaws.com/{ACCOUNT}/{name}"
    arn = ARN_PREFIX.format("sqs") + name
    return res(QUEUE, name, inputs, state={"id": url, "url": url, "arn": arn})


def _queue_policy(queue: Resource, *statements: dict) -> Resource:
    return res(
        "aws:sqs/queuePolicy:QueuePolicy",
        f"{queue.name}-policy",
        {"queueUrl": queue.state["url"], "policy": _policy(*statements)},
        refs={"queueUrl": queue},
    )


def _redrive(source: Resource, dlq: Resource, count: int = 5) -> Resource:
    return res(
        "aws:sqs/redrivePolicy:RedrivePolicy",
        f"{source.name}-redrive",
        {
            "queueUrl": source.state["url"],
            "redrivePolicy": json.dumps(
                {"deadLetterTargetArn": dlq.state["arn"], "maxReceiveCount": count}
            ),
        },
        refs={"queueUrl": source},
    )


def _dlq_pair(source_retention: int, dlq_retention: int, count: int = 5) -> list[Resource]:
    source = _queue("jobs", messageRetentionSeconds=source_retention)
    dlq = _queue("jobs-dlq", messageRetentionSeconds=dlq_retention)
    return [source, dlq, _redrive(source, dlq, count)]


def _mapping(
    *, report: bool = True, granted: bool = True, ordered: bool = True, visibility: int = 90
) -> list[Resource]:
    queue = _queue("jobs", visibilityTimeoutSeconds=visibility)
    fn = res(FN, "fn", {"timeout": 10}, state={"name": "fn-1", "arn": "fn-arn"})
    actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage"] if granted else ["sqs:SendMessage"]
    grant = res(
        "aws:iam/rolePolicy:RolePolicy",
        "consume",
        {"policy": _policy({"Effect": "Allow", "Action": actions, "Resource": queue.state["arn"]})},
    )
    mapping = res(
        "aws:lambda/eventSourceMapping:EventSourceMapping",
        "mapping",
        {
            "eventSourceArn": queue.state["arn"],
            "functionName": "fn-arn",
            "functionResponseTypes": ["ReportBatchItemFailures"] if report else [],
        },
        refs={"eventSourceArn": queue, "functionName": fn},
        deps=(grant,) if ordered else (),
    )
    return [queue, fn, grant, mapping]


def _secret_version(*, generated: bool) -> list[Resource]:
    password = res("random:index/randomPassword:RandomPassword", "pw", {"length": 32})
    version = res(
        "aws:secretsmanager/secretVersion:SecretVersion",
        "version",
        {"secretId": "s", "secretString": "x"},
        refs={"secretString": password} if generated else None,
    )
    return [password, version]


def _one(type_: str, **inputs: object) -> Callable[[], list[Resource]]:
    return lambda: [res(type_, "subject", inputs)]


@dataclass(frozen=True)
class Case:
    rule: str
    passing: Callable[[], list[Resource]]
    failing: Callable[[], list[Resource]]
    expected: str


PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
ALL_FLAGS = dict.fromkeys(
    ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"), True
)
TABLE = "aws:dynamodb/table:Table"
SECRET = "aws:secretsmanager/secret:Secret"
GOOD_TABLE = {
    "pointInTimeRecovery": {"enabled": True},
    "deletionProtectionEnabled": True,
    "serverSideEncryption": {"enabled": False},
    "billingMode": "PAY_PER_REQUEST",
}
TRUST_LAMBDA = {
    "Effect": "Allow",
    "Principal": {"Service": "lambda.amazonaws.com"},
    "Action": "sts:AssumeRole",
}
QUEUE_ALLOW = {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}}

CASES = [
    Case("S3-01", _with_bucket(PAB, ALL_FLAGS), _with_bucket(PAB, {**ALL_FLAGS, "ignorePublicAcls": False}), "ignorePublicAcls"),
    Case("S3-02", _with_bucket("aws:s3/bucketOwnershipControls:BucketOwnershipControls", {"rule": {"objectOwnership": "BucketOwnerEnforced"}}), _with_bucket("aws:s3/bucketOwnershipControls:BucketOwnershipControls", {"rule": {"objectOwnership": "ObjectWriter"}}), "ObjectWriter"),
    Case("S3-03", lambda: _bucket_policy(_tls_deny("s3:*", ["arn:aws:s3:::data-1", "arn:aws:s3:::data-1/*"])), lambda: _bucket_policy(_tls_deny("s3:*", ["arn:aws:s3:::data-1"])), "no Deny s3:*"),
    Case("S3-04", _with_bucket("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", {"rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}]}), lambda: [_bucket()], "default encryption not configured"),
    Case("S3-06", _with_bucket("aws:s3/bucketVersioning:BucketVersioning", {"versioningConfiguration": {"status": "Enabled"}}), _with_bucket("aws:s3/bucketVersioning:BucketVersioning", {"versioningConfiguration": {"status": "Suspended"}}), "Suspended"),
    Case("S3-07", lambda: _versioned_lifecycle([{"status": "Enabled", "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7}, "noncurrentVersionExpiration": {"noncurrentDays": 30}}]), lambda: _versioned_lifecycle([{"status": "Enabled", "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7}}]), "noncurrent-version expiration"),
    Case("S3-09", lambda: _bucket_policy({**PUBLIC_ALLOW, "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}}}), lambda: _bucket_policy(PUBLIC_ALLOW), "public principal"),
    Case("S3-14", _one(BUCKET, bucket="data-bucket"), _one(BUCKET, bucket="data.bucket"), "has dots"),
    Case("S3-16", lambda: _notification(with_permission=True, ordered=True), lambda: _notification(with_permission=True, ordered=False), "does not depend on the invoke permission"),
    Case("L-01", _one(FN, runtime="python3.13"), _one(FN, runtime="python3.9"), "'python3.9' is not supported"),
    Case("L-02", _one(FN, memorySize=256, timeout=10), _one(FN, memorySize=256), "timeout not set"),
    Case("L-03", _one(FN, tracingConfig={"mode": "Active"}), _one(FN, tracingConfig={"mode": "PassThrough"}), "not Active"),
    Case("L-04", lambda: _function_with_group(depends=True, retention=30), lambda: _function_with_group(depends=False, retention=30), "does not depend on its log group"),
    Case("L-05", _one(FN, loggingConfig={"logFormat": "JSON"}), _one(FN, loggingConfig={"logFormat": "Text"}), "not JSON"),
    Case("L-09", lambda: _function(environment={"variables": {"TABLE": "orders"}}), lambda: _function(environment={"variables": {"KEY": "AKIA" + "ABCDEFGHIJKLMNOP"}}), "KEY looks like an AWS access key"),
    Case("L-12", _one("aws:lambda/permission:Permission", principal="apigateway.amazonaws.com", sourceArn="arn"), _one("aws:lambda/permission:Permission", principal="apigateway.amazonaws.com"), "without SourceArn"),
    Case("I-01", lambda: _role(TRUST_LAMBDA), lambda: _role({**TRUST_LAMBDA, "Principal": {"Service": ["lambda.amazonaws.com", "ec2.amazonaws.com"]}}), "ec2.amazonaws.com"),
    Case("I-02", _one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", policyArn=f"arn:aws:iam::{ACCOUNT}:policy/mine"), _one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", policyArn="arn:aws:iam::aws:policy/AdministratorAccess"), "AdministratorAccess"),
    Case("I-02b", lambda: _role_policy({"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/fn:*"}), lambda: _role_policy({"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}), "not scoped to a log group"),
    Case("I-03", lambda: _role_policy({"Effect": "Allow", "Action": "xray:PutTraceSegments", "Resource": "*"}), lambda: _role_policy({"Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:table"}), "wildcard action 'dynamodb:*'"),
    Case("I-05", _one("aws:iam/role:Role", assumeRolePolicy=_policy(TRUST_LAMBDA)), _one("aws:iam/role:Role", inlinePolicies=[{"name": "x", "policy": "{}"}]), "inline policies"),
    Case("A-01", lambda: _stage({"format": json.dumps({"id": "$context.requestId"})}), lambda: _stage({"format": json.dumps({"id": "$context.requestId"})}, with_group=False), "not sent to a log group"),
    Case("A-02", _one("aws:apigatewayv2/route:Route", routeKey="GET /x", authorizationType="JWT"), _one("aws:apigatewayv2/route:Route", routeKey="GET /x"), "'GET /x' has no authorization"),
    Case("A-03", _one("aws:apigatewayv2/stage:Stage", defaultRouteSettings={"throttlingBurstLimit": 10, "throttlingRateLimit": 5}), _one("aws:apigatewayv2/stage:Stage", defaultRouteSettings={"throttlingBurstLimit": 10}), "no default route throttling"),
    Case("A-04", _one("aws:apigatewayv2/api:Api", corsConfiguration={"allowOrigins": ["https://a.example"], "allowCredentials": True}), _one("aws:apigatewayv2/api:Api", corsConfiguration={"allowOrigins": ["*"], "allowCredentials": True}), "credentials with origin '*'"),
    Case("A-11", _one("aws:apigatewayv2/domainName:DomainName", domainNameConfiguration={"securityPolicy": "TLS_1_2"}), _one("aws:apigatewayv2/domainName:DomainName", domainNameConfiguration={"securityPolicy": "TLS_1_0"}), "TLS_1_0"),
    Case("C-01", lambda: _alarm(), lambda: _alarm(actionsEnabled=False), "actions disabled"),
    Case("C-03", _one("aws:cloudwatch/metricAlarm:MetricAlarm", treatMissingData="notBreaching"), _one("aws:cloudwatch/metricAlarm:MetricAlarm"), "treat_missing_data not set"),
    Case("C-05", _one("aws:cloudwatch/logGroup:LogGroup", retentionInDays=30), _one("aws:cloudwatch/logGroup:LogGroup", retentionInDays=31), "retention 31"),
    Case("N-02", lambda: _topic_policy(_tls_deny("sns:Publish", ["arn"])), lambda: _topic_policy({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sns:Publish", "Resource": "*"}), "no Deny for requests without TLS"),
    Case("N-06", _one("aws:sns/topic:Topic", kmsMasterKeyId="arn:aws:kms:us-east-1:1:key/k"), _one("aws:sns/topic:Topic", kmsMasterKeyId="alias/aws/sns"), "AWS managed SNS key"),
    Case("K-01", _one("aws:kms/key:Key", enableKeyRotation=True), _one("aws:kms/key:Key", enableKeyRotation=False), "rotation off"),
    Case("K-02", _one("aws:kms/key:Key", policy=_policy({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"})), _one("aws:kms/key:Key"), "no explicit key policy"),
    Case("K-03", _one("aws:kms/key:Key", deletionWindowInDays=30), _one("aws:kms/key:Key", deletionWindowInDays=7), "deletion window 7 < 30"),
    Case("DDB-01", _one(TABLE, **GOOD_TABLE), _one(TABLE, **{**GOOD_TABLE, "pointInTimeRecovery": {"enabled": False}}), "point-in-time recovery is off"),
    Case("DDB-02", _one(TABLE, **GOOD_TABLE), _one(TABLE, **{**GOOD_TABLE, "deletionProtectionEnabled": False}), "deletion protection is off"),
    Case("DDB-03", _one(TABLE, **GOOD_TABLE), _one(TABLE, **{**GOOD_TABLE, "serverSideEncryption": None}), "not stated"),
    Case("DDB-04", _one(TABLE, **GOOD_TABLE), _one(TABLE, **{**GOOD_TABLE, "billingMode": "PROVISIONED"}), "'PROVISIONED'"),
    Case("Q-01", _one(QUEUE, sqsManagedSseEnabled=True), _one(QUEUE, kmsMasterKeyId="alias/aws/sqs"), "alias/aws/sqs"),
    Case("Q-02", lambda: [q := _queue("jobs"), _queue_policy(q, _tls_deny("sqs:*", [q.state["arn"]]))], lambda: [q := _queue("jobs"), _queue_policy(q, {**QUEUE_ALLOW, "Action": "sqs:SendMessage"})], "no Deny sqs:*"),
    Case("Q-03", _one("aws:sqs/queuePolicy:QueuePolicy", policy=_policy({**QUEUE_ALLOW, "Action": "sqs:SendMessage"})), _one("aws:sqs/queuePolicy:QueuePolicy", policy=_policy({**QUEUE_ALLOW, "Action": "sqs:*"})), "wildcard actions"),
    Case("Q-04", lambda: _dlq_pair(345_600, 1_209_600), lambda: _dlq_pair(345_600, 1_209_600, count=0), "maxReceiveCount 0"),
    Case("Q-06", lambda: _dlq_pair(345_600, 1_209_600), lambda: _dlq_pair(345_600, 345_600), "not longer than its 345600 s"),
    Case("Q-08", lambda: _mapping(), lambda: _mapping(report=False), "lacks ReportBatchItemFailures"),
    Case("Q-09", lambda: _mapping(), lambda: _mapping(ordered=False), "does not depend on the policy"),
    Case("Q-10", lambda: _mapping(visibility=60), lambda: _mapping(visibility=59), "visibility 59 s < 60 s"),
    Case("SM-01", lambda: _secret_version(generated=True), lambda: _secret_version(generated=False), "not generated by the program"),
    Case("SM-02", _one(SECRET, kmsKeyId="alias/aws/secretsmanager"), _one(SECRET), "kms_key_id not stated"),
    Case("SM-03", _one("aws:secretsmanager/secretRotation:SecretRotation", rotationRules={"scheduleExpression": "rate(30 days)"}), _one("aws:secretsmanager/secretRotation:SecretRotation", rotationRules={"scheduleExpression": "rate(120 days)"}), "longer than 90 days"),
    Case("SM-05", _one(SECRET, recoveryWindowInDays=7), _one(SECRET, recoveryWindowInDays=0), "recovery window 0 days"),
    Case("SM-06", _one("aws:secretsmanager/secretPolicy:SecretPolicy", blockPublicPolicy=True), _one("aws:secretsmanager/secretPolicy:SecretPolicy", blockPublicPolicy=False), "block_public_policy is not on"),
]  # fmt: skip
