import json
from pathlib import Path

import pytest

from nova_core import NovaInputError
from nova_observability import paginate_dashboard_spec, render_dashboard_body
from nova_observability.dashboard_body import (
    MAX_METRICS_PER_DASHBOARD,
    MAX_WIDGETS_PER_DASHBOARD,
    _check_limits,
    logs_insights_query,
    metrics_in_widget,
)

SNAPSHOT = Path(__file__).parent / "snapshots" / "dashboard_body.json"
ERRORS_QUERY = (
    "fields @timestamp, @message, @requestId"
    ' | filter level = "ERROR" or @message like /ERROR/'
    " | sort @timestamp desc | limit 50"
)


def spec(
    functions: int = 1,
    apis: int = 1,
    buckets: int = 1,
    alarms: bool = True,
    *,
    queues: int = 0,
    tables: int = 0,
) -> dict:
    out = {
        "service_name": "shop",
        "environment": "prod",
        "region": "eu-west-1",
        "period_seconds": 60,
        "functions": [
            {"key": f"fn{i:03d}", "function_name": f"shop-fn{i:03d}",
             "log_group_name": f"/aws/lambda/shop-fn{i:03d}"}
            for i in range(functions)
        ],
        "apis": [
            {"key": f"api{i:03d}", "api_id": f"a1b2c3d{i:03d}", "stage_name": "$default"}
            for i in range(apis)
        ],
        "buckets": [
            {"key": f"b{i:03d}", "bucket_name": f"shop-b{i:03d}", "filter_id": "EntireBucket"}
            for i in range(buckets)
        ],
        "queues": [
            {"key": f"q{i:03d}", "queue_name": f"shop-q{i:03d}", "dlq_name": f"shop-q{i:03d}-dlq",
             "retention_seconds": 345600, "consumer_function_name": f"shop-fn{i:03d}"}
            for i in range(queues)
        ],
        "tables": [
            {"key": f"t{i:03d}", "table_name": f"shop-t{i:03d}", "operations": ["GetItem", "Query"]}
            for i in range(tables)
        ],
        "alarms": [],
    }  # fmt: skip
    if alarms:
        for resource_type, kinds in (
            ("functions", ("errors", "throttles", "duration")),
            ("apis", ("5xx", "4xx")),
            ("buckets", ("5xx",)),
            ("queues", ("dlq", "age", "consumer_stopped")),
            ("tables", ("read_throttles", "write_throttles", "system_errors")),
        ):
            for item in out[resource_type]:
                for kind in kinds:
                    out["alarms"].append(
                        {
                            "key": f"{item['key']}/{kind}",
                            "arn": f"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:"
                            f"shop-prod-{item['key']}-{kind}",
                        }
                    )
    return out


def assert_no_overlap(widgets: list[dict]) -> None:
    cells: dict[tuple[int, int], str] = {}
    for widget in widgets:
        assert widget["x"] >= 0
        assert widget["x"] + widget["width"] <= 24
        assert 1 <= widget["height"] <= 1000
        for x in range(widget["x"], widget["x"] + widget["width"]):
            for y in range(widget["y"], widget["y"] + widget["height"]):
                assert (x, y) not in cells, f"{widget} overlaps {cells[(x, y)]}"
                cells[(x, y)] = widget.get("properties", {}).get("title", widget["type"])


def by_title(body: dict) -> dict[str, dict]:
    return {w["properties"]["title"]: w for w in body["widgets"] if "title" in w["properties"]}


def test_widget_kinds_and_counts():
    body = render_dashboard_body(spec())
    types = [w["type"] for w in body["widgets"]]
    # header + alarms + 3 section titles + 4 function + 4 api + 2 bucket graphs + logs
    assert types.count("text") == 4
    assert types.count("alarm") == 1
    assert types.count("metric") == 10
    assert types.count("log") == 1
    assert len(types) == 16
    assert body["start"] == "-PT3H"
    assert body["periodOverride"] == "inherit"


def test_header_names_service_environment_and_region():
    header = render_dashboard_body(spec())["widgets"][0]
    assert (header["type"], header["x"], header["y"], header["width"]) == ("text", 0, 0, 24)
    assert header["properties"]["markdown"].startswith(
        "# shop · prod\n1 Lambda function, 1 HTTP API, 1 S3 bucket in eu-west-1."
    )
    plural = render_dashboard_body(spec(2, 2, 0))["widgets"][0]["properties"]["markdown"]
    assert "2 Lambda functions, 2 HTTP APIs, 0 S3 buckets" in plural


