"""The Lambda handler end to end: recorded HTTP API events in, payload 2.0 responses out."""

import base64
import json
from pathlib import Path

import pytest
from botocore.stub import Stubber
from functions_testing import index_record

from items_api import __version__, contract, handler

FUNCTION_ROOT = Path(__file__).resolve().parents[1]


def _put(make_event, item_id, document, **changes):
    changes.setdefault("content_type", "application/json")
    return make_event("put_item", path=f"/items/{item_id}", body=json.dumps(document), **changes)


# --- GET /health ---------------------------------------------------------------------------


def test_health_reports_version_and_environment_without_touching_s3(make_event, invoke):
    handler.set_store(None)  # no store and no S3: the route must not need one
    reply = invoke(make_event("health"))
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json() == {"status": "ok", "version": __version__, "environment": "test"}
    assert "current" not in handler._stores


def test_health_answers_on_a_named_stage(make_event, invoke):
    event = make_event("health", path="/v1/health")
    event["requestContext"]["stage"] = "v1"
    assert invoke(event).status == 200


def test_without_an_injected_store_the_default_clients_are_used(
    make_event, invoke, s3, dynamodb, monkeypatch
):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    handler.set_store(None)
    handler.default_s3_client.cache_clear()
    handler.default_dynamodb_client.cache_clear()
    try:
        assert invoke(make_event("put_item")).status == 201
        default_store = handler.get_store()
        assert default_store.bucket == "nova-items-test"
        assert default_store.prefix == "items/"
        assert default_store.index.table == "nova-items-table-test"
        # Written through the default clients into the bucket and the table the settings name.
        stored = s3.get_object(Bucket="nova-items-test", Key="items/order-1001.json")
        assert json.loads(stored["Body"].read())["customer"] == "c-42"
        assert index_record(dynamodb, "order-1001")["key"] == "items/order-1001.json"
        assert handler.default_dynamodb_client().meta.config.read_timeout == 5
    finally:
        handler.set_store(None)
        handler.default_s3_client.cache_clear()
        handler.default_dynamodb_client.cache_clear()


# --- PUT /items/{id} -----------------------------------------------------------------------


def test_put_creates_then_replaces(make_event, invoke, store):
    event = make_event("put_item")
    document = json.loads(event["body"])

    created = invoke(event)
    assert created.status == 201
    assert created.json() == {"id": "order-1001", "item": document, "created": True}

    replaced = invoke(_put(make_event, "order-1001", {"v": 2}))
    assert replaced.status == 200
    assert replaced.json() == {"id": "order-1001", "item": {"v": 2}, "created": False}
    assert store.get("order-1001") == {"v": 2}


def test_put_then_get_round_trips_the_document(make_event, invoke, store):
    document = {"text": "Grüße 👋", "n": [1, 2.5, None, True], "nested": {"deep": {"x": ""}}}
    assert invoke(_put(make_event, "round-trip", document)).status == 201
    reply = invoke(make_event("get_item", path="/items/round-trip"))
    assert reply.status == 200
    assert reply.json() == {"id": "round-trip", "item": document}


def test_put_accepts_a_base64_encoded_body(make_event, invoke, store):
    reply = invoke(make_event("put_item_base64"))
    assert reply.status == 201
    assert reply.json()["item"] == {"customer": "c-43", "total": 19.5}
    assert store.get("order-1002") == {"customer": "c-43", "total": 19.5}


@pytest.mark.parametrize("body", ["{", "", "[1, 2]", '"text"', "null", '{"a": NaN}'])
def test_put_fails_when_body_is_not_a_json_object(make_event, invoke, store, body):
    event = make_event("put_item")
    event["body"] = body
    reply = invoke(event)
    assert reply.status == 400
    assert reply.error["code"] in ("invalid_json", "bad_request")
    assert list(store.list(limit=10).items) == []


def test_put_fails_when_base64_body_is_not_base64(make_event, invoke, store):
    reply = invoke(make_event("put_item", body="not base64 at all!", base64_encoded=True))
    assert reply.status == 400
    assert "base64" in reply.error["message"]


def test_put_fails_when_base64_body_is_not_utf8(make_event, invoke, store):
    body = base64.b64encode(b'{"a": "\xff"}').decode()
    reply = invoke(make_event("put_item", body=body, base64_encoded=True))
    assert reply.status == 400
    assert reply.error["code"] == "invalid_json"


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "application/json-x"])
def test_put_fails_with_415_when_content_type_is_not_json(make_event, invoke, store, content_type):
    reply = invoke(_put(make_event, "x", {"a": 1}, content_type=content_type))
    assert reply.status == 415
    assert reply.error["code"] == "unsupported_media_type"


