"""DynamoDB tables."""

from __future__ import annotations

from collections.abc import Iterator

from nova_policy.model import Resource
from nova_policy.rule import Context, Level, Scanners, Scope, Severity, rule

from ._common import TABLE


@rule(
    "DDB-01",
    "Point-in-time recovery on",
    severity=Severity.MEDIUM,
    types=(TABLE,),
    scanners=Scanners(
        security_hub=("DynamoDB.2",),
        cdk_nag=("AwsSolutions-DDB3", "NIST.800.53.R5-DynamoDBPITREnabled"),
        checkov=("CKV_AWS_28",),
        trivy=("AWS-0024",),
        other=("CT.DYNAMODB.PR.1",),
    ),
    rationale="Without PITR a bad write or delete can only be undone from a manual backup, if "
    "there is one; PITR is off by default in Pulumi and Terraform.",
    fix="Set point_in_time_recovery={'enabled': True} (recovery_period_in_days 1-35).",
)
def table_pitr(table: Resource, ctx: Context) -> Iterator[str]:
    pitr = table.inputs.get("pointInTimeRecovery") or {}
    if pitr.get("enabled") is not True:
        yield "point-in-time recovery is off"
        return
    period = pitr.get("recoveryPeriodInDays")
    if period is not None and not 1 <= period <= 35:
        yield f"recovery_period_in_days {period!r} is outside 1-35"


@rule(
    "DDB-02",
    "Deletion protection on",
    severity=Severity.MEDIUM,
    types=(TABLE,),
    level=Level.ADVISORY,
    scanners=Scanners(security_hub=("DynamoDB.6",)),
    rationale="DeleteTable removes the data and its PITR history at once. Per environment: "
    "advisory by default so dev stacks can be torn down; make it mandatory in the config file "
    "of staging and prod.",
    fix="Set deletion_protection_enabled=True (a teardown then takes two updates).",
)
def table_deletion_protection(table: Resource, ctx: Context) -> Iterator[str]:
    if table.inputs.get("deletionProtectionEnabled") is not True:
        yield "deletion protection is off"


@rule(
    "DDB-03",
    "Encryption key stated",
    severity=Severity.LOW,
    types=(TABLE,),
    scanners=Scanners(
        checkov=("CKV_AWS_119",),
        trivy=("AWS-0025",),
        other=("AWS Config dynamodb-table-encrypted-kms", "CT.DYNAMODB.PR.2"),
    ),
    rationale="Every table is encrypted; the block only chooses the key (AWS owned, AWS managed "
    "or a customer managed key). Stated, the choice is reviewed, not inherited.",
    fix="Set server_side_encryption={'enabled': False} (AWS owned key), {'enabled': True} "
    "(aws/dynamodb) or {'enabled': True, 'kms_key_arn': <CMK ARN>}.",
)
def table_encryption_stated(table: Resource, ctx: Context) -> Iterator[str]:
    sse = table.inputs.get("serverSideEncryption")
    if not sse or not isinstance(sse.get("enabled"), bool):
        yield "server_side_encryption not stated"
    elif sse.get("kmsKeyArn") and sse.get("enabled") is not True:
        yield "kms_key_arn given but server-side encryption with KMS is not enabled"


SCALING_TARGET = "aws:appautoscaling/target:Target"


@rule(
    "DDB-04",
    "On-demand capacity, or provisioned with auto scaling",
    severity=Severity.LOW,
    types=(TABLE,),
    scope=Scope.STACK,
    level=Level.ADVISORY,
    scanners=Scanners(
        security_hub=("DynamoDB.1",),
        checkov=("CKV2_AWS_16",),
        cdk_nag=("NIST.800.53.R5-DynamoDBAutoScalingEnabled",),
    ),
    rationale="Provisioned capacity without autoscaling throttles at the first peak.",
    fix="Set billing_mode='PAY_PER_REQUEST', or add aws.appautoscaling.Target resources (and "
    "policies) for the table's read and write capacity.",
)
def table_on_demand(table: Resource, ctx: Context) -> Iterator[str]:
    if table.inputs.get("billingMode") == "PAY_PER_REQUEST":
        return
    scaled = {
        str(t.inputs.get("scalableDimension"))
        for t in ctx.stack.by_type(SCALING_TARGET)
        if t.inputs.get("serviceNamespace") == "dynamodb"
        and (
            ctx.stack.refers(t, "resourceId", table)
            or t.inputs.get("resourceId") == f"table/{table.known('name')}"
        )
    }
    missing = [
        unit
        for unit in ("ReadCapacityUnits", "WriteCapacityUnits")
        if f"dynamodb:table:{unit}" not in scaled
    ]
    if missing:
        billing = table.inputs.get("billingMode") or "PROVISIONED"
        yield f"billing mode {billing!r} without auto scaling of {' and '.join(missing)}"
