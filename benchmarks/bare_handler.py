"""The items API without Powertools: the yardstick of the handler benchmark.

Same contract, same checks (``items_api.validation``), same store (``items_api.store``), same
JSON responses and error bodies, and the same observable side effects per request as
``items_api.handler``: one structured JSON log line per logged event (with the Lambda context and
the API Gateway request id as ``correlation_id``) and one CloudWatch EMF document per counted
operation, both written to stdout. What it leaves out is Powertools itself: routing is a
dict lookup plus one regular expression, logging and metrics are ``json.dumps`` calls.

Not deployed anywhere; ``benchmarks/run.py`` imports it next to the real handler.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from items_api import __version__, contract, validation
from items_api.config import SETTINGS
from items_api.cursors import secret_key_provider
from items_api.errors import (
    INTERNAL_ERROR_CODE,
    INTERNAL_ERROR_MESSAGE,
    ApiError,
    InternalError,
    InvalidCursorError,
    InvalidEventError,
    ItemNotFoundError,
    MethodNotAllowedError,
    RouteNotFoundError,
    error_body,
)
from items_api.store import (
    ItemIndex,
    ItemStore,
    MalformedCursorError,
    NoSuchItemError,
    default_dynamodb_client,
    default_s3_client,
)

_JSON = "application/json"
_ITEM_PATH = re.compile(r"/items/([^/]+)")
_stores: dict[str, ItemStore] = {}
_cold = [True]


def get_store() -> ItemStore:
    store = _stores.get("current")
    if store is None:
        store = ItemStore(
            default_s3_client(),
            SETTINGS.bucket,
            SETTINGS.prefix,
            cursor_key=secret_key_provider(
                SETTINGS.cursor_secret_arn,
                SETTINGS.cursor_key_max_age,
                contract.CURSOR_KEY_MIN_LENGTH,
            ),
            index=ItemIndex(default_dynamodb_client(), SETTINGS.table),
        )
        _stores["current"] = store
    return store


def set_store(store: ItemStore | None) -> None:
    if store is None:
        _stores.pop("current", None)
    else:
        _stores["current"] = store


class _Request:
    """What a route needs: the event, the path parameter, and the log context."""

    __slots__ = ("context", "event", "item_id", "log_context")

    def __init__(self, event: dict[str, Any], context: Any, item_id: str | None) -> None:
        self.event = event
        self.context = context
        self.item_id = item_id
        self.log_context = {
            "service": SETTINGS.service_name,
            "cold_start": _cold[0],
            "function_name": getattr(context, "function_name", None),
            "function_memory_size": getattr(context, "memory_limit_in_mb", None),
            "function_arn": getattr(context, "invoked_function_arn", None),
            "function_request_id": getattr(context, "aws_request_id", None),
            "correlation_id": request_id_of(event, context),
        }


def _log(request: _Request, level: str, message: str, **extra: Any) -> None:
    now = time.time()
    line = {
        "level": level,
        "location": sys._getframe(1).f_code.co_name,
        "message": message,
        "timestamp": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now))
        + f",{int(now * 1000) % 1000:03d}+0000",
        **request.log_context,
        **extra,
    }
    sys.stdout.write(json.dumps(line, default=str) + "\n")


def _count(metric_name: str) -> None:
    document = {
        "_aws": {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {
                    "Namespace": SETTINGS.metrics_namespace,
                    "Dimensions": [["service"]],
                    "Metrics": [{"Name": metric_name, "Unit": "Count"}],
                }
            ],
        },
        "service": SETTINGS.service_name,
        metric_name: [1.0],
    }
    sys.stdout.write(json.dumps(document, separators=(",", ":")) + "\n")


def _response(status: int, body: Any, headers: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "statusCode": status,
        "body": json.dumps(body, separators=(",", ":")) if body is not None else "",
        "isBase64Encoded": False,
        "headers": {"Content-Type": _JSON, **(headers or {})} if body is not None else {},
        "cookies": [],
    }


# --- routes -------------------------------------------------------------------------------


def health(request: _Request) -> dict[str, Any]:
    return _response(
        200, {"status": "ok", "version": __version__, "environment": SETTINGS.environment}
    )


def list_items(request: _Request) -> dict[str, Any]:
    query = request.event.get("queryStringParameters") or {}
    limit = validation.parse_limit(query.get("limit"))
    page = get_store().list(limit, query.get("cursor"))
    _count(contract.METRIC_ITEMS_LISTED)
    _log(request, "INFO", "items listed", count=len(page.items), limit=limit)
    return _response(
        200, {"items": [item.to_dict() for item in page.items], "next_cursor": page.next_cursor}
    )


def get_item(request: _Request) -> dict[str, Any]:
    item_id = validation.parse_item_id(request.item_id or "")
    document = get_store().get(item_id)
    _count(contract.METRIC_ITEM_READ)
    _log(request, "INFO", "item read", item_id=item_id)
    return _response(200, {"id": item_id, "item": document})


def put_item(request: _Request) -> dict[str, Any]:
    item_id = validation.parse_item_id(request.item_id or "")
    event = request.event
    headers = event.get("headers") or {}
    validation.check_json_content_type(headers.get("content-type"))
    data = validation.read_body(event.get("body"), bool(event.get("isBase64Encoded")))
    document = validation.parse_json_object(data)
    created = get_store().put(item_id, document)
    _count(contract.METRIC_ITEM_STORED)
    _log(
        request,
        "INFO",
        "item stored",
        item_id=item_id,
        item_created=created,
        body_bytes=len(data),
    )
    return _response(
        HTTPStatus.CREATED.value if created else HTTPStatus.OK.value,
        {"id": item_id, "item": document, "created": created},
    )


def delete_item(request: _Request) -> dict[str, Any]:
    item_id = validation.parse_item_id(request.item_id or "")
    get_store().delete(item_id)
    _count(contract.METRIC_ITEM_DELETED)
    _log(request, "INFO", "item deleted", item_id=item_id)
    return _response(HTTPStatus.NO_CONTENT.value, None)


Route = Callable[[_Request], dict[str, Any]]
_FIXED: dict[tuple[str, str], Route] = {("GET", "/health"): health, ("GET", "/items"): list_items}
_BY_ID: dict[str, Route] = {"GET": get_item, "PUT": put_item, "DELETE": delete_item}


# --- errors and entry point ---------------------------------------------------------------


def request_id_of(event: object, context: object) -> str:
    if isinstance(event, dict):
        request_context = event.get("requestContext")
        if isinstance(request_context, dict):
            request_id = request_context.get("requestId")
            if isinstance(request_id, str) and request_id:
                return request_id
    request_id = getattr(context, "aws_request_id", None)
    return request_id if isinstance(request_id, str) and request_id else "unknown"


def _error(request: _Request, error: ApiError) -> dict[str, Any]:
    _log(
        request,
        "INFO",
        "request rejected",
        status=int(error.status),
        error_code=error.code,
        reason=error.message,
    )
    body = error_body(error.code, error.message, request.log_context["correlation_id"])
    return _response(int(error.status), body, error.headers)


def _route(method: str, path: str) -> tuple[Route | None, str | None]:
    route = _FIXED.get((method, path))
    if route is not None:
        return route, None
    match = _ITEM_PATH.fullmatch(path)
    if match is not None:
        return _BY_ID.get(method), match.group(1)
    return None, None


def _plain_response(status: int, code: str, message: str, request_id: str) -> dict[str, Any]:
    return _response(status, error_body(code, message, request_id))


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    try:
        validation.check_event(event)
    except InvalidEventError as error:
        return _plain_response(
            int(error.status), error.code, error.message, request_id_of(event, context)
        )
    method = event["requestContext"]["http"]["method"].upper()
    path = event["rawPath"]
    route, item_id = _route(method, path)
    request = _Request(event, context, item_id)
    _cold[0] = False
    try:
        if route is None:
            allowed = validation.allowed_methods(path)
            if allowed and method not in allowed:
                return _error(request, MethodNotAllowedError(method[:20], allowed))
            if allowed:
                validation.parse_item_id(path.rsplit("/", 1)[-1])
            return _error(request, RouteNotFoundError(f"no route for {method[:20]} {path[:200]}"))
        return route(request)
    except ApiError as error:
        return _error(request, error)
    except NoSuchItemError as error:
        return _error(request, ItemNotFoundError(f"no item with id {error.args[0]!r}"))
    except MalformedCursorError:
        return _error(
            request,
            InvalidCursorError("invalid cursor: pass the next_cursor of a previous page unchanged"),
        )
    except Exception:
        _log(request, "ERROR", "unhandled error while serving the request")
        _count(contract.METRIC_UNHANDLED_ERRORS)
        error = InternalError()
        return _response(
            int(error.status),
            error_body(INTERNAL_ERROR_CODE, INTERNAL_ERROR_MESSAGE, request_id_of(event, context)),
        )