def test_put_fails_with_415_when_content_type_is_missing(make_event, invoke, store):
    event = make_event("put_item")
    del event["headers"]["content-type"]
    assert invoke(event).status == 415


def test_put_reads_the_content_type_header_case_insensitively(make_event, invoke, store):
    event = make_event("put_item")
    event["headers"]["Content-Type"] = event["headers"].pop("content-type")
    assert invoke(event).status == 201


def test_put_fails_with_413_when_body_is_too_large(make_event, invoke, store):
    big = {"blob": "x" * contract.MAX_BODY_BYTES}
    reply = invoke(_put(make_event, "big", big))
    assert reply.status == 413
    assert reply.error["code"] == "payload_too_large"

    encoded = base64.b64encode(json.dumps(big).encode()).decode()
    reply = invoke(make_event("put_item", body=encoded, base64_encoded=True))
    assert reply.status == 413
    assert list(store.list(limit=10).items) == []


def test_put_accepts_a_body_just_under_the_limit(make_event, invoke, store):
    filler = "x" * (contract.MAX_BODY_BYTES - len(json.dumps({"blob": ""})))
    reply = invoke(_put(make_event, "just-fits", {"blob": filler}))
    assert reply.status == 201


# --- GET /items/{id} and DELETE /items/{id} ------------------------------------------------


def test_get_fails_with_404_when_item_is_missing(make_event, invoke, store):
    reply = invoke(make_event("get_item"))
    assert reply.status == 404
    assert reply.error == {
        "code": "item_not_found",
        "message": "no item with id 'order-1001'",
        "request_id": "Vx7kSgWijoEEJ9Q=",
    }


def test_get_on_a_named_stage(make_event, invoke, store):
    store.put("order-1001", {"a": 1})
    reply = invoke(make_event("get_item_named_stage"))
    assert reply.status == 200
    assert reply.json()["item"] == {"a": 1}


def test_delete_then_get_is_404(make_event, invoke, store):
    assert invoke(make_event("put_item")).status == 201
    deleted = invoke(make_event("delete_item"))
    assert deleted.status == 204
    assert deleted.body == ""
    assert "Content-Type" not in deleted.headers
    assert invoke(make_event("get_item")).status == 404


def test_delete_is_idempotent(make_event, invoke, store):
    assert invoke(make_event("delete_item")).status == 204
    assert invoke(make_event("delete_item")).status == 204


@pytest.mark.parametrize("name", ["get_item", "delete_item", "put_item"])
@pytest.mark.parametrize(
    "bad_path",
    ["/items/" + "x" * 129, "/items/a.b", "/items/a%20b", "/items/a'b", '/items/a"b', "/items/ü"],
)
def test_fails_with_400_when_id_is_invalid(make_event, invoke, store, name, bad_path):
    reply = invoke(make_event(name, path=bad_path))
    assert reply.status == 400
    assert reply.error["code"] == "invalid_id"
    assert list(store.list(limit=10).items) == []


# --- GET /items ----------------------------------------------------------------------------


