"""Checks that need the API's Region run before anything registers when the Region is plain (the
``aws:region`` config value) and when the Output resolves when it is not (an explicit provider)."""

import re
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

from nova_api import HttpApi, HttpApiArgs
from nova_core import NovaInputError
from nova_testing import MockStack, NovaMocks

CERT = "arn:aws:acm:{region}:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"
KEY = "arn:aws:kms:{region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def invoke_arn(name: str) -> str:
    return (
        "arn:aws:apigateway:af-south-1:lambda:path/2015-03-31/functions/"
        f"arn:aws:lambda:af-south-1:123456789012:function:{name}/invocations"
    )


def args(**overrides: Any) -> HttpApiArgs:
    values: dict[str, Any] = {
        "targets": {"items": {"function_name": "items", "invoke_arn": invoke_arn("items")}},
        "routes": {"GET /items": {}},
    }
    values.update(overrides)
    return HttpApiArgs(**values)


def fails_before_registration(stack: MockStack, program, argument: str, rule: str) -> None:
    with pytest.raises(NovaInputError) as caught:
        stack.run(program)
    error = caught.value
    assert error.argument == argument
    assert re.search(rule, error.rule), error.rule
    assert error.deferred is False
    assert str(error).startswith(f"nova-api HttpApi 'shop': argument '{argument}' is ")
    assert [r for r in stack.last.resources if r.type.startswith("aws:")] == []


@pytest.mark.parametrize(
    ("overrides", "argument", "limit"),
    [
        ({"throttling_burst_limit": 2000}, "throttling_burst_limit", "1250"),
        ({"throttling_rate_limit": 3000}, "throttling_rate_limit", "2500"),
        (
            {"routes": {"GET /items": {"throttling_burst_limit": 1300}}},
            'routes["GET /items"].throttling_burst_limit',
            "1250",
        ),
        (
            {"routes": {"GET /items": {"throttling_rate_limit": 2501.5}}},
            'routes["GET /items"].throttling_rate_limit',
            "2500",
        ),
    ],
)
def test_fails_when_throttling_exceeds_the_config_regions_quota(
    mock_stack, overrides, argument, limit
):
    mock_stack.set_config("aws:region", "af-south-1")
    fails_before_registration(
        mock_stack,
        lambda: HttpApi("shop", args(**overrides)),
        argument,
        rf"quota in af-south-1 is {limit}",
    )


def test_defaults_fit_the_lower_quota_regions(mock_stack):
    mock_stack.set_config("aws:region", "eu-south-1")
    rec = mock_stack.run(lambda: HttpApi("shop", args()))
    settings = rec.get("aws:apigatewayv2/stage:Stage").inputs["defaultRouteSettings"]
    assert (settings["throttlingBurstLimit"], settings["throttlingRateLimit"]) == (500, 1000)


def test_fails_when_the_explicit_providers_region_has_a_lower_quota():
    # The config says us-east-1, but the explicit provider (answered by the mocks as
    # af-south-1) decides: its Region is an Output, so the check runs when it resolves.
    stack = MockStack(mocks=NovaMocks(region="af-south-1"), config={"aws:region": "us-east-1"})
    try:

        def program():
            provider = aws.Provider("africa", region="af-south-1")
            return HttpApi(
                "shop",
                args(throttling_burst_limit=2000),
                pulumi.ResourceOptions(provider=provider),
            )

        with pytest.raises(
            ValueError,
            match=r"(?s)argument 'throttling_burst_limit' is 2000 \(checked when the Output "
            r"resolved\): the account-level burst quota in af-south-1 is 1250",
        ):
            stack.run(program)
    finally:
        stack.reset()


def test_fails_when_the_certificate_is_in_another_region_than_the_config_region(mock_stack):
    mock_stack.set_config("aws:region", "us-east-1")
    domain = {"domain_name": "api.example.com", "certificate_arn": CERT.format(region="eu-west-1")}
    fails_before_registration(
        mock_stack,
        lambda: HttpApi("shop", args(domain=domain)),
        "domain.certificate_arn",
        r"the certificate is in eu-west-1 but a REGIONAL custom domain needs an ACM certificate "
        r"in the API's region \(us-east-1\)",
    )


