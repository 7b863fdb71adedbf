"""Values that are still outputs, or not known ints and ARNs, are left for later: the plan does
not check them up front."""

import pulumi
import pytest
from api_plan_builders import CERT, ISSUER, base

from nova_api._plan import COMPONENT, plan_http_api
from nova_api._rules.domain import check_certificate_region
from nova_api._rules.targets import check_timeout
from nova_core import Checker, NovaInputError

CHECK = Checker(COMPONENT, "api")


def test_output_values_are_not_checked_up_front():
    output = pulumi.Output.from_input
    plan = plan_http_api(
        "api",
        base(
            targets={"items": {"function_name": output("x"), "invoke_arn": output("y")}},
            integration_timeout_ms=output(10),
            throttling_burst_limit=output(10),
            jwt_authorizer={"issuer": output("i"), "audiences": output(["a"])},
            domain={"domain_name": "api.example.com", "certificate_arn": output("c")},
            cors={"allow_origins": [output("o")], "max_age_seconds": output(5)},
        ),
    )
    assert [r.route_key for r in plan.routes] == ["GET /health", "GET /items"]


def test_output_elements_and_output_lists_are_left_for_later():
    output = pulumi.Output.from_input
    plan = plan_http_api(
        "api",
        base(
            jwt_authorizer={"issuer": ISSUER, "audiences": ["client-a", output("client-b")]},
            cors={"allow_origins": output(["https://a.example.com"])},
            domain={"domain_name": output("api.example.com"), "certificate_arn": CERT},
        ),
    )
    assert plan.jwt_authorizer is not None
    assert plan.cors is not None
    assert plan.domain is not None


def test_timeout_check_ignores_values_that_are_not_known_ints():
    check_timeout(CHECK, "items", None, 30_000)
    check_timeout(CHECK, "items", 60, None)
    check_timeout(CHECK, "items", True, 30_000)
    with pytest.raises(NovaInputError, match="may run for 60 s"):
        check_timeout(CHECK, "items", 60, 30_000)


def test_certificate_region_check_ignores_unknown_or_malformed_values():
    check_certificate_region(CHECK, None, "us-east-1")
    check_certificate_region(CHECK, "not-an-arn", "us-east-1")
    check_certificate_region(CHECK, CERT, "us-east-1")
    check_certificate_region(CHECK, CERT, None)
    with pytest.raises(NovaInputError, match="the certificate is in us-east-1"):
        check_certificate_region(CHECK, CERT, "eu-west-1")