def test_list_pages_with_cursors_until_next_cursor_is_null(make_event, invoke, store):
    ids = [f"item-{n}" for n in range(5)]
    for item_id in ids:
        assert invoke(_put(make_event, item_id, {"id": item_id})).status == 201

    pages, cursor = [], None
    for _ in range(10):
        query = {"limit": "2"} if cursor is None else {"limit": "2", "cursor": cursor}
        reply = invoke(make_event("list_items", query=query))
        assert reply.status == 200
        body = reply.json()
        assert set(body) == {"items", "next_cursor"}
        pages.append([item["id"] for item in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            break
        assert isinstance(cursor, str)
    assert pages == [["item-0", "item-1"], ["item-2", "item-3"], ["item-4"]]


def test_list_uses_the_default_limit(make_event, invoke, store):
    for n in range(contract.LIST_LIMIT_DEFAULT + 1):
        store.put(f"i{n:03d}", {})
    event = make_event("list_items")
    event.pop("queryStringParameters")
    body = invoke(event).json()
    assert len(body["items"]) == contract.LIST_LIMIT_DEFAULT
    assert body["next_cursor"] is not None
    assert set(body["items"][0]) == {"id", "size", "last_modified"}


@pytest.mark.parametrize("limit", ["0", "101", "-5", "abc", "", "2.5"])
def test_list_fails_with_400_when_limit_is_invalid(make_event, invoke, store, limit):
    reply = invoke(make_event("list_items", query={"limit": limit}))
    assert reply.status == 400
    assert reply.error["code"] == "invalid_limit"


@pytest.mark.parametrize("cursor", ["!!!", "a", "", "AA"])
def test_list_fails_with_400_when_cursor_is_invalid(make_event, invoke, store, cursor):
    reply = invoke(make_event("list_items", query={"limit": "2", "cursor": cursor}))
    assert reply.status == 400
    assert reply.error["code"] == "invalid_cursor"


def test_list_fails_with_400_when_s3_rejects_the_cursor(make_event, invoke, store, s3):
    with Stubber(s3) as stub:
        stub.add_client_error(
            "list_objects_v2", service_error_code="InvalidArgument", http_status_code=400
        )
        reply = invoke(make_event("list_items", query={"cursor": "Zm9yZ2Vk"}))
    assert reply.status == 400
    assert reply.error["code"] == "invalid_cursor"


# --- routing errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("POST", "/items", "GET"),
        ("DELETE", "/health", "GET"),
        ("POST", "/items/order-1001", "DELETE, GET, PUT"),
        ("PATCH", "/items/order-1001", "DELETE, GET, PUT"),
        ("OPTIONS", "/items", "GET"),
        ("put", "/items", "GET"),
    ],
)
def test_known_path_with_wrong_method_is_405_with_allow(make_event, invoke, method, path, allow):
    reply = invoke(make_event("get_item", method=method, path=path))
    assert reply.status == 405
    assert reply.headers["Allow"] == allow
    assert reply.error["code"] == "method_not_allowed"
    assert reply.error["request_id"] == "Vx7kSgWijoEEJ9Q="


@pytest.mark.parametrize("path", ["/", "/nope", "/items/", "/items/a/b", "/health/x", "/ITEMS"])
def test_unknown_path_is_404(make_event, invoke, path):
    reply = invoke(make_event("get_item", path=path))
    assert reply.status == 404
    assert reply.error["code"] == "route_not_found"


# --- invalid events and unexpected failures ------------------------------------------------


@pytest.mark.parametrize("event", [{}, [], None, "text", {"version": "1.0"}, {"Records": []}])
def test_event_that_is_not_an_http_api_event_is_400(invoke, event):
    context_id = "5f0b4b5e-1f1e-4c59-9a25-000000000001"
    reply = invoke(event, _context(context_id))
    assert reply.status == 400
    assert reply.headers == {"Content-Type": "application/json"}
    assert reply.error["code"] == "invalid_event"
    assert reply.error["request_id"] == context_id  # no gateway id: the Lambda request id


def test_errors_fall_back_to_the_lambda_request_id(make_event, invoke):
    event = make_event("get_item", method="POST")
    del event["requestContext"]["requestId"]
    reply = invoke(event, _context("1d5e0c36-aaaa-4bbb-8ccc-0123456789ab"))
    assert reply.status == 405
    assert reply.error["request_id"] == "1d5e0c36-aaaa-4bbb-8ccc-0123456789ab"


def test_unexpected_s3_failure_is_500_with_request_id_and_no_trace(
    make_event, invoke, store, s3, log_lines, emitted_metrics
):
    with Stubber(s3) as stub:
        stub.add_client_error(
            "get_object",
            service_error_code="AccessDenied",
            service_message="User arn:aws:sts::123456789012:assumed-role/x is not authorized",
            http_status_code=403,
        )
        reply = invoke(make_event("get_item"))
    assert reply.status == 500
    assert reply.error == {
        "code": "internal_error",
        "message": "internal error; quote the request_id when reporting it",
        "request_id": "Vx7kSgWijoEEJ9Q=",
    }
    for leak in ("Traceback", "AccessDenied", "arn:aws", 'File "', "botocore"):
        assert leak not in reply.body

    (error_line,) = [line for line in log_lines() if line["level"] == "ERROR"]
    assert error_line["correlation_id"] == "Vx7kSgWijoEEJ9Q="
    assert "AccessDenied" in error_line["exception"]
    assert "Traceback" in error_line["exception"]
    assert contract.METRIC_UNHANDLED_ERRORS in emitted_metrics()


class _ExplodingStore:
    def get(self, item_id):
        raise RuntimeError(f"bug while reading {item_id}: secret=hunter2")


def test_a_bug_in_a_route_is_500_without_detail(make_event, invoke, log_lines):
    handler.set_store(_ExplodingStore())
    try:
        reply = invoke(make_event("get_item"))
    finally:
        handler.set_store(None)
    assert reply.status == 500
    assert "hunter2" not in reply.body
    assert "RuntimeError" not in reply.body
    assert any("hunter2" in line.get("exception", "") for line in log_lines())


