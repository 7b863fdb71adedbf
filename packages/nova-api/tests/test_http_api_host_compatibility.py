"""HttpApi component tests: the component as Pulumi's component analyzer sees it, and the domain
target read from typed or plain outputs."""

import pulumi_aws as aws
from api_http_api_helpers import CERT
from pulumi.provider.experimental.analyzer import Analyzer

from nova_api import HttpApi
from nova_api.http_api import _field


def test_component_is_accepted_by_pulumis_component_analyzer():
    result = Analyzer("nova-api").analyze([HttpApi])
    definition = result["component_definitions"]["HttpApi"]
    assert {"targets", "routes", "cors", "jwtAuthorizer", "domain"} <= set(definition.inputs)
    assert {"apiId", "apiEndpoint", "invokeUrl", "executionArn", "stageName"} <= set(
        definition.outputs
    )
    assert {"accessLogGroupName", "accessLogGroupArn", "domainTarget"} <= set(definition.outputs)
    assert set(result["type_definitions"]["LambdaTarget"].properties) == {
        "functionName",
        "invokeArn",
    }


def test_domain_target_reads_typed_and_plain_nested_outputs():
    typed = aws.apigatewayv2.outputs.DomainNameDomainNameConfiguration(
        certificate_arn=CERT,
        endpoint_type="REGIONAL",
        security_policy="TLS_1_2",
        target_domain_name="d-abc.execute-api.us-east-1.amazonaws.com",
        hosted_zone_id="Z1UJRXOUMOOFQ8",
    )
    plain = {"targetDomainName": "d-abc.execute-api.us-east-1.amazonaws.com"}
    assert _field(typed, "target_domain_name") == "d-abc.execute-api.us-east-1.amazonaws.com"
    assert _field(typed, "hosted_zone_id") == "Z1UJRXOUMOOFQ8"
    assert _field(plain, "target_domain_name") == "d-abc.execute-api.us-east-1.amazonaws.com"
