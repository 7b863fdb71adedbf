"""Lambda entry point of the items API.

Thin on purpose: Powertools routes the request, logs and records metrics; the checks live in
``validation`` and the S3 access in ``store``, both plain modules that tests call directly.

Nothing unhandled leaves ``lambda_handler``: every request is answered with a JSON response,
errors as ``{"error": {"code", "message", "request_id"}}`` and never with a stack trace.
``request_id`` is the API Gateway request id (the ``apigw-requestid`` response header and the
``correlation_id`` of every log line), or the Lambda request id when the event has none.
"""

import contextlib
import json
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit

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
    IndexWriteError,
    ItemIndex,
    ItemStore,
    MalformedCursorError,
    NoSuchItemError,
    default_dynamodb_client,
    default_s3_client,
)
from items_core.telemetry import flush_metrics

logger = Logger(service=SETTINGS.service_name, level=SETTINGS.log_level)
metrics = Metrics(namespace=SETTINGS.metrics_namespace, service=SETTINGS.service_name)

# No CORSConfig on purpose: CORS belongs to the HTTP API. When the gateway's CORS configuration
# is on, API Gateway answers preflight requests itself and ignores CORS headers returned by the
# integration, so configuring them here would only create a second, ignored source of truth.
# debug=False pins off the POWERTOOLS_DEV debug mode, which would print whole events (bodies
# included) and answer unhandled errors with a traceback.
app = APIGatewayHttpResolver(debug=False)

_stores: dict[str, ItemStore] = {}


def get_store() -> ItemStore:
    """The store the routes use: the injected one, else one on the default S3 and DynamoDB
    clients, indexing items in the configured table."""
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
    """Inject a store (tests, benchmarks); ``None`` goes back to the default on next use."""
    if store is None:
        _stores.pop("current", None)
    else:
        _stores["current"] = store


def _count(metric_name: str) -> None:
    metrics.add_metric(name=metric_name, unit=MetricUnit.Count, value=1)


# --- routes -------------------------------------------------------------------------------


@app.get("/health")
def health() -> dict[str, Any]:
    return {"status": "ok", "version": __version__, "environment": SETTINGS.environment}


@app.get("/items")
def list_items() -> dict[str, Any]:
    query = app.current_event.query_string_parameters
    limit = validation.parse_limit(query.get("limit"))
    page = get_store().list(limit, query.get("cursor"))
    _count(contract.METRIC_ITEMS_LISTED)
    logger.info("items listed", extra={"count": len(page.items), "limit": limit})
    return {"items": [item.to_dict() for item in page.items], "next_cursor": page.next_cursor}


@app.get("/items/<item_id>")
def get_item(item_id: str) -> dict[str, Any]:
    item_id = validation.parse_item_id(item_id)
    document = get_store().get(item_id)
    _count(contract.METRIC_ITEM_READ)
    logger.info("item read", extra={"item_id": item_id})
    return {"id": item_id, "item": document}


@app.put("/items/<item_id>")
def put_item(item_id: str) -> Response:
    item_id = validation.parse_item_id(item_id)
    event = app.current_event
    validation.check_json_content_type(event.headers.get("content-type"))
    data = validation.read_body(event.body, bool(event.is_base64_encoded))
    document = validation.parse_json_object(data)
    created = get_store().put(item_id, document)
    _count(contract.METRIC_ITEM_STORED)
    logger.info(
        "item stored", extra={"item_id": item_id, "item_created": created, "body_bytes": len(data)}
    )
    return Response(
        status_code=HTTPStatus.CREATED.value if created else HTTPStatus.OK.value,
        content_type=content_types.APPLICATION_JSON,
        body={"id": item_id, "item": document, "created": created},
    )


@app.delete("/items/<item_id>")
def delete_item(item_id: str) -> Response:
    item_id = validation.parse_item_id(item_id)
    get_store().delete(item_id)
    _count(contract.METRIC_ITEM_DELETED)
    logger.info("item deleted", extra={"item_id": item_id})
    return Response(status_code=HTTPStatus.NO_CONTENT.value, content_type=None, body="")


# --- errors inside the router -------------------------------------------------------------


def request_id_of(event: object, context: object) -> str:
    """The API Gateway request id of ``event``, else the Lambda request id, else "unknown"."""
    if isinstance(event, dict):
        request_context = event.get("requestContext")
        if isinstance(request_context, dict):
            request_id = request_context.get("requestId")
            if isinstance(request_id, str) and request_id:
                return request_id
    request_id = getattr(context, "aws_request_id", None)
    return request_id if isinstance(request_id, str) and request_id else "unknown"