def test_fails_when_the_certificate_names_a_region_outside_its_partition(mock_stack):
    domain = {"domain_name": "api.example.com", "certificate_arn": CERT.format(region="cn-north-1")}
    fails_before_registration(
        mock_stack,
        lambda: HttpApi("shop", args(domain=domain)),
        "domain.certificate_arn",
        r"'cn-north-1' is not a Region of the 'aws' partition",
    )


def test_fails_when_the_log_key_is_in_another_region_than_the_config_region(mock_stack):
    mock_stack.set_config("aws:region", "us-east-1")
    fails_before_registration(
        mock_stack,
        lambda: HttpApi("shop", args(access_log_kms_key_arn=KEY.format(region="eu-west-1"))),
        "access_log_kms_key_arn",
        r"the key is in eu-west-1 but CloudWatch Logs encrypts a log group only with a key of "
        r"its own Region \(us-east-1\)",
    )


def test_a_certificate_and_key_in_the_config_region_are_accepted(mock_stack):
    mock_stack.set_config("aws:region", "eu-west-1")
    rec = mock_stack.run(
        lambda: HttpApi(
            "shop",
            args(
                domain={
                    "domain_name": "api.example.com",
                    "certificate_arn": CERT.format(region="eu-west-1"),
                },
                access_log_kms_key_arn=KEY.format(region="eu-west-1"),
            ),
        )
    )
    assert rec.get("aws:cloudwatch/logGroup:LogGroup").inputs["kmsKeyId"] == KEY.format(
        region="eu-west-1"
    )
    configuration = rec.get("aws:apigatewayv2/domainName:DomainName").inputs
    assert configuration["domainNameConfiguration"]["certificateArn"] == CERT.format(
        region="eu-west-1"
    )


def test_fails_in_apply_when_a_certificate_output_is_outside_the_config_region(mock_stack):
    mock_stack.set_config("aws:region", "us-east-1")
    certificate = CERT.format(region="eu-west-1")

    def program():
        domain = {
            "domain_name": "api.example.com",
            "certificate_arn": pulumi.Output.from_input(certificate),
        }
        return HttpApi("shop", args(domain=domain))

    with pytest.raises(
        ValueError,
        match=r"(?s)argument 'domain\.certificate_arn' is 'arn:aws:acm:eu-west-1:.* \(checked when "
        r"the Output resolved\): the certificate is in eu-west-1 .*region \(us-east-1\)",
    ):
        mock_stack.run(program)
    assert "aws:apigatewayv2/domainName:DomainName" not in mock_stack.last.types()


def test_a_parent_without_providers_keeps_the_config_region(mock_stack):
    mock_stack.set_config("aws:region", "af-south-1")

    def program():
        parent = pulumi.ComponentResource("test:index:Service", "service")
        return HttpApi(
            "shop", args(throttling_rate_limit=3000), pulumi.ResourceOptions(parent=parent)
        )

    fails_before_registration(
        mock_stack, program, "throttling_rate_limit", r"quota in af-south-1 is 2500"
    )


def test_a_provider_inherited_from_the_parent_is_checked_when_its_region_resolves():
    stack = MockStack(mocks=NovaMocks(region="af-south-1"), config={"aws:region": "us-east-1"})
    try:

        def program():
            provider = aws.Provider("africa", region="af-south-1")
            parent = pulumi.ComponentResource(
                "test:index:Service",
                "service",
                opts=pulumi.ResourceOptions(providers={"aws": provider}),
            )
            return HttpApi(
                "shop", args(throttling_rate_limit=3000), pulumi.ResourceOptions(parent=parent)
            )

        with pytest.raises(
            ValueError,
            match=r"(?s)argument 'throttling_rate_limit' is 3000 \(checked when the Output "
            r"resolved\): the account-level rate quota in af-south-1 is 2500",
        ):
            stack.run(program)
    finally:
        stack.reset()
