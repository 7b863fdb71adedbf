"""Client-facing errors and the one JSON error body every failed request gets."""

from http import HTTPStatus
from typing import Any


class ApiError(Exception):
    """An error that maps to an HTTP status and a stable, machine-readable code."""

    status: int = HTTPStatus.BAD_REQUEST
    code: str = "bad_request"

    def __init__(self, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class BadRequestError(ApiError):
    status = HTTPStatus.BAD_REQUEST
    code = "bad_request"


class InvalidEventError(ApiError):
    status = HTTPStatus.BAD_REQUEST
    code = "invalid_event"


class InvalidItemIdError(ApiError):
    status = HTTPStatus.BAD_REQUEST
    code = "invalid_id"


class InvalidLimitError(ApiError):
    status = HTTPStatus.BAD_REQUEST
    code = "invalid_limit"


class InvalidCursorError(ApiError):
    status = HTTPStatus.BAD_REQUEST
    code = "invalid_cursor"


class InvalidJsonError(ApiError):
    status = HTTPStatus.BAD_REQUEST
    code = "invalid_json"


class ItemNotFoundError(ApiError):
    status = HTTPStatus.NOT_FOUND
    code = "item_not_found"


class RouteNotFoundError(ApiError):
    status = HTTPStatus.NOT_FOUND
    code = "route_not_found"


class MethodNotAllowedError(ApiError):
    status = HTTPStatus.METHOD_NOT_ALLOWED
    code = "method_not_allowed"

    def __init__(self, method: str, allowed: tuple[str, ...]) -> None:
        super().__init__(
            f"method {method!r} is not allowed here; allowed: {', '.join(allowed)}",
            headers={"Allow": ", ".join(allowed)},
        )
        self.allowed = allowed


class PayloadTooLargeError(ApiError):
    status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    code = "payload_too_large"


class UnsupportedMediaTypeError(ApiError):
    status = HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    code = "unsupported_media_type"


INTERNAL_ERROR_CODE = "internal_error"
INTERNAL_ERROR_MESSAGE = "internal error; quote the request_id when reporting it"


class InternalError(ApiError):
    """What a client sees of an unexpected failure: no detail, only the request id."""

    status = HTTPStatus.INTERNAL_SERVER_ERROR
    code = INTERNAL_ERROR_CODE

    def __init__(self) -> None:
        super().__init__(INTERNAL_ERROR_MESSAGE)


def error_body(code: str, message: str, request_id: str) -> dict[str, Any]:
    """The JSON body of every error response."""
    return {"error": {"code": code, "message": message, "request_id": request_id}}