def test_function_widgets_graph_the_lambda_metrics():
    widgets = by_title(render_dashboard_body(spec()))
    dims = ["FunctionName", "shop-fn000"]
    assert widgets["fn000 · Invocations"]["properties"]["metrics"] == [
        ["AWS/Lambda", "Invocations", *dims, {"stat": "Sum", "label": "Invocations"}]
    ]
    assert widgets["fn000 · Errors and throttles"]["properties"]["metrics"] == [
        ["AWS/Lambda", "Errors", *dims, {"stat": "Sum", "label": "Errors"}],
        ["AWS/Lambda", "Throttles", *dims, {"stat": "Sum", "label": "Throttles"}],
    ]
    assert widgets["fn000 · Duration (ms)"]["properties"]["metrics"] == [
        ["AWS/Lambda", "Duration", *dims, {"stat": p, "label": p}] for p in ("p50", "p90", "p99")
    ]
    assert widgets["fn000 · Concurrency"]["properties"]["metrics"] == [
        ["AWS/Lambda", "ConcurrentExecutions", *dims,
         {"stat": "Maximum", "label": "Concurrent executions"}]
    ]  # fmt: skip


def test_api_widgets_graph_the_http_api_metrics():
    widgets = by_title(render_dashboard_body(spec()))
    dims = ["ApiId", "a1b2c3d000", "Stage", "$default"]
    assert widgets["api000 · Requests"]["properties"]["metrics"] == [
        ["AWS/ApiGateway", "Count", *dims, {"stat": "Sum", "label": "Requests"}]
    ]
    assert widgets["api000 · 4xx and 5xx"]["properties"]["metrics"] == [
        ["AWS/ApiGateway", "4xx", *dims, {"stat": "Sum", "label": "4xx"}],
        ["AWS/ApiGateway", "5xx", *dims, {"stat": "Sum", "label": "5xx"}],
    ]
    assert widgets["api000 · Latency (ms)"]["properties"]["metrics"] == [
        ["AWS/ApiGateway", "Latency", *dims, {"stat": p, "label": p}] for p in ("p50", "p99")
    ]
    assert widgets["api000 · Integration latency (ms)"]["properties"]["metrics"] == [
        ["AWS/ApiGateway", "IntegrationLatency", *dims, {"stat": p, "label": p}]
        for p in ("p50", "p99")
    ]


def test_api_without_stage_uses_the_api_id_dimension_only():
    one = spec(0, 1, 0, alarms=False)
    one["apis"][0]["stage_name"] = None
    widgets = by_title(render_dashboard_body(one))
    assert widgets["api000 · Requests"]["properties"]["metrics"][0][:4] == [
        "AWS/ApiGateway", "Count", "ApiId", "a1b2c3d000"
    ]  # fmt: skip
    assert len(widgets["api000 · Requests"]["properties"]["metrics"][0]) == 5


def test_bucket_widgets_graph_the_request_metrics_of_the_filter():
    widgets = by_title(render_dashboard_body(spec()))
    dims = ["BucketName", "shop-b000", "FilterId", "EntireBucket"]
    requests = widgets["b000 · Requests"]
    errors = widgets["b000 · 4xx and 5xx errors"]
    assert requests["properties"]["metrics"] == [
        ["AWS/S3", "AllRequests", *dims, {"stat": "Sum", "label": "Requests"}]
    ]
    assert errors["properties"]["metrics"] == [
        ["AWS/S3", "4xxErrors", *dims, {"stat": "Sum", "label": "4xx"}],
        ["AWS/S3", "5xxErrors", *dims, {"stat": "Sum", "label": "5xx"}],
    ]
    assert (requests["width"], errors["width"], requests["y"]) == (12, 12, errors["y"])


def test_metric_and_log_widgets_carry_region_and_period():
    body = render_dashboard_body(spec())
    for widget in body["widgets"]:
        if widget["type"] in ("metric", "log"):
            assert widget["properties"]["region"] == "eu-west-1"
        if widget["type"] == "metric":
            assert widget["properties"]["period"] == 60


def test_alarm_widget_lists_the_alarm_arns_sorted_by_key():
    body = render_dashboard_body(spec())
    (widget,) = [w for w in body["widgets"] if w["type"] == "alarm"]
    assert widget["properties"]["alarms"] == [
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-api000-4xx",
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-api000-5xx",
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-b000-5xx",
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-fn000-duration",
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-fn000-errors",
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-fn000-throttles",
    ]
    assert (widget["x"], widget["y"], widget["width"]) == (0, 2, 24)


def test_log_widget_queries_recent_errors_of_every_function_log_group():
    body = render_dashboard_body(spec(2, 0, 0))
    (widget,) = [w for w in body["widgets"] if w["type"] == "log"]
    assert widget["properties"]["query"] == (
        "SOURCE '/aws/lambda/shop-fn000' | SOURCE '/aws/lambda/shop-fn001' | " + ERRORS_QUERY
    )
    assert widget["properties"]["view"] == "table"
    assert widget["properties"]["title"] == "Recent errors"
    assert widget["y"] == max(w["y"] + w["height"] for w in body["widgets"] if w is not widget)


