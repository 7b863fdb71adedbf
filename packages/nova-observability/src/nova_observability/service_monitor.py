"""``ServiceMonitor``: alarm topic, every recommended alarm and the dashboard in one call."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypedDict

import pulumi
import pulumi_aws as aws

from nova_core import (
    at,
    check_when_known,
    child_name,
    field,
    former_child_name,
    gather_dict,
    is_plain,
)

from ._metrics import alarm_metric
from ._plan import MonitorPlan, checker, plan_service_monitor
from ._plan_alarms import PlannedAlarm, duration_threshold
from ._rules import resources
from .alarm_topic import AlarmTopic, AlarmTopicArgs
from .alarms import AlarmSettings, alarm_description
from .dashboard import Dashboard, DashboardArgs
from .targets import BUCKET_REQUEST_METRICS_FILTER_ID, BucketTarget

__all__ = ["ServiceMonitor", "ServiceMonitorArgs"]

TYPE_TOKEN = "nova-observability:index:ServiceMonitor"


class ServiceMonitorArgs(TypedDict, total=False):
    """Arguments of :class:`ServiceMonitor`. Every key is optional, but at least one of
    ``functions``, ``apis``, ``buckets``, ``queues`` and ``tables`` must hold a resource."""

    functions: Mapping[str, Any]
    """Lambda functions by stable key: an object with ``function_name``, ``timeout_seconds`` and
    ``log_group_name`` (e.g. a nova-compute ``Function``), a dict with those keys, or the function
    name (log group ``/aws/lambda/<name>``; the duration alarm then needs a threshold).
    Default: no functions."""
    apis: Mapping[str, Any]
    """HTTP APIs by stable key: an object with ``api_id`` and ``stage_name`` (e.g. a nova-api
    ``HttpApi``), a dict with those keys, or the API id. Default: no APIs."""
    buckets: Mapping[str, Any]
    """S3 buckets by stable key: an object with ``bucket_name`` and optionally ``bucket`` (e.g. a
    nova-storage ``Bucket``), a dict with those keys, or the bucket name. Default: no buckets."""
    queues: Mapping[str, Any]
    """SQS queues by stable key: an object with ``name`` and optionally ``dlq_name``,
    ``dlq_arn``, ``retention_seconds`` (plain int) and ``consumer_function`` (e.g. a
    nova-messaging ``Queue``), a dict with those keys, or the queue name. Default: no queues."""
    tables: Mapping[str, Any]
    """DynamoDB tables by stable key: an object with ``name`` and optionally
    ``granted_operations`` (e.g. a nova-storage ``Table``), a dict with ``name`` and
    ``operations``, or the table name. Default: no tables."""
    name_prefix: str
    """Prefix of every alarm name (``<prefix>-<key>-<kind>``) and of the default dashboard name;
    alarm names are unique per account and Region, so include project and stack.
    Default: ``<project>-<stack>-<name>``."""
    alarm_topic_arn: pulumi.Input[str]
    """Existing standard SNS topic to notify instead of creating one. Its policy must let
    ``cloudwatch.amazonaws.com`` publish. Default: an ``AlarmTopic`` is created."""
    topic: AlarmTopicArgs
    """Settings of the created alarm topic (subscriptions, KMS). Default: ``AlarmTopicArgs()``."""
    thresholds: Mapping[str, Mapping[str, AlarmSettings]]
    """Per-kind settings for every resource of a type, e.g. ``{"functions": {"errors":
    {"evaluation_periods": 1}}}``. Default: the catalogue (package README)."""
    overrides: Mapping[str, Mapping[str, AlarmSettings]]
    """Per-resource settings, e.g. ``{"orders": {"duration": {"threshold": 2000}}}``; they win
    over ``thresholds``. ``{"enabled": False}`` switches an alarm off. Default: none."""
    disabled_alarms: Sequence[str]
    """Alarms to leave out, as ``"<resource key>/<kind>"``. Default: none."""
    duration_percent_of_timeout: float
    """Lambda duration alarm threshold, in percent of the function's timeout. Default: 80."""
    queue_age_percent_of_retention: float
    """SQS age-of-oldest-message alarm threshold, in percent of the queue's retention (above 0,
    below 100). Default: 50."""
    table_operations: Mapping[str, Sequence[str]]
    """DynamoDB operations per table key (``GetItem``, ``Query``, ...; at most 10) for the
    opt-in latency alarm, the system-errors alarm and the dashboard, e.g.
    ``{"items": ["GetItem", "PutItem", "Query"]}``. Default: the table's
    ``granted_operations`` when it has them; otherwise system errors watch every item and
    transaction operation and the latency alarm needs this list."""
    additional_alarm_actions: Sequence[pulumi.Input[str]]
    """More ARNs notified on ALARM (at most 4: CloudWatch allows 5 per state and the topic takes
    one). Default: none."""
    disable_alarm_actions: bool
    """Create the alarms with actions disabled (no notifications; CloudWatch.17 fails). Only for
    throw-away stacks. Default: False."""
    runbook_url: str
    """https:// link appended to every alarm description. Default: none."""
    create_bucket_request_metrics: bool
    """Create each bucket's ``EntireBucket`` request-metrics configuration (request metrics are
    billed like custom metrics). Set False when the bucket already has one with that name.
    Default: True."""
    create_dashboard: bool
    """Create the dashboard. Default: True."""
    dashboard_name: str
    """Dashboard name (account-global). Default: ``name_prefix`` with characters other than
    A-Z a-z 0-9 - _ replaced by '-'."""
    service_name: str
    """Service name in the dashboard header. Default: the Pulumi project name."""
    environment: str
    """Environment in the dashboard header. Default: the Pulumi stack name."""
    tags: Mapping[str, str]
    """Extra tags for alarms, topic and key. Default: ``{"managed-by": "nova-observability"}``."""


