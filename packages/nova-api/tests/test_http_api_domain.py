"""HttpApi component tests: the custom domain and its stage mapping."""

import pulumi
import pytest
from api_http_api_helpers import API, CERT, DOMAIN, MAPPING, STAGE, single

from nova_api import HttpApi
from nova_testing import Match


def test_custom_domain_uses_tls12_regional_endpoint_and_maps_the_stage(mock_stack):
    args = single(
        domain={"domain_name": "api.example.com", "certificate_arn": CERT, "api_mapping_key": "v1"}
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    domain = rec.get(DOMAIN)
    assert domain.name == "shop-domain"
    assert domain.inputs["domainName"] == "api.example.com"
    assert domain.inputs["domainNameConfiguration"] == {
        "certificateArn": CERT,
        "endpointType": "REGIONAL",
        "securityPolicy": "TLS_1_2",
    }
    mapping = rec.get(MAPPING)
    assert mapping.name == "shop-api-mapping"
    assert mapping.inputs == {
        "apiId": rec.get(API).id,
        "domainName": domain.id,
        "stage": rec.get(STAGE).id,
        "apiMappingKey": "v1",
    }
    rec.has_resource_properties(API, {"disableExecuteApiEndpoint": True})
    comp = rec.result
    config = domain.outputs["domainNameConfiguration"]
    assert rec.value(comp.domain_target) == {
        "domain_name": "api.example.com",
        "target_domain_name": config["targetDomainName"],
        "hosted_zone_id": config["hostedZoneId"],
    }
    assert rec.value(comp.url) == "https://api.example.com/v1"


def test_custom_domain_can_keep_the_execute_api_endpoint(mock_stack):
    args = single(
        domain={
            "domain_name": "api.example.com",
            "certificate_arn": CERT,
            "disable_execute_api_endpoint": False,
        }
    )
    rec = mock_stack.run(lambda: HttpApi("shop", args))
    rec.has_resource_properties(API, {"disableExecuteApiEndpoint": False})
    rec.has_resource_properties(MAPPING, {"apiMappingKey": Match.absent()})
    assert rec.value(rec.result.url) == "https://api.example.com/"


def test_fails_in_apply_when_a_certificate_output_is_in_another_region(mock_stack):
    cert = CERT.replace("us-east-1", "eu-west-1")

    def program():
        certificate = pulumi.Output.from_input(cert)
        return HttpApi(
            "shop",
            single(domain={"domain_name": "api.example.com", "certificate_arn": certificate}),
        )

    with pytest.raises(
        ValueError,
        match=r"(?s)argument 'domain\.certificate_arn' is 'arn:aws:acm:eu-west-1:.* \(checked when "
        r"the Output resolved\): the certificate is in eu-west-1 but a REGIONAL custom domain "
        r"needs an ACM certificate in the API's region \(us-east-1\)",
    ):
        mock_stack.run(program)
    assert DOMAIN not in {r.type for r in mock_stack.last.resources}