def test_logs_insights_query_single_source():
    assert logs_insights_query(["/aws/lambda/a"]) == "SOURCE '/aws/lambda/a' | " + ERRORS_QUERY


def test_no_alarm_or_log_widget_when_there_is_nothing_to_show():
    body = render_dashboard_body(spec(0, 1, 1, alarms=False))
    assert {w["type"] for w in body["widgets"]} == {"text", "metric"}


def test_layout_is_a_non_overlapping_24_column_grid():
    body = render_dashboard_body(spec(3, 2, 3))
    assert_no_overlap(body["widgets"])
    rows = {}
    for widget in body["widgets"]:
        rows.setdefault(widget["y"], 0)
        rows[widget["y"]] += widget["width"]
    assert all(width <= 24 for width in rows.values())


def test_layout_follows_the_order_given_and_is_deterministic():
    first = render_dashboard_body(spec(3, 2, 2))
    assert first == render_dashboard_body(spec(3, 2, 2))
    titles = [w["properties"].get("title") for w in first["widgets"] if w["type"] == "metric"]
    assert titles[0] == "fn000 · Invocations"
    assert titles.index("fn002 · Invocations") < titles.index("api000 · Requests")
    assert titles.index("api001 · Requests") < titles.index("b000 · Requests")
    ys = [w["y"] for w in first["widgets"]]
    assert ys == sorted(ys)


def test_alarms_are_split_into_widgets_of_at_most_100():
    body = render_dashboard_body(spec(40, 0, 0))  # 120 alarms
    alarm_widgets = [w for w in body["widgets"] if w["type"] == "alarm"]
    assert [len(w["properties"]["alarms"]) for w in alarm_widgets] == [100, 20]
    assert [w["properties"]["title"] for w in alarm_widgets] == ["Alarms (1/2)", "Alarms (2/2)"]
    assert_no_overlap(body["widgets"])


def test_log_groups_are_split_into_queries_of_at_most_50():
    body = render_dashboard_body(spec(60, 0, 0, alarms=False))
    logs = [w for w in body["widgets"] if w["type"] == "log"]
    assert [w["properties"]["query"].count("SOURCE ") for w in logs] == [50, 10]
    assert [w["properties"]["title"] for w in logs] == [
        "Recent errors (1/2)",
        "Recent errors (2/2)",
    ]


def test_fails_when_the_body_would_have_more_than_500_widgets():
    with pytest.raises(
        NovaInputError,
        match=r"^nova-observability dashboard body 'spec': argument 'widgets' is \d+ widgets: \d+ widgets; CloudWatch allows at most 500.*Fix: split the spec with paginate",
    ):
        render_dashboard_body(spec(130, 0, 0, alarms=False))


def test_fails_when_a_widget_has_more_than_500_metrics():
    widget = {"type": "metric", "x": 0, "y": 0, "width": 6, "height": 6,
              "properties": {"title": "big", "metrics": [["A", "B"]] * 501}}  # fmt: skip
    with pytest.raises(NovaInputError, match=r"widget 'big' has 501 metrics.*at most 500"):
        _check_limits([widget])


def test_fails_when_the_body_has_more_than_2500_metrics():
    widget = {"type": "metric", "x": 0, "y": 0, "width": 6, "height": 6,
              "properties": {"title": "w", "metrics": [["A", "B"]] * 500}}  # fmt: skip
    with pytest.raises(NovaInputError, match=r"3000 metrics; CloudWatch allows at most 2500"):
        _check_limits([widget] * 6)


@pytest.mark.parametrize(
    ("x", "width", "height", "message"),
    [(0, 0, 6, "leaves the 24-column grid"), (20, 6, 6, "leaves the 24-column grid"),
     (0, 6, 0, "outside 1-1000"), (0, 6, 1001, "outside 1-1000")],
)  # fmt: skip
def test_fails_when_a_widget_leaves_the_grid(x, width, height, message):
    widget = {"type": "text", "x": x, "y": 0, "width": width, "height": height,
              "properties": {"markdown": "x"}}  # fmt: skip
    with pytest.raises(NovaInputError, match=message):
        _check_limits([widget])


def test_metrics_in_widget_counts_graph_lines_only():
    body = render_dashboard_body(spec())
    assert sum(metrics_in_widget(w) for w in body["widgets"]) == 7 + 7 + 3


# -- pagination ------------------------------------------------------------------------------------
def test_a_spec_that_fits_is_one_page():
    pages = paginate_dashboard_spec(spec(3, 2, 2))
    assert len(pages) == 1
    assert pages[0]["page"] == 1
    assert pages[0]["page_count"] == 1
    assert render_dashboard_body(pages[0]) == render_dashboard_body(spec(3, 2, 2))