def test_a_failure_outside_the_routes_is_500(make_event, invoke, monkeypatch):
    def broken_resolve(event, context):
        raise KeyError("resolver state")

    monkeypatch.setattr(handler.app, "resolve", broken_resolve)
    reply = invoke(make_event("health"))
    assert reply.status == 500
    assert reply.error["code"] == "internal_error"
    assert reply.error["request_id"] == "Vx7kQhG2joEEJ3A="
    assert "resolver state" not in reply.body


def test_a_context_without_lambda_attributes_still_gets_a_json_answer(make_event, invoke):
    reply = invoke(make_event("health"), object())
    assert reply.status == 500
    assert reply.error["request_id"] == "Vx7kQhG2joEEJ3A="
    reply = invoke({}, object())
    assert reply.status == 500
    assert reply.error["request_id"] == "unknown"


def test_a_failing_metrics_flush_does_not_fail_the_request(make_event, invoke, store, monkeypatch):
    def broken_flush(*args, **kwargs):
        raise ValueError("EMF schema")

    monkeypatch.setattr(handler.metrics, "flush_metrics", broken_flush)
    reply = invoke(make_event("put_item"))
    assert reply.status == 201
    assert not handler.metrics.metric_set


# --- logs and metrics ----------------------------------------------------------------------


def test_logs_are_json_with_the_request_ids(make_event, invoke, store, log_lines):
    context = _context("8a0c2f3e-0000-4000-8000-00000000abcd")
    assert invoke(make_event("put_item"), context).status == 201
    (line,) = [entry for entry in log_lines() if entry["message"] == "item stored"]
    assert line["level"] == "INFO"
    assert line["service"] == "items-api"
    assert line["correlation_id"] == "Vx7kTh2ZjoEEMzw="
    assert line["function_request_id"] == "8a0c2f3e-0000-4000-8000-00000000abcd"
    assert line["item_id"] == "order-1001"
    assert line["item_created"] is True
    assert "customer" not in json.dumps(line)  # documents are never logged


def test_rejections_are_logged_at_info_with_their_code(make_event, invoke, log_lines):
    invoke(make_event("get_item", method="POST"))
    (line,) = [entry for entry in log_lines() if entry["message"] == "request rejected"]
    assert line["level"] == "INFO"
    assert line["error_code"] == "method_not_allowed"
    assert line["status"] == 405


@pytest.mark.parametrize(
    ("name", "metric"),
    [
        ("list_items", contract.METRIC_ITEMS_LISTED),
        ("put_item", contract.METRIC_ITEM_STORED),
        ("delete_item", contract.METRIC_ITEM_DELETED),
    ],
)
def test_each_operation_emits_its_metric(make_event, invoke, store, emitted_metrics, name, metric):
    assert invoke(make_event(name)).status < 300
    assert emitted_metrics() == [metric]


def test_read_metric_and_none_for_health_or_rejections(make_event, invoke, store, emitted_metrics):
    store.put("order-1001", {})
    invoke(make_event("get_item"))
    assert emitted_metrics() == [contract.METRIC_ITEM_READ]
    invoke(make_event("health"))
    invoke(make_event("get_item", path="/items/bad.id"))
    assert emitted_metrics() == []


def test_emf_output_uses_the_configured_namespace_and_service(make_event, invoke, store, capsys):
    invoke(make_event("delete_item"))
    (line,) = [line for line in capsys.readouterr().out.splitlines() if '"_aws"' in line]
    document = json.loads(line)
    (directive,) = document["_aws"]["CloudWatchMetrics"]
    assert directive["Namespace"] == "Nova/ItemsApiTest"
    assert directive["Dimensions"] == [["service"]]
    assert document["service"] == "items-api"
    assert document[contract.METRIC_ITEM_DELETED] == [1.0]


# --- packaging -----------------------------------------------------------------------------


def test_requirements_pin_powertools_and_do_not_ship_boto3():
    lines = [
        line.split("#")[0].strip()
        for line in (FUNCTION_ROOT / "requirements.txt").read_text().splitlines()
    ]
    requirements = [line for line in lines if line]
    assert requirements == ["aws-lambda-powertools==3.37.0"]


def _context(request_id):
    context = type("Context", (), {})()
    context.function_name = "nova-items-api"
    context.memory_limit_in_mb = 256
    context.invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:nova-items-api"
    context.aws_request_id = request_id
    return context
