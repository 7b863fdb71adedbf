"""Pure generation of CloudWatch dashboard bodies (no Pulumi needed).

:func:`render_dashboard_body` turns a :class:`DashboardSpec` of plain values into the dashboard
body dict (``json.dumps`` it for ``aws.cloudwatch.Dashboard``). The layout is deterministic:
resources in the order given (the components sort them by key), each resource's widgets on their
own rows of the 24-column grid, nothing overlapping.

CloudWatch refuses bodies with more than 500 widgets, more than 500 metrics in one widget or
more than 2,500 metrics in total. :func:`render_dashboard_body` raises
``nova_core.NovaInputError`` when a spec would exceed them; :func:`paginate_dashboard_spec`
splits a spec into pages that fit, by resource, deterministically (the
:class:`~nova_observability.Dashboard` component creates one dashboard per page).
"""

import math
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from nova_core import Checker, at

from ._dashboard_widgets import BLOCKS, GRID_COLUMNS, SECTION_TITLES, text_widget
from .alarms import LOGS_INSIGHTS_ERROR_QUERY

__all__ = [
    "DashboardSpec",
    "GRID_COLUMNS",
    "MAX_ALARMS_PER_ALARM_WIDGET",
    "MAX_LOG_GROUPS_PER_QUERY",
    "MAX_METRICS_PER_DASHBOARD",
    "MAX_METRICS_PER_WIDGET",
    "MAX_WIDGETS_PER_DASHBOARD",
    "metrics_in_widget",
    "paginate_dashboard_spec",
    "render_dashboard_body",
]

MAX_WIDGETS_PER_DASHBOARD = 500
MAX_METRICS_PER_WIDGET = 500
MAX_METRICS_PER_DASHBOARD = 2500
MAX_ALARMS_PER_ALARM_WIDGET = 100
MAX_LOG_GROUPS_PER_QUERY = 50
MAX_WIDGET_HEIGHT = 1000
SOURCE = "CloudWatch dashboard body structure"

_LOG_HEIGHT = 8


class DashboardSpec(TypedDict, total=False):
    """Input of :func:`render_dashboard_body`: plain values only.

    ``queues`` items: ``{"key", "queue_name", "dlq_name"?, "retention_seconds"?,
    "consumer_function_name"?}``; ``tables`` items: ``{"key", "table_name", "operations"?}``;
    ``functions`` items: ``{"key", "function_name", "log_group_name"}``; ``apis`` items:
    ``{"key", "api_id", "stage_name"?}``; ``buckets`` items: ``{"key", "bucket_name",
    "filter_id"?}``; ``alarms`` items: ``{"key": "<resource key>/<kind>", "arn"}``.
    """

    service_name: str
    environment: str
    region: str
    period_seconds: int
    functions: list[dict[str, Any]]
    apis: list[dict[str, Any]]
    buckets: list[dict[str, Any]]
    queues: list[dict[str, Any]]
    tables: list[dict[str, Any]]
    alarms: list[dict[str, Any]]
    page: int
    page_count: int


