"""CloudWatch alarms and log groups."""

from __future__ import annotations

from collections.abc import Iterator

from nova_policy.model import Resource
from nova_policy.rule import Context, Scanners, Scope, Severity, rule

from ._common import ALARM, LOG_GROUP, TOPIC, as_list

ALLOWED_RETENTION = frozenset(
    {
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
        2922, 3288, 3653,
    }
)  # fmt: skip
"""The retention values CloudWatch Logs accepts (CloudWatch Logs PutRetentionPolicy)."""
MISSING_DATA = ("breaching", "notBreaching", "ignore", "missing")


@rule(
    "C-01",
    "Alarms have enabled ALARM actions",
    severity=Severity.HIGH,
    types=(ALARM,),
    scope=Scope.STACK,
    scanners=Scanners(
        security_hub=("CloudWatch.15", "CloudWatch.17"),
        cdk_nag=("NIST.800.53.R5-CloudWatchAlarmAction",),
        checkov=("CKV_AWS_319",),
    ),
    rationale="An alarm without an enabled action changes state and tells nobody.",
    fix="Set alarm_actions to the program's SNS topic ARN and leave actions_enabled on.",
)
def alarms_have_actions(alarm: Resource, ctx: Context) -> Iterator[str]:
    topics = {t.get("arn") for t in ctx.stack.by_type(TOPIC)}
    actions = as_list(alarm.inputs.get("alarmActions"))
    if not actions:
        yield "no ALARM action"
    elif topics and not set(actions) <= topics:
        yield "ALARM action outside the program's topics"
    if alarm.inputs.get("actionsEnabled") is False:
        yield "actions disabled"


@rule(
    "C-03",
    "Explicit treat_missing_data",
    severity=Severity.LOW,
    types=(ALARM,),
    scanners=Scanners(other=("reliability practice",)),
    rationale="The default 'missing' keeps sparse error metrics in INSUFFICIENT_DATA instead of "
    "OK.",
    fix="Set treat_missing_data: 'notBreaching' for error counters, 'breaching' for heartbeats.",
)
def alarms_missing_data_explicit(alarm: Resource, ctx: Context) -> Iterator[str]:
    if alarm.inputs.get("treatMissingData") not in MISSING_DATA:
        yield "treat_missing_data not set"


@rule(
    "C-05",
    "Every log group has a retention",
    severity=Severity.MEDIUM,
    types=(LOG_GROUP,),
    scanners=Scanners(
        security_hub=("CloudWatch.16",),
        cdk_nag=("Serverless-CloudWatchLogGroupRetentionPeriod",),
        checkov=("CKV_AWS_66", "CKV_AWS_338"),
    ),
    rationale="Logs without retention are kept, and billed, forever.",
    fix="Set retention_in_days to one of CloudWatch's values (e.g. 30, 365).",
)
def log_groups_have_retention(group: Resource, ctx: Context) -> Iterator[str]:
    if group.inputs.get("retentionInDays") not in ALLOWED_RETENTION:
        yield f"retention {group.inputs.get('retentionInDays')!r}"
