"""The JSON access-log format of the stage (rule A-01), as pure data.

Every value is quoted, so a field whose variable resolves to ``-`` still yields valid JSON.
Observability code can import :data:`ACCESS_LOG_FORMAT` to know the field names (for example to
write CloudWatch Logs Insights queries such as ``fields status, routeKey | filter status >= 500``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "ACCESS_LOG_FORMAT",
    "MAX_ACCESS_LOG_FORMAT_BYTES",
    "REQUIRED_ACCESS_LOG_FIELDS",
    "render_access_log_format",
]

MAX_ACCESS_LOG_FORMAT_BYTES = 3072
"""API Gateway quota: the access-log template may be at most 3 KB."""

ACCESS_LOG_FORMAT: Mapping[str, str] = MappingProxyType(
    {
        "requestId": "$context.requestId",
        "extendedRequestId": "$context.extendedRequestId",
        "ip": "$context.identity.sourceIp",
        "userAgent": "$context.identity.userAgent",
        "requestTime": "$context.requestTime",
        "requestTimeEpoch": "$context.requestTimeEpoch",
        "httpMethod": "$context.httpMethod",
        "routeKey": "$context.routeKey",
        "path": "$context.path",
        "protocol": "$context.protocol",
        "domainName": "$context.domainName",
        "stage": "$context.stage",
        "apiId": "$context.apiId",
        "status": "$context.status",
        "responseLength": "$context.responseLength",
        "responseLatency": "$context.responseLatency",
        "integrationStatus": "$context.integrationStatus",
        "integrationLatency": "$context.integrationLatency",
        "integrationErrorMessage": "$context.integrationErrorMessage",
        "errorMessage": "$context.error.message",
        "errorResponseType": "$context.error.responseType",
        "authorizerError": "$context.authorizer.error",
    }
)
"""Field name -> ``$context`` variable of the default access-log line (read-only)."""

REQUIRED_ACCESS_LOG_FIELDS: tuple[str, ...] = (
    "requestId",
    "ip",
    "requestTime",
    "httpMethod",
    "routeKey",
    "path",
    "protocol",
    "status",
    "responseLength",
    "responseLatency",
    "integrationStatus",
    "integrationLatency",
    "integrationErrorMessage",
    "errorMessage",
    "userAgent",
)
"""Fields every access-log line carries; ``access_log_fields`` may add fields, not remove these."""


def render_access_log_format(extra_fields: Mapping[str, str] | None = None) -> str:
    """The stage's access-log ``format``: :data:`ACCESS_LOG_FORMAT` plus ``extra_fields``, as
    single-line JSON (no spaces, so it stays well under the 3 KB quota)."""
    fields = dict(ACCESS_LOG_FORMAT)
    fields.update(extra_fields or {})
    return json.dumps(fields, separators=(",", ":"))