_TYPES_OF_0_1 = ("functions", "apis", "buckets")


_ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm"


def _old_alarm_names(
    name: str, planned: PlannedAlarm, opts: pulumi.ResourceOptions | None
) -> list[str | pulumi.Alias] | None:
    """0.1.0 named alarms ``<name>-<key>-<kind>-alarm`` (queues and tables are new in 0.2.0);
    the alarm name in CloudWatch is unchanged."""
    if planned.resource_type not in _TYPES_OF_0_1:
        return None
    former = f"{name}-{planned.target.key}-{planned.kind.kind}-alarm"
    return [former_child_name(TYPE_TOKEN, name, opts, _ALARM_TYPE, former)]


def _timeout_check(name: str, key: str) -> Callable[[Any], None]:
    """The timeout rule, for a timeout that is an Output (checked when it resolves)."""

    def run(timeout: Any) -> None:
        resources.timeout_seconds(
            checker("ServiceMonitor", name), field(at("functions", key), "timeout_seconds"), timeout
        )

    return run


def _described(planned: PlannedAlarm, runbook_url: str | None) -> Callable[[dict[str, Any]], str]:
    def describe(values: dict[str, Any]) -> str:
        threshold = values.pop("threshold")
        return alarm_description(
            planned.kind, planned.settings, values, threshold=threshold, runbook_url=runbook_url
        )

    return describe


