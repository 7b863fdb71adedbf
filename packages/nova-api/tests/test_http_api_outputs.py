"""HttpApi component tests: its outputs and the tags that reach its children."""

import pulumi_aws as aws
from api_http_api_helpers import API, CERT, DOMAIN, LOG_GROUP, STAGE, single

from nova_api import HttpApi


def test_outputs_resolve_to_the_children(mock_stack):
    rec = mock_stack.run(lambda: HttpApi("shop", single()))
    comp = rec.result
    api, stage, log_group = rec.get(API), rec.get(STAGE), rec.get(LOG_GROUP)
    assert rec.value(comp.api_id) == api.id
    assert rec.value(comp.api_endpoint) == f"https://{api.id}.execute-api.us-east-1.amazonaws.com"
    assert rec.value(comp.execution_arn) == api.outputs["executionArn"]
    assert rec.value(comp.invoke_url) == stage.outputs["invokeUrl"]
    assert rec.value(comp.url) == stage.outputs["invokeUrl"]
    assert rec.value(comp.stage_name) == "$default"
    assert rec.value(comp.access_log_group_name) == log_group.outputs["name"]
    assert rec.value(comp.access_log_group_arn) == log_group.outputs["arn"]
    assert comp.authorizer is None
    assert comp.authorizer_id is None
    assert comp.domain is None
    assert comp.api_mapping is None
    assert comp.domain_target is None
    assert isinstance(comp.api, aws.apigatewayv2.Api)
    assert isinstance(comp.stage, aws.apigatewayv2.Stage)
    assert set(comp.routes) == {"GET /health", "GET /items", "GET /items/{id}"}
    assert set(comp.integrations) == {"items"}
    assert set(comp.permissions) == {"items"}


def test_tags_reach_api_stage_log_group_and_domain(mock_stack):
    args = single(
        tags={"team": "shop"},
        domain={"domain_name": "api.example.com", "certificate_arn": CERT},
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    for type_ in (API, STAGE, LOG_GROUP, DOMAIN):
        rec.has_resource_properties(type_, {"tags": {"team": "shop"}})
