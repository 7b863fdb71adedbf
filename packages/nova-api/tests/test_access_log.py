"""The access-log format: JSON, single line, every required field, within the 3 KB quota."""

import json

import pytest

from nova_api import ACCESS_LOG_FORMAT, REQUIRED_ACCESS_LOG_FIELDS, render_access_log_format
from nova_api._access_log import MAX_ACCESS_LOG_FORMAT_BYTES


def test_format_carries_every_required_field_as_a_context_variable():
    expected = {
        "requestId": "$context.requestId",
        "ip": "$context.identity.sourceIp",
        "requestTime": "$context.requestTime",
        "httpMethod": "$context.httpMethod",
        "routeKey": "$context.routeKey",
        "path": "$context.path",
        "protocol": "$context.protocol",
        "status": "$context.status",
        "responseLength": "$context.responseLength",
        "responseLatency": "$context.responseLatency",
        "integrationStatus": "$context.integrationStatus",
        "integrationLatency": "$context.integrationLatency",
        "integrationErrorMessage": "$context.integrationErrorMessage",
        "errorMessage": "$context.error.message",
        "userAgent": "$context.identity.userAgent",
    }
    assert set(REQUIRED_ACCESS_LOG_FIELDS) == set(expected)
    assert {k: ACCESS_LOG_FORMAT[k] for k in expected} == expected
    assert all(v.startswith("$context.") for v in ACCESS_LOG_FORMAT.values())


def test_rendered_format_is_single_line_json_under_the_quota():
    rendered = render_access_log_format()
    assert "\n" not in rendered
    assert " " not in rendered
    assert json.loads(rendered) == dict(ACCESS_LOG_FORMAT)
    assert len(rendered.encode()) <= MAX_ACCESS_LOG_FORMAT_BYTES


def test_extra_fields_are_appended():
    rendered = render_access_log_format({"userSub": "$context.authorizer.claims.sub"})
    parsed = json.loads(rendered)
    assert parsed["userSub"] == "$context.authorizer.claims.sub"
    assert len(parsed) == len(ACCESS_LOG_FORMAT) + 1


def test_format_constant_is_read_only():
    with pytest.raises(TypeError):
        ACCESS_LOG_FORMAT["requestId"] = "x"  # type: ignore[index]