class ServiceMonitor(pulumi.ComponentResource):
    """Alarms on by default, an alarm topic and a generated dashboard for a service.

    For every function: Errors, Throttles and p99 Duration against its timeout; for every HTTP
    API: 5xx, 4xx rate, p99 Latency and p99 IntegrationLatency; for every bucket: 4xx and 5xx
    rates (with the bucket's request-metrics configuration); for every queue: messages in its
    dead-letter queue, age of the oldest message against its retention, and a stopped consumer;
    for every table: read and write throttles, system errors, and opt-in user errors and
    latency. Each alarm notifies the topic on
    ALARM and on OK, treats missing data explicitly and says in its description what to look at
    first. Thresholds follow CloudWatch's recommended alarms and can be changed per kind
    (``thresholds``) and per resource (``overrides``); any alarm can be switched off.

    Besides the outputs below, ``alarm_topic`` is the created :class:`AlarmTopic` (``None`` with
    ``alarm_topic_arn``) and ``dashboard_component`` the created :class:`Dashboard` (``None``
    with ``create_dashboard=False``).
    """

    topic_arn: pulumi.Output[str]
    """ARN of the topic the alarms notify."""
    alarms: dict[str, aws.cloudwatch.MetricAlarm]
    """Alarms by ``"<resource key>/<kind>"``."""
    alarm_arns: pulumi.Output[dict[str, str]]
    """Alarm ARNs by ``"<resource key>/<kind>"``."""
    alarm_names: pulumi.Output[dict[str, str]]
    """Alarm names by ``"<resource key>/<kind>"``."""
    request_metrics: dict[str, aws.s3.BucketMetric]
    """Request-metrics configurations created, by bucket key."""
    dashboard_name: pulumi.Output[str] | None
    """Name of the (first) dashboard, ``None`` without dashboard."""
    dashboard_arn: pulumi.Output[str] | None
    """ARN of the (first) dashboard, ``None`` without dashboard."""

    def __init__(
        self, name: str, args: ServiceMonitorArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        plan = plan_service_monitor(
            name, args, project=pulumi.get_project(), stack=pulumi.get_stack()
        )
        super().__init__(TYPE_TOKEN, name, None, opts)
        self._opts = opts

        self.alarm_topic: AlarmTopic | None = None
        if plan.topic_args is None:
            self.topic_arn = pulumi.Output.from_input(plan.alarm_topic_arn)
        else:
            self.alarm_topic = AlarmTopic(
                child_name(name, "alarms"),
                AlarmTopicArgs(**plan.topic_args),  # type: ignore[typeddict-item]
                opts=pulumi.ResourceOptions(parent=self),
            )
            self.topic_arn = self.alarm_topic.topic_arn

        self.request_metrics = {}
        if plan.create_bucket_request_metrics:
            for bucket in plan.targets.buckets:
                self.request_metrics[bucket.key] = self._request_metrics(name, bucket)

        self.alarms = {}
        self._unknown_values: dict[tuple[tuple[str, int], ...], pulumi.Output[Any]] = {}
        for planned in plan.alarms:
            self.alarms[planned.alarm_id] = self._alarm(name, planned, plan)

        # One Output each over hundreds of alarms, without an Output per alarm.
        self.alarm_arns = gather_dict({key: alarm.arn for key, alarm in self.alarms.items()})
        self.alarm_names = gather_dict({key: alarm.name for key, alarm in self.alarms.items()})

        self.dashboard_component: Dashboard | None = None
        self.dashboard_name = None
        self.dashboard_arn = None
        if plan.dashboard is not None:
            self.dashboard_component = Dashboard(
                child_name(name, "dashboard"),
                DashboardArgs(
                    dashboard_name=plan.dashboard.dashboard_name,
                    functions={t.key: t.as_dict() for t in plan.targets.functions},
                    apis={t.key: t.as_dict() for t in plan.targets.apis},
                    buckets={t.key: t.as_dict() for t in plan.targets.buckets},
                    queues={t.key: t.as_dict() for t in plan.targets.queues},
                    tables={
                        t.key: {**t.as_dict(), "operations": list(ops)}
                        if (ops := plan.table_operations.get(t.key))
                        else t.as_dict()
                        for t in plan.targets.tables
                    },
                    alarm_arns={k: alarm.arn for k, alarm in self.alarms.items()},
                    service_name=plan.dashboard.pages[0]["service_name"],
                    environment=plan.dashboard.pages[0]["environment"],
                ),
                opts=pulumi.ResourceOptions(parent=self),
            )
            self.dashboard_name = self.dashboard_component.dashboard_name
            self.dashboard_arn = self.dashboard_component.dashboard_arn

        self.register_outputs(
            {
                "topic_arn": self.topic_arn,
                "alarm_arns": self.alarm_arns,
                "alarm_names": self.alarm_names,
                "dashboard_name": self.dashboard_name,
                "dashboard_arn": self.dashboard_arn,
            }
        )

    def _request_metrics(self, name: str, bucket: BucketTarget) -> aws.s3.BucketMetric:
        return aws.s3.BucketMetric(
            child_name(name, "request-metrics", bucket.key),
            bucket=bucket.bucket_name,
            name=BUCKET_REQUEST_METRICS_FILTER_ID,
            opts=pulumi.ResourceOptions(
                parent=self,
                depends_on=[bucket.bucket] if bucket.bucket is not None else None,
                # 0.1.0 named it "<name>-<key>-request-metrics".
                aliases=[
                    former_child_name(
                        TYPE_TOKEN,
                        name,
                        self._opts,
                        "aws:s3/bucketMetric:BucketMetric",
                        f"{name}-{bucket.key}-request-metrics",
                    )
                ],
            ),
        )

    def _description(
        self, values: dict[str, Any], describe: Callable[[dict[str, Any]], str]
    ) -> pulumi.Input[str]:
        """The alarm description: now when every value is plain, else once the Outputs among
        them resolve. A resource's alarms share one gathered Output of the same Outputs (its
        name, log group...), instead of one per alarm."""
        plain = {k: v for k, v in values.items() if is_plain(v)}
        unknown = {k: v for k, v in values.items() if k not in plain}
        if not unknown:
            return describe(plain)
        key = tuple((k, id(v)) for k, v in unknown.items())
        shared = self._unknown_values.get(key)
        if shared is None:
            shared = self._unknown_values[key] = gather_dict(unknown)
        return shared.apply(lambda resolved: describe({**plain, **resolved}))

    def _alarm(
        self, name: str, planned: PlannedAlarm, plan: MonitorPlan
    ) -> aws.cloudwatch.MetricAlarm:
        target = planned.target
        settings = planned.settings
        key = target.key
        threshold: pulumi.Input[float]
        if planned.threshold is not None:
            threshold = planned.threshold
        else:  # a duration alarm whose function timeout is an Output: checked when known
            percent = planned.duration_percent_of_timeout
            threshold = check_when_known(target.timeout_seconds, _timeout_check(name, key)).apply(
                lambda timeout: duration_threshold(timeout, percent)
            )
        values: dict[str, Any] = {"threshold": threshold, **planned.describe_values()}
        description = self._description(values, _described(planned, plan.runbook_url))
        depends_on: list[pulumi.Resource] = []
        if key in self.request_metrics:
            depends_on.append(self.request_metrics[key])
        return aws.cloudwatch.MetricAlarm(
            child_name(name, "alarm", f"{key}-{planned.kind.kind}"),
            name=planned.alarm_name,
            alarm_description=description,
            **alarm_metric(planned),
            threshold=threshold,
            comparison_operator=settings.comparison_operator,
            evaluation_periods=settings.evaluation_periods,
            datapoints_to_alarm=settings.datapoints_to_alarm,
            treat_missing_data=settings.treat_missing_data,
            actions_enabled=not plan.disable_alarm_actions,
            alarm_actions=[self.topic_arn, *plan.additional_alarm_actions],
            ok_actions=[self.topic_arn],
            tags=dict(plan.tags),
            opts=pulumi.ResourceOptions(
                parent=self,
                depends_on=depends_on or None,
                aliases=_old_alarm_names(name, planned, self._opts),
            ),
        )
