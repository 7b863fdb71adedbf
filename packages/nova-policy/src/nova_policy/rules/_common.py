"""Helpers shared by the rule modules: type tokens, policy documents, list handling."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from nova_policy.model import Resource, UndecidableError

BUCKET = "aws:s3/bucket:Bucket"
BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy"
FUNCTION = "aws:lambda/function:Function"
PERMISSION = "aws:lambda/permission:Permission"
FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl"
EVENT_SOURCE_MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
TOPIC = "aws:sns/topic:Topic"
TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy"
KMS_KEY = "aws:kms/key:Key"
HTTP_API = "aws:apigatewayv2/api:Api"
STAGE = "aws:apigatewayv2/stage:Stage"
ROUTE = "aws:apigatewayv2/route:Route"
DOMAIN = "aws:apigatewayv2/domainName:DomainName"
TABLE = "aws:dynamodb/table:Table"
QUEUE = "aws:sqs/queue:Queue"
QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy"
REDRIVE_POLICY = "aws:sqs/redrivePolicy:RedrivePolicy"
REDRIVE_ALLOW_POLICY = "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy"
SECRET = "aws:secretsmanager/secret:Secret"
SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion"
SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation"
SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy"

RESTRICTING_CONDITION_KEYS = frozenset(
    {
        "aws:sourceaccount",
        "aws:sourcearn",
        "aws:principalorgid",
        "aws:principalaccount",
        "aws:sourcevpce",
        "aws:sourceowner",
        "aws:sourceorgid",
    }
)


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return list(value)
    return [value]


def document(policy: Any, where: str = "policy") -> Mapping[str, Any]:
    """A policy document from a JSON string or a mapping ({} when absent or not JSON)."""
    if policy is None or policy == "":
        return {}
    if isinstance(policy, Mapping):
        return policy
    if isinstance(policy, str):
        try:
            loaded = json.loads(policy)
        except ValueError:
            return {}
        return loaded if isinstance(loaded, Mapping) else {}
    raise UndecidableError(where)


def statements(policy: Any) -> list[Mapping[str, Any]]:
    return [s for s in as_list(document(policy).get("Statement")) if isinstance(s, Mapping)]


def is_public_principal(principal: Any) -> bool:
    if principal == "*":
        return True
    if isinstance(principal, Mapping):
        return "*" in as_list(principal.get("AWS"))
    return False


def restricting(statement: Mapping[str, Any]) -> bool:
    condition = statement.get("Condition") or {}
    keys = {
        str(key).lower()
        for block in condition.values()
        if isinstance(block, Mapping)
        for key in block
    }
    return bool(keys & RESTRICTING_CONDITION_KEYS)


def allows_public(statement: Mapping[str, Any]) -> bool:
    """An Allow to everyone (``*`` or ``{"AWS": "*"}``) with no condition narrowing it."""
    return (
        statement.get("Effect") == "Allow"
        and is_public_principal(statement.get("Principal"))
        and not restricting(statement)
    )


def denies_without_tls(statement: Mapping[str, Any]) -> bool:
    condition = (statement.get("Condition") or {}).get("Bool") or {}
    return statement.get("Effect") == "Deny" and condition.get("aws:SecureTransport") in (
        "false",
        False,
    )


def tls_deny_for(statements_: list[Mapping[str, Any]], actions: set[str]) -> bool:
    """A Deny to every principal of one of ``actions`` when the request is not TLS."""
    return any(
        denies_without_tls(s)
        and is_public_principal(s.get("Principal"))
        and bool(set(map(str, as_list(s.get("Action")))) & actions)
        for s in statements_
    )


def first(resource: Resource, *keys: str) -> Any:
    """The first input among ``keys`` that is set."""
    for key in keys:
        value = resource.inputs.get(key)
        if value not in (None, ""):
            return value
    return None
