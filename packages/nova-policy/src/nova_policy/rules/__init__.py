"""The rule catalogue: every rule of every service module, in catalogue order."""

from __future__ import annotations

from types import ModuleType

from nova_policy.rule import Rule

from . import (
    apigateway,
    cloudwatch,
    dynamodb,
    iam,
    kms,
    lambda_,
    s3,
    secretsmanager,
    sns,
    sqs,
)

__all__ = ["RULES", "RULES_BY_ID", "SERVICES", "rules_of"]

SERVICES: dict[str, ModuleType] = {
    "S3": s3,
    "Lambda": lambda_,
    "IAM": iam,
    "API Gateway (HTTP APIs)": apigateway,
    "CloudWatch": cloudwatch,
    "SNS": sns,
    "KMS": kms,
    "DynamoDB": dynamodb,
    "SQS and event source mappings": sqs,
    "Secrets Manager": secretsmanager,
}


def rules_of(module: ModuleType) -> tuple[Rule, ...]:
    """The rules a service module declares, in declaration order."""
    return tuple(value for value in vars(module).values() if isinstance(value, Rule))


RULES: tuple[Rule, ...] = tuple(r for module in SERVICES.values() for r in rules_of(module))
RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
