"""Small helpers over AWS errors and times, without importing botocore."""

from datetime import UTC, datetime
from typing import Any


def error_code(exc: BaseException) -> str | None:
    """The AWS error code of a botocore ``ClientError`` (duck-typed), else None."""
    error = _response(exc).get("Error")
    if isinstance(error, dict):
        code = error.get("Code")
        return code if isinstance(code, str) else None
    return None


def http_status(exc: BaseException) -> int | None:
    """The HTTP status of a botocore ``ClientError`` (duck-typed), else None."""
    metadata = _response(exc).get("ResponseMetadata")
    if isinstance(metadata, dict):
        status = metadata.get("HTTPStatusCode")
        return status if isinstance(status, int) else None
    return None


def _response(exc: BaseException) -> dict[str, Any]:
    response = getattr(exc, "response", None)
    return response if isinstance(response, dict) else {}


def iso_time(moment: datetime) -> str:
    """``moment`` as ISO 8601 UTC with milliseconds and a "Z": sorts as text in time order."""
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )
