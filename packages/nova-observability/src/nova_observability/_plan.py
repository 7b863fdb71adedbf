"""Arguments -> frozen plans. The only place defaults live.

Every plain value is checked here (through ``_rules``) before a component registers anything,
including cross checks (alarm names from prefix and keys, the dashboard's page count against its
name length, the topic choice). The components only turn a plan into resources.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nova_core import Checker, at, field
from nova_core.records import Record

from ._plan_alarms import AlarmOptions, PlannedAlarm, plan_alarms
from ._plan_targets import Targets, read_targets
from ._rules import alarms as alarm_rules
from ._rules import dashboard as dashboard_rules
from ._rules import names as name_rules
from ._rules import resources as resource_rules
from ._rules import thresholds as threshold_rules
from ._rules import topic as topic_rules
from .alarms import (
    DEFAULT_DURATION_PERCENT_OF_TIMEOUT,
    DEFAULT_QUEUE_AGE_PERCENT_OF_RETENTION,
    RESOURCE_TYPES,
)
from .dashboard_body import paginate_dashboard_spec
from .targets import BUCKET_REQUEST_METRICS_FILTER_ID

__all__ = [
    "AlarmTopicPlan",
    "DEFAULT_TAGS",
    "DashboardPlan",
    "MonitorPlan",
    "SubscriptionPlan",
    "plan_alarm_topic",
    "plan_dashboard",
    "plan_service_monitor",
]

PACKAGE = "nova-observability"

DEFAULT_TAGS: Mapping[str, str] = {"managed-by": "nova-observability"}
"""Tags every resource of this package carries (SNS.3); ``tags`` adds to and overrides them."""

ALARM_TOPIC_ARG_KEYS = ("topic_name", "subscriptions", "kms_key_arn", "create_kms_key", "tags")
DASHBOARD_ARG_KEYS = (
    *RESOURCE_TYPES,
    "dashboard_name",
    "alarm_arns",
    "service_name",
    "environment",
    "period_seconds",
    "region",
)
SERVICE_MONITOR_ARG_KEYS = (
    *RESOURCE_TYPES,
    "name_prefix",
    "alarm_topic_arn",
    "topic",
    "thresholds",
    "overrides",
    "disabled_alarms",
    "duration_percent_of_timeout",
    "queue_age_percent_of_retention",
    "table_operations",
    "additional_alarm_actions",
    "disable_alarm_actions",
    "runbook_url",
    "create_bucket_request_metrics",
    "create_dashboard",
    "dashboard_name",
    "service_name",
    "environment",
    "tags",
)


def checker(component: str, name: str) -> Checker:
    """The checker of one component instance (``"ServiceMonitor"``, ``"AlarmTopic"``...)."""
    return Checker(f"{PACKAGE} {component}", name)


def _args(check: Checker, args: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(args, Mapping):
        check.fail("args", args, f"must be {what} (a dict)", f"pass {what}(...)")
    return args


# -- alarm topic ---------------------------------------------------------------------------------
class SubscriptionPlan(Record):
    key: str
    protocol: str
    endpoint: Any
    dead_letter_queue_arn: Any | None


class AlarmTopicPlan(Record):
    """Checked input of an ``AlarmTopic``."""

    topic_name: str | None
    subscriptions: tuple[SubscriptionPlan, ...]
    kms_key_arn: Any | None
    create_kms_key: bool
    tags: Mapping[str, Any]


def _topic_plan(check: Checker, args: Mapping[str, Any], prefix: str) -> AlarmTopicPlan:
    def arg(key: str) -> str:
        return field(prefix, key)

    check.keys(prefix, args, ALARM_TOPIC_ARG_KEYS)
    topic_name = topic_rules.topic_name(check, arg("topic_name"), args.get("topic_name"))
    create_key = check.boolean(arg("create_kms_key"), args.get("create_kms_key"), plain=True)
    if args.get("kms_key_arn") is not None:
        if create_key:
            check.fail(
                arg("kms_key_arn"),
                args["kms_key_arn"],
                "kms_key_arn and create_kms_key=True both choose the topic's key",
                "pass one of them",
            )
        topic_rules.kms_key(check, arg("kms_key_arn"), args["kms_key_arn"])
    given_tags = check.mapping(arg("tags"), args.get("tags")) or {}
    tags = check.tags(arg("tags"), {**DEFAULT_TAGS, **given_tags}) or {}  # the 50 include ours
    subscriptions = topic_rules.subscriptions(
        check, arg("subscriptions"), args.get("subscriptions")
    )
    return AlarmTopicPlan(
        topic_name=topic_name,
        subscriptions=tuple(
            SubscriptionPlan(
                key=key,
                protocol=sub["protocol"],
                endpoint=sub["endpoint"],
                dead_letter_queue_arn=sub.get("dead_letter_queue_arn"),
            )
            for key, sub in sorted(subscriptions.items())
        ),
        kms_key_arn=args.get("kms_key_arn"),
        create_kms_key=bool(create_key),
        tags=dict(tags),
    )


def plan_alarm_topic(name: str, args: Any) -> AlarmTopicPlan:
    """Check every plain value of ``AlarmTopicArgs``; registers nothing."""
    check = checker("AlarmTopic", name)
    return _topic_plan(check, _args(check, args, "AlarmTopicArgs"), "")


# -- dashboard -----------------------------------------------------------------------------------
class DashboardPlan(Record):
    """Checked input of a ``Dashboard``: its name and its pages (plain specs, ``Output``s kept)."""

    dashboard_name: str
    pages: tuple[Mapping[str, Any], ...]
    region: Any | None


def _spec_items(targets: Targets) -> dict[str, list[dict[str, Any]]]:
    return {
        "functions": [
            {"key": t.key, "function_name": t.function_name, "log_group_name": t.log_group_name}
            for t in targets.functions
        ],
        "apis": [
            {"key": t.key, "api_id": t.api_id, "stage_name": t.stage_name} for t in targets.apis
        ],
        "buckets": [
            {
                "key": t.key,
                "bucket_name": t.bucket_name,
                "filter_id": BUCKET_REQUEST_METRICS_FILTER_ID,
            }
            for t in targets.buckets
        ],
        "queues": [
            {
                "key": t.key,
                "queue_name": t.queue_name,
                "dlq_name": t.dlq_name,
                "retention_seconds": t.retention_seconds,
                "consumer_function_name": t.consumer_function_name,
            }
            for t in targets.queues
        ],
        "tables": [
            {"key": t.key, "table_name": t.table_name, "operations": list(t.operations)}
            for t in targets.tables
        ],
    }


def _dashboard_plan(
    check: Checker,
    args: Mapping[str, Any],
    targets: Targets,
    *,
    default_name: str,
    project: str,
    stack: str,
    alarm_ids: tuple[str, ...] = (),
) -> DashboardPlan:
    period = alarm_rules.period(check, "period_seconds", args.get("period_seconds", 60))
    service_name = check.string("service_name", args.get("service_name"), plain=True) or project
    environment = check.string("environment", args.get("environment"), plain=True) or stack
    alarm_arns = dashboard_rules.alarm_arns(check, "alarm_arns", args.get("alarm_arns"))
    spec: dict[str, Any] = {
        "service_name": service_name,
        "environment": environment,
        "period_seconds": period,
        **_spec_items(targets),
        "alarms": [{"key": k, "arn": alarm_arns[k]} for k in sorted(alarm_arns)]
        + [{"key": k, "arn": None} for k in sorted(alarm_ids)],
    }
    pages = paginate_dashboard_spec(spec)
    dashboard_name = dashboard_rules.dashboard_name(
        check, "dashboard_name", args.get("dashboard_name", default_name), pages=len(pages)
    )
    return DashboardPlan(dashboard_name, tuple(pages), args.get("region"))


def plan_dashboard(name: str, args: Any, *, project: str, stack: str) -> DashboardPlan:
    """Check every plain value of ``DashboardArgs`` and plan the pages; registers nothing."""
    check = checker("Dashboard", name)
    args = _args(check, args, "DashboardArgs")
    check.keys("", args, DASHBOARD_ARG_KEYS)
    targets = read_targets(check, args)
    return _dashboard_plan(
        check,
        args,
        targets,
        default_name=dashboard_rules.sanitize_dashboard_name(f"{project}-{stack}-{name}"),
        project=project,
        stack=stack,
    )


# -- service monitor -----------------------------------------------------------------------------
class MonitorPlan(Record):
    """Checked input of a ``ServiceMonitor``."""

    targets: Targets
    alarms: tuple[PlannedAlarm, ...]
    name_prefix: str
    topic_args: Mapping[str, Any] | None
    """Arguments of the ``AlarmTopic`` to create (checked); ``None`` with ``alarm_topic_arn``."""
    alarm_topic_arn: Any | None
    dashboard: DashboardPlan | None
    additional_alarm_actions: tuple[Any, ...]
    tags: Mapping[str, Any]
    """Tags of the alarms: ``DEFAULT_TAGS`` and ``tags``."""
    runbook_url: str | None
    disable_alarm_actions: bool
    create_bucket_request_metrics: bool
    table_operations: Mapping[str, tuple[str, ...]]
    """DynamoDB operations per table key (argument over the table's own list)."""


def _table_operations(check: Checker, value: Any, targets: Targets) -> dict[str, tuple[str, ...]]:
    """Operations per table key: ``table_operations`` wins over the table's own list."""
    given = check.mapping("table_operations", value) or {}
    tables = {t.key: t for t in targets.tables}
    for key in given:
        if key not in tables:
            check.fail(
                at("table_operations", key),
                given[key],
                f"{key!r} is not the key of a monitored table",
                f"use one of {', '.join(sorted(tables)) or '(no tables are monitored)'}",
            )
    return {
        key: resource_rules.table_operations(check, at("table_operations", key), given[key])
        if key in given
        else table.operations
        for key, table in tables.items()
    }


def plan_service_monitor(name: str, args: Any, *, project: str, stack: str) -> MonitorPlan:
    """Check every plain value of ``ServiceMonitorArgs`` and plan every alarm; registers nothing."""
    check = checker("ServiceMonitor", name)
    args = _args(check, args, "ServiceMonitorArgs")
    check.keys("", args, SERVICE_MONITOR_ARG_KEYS)
    targets = read_targets(check, args)
    name_prefix = name_rules.name_prefix(
        check, "name_prefix", args.get("name_prefix", f"{project}-{stack}-{name}")
    )
    flags = {
        flag: check.boolean(flag, args.get(flag), plain=True)
        for flag in ("disable_alarm_actions", "create_bucket_request_metrics", "create_dashboard")
    }
    tags = dict(check.mapping("tags", args.get("tags")) or {})
    check.tags("tags", {**DEFAULT_TAGS, **tags})  # the 50 include ours
    topic_args: Mapping[str, Any] | None = None
    if args.get("alarm_topic_arn") is not None:
        if args.get("topic") is not None:
            check.fail(
                "topic",
                args["topic"],
                "topic configures the alarm topic this component creates, but alarm_topic_arn "
                "says to use an existing one",
                "pass one of them",
            )
        topic_rules.topic_arn(check, "alarm_topic_arn", args["alarm_topic_arn"])
    else:
        given = args.get("topic") or {}
        if not isinstance(given, Mapping):
            check.fail(
                "topic", given, "must be AlarmTopicArgs (a dict)", "pass AlarmTopicArgs(...)"
            )
        topic_args = {**given, "tags": {**tags, **dict(given.get("tags") or {})}}
        _topic_plan(check, topic_args, "topic")
    percent = threshold_rules.duration_percent(
        check,
        "duration_percent_of_timeout",
        args.get("duration_percent_of_timeout", DEFAULT_DURATION_PERCENT_OF_TIMEOUT),
    )
    age_percent = threshold_rules.queue_age_percent(
        check,
        "queue_age_percent_of_retention",
        args.get("queue_age_percent_of_retention", DEFAULT_QUEUE_AGE_PERCENT_OF_RETENTION),
    )
    table_operations = _table_operations(check, args.get("table_operations"), targets)
    actions = alarm_rules.action_arns(
        check, "additional_alarm_actions", args.get("additional_alarm_actions"), reserved=1
    )
    runbook_url = name_rules.runbook_url(check, "runbook_url", args.get("runbook_url"))
    alarms = plan_alarms(
        check,
        targets,
        name_prefix=name_prefix,
        thresholds=args.get("thresholds"),
        overrides=args.get("overrides"),
        disabled_alarms=args.get("disabled_alarms"),
        options=AlarmOptions(
            duration_percent_of_timeout=percent,
            queue_age_percent_of_retention=age_percent,
            table_operations=table_operations,
        ),
    )
    dashboard = None
    if flags["create_dashboard"] is not False:
        dashboard = _dashboard_plan(
            check,
            args,
            targets,
            default_name=dashboard_rules.sanitize_dashboard_name(name_prefix),
            project=project,
            stack=stack,
            alarm_ids=tuple(a.alarm_id for a in alarms),
        )
    return MonitorPlan(
        targets=targets,
        alarms=alarms,
        name_prefix=name_prefix,
        topic_args=topic_args,
        alarm_topic_arn=args.get("alarm_topic_arn"),
        dashboard=dashboard,
        additional_alarm_actions=tuple(actions),
        tags={**DEFAULT_TAGS, **tags},
        runbook_url=runbook_url,
        disable_alarm_actions=bool(flags["disable_alarm_actions"]),
        create_bucket_request_metrics=flags["create_bucket_request_metrics"] is not False,
        table_operations=table_operations,
    )
