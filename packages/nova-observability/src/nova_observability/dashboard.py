"""``Dashboard``: a CloudWatch dashboard generated from the monitored resources."""

import json
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

import pulumi
import pulumi_aws as aws

from nova_core import child_name, gather_list, is_plain

from ._plan import plan_dashboard
from .dashboard_body import render_dashboard_body

__all__ = ["Dashboard", "DashboardArgs"]

TYPE_TOKEN = "nova-observability:index:Dashboard"


class DashboardArgs(TypedDict, total=False):
    """Arguments of :class:`Dashboard`."""

    dashboard_name: str
    """Name of the (first) dashboard: at most 255 of A-Z a-z 0-9 - _. Dashboards are
    account-global and ``PutDashboard`` overwrites a same-named one, so include project and stack.
    Further pages are named ``<dashboard_name>-2``, ``-3``, ...
    Default: ``<project>-<stack>-<name>`` with other characters replaced by '-'."""
    functions: Mapping[str, Any]
    """Lambda functions by stable key: an object with ``function_name`` (+ ``log_group_name``),
    a dict with those keys, or the function name. Default: no functions."""
    apis: Mapping[str, Any]
    """HTTP APIs by stable key: an object with ``api_id`` (+ ``stage_name``), a dict with those
    keys, or the API id. Default: no APIs."""
    buckets: Mapping[str, Any]
    """S3 buckets by stable key: an object with ``bucket_name``, a dict with that key, or the
    bucket name. Graphs use the request metrics of the ``EntireBucket`` filter.
    Default: no buckets."""
    queues: Mapping[str, Any]
    """SQS queues by stable key: an object with ``name`` (+ ``dlq_name``, ``retention_seconds``,
    ``consumer_function``), a dict with those keys, or the queue name. Default: no queues."""
    tables: Mapping[str, Any]
    """DynamoDB tables by stable key: an object with ``name`` (+ ``granted_operations``), a dict
    with ``name`` and ``operations``, or the table name. Default: no tables."""
    alarm_arns: Mapping[str, pulumi.Input[str]]
    """Alarms for the alarm-status widget, keyed ``"<resource key>/<kind>"`` (the key places the
    alarm on its resource's page). Default: no alarm widget."""
    service_name: str
    """Service name for the header. Default: the Pulumi project name."""
    environment: str
    """Environment name for the header. Default: the Pulumi stack name."""
    period_seconds: int
    """Period of the graphs: 60 or a multiple of 60. Default: 60."""
    region: pulumi.Input[str]
    """Region of the metrics and logs shown. Default: the provider's region."""


def _render(spec: dict[str, Any]) -> str:
    return json.dumps(render_dashboard_body(spec), sort_keys=False)


class _Slot:
    """Where the ``index``-th Output of a page spec goes once it resolves."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


def _template(value: Any, outputs: list[Any]) -> Any:
    """``value`` with every Output (or awaitable) in its dicts, lists and tuples replaced by a
    :class:`_Slot`; the Outputs are appended to ``outputs``. Plain values stay as they are, so
    only the few Outputs of a page (names, ARNs, the Region) are awaited, not every string."""
    if not is_plain(value):
        outputs.append(value)
        return _Slot(len(outputs) - 1)
    if isinstance(value, Mapping):
        return {k: _template(v, outputs) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_template(v, outputs) for v in value)
    return value


def _fill(value: Any, resolved: Sequence[Any]) -> Any:
    if isinstance(value, _Slot):
        return resolved[value.index]
    if isinstance(value, dict):
        return {k: _fill(v, resolved) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_fill(v, resolved) for v in value)
    return value


def _body(spec: dict[str, Any]) -> pulumi.Input[str]:
    """The dashboard JSON: now when the spec is plain, else once its Outputs resolve."""
    outputs: list[Any] = []
    template = _template(spec, outputs)
    if not outputs:
        return _render(spec)
    return gather_list(outputs).apply(lambda resolved: _render(_fill(template, resolved)))


class Dashboard(pulumi.ComponentResource):
    """A CloudWatch dashboard generated from Lambda functions, HTTP APIs and S3 buckets.

    Layout (24-column grid, stable order by key): a header with service and environment, the
    alarm-status widget, per function invocations / errors and throttles / duration p50-p90-p99 /
    concurrency, per HTTP API requests / 4xx and 5xx / latency p50-p99 / integration latency, per
    bucket requests / 4xx and 5xx errors, and a Logs Insights widget with recent errors from the
    functions' log groups.

    When the content exceeds CloudWatch's limits (500 widgets, 2,500 metrics per dashboard) it is
    split by resource into several dashboards: the first keeps ``dashboard_name`` (child
    ``<name>-dashboard``), further pages are ``<dashboard_name>-2``... (children
    ``<name>-dashboard-2``...). The first dashboard therefore never moves when pages are added.
    """

    dashboard: aws.cloudwatch.Dashboard
    """The first (usually the only) dashboard."""
    dashboards: list[aws.cloudwatch.Dashboard]
    """Every page, in order."""
    dashboard_name: pulumi.Output[str]
    """Name of the first dashboard."""
    dashboard_arn: pulumi.Output[str]
    """ARN of the first dashboard."""
    dashboard_names: pulumi.Output[list[str]]
    """Names of every page."""
    dashboard_arns: pulumi.Output[list[str]]
    """ARNs of every page."""
    page_count: pulumi.Output[int]
    """Number of dashboards created."""

    def __init__(
        self, name: str, args: DashboardArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        plan = plan_dashboard(name, args, project=pulumi.get_project(), stack=pulumi.get_stack())
        super().__init__(TYPE_TOKEN, name, None, opts)
        # The default Region is the provider's (looked up, so not part of the plan).
        region: pulumi.Input[str] = (
            plan.region
            or aws.get_region_output(opts=pulumi.InvokeOutputOptions(parent=self)).region
        )
        self.dashboards = []
        for page in plan.pages:
            number = page["page"]
            suffix = "" if number == 1 else f"-{number}"
            spec = {**page, "region": region}
            body = _body(spec)
            self.dashboards.append(
                aws.cloudwatch.Dashboard(
                    child_name(name, "dashboard", None if number == 1 else str(number)),
                    dashboard_name=f"{plan.dashboard_name}{suffix}",
                    dashboard_body=body,
                    opts=pulumi.ResourceOptions(parent=self),
                )
            )
        self.dashboard = self.dashboards[0]
        self.dashboard_name = self.dashboard.dashboard_name
        self.dashboard_arn = self.dashboard.dashboard_arn
        self.dashboard_names = pulumi.Output.all(*[d.dashboard_name for d in self.dashboards])
        self.dashboard_arns = pulumi.Output.all(*[d.dashboard_arn for d in self.dashboards])
        self.page_count = pulumi.Output.from_input(len(self.dashboards))
        self.register_outputs(
            {
                "dashboard_name": self.dashboard_name,
                "dashboard_arn": self.dashboard_arn,
                "dashboard_names": self.dashboard_names,
                "dashboard_arns": self.dashboard_arns,
                "page_count": self.page_count,
            }
        )