def _error_response(error: ApiError) -> Response:
    request_id = request_id_of(app.current_event.raw_event, app.lambda_context)
    return Response(
        status_code=int(error.status),
        content_type=content_types.APPLICATION_JSON,
        body=error_body(error.code, error.message, request_id),
        headers=error.headers,
    )


@app.exception_handler(ApiError)
def _on_api_error(error: ApiError) -> Response:
    logger.info(
        "request rejected",
        extra={"status": int(error.status), "error_code": error.code, "reason": error.message},
    )
    return _error_response(error)


@app.exception_handler(NoSuchItemError)
def _on_item_not_found(error: NoSuchItemError) -> Response:
    return _on_api_error(ItemNotFoundError(f"no item with id {error.args[0]!r}"))


@app.exception_handler(MalformedCursorError)
def _on_invalid_cursor(error: MalformedCursorError) -> Response:
    return _on_api_error(
        InvalidCursorError("invalid cursor: pass the next_cursor of a previous page unchanged")
    )


@app.exception_handler(IndexWriteError)
def _on_index_write_error(error: IndexWriteError) -> Response:
    # The item itself was stored (or deleted); its index record lags. A 500 tells the client to
    # retry: the same request, repeated, rewrites the object and the record (both idempotent).
    logger.exception(
        "the index record was not updated after the item changed; retrying the request repairs it",
        extra={"item_id": error.item_id, "operation": error.operation},
    )
    _count(contract.METRIC_INDEX_WRITE_FAILED)
    _count(contract.METRIC_UNHANDLED_ERRORS)
    return _error_response(InternalError())


@app.not_found
def _on_no_route(error: NotFoundError) -> Response:
    """404 for unknown paths, 405 (with Allow) for known paths and another method."""
    event = app.current_event
    method = event.http_method.upper()
    allowed = validation.allowed_methods(event.path)
    if allowed and method not in allowed:
        return _on_api_error(MethodNotAllowedError(method[:20], allowed))
    if allowed:
        # The path has the shape of an item route, but the router refused the id segment
        # (characters it does not match, such as quotes): answer as for any invalid id.
        validation.parse_item_id(event.path.rsplit("/", 1)[-1])
    return _on_api_error(RouteNotFoundError(f"no route for {method[:20]} {event.path[:200]}"))


@app.exception_handler(Exception)
def _on_unexpected_error(error: Exception) -> Response:
    logger.exception("unhandled error while serving the request")
    _count(contract.METRIC_UNHANDLED_ERRORS)
    return _error_response(InternalError())


# --- entry point --------------------------------------------------------------------------


def _plain_response(status: int, code: str, message: str, request_id: str) -> dict[str, Any]:
    """A payload 2.0 response built without the resolver, for failures outside of it."""
    return {
        "statusCode": status,
        "headers": {"Content-Type": content_types.APPLICATION_JSON},
        "body": json.dumps(error_body(code, message, request_id), separators=(",", ":")),
        "isBase64Encoded": False,
        "cookies": [],
    }


@logger.inject_lambda_context(
    correlation_id_path=correlation_paths.API_GATEWAY_HTTP, clear_state=True
)
def _handle(event: Any, context: Any) -> dict[str, Any]:
    try:
        validation.check_event(event)
        return app.resolve(event, context)
    except InvalidEventError as error:
        logger.warning("invalid event", extra={"reason": error.message})
        return _plain_response(
            int(error.status), error.code, error.message, request_id_of(event, context)
        )
    except Exception:
        logger.exception("unhandled error outside the routes")
        _count(contract.METRIC_UNHANDLED_ERRORS)
        return _plain_response(
            HTTPStatus.INTERNAL_SERVER_ERROR.value,
            INTERNAL_ERROR_CODE,
            INTERNAL_ERROR_MESSAGE,
            request_id_of(event, context),
        )
    finally:
        flush_metrics(metrics, logger)


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    """The function's handler (``contract.HANDLER``)."""
    try:
        return _handle(event, context)
    except Exception:
        # Only reached when the instrumentation itself fails, e.g. on a context object
        # without the Lambda attributes the logger reads.
        with contextlib.suppress(Exception):
            logger.exception("unhandled error in the handler wrapper")
        return _plain_response(
            HTTPStatus.INTERNAL_SERVER_ERROR.value,
            INTERNAL_ERROR_CODE,
            INTERNAL_ERROR_MESSAGE,
            request_id_of(event, context),
        )
