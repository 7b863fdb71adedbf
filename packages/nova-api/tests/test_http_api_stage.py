"""HttpApi component tests: the stage, its access logs and its throttling."""

import json
import re

import pytest
from api_http_api_helpers import API, LOG_GROUP, ROUTE, STAGE, single

from nova_api import ACCESS_LOG_FORMAT, REQUIRED_ACCESS_LOG_FIELDS, HttpApi
from nova_testing import MockStack, NovaMocks


def test_stage_is_default_auto_deployed_with_metrics_and_throttling(mock_stack):
    rec = mock_stack.run(lambda: HttpApi("shop", single()))
    stage = rec.get(STAGE)
    assert stage.inputs["apiId"] == rec.get(API).id
    assert stage.inputs["name"] == "$default"
    assert stage.inputs["autoDeploy"] is True
    assert stage.inputs["defaultRouteSettings"] == {
        "detailedMetricsEnabled": True,
        "throttlingBurstLimit": 500,
        "throttlingRateLimit": 1000,
    }
    assert "routeSettings" not in stage.inputs
    assert set(stage.explicit_dependencies) == {r.urn for r in rec.by_type(ROUTE)}


def test_access_logs_go_to_the_components_log_group_as_json(mock_stack):
    rec = mock_stack.run(lambda: HttpApi("shop", single()))
    log_group = rec.get(LOG_GROUP)
    assert log_group.name == "shop-access-logs"
    assert log_group.inputs["retentionInDays"] == 30
    assert "kmsKeyId" not in log_group.inputs
    settings = rec.get(STAGE).inputs["accessLogSettings"]
    assert settings["destinationArn"] == log_group.outputs["arn"]
    log_format = settings["format"]
    assert "\n" not in log_format
    assert len(log_format.encode()) <= 3072
    parsed = json.loads(log_format)
    assert parsed == dict(ACCESS_LOG_FORMAT)
    assert parsed["requestId"] == "$context.requestId"
    assert parsed["ip"] == "$context.identity.sourceIp"
    for required in REQUIRED_ACCESS_LOG_FIELDS:
        assert parsed[required].startswith("$context.")


def test_stage_name_throttling_and_log_settings_are_configurable(mock_stack):
    args = single(
        stage_name="v1",
        throttling_burst_limit=50,
        throttling_rate_limit=25.5,
        access_log_retention_days=365,
        access_log_kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        access_log_fields={"userSub": "$context.authorizer.claims.sub"},
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    stage = rec.get(STAGE)
    assert stage.inputs["name"] == "v1"
    assert stage.inputs["defaultRouteSettings"] == {
        "detailedMetricsEnabled": True,
        "throttlingBurstLimit": 50,
        "throttlingRateLimit": 25.5,
    }
    fields = json.loads(stage.inputs["accessLogSettings"]["format"])
    assert fields["userSub"] == "$context.authorizer.claims.sub"
    assert fields["requestId"] == "$context.requestId"
    rec.has_resource_properties(
        LOG_GROUP,
        {
            "retentionInDays": 365,
            "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        },
    )
    comp = rec.result
    assert rec.value(comp.stage_name) == "v1"
    assert rec.value(comp.invoke_url).endswith(".execute-api.us-east-1.amazonaws.com/v1")


def test_per_route_throttling_overrides_keep_stage_defaults_for_unset_limits(mock_stack):
    args = single(
        routes={
            "GET /health": {"public": True, "throttling_rate_limit": 5},
            "GET /items": {"throttling_burst_limit": 20, "throttling_rate_limit": 10},
            "GET /items/{id}": {},
        }
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    settings = sorted(rec.get(STAGE).inputs["routeSettings"], key=lambda s: s["routeKey"])
    assert settings == [
        {
            "routeKey": "GET /health",
            "detailedMetricsEnabled": True,
            "throttlingBurstLimit": 500,
            "throttlingRateLimit": 5,
        },
        {
            "routeKey": "GET /items",
            "detailedMetricsEnabled": True,
            "throttlingBurstLimit": 20,
            "throttlingRateLimit": 10,
        },
    ]


@pytest.mark.parametrize(
    ("overrides", "argument", "limit"),
    [
        ({"throttling_burst_limit": 2000}, "throttling_burst_limit", 1250),
        ({"throttling_rate_limit": 3000}, "throttling_rate_limit", 2500),
        (
            {"routes": {"GET /x": {"public": True, "throttling_burst_limit": 1300}}},
            'routes["GET /x"].throttling_burst_limit',
            1250,
        ),
    ],
)
def test_fails_when_throttling_exceeds_a_regions_lower_quota(overrides, argument, limit):
    stack = MockStack(mocks=NovaMocks(region="af-south-1"))
    try:
        message = rf"argument '{re.escape(argument)}'.*quota in af-south-1 is {limit}"
        with pytest.raises(ValueError, match=message):
            stack.run(lambda: HttpApi("shop", single(**overrides)))
    finally:
        stack.reset()