def _chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _alarm_widgets(alarms: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    ordered = sorted(alarms, key=lambda a: a["key"])
    chunks = _chunks(ordered, MAX_ALARMS_PER_ALARM_WIDGET)
    widgets = []
    for index, chunk in enumerate(chunks, start=1):
        title = "Alarms" if len(chunks) == 1 else f"Alarms ({index}/{len(chunks)})"
        widgets.append(
            {
                "type": "alarm",
                "width": GRID_COLUMNS,
                "height": max(2, 1 + math.ceil(len(chunk) / 4)),
                "properties": {
                    "title": title,
                    "alarms": [a["arn"] for a in chunk],
                    "sortBy": "stateUpdatedTimestamp",
                },
            }
        )
    return widgets


def logs_insights_query(log_group_names: Sequence[str]) -> str:
    """The recent-errors query over ``log_group_names`` (dashboard ``SOURCE`` syntax)."""
    sources = " | ".join(f"SOURCE '{name}'" for name in log_group_names)
    return f"{sources} | {LOGS_INSIGHTS_ERROR_QUERY}"


def _log_widgets(functions: Sequence[Mapping[str, Any]], region: str) -> list[dict[str, Any]]:
    groups = sorted({f["log_group_name"] for f in functions if f.get("log_group_name")})
    chunks = _chunks(groups, MAX_LOG_GROUPS_PER_QUERY)
    widgets = []
    for index, chunk in enumerate(chunks, start=1):
        title = "Recent errors" if len(chunks) == 1 else f"Recent errors ({index}/{len(chunks)})"
        widgets.append(
            {
                "type": "log",
                "width": GRID_COLUMNS,
                "height": _LOG_HEIGHT,
                "properties": {
                    "title": title,
                    "region": region,
                    "view": "table",
                    "query": logs_insights_query(chunk),
                },
            }
        )
    return widgets


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _header(spec: Mapping[str, Any]) -> dict[str, Any]:
    counted = [
        _plural(len(spec.get("functions") or []), "Lambda function"),
        _plural(len(spec.get("apis") or []), "HTTP API"),
        _plural(len(spec.get("buckets") or []), "S3 bucket"),
    ]
    for resource_type, word in (("queues", "SQS queue"), ("tables", "DynamoDB table")):
        if spec.get(resource_type):
            counted.append(_plural(len(spec[resource_type]), word))
    counts = ", ".join(counted)
    page, pages = spec.get("page", 1), spec.get("page_count", 1)
    paging = f" Page {page} of {pages}." if pages > 1 else ""
    markdown = (
        f"# {spec.get('service_name', 'service')} · {spec.get('environment', 'environment')}\n"
        f"{counts} in {spec.get('region', '')}. Alarms first, then metrics per resource and "
        f"recent errors from the functions' logs.{paging}"
    )
    return text_widget(markdown, 2)


def _blocks(spec: Mapping[str, Any]) -> list[list[dict[str, Any]]]:
    region = spec.get("region", "")
    period = int(spec.get("period_seconds", 60))
    blocks: list[list[dict[str, Any]]] = [[_header(spec)]]
    alarms = list(spec.get("alarms") or [])
    if alarms:
        blocks.append(_alarm_widgets(alarms))
    for resource_type, build in BLOCKS.items():
        items = list(spec.get(resource_type) or [])
        if not items:
            continue
        blocks.append([text_widget(SECTION_TITLES[resource_type], 1)])
        blocks.extend(build(item, region, period) for item in items)
    logs = _log_widgets(list(spec.get("functions") or []), region)
    if logs:
        blocks.append(logs)
    return blocks


def _layout(blocks: Sequence[Sequence[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Place widgets: each block starts a new row; widgets flow left to right and wrap."""
    placed: list[dict[str, Any]] = []
    y = 0
    for block in blocks:
        x, row_height = 0, 0
        for widget in block:
            width, height = widget["width"], widget["height"]
            if x + width > GRID_COLUMNS:
                y, x, row_height = y + row_height, 0, 0
            placed.append({"type": widget["type"], "x": x, "y": y, **widget})
            x += width
            row_height = max(row_height, height)
        y += row_height
    return placed


def metrics_in_widget(widget: Mapping[str, Any]) -> int:
    """Number of metrics a widget graphs (0 for text, alarm and log widgets)."""
    return len(widget.get("properties", {}).get("metrics") or [])


def _check_limits(widgets: Sequence[Mapping[str, Any]]) -> None:
    check = Checker("nova-observability dashboard body", "spec")
    fix = "split the spec with paginate_dashboard_spec (the Dashboard component does)"
    if len(widgets) > MAX_WIDGETS_PER_DASHBOARD:
        check.fail(
            "widgets",
            len(widgets),
            f"{len(widgets)} widgets; CloudWatch allows at most {MAX_WIDGETS_PER_DASHBOARD} per "
            "dashboard",
            fix,
            source=SOURCE,
            shown=f"{len(widgets)} widgets",
        )
    total = 0
    for index, widget in enumerate(widgets):
        where = at("widgets", index)
        title = widget.get("properties", {}).get("title")
        count = metrics_in_widget(widget)
        if count > MAX_METRICS_PER_WIDGET:
            check.fail(
                where,
                count,
                f"widget {title!r} has {count} metrics; CloudWatch allows at most "
                f"{MAX_METRICS_PER_WIDGET}",
                fix,
                source=SOURCE,
                shown=f"{count} metrics",
            )
        total += count
        if not 1 <= widget["width"] <= GRID_COLUMNS or widget["x"] + widget["width"] > GRID_COLUMNS:
            check.fail(
                where,
                widget["width"],
                f"widget at x={widget['x']} with width {widget['width']} leaves the "
                f"{GRID_COLUMNS}-column grid",
                f"use a width of 1-{GRID_COLUMNS - widget['x']}",
                source=SOURCE,
            )
        if not 1 <= widget["height"] <= MAX_WIDGET_HEIGHT:
            check.fail(
                where,
                widget["height"],
                f"widget height {widget['height']} is outside 1-{MAX_WIDGET_HEIGHT}",
                f"use a height of 1-{MAX_WIDGET_HEIGHT}",
                source=SOURCE,
            )
    if total > MAX_METRICS_PER_DASHBOARD:
        check.fail(
            "widgets",
            total,
            f"{total} metrics; CloudWatch allows at most {MAX_METRICS_PER_DASHBOARD} per dashboard",
            fix,
            source=SOURCE,
            shown=f"{total} metrics",
        )


def render_dashboard_body(spec: DashboardSpec | Mapping[str, Any]) -> dict[str, Any]:
    """The dashboard body for ``spec`` (a dict ready for ``json.dumps``).

    Raises ``nova_core.NovaInputError`` when the body would break CloudWatch's limits (500
    widgets, 500 metrics per widget, 2,500 metrics per dashboard, widget width 1-24 and height
    1-1,000).
    """
    widgets = _layout(_blocks(spec))
    _check_limits(widgets)
    return {"start": "-PT3H", "periodOverride": "inherit", "widgets": widgets}


def _cost(resource_type: str, item: Mapping[str, Any]) -> tuple[int, int]:
    """Widgets and metrics of one resource's block (values are not looked at, only shape)."""
    widgets = BLOCKS[resource_type](item, "r", 60)
    return len(widgets), sum(metrics_in_widget(w) for w in widgets)


class _PageCost:
    """Widgets and metrics of one page, kept as resources are added (each resource's block is
    costed once, so paginating n resources is linear, not quadratic)."""

    def __init__(self) -> None:
        self.types: set[str] = set()
        self.block_widgets = 0
        self.metrics = 0
        self.functions = 0

    def with_resource(
        self, resource_type: str, cost: tuple[int, int], alarms: int
    ) -> tuple[int, int]:
        """(widgets, metrics) of this page with one more resource of ``cost`` and ``alarms``."""
        types = len(self.types | {resource_type})
        functions = self.functions + (resource_type == "functions")
        widgets = 1 + types + self.block_widgets + cost[0]  # header, section titles, blocks
        widgets += math.ceil(alarms / MAX_ALARMS_PER_ALARM_WIDGET)
        widgets += math.ceil(functions / MAX_LOG_GROUPS_PER_QUERY)
        return widgets, self.metrics + cost[1]

    def add(self, resource_type: str, cost: tuple[int, int]) -> None:
        self.types.add(resource_type)
        self.block_widgets += cost[0]
        self.metrics += cost[1]
        self.functions += resource_type == "functions"


def paginate_dashboard_spec(spec: DashboardSpec | Mapping[str, Any]) -> list[dict[str, Any]]:
    """Split ``spec`` into pages within CloudWatch's limits (one page when it fits).

    Only the number and kinds of resources and alarms matter, so the split is known before any
    value resolves and is stable: resources keep their order and fill pages greedily; an alarm
    goes to the page of its resource (``"<resource key>/<kind>"``), other alarms to page 1.
    Each page repeats the header and carries ``page``/``page_count``.
    """
    resources = [
        (resource_type, item)
        for resource_type in BLOCKS
        for item in (spec.get(resource_type) or [])
    ]
    alarms = list(spec.get("alarms") or [])
    alarms_by_resource: dict[str, list[Mapping[str, Any]]] = {}
    for alarm in alarms:
        alarms_by_resource.setdefault(str(alarm["key"]).split("/", 1)[0], []).append(alarm)
    resource_keys = {item["key"] for _, item in resources}
    loose = [a for a in alarms if str(a["key"]).split("/", 1)[0] not in resource_keys]

    pages: list[list[tuple[str, Mapping[str, Any]]]] = [[]]
    page_alarms = [len(loose)]
    page_cost = _PageCost()
    for resource in resources:
        resource_type = resource[0]
        own = len(alarms_by_resource.get(resource[1]["key"], []))
        cost = _cost(resource_type, resource[1])
        widgets, metrics = page_cost.with_resource(resource_type, cost, page_alarms[-1] + own)
        if pages[-1] and (
            widgets > MAX_WIDGETS_PER_DASHBOARD or metrics > MAX_METRICS_PER_DASHBOARD
        ):
            pages.append([])
            page_alarms.append(0)
            page_cost = _PageCost()
        pages[-1].append(resource)
        page_alarms[-1] += own
        page_cost.add(resource_type, cost)

    out: list[dict[str, Any]] = []
    for number, page in enumerate(pages, start=1):
        keys = {item["key"] for _, item in page}
        page_spec: dict[str, Any] = {k: v for k, v in spec.items() if k not in (*BLOCKS, "alarms")}
        for resource_type in BLOCKS:
            page_spec[resource_type] = [item for t, item in page if t == resource_type]
        page_spec["alarms"] = [a for a in alarms if str(a["key"]).split("/", 1)[0] in keys] + (
            loose if number == 1 else []
        )
        page_spec["page"] = number
        page_spec["page_count"] = len(pages)
        out.append(page_spec)
    return out