def test_large_specs_split_by_resource_within_the_limits():
    big = spec(130, 20, 30)
    pages = paginate_dashboard_spec(big)
    assert len(pages) == 2
    assert [p["page"] for p in pages] == [1, 2]
    assert {p["page_count"] for p in pages} == {2}
    keys = [i["key"] for p in pages for t in ("functions", "apis", "buckets") for i in p[t]]
    expected = [i["key"] for t in ("functions", "apis", "buckets") for i in big[t]]
    assert keys == expected  # every resource exactly once, in order
    for page in pages:
        body = render_dashboard_body(page)
        assert len(body["widgets"]) <= MAX_WIDGETS_PER_DASHBOARD
        assert sum(metrics_in_widget(w) for w in body["widgets"]) <= MAX_METRICS_PER_DASHBOARD
        assert_no_overlap(body["widgets"])
        on_page = {i["key"] for t in ("functions", "apis", "buckets") for i in page[t]}
        assert {a["key"].split("/")[0] for a in page["alarms"]} <= on_page
    assert sum(len(p["alarms"]) for p in pages) == len(big["alarms"])
    assert "Page 2 of 2." in render_dashboard_body(pages[1])["widgets"][0]["properties"]["markdown"]


def test_pagination_is_deterministic_and_keeps_the_first_page_stable():
    assert paginate_dashboard_spec(spec(130, 0, 0)) == paginate_dashboard_spec(spec(130, 0, 0))
    before = paginate_dashboard_spec(spec(100, 0, 0))
    after = paginate_dashboard_spec(spec(130, 0, 0))
    assert len(before) == 1
    first_keys = [f["key"] for f in after[0]["functions"]]
    assert len(first_keys) > 100
    assert first_keys[:100] == [f["key"] for f in before[0]["functions"]]


def test_alarms_of_unknown_resources_go_to_the_first_page():
    big = spec(130, 0, 0, alarms=False)
    big["alarms"] = [{"key": "account/concurrency", "arn": "arn:aws:cloudwatch:x:1:alarm:c"}]
    pages = paginate_dashboard_spec(big)
    assert [len(p["alarms"]) for p in pages] == [1, 0]


def test_snapshot_of_the_full_body():
    """Readable record of the generated body; the assertions above are the proof."""
    body = render_dashboard_body(spec(2, 1, 1, queues=1, tables=1))
    assert json.loads(SNAPSHOT.read_text()) == body


def test_queue_and_table_rows():
    body = render_dashboard_body(spec(0, 0, 0, queues=1, tables=1))
    assert_no_overlap(body["widgets"])
    titles = [w["properties"].get("title") for w in body["widgets"]]
    assert titles[2:] == [
        None, "q000 · Messages visible and in flight", "q000 · Age of oldest message (s, deleted at 345600)",
        "q000 · Dead-letter queue depth", "q000 · Consumer: received, invoked, failed",
        None, "t000 · Consumed capacity", "t000 · Throttles", "t000 · Latency (ms, average)",
    ]  # fmt: skip
    sections = [w["properties"]["markdown"] for w in body["widgets"] if w["type"] == "text"]
    assert sections[1:] == ["## SQS queues (with dead-letter queue and consumer)",
                            "## DynamoDB tables"]  # fmt: skip
    assert "0 S3 buckets, 1 SQS queue, 1 DynamoDB table in eu-west-1" in sections[0]


def test_a_queue_without_dead_letter_queue_or_consumer_has_two_graphs():
    bare = spec(0, 0, 0, alarms=False)
    bare["queues"] = [{"key": "q", "queue_name": "shop-q"}]
    titles = [w["properties"].get("title") for w in render_dashboard_body(bare)["widgets"]]
    assert titles[2:] == ["q · Messages visible and in flight", "q · Age of oldest message (s)"]


def test_queues_and_tables_are_paginated_within_the_limits():
    big = spec(0, 0, 0, queues=150, tables=150)
    pages = paginate_dashboard_spec(big)
    assert len(pages) > 1
    for page in pages:
        body = render_dashboard_body(page)
        assert len(body["widgets"]) <= MAX_WIDGETS_PER_DASHBOARD
        assert sum(metrics_in_widget(w) for w in body["widgets"]) <= MAX_METRICS_PER_DASHBOARD
    assert [q["key"] for p in pages for q in p["queues"]] == [f"q{i:03d}" for i in range(150)]
    assert [t["key"] for p in pages for t in p["tables"]] == [f"t{i:03d}" for i in range(150)]
    assert sum(len(p["alarms"]) for p in pages) == 150 * 6
